import Foundation
import Testing
import ZIPFoundation

@testable import Diffraction

/// Bruker files written here byte by byte after the published layouts
/// (no real one is at hand): a RAW1.01 with two ranges and supplementary
/// headers, a RAW4.00 with a tube record, a 2Theta drive and 8-byte
/// points, and a .brml; each must give back the pattern written into it.
@Suite("Bruker .raw and .brml")
struct BrukerFileTests {
  /// Little-endian bytes, filled at offsets.
  struct Writer {
    var bytes: [UInt8]
    init(count: Int) { bytes = [UInt8](repeating: 0, count: count) }
    mutating func put(_ value: UInt64, _ size: Int, at offset: Int) {
      for i in 0..<size { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
    }
    mutating func u32(_ v: Int, at o: Int) { put(UInt64(v), 4, at: o) }
    mutating func f32(_ v: Double, at o: Int) { put(UInt64(Float(v).bitPattern), 4, at: o) }
    mutating func f64(_ v: Double, at o: Int) { put(v.bitPattern, 8, at: o) }
    mutating func text(_ s: String, at o: Int) {
      for (i, c) in s.utf8.enumerated() { bytes[o + i] = c }
    }
  }

  /// A NaCl-like pattern: 10–60° by 0.02°, peaks on a background.
  static let start = 10.0
  static let step = 0.02
  static let counts: [Double] = (0..<2501).map { i in
    let x = start + Double(i) * step
    return 200 + 5000 * exp(-pow((x - 31.69) / 0.05, 2)) + 2000 * exp(-pow((x - 45.45) / 0.05, 2))
  }

  /// RAW1.01: the pattern split into two ranges at point 1200, the first
  /// with 40 bytes of supplementary header.
  static func rawVersion3() -> Data {
    let split = 1200
    let header = 712
    var w = Writer(count: header + 2 * 304 + 40 + 4 * counts.count)
    w.text("RAW1.01", at: 0)
    w.u32(2, at: 12)
    w.text("Cu", at: 608)
    w.f64(1.54184, at: 616)
    w.f64(1.540598, at: 624)
    w.f64(1.544426, at: 632)
    w.f64(0.5, at: 648)
    var offset = header
    for (r, range) in [0..<split, split..<counts.count].enumerated() {
      let supplementary = r == 0 ? 40 : 0
      w.u32(304, at: offset)
      w.u32(range.count, at: offset + 4)
      w.f64((start + Double(range.lowerBound) * step) / 2, at: offset + 8)
      w.f64(start + Double(range.lowerBound) * step, at: offset + 16)
      w.f64(step, at: offset + 176)
      w.u32(4, at: offset + 252)
      w.u32(supplementary, at: offset + 256)
      offset += 304 + supplementary
      for i in range {
        w.f32(counts[i], at: offset)
        offset += 4
      }
    }
    return Data(w.bytes)
  }

  /// RAW4.00: a tube record in the metadata, one range whose header says
  /// 0° but whose 2Theta drive says 10°, 8 bytes per point.
  static func rawVersion4() -> Data {
    let metadata = 8 + 112
    let drives = 64 + 64
    var w = Writer(count: 61 + metadata + 160 + drives + 8 * counts.count)
    w.text("RAW4.00", at: 0)
    w.u32(metadata, at: 56)
    w.u32(10, at: 61)  // an empty key/value record
    w.u32(8, at: 65)
    w.u32(30, at: 69)
    w.u32(112, at: 73)
    w.f64(1.540598, at: 69 + 80)
    var o = 61 + metadata
    w.text("Locked Coupled", at: o + 32)
    w.f64(0, at: o + 72)
    w.f64(step, at: o + 80)
    w.u32(counts.count, at: o + 88)
    w.u32(8, at: o + 136)
    w.u32(drives, at: o + 140)
    for (k, (name, value)) in [("Theta", start / 2), ("2Theta", start)].enumerated() {
      let d = o + 160 + 64 * k
      w.u32(50, at: d)
      w.u32(64, at: d + 4)
      w.text(name, at: d + 12)
      w.f64(value, at: d + 56)
    }
    o += 160 + drives
    for c in counts {
      w.f32(c, at: o)
      w.f32(-1, at: o + 4)  // a second value per point that is not the intensity
      o += 8
    }
    return Data(w.bytes)
  }

