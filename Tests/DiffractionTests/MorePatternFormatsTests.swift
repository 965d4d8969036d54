import Foundation
import TestSupport
import Testing

@testable import Diffraction

/// Pattern formats of the second collection (shared/data/xrd), against the
/// values SOURCES.md records.
@Suite("More pattern formats", SharedData.required("xrd"))
struct MorePatternFormatsTests {
  static func pattern(_ name: String) throws -> MeasuredPattern {
    try MeasuredPattern.read(Data(contentsOf: SharedData.url("xrd/\(name)")), source: name)
  }

  /// The same PANalytical scan as CSV, XRDML 1.6 and .xy: the identical
  /// 4 489 (2θ, I) pairs, the first 5.008355630° → 1719 counts.
  @Test func oneScanInThreeFormats() throws {
    let csv = try Self.pattern("yadg_210520step1_30min.csv")
    let xrdml = try Self.pattern("yadg_210520step1_30min.xrdml")
    let xy = try Self.pattern("yadg_210520step1_30min.xy")
    for p in [csv, xrdml, xy] {
      #expect(p.twoTheta.count == 4_489)
      #expect(abs(p.twoTheta[0] - 5.008_355_630) < 1e-6 && p.intensity[0] == 1719)
    }
    #expect(csv.intensity == xy.intensity && xrdml.intensity == xy.intensity)
    #expect(zip(csv.twoTheta, xy.twoTheta).allSatisfy { abs($0 - $1) < 1e-8 })
    #expect(zip(xrdml.twoTheta, xy.twoTheta).allSatisfy { abs($0 - $1) < 1e-5 })
    // The CSV states Kα1 and a Kα2 ratio of 0: a monochromated Kα1 beam.
    #expect(csv.wavelength == 1.540598 && csv.kAlpha2Ratio == 0)
    #expect(try XRayRadiation.stated(by: 1.540598, kAlpha2Ratio: 0).components.count == 1)
    #expect(try XRayRadiation.stated(by: 1.540598).components.count == 2)
  }

  /// Rigaku .rasx: 2 851 steps from 3° (2589 counts) to 60° (119), λ(Kα1)
  /// 1.540593 Å from the measurement conditions.
  @Test func rigakuRASX() throws {
    let p = try Self.pattern("datalab_JO_KL_16_ZF_3_60deg_0.02step_12degpermin_001.rasx")
    #expect(p.twoTheta.count == 2_851)
    #expect(p.twoTheta.first == 3 && p.intensity.first == 2589)
    #expect(p.twoTheta.last == 60 && p.intensity.last == 119)
    #expect(p.wavelength == 1.540593)
  }

  /// GSAS STD CONST: `BANK 1 8378 838 CONST 1500.66 1.31303 0 0 STD`, ten
  /// counts per record: 8 378 points from 15.0066° in steps of 0.0131303°;
  /// the first counts 2364, 2382. No wavelength: GSAS keeps it elsewhere.
  @Test func gsasStandard() throws {
    let p = try Self.pattern("gsas2tut_NIST660CBI.gsas")
    #expect(p.twoTheta.count == 8_378)
    #expect(abs(p.twoTheta[0] - 15.0066) < 1e-9 && p.intensity[0] == 2364 && p.intensity[1] == 2382)
    #expect(abs(p.twoTheta[8_377] - (15.0066 + 8_377 * 0.0131303)) < 1e-9)
    #expect(p.wavelength == nil)
  }

  /// GSAS FXYE from 11-BM: 59 497 points from 0.5° in 0.001° steps, λ =
  /// 0.413909 Å from the '# Calibrated wavelength' comment.
  @Test func gsasFXYE() throws {
    let p = try Self.pattern("gsas2tut_11BM_NAC.fxye")
    #expect(p.twoTheta.count == 59_497)
    #expect(abs(p.twoTheta[0] - 0.5) < 1e-12 && abs(p.intensity[0] - 239.933) < 1e-9)
    #expect(abs(p.twoTheta[1] - 0.501) < 1e-12)
    #expect(p.wavelength == 0.413909)
  }

  /// A bank that declares more points than the file holds is refused
  /// before anything is allocated.
  @Test func gsasOverclaimedCount() {
    let text = "title\nBANK 1 999999999 1 CONST 1000 1 0 0 STD\n    1   2\n"
    #expect(throws: DiffractionError.self) {
      try MeasuredPattern.read(Data(text.utf8), source: "big.gsas")
    }
  }

  /// DIFFRAC.EVA .xy: the quoted header names the anode (Cu → Kα1).
  @Test func evaAnode() throws {
    let p = try Self.pattern("datalab_example_evadiffract.xy")
    #expect(p.twoTheta.count == 28)
    #expect(abs((p.wavelength ?? 0) - 1.54056) < 1e-4)
  }

  /// 11-BM .xye: SOURCES.md says λ is not in the file, but its header
  /// comment '# Calibrated wavelength = 0.414581' states it, and it is read.
  @Test func elevenBMWavelength() throws {
    let p = try Self.pattern("datalab_example_bmb.xye")
    #expect(p.twoTheta.count == 575 && p.wavelength == 0.414581)
  }

  /// The MAC and Mythen columns state no wavelength.
  @Test(arguments: [
    ("datalab_example_mac.xye", 599),
    ("datalab_example_mythen.dat", 730), ("datalab_example_mythen.xye", 74),
  ])
  func synchrotronColumns(name: String, points: Int) throws {
    let p = try Self.pattern(name)
    #expect(p.twoTheta.count == points)
    #expect(p.wavelength == nil)
  }
}

/// Inputs the fuzzer found, reduced: each must be refused, not allocated.
@Suite("Pattern fuzz findings")
struct PatternFuzzFindingsTests {
  /// A Bruker RAW1.01 range that declares 4 × 10⁹ steps asked for 9 GB
  /// before reading one: the count is checked against the file's size.
  @Test func brukerStepCountBeyondTheFile() {
    var bytes = [UInt8](repeating: 0, count: 712 + 304 + 16)
    bytes.replaceSubrange(0..<7, with: Array("RAW1.01".utf8))
    func put(_ value: UInt32, at offset: Int) {
      for k in 0..<4 { bytes[offset + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) }
    }
    put(1, at: 12)  // one range
    put(304, at: 712)  // its header length
    put(4_000_000_000, at: 716)  // steps
    put(4, at: 712 + 252)  // bytes per step
    #expect(throws: DiffractionError.self) {
      try MeasuredPattern.read(Data(bytes), source: "steps.raw")
    }
  }
}
