import Foundation

/// A number as instruments write it: decimal point or, when `decimalComma`,
/// decimal comma; surrounding quotes and spaces ignored. Works on UTF-8
/// bytes: this runs once per field of files with millions of fields.
func parseNumber(_ field: Substring, decimalComma: Bool) -> Double? {
  var bytes = field.utf8[...]
  while let b = bytes.first, b == 32 || b == 9 || b == 34 || b == 39 || b == 13 {
    bytes = bytes.dropFirst()
  }
  while let b = bytes.last, b == 32 || b == 9 || b == 34 || b == 39 || b == 13 {
    bytes = bytes.dropLast()
  }
  if bytes.isEmpty { return nil }
  if decimalComma && bytes.contains(44) {
    return Double(String(decoding: bytes.map { $0 == 44 ? 46 : $0 }, as: UTF8.self))
  }
  return Double(Substring(bytes))
}

/// Lines of `text` split on LF (a trailing CR dropped), found on the UTF-8
/// bytes rather than on grapheme clusters.
func splitLines(_ text: String) -> [Substring] {
  var lines: [Substring] = []
  let utf8 = text.utf8
  var start = utf8.startIndex
  var index = start
  while index != utf8.endIndex {
    if utf8[index] == 10 {
      var end = index
      if end > start, utf8[utf8.index(before: end)] == 13 { end = utf8.index(before: end) }
      lines.append(text[start..<end])
      start = utf8.index(after: index)
    }
    index = utf8.index(after: index)
  }
  var end = utf8.endIndex
  if end > start, utf8[utf8.index(before: end)] == 13 { end = utf8.index(before: end) }
  lines.append(text[start..<end])
  return lines
}

/// Whether a line holds only spaces and tabs.
func isBlank(_ line: Substring) -> Bool { line.utf8.allSatisfy { $0 == 32 || $0 == 9 } }
