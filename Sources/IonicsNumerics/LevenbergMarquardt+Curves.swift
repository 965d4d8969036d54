import ComplexModule
import RealModule

extension LevenbergMarquardt {
  /// Fits y = f(x; p) to points (x, y) with optional standard uncertainties
  /// σ of y (weights 1/σ²). `model(x, p)` gives f; the optional
  /// `gradient(x, p, &g)` fills ∂f/∂pⱼ for every parameter. Residuals are
  /// (f(xᵢ) − yᵢ)/σᵢ.
  public static func fitCurve(
    x: [Double], y: [Double], sigma: [Double]? = nil, parameters: [FitParameter],
    options: Options = Options(),
    model: @escaping (Double, [Double]) -> Double,
    gradient: ((Double, [Double], inout [Double]) -> Void)? = nil
  ) throws -> Result {
    guard x.count == y.count else {
      throw NumericsError.dimensionMismatch("\(x.count) x values and \(y.count) y values")
    }
    if let sigma {
      guard sigma.count == y.count else {
        throw NumericsError.dimensionMismatch("\(sigma.count) uncertainties for \(y.count) points")
      }
      guard sigma.allSatisfy({ $0 > 0 && $0.isFinite }) else {
        throw NumericsError.invalidParameter("every uncertainty of y must be positive and finite")
      }
    }
    guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
      throw NumericsError.nonFinite("every x and y")
    }
    let inverseSigma = sigma?.map { 1 / $0 } ?? Array(repeating: 1.0, count: y.count)
    let residuals: ([Double], inout [Double]) throws -> Void = { p, r in
      for i in 0..<x.count { r[i] = (model(x[i], p) - y[i]) * inverseSigma[i] }
    }
    var jacobian: (([Double], inout Matrix) throws -> Void)?
    if let gradient {
      jacobian = { p, j in
        var g = Array(repeating: 0.0, count: p.count)
        for i in 0..<x.count {
          gradient(x[i], p, &g)
          for k in 0..<p.count { j[i, k] = g[k] * inverseSigma[i] }
        }
      }
    }
    return try fit(
      parameters: parameters, residualCount: x.count, options: options, residuals: residuals,
      jacobian: jacobian)
  }

  /// Fits a complex-valued model to complex data, such as an impedance
  /// spectrum: the residual vector stacks wᵢ·Re(modelᵢ − dataᵢ) over all i,
  /// then wᵢ·Im(modelᵢ − dataᵢ). `weights` wᵢ (default 1) multiply both
  /// parts of point i, e.g. 1/|Zᵢ| for modulus weighting.
  public static func fitComplex(
    observed: [Complex<Double>], weights: [Double]? = nil, parameters: [FitParameter],
    options: Options = Options(),
    model: @escaping ([Double]) throws -> [Complex<Double>]
  ) throws -> Result {
    let n = observed.count
    if let weights {
      guard weights.count == n else {
        throw NumericsError.dimensionMismatch("\(weights.count) weights for \(n) points")
      }
      guard weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
        throw NumericsError.invalidParameter("every weight must be finite and ≥ 0")
      }
    }
    guard observed.allSatisfy({ $0.real.isFinite && $0.imaginary.isFinite }) else {
      throw NumericsError.nonFinite("every observed value")
    }
    let w = weights ?? Array(repeating: 1.0, count: n)
    let residuals: ([Double], inout [Double]) throws -> Void = { p, r in
      let z = try model(p)
      guard z.count == n else {
        throw NumericsError.dimensionMismatch(
          "the model returned \(z.count) values for \(n) points")
      }
      for i in 0..<n {
        r[i] = w[i] * (z[i].real - observed[i].real)
        r[n + i] = w[i] * (z[i].imaginary - observed[i].imaginary)
      }
    }
    return try fit(
      parameters: parameters, residualCount: 2 * n, options: options, residuals: residuals)
  }
}
