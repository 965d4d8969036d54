import ComplexModule
import Dispatch
import Foundation
import IonicsCore
import IonicsNumerics
import RealModule

/// Why a fit could not be set up.
public enum CircuitFitError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A name given for a starting value, a fixed value or a bound is not a parameter of the circuit.
  case unknownParameter(String, known: [String])
  /// A positive parameter was given a value or bound ≤ 0.
  case notPositive(String, Double)
  /// Too few points for the free parameters.
  case tooFewPoints(points: Int, freeParameters: Int)

  /// A sentence a user can act on.
  public var description: String {
    switch self {
    case .unknownParameter(let name, let known):
      return
        "no parameter '\(name)' in the circuit (its parameters: \(known.joined(separator: ", ")))"
    case .notPositive(let name, let value):
      return "\(name) must be positive, got \(value)"
    case .tooFewPoints(let points, let free):
      return "\(points) points (\(2 * points) values) cannot determine \(free) free parameters"
    }
  }
}

/// Complex nonlinear least-squares fitting of a ``Circuit`` to an
/// ``ImpedanceSpectrum``: automatic starting values, a seeded multi-start,
/// log-scaled positive parameters, analytic Jacobians, and a report with
/// standard errors, correlations and warnings.
public enum CircuitFitter {
  /// Fits `circuit` to `spectrum`.
  public static func fit(
    _ circuit: Circuit, to spectrum: ImpedanceSpectrum,
    options: CircuitFitOptions = CircuitFitOptions()
  ) throws
    -> CircuitFitResult
  {
    let problem = try FitProblem(circuit: circuit, spectrum: spectrum, options: options)
    return try problem.solve()
  }
}

/// The buffers of one Levenberg–Marquardt run: parameter values, Z and
/// ∂Z/∂p at every frequency, residual weights and scratch residuals. Raw
/// buffers, allocated once per run and freed with it; each run has its own,
/// so runs may go on in parallel.
final class FitWorkspace {
  let p: UnsafeMutableBufferPointer<Double>
  let z: UnsafeMutableBufferPointer<Complex<Double>>
  let gradient: UnsafeMutableBufferPointer<Complex<Double>>
  let weightReal: UnsafeMutableBufferPointer<Double>
  let weightImaginary: UnsafeMutableBufferPointer<Double>
  let modulus: UnsafeMutableBufferPointer<Double>
  /// The circuit's own scratch rows.
  let circuitScratch: UnsafeMutableBufferPointer<Complex<Double>>
  var scratch: [Double]

  init(points n: Int, parameters: Int, circuitScratchRows: Int) {
    func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
      let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(count, 1))
      b.initialize(repeating: value)
      return b
    }
    p = buffer(parameters, 0)
    z = buffer(n, .zero)
    gradient = buffer(parameters * n, .zero)
    weightReal = buffer(n, 1)
    weightImaginary = buffer(n, 1)
    modulus = buffer(n, 1)
    circuitScratch = buffer(circuitScratchRows * n, .zero)
    scratch = Array(repeating: 0, count: 2 * n)
  }

  deinit {
    p.deallocate()
    z.deallocate()
    gradient.deallocate()
    weightReal.deallocate()
    weightImaginary.deallocate()
    modulus.deallocate()
    circuitScratch.deallocate()
  }
}

/// A fit in the optimiser's coordinates: u = ln p for positive parameters, u = p otherwise.
struct FitProblem: Sendable {
  let circuit: Circuit
  let spectrum: ImpedanceSpectrum
  let options: CircuitFitOptions
  let names: [String]
  let logScaled: [Bool]
  let fixed: [Bool]
  let lower: [Double]
  let upper: [Double]
  let guess: [Double]
  let grid: FrequencyGrid
  let rootWeights: [(Double, Double)]

