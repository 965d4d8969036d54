import Foundation
import IonicsCore

/// Thermograms made from a formula, for demos and tests: each solvate part
/// leaves in a logistic step, mass % = 100 − Σ Lᵢ/(1 + exp(−(T − Tᵢ)/wᵢ)),
/// with Lᵢ its mass share of the formula, then the framework decomposes.
/// A logistic step's DTG peaks at Tᵢ with −dm/dT = Lᵢ/(4wᵢ), and its
/// extrapolated onset and end lie at Tᵢ ∓ 2wᵢ.
public enum SimulatedThermogram {
  /// One step: the temperature of its DTG peak (°C), its width w (°C) and
  /// its loss (% of the initial mass).
  public struct Step: Sendable {
    /// DTG peak, °C.
    public var celsius: Double
    /// Logistic width, °C.
    public var width: Double
    /// Loss, %.
    public var lossPercent: Double

    /// A step.
    public init(celsius: Double, width: Double, lossPercent: Double) {
      self.celsius = celsius
      self.width = width
      self.lossPercent = lossPercent
    }
  }

  /// A heating run from `fromCelsius` to `toCelsius` at `rate` K/min,
  /// sampled every `interval` minutes, of a `massMilligrams` sample losing
  /// `steps`, with Gaussian noise of `noisePercent` (seeded).
  public static func run(
    steps: [Step], fromCelsius: Double = 25, toCelsius: Double = 900, rate: Double = 10,
    interval: Double = 0.05, massMilligrams: Double = 10, noisePercent: Double = 0.002,
    seed: UInt64 = 7, sample: String = "simulated"
  ) throws(ThermalError) -> ThermogravimetricRun {
    var random = SplitMix64(seed: seed)
    var time: [Double] = []
    var temperature: [Double] = []
    var mass: [Double] = []
    var t = 0.0
    while fromCelsius + rate * t <= toCelsius {
      let celsius = fromCelsius + rate * t
      var percent = 100.0
      for s in steps {
        percent -= s.lossPercent / (1 + exp(-(celsius - s.celsius) / s.width))
      }
      percent += noisePercent * random.gaussian()
      time.append(t)
      temperature.append(celsius)
      mass.append(massMilligrams * percent / 100)
      t += interval
    }
    var metadata = ThermogravimetricRun.Metadata()
    metadata.sample = sample
    metadata.sampleMassMilligrams = massMilligrams
    metadata.heatingRateKelvinPerMinute = rate
    metadata.programme = [
      "simulated: \(fromCelsius) → \(toCelsius) °C at \(rate) K/min"
    ]
    return try ThermogravimetricRun(
      timeMinutes: time, temperatureCelsius: temperature, massMilligrams: mass,
      massPercent: nil, metadata: metadata, format: "simulated by Ionics")
  }

  /// The paper's solvate: 0.75 CH3OH leaving near 55 °C and 6 H2O near
  /// 85 °C (both below 100 °C, Fig. 3b), the framework decomposing above
  /// 700 °C (a 35 % loss centred at 760 °C).
  public static func paperSolvate(formula: Formula) throws(ThermalError) -> ThermogravimetricRun {
    let total = formula.molarMassGramsPerMole
    let shares = formula.solvates.map { 100 * $0.multiplier * $0.molarMassGramsPerMole / total }
    var steps: [Step] = []
    for (k, share) in shares.enumerated() {
      steps.append(Step(celsius: 55 + 30 * Double(k), width: 4, lossPercent: share))
    }
    steps.append(Step(celsius: 760, width: 12, lossPercent: 35))
    return try run(steps: steps, sample: formula.text)
  }
}
