import Foundation
import IonicsCore

/// Bruker DIFFRAC files: binary `.raw` (RAW1.01, Bruker's "version 3", and
/// RAW4.00) and the zipped XML `.brml`. Layouts, as documented by xylib
/// (DIFFRAC^plus XCH manual, appendix A) and by readers checked against
/// Bruker's own exports:
/// - RAW1.01: a 712-byte file header (range count u32 at 12, anode text at
///   608, Kα average, Kα1, Kα2, Kβ and the Kα2/Kα1 ratio as float64 at
///   616–648); per range a header (its length u32 at +0, steps u32 at +4,
///   start 2θ float64 at +16, step float64 at +176, bytes per step u32 at
///   +252, supplementary header size u32 at +256), the supplementary
///   headers, then one record per step whose first float32 is the intensity.
/// - RAW4.00: a 61-byte preamble (metadata length u32 at 56), metadata
///   records (u32 kind, u32 length; kind 30 the tube, Kα1 float64 at +80),
///   then per range a 160-byte header (scan type text at +32, start float64
///   at +72, step at +80, points u32 at +88, bytes per point u32 at +136,
///   drive records' length u32 at +140), drive records (kind 50, name at
///   +12, start float64 at +56; the "2Theta" drive gives the start), then
///   one record per point, intensity first.
/// - `.brml`: `Experiment0/RawData0.xml` holds one `<Datum>` per step,
///   "time, used, 2θ, θ, intensity", and the tube's `WaveLengthAlpha1`.
extension MeasuredPattern {
  /// Whether `data` starts like a Bruker .raw.
  static func isBrukerRaw(_ data: Data) -> Bool {
    data.starts(with: Array("RAW".utf8))
  }

  /// A Bruker .raw; ranges after the first are read as well when they
  /// continue it to higher 2θ, else left out with a note.
  static func brukerRaw(_ data: Data, source: String) throws(DiffractionError) -> MeasuredPattern {
    let b = LittleEndianBytes(data)
    do {
      let magic = try b.text(0, 7, "the format name")
      switch magic {
      case "RAW1.01", "RAW1.02": return try rawVersion3(b, source: source)
      case "RAW4.00": return try rawVersion4(b, source: source)
      default:
        throw DiffractionError.badInput(
          "\(source): a Bruker RAW file of version '\(magic.prefix(4))'; RAW1.01 and RAW4.00 are read (DIFFRAC.EVA or PowDLL convert older ones)"
        )
      }
    } catch let error as LittleEndianBytes.Truncated {
      throw .badInput(
        "\(source): the file ends at byte \(error.offset), where \(error.expected) was expected")
    } catch let error as DiffractionError {
      throw error
    } catch {
      throw .badInput("\(source): \(error)")
    }
  }

  /// One range: its first 2θ, step and intensities.
  private struct Range {
    var start: Double
    var step: Double
    var counts: [Double]
  }

  /// A step count the file can hold: `steps` records of `size` bytes from
  /// `start`, checked before anything is allocated for them.
  private static func requireSteps(
    _ steps: Int, of size: Int, from start: Int, in b: LittleEndianBytes, _ what: String,
    _ source: String
  ) throws {
    let (bytes, overflow) = steps.multipliedReportingOverflow(by: max(size, 1))
    guard steps >= 0, !overflow, start >= 0, start <= b.count, bytes <= b.count - start else {
      throw DiffractionError.badInput(
        "\(source), byte \(start): \(what) declares \(steps) steps of \(size) bytes, more than the \(b.count)-byte file holds")
    }
  }

