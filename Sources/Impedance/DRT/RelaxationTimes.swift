import ComplexModule
import Foundation
import IonicsNumerics

/// The distribution of relaxation times (DRT): the γ(ln τ) ≥ 0 with
/// Z(ω) = R∞ + jωL + ∫ γ(ln τ)/(1 + jωτ) d ln τ, found by Tikhonov-regularised
/// non-negative least squares on Gaussian radial basis functions (Wan,
/// Saccoccio, Chen, Ciucci, Electrochim. Acta 184 (2015) 483), with λ chosen
/// by generalised cross-validation (Golub, Heath, Wahba 1979).
///
/// The model has a DC limit R∞ + ∫γ, so it applies to spectra with a finite
/// DC resistance (a symmetric cell, a full cell), not to blocking cells.
public enum RelaxationTimes {
  /// Computes the DRT of `spectrum`. Throws ``DRTError`` for blocking
  /// (capacitive) spectra, too few points and bad options.
  public static func compute(_ spectrum: ImpedanceSpectrum, options: DRTOptions = DRTOptions())
    throws -> DRTResult
  {
    try validate(spectrum, options)
    let problem = try Problem(spectrum: spectrum, options: options)
    let gcv: DRTResult.GCVCurve?
    let lambda: Double
    if let fixed = options.lambda {
      lambda = fixed
      gcv = nil
    } else {
      let curve = try problem.generalisedCrossValidation(range: options.lambdaRange)
      lambda = curve.chosenLambda
      gcv = curve
    }
    let x = try problem.solveNonNegative(lambda: lambda)
    return problem.result(coefficients: x, lambda: lambda, gcv: gcv)
  }

  static func validate(_ spectrum: ImpedanceSpectrum, _ options: DRTOptions) throws {
    guard spectrum.count >= 5 else { throw DRTError.tooFewPoints(spectrum.count) }
    if let bad = spectrum.impedance.firstIndex(where: { !$0.isFinite }) {
      throw DRTError.invalidPoint(index: bad, frequency: spectrum.frequencies[bad])
    }
    guard options.extensionDecades >= 1, options.extensionDecades.isFinite else {
      throw DRTError.invalidOption("the τ grid must extend at least 1 decade beyond the data")
    }
    if let p = options.pointsPerDecade, !(p >= 1 && p <= 100) {
      throw DRTError.invalidOption("points per decade must lie in 1…100, got \(p)")
    }
    guard options.fwhmCoefficient > 0, options.fwhmCoefficient <= 5 else {
      throw DRTError.invalidOption("the FWHM coefficient must lie in (0, 5]")
    }
    if let l = options.lambda, !(l > 0 && l.isFinite) {
      throw DRTError.invalidOption("λ must be positive, got \(l)")
    }
    guard options.lambdaRange.lowerBound > 0,
      options.lambdaRange.upperBound > options.lambdaRange.lowerBound
    else { throw DRTError.invalidOption("the λ range must be positive and not empty") }
    guard options.weighting == .unity || options.weighting == .modulus else {
      throw DRTError.invalidOption("DRT weighting must be unity or modulus")
    }
    let order = spectrum.frequencies.indices.sorted {
      spectrum.frequencies[$0] < spectrum.frequencies[$1]
    }
    guard let first = order.first, spectrum.frequencies[first] < (spectrum.frequencies.max() ?? 0)
    else { throw DRTError.invalidOption("a DRT needs more than one frequency") }
    // A blocking electrode: −Im Z still rising towards the lowest frequency,
    // rising faster than a Warburg tail (−Im Z ∝ f^(−n) with n > 0.5), and
    // large there (at least a fifth of the largest −Im Z, so that noise on
    // a closed arc does not count).
    let low = order.prefix(3).map { spectrum.impedance[$0] }
    let lowF = order.prefix(3).map { spectrum.frequencies[$0] }
    if low.count == 3, -low[0].imaginary > -low[1].imaginary, -low[1].imaginary > -low[2].imaginary,
      -low[2].imaginary > 0,
      -low[0].imaginary >= 0.2 * (spectrum.impedance.map { -$0.imaginary }.max() ?? 0)
    {
      let exponent =
        log(low[0].imaginary / low[2].imaginary) / log(lowF[2] / lowF[0])
      if exponent > 0.5 {
        throw DRTError.capacitiveLowFrequencyEnd(frequency: lowF[0], exponent: exponent)
      }
    }
  }

