import Foundation
import IonicsCore

/// A number as instruments write it: decimal point or, when `decimalComma`,
/// decimal comma; surrounding quotes and spaces ignored. Works on UTF-8
/// bytes: this runs once per field of files with millions of fields.
func parseNumber(_ field: Substring, decimalComma: Bool) -> Double? {
  var utf8 = field.utf8
  // Single quotes too (DecimalBytes trims spaces, tabs, double quotes and CR).
  while let b = utf8.first, b == 39 { utf8 = utf8.dropFirst() }
  while let b = utf8.last, b == 39 { utf8 = utf8.dropLast() }
  if let value = utf8.withContiguousStorageIfAvailable({ bytes in
    DecimalBytes.parse(UnsafeRawBufferPointer(bytes), 0, bytes.count, decimalComma: decimalComma)
  }) {
    return value
  }
  var text = String(Substring(utf8))
  if decimalComma { text = text.replacingOccurrences(of: ",", with: ".") }
  return Double(text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"\r")))
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