  /// A .brml: `Experiment0/RawData0.xml` with <Datum> rows.
  static func brml() throws -> Data {
    var xml = """
      <?xml version="1.0" encoding="utf-8"?>
      <RawData><FixedInformation><Instrument><PrimaryTracks><TrackInfoData><MountedOptics>
      <InfoData><Tube><WaveLengthAlpha1 Value="1.540598" Unit="Å" /></Tube></InfoData>
      </MountedOptics></TrackInfoData></PrimaryTracks></Instrument></FixedInformation>
      <DataRoutes><DataRoute><DataViews><RawDataView /></DataViews>

      """
    for (i, c) in counts.enumerated() {
      let x = start + Double(i) * step
      xml += "<Datum>1,1,\(x),\(x / 2),\(Float(c))</Datum>\n"
    }
    xml += "</DataRoute></DataRoutes></RawData>\n"
    let archive = try Archive(accessMode: .create)
    let bytes = Data(xml.utf8)
    try archive.addEntry(
      with: "Experiment0/RawData0.xml", type: .file, uncompressedSize: Int64(bytes.count),
      compressionMethod: .deflate
    ) { position, size in
      bytes.subdata(in: Int(position)..<(Int(position) + size))
    }
    return try #require(archive.data)
  }

  static func expectPattern(_ p: MeasuredPattern, format: String) {
    #expect(p.format == format)
    #expect(p.twoTheta.count == counts.count)
    #expect(p.wavelength.map { abs($0 - 1.540598) < 1e-12 } == true)
    for i in [0, 1199, 1200, 1584, counts.count - 1] where i < p.twoTheta.count {
      #expect(abs(p.twoTheta[i] - (start + Double(i) * step)) < 1e-9, "2θ of point \(i)")
      // Stored as float32: equal to the float32-rounded counts.
      #expect(p.intensity[i] == Double(Float(counts[i])), "intensity of point \(i)")
    }
  }

  @Test func rawVersion3WithTwoRanges() throws {
    let p = try MeasuredPattern.read(Self.rawVersion3(), source: "v3.raw")
    Self.expectPattern(p, format: "Bruker RAW1.01")
    #expect(p.notes.isEmpty)
  }

  @Test func rawVersion4TakesTheStartFromThe2ThetaDrive() throws {
    let p = try MeasuredPattern.read(Self.rawVersion4(), source: "v4.raw")
    Self.expectPattern(p, format: "Bruker RAW4.00")
  }

  @Test func brmlRows() throws {
    let p = try MeasuredPattern.read(try Self.brml(), source: "scan.brml")
    Self.expectPattern(p, format: "Bruker BRML")
  }

  /// Cut files and other versions get errors that name the file and the byte.
  @Test func damagedFilesGiveClearErrors() throws {
    let v3 = Self.rawVersion3()
    #expect(throws: DiffractionError.self) {
      try MeasuredPattern.read(v3.prefix(712 + 304 + 100), source: "cut.raw")
    }
    do {
      _ = try MeasuredPattern.read(v3.prefix(712 + 304 + 100), source: "cut.raw")
    } catch {
      #expect(error.description.contains("cut.raw"))
      // The step count is checked against the file's size before reading.
      #expect(error.description.contains("1200 steps"), "\(error)")
      #expect(error.description.contains("byte"))
    }
    do {
      _ = try MeasuredPattern.read(Data("RAW2".utf8) + Data(count: 600), source: "old.raw")
      Issue.record("a RAW2 file was read")
    } catch {
      #expect(error.description.contains("RAW1.01 and RAW4.00"))
    }
    for cut in [10, 61 + 50, 61 + 120 + 100, 61 + 120 + 160 + 128 + 12] {
      #expect(throws: DiffractionError.self) {
        try MeasuredPattern.read(Self.rawVersion4().prefix(cut), source: "cut4.raw")
      }
    }
    #expect(throws: DiffractionError.self) {
      try MeasuredPattern.read(try Self.brml().prefix(300), source: "cut.brml")
    }
  }

  /// A NaCl pattern written as RAW4.00 with a +0.05° zero shift: the
  /// comparison with the simulation finds the shift and calls it pure.
  @Test func rawFileThroughThePhaseComparison() throws {
    let measured = try PhaseComparisonTests.measurement(
      [(PhaseComparisonTests.nacl, 1)], zero: 0.05)
    var w = Writer(count: 61 + 160 + 4 * measured.intensity.count)
    w.text("RAW4.00", at: 0)
    w.text("Locked Coupled", at: 61 + 32)
    w.f64(measured.twoTheta[0], at: 61 + 72)
    w.f64(measured.twoTheta[1] - measured.twoTheta[0], at: 61 + 80)
    w.u32(measured.intensity.count, at: 61 + 88)
    w.u32(4, at: 61 + 136)
    for (i, c) in measured.intensity.enumerated() { w.f32(c, at: 61 + 160 + 4 * i) }
    let read = try MeasuredPattern.read(Data(w.bytes), source: "nacl.raw")
    #expect(read.wavelength == nil)
    var sim = PowderSimulation(radiation: try XRayRadiation("CuKa1"))
    sim.twoThetaRange = 10...85
    let comparison = try PhaseComparison(
      measured: read, simulated: try sim.pattern(of: PhaseComparisonTests.nacl))
    #expect(abs(comparison.zeroShift - 0.05) < 0.005, "\(comparison.zeroShift)")
    #expect(comparison.isPure, "\(comparison.verdict)")
  }
}
