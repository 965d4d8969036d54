import Foundation
import Workflows

/// A plain-text table with a header row, numbers right-aligned.
struct TextTable {
  let headers: [String]
  private(set) var rows: [[String]] = []

  init(_ headers: String...) { self.headers = headers }

  mutating func add(_ cells: String...) { rows.append(cells) }

  /// Adds a row given as an array.
  mutating func add(row cells: [String]) { rows.append(cells) }

  var rendered: String {
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

/// `x` with `digits` significant digits, switching to an exponent outside 1e-3…1e6.
func significant(_ x: Double, _ digits: Int = 4) -> String {
  if x == 0 { return "0" }
  guard x.isFinite else { return "\(x)" }
  let magnitude = abs(x)
  if magnitude < 1e-3 || magnitude >= 1e6 { return String(format: "%.\(digits - 1)e", x) }
  let decimals = max(0, digits - 1 - Int(log10(magnitude).rounded(.down)))
  return String(format: "%.\(decimals)f", x)
}
