import Foundation
import Impedance
import IonicsCore

/// A temperature series of a blocking pellet made by Ionics' own circuit
/// simulator: bulk R‖CPE in series with an electrode CPE, the bulk
/// resistance following σ = σ25·exp(−Ea/kB·(1/T − 1/298.15 K)), Gaussian noise
/// from a fixed seed. The bundled example of `ionics demo`; every report
/// that uses it says that it is simulated.
public enum SimulatedSeries {
  /// What the series is made from.
  public struct Parameters: Sendable, Codable {
    /// Activation energy (σ form), eV.
    public var activationEnergyElectronvolts = 0.32
    /// σ at 25 °C, S/cm.
    public var conductivityAt25C = 1.05e-5
    /// Pellet diameter and thickness, mm.
    public var diameterMillimetres = 12.0
    /// Pellet thickness, mm.
    public var thicknessMillimetres = 4.0
    /// Bulk C_eff, F (kept at every temperature) and its CPE exponent.
    public var bulkCapacitanceFarads = 7.5e-12
    /// CPE exponent of the bulk arc.
    public var bulkExponent = 0.9
    /// Electrode CPE: Q (Ω⁻¹ s^n) and n.
    public var electrodeQ = 2e-6
    /// Electrode CPE exponent.
    public var electrodeExponent = 0.8
    /// Temperatures, °C.
    public var temperaturesCelsius: [Double] = [25, 40, 55, 70, 85, 100]
    /// Relative noise on Re and Im (fraction of |Z|).
    public var relativeNoise = 0.005
    /// Seed of the first spectrum (the k-th uses seed + k).
    public var seed: UInt64 = 2024
    /// Frequency range, Hz, and points per decade (the paper's 3 MHz – 0.1 Hz).
    public var highestFrequency = 3e6
    /// Lowest frequency, Hz.
    public var lowestFrequency = 0.1
    /// Points per decade.
    public var pointsPerDecade = 10

    /// The NRASCN pellet of the paper.
    public init() {}
  }

  /// The circuit used: bulk R‖CPE then the electrode CPE.
  public static let circuit = "p(R1,CPE1)-CPE2"

  /// The spectra, by temperature.
  public static func blockingPellet(_ p: Parameters = Parameters()) throws
    -> [TemperatureSeries.Input]
  {
    let geometry = try CellGeometry.disc(
      diameterMillimetres: p.diameterMillimetres, thicknessMillimetres: p.thicknessMillimetres)
    let circuit = try Circuit(circuit)
    let grid = try CircuitSimulator.logarithmicGrid(
      from: p.highestFrequency, to: p.lowestFrequency, pointsPerDecade: p.pointsPerDecade)
    let k = PhysicalConstants.boltzmannElectronvoltsPerKelvin
    return try p.temperaturesCelsius.enumerated().map { index, celsius in
      let t = Units.kelvin(fromCelsius: celsius)
      let sigma =
        p.conductivityAt25C * exp(-p.activationEnergyElectronvolts / k * (1 / t - 1 / 298.15))
      let r = geometry.resistance(conductivity: Measured(sigma)).value
      // The bulk CPE's Q that gives C_eff by Brug: C = (Q·R^(1−n))^(1/n) ⇒ Q = Cⁿ/R^(1−n).
      let q = pow(p.bulkCapacitanceFarads, p.bulkExponent) / pow(r, 1 - p.bulkExponent)
      var spectrum = try CircuitSimulator.simulate(
        circuit, parameters: [r, q, p.bulkExponent, p.electrodeQ, p.electrodeExponent],
        frequencies: grid, relativeNoise: p.relativeNoise, seed: p.seed + UInt64(index))
      spectrum.metadata.temperatureCelsius = celsius
      let name = String(format: "NRASCN_pellet_%gC (simulated)", celsius)
      spectrum.metadata.source = name
      return TemperatureSeries.Input(
        name: name, spectrum: spectrum, temperatureCelsius: celsius,
        temperatureSource: "simulation")
    }
  }
}