  init(circuit: Circuit, spectrum: ImpedanceSpectrum, options: CircuitFitOptions) throws {
    self.circuit = circuit
    self.spectrum = spectrum
    self.options = options
    names = circuit.parameterNames
    let kinds = circuit.parameterKinds
    for name in Array(options.initialValues.keys) + Array(options.fixedValues.keys)
      + Array(options.bounds.keys)
    where !names.contains(name) {
      throw CircuitFitError.unknownParameter(name, known: names)
    }
    logScaled = kinds.map { $0 == .positive && options.logScalePositiveParameters }
    fixed = names.map { options.fixedValues[$0] != nil }
    let free = fixed.filter { !$0 }.count
    guard 2 * spectrum.count > free else {
      throw CircuitFitError.tooFewPoints(points: spectrum.count, freeParameters: free)
    }

    var start = InitialGuess(spectrum: spectrum).values(for: circuit)
    var lower = Array(repeating: -Double.infinity, count: names.count)
    var upper = Array(repeating: Double.infinity, count: names.count)
    for (k, name) in names.enumerated() {
      if let v = options.initialValues[name] { start[k] = v }
      if let v = options.fixedValues[name] { start[k] = v }
      switch kinds[k] {
      case .positive:
        lower[k] = 0
        guard start[k] > 0 else { throw CircuitFitError.notPositive(name, start[k]) }
      case .exponent:
        lower[k] = options.exponentBounds.lowerBound
        upper[k] = options.exponentBounds.upperBound
        start[k] = min(max(start[k], lower[k]), upper[k])
      case .free: break
      }
      if let b = options.bounds[name] {
        lower[k] = max(lower[k], b.lowerBound)
        upper[k] = min(upper[k], b.upperBound)
      }
      if logScaled[k] {
        if options.bounds[name] != nil && upper[k] <= 0 {
          throw CircuitFitError.notPositive(name, upper[k])
        }
        lower[k] = lower[k] > 0 ? log(lower[k]) : -.infinity
        upper[k] = upper[k].isFinite ? log(upper[k]) : .infinity
      }
    }
    self.lower = lower
    self.upper = upper
    self.guess = start
    grid = FrequencyGrid(frequencies: spectrum.frequencies)
    rootWeights = spectrum.impedance.map { options.weighting.rootWeights($0) }
  }

  func toOptimiser(_ p: [Double]) -> [Double] {
    p.indices.map { logScaled[$0] ? log(p[$0]) : p[$0] }
  }
  func fromOptimiser(_ u: [Double]) -> [Double] {
    u.indices.map { logScaled[$0] ? exp(u[$0]) : u[$0] }
  }

  /// Residuals and, when `jacobian` is given, their derivatives with respect
  /// to u, using `work`'s buffers (one workspace per LM run, so that the
  /// loop allocates nothing).
  func evaluate(
    _ u: [Double], residuals r: inout [Double], jacobian: UnsafeMutablePointer<Matrix>?,
    work: FitWorkspace
  ) {
    let n = grid.count
    let count = u.count
    let (p, z, g) = (work.p, work.z, work.gradient)
    let (wRe, wIm, modulus) = (work.weightReal, work.weightImaginary, work.modulus)
    for k in 0..<count { p[k] = logScaled[k] ? exp(u[k]) : u[k] }
    circuit.evaluate(
      grid: grid, parameters: UnsafeBufferPointer(p), z: z, gradient: jacobian == nil ? nil : g,
      scratch: work.circuitScratch)
    let boukamp = options.weighting == .boukamp
    // Residuals, and the weights and |Z_model| that the Jacobian reuses.
    r.withUnsafeMutableBufferPointer { rb in
      spectrum.impedance.withUnsafeBufferPointer { data in
        rootWeights.withUnsafeBufferPointer { w in
          for i in 0..<n {
            var (wr, wi) = w[i]
            let delta = z[i] - data[i]
            if boukamp {
              modulus[i] = max(z[i].length, .leastNormalMagnitude)
              wr = 1 / modulus[i]
              wi = wr
            }
            wRe[i] = wr
            wIm[i] = wi
            rb[i] = wr * delta.real
            rb[n + i] = wi * delta.imaginary
          }
        }
      }
    }
    guard let jacobian else { return }
    jacobian.pointee.elements.withUnsafeMutableBufferPointer { j in
      spectrum.impedance.withUnsafeBufferPointer { data in
        for k in 0..<count {
          // Log-scaled parameters: ∂Z/∂u = p·∂Z/∂p.
          let scale = logScaled[k] ? p[k] : 1
          let column = k * 2 * n
          let row = k * n
          if boukamp {
            for i in 0..<n {
              let dp = g[row + i]
              let dz = Complex(dp.real * scale, dp.imaginary * scale)
              // d(Δ/|Zm|) = dZ/|Zm| − Δ·d|Zm|/|Zm|², d|Zm| = Re(conj(Zm)·dZ)/|Zm|.
              let delta = z[i] - data[i]
              let dModulus = (z[i].conjugate * dz).real / modulus[i]
              let weighted = dz - delta * Complex(dModulus / modulus[i], 0)
              j[column + i] = wRe[i] * weighted.real
              j[column + n + i] = wIm[i] * weighted.imaginary
            }
          } else {
            for i in 0..<n {
              let dp = g[row + i]
              j[column + i] = wRe[i] * (dp.real * scale)
              j[column + n + i] = wIm[i] * (dp.imaginary * scale)
            }
          }
        }
      }
    }
  }

