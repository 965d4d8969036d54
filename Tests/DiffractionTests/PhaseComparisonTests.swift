import Crystal
import Foundation
import IonicsCore
import TestSupport
import Testing

@testable import Diffraction

@Suite("A measured pattern against a simulated phase")
struct PhaseComparisonTests {
  static func cubic(_ name: String, a: Double, group: String, sites: String) throws
    -> CrystalStructure
  {
    let text = TestCIF.block(
      name, cell: "\(a)", symmetry: "_symmetry_space_group_name_H-M '\(group)'", sites: sites)
    return try CrystalStructure(
      block: try CIFParser.parse(text, source: name).blocks[0], source: name)
  }

  static let nacl = try! cubic(
    "NaCl", a: 5.6401, group: "F m -3 m", sites: "Na1 0 0 0\nCl1 0.5 0.5 0.5")
  static let cscl = try! cubic(
    "CsCl", a: 4.123, group: "P m -3 m", sites: "Cs1 0 0 0\nCl1 0.5 0.5 0.5")

  /// A synthetic measurement: the phases' profiles (FWHM 0.08°) shifted by
  /// `zero`, scaled to `counts`, on a sloping background, with counting noise.
  static func measurement(
    _ phases: [(CrystalStructure, Double)], zero: Double, counts: Double = 20_000
  ) throws -> MeasuredPattern {
    var sim = PowderSimulation(radiation: try XRayRadiation("CuKa1"))
    sim.twoThetaRange = 15...80
    var total: [Double] = []
    var grid: [Double] = []
    for (structure, fraction) in phases {
      var pattern = try sim.pattern(of: structure)
      for k in pattern.peaks.indices { pattern.peaks[k].twoTheta += zero }
      let curve = try pattern.profile(PeakProfile(width: .fixed(0.08)), range: 15...80, step: 0.01)
      grid = curve.map(\.twoTheta)
      if total.isEmpty { total = Array(repeating: 0, count: curve.count) }
      for i in curve.indices { total[i] += fraction * curve[i].intensity }
    }
    var noise = SplitMix64(seed: 7)
    let y = zip(grid, total).map { x, p -> Double in
      let expected = 300 + 150 * exp(-(x - 15) / 25) + counts / 100 * p
      return max(0, expected + expected.squareRoot() * noise.gaussian())
    }
    return MeasuredPattern(twoTheta: grid, intensity: y, format: "synthetic")
  }

  /// Pure NaCl measured with a zero shift of +0.070°: the shift comes back
  /// within 0.005°, the scale fits, and the verdict is "pure".
  @Test func purePhaseWithZeroShift() throws {
    let measured = try Self.measurement([(Self.nacl, 1)], zero: 0.07)
    var sim = PowderSimulation(radiation: try XRayRadiation("CuKa1"))
    sim.twoThetaRange = 10...85
    let comparison = try PhaseComparison(
      measured: measured, simulated: try sim.pattern(of: Self.nacl))
    #expect(abs(comparison.zeroShift - 0.07) < 0.005, "\(comparison.zeroShift)")
    #expect(abs(comparison.fwhm - 0.08) < 0.02)
    #expect(comparison.isPure, "\(comparison.verdict)")
    #expect(comparison.verdict.hasPrefix("pure"))
    #expect(comparison.matches.count >= 7)
    #expect(comparison.rwp < 10)
  }

  /// NaCl with 20 % CsCl: the CsCl peaks (110 at 30.64°, 211 at 54.6° …)
  /// are named as unexplained, and NaCl's own peaks are all explained.
  @Test func impurityPeaksAreNamed() throws {
    let measured = try Self.measurement([(Self.nacl, 1), (Self.cscl, 0.2)], zero: -0.03)
    var sim = PowderSimulation(radiation: try XRayRadiation("CuKa1"))
    sim.twoThetaRange = 10...85
    let comparison = try PhaseComparison(
      measured: measured, simulated: try sim.pattern(of: Self.nacl))
    #expect(!comparison.isPure)
    #expect(abs(comparison.zeroShift + 0.03) < 0.005)
    var csclSim = sim
    csclSim.twoThetaRange = 15...80
    let cscl = try csclSim.pattern(of: Self.cscl).peaks.filter { $0.intensity > 20 }
    for peak in cscl {
      #expect(
        comparison.unexplained.contains { abs($0.twoTheta - (peak.twoTheta - 0.03)) < 0.05 },
        "CsCl \(peak.hklText) at \(peak.twoTheta)")
    }
    #expect(comparison.verdict.contains("not pure") && comparison.verdict.contains("30.6"))
  }

  /// Which reflections explain a peak: NaCl's 200 at 31.69° (Cu Kα1).
  @Test func indexingAPeak() throws {
    var sim = PowderSimulation(radiation: try XRayRadiation("CuKa1"))
    sim.twoThetaRange = 10...85
    let candidates = try sim.pattern(of: Self.nacl).index(31.70, tolerance: 0.1)
    #expect(candidates.first?.hklText == "200")
    #expect(candidates.first.map { abs($0.d - 5.6401 / 2) < 1e-9 } == true)
  }
}

@Suite("Measured pattern files")
struct MeasuredPatternTests {
  static func pattern(_ text: String) throws -> MeasuredPattern {
    try MeasuredPattern.read(Data(text.utf8), source: "test")
  }

  static let counts = (0..<20).map { 100 + $0 * 3 }

