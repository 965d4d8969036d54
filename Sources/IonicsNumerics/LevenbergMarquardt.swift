import Foundation

/// Nonlinear least squares by the Levenberg–Marquardt method: minimises
/// ½‖r(p)‖² for a residual vector r (already weighted: rᵢ = (modelᵢ − yᵢ)/σᵢ).
///
/// - Scaling: the damping term is μ·‖D·δ‖² with D the running maximum of
///   the Jacobian's column norms (Moré 1978), so the iteration does not
///   depend on the units of the parameters.
/// - Damping update: Nielsen's rule (μ ← μ·max(1/3, 1 − (2ρ − 1)³) on
///   success, μ ← μ·ν, ν ← 2ν on failure; Madsen, Nielsen & Tingleff,
///   Methods for Non-linear Least Squares Problems, 2004).
/// - Each step solves the damped problem [J; √μ·D]·δ ≈ [−r; 0] by
///   Householder QR rather than forming JᵀJ, which keeps the digits of
///   ill-conditioned problems.
/// - Bounds: parameters on a bound whose gradient points outwards are held
///   for the step (an active set); every trial point is projected into the box.
/// - Covariance: (JᵀJ)⁻¹ at the solution over the free parameters not on a
///   bound, scaled by χ²/(m − n) unless told otherwise.
public enum LevenbergMarquardt {
  /// How the Jacobian is obtained when no analytic one is given.
  public enum JacobianMethod: String, Sendable, Codable {
    /// (r(p + h·eⱼ) − r(p))/h with h = √ε·|pⱼ|: one evaluation per parameter.
    case forwardDifference = "forward-difference"
    /// (r(p + h·eⱼ) − r(p − h·eⱼ))/2h with h = ε^(1/3)·|pⱼ|: two evaluations, more digits.
    case centralDifference = "central-difference"
  }

  /// How the damped linear problem of each step is solved.
  public enum StepSolver: String, Sendable, Codable {
    /// QR of [J; √μ·D]: keeps the digits of ill-conditioned problems (NIST higher difficulty).
    case householderQR = "householder-qr"
    /// Cholesky of JᵀJ + μ·D², with JᵀJ formed once per Jacobian: several
    /// times faster for many residuals and few parameters, for
    /// well-conditioned problems; falls back to QR when Cholesky fails.
    case normalEquations = "normal-equations"
  }

  /// Stopping rules; the defaults suit fits whose parameters are wanted to
  /// eight or more significant digits.
  public struct Options: Sendable {
    /// Most iterations (Jacobian evaluations).
    public var maxIterations = 5000
    /// Stop when both the actual and the predicted relative reduction of
    /// the cost fall below this.
    public var relativeCostTolerance = 1e-15
    /// Stop when the scaled step ‖D·δ‖ falls below this times ‖D·p‖.
    public var relativeStepTolerance = 1e-12
    /// Stop when every scaled gradient component |Jⱼᵀr|/(‖Jⱼ‖·‖r‖) falls below this.
    public var gradientTolerance = 1e-12
    /// Starting damping μ relative to D².
    public var initialDamping = 1e-3
    /// Jacobian method when none is supplied.
    public var jacobianMethod = JacobianMethod.forwardDifference
    /// How the covariance is scaled.
    public var covarianceScaling = CovarianceScaling.residualVariance
    /// Adds the geodesic-acceleration correction of Transtrum & Sethna
    /// (arXiv:1201.5885, 2012) to each step: one more residual evaluation per
    /// trial, far fewer failures in narrow curved valleys (NIST BoxBOD,
    /// MGH10 from their distant starts).
    public var geodesicAcceleration = true
    /// Largest ratio 2‖a‖/‖v‖ of acceleration to velocity accepted in a
    /// step with geodesic acceleration.
    public var accelerationRatioLimit = 0.75
    /// How each damped step is solved.
    public var stepSolver = StepSolver.householderQR

