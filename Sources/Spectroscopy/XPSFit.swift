import Foundation
import IonicsNumerics

/// A peak model of one photoelectron region fitted to its spectrum:
/// components of a chosen line shape on a background, by Levenberg–Marquardt
/// with bounds and Poisson weights (σᵢ = √max(Nᵢ, 1) on the counts).
public enum XPSFit {
  /// How the background is made.
  public enum Background: String, Sendable, Codable, CaseIterable {
    /// Linear between the averaged ends, computed once from the data.
    case linear
    /// Iterative Shirley, computed once from the data (Proctor–Sherwood).
    case shirley
    /// Shirley refined with the peaks ("active" Shirley, after
    /// Herrera-Gómez et al., Surf. Interface Anal. 46 (2014) 897): at each
    /// step the background is the low end level plus the step
    /// (I_high − I_low) times the fraction of the model's peak area below
    /// each energy, the two levels refined with the peaks.
    case activeShirley
    /// Tougaard's universal cross-section, scaled to meet the high end.
    case tougaard
    /// The background the file stores for the region (CasaXPS' own
    /// region, type and parameters), given to the fit precomputed; the fit
    /// covers that region only.
    case stored

    /// The name used in commands and manifests: "shirley",
    /// "active-shirley", "linear", "tougaard", "stored".
    public var name: String { self == .activeShirley ? "active-shirley" : rawValue }

    /// Every name, in the order above.
    public static var names: [String] { allCases.map(\.name) }

    /// The background called `name` (case ignored); nil for any other name.
    public init?(name: String) {
      guard let match = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
      self = match
    }
  }

  /// One component and its constraints.
  public struct Component: Sendable, Equatable {
    /// Name ("NaF").
    public var name: String
    /// Line shape.
    public var shape: LineShape
    /// Starting position, binding energy, eV.
    public var position: Double
    /// Starting width parameter, eV.
    public var width: Double
    /// Bounds of the position, eV (nil: ±2 eV around the start).
    public var positionRange: ClosedRange<Double>?
    /// Bounds of the width, eV.
    public var widthRange: ClosedRange<Double> = 0.3...5
    /// The position is held at its start.
    public var fixedPosition = false
    /// Position tied to another component: (its index, offset in eV).
    public var positionOffset: (component: Int, electronvolts: Double)?
    /// Width tied to (equal to) another component's.
    public var sameWidthAs: Int?
    /// Area tied to another component's: (its index, ratio of this area to it).
    public var areaRatio: (component: Int, ratio: Double)?

    /// A component starting at `position` (eV) with width parameter `width` (eV).
    public init(_ name: String, shape: LineShape = .gaussianLorentzianProduct(mixing: 30), position: Double, width: Double = 1.2) {
      self.name = name
      self.shape = shape
      self.position = position
      self.width = width
    }

    /// Components are equal when their starts, shapes, bounds and ties are.
    public static func == (a: Component, b: Component) -> Bool {
      a.name == b.name && a.shape == b.shape && a.position == b.position && a.width == b.width
        && a.positionRange == b.positionRange && a.widthRange == b.widthRange && a.fixedPosition == b.fixedPosition
        && a.positionOffset?.component == b.positionOffset?.component
        && a.positionOffset?.electronvolts == b.positionOffset?.electronvolts && a.sameWidthAs == b.sameWidthAs
        && a.areaRatio?.component == b.areaRatio?.component && a.areaRatio?.ratio == b.areaRatio?.ratio
    }
  }

  /// A fitted component.
  public struct FittedComponent: Sendable, Equatable, Codable {
    /// Name.
    public let name: String
    /// Line shape (CasaXPS name).
    public let shape: String
    /// Position, binding energy, eV, and its standard error.
    public let positionElectronvolts: Double
    /// Standard error of the position, eV (nil when tied or fixed).
    public let positionStandardError: Double?
    /// Width parameter, eV (the FWHM for SGL and pure shapes).
    public let widthElectronvolts: Double
    /// Standard error of the width, eV.
    public let widthStandardError: Double?
    /// Area over all energies, signal × eV.
    public let area: Double
    /// Standard error of the area.
    public let areaStandardError: Double?
    /// Height at the position, signal units.
    public let height: Double
    /// Share of the summed area of all components, %.
    public let areaPercent: Double
  }

  /// The outcome.
  public struct Result: Sendable {
    /// Binding energies, ascending, eV.
    public let energies: [Double]
    /// The signal at those energies.
    public let signal: [Double]
    /// The background.
    public let background: [Double]
    /// How the background was made.
    public let backgroundKind: Background
    /// Each component's curve (without the background).
    public let curves: [[Double]]
    /// Background plus every component.
    public let envelope: [Double]
    /// (signal − envelope)/σ.
    public let residuals: [Double]
    /// The components.
    public let components: [FittedComponent]
    /// χ² with Poisson weights.
    public let chiSquared: Double
    /// χ² per degree of freedom.
    public let reducedChiSquared: Double
    /// Whether the minimiser converged.
    public let converged: Bool
  }

