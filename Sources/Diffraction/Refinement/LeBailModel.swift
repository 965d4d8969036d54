import Crystal
import Foundation
import IonicsCore
import IonicsNumerics

/// The state a Le Bail fit moves: cells, broadening, instrument, background.
struct LeBailState: Sendable {
  var lattices: [LatticeParameters]
  var broadenings: [SampleBroadening]
  /// Rietveld scale of each phase.
  var scales: [Double]
  /// Overall isotropic displacement B of each phase, Å².
  var overallB: [Double]
  var instrument: PowderInstrument
  var background: ChebyshevBackground
  /// Each phase's March–Dollase r (1: random orientation).
  var orientation: [Double]
  /// Each phase's atoms, when a Rietveld fit refines them.
  var structures: [RefinableStructure?]
}

/// One refinable number of the state: its name, start, bounds, the stage
/// from which it is free, and where it goes.
struct LeBailParameter: Sendable {
  let name: String
  let bounds: ClosedRange<Double>
  var stage: Int
  /// What a parameter belongs to.
  enum Owner: Equatable {
    /// Phase p: its cell, scale, B, size or microstrain.
    case phase(Int)
    /// The instrument: zero, displacement, profile, asymmetry, Kα2 ratio.
    case instrument
    /// Chebyshev term k of the background.
    case background(Int)
  }
  let owner: Owner
  /// Its group, by which a refinement sequence names it.
  let group: LeBailRefinement.ParameterGroup
  /// Whether it changes only the Rietveld intensities (a scale, B, an
  /// atom), not where the peaks are or their shape.
  var changesOnlyIntensities = false
  /// The size of a change that matters (the forward-difference step is
  /// √ε times the larger of this and the value): a zero shift or a
  /// displacement near 0 still moves the peaks by a resolvable amount.
  var typicalSize = 0.0
  /// Whether it changes the peaks (else only the background).
  var movesPeaks: Bool { if case .background = owner { return false } else { return true } }
  /// Whether it changes the peaks' positions or shapes.
  var reshapesPeaks: Bool { movesPeaks && !changesOnlyIntensities }
  /// Whether it changes only the peaks' centres, widths and Lorentzian
  /// fractions (a cell, the zero, a displacement, the profile, size and
  /// strain), so that its column follows from the profile's derivatives.
  var movesOnlyPeakGeometry: Bool { [.cell, .zero, .displacement, .profile, .broadening].contains(group) }
  let get: @Sendable (LeBailState) -> Double
  let set: @Sendable (inout LeBailState, Double) -> Void

  init(
    name: String, bounds: ClosedRange<Double>, stage: Int, owner: Owner, group: LeBailRefinement.ParameterGroup,
    changesOnlyIntensities: Bool = false,
    typicalSize: Double = 0, get: @escaping @Sendable (LeBailState) -> Double, set: @escaping @Sendable (inout LeBailState, Double) -> Void
  ) {
    self.name = name
    self.bounds = bounds
    self.stage = stage
    self.owner = owner
    self.group = group
    self.changesOnlyIntensities = changesOnlyIntensities
    self.typicalSize = typicalSize
    self.get = get
    self.set = set
  }
}

/// The machinery of ``LeBailRefinement``: the points, the reflections in
/// range, the peak shapes of a state, the extraction and the staged fit.
struct LeBailModel: Sendable {
  typealias Shape = (start: Int, values: [Double])

  let x: [Double]
  let yObs: [Double]
  let sigma: [Double]
  let options: LeBailRefinement.Options
  let names: [String]
  /// Every reflection in range: its phase and Miller indices.
  let used: [(phase: Int, reflection: LeBailRefinement.Reflection)]
  /// The Chebyshev basis at every point.
  let basis: [[Double]]
  var state: LeBailState
  let parameters: [LeBailParameter]
  /// Cell limits, by parameter name.
  let cellLimits: [String: ClosedRange<Double>]
  var intensity: [Double]
  let step: Double
  /// Each phase's cell mass, g/mol (for weight fractions).
  let cellMasses: [Double?]
  /// Each phase's structure (for the refined atoms).
  let structures: [CrystalStructure?]
  /// The indices in `used` of each phase's reflections.
  let reflectionsOf: [[Int]]
  /// For each reflection of a phase with preferred orientation, cos² of
  /// the angle between each member of its family and the orientation
  /// axis; nil elsewhere.
  let orientationCosines: [[Double]?]

