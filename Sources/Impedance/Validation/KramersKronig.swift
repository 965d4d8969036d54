import ComplexModule
import IonicsNumerics
import RealModule

/// The linear Kramers–Kronig test (Lin-KK) of Schönleber et al. (2014):
/// a Voigt series R₀ + Σₖ Rₖ/(1 + jωτₖ) (+ jωL, + 1/(jωC)) with M fixed,
/// log-spaced time constants is fitted to the spectrum by linear least
/// squares, every row divided by |Z|. Any causal, linear, stable impedance
/// is such a series, so residuals well above the noise mean the spectrum
/// broke one of those conditions (drift, nonlinearity, a changing cell).
///
/// M is chosen by the μ criterion: μ = 1 − Σ_{Rₖ<0}|Rₖ| / Σ_{Rₖ≥0}|Rₖ| falls
/// from 1 as the series starts to over-fit with resistances of both signs,
/// and M grows from 1 until μ ≤ c.
public enum KramersKronig {
  /// Runs the test on `spectrum` with `options`. Throws
  /// ``KramersKronigError`` for spectra too short for a fit and for options
  /// that make no sense.
  public static func test(
    _ spectrum: ImpedanceSpectrum, options: KramersKronigOptions = KramersKronigOptions()
  ) throws -> KramersKronigResult {
    try validate(spectrum, options)
    let setup = Setup(spectrum: spectrum, options: options)
    var history: [KramersKronigResult.MuPoint] = []
    var chosen: Solution
    if let cutoff = options.cutoff {
      var m = 0
      var solution: Solution?
      repeat {
        m += 1
        let s = try setup.solve(elementCount: m)
        history.append(.init(elementCount: m, mu: s.mu))
        solution = s
        if s.mu <= cutoff { break }
      } while m < options.maximumElements
      guard let solution else { throw KramersKronigError.tooFewPoints(spectrum.count) }
      chosen = solution
    } else {
      chosen = try setup.solve(elementCount: options.maximumElements)
      history.append(.init(elementCount: options.maximumElements, mu: chosen.mu))
    }
    return setup.result(chosen, history: history)
  }

  private static func validate(_ spectrum: ImpedanceSpectrum, _ options: KramersKronigOptions)
    throws
  {
    guard spectrum.count >= 3 else { throw KramersKronigError.tooFewPoints(spectrum.count) }
    guard options.maximumElements >= 1 else {
      throw KramersKronigError.invalidOption("the number of RC elements must be at least 1")
    }
    if let c = options.cutoff, !(c.isFinite && c > -1 && c <= 1) {
      throw KramersKronigError.invalidOption("the μ cut-off c = \(c) must lie in (−1, 1]")
    }
    guard options.extensionDecades.isFinite, options.extensionDecades >= 0 else {
      throw KramersKronigError.invalidOption("the τ-range extension must be ≥ 0 decades")
    }
    guard options.thresholdPercent.isFinite, options.thresholdPercent > 0 else {
      throw KramersKronigError.invalidOption("the residual threshold must be > 0 %")
    }
    if let bad = spectrum.impedance.firstIndex(where: { !($0.isFinite && $0.length > 0) }) {
      throw KramersKronigError.invalidPoint(index: bad, frequency: spectrum.frequencies[bad])
    }
    let (lo, hi) = (spectrum.frequencies.min() ?? 0, spectrum.frequencies.max() ?? 0)
    guard hi > lo else { throw KramersKronigError.singleFrequency }
  }

  /// The log-spaced time constants (s) of M elements: τ₁ = 1/(2π f_max) and
  /// τ_M = 1/(2π f_min), each widened by `extensionDecades`; a single
  /// element sits at τ_M, as in impedance.py.
  public static func timeConstants(
    frequencies: [Double], elementCount m: Int, extensionDecades: Double = 0
  ) -> [Double] {
    let widen = Double.pow(10, extensionDecades)
    let tauMin = 1 / (2 * .pi * (frequencies.max() ?? 1)) / widen
    let tauMax = 1 / (2 * .pi * (frequencies.min() ?? 1)) * widen
    guard m > 1 else { return [tauMax] }
    let (a, b) = (Double.log10(tauMin), Double.log10(tauMax))
    return (0..<m).map { k in Double.pow(10, a + Double(k) / Double(m - 1) * (b - a)) }
  }

