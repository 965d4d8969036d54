import Foundation

/// Gaussian radial basis functions φₘ(y) = exp(−ε²(y − yₘ)²) on an even
/// grid of y = ln τ, and the integrals that turn them into impedance:
/// the impedance of φₘ as a DRT is ∫ φₘ(y)/(1 + jωe^y) dy.
struct GaussianBasis: Sendable {
  /// Centres yₘ = ln τₘ.
  let centres: [Double]
  /// Shape factor ε (per unit of ln τ).
  let epsilon: Double

  /// τₘ, s.
  var timeConstants: [Double] { centres.map { exp($0) } }

  /// A grid from τ_min to τ_max (s) with `perDecade` points per decade.
  init(tauMin: Double, tauMax: Double, perDecade: Double, fwhmCoefficient: Double) {
    // The callers check the data first; the cap keeps a degenerate window
    // from becoming an absurd allocation or a trap.
    let decades = log10(tauMax / tauMin)
    let wanted = (decades * perDecade).rounded()
    let count = wanted.isFinite ? max(2, Int(min(max(wanted, 0), 10_000)) + 1) : 2
    let (a, b) = (log(tauMin), log(tauMax))
    centres = (0..<count).map { a + (b - a) * Double($0) / Double(count - 1) }
    let spacing = (b - a) / Double(count - 1)
    // FWHM of exp(−ε²y²) is 2√(ln 2)/ε; set it to spacing/coefficient.
    epsilon = fwhmCoefficient * 2 * log(2).squareRoot() / spacing
  }

  /// ∫ φ dy = √π/ε.
  var area: Double { Double.pi.squareRoot() / epsilon }

  /// Re and Im of ∫ φₘ(y)/(1 + jωe^y) dy for every frequency (rows) and
  /// centre (columns), by the trapezoidal rule in u = y − yₘ, which converges
  /// geometrically here: the integrand is analytic within |Im u| < π/2.
  func impedanceColumns(omega: [Double]) -> (real: [[Double]], imaginary: [[Double]]) {
    let step = min(0.2, 0.4 / epsilon)
    let half = Int((6.5 / epsilon / step).rounded(.up))
    var weights: [Double] = []
    var growth: [Double] = []
    for k in -half...half {
      let u = Double(k) * step
      weights.append(step * exp(-epsilon * epsilon * u * u))
      growth.append(exp(u))
    }
    var re = [[Double]](repeating: [Double](repeating: 0, count: centres.count), count: omega.count)
    var im = re
    let taus = timeConstants
    for (n, w) in omega.enumerated() {
      for (m, tau) in taus.enumerated() {
        let t = w * tau
        var sumRe = 0.0
        var sumIm = 0.0
        for k in weights.indices {
          let x = t * growth[k]
          let d = weights[k] / (1 + x * x)
          sumRe += d
          sumIm -= x * d
        }
        re[n][m] = sumRe
        im[n][m] = sumIm
      }
    }
    return (re, im)
  }

  /// The penalty matrix P with γᵀ-norm xᵀPx = ∫ (dᵏγ/dyᵏ)² dy for
  /// γ = Σ xₘφₘ, in closed form over the whole line (k = 1 or 2).
  func penaltyMatrix(_ penalty: DRTOptions.Penalty) -> [Double] {
    let n = centres.count
    var p = [Double](repeating: 0, count: n * n)
    let root = (Double.pi / 2).squareRoot()
    for i in 0..<n {
      for j in 0..<n {
        let a = epsilon * (centres[i] - centres[j])
        let a2 = a * a
        let g = exp(-a2 / 2)
        switch penalty {
        case .firstDerivative:
          p[j * n + i] = root * epsilon * (1 - a2) * g
        case .secondDerivative:
          p[j * n + i] = root * epsilon * epsilon * epsilon * (3 - 6 * a2 + a2 * a2) * g
        }
      }
    }
    return p
  }

  /// γ(y) = Σ xₘ φₘ(y) at the given y.
  func evaluate(_ coefficients: [Double], at ys: [Double]) -> [Double] {
    ys.map { y in
      var s = 0.0
      for (c, x) in zip(centres, coefficients) where x != 0 {
        let u = epsilon * (y - c)
        if abs(u) < 8 { s += x * exp(-u * u) }
      }
      return s
    }
  }
}