  /// Errors of the model itself (ties to components that do not exist, no data).
  public struct ModelError: Error, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let description: String
  }

  /// Fits `components` to the region (`energies` binding energies in eV in
  /// any order, `signal` in counts); `storedBackground` (same order, counts)
  /// is the background for `.stored`.
  public static func fit(
    energies: [Double], signal: [Double], components: [Component], background kind: Background = .shirley,
    averaging: Int = 3, storedBackground: [Double]? = nil
  ) throws -> Result {
    if kind == .stored, storedBackground?.count != energies.count {
      throw ModelError(description: "a stored background needs one value per point of the region")
    }
    guard energies.count == signal.count, energies.count >= 3 * components.count + 3, !components.isEmpty else {
      throw ModelError(description: "expected as many energies as signal values, and at least 3 points per parameter")
    }
    guard energies.allSatisfy(\.isFinite), signal.allSatisfy(\.isFinite) else {
      throw ModelError(description: "the region holds values that are not finite numbers")
    }
    for (k, c) in components.enumerated() {
      for tie in [c.positionOffset?.component, c.sameWidthAs, c.areaRatio?.component] {
        if let t = tie, t < 0 || t >= components.count || t == k {
          throw ModelError(description: "\(c.name) is tied to component \(t + 1), which is not another component")
        }
      }
    }
    // Every shape's area is its width times its area at width 1.
    let unitAreas = components.map { $0.shape.area(width: 1) }
    let order = energies.indices.sorted { energies[$0] < energies[$1] }
    let x = order.map { energies[$0] }
    let y = order.map { signal[$0] }
    let sigma = y.map { max($0, 1).squareRoot() }
    let (lo, hi) = XPSBackground.ends(y, averaging)
    let fixedBackground: [Double]
    switch kind {
    case .linear: fixedBackground = XPSBackground.linear(x, y, averaging: averaging)
    case .shirley, .activeShirley: fixedBackground = XPSBackground.shirley(x, y, averaging: averaging).background
    case .tougaard: fixedBackground = XPSBackground.tougaard(x, y, averaging: averaging)
    case .stored: fixedBackground = order.map { storedBackground?[$0] ?? 0 }
    }
    // Free parameters: position, width, height per component, unless tied or fixed.
    var parameters: [FitParameter] = []
    var slots: [(position: Int?, width: Int?, height: Int?)] = []
    let peakHeight = zip(y, fixedBackground).map { $0 - $1 }.max() ?? 1
    for c in components {
      var slot: (position: Int?, width: Int?, height: Int?) = (nil, nil, nil)
      if c.positionOffset == nil {
        let range = c.positionRange ?? (c.position - 2)...(c.position + 2)
        slot.position = parameters.count
        parameters.append(
          FitParameter("\(c.name) position", c.position, lowerBound: range.lowerBound, upperBound: range.upperBound, isFixed: c.fixedPosition))
      }
      if c.sameWidthAs == nil {
        slot.width = parameters.count
        parameters.append(
          FitParameter("\(c.name) width", min(max(c.width, c.widthRange.lowerBound), c.widthRange.upperBound), lowerBound: c.widthRange.lowerBound, upperBound: c.widthRange.upperBound))
      }
      if c.areaRatio == nil {
        slot.height = parameters.count
        parameters.append(FitParameter("\(c.name) height", max(peakHeight, 1) / Double(components.count), lowerBound: 0))
      }
      slots.append(slot)
    }
    // The active Shirley refines its two end levels with the peaks.
    let levels = parameters.count
    if kind == .activeShirley {
      parameters.append(FitParameter("background low end", lo))
      parameters.append(FitParameter("background high end", hi))
    }
    func expand(_ p: [Double]) -> [(position: Double, width: Double, height: Double)] {
      var out = components.map { (position: $0.position, width: $0.width, height: 0.0) }
      for (k, s) in slots.enumerated() {
        if let i = s.position { out[k].position = p[i] }
        if let i = s.width { out[k].width = p[i] }
        if let i = s.height { out[k].height = p[i] }
      }
      for (k, c) in components.enumerated() {
        if let (j, offset) = c.positionOffset { out[k].position = out[j].position + offset }
        if let j = c.sameWidthAs { out[k].width = out[j].width }
      }
      for (k, c) in components.enumerated() {
        if let (j, ratio) = c.areaRatio {
          let areaJ = out[j].height * unitAreas[j] * out[j].width
          out[k].height = ratio * areaJ / (unitAreas[k] * out[k].width)
        }
      }
      return out
    }
    // Each component's unit-height curve is kept for its last position and
    // width: a finite-difference step in one parameter then recomputes one
    // shape (or none, for a height), not all of them.
    let memory = ShapeMemory(count: components.count)
    func curves(_ p: [Double]) -> [[Double]] {
      expand(p).enumerated().map { k, c in
        let unit = memory.curve(k, position: c.position, width: c.width) {
          x.map { components[k].shape.value($0 - c.position, width: c.width) }
        }
        return unit.map { c.height * $0 }
      }
    }
    // Buffers the residuals reuse at every evaluation (a fit evaluates the
    // model hundreds of times).
    var peaks = Array(repeating: 0.0, count: x.count)
    var background = fixedBackground
    /// Fills `peaks` and `background` for parameters `p` (through buffer
    /// pointers: captured arrays are otherwise checked at every element).
    func evaluate(_ p: [Double]) {
      let units = expand(p).enumerated().map { k, c in
        (
          height: c.height,
          curve: memory.curve(k, position: c.position, width: c.width) {
            x.map { components[k].shape.value($0 - c.position, width: c.width) }
          }
        )
      }
      let n = x.count
      peaks.withUnsafeMutableBufferPointer { pk in
        for i in 0..<n { pk[i] = 0 }
        for (h, curve) in units {
          curve.withUnsafeBufferPointer { u in for i in 0..<n { pk[i] += h * u[i] } }
        }
      }
      guard kind == .activeShirley else { return }
      let (low, high) = (p[levels], p[levels + 1])
      peaks.withUnsafeBufferPointer { pk in
        background.withUnsafeMutableBufferPointer { b in
          // The step follows the cumulative peak area from the low-energy end.
          b[0] = 0
          for i in 1..<n { b[i] = b[i - 1] + 0.5 * (pk[i] + pk[i - 1]) * (x[i] - x[i - 1]) }
          let total = b[n - 1]
          if total > 0 {
            for i in 0..<n { b[i] = low + (high - low) * b[i] / total }
          } else {
            for i in 0..<n { b[i] = fixedBackground[i] }
          }
        }
      }
    }
    func model(_ p: [Double]) -> (background: [Double], total: [Double]) {
      evaluate(p)
      return (background, zip(background, peaks).map(+))
    }
    var options = LevenbergMarquardt.Options()
    options.covarianceScaling = .none
    // Cholesky of JᵀJ + μD² (QR when it fails): a few well-scaled parameters
    // against hundreds of points, where QR of the damped system costs a third
    // of the whole fit.
    options.stepSolver = .normalEquations
    let fitted = try LevenbergMarquardt.fit(
      parameters: parameters, residualCount: x.count, options: options,
      residuals: { p, r in
        evaluate(p)
        peaks.withUnsafeBufferPointer { pk in
          background.withUnsafeBufferPointer { b in
            for i in r.indices { r[i] = (b[i] + pk[i] - y[i]) / sigma[i] }
          }
        }
      })
    let p = fitted.values
    let final = expand(p)
    let (finalBackground, envelope) = model(p)
    let areas = final.enumerated().map { k, c in c.height * unitAreas[k] * c.width }
    let sum = areas.reduce(0, +)
    func error(_ index: Int?) -> Double? { index.flatMap { fitted.parameters[$0].standardError } }
    let fittedComponents = components.enumerated().map { k, c -> FittedComponent in
      // The area's error from its height and width (the shape's area is ∝ width).
      var areaError: Double?
      if let h = slots[k].height, let sh = error(h) {
        let widthPart = slots[k].width.flatMap { i in error(i).map { $0 / final[k].width } } ?? 0
        var relative = (sh / max(final[k].height, 1e-300)) * (sh / max(final[k].height, 1e-300)) + widthPart * widthPart
        if let cov = fitted.covariance, let w = slots[k].width {
          relative += 2 * cov[h, w] / (final[k].height * final[k].width)
        }
        areaError = areas[k] * max(relative, 0).squareRoot()
      }
      return FittedComponent(
        name: c.name, shape: c.shape.name, positionElectronvolts: final[k].position,
        positionStandardError: error(slots[k].position), widthElectronvolts: final[k].width,
        widthStandardError: error(slots[k].width), area: areas[k], areaStandardError: areaError,
        height: final[k].height, areaPercent: sum > 0 ? 100 * areas[k] / sum : 0)
    }
    return Result(
      energies: x, signal: y, background: finalBackground, backgroundKind: kind, curves: curves(p), envelope: envelope,
      residuals: zip(y, envelope).enumerated().map { i, pair in (pair.0 - pair.1) / sigma[i] },
      components: fittedComponents, chiSquared: fitted.chiSquared, reducedChiSquared: fitted.reducedChiSquared,
      converged: fitted.converged)
  }
}

/// The last unit-height curve of each component of a fit, with the position
/// and width it was computed for.
final class ShapeMemory {
  private var keys: [(position: Double, width: Double)?]
  private var curves: [[Double]]

  init(count: Int) {
    keys = Array(repeating: nil, count: count)
    curves = Array(repeating: [], count: count)
  }

  /// Component `k`'s curve at `position` and `width`: kept, or made by `make`.
  func curve(_ k: Int, position: Double, width: Double, make: () -> [Double]) -> [Double] {
    if let key = keys[k], key.position == position, key.width == width { return curves[k] }
    keys[k] = (position, width)
    curves[k] = make()
    return curves[k]
  }
}
