import Foundation
import IonicsCore
import IonicsNumerics

/// Which quantity follows the Arrhenius law; the two give activation
/// energies that differ by about k_B·T (0.03 eV near room temperature).
///
/// The raw values are the stable identifiers the JSON output uses
/// (`sigma`, `sigmaT`); ``equation`` is the law as people write it.
public enum ArrheniusForm: String, Sendable, Codable, CaseIterable {
  /// σ = A·exp(−Ea/k_B·T), A in S/cm (the NRASCN paper's form).
  case sigma
  /// σ·T = A·exp(−Ea/k_B·T), A in S·K/cm (common in solid-state ionics).
  case sigmaT

  /// The law, as a table prints it.
  public var equation: String {
    switch self {
    case .sigma: return "σ = A·exp(−Ea/kB·T)"
    case .sigmaT: return "σT = A·exp(−Ea/kB·T)"
    }
  }
}

/// A weighted Arrhenius fit: ln σ (or ln σT) against 1/T by weighted least
/// squares, weights from the σ uncertainties (relative errors of σ are the
/// absolute errors of ln σ); standard errors scaled by the residual variance.
public struct ArrheniusFit: Sendable, Codable {
  /// The form fitted.
  public let form: ArrheniusForm
  /// Activation energy, eV, with its standard error.
  public let activationEnergyElectronvolts: Measured
  /// The same, kJ/mol.
  public let activationEnergyKilojoulesPerMole: Measured
  /// Pre-exponential factor A (S/cm for σ, S·K/cm for σT) with its standard error.
  public let prefactor: Measured
  /// ln A and its standard error.
  public let lnPrefactor: Measured
  /// R² of the weighted line.
  public let rSquared: Double
  /// Number of temperatures.
  public let count: Int
  /// Measured temperature range, K.
  public let temperatureRangeKelvin: ClosedRange<Double>
  /// Whether the σ uncertainties weighted the fit.
  public let weighted: Bool
  /// The underlying line ln(σ or σT) = ln A − (Ea/k_B)·(1/T).
  public let line: StraightLineFit

  /// Fits `points` (at least 3 temperatures); `weighted` false ignores the
  /// uncertainties (an ordinary least-squares line, as many scripts fit).
  public init(_ points: [ConductivityPoint], form: ArrheniusForm = .sigma, weighted: Bool = true)
    throws
  {
    guard points.count >= 3 else {
      throw ConductivityError.tooFewPoints(needed: 3, got: points.count, model: "An Arrhenius fit")
    }
    for (i, p) in points.enumerated() {
      guard p.temperatureKelvin > 0, p.temperatureKelvin.isFinite else {
        throw ConductivityError.invalidPoint(index: i, "temperature \(p.temperatureKelvin) K")
      }
      guard p.conductivity > 0, p.conductivity.isFinite else {
        throw ConductivityError.invalidPoint(index: i, "conductivity \(p.conductivity) S/cm")
      }
    }
    let x = points.map { 1 / $0.temperatureKelvin }
    let y = points.map {
      log(form == .sigma ? $0.conductivity : $0.conductivity * $0.temperatureKelvin)
    }
    let weighted =
      weighted && points.allSatisfy { $0.uncertainty > 0 && $0.uncertainty.isFinite }
    let sigma = weighted ? points.map { $0.uncertainty / $0.conductivity } : nil
    let line = try StraightLineFit(x: x, y: y, sigma: sigma)
    let k = PhysicalConstants.boltzmannElectronvoltsPerKelvin
    let ea = Measured(-line.slope * k, standardUncertainty: line.slopeStandardError * k)
    self.form = form
    self.line = line
    self.weighted = weighted
    activationEnergyElectronvolts = ea
    activationEnergyKilojoulesPerMole = Measured(
      Units.kilojoulesPerMole(fromElectronvolts: ea.value),
      standardUncertainty: Units.kilojoulesPerMole(fromElectronvolts: ea.standardUncertainty))
    lnPrefactor = Measured(line.intercept, standardUncertainty: line.interceptStandardError)
    let a = exp(line.intercept)
    prefactor = Measured(a, standardUncertainty: a * line.interceptStandardError)
    rSquared = line.rSquared
    count = points.count
    let temperatures = points.map(\.temperatureKelvin)
    temperatureRangeKelvin = (temperatures.min() ?? 0)...(temperatures.max() ?? 0)
  }

  /// σ predicted at one temperature, with its confidence interval.
  public struct Prediction: Sendable, Codable, Equatable {
    /// Temperature, K.
    public let temperatureKelvin: Double
    /// σ, S/cm (for either form: σT is divided by T).
    public let conductivity: Double
    /// Lower end of the interval, S/cm.
    public let lower: Double
    /// Upper end, S/cm.
    public let upper: Double
    /// Confidence level of the interval (0.95).
    public let level: Double
    /// True when the temperature lies outside the fitted range.
    public let isExtrapolated: Bool

    private enum CodingKeys: String, CodingKey {
      case temperatureKelvin
      case conductivity = "conductivitySiemensPerCentimetre"
      case lower = "lowerSiemensPerCentimetre"
      case upper = "upperSiemensPerCentimetre"
      case level, isExtrapolated
    }
  }

  /// σ at `temperatureKelvin` with the two-sided confidence interval of the
  /// fitted line at `level`, from Student's t with n − 2 degrees of freedom.
  public func conductivity(atKelvin t: Double, level: Double = 0.95) -> Prediction {
    let x = 1 / t
    let y = line.value(at: x)
    let t975 = StudentT.quantile(0.5 + level / 2, degreesOfFreedom: Double(max(count - 2, 1)))
    let half = t975 * line.standardError(at: x)
    let divisor = form == .sigma ? 1 : t
    let tolerance = 1e-9 * t
    return Prediction(
      temperatureKelvin: t, conductivity: exp(y) / divisor, lower: exp(y - half) / divisor,
      upper: exp(y + half) / divisor, level: level,
      isExtrapolated: t < temperatureRangeKelvin.lowerBound - tolerance
        || t > temperatureRangeKelvin.upperBound + tolerance)
  }

  /// ln of the fitted quantity at each point minus the data's, for plots
  /// and model comparison (weighted residuals when the fit was weighted).
  func weightedResiduals(_ points: [ConductivityPoint]) -> [Double] {
    points.map { p in
      let observed = log(form == .sigma ? p.conductivity : p.conductivity * p.temperatureKelvin)
      let r = observed - line.value(at: 1 / p.temperatureKelvin)
      return weighted ? r * p.conductivity / p.uncertainty : r
    }
  }
}