  private static func rawVersion3(_ b: LittleEndianBytes, source: String) throws -> MeasuredPattern
  {
    let rangeCount = try b.u32(12, "the number of ranges")
    let alpha1 = try b.f64(624, "Kα1")
    var ranges: [Range] = []
    var offset = 712
    for r in 0..<rangeCount {
      let what = "range \(r + 1) of \(rangeCount)"
      let headerLength = try b.u32(offset, "the header length of \(what)")
      guard headerLength >= 260 else {
        throw DiffractionError.badInput(
          "\(source), byte \(offset): \(what) has a \(headerLength)-byte header; expected at least 260"
        )
      }
      let steps = try b.u32(offset + 4, "the step count of \(what)")
      let start = try b.f64(offset + 16, "the first 2θ of \(what)")
      let step = try b.f64(offset + 176, "the 2θ step of \(what)")
      let recordSize = max(try b.u32(offset + 252, "the bytes per step of \(what)"), 4)
      let supplementary = try b.u32(offset + 256, "the supplementary header size of \(what)")
      let dataStart = offset + headerLength + supplementary
      try requireSteps(steps, of: recordSize, from: dataStart, in: b, what, source)
      var counts = [Double](repeating: 0, count: steps)
      for i in 0..<steps {
        counts[i] = try b.f32(
          dataStart + i * recordSize, "intensity \(i + 1) of \(steps) in \(what)")
      }
      ranges.append(Range(start: start, step: step, counts: counts))
      offset = dataStart + steps * recordSize
    }
    return try pattern(ranges, wavelength: alpha1, format: "Bruker RAW1.01", source: source)
  }

  private static func rawVersion4(_ b: LittleEndianBytes, source: String) throws -> MeasuredPattern
  {
    let metadataEnd = 61 + (try b.u32(56, "the metadata length"))
    var alpha1: Double?
    var offset = 61
    while offset + 8 <= metadataEnd {
      let kind = try b.u32(offset, "a metadata record kind")
      let length = try b.u32(offset + 4, "a metadata record length")
      guard length >= 8, offset + length <= metadataEnd else { break }
      if kind == 30, length >= 112 { alpha1 = try b.f64(offset + 80, "Kα1") }
      offset += length
    }
    var ranges: [Range] = []
    offset = metadataEnd
    while offset + 160 <= b.count {
      let what = "range \(ranges.count + 1) (byte \(offset))"
      let scanType = try b.text(offset + 32, 24, "the scan type of \(what)")
      var start = try b.f64(offset + 72, "the first 2θ of \(what)")
      let step = try b.f64(offset + 80, "the step of \(what)")
      let points = try b.u32(offset + 88, "the point count of \(what)")
      let recordSize = max(try b.u32(offset + 136, "the bytes per point of \(what)"), 4)
      let drives = try b.u32(offset + 140, "the drive records' length of \(what)")
      guard points > 0, points < 50_000_000, step.isFinite, start.isFinite else {
        throw DiffractionError.badInput(
          "\(source), byte \(offset): \(what) has \(points) points from \(start) by \(step); not a scan"
        )
      }
      var twoThetaDrive = false
      var d = offset + 160
      while d + 64 <= offset + 160 + drives {
        let kind = try b.u32(d, "a drive record kind")
        let length = try b.u32(d + 4, "a drive record length")
        guard length >= 8 else { break }
        if kind == 50, length >= 64, try b.text(d + 12, 24, "a drive name") == "2Theta" {
          start = try b.f64(d + 56, "the 2Theta drive start")
          twoThetaDrive = true
        }
        d += length
      }
      if !twoThetaDrive, scanType != "Locked Coupled", !scanType.isEmpty {
        throw DiffractionError.badInput(
          "\(source): \(what) is a '\(scanType)' scan without a 2Theta drive; its angles cannot be named"
        )
      }
      let dataStart = offset + 160 + drives
      try requireSteps(points, of: recordSize, from: dataStart, in: b, what, source)
      var counts = [Double](repeating: 0, count: points)
      for i in 0..<points {
        counts[i] = try b.f32(
          dataStart + i * recordSize, "intensity \(i + 1) of \(points) in \(what)")
      }
      ranges.append(Range(start: start, step: step, counts: counts))
      offset = dataStart + points * recordSize
    }
    guard !ranges.isEmpty else {
      throw DiffractionError.badInput("\(source): a RAW4.00 file without a range")
    }
    return try pattern(ranges, wavelength: alpha1, format: "Bruker RAW4.00", source: source)
  }

