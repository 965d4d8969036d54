import ArgumentParser
import Conductivity
import Foundation
import Impedance
import IonicsCore
import Plots
import Report
import Workflows

/// The readable summary of a series.
func renderSeries(_ r: TemperatureSeries.Result) -> String {
  var lines: [String] = []
  var table = TextTable(
    "T (°C)", "file", "T from", "bulk", "R_b (Ω)", "C_eff (F)", "σ (S/cm)", "χ²/dof")
  for p in r.points {
    table.add(
      fixed(p.temperatureCelsius, 1), p.name, p.temperatureSource, p.bulkElement,
      shown(p.bulkResistance), p.bulkCapacitance.map(shown) ?? "–", shown(p.conductivity),
      significant(p.reducedChiSquared, 3))
  }
  lines.append(table.rendered)
  for p in r.points where p.grainBoundaryResistance != nil {
    lines.append(
      "\(fixed(p.temperatureCelsius, 1)) °C: grain boundary \(p.grainBoundaryElement ?? "") R = \(p.grainBoundaryResistance.map(shown) ?? "") Ω, σ total \(shown(p.totalConductivity)) S/cm"
    )
  }
  if let reason = r.points.first?.grainBoundaryReason {
    lines.append("grain boundary at \(fixed(r.points[0].temperatureCelsius, 1)) °C: \(reason)")
  }
  let missing = r.points.filter { !($0.conductivity.standardUncertainty > 0) }.map(\.name)
  if !r.arrhenius.weighted && !missing.isEmpty {
    lines.append(
      "the Arrhenius fits are unweighted: the fit gave no standard error for R_b in "
        + missing.joined(separator: ", "))
  }
  lines.append("bulk, σ = l/(A·R_b)" + (r.arrhenius.weighted ? ", weighted by 1/u(ln σ)²:" : ":"))
  lines.append(renderArrhenius([r.arrhenius, r.arrheniusSigmaT], at: [r.conductivityAt25C]))
  if let g = r.grainBoundaryArrhenius {
    lines.append("grain boundary, σ_gb = l/(A·R_gb) (apparent, with the pellet's l/A):")
    lines.append(renderArrhenius(g, at: []))
  }
  if let t = r.totalArrhenius {
    lines.append("total, σ = l/(A·(R_b + R_gb)):")
    lines.append(renderArrhenius(t, at: []))
  }
  if let vtf = r.vtf { lines.append(renderVTF(vtf, r.comparison)) }
  lines.append("fits: \(fixed(r.fitMilliseconds, 0)) ms for \(r.points.count) spectra")
  return lines.joined(separator: "\n")
}
