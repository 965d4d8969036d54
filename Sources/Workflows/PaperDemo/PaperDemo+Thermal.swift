import Foundation
import IonicsCore
import Thermal

extension PaperDemo {
  /// The paper's TGA (Fig. 3b) simulated from the solvate's formula and analysed back.
  struct ThermalNumbers: Encodable {
    let formula: String
    let predictedSolventLossPercent: Double
    let steps: [ThermogravimetricAnalysis.Step]
    let bestMatch: String
    let measuredSolventLossPercent: Double
    let differencePercent: Double
    let residuePercent: Double
  }

  static func thermalNumbers() throws -> ThermalNumbers {
    let formula = try Formula(PaperExample.solvate)
    let run = try SimulatedThermogram.paperSolvate(formula: formula)
    let analysis = ThermogravimetricAnalysis(run)
    let assignment = try SolventAssignment(formula: formula, analysis: analysis)
    guard let best = assignment.best else {
      throw WorkflowError.nonFiniteResult("the simulated solvate's solvent loss")
    }
    return ThermalNumbers(
      formula: formula.text,
      predictedSolventLossPercent: 100 * formula.solventMassFraction, steps: analysis.steps,
      bestMatch: best.candidate.solvents, measuredSolventLossPercent: best.measuredLossPercent,
      differencePercent: best.differencePercent, residuePercent: analysis.finalPercent)
  }

  static func renderThermal(_ t: ThermalNumbers) -> [String] {
    var out = [
      "simulated TGA of \(t.formula) at 10 K/min (0.75 CH3OH and 6 H2O below 100 °C, the framework above 700 °C), analysed as ionics tga would:"
    ]
    var table = TextTable("step", "onset (°C)", "peak (°C)", "end (°C)", "loss (%)")
    for (k, s) in t.steps.enumerated() {
      table.add(
        "\(k + 1)", fixed(s.onsetCelsius, 1), fixed(s.peakCelsius, 1), fixed(s.endsetCelsius, 1),
        fixed(s.lossPercent, 2))
    }
    out.append(table.rendered)
    out.append(
      "solvent loss: measured \(fixed(t.measuredSolventLossPercent, 2)) %, best match \(t.bestMatch) = \(fixed(t.predictedSolventLossPercent, 2)) % (difference \(String(format: "%+.2f", t.differencePercent)) %); residue \(fixed(t.residuePercent, 1)) %"
    )
    out.append(
      "on a real export: ionics tga RUN.txt --formula \"\(t.formula)\" --svg tga.svg"
    )
    return out
  }
}