  /// The ranges as one pattern: later ranges join when they start above
  /// the end of what is read so far.
  private static func pattern(
    _ ranges: [Range], wavelength: Double?, format: String, source: String
  ) throws(DiffractionError) -> MeasuredPattern {
    var x: [Double] = []
    var y: [Double] = []
    var notes: [String] = []
    for (r, range) in ranges.enumerated() {
      let angles = (0..<range.counts.count).map { range.start + Double($0) * range.step }
      if let last = x.last, let first = angles.first, first <= last {
        notes.append("range \(r + 1) (from \(fixed(first, 3))°) overlaps the ones before: left out")
        continue
      }
      x += angles
      y += range.counts
    }
    guard x.count >= 2 else { throw .badInput("\(source): \(x.count) points; not a scan") }
    let lambda = wavelength.flatMap { $0 > 0.01 && $0 < 20 ? $0 : nil }
    var p = MeasuredPattern(twoTheta: x, intensity: y, wavelength: lambda, format: format)
    p.notes = notes
    return p
  }

  /// Whether `data` is a zip (a .brml).
  static func isZip(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

  /// The text of the first entry (in natural name order) that each of
  /// `matches` picks in the zip `data`, nil where none does; the archive is
  /// checked whole (directory, sizes, CRC) before anything is read.
  static func zipTexts(
    _ data: Data, source: String, format: String, _ matches: [(String) -> Bool]
  ) throws(DiffractionError) -> [String?] {
    if let problem = ZipEntries.problem(data) {
      throw .badInput("\(source): not a whole \(format) (zip): \(problem)")
    }
    do {
      let entries = try ZipEntries.entries(data).sorted {
        $0.path.localizedStandardCompare($1.path) == .orderedAscending
      }
      return try matches.map { match in
        try entries.first { match($0.path) }.map {
          TextDecoding.decode(try ZipEntries.bytes(of: $0, in: data))
        }
      }
    } catch {
      throw .badInput("\(source): an unreadable zip (\(error))")
    }
  }

  /// A Bruker .brml: the first `Experiment0/RawData*.xml`.
  static func brml(_ data: Data, source: String) throws(DiffractionError) -> MeasuredPattern {
    guard
      let xml = try zipTexts(
        data, source: source, format: ".brml",
        [{ $0.hasPrefix("Experiment0/RawData") && $0.hasSuffix(".xml") }])[0]
    else {
      throw .badInput("\(source): a zip without Experiment0/RawData*.xml; not a .brml")
    }
    var x: [Double] = []
    var y: [Double] = []
    var rest = Substring(xml)
    while let datum = XMLScan.element("Datum", in: rest) {
      // Trimmed without Foundation: this runs once per step of the scan.
      let fields = datum.content.split(separator: ",").map { field -> Double? in
        var f = field[...]
        while let c = f.first, c == " " || c == "\t" || c == "\n" || c == "\r" { f = f.dropFirst() }
        while let c = f.last, c == " " || c == "\t" || c == "\n" || c == "\r" { f = f.dropLast() }
        return Double(f)
      }
      // time, used, 2θ, θ, …, intensity (the last field).
      if fields.count >= 5, let t = fields[2], let i = fields[fields.count - 1] {
        x.append(t)
        y.append(i)
      }
      rest = rest[datum.end...]
    }
    guard x.count >= 2 else { throw .badInput("\(source): a .brml without <Datum> rows") }
    var lambda: Double?
    if let range = xml.range(of: "WaveLengthAlpha1") {
      let after = xml[range.upperBound...].prefix(200)
      if let v = after.range(of: "Value=\"") {
        let value = after[v.upperBound...].prefix { $0 != "\"" }
        lambda = Double(value)
      }
    }
    return MeasuredPattern(twoTheta: x, intensity: y, wavelength: lambda, format: "Bruker BRML")
  }
}
