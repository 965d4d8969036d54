import Foundation

/// A Na | electrolyte | Na cell made up to test the symmetric-cell analysis:
/// plating and stripping at one current for `halfCycleHours` each. Each
/// half cycle starts at a nucleation peak `spikeFraction` above the plateau
/// and relaxes to it with time constant `relaxationHours`; the plateau drifts
/// by `driftMillivoltsPerHour`. A failing cell turns erratic at `failureHours`:
/// the overpotential then jumps from record to record (noise of
/// `erraticNoiseFraction` of the plateau) and falls toward a short circuit.
public struct SymmetricCellSimulator: Sendable {
  /// Current density, mA/cm².
  public var currentDensityMilliampsPerSquareCentimetre = 0.05
  /// Electrode area, cm².
  public var areaSquareCentimetres = Double.pi * 0.95 * 0.95
  /// Plateau overpotential, V.
  public var plateauVolts = 0.112
  /// Peak above the plateau at the start of a half cycle, as a fraction.
  public var spikeFraction = 0.15
  /// Relaxation from the peak to the plateau, h.
  public var relaxationHours = 0.05
  /// Plateau drift, mV/h.
  public var driftMillivoltsPerHour = 0.0
  /// Duration of one plating or stripping step, h.
  public var halfCycleHours = 1.0
  /// Total time, h.
  public var totalHours = 200.0
  /// When the cell turns erratic, h (nil: never).
  public var failureHours: Double?
  /// Record-to-record noise after the failure, fraction of the plateau.
  public var erraticNoiseFraction = 0.3
  /// Records per half cycle.
  public var pointsPerHalfCycle = 60
  /// Seed of the noise.
  public var seed: UInt64 = 1

  /// A cell with the defaults above (the paper's 0.05 mA/cm², 112 mV, 200 h).
  public init() {}

  /// The records.
  public func table() -> CyclerTable {
    let amps = currentDensityMilliampsPerSquareCentimetre * areaSquareCentimetres / 1000
    var t = CyclerTable(
      time: [], voltage: [], current: [], chargeStep: [], instrumentCycle: nil,
      activeMassGrams: nil, format: "symmetric cell simulated by Ionics", warnings: [])
    var state = seed
    func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    let halves = Int((totalHours / halfCycleHours).rounded(.down))
    let dt = halfCycleHours * 3600 / Double(pointsPerHalfCycle)
    var clock = 0.0
    for h in 0..<halves {
      let sign = h % 2 == 0 ? 1.0 : -1.0
      for k in 1...pointsPerHalfCycle {
        clock += dt
        let hours = clock / 3600
        let intoHalf = Double(k) * dt / 3600
        var eta =
          plateauVolts + driftMillivoltsPerHour / 1000 * hours
          + plateauVolts * spikeFraction * exp(-intoHalf / relaxationHours)
        if let failure = failureHours, hours >= failure {
          // Erratic, and sinking toward a short over the following day.
          let fade = max(0.05, 1 - (hours - failure) / 24)
          eta = eta * fade * (1 + erraticNoiseFraction * (2 * uniform() - 1))
        }
        t.time.append(clock)
        t.voltage.append(sign * eta)
        t.current?.append(sign * amps)
        t.chargeStep.append(sign * amps * dt / 3600)
      }
    }
    return t
  }
}
