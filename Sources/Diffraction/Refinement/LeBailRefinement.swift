import Crystal
import Foundation
import IonicsNumerics

/// Whole-pattern fitting of one phase by Le Bail's method (Le Bail, Duroy &
/// Fourquet, Mater. Res. Bull. 23 (1988) 447): the intensity of every
/// reflection is extracted from the observed pattern by sharing each
/// point's counts among the peaks in proportion to the calculated ones,
/// and between extractions the cell, zero shift, profile and Chebyshev
/// background are refined by Levenberg–Marquardt with weights 1/y_obs.
/// Peaks sit at 2θ = 2θ_Bragg + zero (GSAS's sign), one per radiation line
/// with the line's weight (Kα2 at half of Kα1).
public enum LeBailRefinement {
  /// One reflection: Miller indices and multiplicity.
  public struct Reflection: Sendable, Equatable {
    /// h, k, l.
    public var hkl: SIMD3<Int>
    /// Multiplicity.
    public var multiplicity: Int

    /// A reflection.
    public init(hkl: SIMD3<Int>, multiplicity: Int) {
      self.hkl = hkl
      self.multiplicity = multiplicity
    }
  }

  /// What is refined and how long.
  public struct Options: Sendable, Equatable {
    /// Chebyshev terms of the background.
    public var backgroundTerms = 6
    /// Whether the zero shift is refined.
    public var refineZero = true
    /// Whether U, V, W, X, Y are refined (after the first cycles).
    public var refineProfile = true
    /// The profile to start from.
    public var profile = PowderProfile()
    /// Extraction–refinement cycles at most.
    public var cycles = 40
    /// Peaks are evaluated within this many FWHM of their centre.
    public var window = 40.0

    /// Defaults.
    public init() {}
  }

  /// A refined value with its standard uncertainty.
  public struct Value: Sendable, Equatable, Codable {
    /// Name ("a", "zero", "W").
    public let name: String
    /// The value.
    public let value: Double
    /// Standard uncertainty (nil when fixed or not estimable).
    public let standardUncertainty: Double?
  }

  /// An extracted reflection.
  public struct Extracted: Sendable, Equatable {
    /// h, k, l.
    public let hkl: SIMD3<Int>
    /// Multiplicity.
    public let multiplicity: Int
    /// 2θ of the first radiation line, degrees (zero shift included).
    public let twoTheta: Double
    /// d, Å.
    public let d: Double
    /// Extracted integrated intensity (counts·degree, all lines).
    public let intensity: Double
  }

  /// The outcome.
  public struct Result: Sendable {
    /// The refined cell.
    public let lattice: LatticeParameters
    /// Every refined value with its s.u. (cell, zero, profile, background).
    public let values: [Value]
    /// The profile.
    public let profile: PowderProfile
    /// The zero shift, degrees.
    public let zero: Double
    /// The background.
    public let background: ChebyshevBackground
    /// 2θ of the fitted points, degrees.
    public let twoTheta: [Double]
    /// Observed counts.
    public let observed: [Double]
    /// Calculated counts (background included).
    public let calculated: [Double]
    /// The background at each point.
    public let backgroundCurve: [Double]
    /// The reflections with their extracted intensities.
    public let reflections: [Extracted]
    /// Weighted profile R factor, %.
    public let rwp: Double
    /// Profile R factor, %.
    public let rp: Double
    /// Expected weighted R factor, %.
    public let rexp: Double
    /// Goodness of fit √(χ²/(N − P)).
    public let goodnessOfFit: Double
    /// Cycles run.
    public let cycles: Int
    /// What was assumed, stated.
    public let notes: [String]
    /// Signs that the fit did not settle (a cell or zero on its limit, the
    /// Gaussian width at zero); empty when none.
    public let warnings: [String]
  }

