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
/// and the coulombic efficiency Q_discharge/Q_charge (the cathode and
/// full-cell convention; nil when the cycle has no charge).
public struct CycleSummary: Sendable, Equatable {
  /// The cycle's number (the instrument's, or from 0 by the rule).
  public var cycle: Int
  /// Charge capacity, Ah.
  public var chargeAh: Double
  /// Discharge capacity, Ah.
  public var dischargeAh: Double
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
  public func cycles(_ rule: CycleRule = .instrument) -> (cycles: [CycleSummary], note: String) {
    let (numbers, note) = cycleNumbers(rule)
    var order: [Int] = []
    var charge: [Int: Double] = [:]
    var discharge: [Int: Double] = [:]
    for k in 0..<count {
      let c = numbers[k]
      if charge[c] == nil {
        order.append(c)
        charge[c] = 0
        discharge[c] = 0
      }
      let q = chargeStep[k]
      if q > 0 { charge[c, default: 0] += q } else { discharge[c, default: 0] -= q }
    }
    return (
      order.map {
        CycleSummary(cycle: $0, chargeAh: charge[$0] ?? 0, dischargeAh: discharge[$0] ?? 0)
      },
      note
    )
  }
}
