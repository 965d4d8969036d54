import Cycling
import Foundation
import Testing

@Suite("Voltage profiles and dQ/dV")
struct ProfileTests {
  /// A simulated cell: each half cycle's profile ends at its capacity and
  /// runs between the window's limits.
  @Test func profilesOfTheSimulator() {
    let t = CellSimulator.cycling(
      [.init(cRate: 0.5, dischargeMilliampHoursPerGram: [100, 90])], activeMassGrams: 0.002,
      oneC: 117, window: 2.5...3.9, coulombicEfficiency: 1)
    let profiles = t.voltageProfiles(cycles: [2])
    #expect(profiles.count == 2)
    #expect(profiles.map(\.direction) == [1, -1])
    #expect(abs((profiles[1].capacityAh.last ?? 0) - 0.09 * 0.002) < 1e-12)
    #expect(profiles[0].voltage.last == 3.9 && profiles[1].voltage.last == 2.5)
  }

  /// A straight ramp: Q rises linearly over 1.4 V, so dQ/dV is Q/1.4 V everywhere.
  @Test func rampIsFlat() throws {
    let n = 500
    let p = VoltageProfile(
      cycle: 1, direction: 1, capacityAh: (1...n).map { 0.001 * Double($0) / Double(n) },
      voltage: (1...n).map { 2.5 + 1.4 * Double($0) / Double(n) })
    let d = try #require(DifferentialCapacity(p, step: 0.01, smoothing: 5))
    for k in 3..<(d.voltage.count - 3) {
      #expect(abs(d.ampHoursPerVolt[k] - 0.001 / 1.4) < 1e-9)
    }
  }

  /// Two plateaus (logistic steps of width 10 mV at 3.40 and 3.70 V, 0.6 and
  /// 0.4 mAh), discharged: the peaks sit at the plateaus, the larger one is
  /// Q/(4w) = 0.015 Ah/V high within 2 %, and the area is the capacity.
  @Test func plateausArePeaks() throws {
    func q(_ v: Double) -> Double {
      0.0006 / (1 + exp(-(v - 3.40) / 0.01)) + 0.0004 / (1 + exp(-(v - 3.70) / 0.01))
    }
    // Discharge: voltage falling from 3.9 to 3.2 V, charge passed rising.
    let volts = (0...2000).map { 3.9 - 0.7 * Double($0) / 2000 }
    let p = VoltageProfile(
      cycle: 3, direction: -1, capacityAh: volts.map { q(3.9) - q($0) }, voltage: volts)
    let d = try #require(DifferentialCapacity(p, step: 0.002, smoothing: 1))
    let peak = try #require(
      d.ampHoursPerVolt.indices.max { d.ampHoursPerVolt[$0] < d.ampHoursPerVolt[$1] })
    #expect(abs(d.voltage[peak] - 3.40) <= 0.002)
    #expect(abs(d.ampHoursPerVolt[peak] - 0.0006 / 0.04) < 0.02 * 0.015)
    let upper = d.voltage.indices.filter { d.voltage[$0] > 3.55 }
    let second = try #require(upper.max { d.ampHoursPerVolt[$0] < d.ampHoursPerVolt[$1] })
    #expect(abs(d.voltage[second] - 3.70) <= 0.002)
    var area = 0.0
    for k in 1..<d.ampHoursPerVolt.count {
      area += (d.ampHoursPerVolt[k] + d.ampHoursPerVolt[k - 1]) / 2 * 0.002
    }
    #expect(abs(area - (q(3.9) - q(3.2))) < 1e-3 * q(3.9))
  }
}
