import Crystal
import Foundation
import IonicsCore
import IonicsNumerics

extension LeBailModel {
  /// The staged fit: cycles of extraction and least squares, 1–3 on the
  /// cells, zero, displacement and background, 4–6 with W, 7–9 with X, then
  /// everything asked for, until χ² stops falling; then the s.u. and the
  /// statistics.
  func run() throws -> LeBailRefinement.Result {
    var model = self
    var previous = Double.infinity
    var cycles = 0
    let pawley = options.method == .pawley
    let rietveld = options.method == .rietveld
    if rietveld { model.state.scales = model.startingScales() }
    let lastStage = parameters.map(\.stage).max() ?? 0
    let weightedObserved = zip(yObs, sigma).reduce(0) { $0 + $1.0 * $1.0 / ($1.1 * $1.1) }
    var ran: [(stage: Int, rwp: Double)] = []
    for cycle in 1...options.cycles {
      cycles = cycle
      if !rietveld && (!pawley || cycle == 1) {
        model.extract(model.peakShapes(model.state), model.backgroundCurve(model.state.background))
      }
      let stage = min((cycle - 1) / 3, lastStage)
      let result = try model.leastSquares(
        stage: stage, iterations: stage == 0 ? 8 : 20, covariance: false, projected: pawley && cycle > 1)
      model.state = model.apply(result.values, to: model.state)
      let chi2 = result.chiSquared
      ran.append((stage, 100 * (chi2 / max(weightedObserved, 1e-300)).squareRoot()))
      // Converged once the last stage has run a few cycles without gain.
      if cycle > 3 * lastStage, abs(previous - chi2) <= 1e-5 * chi2 { break }
      previous = chi2
    }
    // The standard uncertainties, from one more pass: Rietveld's with its
    // intensities; Le Bail's and Pawley's with the intensities projected
    // out (Pawley's at every step), so that the cell's s.u. count its
    // correlation with overlapping intensities.
    let fitted = try model.leastSquares(stage: lastStage, iterations: 5, covariance: true, projected: !rietveld)
    model.state = model.apply(fitted.values, to: model.state)
    if rietveld {
      model.intensity = model.rietveldIntensities(model.state)
    } else if let solved = model.projectedIntensities() {
      model.intensity = solved
    }
    let shapes = model.peakShapes(model.state)
    let bg = model.backgroundCurve(model.state.background)
    var result = model.result(fitted: fitted, shapes: shapes, background: bg, cycles: cycles)
    result.stages = (0...lastStage).compactMap { stage in
      let own = ran.filter { $0.stage == stage }
      guard let last = own.last else { return nil }
      return LeBailRefinement.Stage(
        freed: parameters.filter { $0.stage == stage }.map(\.name), cycles: own.count, rwp: last.rwp)
    }
    return result
  }

  /// Rietveld's starting scales: the observed peak area above the starting
  /// background shared evenly among the phases.
  func startingScales() -> [Double] {
    var unit = state
    unit.scales = unit.scales.map { _ in 1 }
    let perUnit = rietveldIntensities(unit)
    let bg = backgroundCurve(state.background)
    let area = max(zip(yObs, bg).reduce(0) { $0 + max($1.0 - $1.1, 0) } * step, 1e-9)
    return names.indices.map { p in
      let own = used.indices.filter { used[$0].phase == p }.reduce(0) { $0 + perUnit[$1] }
      return own > 0 ? area / Double(names.count) / own : 1
    }
  }

