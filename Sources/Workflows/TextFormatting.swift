import Conductivity
import Foundation
import Impedance
import IonicsCore

/// Arrhenius fits and σ predictions as text.
package func renderArrhenius(_ fits: [ArrheniusFit], at predictions: [ArrheniusFit.Prediction]) -> String {
  var table = TextTable("form", "Ea (eV)", "Ea (kJ/mol)", "A", "R²")
  for f in fits {
    table.add(
      f.form.equation, "\(f.activationEnergyElectronvolts)",
      "\(f.activationEnergyKilojoulesPerMole)",
      "\(f.prefactor) \(f.form == .sigma ? "S/cm" : "S·K/cm")", fixed(f.rSquared, 5))
  }
  var lines = [table.rendered]
  for p in predictions {
    lines.append(
      "σ(\(formatNumber((Units.celsius(fromKelvin: p.temperatureKelvin) * 1e6).rounded() / 1e6)) °C) = \(significant(p.conductivity, 4)) S/cm, \(formatNumber(p.level * 100)) % interval \(significant(p.lower, 4)) – \(significant(p.upper, 4)) S/cm"
        + (p.isExtrapolated ? " (extrapolated)" : ""))
  }
  return lines.joined(separator: "\n")
}

/// A VTF fit and the model comparison as text.
package func renderVTF(_ vtf: VTFFit, _ comparison: ModelComparison?) -> String {
  var lines = [
    "VTF σ = A·T^(−1/2)·exp(−B/(T − T0)): A = \(vtf.prefactor) S·K^½/cm, B = \(vtf.pseudoActivationTemperature) K (B·kB = \(vtf.pseudoActivationEnergyElectronvolts) eV), T0 = \(vtf.idealGlassTemperatureKelvin) K (\(vtf.t0Note))"
  ]
  if let comparison {
    lines.append(
      "\(comparison.verdict); AICc Arrhenius \(fixed(comparison.arrheniusAICc, 2)), VTF \(fixed(comparison.vtfAICc, 2))"
    )
  }
  return lines.joined(separator: "\n")
}

/// "3.2e-12 ± 1.1e-13".
package func withError(_ value: Double, _ error: Double?) -> String {
  guard let error, error.isFinite, error > 0 else { return significant(value, 4) }
  return "\(significant(value, 4)) ± \(significant(error, 2))"
}

/// A measured value in crystallographic notation, or with 5 significant
/// digits when it carries no uncertainty.
package func shown(_ m: Measured) -> String {
  m.standardUncertainty > 0 ? "\(m)" : significant(m.value, 5)
}

/// A spectrum as CSV with a header row.
package func spectrumCSV(_ spectrum: ImpedanceSpectrum) -> String {
  var text = "frequency_Hz,real_Ohm,imaginary_Ohm\n"
  for k in 0..<spectrum.count {
    text +=
      "\(spectrum.frequencies[k]),\(spectrum.impedance[k].real),\(spectrum.impedance[k].imaginary)\n"
  }
  return text
}