  /// The weighted linear problem: rows Re then Im; columns R∞, (L), then the RBFs.
  struct Problem {
    let spectrum: ImpedanceSpectrum
    let options: DRTOptions
    let basis: GaussianBasis
    let omega: [Double]
    let rootWeights: [Double]
    /// Unpenalised columns (R∞, and L when included).
    let fixedColumns: Int
    /// Design, rows 2N, columns fixedColumns + K, column-major.
    let design: Matrix
    let target: [Double]
    /// The penalty matrix P (K×K, column-major).
    let penalty: [Double]
    /// Lower Cholesky factor of P (K×K, row-major).
    let penaltyFactor: Cholesky

    init(spectrum: ImpedanceSpectrum, options: DRTOptions) throws {
      self.spectrum = spectrum
      self.options = options
      let fMin = spectrum.frequencies.min() ?? 1
      let fMax = spectrum.frequencies.max() ?? 1
      let dataDensity = Double(spectrum.count - 1) / log10(fMax / fMin)
      let perDecade = options.pointsPerDecade ?? min(max(dataDensity, 5), 20)
      let widen = pow(10, options.extensionDecades)
      basis = GaussianBasis(
        tauMin: 1 / (2 * .pi * fMax) / widen, tauMax: 1 / (2 * .pi * fMin) * widen,
        perDecade: perDecade, fwhmCoefficient: options.fwhmCoefficient)
      omega = spectrum.frequencies.map { 2 * .pi * $0 }
      rootWeights = spectrum.impedance.map { z in
        options.weighting == .modulus && z.length > 0 ? 1 / z.length : 1
      }
      fixedColumns = options.includeInductance ? 2 : 1
      let n = spectrum.count
      let k = basis.centres.count
      var a = Matrix(rows: 2 * n, columns: fixedColumns + k)
      var b = [Double](repeating: 0, count: 2 * n)
      let (re, im) = basis.impedanceColumns(omega: omega)
      for i in 0..<n {
        let w = rootWeights[i]
        b[i] = spectrum.impedance[i].real * w
        b[n + i] = spectrum.impedance[i].imaginary * w
        a[i, 0] = w
        if options.includeInductance { a[n + i, 1] = omega[i] * w }
        for m in 0..<k {
          a[i, fixedColumns + m] = re[i][m] * w
          a[n + i, fixedColumns + m] = im[i][m] * w
        }
      }
      design = a
      target = b
      // The penalty is positive definite in exact arithmetic; a jitter of
      // 1e-12 of its diagonal, raised until the factorisation succeeds,
      // covers rounding.
      let p = basis.penaltyMatrix(options.penalty)
      penalty = p
      var jitter = 1e-12
      var factor: Cholesky?
      while factor == nil {
        var m = Matrix(rows: k, columns: k)
        m.elements = p
        for i in 0..<k { m[i, i] *= 1 + jitter }
        factor = Cholesky(m)
        jitter *= 10
        if jitter > 1 { break }
      }
      guard let factor else {
        throw DRTError.invalidOption("the penalty matrix is not positive definite on this grid")
      }
      penaltyFactor = factor
    }

    var rbfCount: Int { basis.centres.count }

