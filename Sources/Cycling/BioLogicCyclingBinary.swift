import Foundation
import IonicsCore

/// EC-Lab's binary `.mpr` of a cycling technique (GCPL, Modulo Bat): time,
/// Ewe and the charge passed per record (`dq/mA.h`) from the data module.
/// The file stores no current and, usually, no cycle number: the current is
/// dq/dt, and cycles follow EC-Lab's rule (a new cycle at each charge after
/// a discharge), which reproduces EC-Lab's own `.mpt` export.
package enum BioLogicCyclingBinary {
  /// Reads the bytes of a file named `source`.
  package static func read(_ data: Data, source: String) throws(CyclingError) -> CyclerTable {
    let file: BioLogicMPRFile
    do {
      file = try BioLogicMPRFile(data)
    } catch {
      throw .unreadable(source: source, error.reason)
    }
    guard let time = file.values(4) else {
      throw .missing(
        source: source, "time/s column (id 4); columns: \(file.columnNames.joined(separator: ", "))"
      )
    }
    guard let voltage = file.values(6) ?? file.values(77) ?? file.values(174) else {
      throw .missing(source: source, "Ewe/V column (id 6, 77 or 174)")
    }
    var warnings = file.notes
    var step: [Double]
    if let dq = file.values(7) ?? file.values(23) {
      step = dq.map { $0 / 1000 }
    } else if let q = file.values(13) {
      step = q.indices.map { $0 == 0 ? 0 : (q[$0] - q[$0 - 1]) / 1000 }
      warnings.append(
        .note("chargeFromCumulativeColumn", "no dq/mA.h column: charge from (Q-Qo)/mA.h"))
    } else if let i = file.values(8) ?? file.values(11) ?? file.values(76) {
      step = i.indices.map { $0 == 0 ? 0 : i[$0] / 1000 * (time[$0] - time[$0 - 1]) / 3600 }
      warnings.append(.note("chargeFromCurrent", "no dq/mA.h column: charge from I·Δt"))
    } else {
      throw .missing(source: source, "charge or current column (dq/mA.h, (Q-Qo)/mA.h or I/mA)")
    }
    // The current: recorded, or dq/dt.
    let current: [Double] =
      (file.values(8) ?? file.values(11) ?? file.values(76)).map { $0.map { $0 / 1000 } }
      ?? step.indices.map { k in
        guard k > 0, time[k] > time[k - 1] else { return 0 }
        return step[k] * 3600 / (time[k] - time[k - 1])
      }
    step = step.map { $0.isFinite ? $0 : 0 }
    return CyclerTable(
      time: time, voltage: voltage, current: current, chargeStep: step,
      instrumentCycle: file.values(24).map { $0.map { Int(fileValue: $0) ?? 0 } },
      activeMassGrams: file.activeMassMilligrams.map { $0 / 1000 },
      format: "BioLogic .mpr (data module v\(file.dataVersion))", warnings: warnings)
  }
}
