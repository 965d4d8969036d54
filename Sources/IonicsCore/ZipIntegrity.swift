import Foundation

/// A check of a zip archive's directory before it is opened: the end
/// record, the central directory and every entry's local header and data
/// must lie inside the bytes. A cut or damaged zip is refused here with a
/// sentence, where an in-memory zip reader could otherwise read past the end.
package enum ZipIntegrity {
  /// Nil when the directory is whole, else what is wrong (with a byte offset).
  package static func problem(_ data: Data) -> String? {
    let b = LittleEndianBytes(data)
    let n = b.count
    guard n >= 22 else { return "\(n) bytes: too short for a zip" }
    // The end-of-central-directory record, within the last 64 KiB + 22 bytes.
    var end = n - 22
    let lowest = max(0, n - 22 - 65_535)
    while end >= lowest {
      if b.bytes[end] == 0x50, b.bytes[end + 1] == 0x4B, b.bytes[end + 2] == 5,
        b.bytes[end + 3] == 6
      {
        break
      }
      end -= 1
    }
    guard end >= lowest else { return "no end-of-directory record (the zip is cut short)" }
    do {
      let entries = try b.u16(end + 10, "the entry count")
      let size = try b.u32(end + 12, "the directory size")
      let start = try b.u32(end + 16, "the directory offset")
      // Zip64 archives keep their sizes elsewhere: left to the reader.
      if entries == 0xFFFF || size == 0xFFFF_FFFF || start == 0xFFFF_FFFF { return nil }
      guard start + size <= end else {
        return
          "the directory (bytes \(start)–\(start + size)) runs past its end record at byte \(end)"
      }
      var offset = start
      for k in 0..<entries {
        guard try b.u32(offset, "a directory entry") == 0x0201_4B50 else {
          return "directory entry \(k + 1) of \(entries) at byte \(offset) is not one"
        }
        let compressed = try b.u32(offset + 20, "a compressed size")
        let nameLength = try b.u16(offset + 28, "a name length")
        let extra = try b.u16(offset + 30, "an extra length")
        let comment = try b.u16(offset + 32, "a comment length")
        let local = try b.u32(offset + 42, "a local header offset")
        if compressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF {
          guard try b.u32(local, "a local header") == 0x0403_4B50 else {
            return "entry \(k + 1): no local header at byte \(local)"
          }
          let dataStart =
            local + 30 + (try b.u16(local + 26, "a name length"))
            + (try b.u16(local + 28, "an extra length"))
          guard dataStart + compressed <= start else {
            return
              "entry \(k + 1): its \(compressed) bytes from byte \(dataStart) run into the directory"
          }
        }
        offset += 46 + nameLength + extra + comment
      }
      return nil
    } catch {
      return "the directory ends at byte \(error.offset), where \(error.expected) was expected"
    }
  }
}
