import Foundation
import IonicsCore

/// Which of a formula's solvents the measured steps account for: every
/// combination of the solvate parts (`Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O`
/// has CH3OH, H2O, and both) with the mass loss it predicts (from the molar
/// masses), against the cumulative loss measured up to the end of each
/// step below `limitCelsius`; the closest pair is the match.
public struct SolventAssignment: Sendable, Encodable {
  /// One combination of solvate parts.
  public struct Candidate: Sendable, Equatable, Encodable {
    /// "0.75 CH3OH + 6 H2O".
    public let solvents: String
    /// Its mass, % of the whole formula's.
    public let predictedLossPercent: Double
  }

  /// The combination closest to a measured loss.
  public struct Match: Sendable, Equatable, Encodable {
    /// The combination.
    public let candidate: Candidate
    /// The cumulative loss measured from the start of heating, %.
    public let measuredLossPercent: Double
    /// The end of the last step counted, °C.
    public let upToCelsius: Double
    /// Measured − predicted, %.
    public let differencePercent: Double
  }

  /// The formula, as written.
  public let formula: String
  /// Its molar mass, g/mol.
  public let molarMassGramsPerMole: Double
  /// Every combination, largest loss first.
  public let candidates: [Candidate]
  /// The closest combination, nil when no step ends below the limit.
  public let best: Match?

  /// Assigns the steps of `analysis` to the solvates of `formula`,
  /// counting steps that end at or below `limitCelsius`.
  public init(
    formula: Formula, analysis: ThermogravimetricAnalysis, limitCelsius: Double = 300
  ) throws(ThermalError) {
    let parts = formula.solvates
    guard !parts.isEmpty else {
      throw .badInput("\(formula.text): no solvate parts (write them after '·', e.g. ·6H2O)")
    }
    guard parts.count <= 10 else { throw .badInput("\(formula.text): more than 10 solvate parts") }
    let total = formula.molarMassGramsPerMole
    var candidates: [Candidate] = []
    for mask in 1..<(1 << parts.count) {
      let chosen = parts.indices.filter { mask & (1 << $0) != 0 }.map { parts[$0] }
      let mass = chosen.reduce(0) { $0 + $1.multiplier * $1.molarMassGramsPerMole }
      let name = chosen.map { part in
        let n =
          part.multiplier == part.multiplier.rounded()
          ? String(Int(part.multiplier)) : String(part.multiplier)
        return "\(n) \(part.text)"
      }.joined(separator: " + ")
      candidates.append(Candidate(solvents: name, predictedLossPercent: 100 * mass / total))
    }
    candidates.sort { $0.predictedLossPercent > $1.predictedLossPercent }
    self.formula = formula.text
    self.molarMassGramsPerMole = total
    self.candidates = candidates
    let counted = analysis.steps.filter { $0.endCelsius <= limitCelsius }
    let start = analysis.massOnGrid.first ?? 100
    var best: Match?
    for step in counted {
      let measured = start - step.endPercent
      for candidate in candidates {
        let difference = measured - candidate.predictedLossPercent
        if best.map({ abs(difference) < abs($0.differencePercent) }) ?? true {
          best = Match(
            candidate: candidate, measuredLossPercent: measured, upToCelsius: step.endCelsius,
            differencePercent: difference)
        }
      }
    }
    self.best = best
  }
}