  /// Hill & Howard's weight fractions w_p = S_p·(ZMV)_p / Σ S·ZMV with
  /// their s.u. from the covariance of the scales; nil without scales or masses.
  func weightFractions(_ fitted: LevenbergMarquardt.Result) -> [Measured?] {
    guard options.method == .rietveld, cellMasses.allSatisfy({ $0 != nil }) else { return names.map { _ in nil } }
    let prefix: (Int) -> String = { self.names.count > 1 ? "\(self.names[$0]):" : "" }
    let index = names.indices.map { p in fitted.parameters.firstIndex { $0.name == prefix(p) + "scale" } }
    let factors = names.indices.map { p in (cellMasses[p] ?? 0) * state.lattices[p].volume }
    let a = names.indices.map { state.scales[$0] * factors[$0] }
    let total = a.reduce(0, +)
    guard total > 0 else { return names.map { _ in nil } }
    return names.indices.map { p in
      let w = a[p] / total
      // ∂w_p/∂S_q = factor_q·(δ_pq − w_p)/Σ.
      var variance = 0.0
      if let c = fitted.covariance {
        for q in names.indices {
          for r in names.indices {
            guard let iq = index[q], let ir = index[r] else { continue }
            let dq = factors[q] * ((p == q ? 1 : 0) - w) / total
            let dr = factors[r] * ((p == r ? 1 : 0) - w) / total
            variance += dq * dr * c[iq, ir]
          }
        }
      }
      return Measured(w, standardUncertainty: max(variance, 0).squareRoot() * serialCorrelationFactor(fitted))
    }
  }

  /// The factor on every s.u. for the serial correlation of neighbouring
  /// residuals (Bérar & Lelann, J. Appl. Cryst. 24 (1991) 1), when asked:
  /// √(1 + 2 Σₖ ρₖ) with ρₖ the lag-k autocorrelation of the weighted
  /// residuals, summed from k = 1 while positive (the number of
  /// observations shrinks to N/(1 + 2Σρ) independent ones); 1 otherwise.
  func serialCorrelationFactor(_ fitted: LevenbergMarquardt.Result) -> Double {
    guard options.serialCorrelationCorrection else { return 1 }
    return Self.serialCorrelationFactor(fitted.residuals)
  }

  /// √(1 + 2 Σₖ ρₖ) of `residuals`, the sum from lag 1 while ρₖ > 0 (at most 1000 lags).
  static func serialCorrelationFactor(_ residuals: [Double]) -> Double {
    let n = residuals.count
    guard n > 2 else { return 1 }
    let mean = residuals.reduce(0, +) / Double(n)
    let centred = residuals.map { $0 - mean }
    let variance = centred.reduce(0) { $0 + $1 * $1 }
    guard variance > 0 else { return 1 }
    var sum = 0.0
    for lag in 1..<min(n, 1001) {
      var c = 0.0
      centred.withUnsafeBufferPointer { r in for i in lag..<n { c += r[i] * r[i - lag] } }
      let rho = c / variance
      guard rho > 0 else { break }
      sum += rho
    }
    return (1 + 2 * sum).squareRoot()
  }

  /// Pairs of free parameters whose correlation exceeds `threshold` in
  /// magnitude, strongest first.
  func correlations(_ fitted: LevenbergMarquardt.Result, threshold: Double = 0.9)
    -> [LeBailRefinement.Correlation]
  {
    guard let c = fitted.covariance else { return [] }
    let free = fitted.parameters.indices.filter { !fitted.parameters[$0].isFixed && c[$0, $0] > 0 }
    var out: [LeBailRefinement.Correlation] = []
    for (a, i) in free.enumerated() {
      for j in free[(a + 1)...] {
        let rho = c[i, j] / (c[i, i] * c[j, j]).squareRoot()
        if abs(rho) > threshold {
          out.append(.init(first: fitted.parameters[i].name, second: fitted.parameters[j].name, coefficient: rho))
        }
      }
    }
    return out.sorted { abs($0.coefficient) > abs($1.coefficient) }
  }

  /// R_Bragg of each phase (%): Σ|I_obs − I_calc| / Σ I_obs over its
  /// reflections, I_obs apportioned from the counts above the background in
  /// proportion to the calculated peaks; nil unless Rietveld.
  func braggR(_ shapes: [Shape], _ bg: [Double]) -> [Double?] {
    guard options.method == .rietveld else { return names.map { _ in nil } }
    let observed = apportioned(shapes, bg, intensity)
    return names.indices.map { p in
      let own = used.indices.filter { used[$0].phase == p }
      let top = own.reduce(0) { $0 + abs(observed[$1] - intensity[$1]) }
      let bottom = own.reduce(0) { $0 + abs(observed[$1]) }
      return bottom > 0 ? 100 * top / bottom : nil
    }
  }

