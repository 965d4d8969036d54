import Foundation
import TestSupport
import Testing
import ZIPFoundation

@testable import IonicsCore

/// Zip entries read from the directory and inflated within bounds.
struct ZipEntriesTests {
  /// An archive written by ZIPFoundation, one entry stored and one deflated.
  static func archive(_ text: String) throws -> Data {
    let archive = try Archive(accessMode: .create)
    let payload = Data(text.utf8)
    for (name, method) in [("stored.txt", CompressionMethod.none), ("deflated.txt", .deflate)] {
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(payload.count),
        compressionMethod: method,
        provider: { position, size in
          payload.subdata(in: Int(position)..<Int(position) + size)
        })
    }
    return try #require(archive.data)
  }

  @Test func storedAndDeflatedEntriesReadBack() throws {
    let text = String(repeating: "Na6[Re4As2S2(CN)12] 1.05e-5 S/cm\n", count: 500)
    let data = try Self.archive(text)
    let entries = try ZipEntries.entries(data)
    #expect(entries.map(\.path) == ["stored.txt", "deflated.txt"])
    for entry in entries {
      #expect(String(decoding: try ZipEntries.bytes(of: entry, in: data), as: UTF8.self) == text)
    }
    #expect(entries[1].compressedSize < entries[1].uncompressedSize)
  }

  /// A deflate stream cut inside its entry ends in an error, and a limit
  /// stops an entry that inflates too far.
  @Test func damagedAndOversizedStreamsAreRefused() throws {
    let text = String(repeating: "abcdefgh", count: 20_000)
    var data = try Self.archive(text)
    let entries = try ZipEntries.entries(data)
    let deflated = try #require(entries.last)
    #expect(throws: ZipEntries.Problem.self) {
      try ZipEntries.bytes(of: deflated, in: data, limit: 1000)
    }
    // One flipped bit in the stored entry: the CRC-32 tells.
    var flipped = data
    flipped[entries[0].dataOffset + 10] ^= 1
    #expect(throws: ZipEntries.Problem.self) {
      try ZipEntries.bytes(of: entries[0], in: flipped)
    }
    // Flip the bits of the deflated entry's middle.
    for k in 0..<8 { data[deflated.dataOffset + deflated.compressedSize / 2 + k] ^= 0xFF }
    let start = Date()
    _ = try? ZipEntries.bytes(of: deflated, in: data)
    #expect(Date().timeIntervalSince(start) < 10)
  }

  /// The bit flips in a real Neware .ndax that made ZIPFoundation's extract
  /// loop forever: read or refused, and quickly.
  @Test(SharedData.required("cycling"))
  func flippedBitsInARealNdaxEndQuickly() throws {
    let original = try Data(contentsOf: SharedData.url("cycling/neware/navani_test.ndax"))
    for bit in 0..<8 {
      var data = original
      data[39036] ^= UInt8(1 << bit)
      let start = Date()
      if let entries = try? ZipEntries.entries(data) {
        for entry in entries { _ = try? ZipEntries.bytes(of: entry, in: data) }
      }
      #expect(Date().timeIntervalSince(start) < 10, "bit \(bit)")
    }
  }
}
