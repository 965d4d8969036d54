import ComplexModule
import Foundation
import RealModule

/// Starting values for a circuit, read off the spectrum: the high-frequency
/// intercept, the arcs (apex frequency and width from the −Im Z maxima and
/// the Re Z span between the minima around them, highest frequency first),
/// the low-frequency capacitive tail, and any inductive high-frequency
/// points. Series elements are matched to these features in order of
/// appearance: the first resistor to the intercept, each parallel group (or
/// ZARC-like element) to the next arc, lone capacitive elements and
/// Warburgs to the tail, inductors to the inductive points.
struct InitialGuess {
  struct Arc {
    let apexFrequency: Double
    let resistance: Double
  }

  let highFrequencyResistance: Double
  let arcs: [Arc]
  let minimumFrequency: Double
  let maximumFrequency: Double
  /// −Im Z and |Z| at the lowest frequency.
  let lowFrequencyReactance: Double
  let lowFrequencyModulus: Double
  /// Phase exponent of the tail, n ≈ −phase/(π/2) at the lowest frequency, clamped to [0.5, 1].
  let tailExponent: Double
  let inductance: Double
  let totalResistance: Double

  init(spectrum: ImpedanceSpectrum) {
    // Work from high to low frequency.
    let order = spectrum.frequencies.indices.sorted {
      spectrum.frequencies[$0] > spectrum.frequencies[$1]
    }
    let f = order.map { spectrum.frequencies[$0] }
    let z = order.map { spectrum.impedance[$0] }
    let n = f.count
    maximumFrequency = f.first ?? 1
    minimumFrequency = f.last ?? 1
    let capacitive = z.filter { $0.imaginary <= 0 }
    let reSpan = (z.map { $0.real }.max() ?? 1) - (z.map { $0.real }.min() ?? 0)
    let scale = max(z.map { $0.length }.max() ?? 1, 1e-12)
    highFrequencyResistance = max(capacitive.first?.real ?? z.first?.real ?? 0, 1e-6 * scale)
    totalResistance = max(reSpan, 1e-6 * scale)

    // Inductive high-frequency points: L ≈ Im Z/ω at the highest frequency.
    if let first = z.first, first.imaginary > 0 {
      inductance = first.imaginary / (2 * Double.pi * maximumFrequency)
    } else {
      inductance = 1e-3 * scale / (2 * Double.pi * maximumFrequency)
    }

    // Arcs: local maxima of −Im Z, lightly smoothed, with the Re Z span to the
    // minima on either side.
    let minusIm = z.map { -$0.imaginary }
    var smooth = minusIm
    if n >= 5 {
      for i in 1..<(n - 1) { smooth[i] = (minusIm[i - 1] + 2 * minusIm[i] + minusIm[i + 1]) / 4 }
    }
    var arcs: [Arc] = []
    // The tallest interior peak sets the scale (not a capacitive tail, which can be far higher).
    var largest = 0.0
    if n >= 3 {
      for k in 1..<(n - 1) where smooth[k] >= smooth[k - 1] && smooth[k] > smooth[k + 1] {
        largest = max(largest, smooth[k])
      }
    }
    var i = 1
    while i < n - 1 {
      if smooth[i] > 0, smooth[i] >= smooth[i - 1], smooth[i] > smooth[i + 1] {
        var left = i
        while left > 0 && smooth[left - 1] <= smooth[left] { left -= 1 }
        var right = i
        while right < n - 1 && smooth[right + 1] <= smooth[right] { right += 1 }
        let prominence = smooth[i] - max(smooth[left], smooth[right])
        // Noise makes small bumps: an arc must stand out by 5 % of the
        // tallest arc, not only of its own height.
        if prominence > 0.05 * largest {
          let width = z[right].real - z[left].real
          // A depressed arc (γ ≈ 0.85) is R/2·tan(γπ/4) high.
          let fromHeight = 2 * minusIm[i] / tan(0.85 * Double.pi / 4)
          let r = right == n - 1 || width <= 0 ? fromHeight : max(width, 0.5 * fromHeight)
          arcs.append(Arc(apexFrequency: f[i], resistance: max(r, 1e-6 * scale)))
        }
        i = right
      }
      i += 1
    }
    self.arcs = arcs

    let last = z.last ?? Complex(1, -1)
    lowFrequencyReactance = max(-last.imaginary, 1e-6 * scale)
    lowFrequencyModulus = max(last.length, 1e-6 * scale)
    let phase = atan2(-last.imaginary, last.real)
    tailExponent = min(1, max(0.5, phase / (Double.pi / 2)))
  }

