import Foundation
import IonicsCore

/// PalmSens PSTrace CSV exports of chronopotentiometry (UTF-16 with a BOM):
/// a `Date and time:` preamble, a line naming the curves side by side
/// (`Chronopotentiometry: CP E vs t,,Chronopotentiometry [1]: …`), a line of
/// units (`s,V,s,V,…`), then rows with one (t, E) pair per curve. The curves
/// are joined one after the other in time. PSTrace writes no current, so no
/// capacity can be counted: every record's charge is zero and a note says so.
package enum PalmSensCSV {
  /// Whether `text` is such an export.
  package static func matches(_ text: Substring) -> Bool {
    text.contains("Date and time:") && text.contains("s,V")
  }

  /// Reads the bytes of a file named `source`.
  package static func read(_ data: Data, source: String) throws(CyclingError) -> CyclerTable {
    let text = TextDecoding.decode(data)
    let lines = text.split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: CharacterSet(charactersIn: " \r"))
    }
    guard let unitLine = lines.firstIndex(where: { line in
      let units = line.split(separator: ",", omittingEmptySubsequences: false)
      return units.count >= 2 && stride(from: 0, to: units.count - 1, by: 2).allSatisfy {
        units[$0] == "s" && units[$0 + 1] == "V"
      }
    }) else {
      throw .missing(source: source, "a line of units 's,V' above the PSTrace curves")
    }
    let curves = lines[unitLine].split(separator: ",", omittingEmptySubsequences: false).count / 2
    var series = Array(repeating: (t: [Double](), e: [Double]()), count: curves)
    for n in (unitLine + 1)..<lines.count where !lines[n].isEmpty {
      let fields = lines[n].split(separator: ",", omittingEmptySubsequences: false)
      for c in 0..<curves where 2 * c + 1 < fields.count {
        let (a, b) = (fields[2 * c], fields[2 * c + 1])
        if a.isEmpty && b.isEmpty { continue }
        guard let t = Double(a), let e = Double(b), t.isFinite, e.isFinite else {
          throw .badValue(
            source: source, line: n + 1, "expected a time (s) and a potential (V) for curve \(c + 1)")
        }
        series[c].t.append(t)
        series[c].e.append(e)
      }
    }
    var table = CyclerTable(
      time: [], voltage: [], current: nil, chargeStep: [], instrumentCycle: [],
      activeMassGrams: nil, format: "PalmSens PSTrace CSV (\(curves) curves)", warnings: [])
    var offset = 0.0
    for (c, curve) in series.enumerated() where !curve.t.isEmpty {
      let start = curve.t[0]
      table.time += curve.t.map { $0 - start + offset }
      table.voltage += curve.e
      table.instrumentCycle? += Array(repeating: c + 1, count: curve.t.count)
      offset = (table.time.last ?? offset) + (curve.t.count > 1 ? curve.t[1] - curve.t[0] : 0)
    }
    guard !table.time.isEmpty else {
      throw .missing(source: source, "data rows below the units line \(unitLine + 1)")
    }
    table.chargeStep = Array(repeating: 0, count: table.count)
    table.warnings.append(
      .note(
        "noCurrentColumn",
        "PSTrace writes the potential of each chronopotentiometry curve but not its current: no capacity is counted; each curve is numbered as a cycle"
      ))
    return table
  }
}
