import Foundation
import IonicsCore

/// EC-Lab's text export (`.mpt`) of a cycling technique (GCPL, Modulo Bat):
/// `Nb header lines : N`, the settings (the active mass among them), then a
/// tab-separated table whose last header line names the columns. Latin-1,
/// and decimal commas where Windows used them.
package enum BioLogicCyclingText {
  /// Reads the bytes of a file named `source`.
  package static func read(_ data: Data, source: String) throws(CyclingError) -> CyclerTable {
    let text = TextDecoding.decode(data)
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    // EC-Lab and BT-Lab exports start with "… ASCII FILE" and the header
    // count; a table saved without its header starts with the column line.
    let hasHeader =
      lines.first?.hasPrefix("EC-Lab ASCII FILE") == true
      || lines.first?.hasPrefix("BT-Lab ASCII FILE") == true
    let count: Int
    if hasHeader {
      guard lines.count > 1,
        let n = lines[1].split(separator: ":").last
          .flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), n >= 1, n <= lines.count
      else { throw .missing(source: source, "'Nb header lines : N' on line 2") }
      count = max(n, 1)
    } else {
      guard let first = lines.first, first.contains("time/s") else {
        throw .missing(
          source: source, "'EC-Lab ASCII FILE' on the first line, or a column line with time/s")
      }
      count = 1
    }
    // Tabs separate the columns; a re-save may use semicolons (and an index column).
    let separator: Character = lines[count - 1].contains("\t") ? "\t" : ";"
    var warnings: [Diagnostic] = []
    // The active mass: "Characteristic mass : 0.790 mg" or "Mass of active material : …".
    var mass: Double?
    for line in lines[0..<max(count - 1, 0)] {
      for key in ["Characteristic mass", "Mass of active material"] where line.hasPrefix(key) {
        let value = line.split(separator: ":").dropFirst().joined(separator: ":")
          .trimmingCharacters(in: .whitespaces)
        let parts = value.split(separator: " ")
        guard
          let number = parts.first.flatMap({ Double($0.replacingOccurrences(of: ",", with: ".")) })
        else { continue }
        let unit = parts.count > 1 ? String(parts[1]) : "g"
        let factor = ["g": 1.0, "mg": 1e-3, "µg": 1e-6, "ug": 1e-6, "kg": 1e3][unit]
        // 0.001 mg is EC-Lab's placeholder for "not entered".
        if let factor, mass == nil, number > 0, abs(number * factor - 1e-6) > 1e-12 {
          mass = number * factor
        }
      }
    }
    let header = lines[count - 1].split(separator: separator, omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    func index(_ names: String...) -> Int? {
      for n in names { if let k = header.firstIndex(of: n) { return k } }
      return nil
    }
    guard let timeColumn = index("time/s") else {
      throw .missing(source: source, "'time/s' column in the header on line \(count)")
    }
    guard let voltageColumn = index("Ewe/V", "<Ewe>/V", "Ecell/V", "Ewe-Ece/V") else {
      throw .missing(source: source, "voltage column (Ewe/V) in the header on line \(count)")
    }
    let currentColumn = index("I/mA", "<I>/mA")
    let dqColumn = index("dq/mA.h", "dQ/mA.h")
    let cumulativeColumn = index("(Q-Qo)/mA.h")
    let cycleColumn = index("cycle number")
    guard currentColumn != nil || dqColumn != nil || cumulativeColumn != nil else {
      throw .missing(source: source, "current or charge column (I/mA, dq/mA.h or (Q-Qo)/mA.h)")
    }
    var time: [Double] = []
    var voltage: [Double] = []
    var current: [Double] = []
    var step: [Double] = []
    var cycles: [Int] = []
    var lastCumulative: Double?
    var firstStamp: Double?
    for n in count..<lines.count {
      let line = lines[n]
      if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      let fields = line.split(separator: separator, omittingEmptySubsequences: false)
      func number(_ k: Int, _ name: String) throws(CyclingError) -> Double {
        guard k < fields.count,
          let v = Double(
            fields[k].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")),
          v.isFinite
        else {
          throw .badValue(
            source: source, line: n + 1, "expected a number for \(name) in column \(k + 1)")
        }
        return v
      }
      // BT-Lab may write absolute time stamps ("11/20/2024 11:38:41.707").
      let t: Double
      if timeColumn < fields.count, let stamp = Self.timeStamp(fields[timeColumn]) {
        t = stamp - (firstStamp ?? stamp)
        if firstStamp == nil {
          firstStamp = stamp
          warnings.append(
            .note("absoluteTimeStamps", "time/s holds dates and times: time counted from the first record"))
        }
      } else {
        t = try number(timeColumn, "time/s")
      }
      time.append(t)
      voltage.append(try number(voltageColumn, "Ewe/V"))
      if let c = currentColumn { current.append(try number(c, "I/mA") / 1000) }
      if let c = dqColumn {
        step.append(try number(c, "dq/mA.h") / 1000)
      } else if let c = cumulativeColumn {
        let q = try number(c, "(Q-Qo)/mA.h")
        step.append(((q - (lastCumulative ?? q))) / 1000)
        lastCumulative = q
      } else if let i = current.last {
        let dt = time.count > 1 ? t - time[time.count - 2] : 0
        step.append(i * dt / 3600)
      }
      if let c = cycleColumn {
        guard let cycle = Int(fileValue: try number(c, "cycle number")) else {
          throw .badValue(source: source, line: n + 1, "expected a cycle number in column \(c + 1)")
        }
        cycles.append(cycle)
      }
    }
    guard !time.isEmpty else { throw .missing(source: source, "data rows after line \(count)") }
    if dqColumn == nil {
      warnings.append(
        .note(
          cumulativeColumn != nil ? "chargeFromCumulativeColumn" : "chargeFromCurrent",
          "no dq/mA.h column: charge from \(cumulativeColumn != nil ? "(Q-Qo)/mA.h" : "I·Δt")"))
    }
    let technique = lines[0..<min(count - 1, 6)].map(String.init).first {
      $0.contains("Galvanostatic") || $0.contains("Modulo Bat")
    }
    return CyclerTable(
      time: time, voltage: voltage, current: currentColumn == nil ? nil : current,
      chargeStep: step, instrumentCycle: cycleColumn == nil ? nil : cycles, activeMassGrams: mass,
      format: "BioLogic .mpt"
        + (technique.map { " (\($0.trimmingCharacters(in: .whitespaces)))" } ?? ""),
      warnings: warnings)
  }

  /// Seconds since 2000 of a time stamp "MM/dd/yyyy HH:mm:ss.sss"; nil for
  /// anything else.
  static func timeStamp(_ field: Substring) -> Double? {
    let parts = field.trimmingCharacters(in: .whitespaces).split(separator: " ")
    guard parts.count == 2 else { return nil }
    let date = parts[0].split(separator: "/").compactMap { Int($0) }
    let clock = parts[1].split(separator: ":").compactMap { Double($0) }
    guard date.count == 3, clock.count == 3, (1...12).contains(date[0]), (1...31).contains(date[1])
    else { return nil }
    // Days from 2000-03-01 by the civil calendar, so that leap days fall right.
    let (month, day, year) = (date[0], date[1], date[2])
    let y = month <= 2 ? year - 1 : year
    let m = month <= 2 ? month + 9 : month - 3
    // Counted from 2000 so that milliseconds survive in a Double.
    let days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day - 730_425
    return Double(days) * 86400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
  }
}
