import Foundation
import IonicsCore

/// JCAMP-DX 4.24 and 5.x files: labelled data records, `##XYDATA=(X++(Y..Y))`
/// in AFFN, PAC or the compressed ASDF forms (SQZ, DIF, DUP, with the DIF
/// Y-check), `##XYPOINTS` and `##PEAK TABLE` pairs, and compound files
/// whose `LINK` block holds several spectra. NTUPLES (the form of NMR and
/// multi-page data) is refused with its name.
public enum JCAMPFile {
  /// Whether `head` starts like a JCAMP-DX file.
  public static func recognises(_ head: Data) -> Bool {
    let text = String(decoding: head.prefix(2048), as: UTF8.self)
    return text.contains("##JCAMP-DX=") || text.contains("##JCAMPDX=")
      || (text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("##TITLE="))
  }

  /// Every spectrum of the file (one per data block).
  public static func read(_ data: Data, source: String) throws(SpectroscopyError) -> [OpticalSpectrum] {
    let decoded = String(decoding: data, as: UTF8.self)
    let clean = decoded.unicodeScalars.contains("\u{FFFD}")
      ? String(decoding: data.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self) : decoded
    // Old instruments end lines with CR alone.
    let text = clean.utf8.contains(10) ? clean : clean.replacingOccurrences(of: "\r", with: "\n")
    let lines = splitLines(text)
    var spectra: [OpticalSpectrum] = []
    var labels: [String: String] = [:]
    var dataStart: (form: String, line: Int)?
    var dataLines: [(Int, Substring)] = []
    var sawNTuples = false
    func finish() throws(SpectroscopyError) {
      guard let start = dataStart else { return }
      spectra.append(try block(labels, form: start.form, startLine: start.line, lines: dataLines, source: source))
      dataStart = nil
      dataLines = []
    }
    for (index, raw) in lines.enumerated() {
      let line = trimmed(raw)
      if line.hasPrefix("##") {
        guard let equals = line.firstIndex(of: "=") else { continue }
        let label = Self.normalised(line[line.index(line.startIndex, offsetBy: 2)..<equals])
        let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        if label.hasPrefix("$") { continue }
        if dataStart != nil { try finish() }
        switch label {
        case "TITLE": labels = ["TITLE": value]
        case "NTUPLES": sawNTuples = true
        case "XYDATA", "XYPOINTS", "PEAKTABLE":
          labels[label] = value
          dataStart = (label + " " + value.replacingOccurrences(of: " ", with: ""), index + 1)
        case "END": labels.removeAll()
        default: labels[label] = value
        }
      } else if dataStart != nil {
        // Comments after $$ are dropped.
        let body = commentStart(raw).map { raw[..<$0] } ?? raw
        if !isBlank(body) { dataLines.append((index + 1, body)) }
      }
    }
    try finish()
    guard !spectra.isEmpty else {
      throw sawNTuples
        ? .unsupported(file: source, "an NTUPLES file (JCAMP-DX 5 multi-page data, such as NMR): not read")
        : .malformed(file: source, line: 0, expected: "a ##XYDATA=, ##XYPOINTS= or ##PEAK TABLE= block")
    }
    return spectra
  }

  /// `line` without leading and trailing spaces and tabs (on the bytes).
  static func trimmed(_ line: Substring) -> Substring {
    let u = line.utf8
    guard let first = u.firstIndex(where: { $0 != 32 && $0 != 9 }), let last = u.lastIndex(where: { $0 != 32 && $0 != 9 })
    else { return line[line.endIndex...] }
    return line[first...last]
  }

  /// Where a `$$` comment starts in `line`, if it has one.
  static func commentStart(_ line: Substring) -> Substring.Index? {
    let u = line.utf8
    guard u.contains(36) else { return nil }
    var previous: UInt8 = 0
    for i in u.indices {
      if u[i] == 36, previous == 36 { return u.index(before: i) }
      previous = u[i]
    }
    return nil
  }

  /// "DATA TYPE" → "DATATYPE", as the standard compares labels.
  static func normalised(_ label: Substring) -> String {
    label.uppercased().filter { !" -/_".contains($0) }
  }