    /// Default options.
    public init() {}
  }

  /// Why the iteration stopped.
  public enum Convergence: String, Sendable, Codable {
    /// The cost stopped falling, in fact and in the local model.
    case relativeCostReduction = "relative cost reduction below tolerance"
    /// The step became negligible against the parameters.
    case relativeStep = "relative step below tolerance"
    /// The gradient is orthogonal to the residuals within tolerance.
    case gradient = "gradient below tolerance"
    /// The residuals are exactly zero.
    case exactFit = "residuals are zero"
    /// No step reduces the cost any more, however small (a minimum to machine precision).
    case noFurtherReduction = "no further reduction possible"
    /// The iteration limit was reached first: the result is not a converged fit.
    case maxIterations = "iteration limit reached"

    /// Whether this is a converged stop (all but the iteration limit).
    public var isConverged: Bool { self != .maxIterations }
  }

  /// The outcome of a fit.
  public struct Result: Sendable {
    /// All parameters, fixed ones included, in the order given.
    public let parameters: [FittedParameter]
    /// Best-fit values of all parameters.
    public var values: [Double] { parameters.map(\.value) }
    /// Covariance over all parameters (rows and columns of fixed or
    /// bound parameters are zero); nil when the Jacobian is rank deficient.
    public let covariance: Matrix?
    /// Weighted residuals at the solution.
    public let residuals: [Double]
    /// χ² = Σ rᵢ².
    public let chiSquared: Double
    /// Observations minus free parameters.
    public let degreesOfFreedom: Int
    /// χ²/(m − n).
    public var reducedChiSquared: Double {
      degreesOfFreedom > 0 ? chiSquared / Double(degreesOfFreedom) : .nan
    }
    /// Numerical rank of the Jacobian over the free parameters not on a bound.
    public let jacobianRank: Int
    /// Iterations (accepted or rejected trial loops, one Jacobian each).
    public let iterations: Int
    /// Residual function evaluations, finite differences included.
    public let evaluations: Int
    /// Why the iteration stopped.
    public let convergence: Convergence
    /// How ``covariance`` is scaled.
    public let covarianceScaling: CovarianceScaling
    /// True unless the iteration limit stopped the fit.
    public var converged: Bool { convergence.isConverged }
  }

  /// Fits the parameters. `residuals(p, &r)` fills r (length
  /// `residualCount`) for the full parameter vector p; the optional
  /// `jacobian(p, &J)` fills the `residualCount` × `parameters.count`
  /// matrix ∂rᵢ/∂pⱼ (columns of fixed parameters are ignored).
  public static func fit(
    parameters: [FitParameter], residualCount m: Int, options: Options = Options(),
    residuals: @escaping ([Double], inout [Double]) throws -> Void,
    jacobian: (([Double], inout Matrix) throws -> Void)? = nil
  ) throws -> Result {
    var solver = try Solver(
      parameters: parameters, m: m, options: options, residuals: residuals, jacobian: jacobian)
    return try solver.run()
  }
}

/// The iteration state of one fit.
private struct Solver {
  let parameters: [FitParameter]
  let m: Int
  let options: LevenbergMarquardt.Options
  let residualFunction: ([Double], inout [Double]) throws -> Void
  let jacobianFunction: (([Double], inout Matrix) throws -> Void)?
  let free: [Int]
  let lower: [Double]
  let upper: [Double]
  var full: [Double]
  var evaluations = 0

