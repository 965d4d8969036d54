import Foundation

/// Which of Arrhenius and VTF describes a data set better, by the
/// small-sample Akaike information criterion on the same (weighted) data:
/// AICc = n·ln(RSS/n) + 2k + 2k(k + 1)/(n − k − 1). Both models are fitted to
/// ln σ up to a known term (ln √T for VTF), so their RSS compare directly.
public struct ModelComparison: Sendable, Codable {
  /// AICc of the Arrhenius (σ form) fit.
  public let arrheniusAICc: Double
  /// AICc of the VTF fit.
  public let vtfAICc: Double
  /// "Arrhenius" or "VTF".
  public let preferred: String
  /// A sentence: the difference and how strong it is.
  public let verdict: String

  /// Compares the two fits of the same points.
  public init(arrhenius: ArrheniusFit, vtf: VTFFit, points: [ConductivityPoint]) {
    let n = Double(points.count)
    let residuals = arrhenius.weightedResiduals(points)
    let rssArrhenius = residuals.reduce(0) { $0 + $1 * $1 }
    func aicc(_ rss: Double, _ k: Double) -> Double {
      let base = n * log(max(rss, 1e-300) / n) + 2 * k
      return n - k - 1 > 0 ? base + 2 * k * (k + 1) / (n - k - 1) : .infinity
    }
    arrheniusAICc = aicc(rssArrhenius, 2)
    vtfAICc = aicc(vtf.residualSumOfSquares, Double(vtf.parameterCount))
    let delta = abs(arrheniusAICc - vtfAICc)
    preferred = vtfAICc < arrheniusAICc ? "VTF" : "Arrhenius"
    let strength =
      delta.isFinite
      ? (delta > 10
        ? "decisively" : delta > 4 ? "clearly" : delta > 2 ? "slightly" : "not distinguishably")
      : "by default (too few points for the VTF criterion)"
    verdict =
      delta.isFinite
      ? "\(preferred) describes the data \(strength) better (ΔAICc = \(String(format: "%.1f", delta)))"
      : "Arrhenius \(strength)"
  }
}