  /// β minimising ‖Xβ − y‖ for the small, column-scaled designs of the
  /// test: normal equations by Cholesky (as impedance.py solves them) when
  /// every pivot keeps more than 1e-8 of its column's weight, so that the
  /// squared condition number costs at most half the digits; pivoted QR
  /// otherwise.
  static func leastSquares(_ design: Matrix, _ y: [Double]) throws -> [Double] {
    let n = design.columns
    // The Gram matrix of the unit-norm columns: G_ij/(s_i·s_j), s_j = √G_jj.
    var gram = design.gram()
    let scale = (0..<n).map { gram[$0, $0] > 0 ? gram[$0, $0].squareRoot() : 1 }
    for j in 0..<n {
      for i in 0..<n { gram[i, j] /= scale[i] * scale[j] }
    }
    if let factor = Cholesky(gram),
      (0..<n).allSatisfy({ factor.lower[$0 * n + $0] * factor.lower[$0 * n + $0] > 1e-8 })
    {
      let projection = zip(design.transposeMultiply(y), scale).map { $0 / $1 }
      return zip(factor.solve(projection), scale).map { $0 / $1 }
    }
    return try LinearLeastSquares.coefficients(
      design: design, observations: y, rankTolerance: 1e-15)
  }

  /// μ of a set of RC resistances; −1 when none is positive or zero.
  public static func mu(_ resistances: [Double]) -> Double {
    var positive = 0.0
    var negative = 0.0
    for r in resistances { if r < 0 { negative -= r } else { positive += r } }
    guard positive > 0 else { return negative > 0 ? -1 : 1 }
    return 1 - negative / positive
  }

  /// Coefficients of one fit.
  struct Solution {
    var elementCount: Int
    var timeConstants: [Double]
    var seriesResistance: Double
    var resistances: [Double]
    /// 1/C, F⁻¹ (0 without a capacitance).
    var inverseCapacitance: Double
    var inductance: Double
    var mu: Double
  }

  /// The parts of the design that do not change with M.
  struct Setup {
    let spectrum: ImpedanceSpectrum
    let options: KramersKronigOptions
    let omega: [Double]
    let modulus: [Double]

    init(spectrum: ImpedanceSpectrum, options: KramersKronigOptions) {
      self.spectrum = spectrum
      self.options = options
      omega = spectrum.frequencies.map { 2 * .pi * $0 }
      modulus = spectrum.impedance.map { $0.length }
    }

    /// Fits M elements.
    func solve(elementCount m: Int) throws -> Solution {
      let taus = KramersKronig.timeConstants(
        frequencies: spectrum.frequencies, elementCount: m,
        extensionDecades: options.extensionDecades)
      let n = spectrum.count
      let z = spectrum.impedance
      var solution = Solution(
        elementCount: m, timeConstants: taus, seriesResistance: 0, resistances: [],
        inverseCapacitance: 0, inductance: 0, mu: 1)
      // Columns: R₀ (real only), Rₖ, 1/C (imaginary only), L (imaginary only).
      let useC = options.addCapacitance
      let useL = options.addInductance
      switch options.fit {
      case .complex:
        let columns = 1 + m + (useC ? 1 : 0) + (useL ? 1 : 0)
        var design = Matrix(rows: 2 * n, columns: columns)
        var target = [Double](repeating: 0, count: 2 * n)
        for i in 0..<n {
          let w = omega[i]
          let scale = 1 / modulus[i]
          target[i] = z[i].real * scale
          target[n + i] = z[i].imaginary * scale
          design[i, 0] = scale
          for k in 0..<m {
            let x = w * taus[k]
            let d = 1 / (1 + x * x)
            design[i, 1 + k] = d * scale
            design[n + i, 1 + k] = -x * d * scale
          }
          var c = 1 + m
          if useC {
            design[n + i, c] = -scale / w
            c += 1
          }
          if useL { design[n + i, c] = w * scale }
        }
        let beta = try KramersKronig.leastSquares(design, target)
        solution.seriesResistance = beta[0]
        solution.resistances = Array(beta[1...m])
        var c = 1 + m
        if useC {
          solution.inverseCapacitance = beta[c]
          c += 1
        }
        if useL { solution.inductance = beta[c] }
      case .real:
        var design = Matrix(rows: n, columns: 1 + m)
        var target = [Double](repeating: 0, count: n)
        for i in 0..<n {
          let scale = 1 / modulus[i]
          target[i] = z[i].real * scale
          design[i, 0] = scale
          for k in 0..<m {
            let x = omega[i] * taus[k]
            design[i, 1 + k] = scale / (1 + x * x)
          }
        }
        let beta = try KramersKronig.leastSquares(design, target)
        solution.seriesResistance = beta[0]
        solution.resistances = Array(beta[1...m])
        try fitSeriesReactances(into: &solution)
      case .imaginary:
        let columns = m + (useC ? 1 : 0) + (useL ? 1 : 0)
        var design = Matrix(rows: n, columns: columns)
        var target = [Double](repeating: 0, count: n)
        for i in 0..<n {
          let w = omega[i]
          let scale = 1 / modulus[i]
          target[i] = z[i].imaginary * scale
          for k in 0..<m {
            let x = w * taus[k]
            design[i, k] = -x / (1 + x * x) * scale
          }
          var c = m
          if useC {
            design[i, c] = -scale / w
            c += 1
          }
          if useL { design[i, c] = w * scale }
        }
        let beta = try KramersKronig.leastSquares(design, target)
        solution.resistances = Array(beta[0..<m])
        var c = m
        if useC {
          solution.inverseCapacitance = beta[c]
          c += 1
        }
        if useL { solution.inductance = beta[c] }
        // R₀ = Σ w (Z′ − Z′_RC) / Σ w with w = 1/|Z|².
        var numerator = 0.0
        var denominator = 0.0
        let model = evaluate(solution)
        for i in 0..<n {
          let w = 1 / (modulus[i] * modulus[i])
          numerator += w * (z[i].real - model[i].real)
          denominator += w
        }
        solution.seriesResistance = numerator / denominator
      }
      solution.mu = KramersKronig.mu(solution.resistances)
      return solution
    }