  /// Errors of the input.
  public struct InputError: Error, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let description: String
  }

  /// Refines `lattice` against `pattern` with the reflections given (Miller
  /// indices and multiplicities; those outside the pattern's range are left out).
  public static func refine(
    pattern: MeasuredPattern, radiation: XRayRadiation, lattice start: LatticeParameters, reflections: [Reflection],
    options: Options = Options()
  ) throws -> Result {
    let x = pattern.twoTheta
    let yObs = pattern.intensity
    let n = x.count
    guard n >= 20, n == yObs.count, let first = x.first, let last = x.last, last > first else {
      throw InputError(description: "expected at least 20 points of 2θ and intensity")
    }
    guard x.allSatisfy(\.isFinite), yObs.allSatisfy(\.isFinite) else {
      throw InputError(description: "the pattern holds values that are not finite numbers")
    }
    guard !reflections.isEmpty, !radiation.components.isEmpty else {
      throw InputError(description: "expected at least one reflection and one radiation line")
    }
    guard options.backgroundTerms >= 1, options.backgroundTerms <= 36, options.cycles >= 1, options.cycles <= 1000 else {
      throw InputError(description: "expected 1–36 background terms and 1–1000 cycles")
    }
    let sigma = yObs.map { max($0, 1).squareRoot() }
    let lines = radiation.components
    let weightSum = lines.reduce(0) { $0 + $1.weight }
    var lattice = start
    var zero = 0.0
    var profile = options.profile
    // Start from the strongest peak's half-height width F, shared between
    // the Gaussian (σ² = W) and the Lorentzian (X): F_G ≈ 0.75 F, F_L ≈ 0.4 F.
    if let top = yObs.indices.max(by: { yObs[$0] < yObs[$1] }) {
      let base = yObs.sorted()[n / 4]
      let half = base + (yObs[top] - base) / 2
      var lo = top, hi = top
      while lo > 0, yObs[lo] > half { lo -= 1 }
      while hi < n - 1, yObs[hi] > half { hi += 1 }
      let fwhm = 100 * max(x[hi] - x[lo], 2 * (x[1] - x[0]))
      let cosine = cos(x[top] * .pi / 360)
      if options.profile == PowderProfile() {
        profile = PowderProfile(u: 0, v: 0, w: pow(0.75 * fwhm, 2) / (8 * log(2.0)), x: 0.4 * fwhm * cosine, y: 0)
      }
    }
    var background = ChebyshevBackground(
      coefficients: [yObs.sorted()[n / 4]] + Array(repeating: 0, count: options.backgroundTerms - 1), range: first...last)
    // Reflections whose first line falls inside the pattern (with a margin for the zero and cell).
    func position(_ r: Reflection, _ lambda: Double, _ cell: LatticeParameters, _ z: Double) -> Double? {
      let s = lambda * cell.inverseDSquared(r.hkl).squareRoot() / 2
      guard s.isFinite, s > 0, s < 1 else { return nil }
      return 2 * asin(s) * 180 / .pi + z
    }
    let used = reflections.filter { r in
      lines.contains { line in position(r, line.wavelength, start, 0).map { $0 > first - 1 && $0 < last + 1 } ?? false }
    }
    guard !used.isEmpty else {
      throw InputError(description: "no reflection of the cell falls within \(first)–\(last)° 2θ")
    }
    var intensity = Array(repeating: 1.0, count: used.count)
    let step = (last - first) / Double(n - 1)

    /// Each reflection's unit-area profile (all lines, weighted), as (first index, values).
    func peakShapes(_ cell: LatticeParameters, _ z: Double, _ p: PowderProfile) -> [(start: Int, values: [Double])] {
      used.map { r in
        var lo = Int.max, hi = Int.min
        var parts: [(centre: Double, fwhm: Double, eta: Double, weight: Double)] = []
        for line in lines {
          guard let c = position(r, line.wavelength, cell, z) else { continue }
          let (h, eta) = p.shape(at: c)
          parts.append((c, h, eta, line.weight / weightSum))
          lo = min(lo, Int(((c - options.window * h - first) / step).rounded(.down)))
          hi = max(hi, Int(((c + options.window * h - first) / step).rounded(.up)))
        }
        lo = max(lo, 0)
        hi = min(hi, n - 1)
        guard lo <= hi else { return (0, []) }
        var values = [Double](repeating: 0, count: hi - lo + 1)
        for i in lo...hi {
          var s = 0.0
          for part in parts { s += part.weight * PowderProfile.pseudoVoigt(x[i] - part.centre, fwhm: part.fwhm, eta: part.eta) }
          values[i - lo] = s
        }
        return (lo, values)
      }
    }
    func peaksSum(_ shapes: [(start: Int, values: [Double])], _ scale: [Double]) -> [Double] {
      var y = [Double](repeating: 0, count: n)
      for (k, s) in shapes.enumerated() {
        let w = scale[k]
        for (j, v) in s.values.enumerated() { y[s.start + j] += w * v }
      }
      return y
    }
    // Chebyshev basis at every point, made once: T_j(xᵢ) for each term j.
    let basis: [[Double]] = (0..<options.backgroundTerms).map { j in
      var unit = ChebyshevBackground(coefficients: Array(repeating: 0, count: options.backgroundTerms), range: first...last)
      unit.coefficients[j] = 1
      return x.map { unit.value(at: $0) }
    }
    func backgroundCurve(_ b: ChebyshevBackground) -> [Double] {
      var y = [Double](repeating: 0, count: n)
      for (j, coefficient) in b.coefficients.enumerated() where j < basis.count {
        basis[j].withUnsafeBufferPointer { t in for i in 0..<n { y[i] += coefficient * t[i] } }
      }
      return y
    }

    /// Le Bail's extraction: I_k ← Σᵢ I_k·φ_k(i)·(y_obs − b)/(y_calc − b) / Σᵢ φ_k(i),
    /// over the points of the pattern (φ_k of unit area).
    func extract(_ shapes: [(start: Int, values: [Double])], _ bg: [Double]) {
      for _ in 0..<3 {
        let peaks = peaksSum(shapes, intensity)
        var next = intensity
        for (k, s) in shapes.enumerated() {
          // Divided by the share of the profile inside the pattern, so that
          // a peak cut by the end of the range keeps its intensity.
          var sum = 0.0, inside = 0.0
          for (j, v) in s.values.enumerated() {
            let i = s.start + j
            inside += v
            guard peaks[i] > 1e-12 else { continue }
            sum += intensity[k] * v * (yObs[i] - bg[i]) / peaks[i]
          }
          next[k] = inside * step > 1e-3 ? max(sum / inside, 1e-9) : intensity[k]
        }
        intensity = next
      }
    }

    // The cell may move 5 % (lengths) or 5° (angles) from the CIF's.
    var limits: [String: ClosedRange<Double>] = [:]
    for (name, value) in zip(start.freeNames, start.free) {
      limits[name] = ["alpha", "beta", "gamma"].contains(name) ? (value - 5)...(value + 5) : (0.95 * value)...(1.05 * value)
    }
    // Parameters of the least-squares stage: cell, zero, U V W X Y, background.
    let cellCount = lattice.freeNames.count
    /// The stage decides what is free: 0 cell, zero and background; 1 with
    /// W; 2 with X; 3 with U, V and Y too (when the profile is refined).
    func pack(_ stage: Int) -> [FitParameter] {
      var p: [FitParameter] = []
      for (name, value) in zip(lattice.freeNames, lattice.free) {
        let isAngle = ["alpha", "beta", "gamma"].contains(name)
        p.append(FitParameter(name, value, lowerBound: limits[name]?.lowerBound ?? 30, upperBound: limits[name]?.upperBound ?? 150))
      }
      p.append(FitParameter("zero", zero, lowerBound: -2, upperBound: 2, isFixed: !options.refineZero))
      let shape = !(options.refineProfile && stage >= 3)
      p.append(FitParameter("U", profile.u, lowerBound: 0, upperBound: 1e5, isFixed: shape))
      p.append(FitParameter("V", profile.v, lowerBound: -1e5, upperBound: 1e5, isFixed: shape))
      p.append(FitParameter("W", profile.w, lowerBound: 1e-4, upperBound: 1e6, isFixed: stage < 1))
      p.append(FitParameter("X", profile.x, lowerBound: 0, upperBound: 1e4, isFixed: !options.refineProfile || stage < 2))
      p.append(FitParameter("Y", profile.y, lowerBound: -1e3, upperBound: 1e4, isFixed: shape))
      for (k, b) in background.coefficients.enumerated() { p.append(FitParameter("B\(k)", b)) }
      return p
    }
    func unpack(_ v: [Double]) -> (LatticeParameters, Double, PowderProfile, ChebyshevBackground) {
      var cell = lattice
      cell.free = Array(v[0..<cellCount])
      let z = v[cellCount]
      let p = PowderProfile(u: v[cellCount + 1], v: v[cellCount + 2], w: v[cellCount + 3], x: v[cellCount + 4], y: v[cellCount + 5])
      var b = background
      b.coefficients = Array(v[(cellCount + 6)...])
      return (cell, z, p, b)
    }

    var previous = Double.infinity
    var cycles = 0
    /// Least squares on everything but the intensities, held at their last extraction.
    func leastSquares(stage: Int, iterations: Int, covariance: Bool) throws -> LevenbergMarquardt.Result {
      var lmOptions = LevenbergMarquardt.Options()
      lmOptions.maxIterations = iterations
      lmOptions.stepSolver = .normalEquations
      lmOptions.computesCovariance = covariance
      let fixedIntensity = intensity
      // The peaks depend on the cell, zero and profile only: a step in a
      // background coefficient reuses them.
      var lastKey: [Double] = []
      var lastPeaks: [Double] = []
      return try LevenbergMarquardt.fit(
        parameters: pack(stage), residualCount: n, options: lmOptions,
        residuals: { v, r in
          let (cell, z, p, b) = unpack(v)
          let key = Array(v[0..<(cellCount + 6)])
          if key != lastKey {
            lastPeaks = peaksSum(peakShapes(cell, z, p), fixedIntensity)
            lastKey = key
          }
          let bg = backgroundCurve(b)
          lastPeaks.withUnsafeBufferPointer { y in
            for i in 0..<n { r[i] = (y[i] + bg[i] - yObs[i]) / sigma[i] }
          }
        })
    }
    for cycle in 1...options.cycles {
      cycles = cycle
      extract(peakShapes(lattice, zero, profile), backgroundCurve(background))
      let stage = min((cycle - 1) / 3, 3)
      let result = try leastSquares(stage: stage, iterations: stage == 0 ? 8 : 20, covariance: false)
      (lattice, zero, profile, background) = unpack(result.values)
      let chi2 = result.chiSquared
      // Converged once the last stage has run a few cycles without gain.
      if cycle > 12, abs(previous - chi2) <= 1e-5 * chi2 { break }
      previous = chi2
    }
    // The standard uncertainties, from one more pass after a last extraction.
    extract(peakShapes(lattice, zero, profile), backgroundCurve(background))
    let fitted = try leastSquares(stage: 3, iterations: 20, covariance: true)
    (lattice, zero, profile, background) = unpack(fitted.values)
    // Final extraction at the refined parameters and the statistics.
    let shapes = peakShapes(lattice, zero, profile)
    let bg = backgroundCurve(background)
    extract(shapes, bg)
    let peaks = peaksSum(shapes, intensity)
    let calculated = zip(peaks, bg).map(+)
    var weighted = 0.0, weightedObserved = 0.0, absolute = 0.0, observedSum = 0.0
    for i in 0..<n {
      let w = 1 / (sigma[i] * sigma[i])
      let d = yObs[i] - calculated[i]
      weighted += w * d * d
      weightedObserved += w * yObs[i] * yObs[i]
      absolute += abs(d)
      observedSum += abs(yObs[i])
    }
    let free = fitted.parameters.filter { !$0.isFixed }.count
    let dof = Double(max(n - free - used.count, 1))
    let values = fitted.parameters.filter { !$0.isFixed }.map {
      Value(name: $0.name, value: $0.value, standardUncertainty: $0.standardError)
    }
    var warnings: [String] = []
    for p in fitted.parameters where p.isAtBound && !p.isFixed {
      if limits[p.name] != nil {
        warnings.append("\(p.name) ran to its limit (±5 % or ±5° of the CIF's cell): the phase may not be the one measured, or its cell is too far off to start from")
      } else if p.name == "zero" {
        warnings.append("the zero shift ran to its limit of ±2°: the phase may not be the one measured")
      } else if p.name == "W" {
        warnings.append("the Gaussian width W went to zero: the profile settled as a pure Lorentzian, which may be a false minimum")
      }
    }
    let extracted = used.enumerated().compactMap { k, r -> Extracted? in
      guard let line = lines.first, let t = position(r, line.wavelength, lattice, zero) else { return nil }
      return Extracted(
        hkl: r.hkl, multiplicity: r.multiplicity, twoTheta: t, d: 1 / lattice.inverseDSquared(r.hkl).squareRoot(),
        intensity: intensity[k])
    }
    return Result(
      lattice: lattice, values: values, profile: profile, zero: zero, background: background, twoTheta: x,
      observed: yObs, calculated: calculated, backgroundCurve: bg, reflections: extracted,
      rwp: 100 * (weighted / weightedObserved).squareRoot(), rp: 100 * absolute / observedSum,
      rexp: 100 * (dof / weightedObserved).squareRoot(), goodnessOfFit: (weighted / dof).squareRoot(), cycles: cycles,
      notes: [
        "Le Bail extraction (3 passes per cycle) alternating with Levenberg–Marquardt on the cell, zero, profile and background; weights 1/max(y, 1)",
        "TCH pseudo-Voigt without axial-divergence asymmetry; \(lines.count) radiation line(s) with weights \(lines.map { String($0.weight) }.joined(separator: ", "))",
        "s.u. from the least-squares covariance scaled by χ²/(N − P)",
      ], warnings: warnings)
  }

  /// The reflections of a structure in the 2θ range of `pattern` (with a
  /// 2° margin), from the structure's symmetry: Miller indices and
  /// multiplicities of the families with a non-zero structure factor.
  public static func reflections(
    of structure: CrystalStructure, radiation: XRayRadiation, range: ClosedRange<Double>
  ) throws -> [Reflection] {
    var simulation = PowderSimulation(radiation: radiation)
    simulation.twoThetaRange = max(range.lowerBound - 2, 0.5)...min(range.upperBound + 2, 179)
    let pattern = try simulation.pattern(of: structure)
    var seen = Set<SIMD3<Int>>()
    var out: [Reflection] = []
    for peak in pattern.peaks {
      for family in peak.families where !seen.contains(family.hkl) {
        seen.insert(family.hkl)
        out.append(Reflection(hkl: family.hkl, multiplicity: family.multiplicity))
      }
    }
    return out
  }
}