  init(
    parameters: [FitParameter], m: Int, options: LevenbergMarquardt.Options,
    residuals: @escaping ([Double], inout [Double]) throws -> Void,
    jacobian: (([Double], inout Matrix) throws -> Void)?
  ) throws {
    for p in parameters {
      guard p.value.isFinite else {
        throw NumericsError.invalidParameter("the starting value of \(p.name) must be finite")
      }
      guard !p.lowerBound.isNaN, !p.upperBound.isNaN, p.lowerBound <= p.upperBound else {
        throw NumericsError.invalidParameter(
          "the bounds of \(p.name) are inconsistent: [\(p.lowerBound), \(p.upperBound)]")
      }
    }
    self.parameters = parameters
    self.m = m
    self.options = options
    self.residualFunction = residuals
    self.jacobianFunction = jacobian
    self.free = parameters.indices.filter { !parameters[$0].isFixed }
    self.lower = free.map { parameters[$0].lowerBound }
    self.upper = free.map { parameters[$0].upperBound }
    self.full = parameters.map(\.value)
    guard m >= free.count else {
      throw NumericsError.tooFewObservations(observations: m, parameters: free.count)
    }
  }

  func clamp(_ x: [Double]) -> [Double] {
    (0..<x.count).map { min(max(x[$0], lower[$0]), upper[$0]) }
  }

  mutating func evaluate(_ x: [Double]) throws -> [Double] {
    for (k, j) in free.enumerated() { full[j] = x[k] }
    var r = Array(repeating: 0.0, count: m)
    try residualFunction(full, &r)
    evaluations += 1
    guard r.count == m else {
      throw NumericsError.dimensionMismatch(
        "the residual function returned \(r.count) values, expected \(m)")
    }
    return r
  }

  mutating func jacobian(at x: [Double], residuals r: [Double]) throws -> Matrix {
    let n = free.count
    var j = Matrix(rows: m, columns: n)
    if let jacobianFunction {
      for (k, i) in free.enumerated() { full[i] = x[k] }
      if n == parameters.count {
        // Every parameter is free: the caller fills J directly.
        try jacobianFunction(full, &j)
        guard j.rows == m, j.columns == n else {
          throw NumericsError.dimensionMismatch("the Jacobian must be \(m) × \(n)")
        }
        return j
      }
      var whole = Matrix(rows: m, columns: parameters.count)
      try jacobianFunction(full, &whole)
      guard whole.rows == m, whole.columns == parameters.count else {
        throw NumericsError.dimensionMismatch("the Jacobian must be \(m) × \(parameters.count)")
      }
      for (k, i) in free.enumerated() {
        for row in 0..<m { j[row, k] = whole[row, i] }
      }
      return j
    }
    for k in 0..<n {
      var step = x[k] == 0 ? 1.0 : abs(x[k])
      switch options.jacobianMethod {
      case .forwardDifference:
        step *= Double.ulpOfOne.squareRoot()
        if x[k] + step > upper[k] { step = -step }
        var xp = x
        xp[k] += step
        let h = xp[k] - x[k]
        let rp = try evaluate(xp)
        for row in 0..<m { j[row, k] = (rp[row] - r[row]) / h }
      case .centralDifference:
        step *= pow(Double.ulpOfOne, 1.0 / 3.0)
        var xp = x
        var xm = x
        xp[k] = min(x[k] + step, upper[k])
        xm[k] = max(x[k] - step, lower[k])
        let h = xp[k] - xm[k]
        let rp = try evaluate(xp)
        let rm = try evaluate(xm)
        for row in 0..<m { j[row, k] = (rp[row] - rm[row]) / h }
      }
    }
    // Restore the full vector to x for any later use.
    for (k, i) in free.enumerated() { full[i] = x[k] }
    return j
  }

