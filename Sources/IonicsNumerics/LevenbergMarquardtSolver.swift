import Foundation

/// The iteration state of one Levenberg–Marquardt fit (the method is
/// described on ``LevenbergMarquardt``). Every vector and matrix the
/// iteration needs is allocated once before the first step and overwritten
/// afterwards, so that a fit of a few parameters to a few hundred residuals
/// spends its time in the model rather than in the allocator.
struct LevenbergMarquardtSolver {
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
  /// The Jacobian over all parameters when some are fixed (kept between calls).
  var whole: Matrix?

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
    self.full = parameters.map { $0.value }
    guard m >= free.count else {
      throw NumericsError.tooFewObservations(observations: m, parameters: free.count)
    }
  }

  /// Projects `x` into the box of the bounds.
  func clamp(_ x: inout [Double]) {
    for k in x.indices { x[k] = min(max(x[k], lower[k]), upper[k]) }
  }

  /// The residuals at the free parameters `x` into `r` (length m).
  mutating func evaluate(_ x: [Double], into r: inout [Double]) throws {
    for (k, j) in free.enumerated() { full[j] = x[k] }
    try residualFunction(full, &r)
    evaluations += 1
    guard r.count == m else {
      throw NumericsError.dimensionMismatch(
        "the residual function returned \(r.count) values, expected \(m)")
    }
  }

  /// ∂r/∂x at `x` (where the residuals are `r`) into `j` (m × free count).
  mutating func jacobian(at x: [Double], residuals r: [Double], into j: inout Matrix) throws {
    let n = free.count
    if let jacobianFunction {
      for (k, i) in free.enumerated() { full[i] = x[k] }
      if n == parameters.count {
        // Every parameter is free: the caller fills J directly.
        try jacobianFunction(full, &j)
        guard j.rows == m, j.columns == n else {
          throw NumericsError.dimensionMismatch("the Jacobian must be \(m) × \(n)")
        }
        return
      }
      var all = whole ?? Matrix(rows: m, columns: parameters.count)
      whole = nil
      try jacobianFunction(full, &all)
      guard all.rows == m, all.columns == parameters.count else {
        throw NumericsError.dimensionMismatch("the Jacobian must be \(m) × \(parameters.count)")
      }
      for (k, i) in free.enumerated() {
        for row in 0..<m { j[row, k] = all[row, i] }
      }
      whole = all
      return
    }
    var rp = Array(repeating: 0.0, count: m)
    var rm = Array(repeating: 0.0, count: m)
    for k in 0..<n {
      var step = x[k] == 0 ? 1.0 : abs(x[k])
      switch options.jacobianMethod {
      case .forwardDifference:
        step *= Double.ulpOfOne.squareRoot()
        if x[k] + step > upper[k] { step = -step }
        var xp = x
        xp[k] += step
        let h = xp[k] - x[k]
        try evaluate(xp, into: &rp)
        for row in 0..<m { j[row, k] = (rp[row] - r[row]) / h }
      case .centralDifference:
        step *= pow(Double.ulpOfOne, 1.0 / 3.0)
        var xp = x
        var xm = x
        xp[k] = min(x[k] + step, upper[k])
        xm[k] = max(x[k] - step, lower[k])
        let h = xp[k] - xm[k]
        try evaluate(xp, into: &rp)
        try evaluate(xm, into: &rm)
        for row in 0..<m { j[row, k] = (rp[row] - rm[row]) / h }
      }
    }
    // Restore the full vector to x for any later use.
    for (k, i) in free.enumerated() { full[i] = x[k] }
  }

  mutating func run() throws -> LevenbergMarquardt.Result {
    let n = free.count
    var x = free.map { parameters[$0].value }
    clamp(&x)
    var r = Array(repeating: 0.0, count: m)
    try evaluate(x, into: &r)
    guard r.allSatisfy({ $0.isFinite }) else { throw NumericsError.modelNotFiniteAtStart }
    var cost = 0.5 * sumOfSquares(r)
    var iterations = 0
    var convergence: LevenbergMarquardt.Convergence = .maxIterations

    if n == 0 {
      return finish(
        x: x, r: r, jacobian: Matrix(rows: m, columns: 0), iterations: 0, convergence: .exactFit)
    }
    var jac = Matrix(rows: m, columns: n)
    try jacobian(at: x, residuals: r, into: &jac)
    let normalEquations = options.stepSolver == .normalEquations
    var normalMatrix = Matrix(rows: n, columns: n)
    var norms = Array(repeating: 0.0, count: n)
    func updateNorms() {
      // From the diagonal of JᵀJ when it is formed: no pass over J.
      for c in 0..<n {
        let square = normalEquations ? normalMatrix[c, c] : .nan
        norms[c] = square.isFinite && square > 1e-280 ? square.squareRoot() : jac.columnNorm(c)
      }
    }
    if normalEquations { jac.gram(into: &normalMatrix) }
    updateNorms()
    var d = norms.map { $0 > 0 ? $0 : 1 }
    var mu = options.initialDamping
    var nu = 2.0

    // The iteration's vectors: n-long over the parameters, m-long over the residuals.
    var g = Array(repeating: 0.0, count: n)
    var held = Array(repeating: false, count: n)
    var active: [Int] = []
    active.reserveCapacity(n)
    var velocity = Array(repeating: 0.0, count: n)
    var acceleration = Array(repeating: 0.0, count: n)
    var step = Array(repeating: 0.0, count: n)
    var trial = Array(repeating: 0.0, count: n)
    var probe = Array(repeating: 0.0, count: n)
    var fullVelocity = Array(repeating: 0.0, count: n)
    var delta = Array(repeating: 0.0, count: n)
    var scaled = Array(repeating: 0.0, count: n)
    var rt = Array(repeating: 0.0, count: m)
    var rh = Array(repeating: 0.0, count: m)
    var product = Array(repeating: 0.0, count: m)
    var curvature = Array(repeating: 0.0, count: m)
    var projected = Array(repeating: 0.0, count: n)
    var system = DampedSystem(capacity: n)

    /// ‖D·v‖ over the first `count` entries of v, where entry i belongs to parameter columns(i).
    func scaledNorm(_ v: [Double], count: Int, columns: (Int) -> Int) -> Double {
      for i in 0..<count { scaled[i] = d[columns(i)] * v[i] }
      return euclideanNorm(scaled[0..<count])
    }

    outer: while true {
      if cost == 0 {
        convergence = .exactFit
        break
      }
      jac.transposeMultiply(r, into: &g)
      for k in 0..<n {
        held[k] = (x[k] <= lower[k] && g[k] > 0) || (x[k] >= upper[k] && g[k] < 0)
      }
      let rNorm = sumOfSquares(r).squareRoot()
      var gradientMeasure = 0.0
      for k in 0..<n where !held[k] {
        let cn = norms[k]
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
      active.removeAll(keepingCapacity: true)
      for k in 0..<n where !held[k] { active.append(k) }
      let k = active.count

      while true {
        system.factorise(
          jacobian: jac, normalMatrix: normalEquations ? normalMatrix : nil, columns: active,
          scale: d, damping: mu)
        // −J_Aᵀr is −g over the active columns: no second pass over J.
        system.solve(negating: r, jacobian: jac, transposedProduct: g, into: &velocity)
        var accelerationRejected = false
        var velocityFinite = true
        for i in 0..<k where !velocity[i].isFinite { velocityFinite = false }
        for i in 0..<k { step[i] = velocity[i] }
        if options.geodesicAcceleration && velocityFinite
          && gradientMeasure > options.accelerationGradientThreshold
        {
          // Second directional derivative of r along v by finite differences.
          let h = 0.1
          for i in 0..<n { probe[i] = x[i] }
          for (i, c) in active.enumerated() { probe[c] += h * velocity[i] }
          try evaluate(probe, into: &rh)
          for i in 0..<n { fullVelocity[i] = 0 }
          for (i, c) in active.enumerated() { fullVelocity[c] = velocity[i] }
          var curvatureFinite = true
          if system.isCholesky {
            // Only Jᵀ·curvature is needed: (2/h)·[(Jᵀr_h − g)/h − JᵀJ·v],
            // one pass over J instead of two.
            for i in 0..<m where !rh[i].isFinite { curvatureFinite = false }
            jac.transposeMultiply(rh, into: &projected)
            for a in 0..<n {
              var gv = 0.0
              for b in 0..<n where fullVelocity[b] != 0 {
                gv += normalMatrix[a, b] * fullVelocity[b]
              }
              projected[a] = 2 / h * ((projected[a] - g[a]) / h - gv)
              if !projected[a].isFinite { curvatureFinite = false }
            }
          } else {
            jac.multiply(fullVelocity, into: &product)
            for i in 0..<m {
              curvature[i] = 2 / h * ((rh[i] - r[i]) / h - product[i])
              if !curvature[i].isFinite { curvatureFinite = false }
            }
          }
          if curvatureFinite {
            system.solve(
              negating: curvature, jacobian: jac,
              transposedProduct: system.isCholesky ? projected : nil, into: &acceleration)
            let vNorm = scaledNorm(velocity, count: k) { active[$0] }
            let aNorm = scaledNorm(acceleration, count: k) { active[$0] }
            if vNorm > 0 && 2 * aNorm / vNorm > options.accelerationRatioLimit {
              accelerationRejected = true
            } else {
              for i in 0..<k { step[i] = velocity[i] + 0.5 * acceleration[i] }
            }
          }
        }
        for i in 0..<n { trial[i] = x[i] }
        for (i, c) in active.enumerated() { trial[c] += step[i] }
        clamp(&trial)
        for i in 0..<n { delta[i] = trial[i] - x[i] }
        let scaledStep = scaledNorm(delta, count: n) { $0 }
        let scaledX = scaledNorm(x, count: n) { $0 }
        var stepFinite = true
        for i in 0..<k where !step[i].isFinite { stepFinite = false }
        if !stepFinite {
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
        try evaluate(trial, into: &rt)
        let trialCost = rt.allSatisfy({ $0.isFinite }) ? 0.5 * sumOfSquares(rt) : .infinity
        // The reduction the linear model predicts, −(rᵀJδ + ½‖Jδ‖²): from
        // g = Jᵀr and JᵀJ when the normal matrix is at hand, else from Jδ.
        var predicted = 0.0
        if normalEquations {
          var quadratic = 0.0
          for a in 0..<n where delta[a] != 0 {
            var row = 0.0
            for b in 0..<n { row += normalMatrix[a, b] * delta[b] }
            quadratic += delta[a] * row
            predicted -= g[a] * delta[a]
          }
          predicted -= 0.5 * quadratic
        } else {
          jac.multiply(delta, into: &product)
          for i in 0..<m { predicted -= r[i] * product[i] + 0.5 * product[i] * product[i] }
        }
        let rho = predicted > 0 ? (cost - trialCost) / predicted : -1
        if rho > 1e-4 {
          let previous = cost
          swap(&x, &trial)
          swap(&r, &rt)
          cost = trialCost
          mu *= max(1.0 / 3.0, 1 - pow(2 * rho - 1, 3))
          nu = 2
          if let target = options.targetChiSquared, 2 * cost <= target {
            // The Jacobian at x only matters for the covariance.
            if options.computesCovariance { try jacobian(at: x, residuals: r, into: &jac) }
            convergence = .reachedTarget
            break outer
          }
          try jacobian(at: x, residuals: r, into: &jac)
          if normalEquations { jac.gram(into: &normalMatrix) }
          updateNorms()
          for c in 0..<n { d[c] = max(d[c], norms[c]) }
          let actualReduction = (previous - cost) / previous
          if abs(actualReduction) <= options.relativeCostTolerance
            && predicted / previous <= options.relativeCostTolerance
          {
            convergence = .relativeCostReduction
            break outer
          }
          if scaledStep <= options.relativeStepTolerance
            * (scaledNorm(x, count: n) { $0 } + options.relativeStepTolerance)
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
  /// factorised once and solved for several right-hand sides: by Cholesky of
  /// J_AᵀJ_A + μ·D_A² when a normal matrix JᵀJ is supplied and positive
  /// definite, by QR otherwise. Its factor buffer is reused from step to step.
  struct DampedSystem {
    private(set) var columns: [Int] = []
    private var cholesky: [Double]
    private var usesCholesky = false
    private var qr: HouseholderQR?
    /// Whether the last factorisation is the Cholesky one (which takes a
    /// precomputed Jᵀb in ``solve(negating:jacobian:transposedProduct:into:)``).
    var isCholesky: Bool { usesCholesky }

    init(capacity n: Int) {
      cholesky = Array(repeating: 0, count: n * n)
      columns.reserveCapacity(n)
    }

    mutating func factorise(
      jacobian j: Matrix, normalMatrix: Matrix?, columns active: [Int], scale d: [Double],
      damping mu: Double
    ) {
      columns.removeAll(keepingCapacity: true)
      columns.append(contentsOf: active)
      qr = nil
      if let normalMatrix,
        choleskyFactor(normalMatrix, columns: active, scale: d, damping: mu, into: &cholesky)
      {
        usesCholesky = true
        return
      }
      usesCholesky = false
      let m = j.rows
      let k = active.count
      var a = Matrix(rows: m + k, columns: k)
      let root = mu.squareRoot()
      for (c, col) in active.enumerated() {
        for i in 0..<m { a[i, c] = j[i, col] }
        a[m + c, c] = root * d[col]
      }
      qr = HouseholderQR(a, pivoting: false)
    }

    /// δ solving [J_A; √μ·D_A]·δ ≈ [−b; 0] into the first |A| entries of `x`.
    /// `transposedProduct`, when given, is Jᵀb over all columns (saves a pass over J).
    func solve(
      negating b: [Double], jacobian: Matrix, transposedProduct: [Double]?, into x: inout [Double]
    ) {
      let k = columns.count
      guard k > 0 else { return }
      if usesCholesky {
        // Right-hand side −J_Aᵀb, then L·Lᵀ·δ = rhs.
        let rows = jacobian.rows
        jacobian.elements.withUnsafeBufferPointer { e in
          b.withUnsafeBufferPointer { v in
            for (c, col) in columns.enumerated() {
              if let transposedProduct {
                x[c] = -transposedProduct[col]
                continue
              }
              var s = 0.0
              let base = col * rows
              for i in 0..<rows { s += e[base + i] * v[i] }
              x[c] = -s
            }
          }
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
        return
      }
      let rows = b.count
      var rhs = Array(repeating: 0.0, count: rows + k)
      for i in 0..<rows { rhs[i] = -b[i] }
      let solution = qr?.solve(rhs, rank: k) ?? []
      for i in 0..<min(k, solution.count) { x[i] = solution[i] }
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
    while options.computesCovariance && !estimable.isEmpty && attempts < 2 {
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
/// Writes the lower-triangular Cholesky factor (row-major, k × k) of
/// A[columns, columns] + μ·diag(d[columns]²) into `l` (at least k² long);
/// false when the matrix is not positive definite.
private func choleskyFactor(
  _ a: Matrix, columns: [Int], scale d: [Double], damping mu: Double, into l: inout [Double]
) -> Bool {
  let k = columns.count
  for i in 0..<k {
    for j in 0...i {
      var s = a[columns[i], columns[j]]
      if i == j { s += mu * d[columns[i]] * d[columns[i]] }
      for p in 0..<j { s -= l[i * k + p] * l[j * k + p] }
      if i == j {
        guard s > 0, s.isFinite else { return false }
        l[i * k + i] = s.squareRoot()
      } else {
        l[i * k + j] = s / l[j * k + j]
      }
    }
  }
  return true
}

func sumOfSquares(_ x: [Double]) -> Double {
  let norm = euclideanNorm(x)
  return norm * norm
}
