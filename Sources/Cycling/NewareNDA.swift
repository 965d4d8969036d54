import Foundation
import IonicsCore

/// Neware BTS `.nda` (binary, "NEWARE" at byte 0, version at byte 14),
/// laid out as documented by the NewareNDA project:
/// - version 130 (BTS 9): 88-byte records from byte 1024, each starting
///   with the same six bytes as the first; from byte 4 of a record: step
///   u8 at 5, status u8 at 6, index u32 at 12, step time u64 µs at 24,
///   voltage and current (mA) float32 at 32 and 36, charge capacity at 48
///   and discharge capacity at 56 (float32 mA·s).
/// - version 130 from BTS 9.1 (0x55 at byte 1024): records as long as the
///   distance to the next copy of their first two bytes; step u8 at 2,
///   index u32 at 8, step time s u32 at 12 plus ns u32 at 16, current (mA)
///   and voltage float32 at 20 and 24, the step's capacity (mA·s) at 28.
/// - older versions: 86-byte records (0x55 0x00 at 0, four zero bytes at
///   82), the first after `00 00 00 00 55 00` where a second record
///   follows: index u32 at 2, cycle u32 at 6 (from 0), step at 10, status
///   u8 at 12, step time u64 ms at 14, voltage i32 ×10⁻⁴ V at 22, current
///   i32 at 26 and capacities i64 at 38 and 46 in units of the current
///   range i32 at 78.
/// Records are kept once per index, in index order; capacities restart at
/// every step and times at every step.
package enum NewareNDA {
  /// Whether `data` starts like an `.nda`.
  package static func isNDA(_ data: Data) -> Bool { data.starts(with: Array("NEWARE".utf8)) }

  /// Reads the bytes of an `.nda` named `source`.
  package static func read(_ data: Data, source: String) throws(CyclingError) -> CyclerTable {
    let b = LittleEndianBytes(data)
    do {
      let version = try b.u8(14, "the version byte")
      var rows =
        version >= 130
        ? (try b.u8(1024, "the first record") == 0x55 ? try bts91(b) : try bts9(b)) : try older(b)
      guard !rows.isEmpty else {
        throw CyclingError.missing(source: source, "data records in the .nda (version \(version))")
      }
      // Once per index, in index order.
      rows.sort { $0.index < $1.index }
      var unique: [Row] = []
      unique.reserveCapacity(rows.count)
      for r in rows where unique.last?.index != r.index { unique.append(r) }
      var table = CyclerTable(
        time: [], voltage: unique.map(\.voltage), current: unique.map(\.current),
        chargeStep: [], instrumentCycle: version >= 130 ? nil : unique.map(\.cycle),
        activeMassGrams: nil, format: "Neware .nda (version \(version))", warnings: [])
      let steps = unique.map(\.step)
      table.time = NewareNDAX.testTime(stepTime: unique.map(\.time), steps: steps)
      NewareNDAX.finish(
        &table, charge: unique.map(\.charge), discharge: unique.map(\.discharge), steps: steps)
      if rows.count != unique.count {
        table.warnings.append(
          .warning(
            "repeatedRecordsSkipped", "\(rows.count - unique.count) repeated records left out"))
      }
      return table
    } catch let error as LittleEndianBytes.Truncated {
      throw .unreadable(
        source: source,
        "the file ends at byte \(error.offset), where \(error.expected) was expected")
    } catch let error as CyclingError {
      throw error
    } catch {
      throw .unreadable(source: source, "\(error)")
    }
  }

  /// One record: index, cycle, step, step time (s), V, A and the step's
  /// charge and discharge capacity so far (Ah).
  struct Row {
    var index: Int
    var cycle: Int
    var step: Int
    var time: Double
    var voltage: Double
    var current: Double
    var charge: Double
    var discharge: Double
  }

  static func bts9(_ b: LittleEndianBytes) throws -> [Row] {
    let marker = Array(try b.slice(1024, 6, "the first record"))
    var rows: [Row] = []
    var o = 1024
    while o + 88 <= b.count {
      if Array(try b.slice(o, 6, "a record marker")) == marker {
        let r = o + 4
        rows.append(
          Row(
            index: try b.u32(r + 12, "an index"), cycle: 0, step: try b.u8(r + 5, "a step"),
            time: Double(try b.u64(r + 24, "a time")) / 1e6, voltage: try b.f32(r + 32),
            current: try b.f32(r + 36) / 1000, charge: try b.f32(r + 48) / 3.6e6,
            discharge: try b.f32(r + 56) / 3.6e6))
      }
      o += 88
    }
    return rows
  }

  static func bts91(_ b: LittleEndianBytes) throws -> [Row] {
    let bytes = b.bytes
    let marker = Array(try b.slice(1024, 2, "the first record"))
    var size = 0
    var i = 1026
    while i + 1 < bytes.count {
      if bytes[i] == marker[0], bytes[i + 1] == marker[1] {
        size = i - 1024
        break
      }
      i += 1
    }
    guard size >= 32 else { return [] }
    var rows: [Row] = []
    var o = 1024
    while o + size <= bytes.count {
      let index = try b.u32(o + 8, "an index")
      if bytes[o] == 0x55, index != 0 {
        let current = try b.f32(o + 20) / 1000
        let capacity = abs(try b.f32(o + 28)) / 3.6e6
        rows.append(
          Row(
            index: index, cycle: 0, step: try b.u8(o + 2, "a step"),
            time: Double(try b.u32(o + 12, "a time")) + Double(try b.u32(o + 16, "a time")) * 1e-9,
            voltage: try b.f32(o + 24), current: current,
            charge: current > 0 ? capacity : 0, discharge: current < 0 ? capacity : 0))
      }
      o += size
    }
    return rows
  }

  static func older(_ b: LittleEndianBytes) throws -> [Row] {
    let bytes = b.bytes
    let size = 86
    // The data start: 00 00 00 00 55 00 followed, one record on, by another 0x55
    // and with a non-zero status.
    var start: Int?
    var i = 0
    while i + 4 + size < bytes.count {
      if bytes[i] == 0, bytes[i + 1] == 0, bytes[i + 2] == 0, bytes[i + 3] == 0,
        bytes[i + 4] == 0x55, bytes[i + 5] == 0, bytes[i + 4 + size] == 0x55,
        bytes[i + 4 + 12] != 0
      {
        start = i + 4
        break
      }
      i += 1
    }
    guard let first = start else { return [] }
    var rows: [Row] = []
    var o = first
    while o + size <= bytes.count {
      if bytes[o] == 0x55, bytes[o + 1] == 0, bytes[o + 82] == 0, bytes[o + 83] == 0,
        bytes[o + 84] == 0, bytes[o + 85] == 0
      {
        let index = try b.u32(o + 2, "an index")
        let status = try b.u8(o + 12, "a status")
        if index != 0, status != 0 {
          let scale = NewareNDAX.milliampsPerCount(range: try b.i32(o + 78, "a current range"))
          rows.append(
            Row(
              index: index, cycle: try b.u32(o + 6, "a cycle") + 1,
              step: try b.u32(o + 10, "a step"),
              time: Double(try b.u64(o + 14, "a time")) / 1000,
              voltage: Double(try b.i32(o + 22, "a voltage")) / 10_000,
              current: Double(try b.i32(o + 26, "a current")) * scale / 1000,
              charge: Double(Int64(bitPattern: try b.u64(o + 38, "a charge"))) * scale / 3.6e6,
              discharge: Double(Int64(bitPattern: try b.u64(o + 46, "a discharge"))) * scale
                / 3.6e6))
        }
      }
      o += size
    }
    return rows
  }
}