  /// Elements that make an arc on their own.
  static let arcElements: Set<CircuitElement> = [
    .zarc, .havriliakNegami, .timeConstantRC, .gerischer, .finiteGerischer,
  ]

  /// Starting values for every parameter of `circuit`.
  func values(for circuit: Circuit) -> [Double] {
    var values = Array(repeating: 0.0, count: circuit.parameterCount)
    var arcIndex = 0
    var arcCount = 0
    var usedFirstResistor = false
    let omegaMin = 2 * Double.pi * minimumFrequency

    func nextArc() -> Arc {
      defer { arcIndex += 1 }
      if arcIndex < arcs.count { return arcs[arcIndex] }
      // More arc elements than visible arcs (a small arc hidden in the tail of
      // a large one): share out the resistance the visible arcs leave
      // unexplained, placed between the last apex and the lowest frequency.
      let missing = arcCount - arcs.count
      let k = arcIndex - arcs.count + 1
      let explained = arcs.reduce(0) { $0 + $1.resistance }
      let remaining =
        max(totalResistance - explained, 0.05 * totalResistance) / Double(max(missing, 1))
      let top = log10(arcs.last?.apexFrequency ?? maximumFrequency)
      let bottom = log10(minimumFrequency)
      let f = pow(10, top + (bottom - top) * Double(k) / Double(missing + 1))
      return Arc(apexFrequency: f, resistance: remaining)
    }

    /// Values for the elements of an arc-like group around `arc`.
    func assign(_ node: Circuit.Node, arc: Arc?) {
      switch node {
      case .series(let children, _), .parallel(let children, _):
        for child in children { assign(child, arc: arc) }
      case .element(let element, _, let range):
        let p = range.lowerBound
        let omegaArc = 2 * Double.pi * (arc?.apexFrequency ?? minimumFrequency)
        let r = arc?.resistance ?? totalResistance
        switch element {
        case .resistor:
          if arc == nil && !usedFirstResistor {
            values[p] = highFrequencyResistance
            usedFirstResistor = true
          } else {
            values[p] = r
          }
        case .capacitor:
          values[p] = arc != nil ? 1 / (omegaArc * r) : 1 / (omegaMin * lowFrequencyReactance)
        case .constantPhase:
          if arc != nil {
            values[p + 1] = 0.9
            values[p] = 1 / (r * pow(omegaArc, 0.9))
          } else {
            values[p + 1] = tailExponent
            values[p] =
              sin(tailExponent * Double.pi / 2)
              / (lowFrequencyReactance * pow(omegaMin, tailExponent))
          }
        case .inductor: values[p] = inductance
        case .modifiedInductor:
          values[p] = inductance
          values[p + 1] = 1
        case .warburg:
          values[p] = lowFrequencyReactance * omegaMin.squareRoot()
        case .warburgOpen, .warburgShort:
          values[p] = r
          values[p + 1] = 1 / omegaArc
        case .gerischer, .timeConstantRC:
          values[p] = r
          values[p + 1] = 1 / omegaArc
        case .finiteGerischer:
          values[p] = r
          values[p + 1] = 1 / omegaArc
          values[p + 2] = 1
        case .zarc:
          values[p] = r
          values[p + 1] = 1 / omegaArc
          values[p + 2] = 0.9
        case .havriliakNegami:
          values[p] = r
          values[p + 1] = 1 / omegaArc
          values[p + 2] = 0.9
          values[p + 3] = 0.9
        }
      }
    }

    let topLevel: [Circuit.Node]
    if case .series(let children, _) = circuit.root {
      topLevel = children
    } else {
      topLevel = [circuit.root]
    }
    arcCount =
      topLevel.filter { node in
        switch node {
        case .parallel: return true
        case .element(let element, _, _): return Self.arcElements.contains(element)
        case .series: return false
        }
      }.count
    for node in topLevel {
      switch node {
      case .parallel:
        assign(node, arc: nextArc())
      case .element(let element, _, _) where Self.arcElements.contains(element):
        assign(node, arc: nextArc())
      case .element(let element, _, _) where [.warburgOpen, .warburgShort].contains(element):
        assign(node, arc: Arc(apexFrequency: minimumFrequency, resistance: totalResistance))
      default:
        assign(node, arc: nil)
      }
    }
    return values.map { $0.isFinite && $0 != 0 ? $0 : 1 }
  }
}
