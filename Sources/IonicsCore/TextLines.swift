import Foundation

/// A number as instruments write it: decimal point or, when `decimalComma`,
/// decimal comma; surrounding quotes and spaces ignored. Works on UTF-8
/// bytes: this runs once per field of files with millions of fields.
package func parseNumber(_ field: Substring, decimalComma: Bool) -> Double? {
  if let value = field.utf8.withContiguousStorageIfAvailable({ bytes in
    parseNumber(UnsafeRawBufferPointer(bytes), 0, bytes.count, decimalComma: decimalComma)
  }) {
    return value
  }
  var text = String(field).trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'\r"))
  if decimalComma { text = text.replacingOccurrences(of: ",", with: ".") }
  return Double(text)
}

/// The number in bytes `start..<end` of `raw`: single quotes trimmed here,
/// spaces, tabs, double quotes and CR by ``DecimalBytes``.
package func parseNumber(_ raw: UnsafeRawBufferPointer, _ start: Int, _ end: Int, decimalComma: Bool)
  -> Double?
{
  var s = start
  var e = end
  while s < e, raw[s] == 39 { s += 1 }
  while e > s, raw[e - 1] == 39 { e -= 1 }
  return DecimalBytes.parse(raw, s, e, decimalComma: decimalComma)
}

/// Lines of `text` split on LF (a trailing CR dropped), found on the UTF-8
/// bytes rather than on grapheme clusters.
package func splitLines(_ text: String) -> [Substring] {
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
package func isBlank(_ line: Substring) -> Bool { line.utf8.allSatisfy { $0 == 32 || $0 == 9 } }

/// The fields of `line`, split on the UTF-8 bytes: on `separator` (empty
/// fields kept), or, when it is nil, on runs of spaces and tabs (no empty
/// fields).
package func splitFields(_ line: Substring, on separator: UInt8?) -> [Substring] {
  var fields: [Substring] = []
  let utf8 = line.utf8
  var start = utf8.startIndex
  var index = start
  if let separator {
    while index != utf8.endIndex {
      if utf8[index] == separator {
        fields.append(line[start..<index])
        start = utf8.index(after: index)
      }
      index = utf8.index(after: index)
    }
    fields.append(line[start..<utf8.endIndex])
    return fields
  }
  var inField = false
  while index != utf8.endIndex {
    let byte = utf8[index]
    let space = byte == 32 || byte == 9
    if space, inField {
      fields.append(line[start..<index])
      inField = false
    } else if !space, !inField {
      start = index
      inField = true
    }
    index = utf8.index(after: index)
  }
  if inField { fields.append(line[start..<utf8.endIndex]) }
  return fields
}

/// Whether `data` holds the UTF-8 bytes of `pattern`, found with memchr
/// on the first byte (Data's own search is slow on Linux, and text files
/// here run to megabytes).
package func containsBytes(_ data: Data, _ pattern: String) -> Bool {
  let needle = Array(pattern.utf8)
  guard let head = needle.first else { return true }
  return data.withUnsafeBytes { raw in
    guard let base = raw.baseAddress, raw.count >= needle.count else { return false }
    var offset = 0
    let last = raw.count - needle.count
    while offset <= last {
      guard let hit = memchr(base + offset, Int32(head), last - offset + 1) else { return false }
      let at = base.distance(to: UnsafeRawPointer(hit))
      if needle.indices.allSatisfy({ raw[at + $0] == needle[$0] }) { return true }
      offset = at + 1
    }
    return false
  }
}
