import ArgumentParser
import Conductivity
import Foundation
import Impedance
import IonicsCore
import Plots
import Report
import Workflows

/// Arrhenius fits and σ predictions as text.
func renderArrhenius(_ fits: [ArrheniusFit], at predictions: [ArrheniusFit.Prediction]) -> String {
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
func renderVTF(_ vtf: VTFFit, _ comparison: ModelComparison?) -> String {
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