  mutating func run() throws -> LevenbergMarquardt.Result {
    let n = free.count
    var x = clamp(free.map { parameters[$0].value })
    var r = try evaluate(x)
    guard r.allSatisfy({ $0.isFinite }) else { throw NumericsError.modelNotFiniteAtStart }
    var cost = 0.5 * sumOfSquares(r)
    var iterations = 0
    var convergence: LevenbergMarquardt.Convergence = .maxIterations

    if n == 0 {
      return finish(
        x: x, r: r, jacobian: Matrix(rows: m, columns: 0), iterations: 0, convergence: .exactFit)
    }
    var jac = try jacobian(at: x, residuals: r)
    var d = (0..<n).map { k -> Double in
      let norm = jac.columnNorm(k)
      return norm > 0 ? norm : 1
    }
    var mu = options.initialDamping
    var nu = 2.0
    var normalMatrix = options.stepSolver == .normalEquations ? jac.gram() : nil

    outer: while true {
      if cost == 0 {
        convergence = .exactFit
        break
      }
      let g = jac.transposeMultiply(r)
      let held = (0..<n).map { k in
        (x[k] <= lower[k] && g[k] > 0) || (x[k] >= upper[k] && g[k] < 0)
      }
      let rNorm = sumOfSquares(r).squareRoot()
      var gradientMeasure = 0.0
      for k in 0..<n where !held[k] {
        let cn = jac.columnNorm(k)
        if cn > 0 { gradientMeasure = max(gradientMeasure, abs(g[k]) / (cn * rNorm)) }
      }
      if gradientMeasure <= options.gradientTolerance {
        convergence = .gradient
        break
      }
      if iterations >= options.maxIterations {
        convergence = .maxIterations
        break
      }
      iterations += 1
      let active = (0..<n).filter { !held[$0] }

      while true {
        let system = DampedSystem(
          jacobian: jac, normalMatrix: normalMatrix, columns: active, scale: d, damping: mu)
        let velocity = system.solve(negating: r)
        var step = velocity
        var accelerationRejected = false
        if options.geodesicAcceleration && velocity.allSatisfy({ $0.isFinite }) {
          // Second directional derivative of r along v by finite differences.
          let h = 0.1
          var probe = x
          for (k, c) in active.enumerated() { probe[c] += h * velocity[k] }
          let rh = try evaluate(probe)
          var fullVelocity = Array(repeating: 0.0, count: n)
          for (k, c) in active.enumerated() { fullVelocity[c] = velocity[k] }
          let jv = jac.multiply(fullVelocity)
          let curvature = (0..<m).map { 2 / h * ((rh[$0] - r[$0]) / h - jv[$0]) }
          if curvature.allSatisfy({ $0.isFinite }) {
            let acceleration = system.solve(negating: curvature)
            let vNorm = euclideanNorm(active.indices.map { d[active[$0]] * velocity[$0] })
            let aNorm = euclideanNorm(active.indices.map { d[active[$0]] * acceleration[$0] })
            if vNorm > 0 && 2 * aNorm / vNorm > options.accelerationRatioLimit {
              accelerationRejected = true
            } else {
              step = zip(velocity, acceleration).map { $0 + 0.5 * $1 }
            }
          }
        }
        var trial = x
        for (k, c) in active.enumerated() { trial[c] += step[k] }
        trial = clamp(trial)
        let delta = (0..<n).map { trial[$0] - x[$0] }
        let scaledStep = euclideanNorm((0..<n).map { d[$0] * delta[$0] })
        let scaledX = euclideanNorm((0..<n).map { d[$0] * x[$0] })
        if !step.allSatisfy({ $0.isFinite }) {
          convergence = .noFurtherReduction
          break outer
        }
        if scaledStep <= options.relativeStepTolerance * (scaledX + options.relativeStepTolerance) {
          convergence = .relativeStep
          break outer
        }
        if accelerationRejected {
          // The step is refused whatever its cost: damp more without evaluating it.
          mu *= nu
          nu *= 2
          if !mu.isFinite || mu > 1e150 {
            convergence = .noFurtherReduction
            break outer
          }
          continue
        }
        let rt = try evaluate(trial)
        let trialCost = rt.allSatisfy({ $0.isFinite }) ? 0.5 * sumOfSquares(rt) : .infinity
        let jd = jac.multiply(delta)
        var predicted = 0.0
        for i in 0..<m { predicted -= r[i] * jd[i] + 0.5 * jd[i] * jd[i] }
        let rho = predicted > 0 ? (cost - trialCost) / predicted : -1
        if rho > 1e-4 {
          let previous = cost
          x = trial
          r = rt
          cost = trialCost
          mu *= max(1.0 / 3.0, 1 - pow(2 * rho - 1, 3))
          nu = 2
          jac = try jacobian(at: x, residuals: r)
          if options.stepSolver == .normalEquations { normalMatrix = jac.gram() }
          for k in 0..<n { d[k] = max(d[k], jac.columnNorm(k)) }
          let actualReduction = (previous - cost) / previous
          if abs(actualReduction) <= options.relativeCostTolerance
            && predicted / previous <= options.relativeCostTolerance
          {
            convergence = .relativeCostReduction
            break outer
          }
          if scaledStep <= options.relativeStepTolerance
            * (euclideanNorm((0..<n).map { d[$0] * x[$0] }) + options.relativeStepTolerance)
          {
            convergence = .relativeStep
            break outer
          }
          break
        }
        mu *= nu
        nu *= 2
        if !mu.isFinite || mu > 1e150 {
          convergence = .noFurtherReduction
          break outer
        }
      }
    }
    return finish(x: x, r: r, jacobian: jac, iterations: iterations, convergence: convergence)
  }

