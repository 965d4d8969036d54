import IonicsCore
import Foundation

/// How records are grouped into cycles.
public enum CycleRule: String, Sendable, CaseIterable {
  /// The instrument's own cycle counter (EC-Lab's `cycle number`, Arbin's
  /// `Cycle_Index`, …).
  case instrument
  /// EC-Lab's rule: a new cycle starts at each charge that follows a
  /// discharge (cathodes and full cells).
  case chargeAfterDischarge = "charge-after-discharge"
  /// A new cycle at each discharge that follows a charge (anode half cells
  /// started by lithiation).
  case dischargeAfterCharge = "discharge-after-charge"
}

/// One cycle: the charge passed while charging and while discharging (Ah),
/// the energies (Wh, each record's charge times its voltage), and what
/// follows from them: the coulombic efficiency Q_discharge/Q_charge (the
/// cathode and full-cell convention; nil when the cycle has no charge), the
/// energy efficiency, the mean voltages ∫V dQ / Q and their difference.
public struct CycleSummary: Sendable, Equatable {
  /// The cycle's number (the instrument's, or from 0 by the rule).
  public var cycle: Int
  /// Charge capacity, Ah.
  public var chargeAh: Double
  /// Discharge capacity, Ah.
  public var dischargeAh: Double
  /// Energy put in while charging, Wh (Σ V·ΔQ over the records).
  public var chargeWh: Double = 0
  /// Energy given back while discharging, Wh.
  public var dischargeWh: Double = 0
  /// Mean charge voltage ∫V dQ / Q, V.
  public var meanChargeVoltage: Double? { chargeAh > 0 ? chargeWh / chargeAh : nil }
  /// Mean discharge voltage, V.
  public var meanDischargeVoltage: Double? { dischargeAh > 0 ? dischargeWh / dischargeAh : nil }
  /// Polarisation: mean charge minus mean discharge voltage, V.
  public var polarisation: Double? {
    guard let c = meanChargeVoltage, let d = meanDischargeVoltage else { return nil }
    return c - d
  }
  /// Energy efficiency E_discharge / E_charge.
  public var energyEfficiency: Double? {
    chargeWh > 0 && dischargeWh > 0 ? dischargeWh / chargeWh : nil
  }
  /// Q_discharge / Q_charge.
  public var coulombicEfficiency: Double? {
    chargeAh > 0 && dischargeAh > 0 ? dischargeAh / chargeAh : nil
  }
}

extension CyclerTable {
  /// Cycle numbers of every record by `rule` (the instrument's counter
  /// falls back to EC-Lab's rule, with a warning, when the file has none).
  public func cycleNumbers(_ rule: CycleRule) -> (numbers: [Int], note: String) {
    if rule == .instrument, let instrumentCycle {
      return (instrumentCycle, "cycles as the instrument numbered them")
    }
    let startOn: Double = rule == .dischargeAfterCharge ? -1 : 1
    var numbers = [Int](repeating: 0, count: count)
    var cycle = 0
    var last: Double = 0  // sign of the last record that passed charge
    var seenOpposite = false
    for k in 0..<count {
      let s: Double = chargeStep[k] > 0 ? 1 : chargeStep[k] < 0 ? -1 : 0
      if s != 0 {
        if s == -startOn { seenOpposite = true }
        if s == startOn && last == -startOn && seenOpposite {
          cycle += 1
          seenOpposite = false
        }
        last = s
      }
      numbers[k] = cycle
    }
    let fallback = rule == .instrument ? "the file has no cycle counter: " : ""
    let text =
      rule == .dischargeAfterCharge
      ? "a new cycle at each discharge after a charge"
      : "a new cycle at each charge after a discharge"
    return (numbers, fallback + text)
  }

  /// Charge and discharge capacity of every cycle: the charge passed with
  /// positive and with negative current, summed over the cycle's records,
  /// so capacities that reset per step or per half cycle need no care.
  public func cycles(_ rule: CycleRule = .instrument) -> (
    cycles: [CycleSummary], note: String, warnings: [Diagnostic]
  ) {
    let (numbers, note) = cycleNumbers(rule)
    // Several charges inside one numbered cycle: the counter does not
    // advance per cycle (diagnostic loops, or a schedule that never counts).
    var warnings: [Diagnostic] = []
    if rule == .instrument, instrumentCycle != nil {
      // Four or more half cycles (two charges and two discharges) in one.
      var runs: [Int: Int] = [:]
      for half in halfCycles { runs[half.instrumentCycle ?? 0, default: 0] += 1 }
      let crowded = runs.filter { $0.value >= 4 }.keys.sorted()
      if !crowded.isEmpty {
        warnings.append(
          .warning(
            "instrumentCycleHoldsSeveral",
            "instrument cycle\(crowded.count > 1 ? "s" : "") \(crowded.prefix(5).map(String.init).joined(separator: ", "))\(crowded.count > 5 ? ", …" : "") \(crowded.count > 1 ? "hold" : "holds") several charge–discharge cycles (the counter does not advance with each); --rule charge-after-discharge gives one row per cycle"
          ))
      }
    }
    // Sums per cycle in order of appearance; the slot is looked up only
    // where the cycle number changes.
    var order: [Int] = []
    var slotOf: [Int: Int] = [:]
    var sums: [(charge: Double, discharge: Double, chargeWh: Double, dischargeWh: Double)] = []
    var current = Int.min
    var slot = -1
    for k in 0..<count {
      let c = numbers[k]
      if c != current || slot < 0 {
        current = c
        if let s = slotOf[c] {
          slot = s
        } else {
          slot = sums.count
          slotOf[c] = slot
          order.append(c)
          sums.append((0, 0, 0, 0))
        }
      }
      let q = chargeStep[k]
      if q > 0 {
        sums[slot].charge += q
        sums[slot].chargeWh += q * voltage[k]
      } else {
        sums[slot].discharge -= q
        sums[slot].dischargeWh -= q * voltage[k]
      }
    }
    return (
      order.indices.map {
        CycleSummary(
          cycle: order[$0], chargeAh: sums[$0].charge, dischargeAh: sums[$0].discharge,
          chargeWh: sums[$0].chargeWh, dischargeWh: sums[$0].dischargeWh)
      },
      note, warnings
    )
  }
}

/// A half cycle: a run of records that pass charge in one direction.
public struct HalfCycle: Sendable, Equatable {
  /// +1 charge, −1 discharge.
  public var direction: Int
  /// Index of the first and last record.
  public var records: ClosedRange<Int>
  /// The instrument's cycle number at the first record, when the file has one.
  public var instrumentCycle: Int?
  /// Charge passed, Ah (positive).
  public var capacityAh: Double
}

extension CyclerTable {
  /// The half cycles: a new one wherever the direction of the charge
  /// passed or the instrument's cycle number changes (records that pass
  /// none, rests, join the current one).
  public var halfCycles: [HalfCycle] {
    var result: [HalfCycle] = []
    for k in 0..<count where chargeStep[k] != 0 {
      let direction = chargeStep[k] > 0 ? 1 : -1
      if var last = result.last, last.direction == direction,
        last.instrumentCycle == instrumentCycle?[k]
      {
        last.records = last.records.lowerBound...k
        last.capacityAh += abs(chargeStep[k])
        result[result.count - 1] = last
      } else {
        result.append(
          HalfCycle(
            direction: direction, records: k...k, instrumentCycle: instrumentCycle?[k],
            capacityAh: abs(chargeStep[k])))
      }
    }
    return result
  }
}
