import Foundation

/// Just enough of an Office Open XML workbook (.xlsx) to read an
/// instrument's export (cyclers, impedance tables): the sheet names (`xl/workbook.xml` and its relationships), the
/// shared strings, and each sheet's cells as text (`<c r="B2" t="s"><v>…`,
/// inline strings, numbers as written). No styles, formulas or dates are
/// interpreted: cyclers write plain numbers.
package struct SpreadsheetXLSX: Sendable {
  /// Why a workbook cannot be opened: `missing` names a part that is not
  /// there, `unreadable` a zip that is damaged.
  package enum Failure: Error, Sendable {
    /// A damaged or cut zip.
    case unreadable(String)
    /// A part the workbook must have.
    case missing(String)
  }

  /// Sheet names in workbook order.
  package let sheetNames: [String]
  private let sheetPaths: [String: String]
  private let sharedStrings: [String]
  private let parts: [String: Data]

  /// Whether `data` is a zip holding `xl/workbook.xml`.
  package static func isWorkbook(_ data: Data) -> Bool {
    guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]), ZipEntries.problem(data) == nil else {
      return false
    }
    return (try? ZipEntries.entries(data))?.contains { $0.path == "xl/workbook.xml" } ?? false
  }

  /// Opens the workbook in `data` (named `source` in errors).
  package init(_ data: Data, source: String) throws(Failure) {
    if let problem = ZipEntries.problem(data) {
      throw .unreadable("not a whole .xlsx (zip): \(problem)")
    }
    var parts: [String: Data] = [:]
    do {
      for entry in try ZipEntries.entries(data)
      where entry.path.hasPrefix("xl/") && entry.path.hasSuffix(".xml")
        || entry.path.hasSuffix(".rels")
      {
        parts[entry.path] = try ZipEntries.bytes(of: entry, in: data)
      }
    } catch {
      throw .unreadable("not a readable .xlsx (zip) file: \(error)")
    }
    guard let workbook = parts["xl/workbook.xml"].map({ String(decoding: $0, as: UTF8.self) })
    else {
      throw .missing("xl/workbook.xml in the .xlsx")
    }
    // r:Id → target, from the workbook's relationships.
    var targets: [String: String] = [:]
    let rels = parts["xl/_rels/workbook.xml.rels"].map { String(decoding: $0, as: UTF8.self) } ?? ""
    for tag in Self.tags("Relationship", in: rels) {
      if let id = Self.attribute("Id", in: tag), let target = Self.attribute("Target", in: tag) {
        targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
      }
    }
    var names: [String] = []
    var paths: [String: String] = [:]
    for (k, tag) in Self.tags("sheet", in: workbook).enumerated() {
      guard let name = Self.attribute("name", in: tag).map(Self.unescape) else { continue }
      let id = Self.attribute("r:id", in: tag) ?? ""
      names.append(name)
      paths[name] = targets[id] ?? "xl/worksheets/sheet\(k + 1).xml"
    }
    var strings: [String] = []
    if let shared = parts["xl/sharedStrings.xml"].map({ String(decoding: $0, as: UTF8.self) }) {
      for item in Self.elements("si", in: shared) {
        strings.append(Self.elements("t", in: item).map(Self.unescape).joined())
      }
    }
    sheetNames = names
    sheetPaths = paths
    sharedStrings = strings
    self.parts = parts
  }

  /// The cells of sheet `name` as rows of text (empty text for missing cells).
  package func rows(_ name: String) -> [[String]] {
    guard let path = sheetPaths[name], let data = parts[path] else { return [] }
    let b = [UInt8](data)
    let n = b.count
    var rows: [[String]] = []
    var cells: [String] = []
    var inRow = false
    /// Whether the bytes at i spell `word`.
    func at(_ i: Int, _ word: StaticString) -> Bool {
      let count = word.utf8CodeUnitCount
      guard i + count <= n else { return false }
      let p = word.utf8Start
      for k in 0..<count where b[i + k] != p[k] { return false }
      return true
    }
    func find(_ word: StaticString, from: Int) -> Int? {
      var i = from
      let first = word.utf8Start[0]
      while i < n {
        if b[i] == first, at(i, word) { return i }
        i += 1
      }
      return nil
    }
    func text(_ from: Int, _ to: Int) -> String {
      Self.unescape(String(decoding: b[from..<to], as: UTF8.self))
    }
    var i = 0
    while i < n {
      guard b[i] == 60 else {  // "<"
        i += 1
        continue
      }
      if at(i, "<row") {
        if inRow { rows.append(cells) }
        cells = []
        inRow = true
        // An empty row: <row …/>.
        var k = i
        while k < n, b[k] != 62 { k += 1 }
        if k > 0, b[k - 1] == 47 {
          rows.append(cells)
          inRow = false
        }
        i = k + 1
        continue
      }
      if at(i, "</row>") {
        if inRow { rows.append(cells) }
        cells = []
        inRow = false
        i += 6
        continue
      }
      guard at(i, "<c"), i + 2 < n, b[i + 2] == 32 || b[i + 2] == 62 || b[i + 2] == 47 else {
        i += 1
        continue
      }
      // Attributes up to ">".
      var k = i + 2
      while k < n, b[k] != 62 { k += 1 }
      let attributes = String(decoding: b[(i + 2)..<k], as: UTF8.self)
      var column = cells.count
      if let ref = Self.attribute("r", in: attributes) {
        var c = 0
        for ch in ref.utf8 where ch >= 65 && ch <= 90 { c = min(c * 26 + Int(ch - 64), 1 << 20) }
        if c > 0 { column = c - 1 }
      }
      let kind = Self.attribute("t", in: attributes) ?? "n"
      var value = ""
      if k > 0, b[k - 1] == 47 {
        i = k + 1
      } else {
        let end = find("</c>", from: k + 1) ?? n
        if kind == "inlineStr" {
          var t = k + 1
          while let open = find("<t", from: t), open < end {
            var gt = open
            while gt < end, b[gt] != 62 { gt += 1 }
            guard let close = find("</t>", from: gt), close <= end else { break }
            value += text(gt + 1, close)
            t = close + 4
          }
        } else if let open = find("<v>", from: k + 1), open < end,
          let close = find("</v>", from: open + 3), close <= end
        {
          value = text(open + 3, close)
          if kind == "s", let s = Int(value), s >= 0, s < sharedStrings.count {
            value = sharedStrings[s]
          }
        }
        i = min(end + 4, n)
      }
      // Excel's last column is XFD (16 384): a reference beyond it is damage.
      guard column < 16_384 else { continue }
      if column >= cells.count { cells += Array(repeating: "", count: column - cells.count + 1) }
      cells[column] = value
    }
    if inRow { rows.append(cells) }
    return rows
  }

  /// The start tags `<name …>` in `text`, each as its attribute text.
  static func tags(_ name: String, in text: String) -> [Substring] {
    var found: [Substring] = []
    var rest = text[...]
    while let open = rest.range(of: "<\(name)") {
      let after = rest[open.upperBound...]
      guard let close = after.firstIndex(of: ">") else { break }
      if let first = after.first, first == " " || first == "/" || first == ">" {
        found.append(after[..<close])
      }
      rest = after[close...]
    }
    return found
  }

  /// The contents of the elements `<name …>…</name>` in `text`.
  static func elements(_ name: String, in text: some StringProtocol) -> [Substring] {
    let text = Substring(text)
    var found: [Substring] = []
    var rest = text
    while let open = rest.range(of: "<\(name)") {
      let after = rest[open.upperBound...]
      guard let first = after.first, first == " " || first == ">" || first == "/",
        let close = after.firstIndex(of: ">")
      else {
        rest = after
        continue
      }
      if after[..<close].hasSuffix("/") {
        found.append(after[close..<close])
        rest = after[close...]
        continue
      }
      let body = after[after.index(after: close)...]
      guard let end = body.range(of: "</\(name)>") else { break }
      found.append(body[..<end.lowerBound])
      rest = body[end.upperBound...]
    }
    return found
  }

  /// The value of attribute `name` in a tag's attribute text.
  static func attribute(_ name: String, in tag: some StringProtocol) -> String? {
    let bytes = Array(tag.utf8)
    let key = Array(name.utf8) + [61]  // name=
    var i = 0
    while i + key.count < bytes.count {
      let boundary = i == 0 || bytes[i - 1] == 32 || bytes[i - 1] == 9 || bytes[i - 1] == 10
      if boundary, bytes[i] == key[0], Array(bytes[i..<(i + key.count)]) == key {
        let quote = bytes[i + key.count]
        guard quote == 34 || quote == 39 else { return nil }
        var end = i + key.count + 1
        while end < bytes.count, bytes[end] != quote { end += 1 }
        return String(decoding: bytes[(i + key.count + 1)..<end], as: UTF8.self)
      }
      i += 1
    }
    return nil
  }

  /// XML character references and the five named entities. Shared by the
  /// readers of XML formats (workbooks, SpecsLab 2).
  package static func unescape(_ text: some StringProtocol) -> String {
    guard text.utf8.contains(38) else { return String(text) }
    var out = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      guard let semi = rest[amp...].firstIndex(of: ";") else {
        out += rest[amp...]
        return out
      }
      let entity = rest[rest.index(after: amp)..<semi]
      switch entity {
      case "amp": out += "&"
      case "lt": out += "<"
      case "gt": out += ">"
      case "quot": out += "\""
      case "apos": out += "'"
      default:
        let number =
          entity.hasPrefix("#x")
          ? UInt32(entity.dropFirst(2), radix: 16)
          : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
        if let n = number, let scalar = Unicode.Scalar(n) {
          out.unicodeScalars.append(scalar)
        } else {
          out += rest[amp...semi]
        }
      }
      rest = rest[rest.index(after: semi)...]
    }
    return out + rest
  }
}