  /// The damped linear problem [J_A; √μ·D_A]·δ ≈ [−b; 0] over the columns A,
  /// factorised once and solved for several right-hand sides: by QR, or by
  /// Cholesky of J_AᵀJ_A + μ·D_A² when a normal matrix JᵀJ is supplied.
  struct DampedSystem {
    let jacobian: Matrix
    let columns: [Int]
    let qr: HouseholderQR?
    let cholesky: [Double]?
    let rows: Int

    init(
      jacobian j: Matrix, normalMatrix: Matrix?, columns: [Int], scale d: [Double],
      damping mu: Double
    ) {
      let m = j.rows
      let k = columns.count
      jacobian = j
      self.columns = columns
      rows = m
      if let normalMatrix,
        let factor = choleskyFactor(normalMatrix, columns: columns, scale: d, damping: mu)
      {
        cholesky = factor
        qr = nil
        return
      }
      var a = Matrix(rows: m + k, columns: k)
      let root = mu.squareRoot()
      for (c, col) in columns.enumerated() {
        for i in 0..<m { a[i, c] = j[i, col] }
        a[m + c, c] = root * d[col]
      }
      qr = HouseholderQR(a, pivoting: false)
      cholesky = nil
    }

    /// δ solving [J_A; √μ·D_A]·δ ≈ [−b; 0].
    func solve(negating b: [Double]) -> [Double] {
      let k = columns.count
      guard k > 0 else { return [] }
      if let cholesky {
        // Right-hand side −J_Aᵀb, then L·Lᵀ·δ = rhs.
        var x = columns.map { col -> Double in
          var s = 0.0
          let base = col * rows
          jacobian.elements.withUnsafeBufferPointer { e in
            for i in 0..<rows { s += e[base + i] * b[i] }
          }
          return -s
        }
        for i in 0..<k {
          var s = x[i]
          for p in 0..<i { s -= cholesky[i * k + p] * x[p] }
          x[i] = s / cholesky[i * k + i]
        }
        for i in stride(from: k - 1, through: 0, by: -1) {
          var s = x[i]
          for p in (i + 1)..<k { s -= cholesky[p * k + i] * x[p] }
          x[i] = s / cholesky[i * k + i]
        }
        return x
      }
      var rhs = Array(repeating: 0.0, count: rows + k)
      for i in 0..<rows { rhs[i] = -b[i] }
      return qr?.solve(rhs, rank: k) ?? []
    }
  }

