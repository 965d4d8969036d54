import Foundation

/// Text of an instrument file: UTF-16 when it starts with a byte-order
/// mark, UTF-8 when the bytes are valid UTF-8, Latin-1 otherwise (EC-Lab
/// writes µ and ° in Latin-1 or Windows-1252).
func decodeText(_ data: Data) -> String {
  let bytes = [UInt8](data.prefix(2))
  if bytes == [0xFF, 0xFE] || bytes == [0xFE, 0xFF] {
    if let text = String(data: data, encoding: .utf16) { return text }
  }
  var body = data
  if data.starts(with: [0xEF, 0xBB, 0xBF]) { body = data.dropFirst(3) }
  if let text = String(data: body, encoding: .utf8) { return text }
  return String(body.map { Character(Unicode.Scalar($0)) })
}

/// A number as instruments write it: decimal point or, when `decimalComma`,
/// decimal comma; surrounding quotes and spaces ignored.
func parseNumber(_ field: Substring, decimalComma: Bool) -> Double? {
  var text = field.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'\r"))
  if text.isEmpty { return nil }
  if decimalComma { text = text.replacingOccurrences(of: ",", with: ".") }
  return Double(text)
}