  /// The statistics, the per-phase values and the warnings of a finished fit.
  func result(fitted: LevenbergMarquardt.Result, shapes: [Shape], background bg: [Double], cycles: Int)
    -> LeBailRefinement.Result
  {
    typealias Value = LeBailRefinement.Value
    let n = x.count
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
    let free = fitted.parameters.filter { !$0.isFixed }
    // Le Bail's and Pawley's intensities are parameters too.
    let dof = Double(max(n - free.count - (options.method == .rietveld ? 0 : used.count), 1))
    let factor = serialCorrelationFactor(fitted)
    let values = free.map { Value(name: $0.name, value: $0.value, standardUncertainty: $0.standardError.map { $0 * factor }) }
    var warnings = atomWarnings()
    for p in free where p.isAtBound {
      if cellLimits[p.name] != nil {
        warnings.append(
          "\(p.name) ran to its limit (±5 % or ±5° of the CIF's cell): the phase may not be the one measured, or its cell is too far off to start from")
      } else if p.name == "zero" {
        warnings.append("the zero shift ran to its limit of ±2°: the phase may not be the one measured")
      } else if p.name == "W" {
        warnings.append(
          "the Gaussian width W went to zero: the profile settled as a pure Lorentzian, which may be a false minimum")
      } else if p.name != "U", p.name != "X" {
        warnings.append("\(p.name) ran to its bound \(p.value)")
      }
    }
    let positions = positions(state)
    let total = intensity.reduce(0, +)
    let fractions = weightFractions(fitted)
    let bragg = braggR(shapes, bg)
    let rietveld = options.method == .rietveld
    let observedIntensities = rietveld ? apportioned(shapes, bg, intensity) : []
    let squared = rietveld ? squaredStructureFactors(state) : []
    let phases = names.indices.map { p -> LeBailRefinement.PhaseResult in
      let prefix = names.count > 1 ? "\(names[p]):" : ""
      // The free parameters this phase owns (fitted.parameters follows `parameters`).
      let own = zip(parameters, fitted.parameters).filter { $0.0.owner == .phase(p) && !$0.1.isFixed }.map {
        Value(name: $0.1.name, value: $0.1.value, standardUncertainty: $0.1.standardError.map { $0 * factor })
      }
      let metric = state.lattices[p].cell.reciprocalMetricTensor
      let reflections = used.indices.filter { used[$0].phase == p }.compactMap { k -> LeBailRefinement.Extracted? in
        guard let t = positions[k] else { return nil }
        let r = used[k].reflection
        var extracted = LeBailRefinement.Extracted(
          hkl: r.hkl, multiplicity: r.multiplicity, twoTheta: t,
          d: 1 / Self.inverseDSquared(r.hkl, metric).squareRoot(), intensity: intensity[k])
        if rietveld, k < squared.count, k < observedIntensities.count {
          let f = squared[k].squareRoot()
          extracted.observedIntensity = observedIntensities[k]
          extracted.structureFactorCalculated = f
          extracted.structureFactorObserved =
            intensity[k] > 0 ? f * (max(observedIntensities[k], 0) / intensity[k]).squareRoot() : nil
        }
        return extracted
      }
      let structureFactorR: Double? = {
        guard rietveld else { return nil }
        let pairs = reflections.compactMap { e in
          e.structureFactorObserved.flatMap { o in e.structureFactorCalculated.map { (o, $0) } }
        }
        let bottom = pairs.reduce(0) { $0 + $1.0 }
        return bottom > 0 ? 100 * pairs.reduce(0) { $0 + abs($1.0 - $1.1) } / bottom : nil
      }()
      let share = total > 0 ? used.indices.filter { used[$0].phase == p }.reduce(0) { $0 + intensity[$1] } / total : 0
      let values = own.map {
        Value(name: String($0.name.dropFirst(prefix.count)), value: $0.value, standardUncertainty: $0.standardUncertainty)
      }
      var atoms: [AtomSite]?
      if let refined = state.structures[p], let structure = structures[p] {
        let su = Dictionary(values.map { ($0.name, $0.standardUncertainty) }) { a, _ in a }
        atoms = refined.sites(of: structure) { s, name in su["\(refined.sites[s].label):\(name)"] ?? nil }
      }
      var phase = LeBailRefinement.PhaseResult(
        name: names[p], lattice: state.lattices[p], broadening: state.broadenings[p], values: values,
        reflections: reflections, intensityShare: share, weightFraction: fractions[p], braggR: bragg[p], atoms: atoms)
      phase.structureFactorR = structureFactorR
      return phase
    }
    for phase in phases {
      if let w = phase.weightFraction, w.value > 0.02, phase.intensityShare < 0.005 {
        warnings.append(
          "\(phase.name) is reported at \(String(format: "%.1f", 100 * w.value)) wt % from under 0.5 % of the intensity: a ghost phase, not a fraction to quote")
      }
      if let b = phase.values.first(where: { $0.name == "Boverall" }), b.value < 0 {
        warnings.append("\(phase.name): the overall displacement B is negative (\(String(format: "%.2f", b.value)) Å²), which is not physical")
      }
    }
    for phase in phases where names.count > 1 && phase.intensityShare < 0.005 {
      warnings.append(
        "\(phase.name) holds \(String(format: "%.2f", 100 * phase.intensityShare)) % of the extracted intensity: it may not be present")
    }
    let lines = state.instrument.radiation.components
    let method: String
    switch options.method {
    case .pawley:
      method = "Pawley intensities (linear least squares at every step, projected out of Levenberg–Marquardt); the s.u. from a last pass with them"
    case .leBail:
      method = "Le Bail extraction (3 passes per cycle) alternating with Levenberg–Marquardt; the s.u. from a last pass with Pawley intensities"
    case .rietveld:
      method = "Rietveld intensities S·M·|F|²·Lp" + (options.refineOverallB ? "·exp(−B/2d²)" : "")
        + (state.structures.contains { $0 != nil } ? ", |F|² from the refined atoms" : ", |F|² from the CIF's atoms (held)")
    }
    var notes = [
      method + "; weights 1/σ² "
        + (sigma == yObs.map({ max($0, 1).squareRoot() }) ? "with σ² = max(y, 1)" : "with the file's σ"),
      "TCH pseudo-Voigt; \(lines.count) radiation line(s) with weights \(lines.map { String(format: "%.4g", $0.weight) }.joined(separator: ", "))",
      "s.u. from the least-squares covariance scaled by χ²/(N − P)",
    ]
    if state.instrument.asymmetry.shOverL > 0 {
      notes.append(
        "axial divergence (Finger–Cox–Jephcoat) with S/L \(state.instrument.asymmetry.sampleOverRadius), H/L \(state.instrument.asymmetry.detectorOverRadius)"
          + (state.instrument.asymmetry.quadrature == .gsas2
            ? ", averaged with GSAS-II's quadrature (its few nodes move low-angle peaks 2–3× further than the exact average)" : ""))
    }
    if state.structures.contains(where: { $0 != nil }) {
      notes.append("atoms refined within their Wyckoff positions (coordinates along the site symmetry's free directions)")
    }
    if options.serialCorrelationCorrection {
      notes.append(
        "s.u. multiplied by \(String(format: "%.2f", factor)) for the serial correlation of the residuals (Bérar & Lelann: √(1 + 2Σρₖ))")
    }
    if options.refineDisplacement || options.refineDisplacementAlongBeam {
      notes.append(
        "sample displacement in µm for a \(state.instrument.geometry.rawValue) goniometer of radius \(state.instrument.radius) mm")
    }
    return LeBailRefinement.Result(
      phases: phases, instrument: state.instrument, values: values, background: state.background, twoTheta: x,
      observed: yObs, calculated: calculated, backgroundCurve: bg,
      rwp: 100 * (weighted / weightedObserved).squareRoot(), rp: 100 * absolute / observedSum,
      rexp: 100 * (dof / weightedObserved).squareRoot(), goodnessOfFit: (weighted / dof).squareRoot(), cycles: cycles,
      notes: notes, warnings: warnings, correlations: correlations(fitted))
  }
}