  func finish(
    x: [Double], r: [Double], jacobian j: Matrix, iterations: Int,
    convergence: LevenbergMarquardt.Convergence
  )
    -> LevenbergMarquardt.Result
  {
    let n = free.count
    let chi2 = sumOfSquares(r)
    let dof = m - n
    let atBound = (0..<n).map { x[$0] <= lower[$0] || x[$0] >= upper[$0] }
    var estimable = (0..<n).filter { !atBound[$0] }
    var covarianceFree: Matrix?
    var rank = 0
    // A rank-deficient Jacobian (a parameter the data do not feel, such as a
    // series resistance driven to zero) leaves the others estimable: the
    // columns that pivoting puts past the rank are dropped, reported without
    // an error, and the covariance of the rest is computed with them held.
    var attempts = 0
    while !estimable.isEmpty && attempts < 2 {
      attempts += 1
      var sub = Matrix(rows: m, columns: estimable.count)
      var scale = Array(repeating: 1.0, count: estimable.count)
      for (c, k) in estimable.enumerated() {
        let norm = j.columnNorm(k)
        scale[c] = norm > 0 ? norm : 1
        for i in 0..<m { sub[i, c] = j[i, k] / scale[c] }
      }
      let qr = HouseholderQR(sub)
      let subRank = qr.rank(tolerance: 1e-12)
      if attempts == 1 { rank = subRank }
      if subRank < estimable.count {
        guard subRank > 0 else { break }
        estimable = qr.permutation.prefix(subRank).map { estimable[$0] }.sorted()
        continue
      }
      do {
        let factor: Double
        switch options.covarianceScaling {
        case .residualVariance: factor = dof > 0 ? chi2 / Double(dof) : .nan
        case .none: factor = 1
        }
        var c = qr.inverseNormalMatrix()
        for a in 0..<estimable.count {
          for b in 0..<estimable.count { c[a, b] *= factor / (scale[a] * scale[b]) }
        }
        if factor.isFinite { covarianceFree = c }
      }
      break
    }
    var covariance: Matrix?
    if let covarianceFree {
      var c = Matrix(rows: parameters.count, columns: parameters.count)
      for (a, ka) in estimable.enumerated() {
        for (b, kb) in estimable.enumerated() { c[free[ka], free[kb]] = covarianceFree[a, b] }
      }
      covariance = c
    }
    var fitted: [FittedParameter] = []
    var values = parameters.map(\.value)
    for (k, i) in free.enumerated() { values[i] = x[k] }
    for (i, p) in parameters.enumerated() {
      let k = free.firstIndex(of: i)
      let bound = k.map { atBound[$0] } ?? false
      var error: Double?
      if let covariance, let k, !bound, estimable.contains(k) {
        error = covariance[i, i].squareRoot()
      }
      fitted.append(
        FittedParameter(
          name: p.name, value: values[i], standardError: error, isFixed: p.isFixed, isAtBound: bound
        ))
    }
    return LevenbergMarquardt.Result(
      parameters: fitted, covariance: covariance, residuals: r, chiSquared: chi2,
      degreesOfFreedom: dof,
      jacobianRank: rank, iterations: iterations, evaluations: evaluations,
      convergence: convergence,
      covarianceScaling: options.covarianceScaling)
  }
}

/// Lower-triangular Cholesky factor (row-major, k × k) of
/// A[columns, columns] + μ·diag(d[columns]²); nil when not positive definite.
private func choleskyFactor(_ a: Matrix, columns: [Int], scale d: [Double], damping mu: Double)
  -> [Double]?
{
  let k = columns.count
  var l = Array(repeating: 0.0, count: k * k)
  for i in 0..<k {
    for j in 0...i {
      var s = a[columns[i], columns[j]]
      if i == j { s += mu * d[columns[i]] * d[columns[i]] }
      for p in 0..<j { s -= l[i * k + p] * l[j * k + p] }
      if i == j {
        guard s > 0, s.isFinite else { return nil }
        l[i * k + i] = s.squareRoot()
      } else {
        l[i * k + j] = s / l[j * k + j]
      }
    }
  }
  return l
}

func sumOfSquares(_ x: [Double]) -> Double {
  let norm = euclideanNorm(x)
  return norm * norm
}