    /// GCV(λ) = m·‖(I − H)b‖² / tr(I − H)² on a log grid of λ, refined by a
    /// golden-section search around the grid's minimum. The unpenalised
    /// columns are projected out first and the penalty brought to standard
    /// form with its Cholesky factor, so that one eigen-decomposition gives
    /// GCV for every λ.
    func generalisedCrossValidation(range: ClosedRange<Double>) throws -> DRTResult.GCVCurve {
      let m = design.rows
      let k = rbfCount
      let p = fixedColumns
      // Orthonormal basis of the unpenalised columns (modified Gram–Schmidt, twice).
      var q: [[Double]] = []
      for j in 0..<p {
        var v = design.column(j)
        for _ in 0..<2 {
          for u in q {
            let d = dot(u, v)
            for i in 0..<m { v[i] -= d * u[i] }
          }
        }
        let norm = dot(v, v).squareRoot()
        if norm > 0 { q.append(v.map { $0 / norm }) }
      }
      func project(_ v: [Double]) -> [Double] {
        var v = v
        for u in q {
          let d = dot(u, v)
          for i in 0..<m { v[i] -= d * u[i] }
        }
        return v
      }
      let bProjected = project(target)
      var columns: [[Double]] = []
      columns.reserveCapacity(k)
      for j in 0..<k { columns.append(project(design.column(p + j))) }
      // G = Ã₁ᵀÃ₁ and Ã₁ᵀb̃, then B = L⁻¹ G L⁻ᵀ and c = L⁻¹ Ã₁ᵀb̃.
      var g = Matrix(rows: k, columns: k)
      for a in 0..<k {
        for b in 0...a {
          let d = dot(columns[a], columns[b])
          g[a, b] = d
          g[b, a] = d
        }
      }
      let atb = columns.map { dot($0, bProjected) }
      var x = Matrix(rows: k, columns: k)  // X = L⁻¹G (column by column)
      for j in 0..<k {
        let solved = penaltyFactor.solveLower(g.column(j))
        for i in 0..<k { x[i, j] = solved[i] }
      }
      var bMatrix = Matrix(rows: k, columns: k)  // B = L⁻¹Xᵀ
      for j in 0..<k {
        var row = [Double](repeating: 0, count: k)
        for i in 0..<k { row[i] = x[j, i] }
        let solved = penaltyFactor.solveLower(row)
        for i in 0..<k { bMatrix[i, j] = solved[i] }
      }
      let c = penaltyFactor.solveLower(atb)
      let eigen = try SymmetricEigen(bMatrix, projecting: [c])
      let largest = eigen.values.last ?? 0
      var rhoSquared: [Double] = []
      var values: [Double] = []
      for (e, beta) in zip(eigen.values, eigen.projections[0]) where e > 1e-14 * largest {
        values.append(e)
        rhoSquared.append(beta * beta / e)
      }
      let outside = max(0, dot(bProjected, bProjected) - rhoSquared.reduce(0, +))
      let rows = Double(m)
      let rho = options.gcvRho
      let free = Double(m) - rho * Double(p)
      func score(_ lambda: Double) -> Double {
        var residual = outside
        var trace = free
        for (e, r2) in zip(values, rhoSquared) {
          let f = lambda / (e + lambda)
          residual += f * f * r2
          trace -= rho * e / (e + lambda)
        }
        return rows * residual / (trace * trace)
      }
      let lo = log10(range.lowerBound)
      let hi = log10(range.upperBound)
      let steps = max(8, Int(((hi - lo) * 8).rounded()))
      let grid = (0...steps).map { pow(10, lo + (hi - lo) * Double($0) / Double(steps)) }
      let scores = grid.map(score)
      var best = 0
      for i in scores.indices where scores[i] < scores[best] { best = i }
      // Golden section on log λ between the neighbours of the grid minimum.
      var a = log10(grid[max(best - 1, 0)])
      var b = log10(grid[min(best + 1, grid.count - 1)])
      let ratio = (5.0.squareRoot() - 1) / 2
      var x1 = b - ratio * (b - a)
      var x2 = a + ratio * (b - a)
      var f1 = score(pow(10, x1))
      var f2 = score(pow(10, x2))
      for _ in 0..<40 where b - a > 1e-4 {
        if f1 < f2 {
          b = x2
          x2 = x1
          f2 = f1
          x1 = b - ratio * (b - a)
          f1 = score(pow(10, x1))
        } else {
          a = x1
          x1 = x2
          f1 = f2
          x2 = a + ratio * (b - a)
          f2 = score(pow(10, x2))
        }
      }
      var chosen = pow(10, (a + b) / 2)
      if score(chosen) > scores[best] { chosen = grid[best] }
      return DRTResult.GCVCurve(
        lambdas: grid, scores: scores, chosenLambda: chosen, chosenScore: score(chosen),
        atEdge: best == 0 || best == grid.count - 1)
    }

