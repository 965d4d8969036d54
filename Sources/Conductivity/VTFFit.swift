import Foundation
import IonicsCore
import IonicsNumerics

/// The Vogel–Tammann–Fulcher law for polymer electrolytes,
/// σ = A·T^(−1/2)·exp(−B/(T − T0)), fitted as ln(σ·√T) = ln A − B/(T − T0)
/// with the same weights as ``ArrheniusFit``. T0 is fitted (bounded to
/// 0 < T0 < T_min − 10 K) unless given; with it fixed the fit is linear.
public struct VTFFit: Sendable, Codable {
  /// A, S·K^(1/2)/cm, with its standard error.
  public let prefactor: Measured
  /// B, K, with its standard error.
  public let pseudoActivationTemperature: Measured
  /// B·k_B, eV: the pseudo-activation energy.
  public let pseudoActivationEnergyElectronvolts: Measured
  /// T0, K (standard error 0 when fixed).
  public let idealGlassTemperatureKelvin: Measured
  /// Whether T0 was fixed.
  public let fixedT0: Bool
  /// Whether a fitted T0 ended on a bound (0 K, or T_min − 10 K): at 0 K the
  /// data show no VTF curvature and the fit is an Arrhenius law in σ√T.
  public let t0AtBound: Bool
  /// Σ of squared (weighted) residuals of ln(σ√T).
  public let residualSumOfSquares: Double
  /// Number of temperatures.
  public let count: Int
  /// Whether the σ uncertainties weighted the fit.
  public let weighted: Bool

  /// Fits `points`; `fixedT0` (K) holds T0, otherwise it is fitted and at
  /// least 4 temperatures are needed.
  public init(_ points: [ConductivityPoint], fixedT0: Double? = nil) throws {
    let needed = fixedT0 == nil ? 4 : 3
    guard points.count >= needed else {
      throw ConductivityError.tooFewPoints(needed: needed, got: points.count, model: "A VTF fit")
    }
    let tMin = points.map(\.temperatureKelvin).min() ?? 0
    if let t0 = fixedT0, !(t0 >= 0 && t0 < tMin) {
      throw ConductivityError.invalidPoint(
        index: 0, "T0 = \(t0) K must lie below every temperature")
    }
    for (i, p) in points.enumerated() where !(p.conductivity > 0 && p.temperatureKelvin > 0) {
      throw ConductivityError.invalidPoint(index: i, "σ and T must be positive")
    }
    let y = points.map { log($0.conductivity * $0.temperatureKelvin.squareRoot()) }
    let weighted = points.allSatisfy { $0.uncertainty > 0 && $0.uncertainty.isFinite }
    let sigma = weighted ? points.map { $0.uncertainty / $0.conductivity } : nil
    let temperatures = points.map(\.temperatureKelvin)
    func linear(_ t0: Double) throws -> StraightLineFit {
      try StraightLineFit(x: temperatures.map { 1 / ($0 - t0) }, y: y, sigma: sigma)
    }
    let k = PhysicalConstants.boltzmannElectronvoltsPerKelvin
    self.count = points.count
    self.weighted = weighted
    if let t0 = fixedT0 {
      let line = try linear(t0)
      let a = exp(line.intercept)
      prefactor = Measured(a, standardUncertainty: a * line.interceptStandardError)
      pseudoActivationTemperature = Measured(
        -line.slope, standardUncertainty: line.slopeStandardError)
      idealGlassTemperatureKelvin = Measured(t0)
      self.fixedT0 = true
      t0AtBound = false
      residualSumOfSquares = line.residualSumOfSquares
    } else {
      // Profile T0 on a grid (the line is exact for each T0), then refine
      // all three together for their standard errors.
      let upper = tMin - 10
      guard upper > 1 else {
        throw ConductivityError.invalidPoint(index: 0, "temperatures too low to fit T0")
      }
      var bestT0 = 0.0
      var bestRSS = Double.infinity
      for step in 0...200 {
        let t0 = upper * Double(step) / 200
        if let line = try? linear(t0), line.residualSumOfSquares < bestRSS {
          bestRSS = line.residualSumOfSquares
          bestT0 = t0
        }
      }
      let start = try linear(bestT0)
      let result = try LevenbergMarquardt.fitCurve(
        x: temperatures, y: y, sigma: sigma,
        parameters: [
          FitParameter("lnA", start.intercept),
          FitParameter("B", -start.slope, lowerBound: 0),
          FitParameter("T0", bestT0, lowerBound: 0, upperBound: upper),
        ],
        model: { t, p in p[0] - p[1] / (t - p[2]) })
      let v = result.values
      let e = result.parameters.map { $0.standardError ?? 0 }
      let a = exp(v[0])
      prefactor = Measured(a, standardUncertainty: a * e[0])
      pseudoActivationTemperature = Measured(v[1], standardUncertainty: e[1])
      idealGlassTemperatureKelvin = Measured(v[2], standardUncertainty: e[2])
      self.fixedT0 = false
      t0AtBound = v[2] < 1e-6 * upper || v[2] > upper * (1 - 1e-6)
      residualSumOfSquares = result.chiSquared
    }
    pseudoActivationEnergyElectronvolts = Measured(
      pseudoActivationTemperature.value * k,
      standardUncertainty: pseudoActivationTemperature.standardUncertainty * k)
  }

  /// σ at `t` (K), S/cm.
  public func conductivity(atKelvin t: Double) -> Double {
    prefactor.value / t.squareRoot()
      * exp(-pseudoActivationTemperature.value / (t - idealGlassTemperatureKelvin.value))
  }

  /// How T0 was obtained, for reports.
  public var t0Note: String {
    if fixedT0 { return "fixed" }
    guard t0AtBound else { return "fitted" }
    return idealGlassTemperatureKelvin.value < 1
      ? "fitted, at its bound 0 K: the data show no VTF curvature"
      : "fitted, at its bound T_min − 10 K"
  }

  /// Number of fitted parameters.
  public var parameterCount: Int { fixedT0 ? 2 : 3 }
}
