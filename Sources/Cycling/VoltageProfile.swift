import Foundation

/// The voltage of one half cycle against the charge passed since it began
/// (the curves of a paper's charge–discharge figure).
public struct VoltageProfile: Sendable, Encodable {
  /// The cycle, numbered by the rule asked for.
  public var cycle: Int
  /// +1 charge, −1 discharge.
  public var direction: Int
  /// Charge passed since the start of the half cycle, Ah (rising).
  public var capacityAh: [Double]
  /// Voltage, V.
  public var voltage: [Double]

  /// A profile from its points.
  public init(cycle: Int, direction: Int, capacityAh: [Double], voltage: [Double]) {
    self.cycle = cycle
    self.direction = direction
    self.capacityAh = capacityAh
    self.voltage = voltage
  }
}

extension CyclerTable {
  /// The half cycles of `cycles` (all when empty), in time order, cycles
  /// numbered by `rule`.
  public func voltageProfiles(_ rule: CycleRule = .instrument, cycles wanted: [Int] = [])
    -> [VoltageProfile]
  {
    let (numbers, _) = cycleNumbers(rule)
    var profiles: [VoltageProfile] = []
    for half in halfCycles {
      let cycle = numbers[half.records.lowerBound]
      guard wanted.isEmpty || wanted.contains(cycle) else { continue }
      var q = 0.0
      var capacity: [Double] = []
      var volts: [Double] = []
      capacity.reserveCapacity(half.records.count)
      for k in half.records {
        q += abs(chargeStep[k])
        capacity.append(q)
        volts.append(voltage[k])
      }
      profiles.append(
        VoltageProfile(
          cycle: cycle, direction: half.direction, capacityAh: capacity, voltage: volts))
    }
    return profiles
  }
}