  init(
    pattern: MeasuredPattern, instrument: PowderInstrument, phases: [LeBailRefinement.Phase],
    options: LeBailRefinement.Options
  ) throws {
    typealias InputError = LeBailRefinement.InputError
    guard pattern.twoTheta.count == pattern.intensity.count else {
      throw InputError(description: "expected as many intensities as 2θ values")
    }
    guard pattern.twoTheta.allSatisfy(\.isFinite), pattern.intensity.allSatisfy(\.isFinite) else {
      throw InputError(description: "the pattern holds values that are not finite numbers")
    }
    var keep = Array(pattern.twoTheta.indices)
    if let range = options.range {
      keep = keep.filter { range.contains(pattern.twoTheta[$0]) }
    }
    let x = keep.map { pattern.twoTheta[$0] }
    let yObs = keep.map { pattern.intensity[$0] }
    self.x = x
    self.yObs = yObs
    if let e = pattern.uncertainty, e.count == pattern.twoTheta.count {
      sigma = keep.map { max(e[$0], 1e-9) }
    } else {
      sigma = yObs.map { max($0, 1).squareRoot() }
    }
    let n = x.count
    guard n >= 20, let first = x.first, let last = x.last, last > first else {
      throw InputError(description: "expected at least 20 points of 2θ and intensity in the range fitted")
    }
    guard !phases.isEmpty, phases.allSatisfy({ !$0.reflections.isEmpty }), !instrument.radiation.components.isEmpty
    else {
      throw InputError(description: "expected at least one phase with reflections and one radiation line")
    }
    if options.method == .rietveld {
      guard phases.allSatisfy({ $0.reflections.allSatisfy { ($0.structureFactorSquared ?? -1) >= 0 } }) else {
        throw InputError(description: "a Rietveld fit needs the structure factors of every reflection (a structure for each phase)")
      }
    }
    guard options.backgroundTerms >= 1, options.backgroundTerms <= 36, options.cycles >= 1, options.cycles <= 1000
    else {
      throw InputError(description: "expected 1–36 background terms and 1–1000 cycles")
    }
    self.options = options
    let step = (last - first) / Double(n - 1)
    self.step = step
    names = phases.map(\.name)
    let lines = instrument.radiation.components
    var used: [(phase: Int, reflection: LeBailRefinement.Reflection)] = []
    for (p, phase) in phases.enumerated() {
      let g = phase.lattice.cell.reciprocalMetricTensor
      for r in phase.reflections {
        let q = Self.inverseDSquared(r.hkl, g)
        let inside = lines.contains { line in
          let s = line.wavelength * q.squareRoot() / 2
          guard s.isFinite, s > 0, s < 1 else { return false }
          let t = 2 * asin(s) * 180 / .pi
          return t > first - 1 && t < last + 1
        }
        if inside { used.append((p, r)) }
      }
    }
    guard !used.isEmpty else {
      throw InputError(description: "no reflection of the cell falls within \(first)–\(last)° 2θ")
    }
    self.used = used
    cellMasses = phases.map(\.cellMass)
    structures = phases.map(\.structure)
    reflectionsOf = phases.indices.map { p in used.indices.filter { used[$0].phase == p } }
    orientationCosines = used.map { u in
      let phase = phases[u.phase]
      guard options.method == .rietveld, let axis = options.preferredOrientation[phase.name] else { return nil }
      return Self.orientationCosines(
        u.reflection.hkl, axis: axis, rotations: phase.structure?.operations.map(\.rotation) ?? [],
        reciprocal: phase.lattice.cell.reciprocalMetricTensor)
    }
    intensity = Array(repeating: 1.0, count: used.count)
    basis = (0..<options.backgroundTerms).map { j in
      var unit = ChebyshevBackground(coefficients: Array(repeating: 0, count: options.backgroundTerms), range: first...last)
      unit.coefficients[j] = 1
      return x.map { unit.value(at: $0) }
    }

    // The start: the instrument's profile, or one from the strongest peak's
    // half-height width F, shared between the Gaussian (σ² = W) and the
    // Lorentzian (X): F_G ≈ 0.75 F, F_L ≈ 0.4 F.
    var start = instrument
    let sorted = yObs.sorted()
    if !options.profileFromInstrument, let top = yObs.indices.max(by: { yObs[$0] < yObs[$1] }) {
      let base = sorted[n / 4]
      let half = base + (yObs[top] - base) / 2
      var lo = top, hi = top
      while lo > 0, yObs[lo] > half { lo -= 1 }
      while hi < n - 1, yObs[hi] > half { hi += 1 }
      let fwhm = 100 * max(x[hi] - x[lo], 2 * (x[1] - x[0]))
      let cosine = cos(x[top] * .pi / 360)
      start.profile = PowderProfile(u: 0, v: 0, w: pow(0.75 * fwhm, 2) / (8 * log(2.0)), x: 0.4 * fwhm * cosine, y: 0)
    }
    var broadenings = phases.map(\.broadening)
    for p in broadenings.indices {
      if options.refineMicrostrain, broadenings[p].microstrain == nil { broadenings[p].microstrain = 500 }
      if options.refineSize, broadenings[p].size == nil { broadenings[p].size = 1 }
    }
    state = LeBailState(
      lattices: phases.map(\.lattice), broadenings: broadenings, scales: phases.map { _ in 1 },
      overallB: phases.map { _ in 0 }, instrument: start,
      background: ChebyshevBackground(
        coefficients: [sorted[n / 4]] + Array(repeating: 0, count: options.backgroundTerms - 1), range: first...last),
      orientation: phases.map { _ in 1 },
      structures: phases.map { phase in
        guard options.method == .rietveld, options.refineAtoms || options.refineOccupancies,
          !options.atomsHeld.contains(phase.name), let structure = phase.structure
        else { return nil }
        return RefinableStructure(structure, line: lines.first?.line)
      })

    // The parameters, in the order of the default sequence's stages:
    // 0 cells, zero, displacement and background; 1 W; 2 X; 3 the rest.
    var list: [LeBailParameter] = []
    var limits: [String: ClosedRange<Double>] = [:]
    let prefix: (Int) -> String = { phases.count > 1 ? "\(phases[$0].name):" : "" }
    for (p, phase) in phases.enumerated() {
      for (k, (name, value)) in zip(phase.lattice.freeNames, phase.lattice.free).enumerated() {
        let angle = ["alpha", "beta", "gamma"].contains(name)
        let bounds = angle ? (value - 5)...(value + 5) : (0.95 * value)...(1.05 * value)
        limits[prefix(p) + name] = bounds
        list.append(
          LeBailParameter(
            name: prefix(p) + name, bounds: bounds, stage: 0, owner: .phase(p), group: .cell, get: { $0.lattices[p].free[k] },
            set: { s, v in s.lattices[p].free[k] = v }))
      }
    }
    cellLimits = limits
    if options.refineZero {
      list.append(
        LeBailParameter(
          name: "zero", bounds: -2...2, stage: 0, owner: .instrument, group: .zero, typicalSize: 1, get: { $0.instrument.zero },
          set: { $0.instrument.zero = $1 }))
    }
    if options.refineDisplacement {
      list.append(
        LeBailParameter(
          name: "displacement", bounds: -5000...5000, stage: 0, owner: .instrument, group: .displacement, typicalSize: 100, get: { $0.instrument.displacement },
          set: { $0.instrument.displacement = $1 }))
    }
    if options.refineDisplacementAlongBeam, instrument.geometry == .debyeScherrer {
      list.append(
        LeBailParameter(
          name: "displacement along beam", bounds: -5000...5000, stage: 0, owner: .instrument, group: .displacement, typicalSize: 100,
          get: { $0.instrument.displacementAlongBeam }, set: { $0.instrument.displacementAlongBeam = $1 }))
    }
    if options.refineTransparency, instrument.geometry == .braggBrentano {
      list.append(
        LeBailParameter(
          name: "transparency", bounds: 0...10000, stage: 3, owner: .instrument, group: .displacement, typicalSize: 100,
          get: { $0.instrument.transparency }, set: { $0.instrument.transparency = $1 }))
    }
    let terms = options.refineProfile ? Set(["U", "V", "W", "X", "Y"]) : Set<String>()
    let profileTerms: [(String, ClosedRange<Double>, Int, WritableKeyPath<PowderProfile, Double> & Sendable)] = [
      ("U", 0...1e5, 3, \.u), ("V", -1e5...1e5, 3, \.v), ("W", 1e-4...1e6, 1, \.w), ("X", 0...1e4, 2, \.x),
      ("Y", -1e3...1e4, 3, \.y),
    ]
    for (name, bounds, stage, path) in profileTerms where terms.contains(name) && options.profileTermIsFree(name) {
      list.append(
        LeBailParameter(
          name: name, bounds: bounds, stage: stage, owner: .instrument, group: .profile, typicalSize: 1,
          get: { $0.instrument.profile[keyPath: path] },
          set: { $0.instrument.profile[keyPath: path] = $1 }))
    }
    if options.refineAsymmetry {
      list.append(
        LeBailParameter(
          name: "SH/L", bounds: 1e-5...0.2, stage: 3, owner: .instrument, group: .asymmetry, typicalSize: 1e-3,
          get: { max($0.instrument.asymmetry.shOverL, 1e-3) },
          set: { $0.instrument.asymmetry = AxialDivergence(shOverL: $1, quadrature: $0.instrument.asymmetry.quadrature) }))
    }
    if options.refineKAlpha2Ratio, lines.count == 2 {
      list.append(
        LeBailParameter(
          name: "Ka2/Ka1", bounds: 0...1, stage: 3, owner: .instrument, group: .kAlpha2Ratio, typicalSize: 0.1,
          get: { $0.instrument.radiation.components[1].weight },
          set: { $0.instrument.radiation.components[1].weight = $1 }))
    }
    let rietveld = options.method == .rietveld
    for p in phases.indices where rietveld {
      list.append(
        LeBailParameter(
          name: prefix(p) + "scale", bounds: 0...Double.infinity, stage: 0, owner: .phase(p), group: .scale,
          changesOnlyIntensities: true, get: { $0.scales[p] }, set: { $0.scales[p] = $1 }))
      if options.refineOverallB {
        list.append(
          LeBailParameter(
            name: prefix(p) + "Boverall", bounds: -5...20, stage: 3, owner: .phase(p), group: .overallB, changesOnlyIntensities: true,
            typicalSize: 0.1,
            get: { $0.overallB[p] }, set: { $0.overallB[p] = $1 }))
      }
      if options.preferredOrientation[phases[p].name] != nil {
        list.append(
          LeBailParameter(
            name: prefix(p) + "MD r", bounds: 0.05...20, stage: 3, owner: .phase(p), group: .orientation, changesOnlyIntensities: true,
            typicalSize: 0.1, get: { $0.orientation[p] }, set: { $0.orientation[p] = $1 }))
      }
      if let atoms = state.structures[p] {
        list += Self.atomParameters(atoms, phase: p, prefix: prefix(p), options: options)
      }
    }
    for p in phases.indices {
      if options.refineMicrostrain {
        list.append(
          LeBailParameter(
            name: prefix(p) + "microstrain", bounds: 0...1e5, stage: 3, owner: .phase(p), group: .broadening, typicalSize: 10,
            get: { $0.broadenings[p].microstrain ?? 0 }, set: { $0.broadenings[p].microstrain = $1 }))
      }
      if options.refineSize {
        list.append(
          LeBailParameter(
            name: prefix(p) + "size", bounds: 1e-3...100, stage: 3, owner: .phase(p), group: .broadening, typicalSize: 0.01,
            get: { $0.broadenings[p].size ?? 1 }, set: { $0.broadenings[p].size = $1 }))
      }
    }
    for k in 0..<options.backgroundTerms {
      list.append(
        LeBailParameter(
          name: "B\(k)", bounds: -Double.infinity...Double.infinity, stage: 0,
          owner: .background(k), group: .background, get: { $0.background.coefficients[k] }, set: { $0.background.coefficients[k] = $1 }))
    }
    if let sequence = options.sequence {
      // Each parameter from the first stage that names its group; those
      // of groups not named, in the last.
      for k in list.indices {
        list[k].stage = sequence.firstIndex { $0.contains(list[k].group) } ?? max(sequence.count - 1, 0)
      }
    }
    parameters = list
  }

