import Foundation
import IonicsCore

/// Neware BTS's "regular" CSV export, which interleaves three layers under
/// three header lines:
///
///     Cycle ID,Cap_Chg(mAh),…                      ← cycle rows: the ID in column 1
///     ,Step ID,Step Name,…                         ← step rows: column 1 empty
///     ,,Record ID,Time(h:min:s.ms),Voltage(V),…    ← records: columns 1–2 empty
///
/// Only the records carry the data; each takes the cycle and step of the
/// rows above it. A record's `Time(h:min:s.ms)` runs from the start of its
/// step, so the test time is the sum of the earlier steps' last times plus
/// it. Currents are signed (negative while discharging), in the unit of the
/// header (mA, A or µA); capacities come from `Capacitance_Chg`/`_DChg` when
/// the export has them, else from `Capacity` split by the current's sign.
enum NewareBTSRegularCSV {
  /// Whether `head` (the first bytes as text) starts with the three headers.
  static func matches(_ head: String) -> Bool {
    let lines = head.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
      .prefix(3).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF} \"")) }
    guard lines.count == 3 else { return false }
    return lines[0].lowercased().hasPrefix("cycle id")
      && lines[1].replacingOccurrences(of: "\"", with: "").lowercased().hasPrefix(",step id")
      && lines[2].replacingOccurrences(of: "\"", with: "").lowercased().hasPrefix(",,record id")
  }

  /// Reads the export in `data`, named `source`.
  static func read(_ data: Data, source: String) throws(CyclingError) -> CyclerTable {
    let text = TextDecoding.decode(data)
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    while let first = lines.first, first.allSatisfy({ $0 == " " || $0 == "\u{FEFF}" }) {
      lines.removeFirst()
    }
    guard lines.count >= 3 else {
      throw .missing(source: source, "the cycle, step and record header lines")
    }
    func fields(_ line: Substring) -> [String] {
      line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"\r\u{FEFF}"))
      }
    }
    let header = fields(lines[2]).map { $0.lowercased() }
    func column(_ prefixes: [String]) -> Int? {
      header.firstIndex { name in prefixes.contains { name.hasPrefix($0) } }
    }
    guard let time = column(["time(h:min:s", "time(h:mm:ss"]) else {
      throw .missing(source: source, "a record column Time(h:min:s.ms) in line 3")
    }
    guard let voltage = column(["voltage(v)"]) else {
      throw .missing(source: source, "a record column Voltage(V) in line 3")
    }
    guard let current = column(["current(ma)", "current(a)", "current(ua)", "current(µa)"]) else {
      throw .missing(source: source, "a record column Current(mA) or Current(A) in line 3")
    }
    let amps =
      header[current].hasPrefix("current(ma)")
      ? 1e-3 : header[current].hasPrefix("current(a)") ? 1 : 1e-6
    let charge = column(["capacitance_chg(mah)", "chg. cap.(mah)", "chg_cap(mah)"])
    let discharge = column(["capacitance_dchg(mah)", "dchg. cap.(mah)", "dchg_cap(mah)"])
    let capacity = column(["capacity(mah)"])
    guard (charge != nil && discharge != nil) || capacity != nil else {
      throw .missing(
        source: source, "record capacity columns (Capacitance_Chg/DChg(mAh) or Capacity(mAh))")
    }

    // The records as a plain capacity-column CSV in SI units.
    var out =
      "cycle_index,step_index,test_time_s,voltage_v,current_a,charge_capacity_ah,discharge_capacity_ah\n"
    var cycle = 0
    var step = 0
    var stepRows = 0
    var offset = 0.0
    var lastTime = 0.0
    var records = 0
    for (index, line) in lines.enumerated().dropFirst(3) {
      let f = fields(line)
      guard f.contains(where: { !$0.isEmpty }) else { continue }
      let lineNumber = index + 1
      if !f[0].isEmpty {
        guard let c = Int(f[0]) else {
          throw .badValue(source: source, line: lineNumber, "a cycle number in column 1")
        }
        cycle = c
        continue
      }
      if f.count > 1, !f[1].isEmpty {
        guard let s = Int(f[1]) else {
          throw .badValue(source: source, line: lineNumber, "a step number in column 2")
        }
        step = s
        // The previous step's times end here.
        if stepRows > 0 { offset += lastTime }
        stepRows += 1
        lastTime = 0
        continue
      }
      func value(_ k: Int, _ what: String) throws(CyclingError) -> Double {
        guard k < f.count, let v = Double(f[k]) else {
          throw .badValue(source: source, line: lineNumber, "\(what) in column \(k + 1)")
        }
        return v
      }
      guard time < f.count, let t = CapacityColumnsCSV.clock(f[time]) ?? Double(f[time]) else {
        throw .badValue(
          source: source, line: lineNumber, "a step time h:mm:ss.ms in column \(time + 1)")
      }
      lastTime = t
      let v = try value(voltage, "a voltage")
      let i = try value(current, "a current") * amps
      var qc = 0.0
      var qd = 0.0
      if let charge, let discharge {
        qc = abs(try value(charge, "a charge capacity")) * 1e-3
        qd = abs(try value(discharge, "a discharge capacity")) * 1e-3
      } else if let capacity {
        let q = abs(try value(capacity, "a capacity")) * 1e-3
        if i > 0 { qc = q } else if i < 0 { qd = q }
      }
      out += "\(cycle),\(step),\(offset + t),\(v),\(i),\(qc),\(qd)\n"
      records += 1
    }
    guard records > 0 else { throw .missing(source: source, "record rows (columns 1–2 empty)") }
    var table = try CapacityColumnsCSV.read(Data(out.utf8), source: source)
    table.format = "Neware BTS CSV, regular export (cycle, step and record rows)"
    return table
  }
}
