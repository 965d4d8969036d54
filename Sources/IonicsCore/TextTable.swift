import Foundation

/// A plain-text table with a header row, numbers right-aligned: what every
/// command prints.
public struct TextTable: Sendable {
  /// The column headers.
  public let headers: [String]
  /// The rows, as added.
  public private(set) var rows: [[String]] = []

  /// A table with these headers.
  public init(_ headers: String...) { self.headers = headers }

  /// Adds a row.
  public mutating func add(_ cells: String...) { rows.append(cells) }

  /// Adds a row given as an array.
  public mutating func add(row cells: [String]) { rows.append(cells) }

  /// The table as text, columns padded, numbers right-aligned.
  public var rendered: String {
    let count = headers.count
    var widths = headers.map(\.count)
    for row in rows {
      for (i, cell) in row.prefix(count).enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    func isNumeric(_ s: String) -> Bool {
      guard let first = s.unicodeScalars.first else { return false }
      return "0123456789-+.".unicodeScalars.contains(first)
    }
    func line(_ cells: [String], header: Bool) -> String {
      (0..<count).map { i in
        let cell = i < cells.count ? cells[i] : ""
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        return !header && isNumeric(cell) ? pad + cell : cell + pad
      }.joined(separator: "  ")
    }
    var out = [
      line(headers, header: true),
      widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "),
    ]
    out += rows.map { line($0, header: false) }
    return out.map { trimTrailing($0) }.joined(separator: "\n")
  }

  private func trimTrailing(_ s: String) -> String {
    var t = Substring(s)
    while t.last == " " { t.removeLast() }
    return String(t)
  }
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line
/// break, with quotes doubled.
public func csvField(_ text: String) -> String {
  guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
  return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