  static func inverseDSquared(_ hkl: SIMD3<Int>, _ g: [[Double]]) -> Double {
    let h = Double(hkl.x), k = Double(hkl.y), l = Double(hkl.z)
    return h * h * g[0][0] + k * k * g[1][1] + l * l * g[2][2] + 2 * (h * k * g[0][1] + h * l * g[0][2] + k * l * g[1][2])
  }

  /// 2θ of the first line for each reflection (zero and displacement included).
  func positions(_ s: LeBailState) -> [Double?] {
    let metrics = s.lattices.map { $0.cell.reciprocalMetricTensor }
    guard let lambda = s.instrument.radiation.components.first?.wavelength else { return used.map { _ in nil } }
    return used.map { u in
      let q = Self.inverseDSquared(u.reflection.hkl, metrics[u.phase])
      let sine = lambda * q.squareRoot() / 2
      guard sine.isFinite, sine > 0, sine < 1 else { return nil }
      let bragg = 2 * asin(sine) * 180 / .pi
      return bragg + s.instrument.zero + s.instrument.displacementShift(at: bragg)
    }
  }

  func peaksSum(_ shapes: [Shape], _ scale: [Double]) -> [Double] {
    var y = [Double](repeating: 0, count: x.count)
    for (k, s) in shapes.enumerated() {
      let w = scale[k]
      for (j, v) in s.values.enumerated() { y[s.start + j] += w * v }
    }
    return y
  }