  static func number(_ labels: [String: String], _ key: String) -> Double? {
    labels[key].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
  }

  static func block(
    _ labels: [String: String], form: String, startLine: Int, lines: [(Int, Substring)], source: String
  ) throws(SpectroscopyError) -> OpticalSpectrum {
    let xFactor = number(labels, "XFACTOR") ?? 1
    let yFactor = number(labels, "YFACTOR") ?? 1
    var x: [Double] = []
    var y: [Double] = []
    if form.contains("X++(Y..Y)") || form.contains("X++(R..R)") || form.contains("X++(I..I)") {
      guard let count = number(labels, "NPOINTS").map(Int.init(fileValue:)) ?? nil, count > 0,
        let first = number(labels, "FIRSTX"), let last = number(labels, "LASTX")
      else {
        throw .malformed(file: source, line: startLine, expected: "##NPOINTS, ##FIRSTX and ##LASTX before (X++(Y..Y)) data")
      }
      guard count <= 64 * max(lines.reduce(0) { $0 + $1.1.count }, 1) else {
        throw .malformed(file: source, line: startLine, expected: "##NPOINTS that the data lines can hold, not \(count)")
      }
      var previousEndedInDifference = false
      for (number, line) in lines {
        let tokens = try tokenize(line, line: number, source: source)
        guard let head = tokens.first, !head.isDifference else {
          throw .malformed(file: source, line: number, expected: "an X value at the start of the line")
        }
        var values: [Double] = []
        for token in tokens.dropFirst() {
          if token.isDifference {
            guard let last = values.last ?? y.last else {
              throw .malformed(file: source, line: number, expected: "a Y value before the first difference")
            }
            values.append(last + token.value)
          } else {
            values.append(token.value)
          }
        }
        // DIF's Y-check: a line that follows one ending in a difference repeats its last Y.
        if previousEndedInDifference, !values.isEmpty { values.removeFirst() }
        previousEndedInDifference = tokens.last?.isDifference == true
        y += values
      }
      guard y.count >= count else {
        throw .malformed(file: source, line: lines.last?.0 ?? startLine, expected: "\(count) Y values (##NPOINTS), not \(y.count)")
      }
      if y.count > count { y.removeLast(y.count - count) }
      let step = count > 1 ? (last - first) / Double(count - 1) : 0
      x = (0..<count).map { first + Double($0) * step }
      y = y.map { $0 * yFactor }
    } else if form.contains("(XY..XY)") {
      for (number, line) in lines {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "\t" })
        guard fields.count % 2 == 0 else {
          throw .malformed(file: source, line: number, expected: "X,Y pairs")
        }
        for k in stride(from: 0, to: fields.count, by: 2) {
          guard let a = Double(fields[k]), let b = Double(fields[k + 1]), a.isFinite, b.isFinite else {
            throw .malformed(file: source, line: number, expected: "numbers in X,Y pairs")
          }
          x.append(a * xFactor)
          y.append(b * yFactor)
        }
      }
    } else {
      throw .unsupported(file: source, "the data form '\(form)' is not read")
    }
    return OpticalSpectrum(
      title: labels["TITLE"] ?? "", dataType: labels["DATATYPE"] ?? "", xUnits: labels["XUNITS"] ?? "",
      yUnits: labels["YUNITS"] ?? "", x: x, y: y, origin: "JCAMP-DX \(labels["JCAMPDX"] ?? "")".trimmingCharacters(in: .whitespaces))
  }

  /// One number of a data line: a value, or a difference from the previous one.
  struct Token {
    var value: Double
    var isDifference: Bool
  }

  /// The numbers of one data line in AFFN, PAC, SQZ, DIF and DUP forms.
  static func tokenize(_ line: Substring, line number: Int, source: String) throws(SpectroscopyError) -> [Token] {
    var tokens: [Token] = []
    var text: [UInt8] = []
    var isDifference = false
    var pendingDuplicate: [UInt8] = []
    func parsed(_ bytes: [UInt8]) -> Double? { Double(String(decoding: bytes, as: UTF8.self)) }
    func close() throws(SpectroscopyError) {
      if !pendingDuplicate.isEmpty {
        guard let n = parsed(pendingDuplicate).flatMap({ Int(fileValue: $0) }), n >= 1, n <= 1_000_000,
          let last = tokens.last
        else {
          throw .malformed(file: source, line: number, expected: "a repeat count after a value (DUP)")
        }
        tokens += Array(repeating: last, count: n - 1)
        pendingDuplicate.removeAll(keepingCapacity: true)
      }
      guard !text.isEmpty else { return }
      guard let v = parsed(text), v.isFinite else {
        throw .malformed(
          file: source, line: number, expected: "a number, not '\(String(decoding: text.prefix(30), as: UTF8.self))'")
      }
      tokens.append(Token(value: v, isDifference: isDifference))
      text.removeAll(keepingCapacity: true)
    }
    let bytes = Array(line.utf8)
    var i = 0
    while i < bytes.count {
      let c = bytes[i]
      let next: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
      i += 1
      // An exponent in an AFFN number ("1.5E-07") is not the SQZ digit E or e.
      if c == UInt8(ascii: "E") || c == UInt8(ascii: "e"), !isDifference, let last = text.last,
        last >= UInt8(ascii: "0") && last <= UInt8(ascii: "9"), next == UInt8(ascii: "+") || next == UInt8(ascii: "-")
      {
        text.append(UInt8(ascii: "E"))
        if let sign = next { text.append(sign) }
        i += 1
        continue
      }
      let kind = c < 128 ? Self.kinds[Int(c)] : .invalid
      switch kind {
      case .squeezed(let digit):
        try close()
        text = digit < 0 ? [UInt8(ascii: "-"), UInt8(ascii: "0") + UInt8(-digit)] : [UInt8(ascii: "0") + UInt8(digit)]
        isDifference = false
      case .difference(let digit):
        try close()
        text = digit < 0 ? [UInt8(ascii: "-"), UInt8(ascii: "0") + UInt8(-digit)] : [UInt8(ascii: "0") + UInt8(digit)]
        isDifference = true
      case .duplicate(let digit):
        try close()
        pendingDuplicate = [UInt8(ascii: "0") + UInt8(digit)]
      case .digit:
        if pendingDuplicate.isEmpty { text.append(c) } else { pendingDuplicate.append(c) }
      case .sign:
        try close()
        text = c == UInt8(ascii: "-") ? [c] : []
        isDifference = false
      case .separator:
        try close()
      case .invalid:
        throw .malformed(
          file: source, line: number,
          expected: "AFFN or ASDF characters, not '\(c < 128 ? String(UnicodeScalar(c)) : "byte \(c)")'")
      }
    }
    try close()
    return tokens
  }

  /// What an ASCII character means in a JCAMP-DX data line.
  enum CharacterKind {
    case squeezed(Int), difference(Int), duplicate(Int), digit, sign, separator, invalid
  }

  /// The meaning of each ASCII code: SQZ @A–I (0…9) and a–i (−1…−9), DIF
  /// %J–R and j–r, DUP S–Z and s (1…9), digits and the point, signs,
  /// separators (space, tab, comma, semicolon, and ? for a missing value).
  static let kinds: [CharacterKind] = {
    var k = [CharacterKind](repeating: .invalid, count: 128)
    for (i, c) in "@ABCDEFGHI".utf8.enumerated() { k[Int(c)] = .squeezed(i) }
    for (i, c) in "abcdefghi".utf8.enumerated() { k[Int(c)] = .squeezed(-(i + 1)) }
    for (i, c) in "%JKLMNOPQR".utf8.enumerated() { k[Int(c)] = .difference(i) }
    for (i, c) in "jklmnopqr".utf8.enumerated() { k[Int(c)] = .difference(-(i + 1)) }
    for (i, c) in "STUVWXYZs".utf8.enumerated() { k[Int(c)] = .duplicate(i + 1) }
    for c in "0123456789.".utf8 { k[Int(c)] = .digit }
    for c in "+-".utf8 { k[Int(c)] = .sign }
    for c in " \t,;?".utf8 { k[Int(c)] = .separator }
    return k
  }()
}
