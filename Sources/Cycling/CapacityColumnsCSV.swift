import Foundation
import IonicsCore

/// Cycler CSV exports that carry capacity columns: the Battery Data Format
/// (`Test Time / h`, `Charge Capacity / Ah`, …), Arbin (`Test_Time`,
/// `Charge_Capacity`, …), Neware BTS (`Cumulative Time`, `Chg. Cap.(Ah)`,
/// …) and the normalised LAND layout (`test_time_s`, `charge_capacity_Ah`,
/// …). The header is the first line that names at least four known columns
/// (preambles are skipped). Charge and discharge capacity may restart at
/// every step, every cycle or never: each record's charge is the rise of
/// its column since the previous record of the same step and cycle, or the
/// column itself where it restarted, so a CC+CV charge is the sum of its parts.
public enum CapacityColumnsCSV {
  /// A column role, the header names it goes by (lower case), and the
  /// factor to SI (s, A, V, Ah).
  struct Role {
    let names: [(String, Double)]
  }

  static let time = Role(names: [
    ("test time / h", 3600), ("test time / s", 1), ("test_time_s", 1), ("test_time", 1),
    ("test time", 1), ("test_time(s)", 1), ("cumulative time", 1), ("test time (s)", 1),
  ])
  static let current = Role(names: [
    ("current / a", 1), ("current_a", 1), ("current", 1), ("current(a)", 1), ("current(ma)", 1e-3),
    ("current / ma", 1e-3), ("current(a)", 1),
  ])
  static let voltage = Role(names: [
    ("voltage / v", 1), ("voltage_v", 1), ("voltage", 1), ("voltage(v)", 1), ("voltage / mv", 1e-3),
  ])
  static let cycle = Role(names: [
    ("cycle count / 1", 1), ("cycle_index", 1), ("cycle index", 1), ("cycle", 1),
  ])
  static let step = Role(names: [
    ("step index / 1", 1), ("step_index", 1), ("step index", 1), ("step", 1),
  ])
  static let charge = Role(names: [
    ("charge capacity / ah", 1), ("charge_capacity_ah", 1), ("charge_capacity", 1),
    ("chg. cap.(ah)", 1), ("charge_capacity(ah)", 1), ("charge capacity / mah", 1e-3),
  ])
  static let discharge = Role(names: [
    ("discharge capacity / ah", 1), ("discharge_capacity_ah", 1), ("discharge_capacity", 1),
    ("dchg. cap.(ah)", 1), ("discharge_capacity(ah)", 1), ("discharge capacity / mah", 1e-3),
  ])