  func backgroundCurve(_ b: ChebyshevBackground) -> [Double] {
    let n = x.count
    var y = [Double](repeating: 0, count: n)
    for (j, coefficient) in b.coefficients.enumerated() where j < basis.count {
      basis[j].withUnsafeBufferPointer { t in for i in 0..<n { y[i] += coefficient * t[i] } }
    }
    return y
  }

  /// Le Bail's extraction: I_k ← Σᵢ I_k·φ_k(i)·(y_obs − b)/(y_calc − b) / Σᵢ φ_k(i),
  /// over the points of the pattern (φ_k of unit area), three passes.
  mutating func extract(_ shapes: [Shape], _ bg: [Double]) {
    for _ in 0..<3 { intensity = apportioned(shapes, bg, intensity) }
  }

  /// One pass of the apportioning: each reflection's share of the counts
  /// above the background, in proportion to its calculated peak, divided by
  /// the share of its profile inside the pattern (so that a peak cut by the
  /// end of the range keeps its intensity).
  func apportioned(_ shapes: [Shape], _ bg: [Double], _ current: [Double]) -> [Double] {
    let peaks = peaksSum(shapes, current)
    var next = current
    for (k, s) in shapes.enumerated() {
      var sum = 0.0, inside = 0.0
      for (j, v) in s.values.enumerated() {
        let i = s.start + j
        inside += v
        guard peaks[i] > 1e-12 else { continue }
        sum += current[k] * v * (yObs[i] - bg[i]) / peaks[i]
      }
      next[k] = inside * step > 1e-3 ? max(sum / inside, 1e-9) : current[k]
    }
    return next
  }

