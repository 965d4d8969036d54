import Foundation

/// Discharge capacity grouped by C-rate: the paper's rate table (Fig. 4b).
public struct RateStep: Sendable, Equatable {
  /// The C-rate of the group (the measured rate rounded to a usual value).
  public var cRate: Double
  /// The cycles in the group (their numbers).
  public var cycles: [Int]
  /// Mean discharge capacity of the group, mAh/g.
  public var meanDischargeMilliampHoursPerGram: Double
  /// Discharge capacity of the group's last cycle, mAh/g.
  public var lastDischargeMilliampHoursPerGram: Double
  /// The mean as a fraction of 1 C's capacity.
  public var fractionOfTheoretical: Double
}

extension CyclerTable {
  /// The usual C-rates a measured rate is rounded to.
  public static let usualRates: [Double] = [
    0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.3, 0.33, 0.5, 1, 2, 3, 4, 5, 10, 20,
  ]

  /// Discharge C-rate of every cycle: the mean |current| while discharging
  /// (A) over the current of 1 C for `activeMassGrams` and `oneC` (mAh/g).
  public func dischargeRates(
    _ rule: CycleRule = .instrument, activeMassGrams: Double, oneC: Double
  ) -> [Int: Double] {
    guard let current, activeMassGrams > 0, oneC > 0 else { return [:] }
    let oneCAmps = activeMassGrams * oneC / 1000
    let numbers = cycleNumbers(rule).numbers
    var sum: [Int: Double] = [:]
    var count: [Int: Int] = [:]
    for k in 0..<self.count where chargeStep[k] < 0 && current[k] < 0 {
      sum[numbers[k], default: 0] += -current[k]
      count[numbers[k], default: 0] += 1
    }
    return sum.reduce(into: [:]) { out, item in
      out[item.key] = item.value / Double(count[item.key] ?? 1) / oneCAmps
    }
  }

  /// Consecutive cycles at one C-rate (rounded to the nearest usual rate,
  /// within 15 %), each group's mean and last discharge capacity (mAh/g) and
  /// its fraction of `oneC` (mAh/g). Cycles without a discharge are left out.
  public func rateCapability(
    _ rule: CycleRule = .instrument, activeMassGrams: Double, oneC: Double
  ) -> [RateStep] {
    let rates = dischargeRates(rule, activeMassGrams: activeMassGrams, oneC: oneC)
    var steps: [RateStep] = []
    for cycle in cycles(rule).cycles where cycle.dischargeAh > 0 {
      guard let measured = rates[cycle.cycle] else { continue }
      let nearest =
        Self.usualRates.min { abs($0 / measured - 1) < abs($1 / measured - 1) } ?? measured
      let rate = abs(nearest / measured - 1) < 0.15 ? nearest : measured
      let capacity = cycle.dischargeAh * 1000 / activeMassGrams
      if var last = steps.last, abs(last.cRate - rate) < 1e-9 {
        let n = Double(last.cycles.count)
        last.meanDischargeMilliampHoursPerGram =
          (last.meanDischargeMilliampHoursPerGram * n + capacity) / (n + 1)
        last.lastDischargeMilliampHoursPerGram = capacity
        last.cycles.append(cycle.cycle)
        last.fractionOfTheoretical = last.meanDischargeMilliampHoursPerGram / oneC
        steps[steps.count - 1] = last
      } else {
        steps.append(
          RateStep(
            cRate: rate, cycles: [cycle.cycle], meanDischargeMilliampHoursPerGram: capacity,
            lastDischargeMilliampHoursPerGram: capacity, fractionOfTheoretical: capacity / oneC))
      }
    }
    return steps
  }

  /// Discharge capacity of the last cycle over that of `reference` (a cycle
  /// number), as a fraction; nil when either has no discharge.
  public func retention(_ rule: CycleRule = .instrument, reference: Int) -> Double? {
    let all = cycles(rule).cycles.filter { $0.dischargeAh > 0 }
    guard let first = all.first(where: { $0.cycle == reference }), let last = all.last,
      first.dischargeAh > 0
    else { return nil }
    return last.dischargeAh / first.dischargeAh
  }
}