    /// After a real-part fit: L and 1/C from what Im Z the RC elements leave.
    private func fitSeriesReactances(into solution: inout Solution) throws {
      let useC = options.addCapacitance
      let useL = options.addInductance
      let columns = (useC ? 1 : 0) + (useL ? 1 : 0)
      guard columns > 0 else { return }
      let n = spectrum.count
      let model = evaluate(solution)
      var design = Matrix(rows: n, columns: columns)
      var target = [Double](repeating: 0, count: n)
      for i in 0..<n {
        let scale = 1 / modulus[i]
        target[i] = (spectrum.impedance[i].imaginary - model[i].imaginary) * scale
        var c = 0
        if useC {
          design[i, c] = -scale / omega[i]
          c += 1
        }
        if useL { design[i, c] = omega[i] * scale }
      }
      let beta = try KramersKronig.leastSquares(design, target)
      var c = 0
      if useC {
        solution.inverseCapacitance = beta[c]
        c += 1
      }
      if useL { solution.inductance = beta[c] }
    }

    /// The series' impedance at the spectrum's frequencies, Ω.
    func evaluate(_ s: Solution) -> [Complex<Double>] {
      omega.map { w in
        var re = s.seriesResistance
        var im = w * s.inductance - s.inverseCapacitance / w
        for (r, tau) in zip(s.resistances, s.timeConstants) {
          let x = w * tau
          let d = r / (1 + x * x)
          re += d
          im -= x * d
        }
        return Complex(re, im)
      }
    }

    func result(_ s: Solution, history: [KramersKronigResult.MuPoint]) -> KramersKronigResult {
      let fitted = evaluate(s)
      var residualsReal: [Double] = []
      var residualsImaginary: [Double] = []
      residualsReal.reserveCapacity(fitted.count)
      residualsImaginary.reserveCapacity(fitted.count)
      for (i, zFit) in fitted.enumerated() {
        let z = spectrum.impedance[i]
        residualsReal.append(100 * (z.real - zFit.real) / modulus[i])
        residualsImaginary.append(100 * (z.imaginary - zFit.imaginary) / modulus[i])
      }
      return KramersKronigResult(
        options: options, elementCount: s.elementCount, mu: s.mu, muHistory: history,
        seriesResistance: s.seriesResistance, resistances: s.resistances,
        timeConstants: s.timeConstants,
        capacitance: options.addCapacitance && s.inverseCapacitance != 0
          ? 1 / s.inverseCapacitance : nil,
        inductance: options.addInductance ? s.inductance : nil,
        frequencies: spectrum.frequencies, fitted: fitted,
        residualsRealPercent: residualsReal, residualsImaginaryPercent: residualsImaginary)
    }
  }
}

/// Why a Kramers–Kronig test could not run.
public enum KramersKronigError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Fewer than three points.
  case tooFewPoints(Int)
  /// Every point has the same frequency.
  case singleFrequency
  /// A point with a non-finite or zero impedance.
  case invalidPoint(index: Int, frequency: Double)
  /// An option out of range.
  case invalidOption(String)

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .tooFewPoints(let n): return "a Kramers–Kronig test needs at least 3 points, got \(n)"
    case .singleFrequency: return "a Kramers–Kronig test needs more than one frequency"
    case .invalidPoint(let i, let f):
      return "point \(i + 1) (\(f) Hz) has a zero or non-finite impedance"
    case .invalidOption(let text): return text
    }
  }
}