    /// min ‖A x − b‖² + λ·x_RBFᵀ P x_RBF, x ≥ 0, from the normal equations
    /// (AᵀA + λP) x = Aᵀb, which the penalty keeps well conditioned.
    func solveNonNegative(lambda: Double) throws -> [Double] {
      let k = rbfCount
      let p = fixedColumns
      var g = design.gram()
      for j in 0..<k {
        for i in 0..<k { g[p + i, p + j] += lambda * penalty[j * k + i] }
      }
      let c = design.transposeMultiply(target)
      return try NonNegativeLeastSquares.solve(gram: g, projection: c).x
    }

    /// The standard deviation of γ(y) from the Gaussian approximation of the
    /// regularised problem on the non-negative solution's passive set:
    /// Σ = σ²(A_PᵀA_P + λP_PP)⁻¹, with the variables that NNLS holds at zero
    /// held there and σ² the mean squared weighted residual (pyDRTtools
    /// forms the same Σ without the constraint). Empty when the matrix
    /// cannot be factored.
    func gammaStandardDeviation(
      at ys: [Double], lambda: Double, coefficients x: [Double], fitted model: [Double]
    ) -> [Double] {
      let k = rbfCount
      let p = fixedColumns
      let passive = (0..<(p + k)).filter { x[$0] > 0 }
      let rbfPassive = passive.filter { $0 >= p }
      guard !rbfPassive.isEmpty else { return ys.map { _ in 0 } }
      let g = design.gram()
      var h = Matrix(rows: passive.count, columns: passive.count)
      for (b, jb) in passive.enumerated() {
        for (a, ja) in passive.enumerated() {
          var value = g[ja, jb]
          if ja >= p, jb >= p { value += lambda * penalty[(jb - p) * k + (ja - p)] }
          h[a, b] = value
        }
      }
      guard let factor = Cholesky(h) else { return [] }
      let residualSquares = zip(model, target).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
      let variance = residualSquares / Double(max(design.rows, 1))
      // Σ restricted to the passive RBFs, k×k by RBF number (zero elsewhere).
      var sigma = [Double](repeating: 0, count: k * k)
      for (b, jb) in passive.enumerated() where jb >= p {
        var unit = [Double](repeating: 0, count: passive.count)
        unit[b] = 1
        let column = factor.solve(unit)
        for (a, ja) in passive.enumerated() where ja >= p {
          sigma[(jb - p) * k + (ja - p)] = variance * column[a]
        }
      }
      let centres = basis.centres
      let epsilon = basis.epsilon
      return ys.map { y in
        var active: [(Int, Double)] = []
        for jb in rbfPassive {
          let u = epsilon * (y - centres[jb - p])
          if abs(u) < 6 { active.append((jb - p, exp(-u * u))) }
        }
        var v = 0.0
        for (a, fa) in active {
          for (b, fb) in active { v += fa * sigma[b * k + a] * fb }
        }
        return max(v, 0).squareRoot()
      }
    }

