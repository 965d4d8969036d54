import Foundation
import IonicsCore

/// Neware BTS `.ndax`: a zip of binary `.ndc` streams and XML settings.
/// Each `.ndc` starts with its file type (byte 0) and version (byte 2);
/// records sit in 4096-byte pages after a 4096-byte header, at a
/// version-dependent offset in each page (layouts as documented by the
/// NewareNDA project, whose decodes are the reference):
/// - version 5: `data.ndc` holds whole 87-byte records (marker 0x55 at 7;
///   index u32 at 8, cycle u32 at 12 counted from 0, step u8 at 16, status
///   u8 at 17, time u64 ms at 23, voltage i32 ×10⁻⁴ V at 31, current i32 at
///   35 and capacities i64 at 43 and 51 in units set by the current range
///   i32 at 82).
/// - versions 14 and 17: `data.ndc` holds (voltage V, current A) float32
///   pairs from byte 132 of each page; `data_runInfo.ndc` (type 18) the
///   time (i32 ms at 0), charge and discharge capacity (float32 Ah at 5 and
///   9), step (i32 at 37) and record index (i32 at 41); `data_step.ndc`
///   (type 7) per step the cycle (i32 at 0, from 0), step number and status
///   (u8 at 24).
/// Capacities restart at every step; `Step.xml` gives the active mass (µg).
package enum NewareNDAX {
  /// Reads the bytes of an `.ndax` named `source`.
  package static func read(_ data: Data, source: String) throws(CyclingError) -> CyclerTable {
    let streams: [String: LittleEndianBytes]
    var mass: Double?
    if let problem = ZipEntries.problem(data) {
      throw .unreadable(source: source, "not a whole .ndax (zip): \(problem)")
    }
    do {
      var found: [String: LittleEndianBytes] = [:]
      for entry in try ZipEntries.entries(data)
      where ["data.ndc", "data_runInfo.ndc", "data_step.ndc", "Step.xml"].contains(entry.path) {
        let bytes = try ZipEntries.bytes(of: entry, in: data)
        if entry.path == "Step.xml" {
          mass = activeMass(TextDecoding.decode(bytes))
        } else {
          found[entry.path] = LittleEndianBytes(bytes)
        }
      }
      streams = found
    } catch {
      throw .unreadable(source: source, "not a readable .ndax (zip) file: \(error)")
    }
    guard let records = streams["data.ndc"] else {
      throw .missing(source: source, "data.ndc inside the .ndax")
    }
    do {
      let version = try records.u8(2, "the data.ndc version")
      var table: CyclerTable
      switch version {
      case 5:
        table = try versionFive(records)
      case 14, 17:
        guard let run = streams["data_runInfo.ndc"], let steps = streams["data_step.ndc"] else {
          throw CyclingError.missing(
            source: source,
            "data_runInfo.ndc and data_step.ndc beside a version \(version) data.ndc")
        }
        table = try split(records, run: run, steps: steps, version: version, source: source)
      default:
        throw CyclingError.unreadable(
          source: source,
          "data.ndc version \(version); Ionics reads versions 5, 14 and 17 (export CSV from BTSDA for others)"
        )
      }
      table.activeMassGrams = mass
      return table
    } catch let error as LittleEndianBytes.Truncated {
      throw .unreadable(
        source: source,
        "an .ndc stream ends at byte \(error.offset), where \(error.expected) was expected")
    } catch let error as CyclingError {
      throw error
    } catch {
      throw .unreadable(source: source, "\(error)")
    }
  }

  /// The active mass in `Step.xml` (`Head_Info/SCQ Value`, µg), in g.
  static func activeMass(_ xml: String) -> Double? {
    guard let head = xml.range(of: "<SCQ") else { return nil }
    let rest = xml[head.upperBound...].prefix(200)
    guard let v = rest.range(of: "Value=\"") else { return nil }
    let value = rest[v.upperBound...].prefix { $0 != "\"" }
    return Double(value).flatMap { $0 > 0 ? $0 / 1e6 : nil }
  }

  /// Fixed-size records in the pages of an `.ndc`: from `first` to
  /// `4096 - last` of every page after the header.
  static func pages(
    _ b: LittleEndianBytes, first: Int, last: Int, size: Int, _ body: (Int) throws -> Void
  )
    rethrows
  {
    var page = 4096
    while page + 4096 <= b.count {
      var offset = page + first
      while offset + size <= page + 4096 - last {
        try body(offset)
        offset += size
      }
      page += 4096
    }
  }

  /// mA per count for a current range (the instrument's full scale).
  static func milliampsPerCount(range: Int) -> Double {
    switch range {
    case -100_000_000: return 10
    case ...(-1000): return 1e-2
    case -999...(-100): return 1e-3
    case -99...(-10): return 1e-4
    case -9...(-1): return 1e-5
    case 0: return 0
    case 1...9: return 1e-4
    case 10...99: return 1e-3
    case 100...999: return 1e-2
    default: return 1e-1
    }
  }

  /// Version 5: everything in data.ndc.
  static func versionFive(_ b: LittleEndianBytes) throws -> CyclerTable {
    var table = CyclerTable(
      time: [], voltage: [], current: [], chargeStep: [], instrumentCycle: [],
      activeMassGrams: nil, format: "Neware .ndax (ndc version 5)", warnings: [])
    var charge: [Double] = []
    var discharge: [Double] = []
    var steps: [Int] = []
    try pages(b, first: 125, last: 56, size: 87) { o in
      guard try b.u8(o + 7, "a record marker") == 0x55 else { return }
      let scale = milliampsPerCount(range: try b.i32(o + 82, "the current range"))
      table.time.append(Double(try b.u64(o + 23, "the time")) / 1000)
      table.voltage.append(Double(try b.i32(o + 31, "the voltage")) / 10_000)
      table.current?.append(Double(try b.i32(o + 35, "the current")) * scale / 1000)
      charge.append(Double(Int64(bitPattern: try b.u64(o + 43, "the charge"))) * scale / 3.6e6)
      discharge.append(
        Double(Int64(bitPattern: try b.u64(o + 51, "the discharge"))) * scale / 3.6e6)
      table.instrumentCycle?.append(try b.u32(o + 12, "the cycle") + 1)
      steps.append(try b.u8(o + 16, "the step"))
    }
    table.time = testTime(stepTime: table.time, steps: steps)
    finish(&table, charge: charge, discharge: discharge, steps: steps)
    return table
  }

  /// Versions 14 and 17: voltage and current in data.ndc, time and
  /// capacities in data_runInfo.ndc, cycles in data_step.ndc.
  static func split(
    _ data: LittleEndianBytes, run: LittleEndianBytes, steps stepStream: LittleEndianBytes,
    version: Int, source: String
  ) throws -> CyclerTable {
    var voltage: [Double] = []
    var current: [Double] = []
    try pages(data, first: 132, last: 4, size: 8) { o in
      let v = try data.f32(o)
      guard v != 0 else { return }
      voltage.append(v)
      current.append(try data.f32(o + 4))
    }
    // Run information by record index (1-based).
    let runFirst = version == 14 ? 132 : 232
    let runSize = version == 14 ? 55 : 100
    let runLast = version == 14 ? 59 : 64
    var time = [Double](repeating: .nan, count: voltage.count)
    var charge = [Double](repeating: .nan, count: voltage.count)
    var discharge = [Double](repeating: .nan, count: voltage.count)
    var stepOf = [Int](repeating: -1, count: voltage.count)
    var lastRawStep: Int?
    var changes = 0
    try pages(run, first: runFirst, last: runLast, size: runSize) { o in
      let index = try run.i32(o + 41, "a record index")
      guard index != 0 else { return }
      var step = try run.i32(o + 37, "a step")
      if version == 14 {
        // Steps numbered by their changes, as in the step stream.
        if step != lastRawStep { changes += 1 }
        lastRawStep = step
        step = changes
      }
      guard index >= 1, index <= voltage.count else { return }
      time[index - 1] = Double(try run.i32(o, "a time")) / 1000
      charge[index - 1] = try run.f32(o + 5)
      discharge[index - 1] = try run.f32(o + 9)
      stepOf[index - 1] = step
    }
    // Steps: cycle and number of each.
    var cycleOfStep: [Int: Int] = [:]
    let stepFirst = 132
    let stepSize = version == 14 ? 37 : 100
    let stepLast = version == 14 ? 5 : 64
    var row = 0
    var previous: Int?
    var counted = 0
    try pages(stepStream, first: stepFirst, last: stepLast, size: stepSize) { o in
      let number =
        version == 14
        ? try stepStream.i32(o + 4, "a step index") : try stepStream.i32(o + 33, "a step index")
      guard number != 0 else { return }
      let cycle = try stepStream.i32(o, "a cycle") + 1
      if version == 14 {
        row += 1
        cycleOfStep[row] = cycle
      } else {
        let raw = try stepStream.i32(o + 4, "a step")
        if raw != previous { counted += 1 }
        previous = raw
        cycleOfStep[counted] = cycle
      }
    }
    var table = CyclerTable(
      time: [], voltage: voltage, current: current, chargeStep: [], instrumentCycle: [],
      activeMassGrams: nil, format: "Neware .ndax (ndc version \(version))", warnings: [])
    // Steps carried forward over records without run information; time and
    // capacities of such records interpolated within their step.
    var missing = 0
    var step = stepOf.first ?? -1
    for k in stepOf.indices {
      if stepOf[k] >= 0 { step = stepOf[k] } else { stepOf[k] = step }
      if time[k].isNaN { missing += 1 }
    }
    if missing > 0 {
      interpolate(&time, &charge, &discharge, steps: stepOf, current: current)
      table.warnings.append(
        .warning(
          "recordsInterpolated",
          "\(missing) records without run information: their time and capacities interpolated within their steps"
        ))
    }
    table.time = testTime(stepTime: time, steps: stepOf)
    table.instrumentCycle = stepOf.map { cycleOfStep[$0] ?? 0 }
    finish(&table, charge: charge, discharge: discharge, steps: stepOf)
    if missing == voltage.count {
      throw CyclingError.missing(
        source: source, "run information (times, capacities) in data_runInfo.ndc")
    }
    return table
  }

  /// Fills records without run information. Time: linear in the record
  /// number between known records of the same step, and on at the last
  /// known interval past them. Capacities: the last known value plus
  /// ∫|I| dt since it, in the direction of the current.
  static func interpolate(
    _ time: inout [Double], _ charge: inout [Double], _ discharge: inout [Double],
    steps: [Int], current: [Double]
  ) {
    let known = time.map { !$0.isNaN }
    var k = 0
    while k < time.count {
      guard !known[k] else {
        k += 1
        continue
      }
      // A gap k..<end of unknown records.
      var end = k
      while end < time.count, !known[end] { end += 1 }
      let before = k - 1
      let after = end < time.count && steps[end] == steps[max(before, 0)] ? end : nil
      for j in k..<end {
        if before < 0 {
          time[j] = 0
        } else if let after, steps[j] == steps[before] {
          let f = Double(j - before) / Double(after - before)
          time[j] = time[before] + f * (time[after] - time[before])
        } else {
          let interval = before >= 1 && known[before - 1] ? time[before] - time[before - 1] : 1
          time[j] = time[j - 1] + interval
        }
        let previous = j == 0 ? (0.0, 0.0) : (charge[j - 1], discharge[j - 1])
        let ah = j == 0 ? 0 : abs(current[j]) * (time[j] - time[j - 1]) / 3600
        let sameStep = j > 0 && steps[j] == steps[j - 1]
        let base = sameStep ? previous : (0, 0)
        charge[j] = base.0 + (current[j] > 0 ? ah : 0)
        discharge[j] = base.1 + (current[j] < 0 ? ah : 0)
      }
      k = end
    }
  }

  /// Time since the start from times that restart at every step: each
  /// step starts where the previous one's last record ended.
  static func testTime<Key: Equatable>(stepTime: [Double], steps: [Key]) -> [Double] {
    var offset = 0.0
    var out = stepTime
    for k in stepTime.indices.dropFirst() {
      if steps[k] != steps[k - 1] { offset += stepTime[k - 1] }
      out[k] = stepTime[k] + offset
    }
    return out
  }

  /// Per-record charge from capacities that restart at every step.
  static func finish(
    _ table: inout CyclerTable, charge: [Double], discharge: [Double], steps: [Int]
  ) {
    let cycles = table.instrumentCycle ?? Array(repeating: 0, count: charge.count)
    // Some files sign the discharge capacity: magnitudes only.
    let c = CapacityColumnsCSV.increments(charge.map(abs), steps: steps, cycles: cycles)
    let d = CapacityColumnsCSV.increments(discharge.map(abs), steps: steps, cycles: cycles)
    table.chargeStep = zip(c.values, d.values).map { $0 - $1 }
  }
}