  /// Least squares on everything free at `stage`. The intensities are held
  /// at their last extraction, or, with `projected`, solved for at every
  /// step as Pawley's linear least squares on the current peaks (variable
  /// projection: the fit and its s.u. then count the intensities'
  /// correlation with the cell and profile).
  func leastSquares(stage: Int, iterations: Int, covariance: Bool, projected: Bool = false) throws
    -> LevenbergMarquardt.Result
  {
    var lmOptions = LevenbergMarquardt.Options()
    lmOptions.maxIterations = iterations
    lmOptions.stepSolver = .normalEquations
    lmOptions.computesCovariance = covariance
    let fixedIntensity = intensity
    let start = state
    let layout = peakShapesAndLayout(start).layout
    let rietveld = options.method == .rietveld && !projected
    let fit = parameters.map {
      FitParameter(
        $0.name, min(max($0.get(start), $0.bounds.lowerBound), $0.bounds.upperBound), lowerBound: $0.bounds.lowerBound,
        upperBound: $0.bounds.upperBound, isFixed: $0.stage > stage)
    }
    let reshaping = parameters.indices.filter { parameters[$0].reshapesPeaks }
    let intensityOnly = parameters.indices.filter { parameters[$0].changesOnlyIntensities }
    let n = x.count
    let weights = sigma.map { 1 / ($0 * $0) }
    // The peaks of the last key (the values that move peaks), kept for the
    // steps that change only the background.
    var lastKey: [Double] = []
    var lastIntensityKey: [Double]?
    var lastShapes: [Shape] = []
    var lastSolver: PawleyIntensities?
    var lastPeaks: [Double] = []
    func residuals(_ v: [Double]) -> [Double] {
      let s = apply(v, to: start)
      let key = reshaping.map { v[$0] }
      let intensityKey = intensityOnly.map { v[$0] }
      if key != lastKey {
        lastShapes = peakShapes(s, layout: layout)
        lastKey = key
        lastIntensityKey = nil
        lastSolver = projected ? PawleyIntensities(shapes: lastShapes, weights: weights) : nil
      }
      if !projected, intensityKey != lastIntensityKey {
        lastPeaks = peaksSum(lastShapes, rietveld ? rietveldIntensities(s) : fixedIntensity)
        lastIntensityKey = intensityKey
      }
      return residualVector(
        s, shapes: lastShapes, peaks: projected ? nil : lastPeaks, solver: lastSolver, weights: weights,
        fallback: fixedIntensity)
    }
    let free = fit.indices.filter { !fit[$0].isFixed }
    return try LevenbergMarquardt.fit(
      parameters: fit, residualCount: n, options: lmOptions,
      residuals: { v, r in r = residuals(v) },
      jacobian: { v, j in
        // Forward differences (step √ε·|v|, as the solver's own), the
        // columns of the values that move peaks computed side by side;
        // a background coefficient's column is its Chebyshev term / σ
        // when the intensities are held.
        let base = residuals(v)
        let baseShapes = lastShapes
        let background = free.filter { !self.parameters[$0].movesPeaks }
        // Held intensities (Le Bail's) do not follow a scale or an atom.
        let cheap = rietveld ? free.filter { self.parameters[$0].changesOnlyIntensities } : []
        let peakMoving = free.filter { self.parameters[$0].movesPeaks && !cheap.contains($0) }
        // With held intensities the columns of the values that only move
        // and widen the peaks come from the profile's own derivatives, in
        // one pass; the projected fit (intensities re-solved at every
        // step) and the asymmetry and Kα2 ratio keep forward differences.
        let analytic =
          projected || !self.options.analyticDerivatives
          ? [] : peakMoving.filter { self.parameters[$0].movesOnlyPeakGeometry }
        let moving = peakMoving.filter { !analytic.contains($0) }
        let steps = v.indices.map { k -> Double in
          let size = max(abs(v[k]), self.parameters[k].typicalSize)
          var h = (size == 0 ? 1.0 : size) * Double.ulpOfOne.squareRoot()
          if v[k] + h > fit[k].upperBound { h = -h }
          return h
        }
        let model = self
        let columns = ConcurrentSlots<[Double]>(count: moving.count)
        DispatchQueue.concurrentPerform(iterations: moving.count) { c in
          let k = moving[c]
          var w = v
          w[k] += steps[k]
          let h = w[k] - v[k]
          let s = model.apply(w, to: start)
          let shapes = model.peakShapes(s, layout: layout)
          let solver = projected ? PawleyIntensities(shapes: shapes, weights: weights) : nil
          let held = rietveld ? model.rietveldIntensities(s) : fixedIntensity
          let r = model.residualVector(
            s, shapes: shapes, peaks: projected ? nil : model.peaksSum(shapes, held), solver: solver,
            weights: weights, fallback: fixedIntensity)
          columns.set(c, (0..<n).map { (r[$0] - base[$0]) / h })
        }
        Self.store(moving.indices.map { (moving[$0], columns.value($0)) }, in: &j, rows: n)
        if !analytic.isEmpty {
          let held = rietveld ? rietveldIntensities(apply(v, to: start)) : fixedIntensity
          let analyticColumns = self.analyticColumns(
            analytic, values: v, steps: steps, start: start, layout: layout, intensities: held, rietveld: rietveld,
            shapes: baseShapes)
          Self.store(zip(analytic, analyticColumns).map { ($0, $1) }, in: &j, rows: n)
        }
        // A scale's, B's or an atom's column: the peaks as they are, with
        // the intensities' forward difference.
        if !cheap.isEmpty {
          let baseIntensities = rietveldIntensities(apply(v, to: start))
          let model = self
          let cheapColumns = ConcurrentSlots<[Double]>(count: cheap.count)
          DispatchQueue.concurrentPerform(iterations: cheap.count) { c in
            let k = cheap[c]
            var w = v
            w[k] += steps[k]
            let h = w[k] - v[k]
            let moved = model.rietveldIntensities(model.apply(w, to: start))
            let change = zip(moved, baseIntensities).map { ($0 - $1) / h }
            let peaks = model.peaksSum(baseShapes, change)
            cheapColumns.set(c, (0..<n).map { peaks[$0] / model.sigma[$0] })
          }
          Self.store(cheap.indices.map { (cheap[$0], cheapColumns.value($0)) }, in: &j, rows: n)
        }
        for k in background {
          guard case .background(let term) = self.parameters[k].owner, term < self.basis.count else { continue }
          if projected {
            var w = v
            w[k] += steps[k]
            let h = w[k] - v[k]
            let r = residuals(w)
            j.elements.withUnsafeMutableBufferPointer { e in for i in 0..<n { e[k * n + i] = (r[i] - base[i]) / h } }
          } else {
            let t = self.basis[term]
            j.elements.withUnsafeMutableBufferPointer { e in for i in 0..<n { e[k * n + i] = t[i] / self.sigma[i] } }
          }
        }
      })
  }