  /// Two columns with a header, decimal commas and semicolons; XYE's third
  /// column; descending 2θ is sorted.
  @Test func columns() throws {
    let semicolons =
      "Angle;Intensity\n"
      + Self.counts.enumerated().map { "\(10 + $0),5;\($1)" }.joined(separator: "\n")
    let p = try Self.pattern(semicolons)
    #expect(p.twoTheta.count == 20 && p.twoTheta[0] == 10.5 && p.intensity[0] == 100)
    let xye = Self.counts.enumerated().reversed().map { "\(10 + Double($0) * 0.02) \($1) 10" }
      .joined(separator: "\n")
    let q = try Self.pattern("# xye\n" + xye)
    #expect(q.twoTheta.first == 10 && q.intensity.last == 157)
    #expect(throws: DiffractionError.self) { try Self.pattern("1 2\n3 4\n") }
    #expect(throws: DiffractionError.self) {
      try Self.pattern(Self.counts.map { "\($0) 1" }.joined(separator: "\n") + "\n5 x")
    }
  }

  /// XRDML with start and end positions; RAS with an attenuator column.
  @Test func instrumentFormats() throws {
    let xrdml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <xrdMeasurements xmlns="http://www.xrdml.com/XRDMeasurement/1.5">
      <xrdMeasurement measurementType="Scan" status="Completed">
      <usedWavelength intended="K-Alpha 1"><kAlpha1 unit="Angstrom">1.5405980</kAlpha1></usedWavelength>
      <scan><dataPoints>
      <positions axis="2Theta" unit="deg"><startPosition>10.00</startPosition><endPosition>10.38</endPosition></positions>
      <positions axis="Omega" unit="deg"><startPosition>5.00</startPosition><endPosition>5.19</endPosition></positions>
      <commonCountingTime unit="seconds">1.0</commonCountingTime>
      <counts unit="counts">\(Self.counts.map(String.init).joined(separator: " "))</counts>
      </dataPoints></scan></xrdMeasurement></xrdMeasurements>
      """
    let a = try Self.pattern(xrdml)
    #expect(a.format == "XRDML" && a.twoTheta.count == 20 && abs(a.twoTheta[19] - 10.38) < 1e-12)
    #expect(a.wavelength == 1.540598 && a.intensity[1] == 103)
    // XRDML 2.x as some programs write it: a namespace prefix, CDATA, an
    // Omega axis listed before the 2θ axis, intensities instead of counts.
    let prefixed = """
      \u{FEFF}<?xml version="1.0" encoding="UTF-8"?>
      <x:xrdMeasurements xmlns:x="http://www.xrdml.com/XRDMeasurement/2.1"><x:xrdMeasurement>
      <x:usedWavelength><x:kAlpha1 unit="Angstrom">1.5405980</x:kAlpha1></x:usedWavelength>
      <x:scan><x:dataPoints>
      <x:positions axis="Omega" unit="deg"><x:listPositions>\((0..<20).map { "\(5 + Double($0) * 0.01)" }.joined(separator: " "))</x:listPositions></x:positions>
      <x:positions axis="2Theta" unit="deg"><x:startPosition>20</x:startPosition><x:endPosition>20.19</x:endPosition></x:positions>
      <x:intensities unit="counts"><![CDATA[\(Self.counts.map(String.init).joined(separator: " "))]]></x:intensities>
      </x:dataPoints></x:scan></x:xrdMeasurement></x:xrdMeasurements>
      """
    let c = try Self.pattern(prefixed)
    #expect(c.twoTheta.first == 20 && abs((c.twoTheta.last ?? 0) - 20.19) < 1e-12)
    #expect(c.intensity.count == 20 && c.intensity[19] == 157 && c.wavelength == 1.540598)
    let ras = """
      *RAS_DATA_START
      *RAS_HEADER_START
      *HW_XG_WAVE_LENGTH_ALPHA1 "1.540593"
      *RAS_HEADER_END
      *RAS_INT_START
      \(Self.counts.enumerated().map { "\(10 + Double($0) * 0.02) \($1) 2.0" }.joined(separator: "\n"))
      *RAS_INT_END
      *RAS_DATA_END
      """
    let b = try Self.pattern(ras)
    #expect(b.format == "RAS" && b.intensity[0] == 200 && b.wavelength == 1.540593)
    #expect(throws: DiffractionError.self) {
      try Self.pattern("<xrdMeasurements><counts>1 2</counts></xrdMeasurements>")
    }
  }

  /// Thousands of mutated XRDML, RAS and column files give a pattern or a
  /// DiffractionError, never a crash.
  @Test func mutatedFilesNeverCrash() {
    let seeds = [
      "<xrdMeasurements><positions axis=\"2Theta\"><startPosition>10</startPosition><endPosition>10.9</endPosition></positions><counts>1 2 3 4 5 6 7 8 9 10</counts></xrdMeasurements>",
      "*RAS_DATA_START\n*RAS_INT_START\n"
        + (0..<12).map { "\(10 + $0) \($0) 1" }.joined(separator: "\n") + "\n*RAS_INT_END",
      "2theta;I\n" + (0..<12).map { "\(10 + $0),5;\($0)" }.joined(separator: "\n"),
    ]
    let alphabet: [Character] = [
      "<", ">", "/", "\"", "=", " ", "\n", ";", ",", ".", "-", "1", "9", "e", "x", "*", ":",
    ]
    var state: UInt64 = 5
    var read = 0
    for seed in seeds {
      for _ in 0..<1500 {
        var picks: [Int] = []
        for _ in 0..<Int(state % 7 + 1) {
          state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
          picks.append(Int(state >> 40))
        }
        let text = TextMutation.mutated(seed, edits: picks, alphabet: alphabet)
        do {
          let p = try MeasuredPattern.read(Data(text.utf8), source: "fuzz")
          #expect(p.twoTheta.count == p.intensity.count)
          read += 1
        } catch {
          // A DiffractionError naming the file.
          #expect("\(error)".contains("fuzz"))
        }
      }
    }
    #expect(read > 100)
  }
}
