import Foundation
import Testing

@testable import IonicsCore

/// The OLE compound-file container (Excel 97–2003, TRIOS, Neware `.xls`)
/// against damaged headers found by the TGA and cycling fuzzers.
struct CompoundFileTests {
  /// A 1.5 KB file whose DIFAT chain points back to its own sector made the
  /// reader pass over it 100 000 times, collecting 12.7 million FAT-sector
  /// numbers (0.6 s and 160 MB for 1.5 KB). The chain is now bounded by the
  /// file's sectors and refused at once.
  @Test func loopingDIFATChainIsRefusedAtOnce() {
    var bytes = [UInt8](repeating: 0, count: 1536)
    bytes.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    bytes[0x1E] = 9  // 512-byte sectors
    bytes[0x20] = 6
    // The first DIFAT sector is sector 0 (0x44 = 0), whose last entry names sector 0 again.
    let start = Date()
    #expect {
      try CompoundFile(Data(bytes))
    } throws: { "\($0)".contains("DIFAT chain") || "\($0)".contains("FAT sectors") }
    #expect(Date().timeIntervalSince(start) < 0.5)
  }

  /// 109 header DIFAT entries of 0 name 109 FAT sectors in a file of two.
  @Test func moreFATSectorsThanTheFileHoldsAreRefused() {
    var bytes = [UInt8](repeating: 0, count: 1536)
    bytes.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    bytes[0x1E] = 9
    for k in 0..<4 { bytes[0x44 + k] = 0xFF }  // no DIFAT chain
    #expect { try CompoundFile(Data(bytes)) } throws: { "\($0)".contains("FAT sectors") }
  }
}