  /// One Levenberg–Marquardt run from `start`; `covariance` says whether
  /// its standard errors are wanted (only the reported run's are), and a
  /// `target` χ² stops it as soon as it gets there.
  func runLM(
    from start: [Double], maxIterations: Int, covariance: Bool = true, target: Double? = nil
  ) throws -> LevenbergMarquardt.Result {
    let parameters = names.indices.map { k in
      FitParameter(
        names[k], min(max(start[k], lower[k]), upper[k]), lowerBound: lower[k],
        upperBound: upper[k], isFixed: fixed[k])
    }
    var lmOptions = LevenbergMarquardt.Options()
    lmOptions.maxIterations = maxIterations
    // χ² to ten digits and the parameters far inside their standard errors;
    // tighter stops only add iterations that change the twelfth digit.
    lmOptions.relativeCostTolerance = 1e-10
    lmOptions.relativeStepTolerance = 1e-8
    lmOptions.gradientTolerance = 1e-8
    lmOptions.stepSolver = .normalEquations
    lmOptions.computesCovariance = covariance
    lmOptions.targetChiSquared = target
    // Geodesic acceleration pays on the way down, not in the final approach.
    lmOptions.accelerationGradientThreshold = 0.05
    let work = FitWorkspace(
      points: grid.count, parameters: names.count, circuitScratchRows: circuit.scratchRows)
    return try LevenbergMarquardt.fit(
      parameters: parameters, residualCount: 2 * grid.count, options: lmOptions,
      residuals: { u, r in self.evaluate(u, residuals: &r, jacobian: nil, work: work) },
      jacobian: { u, j in
        withUnsafeMutablePointer(to: &j) {
          self.evaluate(u, residuals: &work.scratch, jacobian: $0, work: work)
        }
      })
  }

