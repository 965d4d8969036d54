import Foundation
import IonicsCore

/// Maccor text exports (MIMS backups `.0xx`, `.txt`): a preamble of one to
/// three lines, then a tab-separated table from the line that starts with
/// `Rec#`. Test time is in seconds (`Test (Sec)`), minutes (`Test (Min)`) or as `0d 00:00:00.0000`
/// (`TestTime`); `Amp-hr` accumulates while the `State` (C charge, D
/// discharge, R rest, O other) stays the same and starts again from zero
/// after it changes or the step restarts it; the current's sign, where the
/// export drops it, comes from the state.
package enum MaccorText {
  /// Reads the bytes of a file named `source`.
  package static func read(_ data: Data, source: String) throws(CyclingError) -> CyclerTable {
    let text = TextDecoding.decode(data)
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    guard
      let headerLine = lines.prefix(20).firstIndex(where: {
        $0.hasPrefix("Rec#") || $0.hasPrefix("Rec\t")
      })
    else {
      throw .missing(
        source: source, "'Rec#' header line in the first 20 lines (Maccor text export)")
    }
    let header = lines[headerLine].split(separator: "\t", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    func column(_ names: String...) -> Int? {
      for n in names { if let k = header.firstIndex(of: n) { return k } }
      return nil
    }
    // Newer MIMS exports name the columns Cycle C (or Cycle P), Capacity,
    // Voltage, Current and Md (the mode: C, D, R).
    guard let cycleColumn = column("Cyc#", "Cycle C", "Cycle P"),
      let capacityColumn = column("Amp-hr", "Capacity"),
      let voltageColumn = column("Volts", "Voltage"), let stateColumn = column("State", "Md"),
      let timeColumn = column("Test (Sec)", "TestTime", "Test Time", "Test (Min)")
    else {
      throw .missing(
        source: source,
        "Maccor columns Cyc# (or Cycle C), Amp-hr (or Capacity), Volts (or Voltage), State (or Md) and Test (Sec), Test (Min) or TestTime on line \(headerLine + 1)"
      )
    }
    // Some MIMS exports count test time in minutes.
    let timeFactor = header[timeColumn] == "Test (Min)" ? 60.0 : 1
    let currentColumn = column("Amps", "Current")
    let stepColumn = column("Step")
    var table = CyclerTable(
      time: [], voltage: [], current: currentColumn == nil ? nil : [], chargeStep: [],
      instrumentCycle: [], activeMassGrams: nil, format: "Maccor text export", warnings: [])
    var previous: (state: Substring, step: Substring, ampHours: Double)?
    for n in (headerLine + 1)..<lines.count {
      let line = lines[n]
      if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      let f = line.split(separator: "\t", omittingEmptySubsequences: false)
      func field(_ k: Int) -> Substring {
        k < f.count ? Substring(f[k].trimmingCharacters(in: .whitespaces)) : ""
      }
      func number(_ k: Int, _ name: String) throws(CyclingError) -> Double {
        guard let v = Double(field(k)), v.isFinite else {
          throw .badValue(
            source: source, line: n + 1, "expected a number for \(name) in column \(k + 1)")
        }
        return v
      }
      guard let time = Self.seconds(field(timeColumn)) else {
        throw .badValue(
          source: source, line: n + 1,
          "expected a test time in seconds or as 0d 00:00:00 in column \(timeColumn + 1)")
      }
      let state = field(stateColumn)
      let sign: Double = state == "C" ? 1 : state == "D" ? -1 : 0
      let ampHours = try number(capacityColumn, "Amp-hr")
      let step = stepColumn.map { field($0) } ?? ""
      // Amp-hr restarts from zero at a new state or step, and whenever it falls.
      var increment = ampHours
      if let p = previous, p.state == state, p.step == step, ampHours >= p.ampHours {
        increment = ampHours - p.ampHours
      }
      previous = (state, step, ampHours)
      table.time.append(time * timeFactor)
      table.voltage.append(try number(voltageColumn, "Volts"))
      if let c = currentColumn { table.current?.append(abs(try number(c, "Amps")) * sign) }
      table.chargeStep.append(sign * increment)
      guard let cycle = Int(fileValue: try number(cycleColumn, "Cyc#")) else {
        throw .badValue(source: source, line: n + 1, "expected a cycle number in column \(cycleColumn + 1)")
      }
      table.instrumentCycle?.append(cycle)
    }
    guard table.count > 0 else {
      throw .missing(source: source, "data rows after line \(headerLine + 1)")
    }
    return table
  }

  /// Seconds from `12.5` or `1d 02:03:04.5`.
  static func seconds(_ text: Substring) -> Double? {
    if let s = Double(text) { return s }
    let parts = text.split(separator: " ")
    guard parts.count == 2, parts[0].hasSuffix("d"), let days = Double(parts[0].dropLast()) else {
      return nil
    }
    let hms = parts[1].split(separator: ":").compactMap { Double($0) }
    guard hms.count == 3 else { return nil }
    return days * 86400 + hms[0] * 3600 + hms[1] * 60 + hms[2]
  }
}
