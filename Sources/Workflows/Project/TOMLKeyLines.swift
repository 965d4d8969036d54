import Foundation

/// Where each table header and key of a TOML text is, by line (TOMLKit
/// gives values without positions). A key is found under the header that
/// precedes it: `table`, the `n`-th `[[table]]` (0-based), then the key.
struct TOMLKeyLines {
  private var lines: [String: Int] = [:]
  /// Keys whose line carries a `PLACEHOLDER` comment: (table, index, key, line).
  private(set) var placeholders: [(table: String, index: Int, key: String, line: Int)] = []

  init(_ text: String) {
    var table = ""
    var counts: [String: Int] = [:]
    var n = 0
    for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      n += 1
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("[[") {
        let name = Self.name(line.dropFirst(2).prefix { $0 != "]" })
        let index = counts[name, default: 0]
        counts[name] = index + 1
        table = "\(name)#\(index)"
        lines[table] = lines[table] ?? n
      } else if line.hasPrefix("[") {
        let name = Self.name(line.dropFirst().prefix { $0 != "]" })
        table = "\(name)#0"
        lines[table] = lines[table] ?? n
      } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
        let key = Self.name(line[..<equals])
        lines["\(table).\(key)"] = lines["\(table).\(key)"] ?? n
        if line.contains("# PLACEHOLDER"), let hash = table.lastIndex(of: "#"),
          let index = Int(table[table.index(after: hash)...])
        {
          placeholders.append((String(table[..<hash]), index, key, n))
        }
      }
    }
  }

  private static func name(_ text: Substring) -> String {
    text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
  }

  /// The line of `key` in the `index`-th `table` (its header's line when
  /// `key` is nil or absent; 1 when neither is found).
  func line(table: String, index: Int = 0, key: String? = nil) -> Int {
    if let key, let n = lines["\(table)#\(index).\(key)"] { return n }
    return lines["\(table)#\(index)"] ?? 1
  }
}