  /// Reads the bytes of a file named `source`.
  public static func read(_ data: Data, source: String) throws(CyclingError) -> CyclerTable {
    let text = TextDecoding.decode(data)
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    let roles = [time, current, voltage, cycle, step, charge, discharge]
    func columns(_ line: Substring) -> [String] {
      let separator: Character = line.contains("\t") ? "\t" : line.contains(";") ? ";" : ","
      return line.split(separator: separator, omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")).lowercased()
      }
    }
    func locate(_ role: Role, in header: [String]) -> (Int, Double)? {
      for (name, factor) in role.names {
        if let k = header.firstIndex(of: name) { return (k, factor) }
      }
      return nil
    }
    guard
      let headerLine = lines.prefix(60).firstIndex(where: { line in
        let h = columns(line)
        return roles.filter { locate($0, in: h) != nil }.count >= 4
      })
    else {
      throw .missing(
        source: source,
        "header naming time, current, voltage and capacity columns in the first 60 lines")
    }
    let header = columns(lines[headerLine])
    guard let (timeK, timeF) = locate(time, in: header),
      let (voltK, voltF) = locate(voltage, in: header),
      let (chgK, chgF) = locate(charge, in: header),
      let (disK, disF) = locate(discharge, in: header)
    else {
      throw .missing(
        source: source,
        "time, voltage, charge- and discharge-capacity columns on line \(headerLine + 1) (found: \(header.joined(separator: ", ")))"
      )
    }
    let currentColumn = locate(current, in: header)
    let cycleColumn = locate(cycle, in: header)
    let stepColumn = locate(step, in: header)
    var table = CyclerTable(
      time: [], voltage: [], current: currentColumn == nil ? nil : [], chargeStep: [],
      instrumentCycle: cycleColumn == nil ? nil : [], activeMassGrams: nil,
      format: "cycler CSV with capacity columns", warnings: [])
    var emptyCycles = 0
    var charge: [Double] = []
    var discharge: [Double] = []
    var steps: [String] = []
    var cycles: [String] = []
    let separator: Character =
      lines[headerLine].contains("\t") ? "\t" : lines[headerLine].contains(";") ? ";" : ","
    for n in (headerLine + 1)..<lines.count {
      let line = lines[n]
      if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      let f = line.split(separator: separator, omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: " \""))
      }
      func number(_ k: Int, _ factor: Double, _ name: String) throws(CyclingError) -> Double {
        guard k < f.count, let v = Double(f[k]) ?? Self.clock(f[k]) else {
          throw .badValue(
            source: source, line: n + 1, "expected a number for \(name) in column \(k + 1)")
        }
        return v * factor
      }
      table.time.append(try number(timeK, timeF, header[timeK]))
      charge.append(try number(chgK, chgF, header[chgK]))
      discharge.append(try number(disK, disF, header[disK]))
      let cycleText = cycleColumn.map { $0.0 < f.count ? f[$0.0] : "" } ?? ""
      cycles.append(cycleText)
      steps.append(stepColumn.map { $0.0 < f.count ? f[$0.0] : "" } ?? "")
      table.voltage.append(try number(voltK, voltF, header[voltK]))
      if let (k, factor) = currentColumn { table.current?.append(try number(k, factor, header[k])) }
      if cycleColumn != nil {
        if let c = Int(cycleText) ?? Double(cycleText).map({ Int($0) }) {
          table.instrumentCycle?.append(c)
        } else {
          emptyCycles += 1
          let last = table.instrumentCycle?.last ?? 0
          table.instrumentCycle?.append(last)
        }
      }
    }
    let chargeIncrements = Self.increments(charge, steps: steps, cycles: cycles)
    let dischargeIncrements = Self.increments(discharge, steps: steps, cycles: cycles)
    table.chargeStep = zip(chargeIncrements.values, dischargeIncrements.values).map { $0 - $1 }
    if chargeIncrements.restartsEachStep || dischargeIncrements.restartsEachStep {
      table.format += " (capacities restart at every step)"
    }
    guard table.count > 0 else {
      throw .missing(source: source, "data rows after line \(headerLine + 1)")
    }
    if emptyCycles == table.count { table.instrumentCycle = nil }
    if emptyCycles > 0 {
      table.warnings.append("\(emptyCycles) records without a cycle number")
    }
    return table
  }

  /// The capacity each record adds, from a column that may restart at every
  /// step (Neware), at every cycle (Arbin) or never. Whether it restarts at
  /// steps is read off the file: it does when, at most step changes within
  /// a cycle after some capacity, the column falls. A record adds its rise
  /// over the previous one, or its whole value where the column restarted
  /// (a fall, a new step of a restarting column), so a CC+CV charge is the
  /// sum of its parts and nothing is counted twice.
  static func increments<Key: Equatable>(_ column: [Double], steps: [Key], cycles: [Key])
    -> (values: [Double], restartsEachStep: Bool)
  {
    var falls = 0
    var boundaries = 0
    for k in column.indices.dropFirst()
    where steps[k] != steps[k - 1] && cycles[k] == cycles[k - 1] && column[k - 1] > 0 {
      boundaries += 1
      if column[k] < 0.5 * column[k - 1] { falls += 1 }
    }
    let perStep = boundaries > 0 && 2 * falls > boundaries
    var values = [Double](repeating: 0, count: column.count)
    for k in column.indices {
      if k == 0 || column[k] < column[k - 1] || (perStep && steps[k] != steps[k - 1])
        || (cycles[k] != cycles[k - 1] && column[k] < column[k - 1])
      {
        values[k] = column[k]
      } else {
        values[k] = column[k] - column[k - 1]
      }
    }
    return (values, perStep)
  }

  /// Seconds from `hh:mm:ss(.s)` or `d-hh:mm:ss` clock text.
  static func clock(_ text: String) -> Double? {
    var days = 0.0
    var rest = Substring(text)
    if let dash = rest.firstIndex(of: "-"), let d = Double(rest[..<dash]) {
      days = d
      rest = rest[rest.index(after: dash)...]
    }
    let parts = rest.split(separator: ":").compactMap { Double($0) }
    guard parts.count == 3 else { return nil }
    return days * 86400 + parts[0] * 3600 + parts[1] * 60 + parts[2]
  }
}
