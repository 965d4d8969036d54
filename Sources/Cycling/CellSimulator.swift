import Foundation

/// A galvanostatic cell made up to test the analysis: cycles of charge then
/// discharge at given C-rates, each half cycle a straight voltage ramp
/// between the window's limits, with chosen discharge capacities and a
/// fixed coulombic efficiency.
public enum CellSimulator {
  /// One block of cycles at one rate.
  public struct Block: Sendable {
    /// C-rate of charge and discharge.
    public var cRate: Double
    /// Discharge capacity of each cycle of the block, mAh/g.
    public var dischargeMilliampHoursPerGram: [Double]

    /// A block of cycles at `cRate` with these discharge capacities (mAh/g).
    public init(cRate: Double, dischargeMilliampHoursPerGram: [Double]) {
      self.cRate = cRate
      self.dischargeMilliampHoursPerGram = dischargeMilliampHoursPerGram
    }
  }

  /// The records of `blocks` for `activeMassGrams` of material whose 1 C is
  /// `oneC` mAh/g, between `window` volts, `points` records per half cycle.
  public static func cycling(
    _ blocks: [Block], activeMassGrams: Double, oneC: Double, window: ClosedRange<Double>,
    coulombicEfficiency: Double = 0.999, points: Int = 20
  ) -> CyclerTable {
    var t = CyclerTable(
      time: [], voltage: [], current: [], chargeStep: [], instrumentCycle: [],
      activeMassGrams: activeMassGrams, format: "simulated by Ionics", warnings: [])
    var clock = 0.0
    var cycle = 1
    for block in blocks {
      let amps = block.cRate * oneC * activeMassGrams / 1000
      for capacity in block.dischargeMilliampHoursPerGram {
        let dischargeAh = capacity * activeMassGrams / 1000
        let chargeAh = dischargeAh / coulombicEfficiency
        for (ah, sign) in [(chargeAh, 1.0), (dischargeAh, -1.0)] {
          let seconds = ah / amps * 3600
          for k in 1...points {
            let f = Double(k) / Double(points)
            clock += seconds / Double(points)
            t.time.append(clock)
            t.voltage.append(
              sign > 0
                ? window.lowerBound + f * (window.upperBound - window.lowerBound)
                : window.upperBound - f * (window.upperBound - window.lowerBound))
            t.current?.append(sign * amps)
            t.chargeStep.append(sign * ah / Double(points))
            t.instrumentCycle?.append(cycle)
          }
        }
        cycle += 1
      }
    }
    return t
  }
}

extension CyclerTable {
  /// The table as a Battery Data Format CSV (time in hours, current in A,
  /// voltage in V, cycle count, a step per half cycle, and charge and
  /// discharge capacities in Ah that restart at every step).
  public var batteryDataFormatCSV: String {
    var out =
      "Test Time / h,Current / A,Voltage / V,Cycle Count / 1,Step Index / 1,Charge Capacity / Ah,Discharge Capacity / Ah\n"
    var step = 0
    var lastSign = 0.0
    var (charge, discharge) = (0.0, 0.0)
    for k in 0..<count {
      let q = chargeStep[k]
      let sign: Double = q > 0 ? 1 : q < 0 ? -1 : lastSign
      if sign != lastSign {
        step += 1
        (charge, discharge) = (0, 0)
        lastSign = sign
      }
      if q > 0 { charge += q } else { discharge -= q }
      out +=
        "\(time[k] / 3600),\(current?[k] ?? 0),\(voltage[k]),\(instrumentCycle?[k] ?? 0),\(step),\(charge),\(discharge)\n"
    }
    return out
  }
}