    func result(coefficients x: [Double], lambda: Double, gcv: DRTResult.GCVCurve?) -> DRTResult {
      let p = fixedColumns
      let rbf = Array(x[p...])
      let n = spectrum.count
      let model = design.multiply(x)
      var fitted: [Complex<Double>] = []
      for i in 0..<n {
        let w = rootWeights[i]
        fitted.append(Complex(model[i] / w, model[n + i] / w))
      }
      // γ on a grid four times finer than the RBF centres, with the window's
      // ends among its points.
      let centres = basis.centres
      let fine = max(2, 4 * (centres.count - 1) + 1)
      let (a, b) = (centres.first ?? 0, centres.last ?? 0)
      let ys = (0..<fine).map { a + (b - a) * Double($0) / Double(fine - 1) }
      let gamma = basis.evaluate(rbf, at: ys)
      let window =
        log(
          1 / (2 * .pi * (spectrum.frequencies.max() ?? 1)))...log(
          1 / (2 * .pi * (spectrum.frequencies.min() ?? 1)))
      let sigma = gammaStandardDeviation(at: ys, lambda: lambda, coefficients: x, fitted: model)
      let peaks = DRTPeaks.find(
        logTau: ys, gamma: gamma, sigma: sigma, prominence: options.peakProminence,
        significance: options.peakSignificance, window: window)
      var below = 0.0
      var above = 0.0
      for j in 0..<(ys.count - 1) {
        let slice = 0.5 * (gamma[j] + gamma[j + 1]) * (ys[j + 1] - ys[j])
        if ys[j + 1] <= window.lowerBound { below += slice }
        if ys[j] >= window.upperBound { above += slice }
      }
      return DRTResult(
        options: options, lambda: lambda, gcv: gcv,
        seriesResistance: x[0], inductance: options.includeInductance ? x[1] : nil,
        polarisationResistance: rbf.reduce(0, +) * basis.area,
        resistanceBelowWindow: below, resistanceAboveWindow: above,
        centres: basis.timeConstants, coefficients: rbf,
        tau: ys.map { exp($0) }, gamma: gamma, gammaStandardDeviation: sigma, peaks: peaks,
        frequencies: spectrum.frequencies, fitted: fitted,
        residualsReal: zip(spectrum.impedance, fitted).map { $0.real - $1.real },
        residualsImaginary: zip(spectrum.impedance, fitted).map { $0.imaginary - $1.imaginary })
    }
  }
}

@inline(__always) func dot(_ a: [Double], _ b: [Double]) -> Double {
  var s = 0.0
  for i in 0..<min(a.count, b.count) { s += a[i] * b[i] }
  return s
}

/// Why a DRT could not be computed.
public enum DRTError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Fewer than five points.
  case tooFewPoints(Int)
  /// A point with a non-finite impedance.
  case invalidPoint(index: Int, frequency: Double)
  /// −Im Z still rises towards the lowest frequency, as f^(−n) with n above
  /// a Warburg tail's 0.5: a blocking electrode, whose DC resistance is infinite.
  case capacitiveLowFrequencyEnd(frequency: Double, exponent: Double)
  /// An option out of range.
  case invalidOption(String)

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .tooFewPoints(let n): return "a DRT needs at least 5 points, got \(n)"
    case .invalidPoint(let i, let f): return "point \(i + 1) (\(f) Hz) is not finite"
    case .capacitiveLowFrequencyEnd(let f, let n):
      return String(
        format:
          "the spectrum is capacitive at its low-frequency end (−Im Z still rising as f^−%.2f down to %.3g Hz, steeper than a Warburg tail): "
          + "a blocking cell has no finite DC resistance, so its DRT is not defined. "
          + "Fit an equivalent circuit (ionics eis fit) or check it with ionics eis kk --capacitance; "
          + "use DRT on symmetric or full cells.", n, f)
    case .invalidOption(let text): return text
    }
  }
}