  func solve() throws -> CircuitFitResult {
    // All starts are drawn first, so the result does not depend on how many
    // run at once: the automatic guess, then log-uniform perturbations.
    let u0 = toOptimiser(guess)
    var generator = SplitMix64(seed: options.seed)
    let spread = options.multiStartSpreadDecades * log(10.0)
    var starts = [u0]
    for extra in options.extraStarts where extra.count == guess.count {
      var v = extra
      var usable = true
      for k in v.indices {
        if fixed[k] { v[k] = guess[k] }
        if logScaled[k] && !(v[k] > 0 && v[k].isFinite) { usable = false }
        if !v[k].isFinite { usable = false }
      }
      guard usable else { continue }
      var u = toOptimiser(v)
      for k in u.indices { u[k] = min(max(u[k], lower[k]), upper[k]) }
      starts.append(u)
    }
    for _ in 0..<max(options.multiStartCount, 0) {
      var u = u0
      for k in u.indices where !fixed[k] {
        if logScaled[k] {
          u[k] += spread * (2 * generator.nextUnit() - 1)
        } else if lower[k].isFinite && upper[k].isFinite {
          let lo = max(lower[k], upper[k] - 0.5 * (upper[k] - lower[k]))
          u[k] = lo + (upper[k] - lo) * generator.nextUnit()
        } else {
          u[k] *= 1 + 0.5 * (2 * generator.nextUnit() - 1)
        }
      }
      starts.append(u)
    }

    var best: LevenbergMarquardt.Result?
    var bestStart = 0
    var agreeing = 0
    var tried = 0
    var totalIterations = 0
    var totalEvaluations = 0
    let width =
      options.parallelStarts ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4)) : 1
    var next = 0
    while next < starts.count
      && (agreeing < options.agreeingStartsToStop || tried < options.minimumStarts)
    {
      let chunk = Array(next..<min(next + width, starts.count))
      next += chunk.count
      let slots = ConcurrentSlots<LevenbergMarquardt.Result>(count: chunk.count)
      // The automatic guess is the usual winner: its run alone works out
      // the covariance, which the others get only if they win. Once a best
      // χ² is known, a later run stops when it has come within the
      // agreement tolerance of it: it has confirmed that minimum (or, below
      // it, found a better one, which is then polished).
      let target = best.map { $0.chiSquared * (1 + 1e-7) }
      if chunk.count == 1 {
        slots.set(
          0,
          try? runLM(
            from: starts[chunk[0]], maxIterations: 400, covariance: chunk[0] == 0, target: target))
      } else {
        let problem = self
        let chosen = chunk.map { starts[$0] }
        let first = chunk[0]
        DispatchQueue.concurrentPerform(iterations: chosen.count) { i in
          slots.set(
            i,
            try? problem.runLM(
              from: chosen[i], maxIterations: 400, covariance: first + i == 0, target: target))
        }
      }
      for (offset, index) in chunk.enumerated() {
        tried += 1
        guard let result = slots.value(offset), result.chiSquared.isFinite else { continue }
        totalIterations += result.iterations
        totalEvaluations += result.evaluations
        if let current = best {
          let relative =
            abs(result.chiSquared - current.chiSquared)
            / max(current.chiSquared, .leastNormalMagnitude)
          if relative < 1e-6 {
            agreeing += 1
          } else if result.chiSquared < current.chiSquared {
            best = result
            bestStart = index
            agreeing = 1
          }
        } else {
          best = result
          bestStart = index
          agreeing = 1
        }
      }
    }
    guard let chosen = best else { throw NumericsError.modelNotFiniteAtStart }
    // The starts use the final tolerances: a converged best needs no polish.
    var final = chosen
    var stop = chosen.convergence
    if !chosen.converged {
      final = try runLM(from: chosen.values, maxIterations: 5000)
      stop = final.convergence
      totalIterations += final.iterations
      totalEvaluations += final.evaluations
    } else if bestStart != 0 {
      // Standard errors at the winner without moving it.
      final = try runLM(from: chosen.values, maxIterations: 0)
      totalEvaluations += final.evaluations
    }
    return report(
      final, stop: stop, startsTried: tried, bestStart: bestStart, iterations: totalIterations,
      evaluations: totalEvaluations)
  }

  /// The result for the user from the reported run `fit`, which stopped
  /// for the reason `stop`.
  func report(
    _ fit: LevenbergMarquardt.Result, stop: LevenbergMarquardt.Convergence, startsTried: Int,
    bestStart: Int, iterations: Int,
    evaluations: Int
  ) -> CircuitFitResult {
    var values = fromOptimiser(fit.values)
    var errors: [Double?] = fit.parameters.indices.map { k in
      fit.parameters[k].standardError.map { logScaled[k] ? values[k] * $0 : $0 }
    }
    var atBound = fit.parameters.map(\.isAtBound)
    // Covariance in value space: log-scaled parameters carry d(value) = value·d(log value).
    var covariance: Matrix?
    if let c = fit.covariance, c.rows == values.count {
      var scaled = c
      for a in 0..<c.rows {
        for b in 0..<c.columns {
          scaled[a, b] *= (logScaled[a] ? values[a] : 1) * (logScaled[b] ? values[b] : 1)
        }
      }
      covariance = scaled
    }
    if options.ordersIdenticalArcsByTimeConstant {
      let permutation = ArcOrdering.permutation(for: circuit, values: values)
      if permutation != Array(values.indices) {
        values = permutation.map { values[$0] }
        errors = permutation.map { errors[$0] }
        atBound = permutation.map { atBound[$0] }
        if let c = covariance {
          var p = Matrix(rows: c.rows, columns: c.columns)
          for a in 0..<c.rows {
            for b in 0..<c.columns { p[a, b] = c[permutation[a], permutation[b]] }
          }
          covariance = p
        }
      }
    }
    let units = circuit.parameterUnits
    var warnings: [Diagnostic] = []
    let parameters = names.indices.map { k -> CircuitFitResult.Parameter in
      let relative = errors[k].map { 100 * $0 / abs(values[k]) }
      let undetermined = !fixed[k] && !atBound[k] && (relative == nil || (relative ?? 0) > 100)
      if undetermined {
        warnings.append(
          .warning(
            "parameterUndetermined",
            "\(names[k]) is not determined by the data (standard error \(relative.map { IonicsCore.fixed($0, 0) + " %" } ?? "unavailable"))"
          ))
      }
      if atBound[k] {
        warnings.append(.warning("parameterAtBound", "\(names[k]) ended on a bound (\(values[k]))"))
      }
      return CircuitFitResult.Parameter(
        name: names[k], unit: units[k], value: values[k], standardError: fixed[k] ? nil : errors[k],
        relativeErrorPercent: fixed[k] ? nil : relative, isFixed: fixed[k], isAtBound: atBound[k],
        isUndetermined: undetermined)
    }
    warnings += ArcOrdering.apexWarnings(
      for: circuit, values: values, frequencies: spectrum.frequencies)
    if !stop.isConverged {
      warnings.append(
        .warning("fitNotConverged", "the fit stopped at the iteration limit before converging"))
    }

    var correlation: [[Double]]?
    if let c = covariance {
      correlation = (0..<c.rows).map { a in
        (0..<c.columns).map { b in
          let d = (c[a, a] * c[b, b]).squareRoot()
          return d > 0 ? c[a, b] / d : 0
        }
      }
    }
    let fitted =
      (try? circuit.impedance(frequencies: spectrum.frequencies, parameters: values)) ?? []
    let moduli = spectrum.impedance.map { $0.length }
    return CircuitFitResult(
      circuit: circuit.text, weighting: options.weighting,
      chiSquaredDefinition: options.weighting.chiSquaredDefinition,
      parameters: parameters, correlation: correlation, chiSquared: fit.chiSquared,
      reducedChiSquared: fit.reducedChiSquared, degreesOfFreedom: fit.degreesOfFreedom,
      pointCount: spectrum.count,
      initialGuess: guess, startsTried: startsTried, bestStart: bestStart, iterations: iterations,
      evaluations: evaluations, convergence: stop.rawValue,
      converged: stop.isConverged, diagnostics: warnings,
      capacitances: EffectiveCapacitance.arcs(
        circuit: circuit, values: values, covariance: covariance, geometry: options.geometry),
      frequencies: spectrum.frequencies,
      fittedReal: fitted.map { $0.real }, fittedImaginary: fitted.map { $0.imaginary },
      residualsRealPercent: zip(fitted, zip(spectrum.impedance, moduli)).map {
        100 * ($1.0.real - $0.real) / $1.1
      },
      residualsImaginaryPercent: zip(fitted, zip(spectrum.impedance, moduli)).map {
        100 * ($1.0.imaginary - $0.imaginary) / $1.1
      })
  }
}