  /// Puts each (parameter index, column) into the column-major Jacobian
  /// `j` (column k is elements[k·n ..< (k + 1)·n]); a missing column stays.
  static func store(_ columns: [(Int, [Double]?)], in j: inout Matrix, rows n: Int) {
    j.elements.withUnsafeMutableBufferPointer { e in
      for (k, column) in columns {
        guard let column, column.count == n else { continue }
        for i in 0..<n { e[k * n + i] = column[i] }
      }
    }
  }

  /// (y_calc − y_obs)/σ at state `s` with its peak shapes: the peaks summed
  /// with held intensities (`peaks`), or with Pawley's intensities from
  /// `solver` (else `fallback`).
  func residualVector(
    _ s: LeBailState, shapes: [Shape], peaks: [Double]?, solver: PawleyIntensities?, weights: [Double],
    fallback: [Double]
  ) -> [Double] {
    let bg = backgroundCurve(s.background)
    let y: [Double]
    if let peaks {
      y = peaks
    } else {
      let scale = solver.map { $0.solve(rightHandSides(shapes, weights: weights, background: bg)) } ?? fallback
      y = peaksSum(shapes, scale)
    }
    var r = [Double](repeating: 0, count: x.count)
    for i in 0..<x.count { r[i] = (y[i] + bg[i] - yObs[i]) / sigma[i] }
    return r
  }

