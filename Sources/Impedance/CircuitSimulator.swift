import ComplexModule
import Foundation
import IonicsCore
import RealModule

/// Simulated spectra: a circuit evaluated on a frequency grid, with optional
/// Gaussian noise from a fixed seed, so that tests and examples are reproducible.
public enum CircuitSimulator {
  /// Frequencies from `highest` down to `lowest` (Hz), `pointsPerDecade`
  /// log-spaced points per decade, both ends included.
  public static func logarithmicGrid(from highest: Double, to lowest: Double, pointsPerDecade: Int)
    throws -> [Double]
  {
    guard highest > 0, lowest > 0, highest.isFinite, lowest.isFinite, pointsPerDecade > 0,
      pointsPerDecade <= 10_000,
      abs(log10(highest / lowest)) * Double(pointsPerDecade) < 1e6
    else {
      throw ImpedanceReadError.inconsistent(
        source: "frequency grid",
        "frequencies must be positive and finite, points per decade 1–10000, and the grid under a million points"
      )
    }
    let decades = abs(log10(highest / lowest))
    let count = Int((decades * Double(pointsPerDecade)).rounded()) + 1
    let step = count > 1 ? log10(lowest / highest) / Double(count - 1) : 0
    return (0..<count).map { highest * pow(10, Double($0) * step) }
  }

  /// Z of `circuit` at `frequencies`, plus noise: Re and Im each get an
  /// independent Gaussian deviate of standard deviation `relativeNoise`·|Z|.
  public static func simulate(
    _ circuit: Circuit, parameters: [Double], frequencies: [Double], relativeNoise: Double = 0,
    seed: UInt64 = 1
  ) throws -> ImpedanceSpectrum {
    let clean = try circuit.impedance(frequencies: frequencies, parameters: parameters)
    var generator = SplitMix64(seed: seed)
    let noisy = clean.map { z -> Complex<Double> in
      guard relativeNoise > 0 else { return z }
      let m = z.length
      return Complex(
        z.real + relativeNoise * m * generator.gaussian(),
        z.imaginary + relativeNoise * m * generator.gaussian())
    }
    var metadata = SpectrumMetadata(source: "simulated \(circuit.text)", format: "simulation")
    metadata.technique = "simulated"
    if relativeNoise > 0 {
      metadata.notes.append(
        .note(
          "simulatedNoise",
          String(
            format: "Gaussian noise %.3g %% of |Z| on Re and Im, seed %llu", 100 * relativeNoise,
            seed)))
    }
    return try ImpedanceSpectrum(frequencies: frequencies, impedance: noisy, metadata: metadata)
  }
}
