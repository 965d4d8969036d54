import Foundation
import ZIPFoundation

/// The entries of a zip archive held in memory, read from its central
/// directory and inflated with bounds: never past an entry's compressed
/// size, never beyond `limit` bytes. ZIPFoundation's own `extract` reads on
/// past a damaged deflate stream and, at the end of the bytes, loops
/// forever (a single flipped bit in a Neware `.ndax` did it); here the
/// stream that does not end inside its entry is an error.
package enum ZipEntries {
  /// Why an entry could not be read.
  package struct Problem: Error, CustomStringConvertible {
    /// A sentence with the entry and the byte offset.
    package let description: String
  }

  /// One entry of the directory.
  package struct Entry: Sendable {
    /// Its path inside the archive.
    package let path: String
    /// 0 stored, 8 deflated.
    package let method: Int
    /// Where its data start, bytes from the start of the archive.
    package let dataOffset: Int
    /// Its compressed size, bytes.
    package let compressedSize: Int
    /// Its size once inflated, bytes, as the directory states it.
    package let uncompressedSize: Int
    /// The CRC-32 of its inflated bytes, as the directory states it.
    package let checksum: UInt32
  }

  /// What is wrong with the archive's directory, as a sentence with a byte
  /// offset; nil when every entry lies whole inside the bytes. Readers ask
  /// this before they open a zip.
  package static func problem(_ data: Data) -> String? {
    do {
      _ = try entries(data)
      return nil
    } catch {
      return "\(error)"
    }
  }

  /// Every entry of the archive, after checking that the directory, each
  /// local header and each entry's data lie inside the bytes.
  package static func entries(_ data: Data) throws -> [Entry] {
    let b = LittleEndianBytes(data)
    let n = b.count
    guard n >= 22 else { throw Problem(description: "\(n) bytes: too short for a zip") }
    var end = n - 22
    let lowest = max(0, n - 22 - 65_535)
    while end >= lowest,
      !(b.bytes[end] == 0x50 && b.bytes[end + 1] == 0x4B && b.bytes[end + 2] == 5
        && b.bytes[end + 3] == 6)
    {
      end -= 1
    }
    guard end >= lowest else { throw Problem(description: "no end-of-directory record") }
    do {
      let count = try b.u16(end + 10, "the entry count")
      let directorySize = try b.u32(end + 12, "the directory size")
      var offset = try b.u32(end + 16, "the directory offset")
      // Zip64 archives keep their directory's place elsewhere; their entries
      // are still checked one by one below.
      if directorySize != 0xFFFF_FFFF && offset != 0xFFFF_FFFF {
        guard offset + directorySize <= end else {
          throw Problem(
            description:
              "the directory (bytes \(offset)–\(offset + directorySize)) runs past its end record at byte \(end)"
          )
        }
      }
      let directoryStart = offset
      var found: [Entry] = []
      for _ in 0..<count {
        guard try b.u32(offset, "a directory entry") == 0x0201_4B50 else {
          throw Problem(description: "no directory entry at byte \(offset)")
        }
        let method = try b.u16(offset + 10, "a compression method")
        let checksum = UInt32(truncatingIfNeeded: try b.u32(offset + 16, "a checksum"))
        var compressed = try b.u32(offset + 20, "a compressed size")
        var uncompressed = try b.u32(offset + 24, "an uncompressed size")
        let nameLength = try b.u16(offset + 28, "a name length")
        let extra = try b.u16(offset + 30, "an extra length")
        let comment = try b.u16(offset + 32, "a comment length")
        var local = try b.u32(offset + 42, "a local header offset")
        // Zip64: the sizes and offset written as 0xFFFFFFFF are in the
        // extra field 0x0001, 8 bytes each, in this order.
        var field = offset + 46 + nameLength
        let fieldsEnd = field + extra
        while field + 4 <= fieldsEnd {
          let id = try b.u16(field, "an extra field id")
          let length = try b.u16(field + 2, "an extra field length")
          if id == 1 {
            var at = field + 4
            func next() throws -> Int {
              let low = try b.u32(at, "a zip64 size")
              let high = try b.u32(at + 4, "a zip64 size")
              at += 8
              guard high < 1 << 20 else { throw Problem(description: "a zip64 size beyond 2^52 bytes") }
              return high << 32 | low
            }
            if uncompressed == 0xFFFF_FFFF { uncompressed = try next() }
            if compressed == 0xFFFF_FFFF { compressed = try next() }
            if local == 0xFFFF_FFFF { local = try next() }
          }
          field += 4 + length
        }
        guard offset + 46 + nameLength <= n else {
          throw Problem(description: "a directory entry at byte \(offset) runs past the end")
        }
        let name = String(
          decoding: b.bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
        guard try b.u32(local, "a local header") == 0x0403_4B50 else {
          throw Problem(description: "\(name): no local header at byte \(local)")
        }
        let dataOffset =
          local + 30 + (try b.u16(local + 26, "a name length"))
          + (try b.u16(local + 28, "an extra length"))
        guard directoryStart == 0xFFFF_FFFF || dataOffset + compressed <= directoryStart else {
          throw Problem(
            description:
              "\(name): its \(compressed) bytes from byte \(dataOffset) run into the directory")
        }
        guard dataOffset + compressed <= n else {
          throw Problem(description: "\(name): its data (\(compressed) bytes from byte \(dataOffset)) run past its end (\(n) bytes)")
        }
        found.append(
          Entry(
            path: name, method: method, dataOffset: dataOffset, compressedSize: compressed,
            uncompressedSize: uncompressed, checksum: checksum))
        offset += 46 + nameLength + extra + comment
      }
      return found
    } catch let problem as Problem {
      throw problem
    } catch let error as LittleEndianBytes.Truncated {
      throw Problem(
        description: "the directory ends at byte \(error.offset), where \(error.expected) was expected")
    }
  }

  /// The bytes of `entry`, inflated; at most `limit` bytes (default 1 GiB),
  /// and only when their CRC-32 is the one the directory states (a flipped
  /// bit in a deflate stream can inflate to plausible-looking garbage).
  package static func bytes(of entry: Entry, in data: Data, limit: Int = 1 << 30) throws -> Data {
    let start = data.startIndex + entry.dataOffset
    let stored = data[start..<(start + entry.compressedSize)]
    let out: Data
    let crc: UInt32
    switch entry.method {
    case 0:
      out = Data(stored)
      crc = out.crc32(checksum: 0)
    case 8:
      (out, crc) = try inflate(entry, start: start, in: data, limit: limit)
    default:
      throw Problem(description: "\(entry.path): compression method \(entry.method) is not read")
    }
    guard crc == entry.checksum else {
      throw Problem(
        description:
          "\(entry.path): damaged (its CRC-32 is \(String(crc, radix: 16)), the directory says \(String(entry.checksum, radix: 16)))"
      )
    }
    return out
  }

  /// The deflated `entry` inflated, with its CRC-32.
  static func inflate(_ entry: Entry, start: Int, in data: Data, limit: Int) throws -> (
    Data, UInt32
  ) {
      var out = Data()
      let size = entry.compressedSize
      let crc: UInt32
      do {
        crc = try Data.decompress(
          size: Int64(size), bufferSize: 64 * 1024, skipCRC32: false,
          provider: { position, chunk in
            let from = Int(position)
            guard from < size else {
              throw Problem(
                description:
                  "\(entry.path): its deflate stream does not end within its \(size) bytes (damaged)")
            }
            let a = start + from
            return Data(data[a..<(a + min(chunk, size - from))])
          },
          consumer: { piece in
            out.append(piece)
            if out.count > limit {
              throw Problem(description: "\(entry.path): inflates beyond \(limit) bytes")
            }
          })
      } catch let problem as Problem {
        throw problem
      } catch {
        throw Problem(description: "\(entry.path): damaged compressed data (\(error))")
      }
      return (out, crc)
  }
}