  /// b_k = Σᵢ wᵢ φ_k(i)(yᵢ − bᵢ): the right-hand sides of Pawley's intensities.
  func rightHandSides(_ shapes: [Shape], weights: [Double], background: [Double]) -> [Double] {
    shapes.map { s in
      var sum = 0.0
      for (j, v) in s.values.enumerated() {
        let i = s.start + j
        sum += weights[i] * v * (yObs[i] - background[i])
      }
      return sum
    }
  }

  /// Pawley's intensities at the current state (nil when the normal matrix is singular).
  func projectedIntensities() -> [Double]? {
    let shapes = peakShapes(state)
    let weights = sigma.map { 1 / ($0 * $0) }
    guard let solver = PawleyIntensities(shapes: shapes, weights: weights) else { return nil }
    return solver.solve(rightHandSides(shapes, weights: weights, background: backgroundCurve(state.background)))
  }

  func apply(_ values: [Double], to start: LeBailState) -> LeBailState {
    var s = start
    for (p, v) in zip(parameters, values) { p.set(&s, v) }
    return s
  }
}

extension LeBailRefinement.Options {
  /// Whether a profile term may be refined (all of U, V, W, X, Y unless
  /// `fixedProfileTerms` names it).
  func profileTermIsFree(_ name: String) -> Bool { !fixedProfileTerms.contains(name) }
}
