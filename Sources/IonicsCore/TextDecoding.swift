import Foundation

/// Text of a data file as instruments and programs write it.
public enum TextDecoding {
  /// UTF-16 when the bytes start with a byte-order mark, UTF-8 (without its
  /// BOM) when they are valid UTF-8, Latin-1 otherwise (EC-Lab writes µ and °
  /// in Latin-1 or Windows-1252; old CIFs do the same). Never fails.
  public static func decode(_ data: Data) -> String {
    let bytes = [UInt8](data.prefix(2))
    if bytes == [0xFF, 0xFE] || bytes == [0xFE, 0xFF] {
      // A file cut after an odd number of bytes loses its last half character.
      let whole = data.count % 2 == 0 ? data : data.dropLast()
      if let text = String(data: whole, encoding: .utf16) { return text }
    }
    var body = data
    if data.starts(with: [0xEF, 0xBB, 0xBF]) { body = data.dropFirst(3) }
    if let text = String(data: body, encoding: .utf8) { return text }
    // Latin-1: each byte is the code point, which is also its UTF-16 unit.
    return String(decoding: body.map { UInt16($0) }, as: UTF16.self)
  }
}
