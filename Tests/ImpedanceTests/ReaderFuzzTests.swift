import Foundation
import Impedance
import TestSupport
import Testing

/// Damaged real files (truncated, bytes flipped, lines dropped) and random
/// bytes: every reader must return spectra or throw ImpedanceReadError,
/// never crash or hang.
@Suite(SharedData.required)
struct ReaderFuzzTests {
  static let files = [
    "eis/impedance.py/exampleDataBioLogic.mpr", "eis/yadg/peis.issue_149.mpr",
    "eis/impedance.py/exampleDataBioLogic.mpt",
    "eis/impedance.py/exampleDataGamry.DTA", "eis/impedance.py/exampleDataZPlot.z",
    "eis/impedance.py/exampleDataAutolab.txt",
    "eis/impedance.py/exampleDataIvium.idf", "eis/pyimpspec-tests/data.dfr",
    "eis/pyimpspec-tests/data.json",
    "eis/EISFitpython/Example-2/Example2b.txt", "eis/impedance.py/exampleDataVersaStudio.par",
  ]

  @Test(arguments: files)
  func damagedFilesGiveValuesOrTypedErrors(path: String) throws {
    let original = [UInt8](try Data(contentsOf: SharedData.url(path)))
    var damage = ByteDamage(
      seed: 0x1234_5678_9ABC_DEF0 &+ UInt64(path.utf8.count),
      interesting: [0, 0xFF, 0x0A, 0x09, 0x2C, 0x3B, 0x2E, 0x2D, 0x65, 0x20, 0x7B, 0x22])
    for trial in 0..<300 {
      let bytes = damage.damaged(original, trial: trial)
      do {
        let spectra = try ImpedanceFile.read(Data(bytes), source: "fuzz")
        for s in spectra { #expect(s.frequencies.allSatisfy { $0 > 0 && $0.isFinite }) }
      } catch is ImpedanceReadError {
      } catch {
        Issue.record("untyped error \(error) for \(path) trial \(trial)")
      }
    }
  }
}

/// A text without numbers is refused in time linear in its size: the header
/// search asked "where is the next data line?" from every line, which made
/// 96 KB of words take minutes. 1 MB must be refused in seconds; the bound
/// is 30 s so that a slow shared machine does not fail it, while the
/// quadratic search would take hours.
@Test func wordsWithoutNumbersAreRefusedInLinearTime() throws {
  let text = String(repeating: "abc def ghi\n", count: 90_000)
  let start = Date()
  #expect(throws: (any Error).self) {
    try ImpedanceFile.read(Data(text.utf8), source: "words.txt")
  }
  #expect(Date().timeIntervalSince(start) < 30)
}

/// A cycler export is not an impedance spectrum: its named header has no
/// frequency, and it is refused instead of read as f, Z′, Z″ (it was fitted
/// as 1200 "points" from 186 Hz down).
@Test func aCyclerTableIsRefused() throws {
  let text = """
    Test Time / h,Current / A,Voltage / V,Cycle Count / 1,Step Index / 1
    0.4966,2.34e-05,2.57,1,1
    0.9933,2.34e-05,2.64,1,1
    1.4899,2.34e-05,2.70,1,1
    """
  #expect {
    try ImpedanceFile.read(Data(text.utf8), source: "cell.csv")
  } throws: { "\($0)".contains("no frequency column") && "\($0)".contains("Voltage / V") }
  // A headerless table of three numbers per row is still read as f, Z′, Z″.
  let plain = "1000,10,-5\n100,12,-8\n10,15,-3\n"
  #expect(try ImpedanceFile.read(Data(plain.utf8), source: "z.csv").first?.count == 3)
}

/// Found by the impedance fuzzer: an EC-Lab header whose "Nb header lines : 1"
/// stands on the file's only line sliced lines 2..<2 of a one-line file
/// (a Swift trap). It is now refused with a located error.
@Test func oneLineECLabHeaderIsRefused() throws {
  let bytes: [UInt8] = [
    0x45, 0x43, 0x2D, 0x4C, 0x61, 0x62, 0x20, 0x41, 0x53, 0x43, 0x49, 0x49,
    0x20, 0x46, 0x49, 0x4C, 0x45, 0x23, 0x4E, 0x62, 0x20, 0x68, 0x65, 0x61,
    0x64, 0x65, 0x72, 0x20, 0x6C, 0x69, 0x6E, 0x65, 0x73, 0x20, 0x3A, 0x20,
    0x31, 0x20, 0x20, 0x20, 0x20, 0x31, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x59, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x6D, 0x73, 0x74,
    0x69, 0x76, 0x69, 0x74, 0x79, 0x29, 0x2F, 0x4F, 0x68, 0x6D, 0x2E, 0x00,
    0x00, 0xFF, 0xFF, 0xFD, 0xFE, 0x00, 0x9D, 0x97,
  ]
  #expect(throws: (any Error).self) { try ImpedanceFile.read(Data(bytes), source: "crash-8e5a3e9f") }
  #expect(throws: (any Error).self) {
    try ImpedanceFile.read(Data("EC-Lab ASCII FILE\nNb header lines : 2\n".utf8), source: "two-lines.mpt")
  }
}
