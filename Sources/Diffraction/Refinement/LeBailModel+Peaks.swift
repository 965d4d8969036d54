import Foundation
import IonicsCore

extension LeBailModel {
  /// Where each reflection's peak is evaluated: the asymmetry's node
  /// count per line, the window of points, and per line the points near
  /// enough for the full asymmetric sum (beyond them the profile at the
  /// mean offset). Held through a least-squares run, so that the peaks are
  /// smooth functions of the parameters and forward differences see no
  /// jumps where a window edge crosses a point.
  struct PeakLayout: Sendable {
    var counts: [[Int]]
    var windows: [ClosedRange<Int>?]
    var near: [[ClosedRange<Int>]]
  }

  /// A reflection's peak for one radiation line at state `s` (1/d² = `q`):
  /// its centre (degrees, zero and displacement included), FWHM, Lorentzian
  /// fraction and Lorentzian FWHM (degrees); nil when it falls outside 0–180°
  /// or its width or position is not a number (a state no fit should reach).
  func lineGeometry(_ s: LeBailState, phase: Int, q: Double, line: XRayRadiation.Component)
    -> (centre: Double, fwhm: Double, eta: Double, lorentzian: Double)?
  {
    let sine = line.wavelength * q.squareRoot() / 2
    guard sine.isFinite, sine > 0, sine < 1 else { return nil }
    let bragg = 2 * asin(sine) * 180 / .pi
    let c = bragg + s.instrument.zero + s.instrument.displacementShift(at: bragg)
    let added = s.broadenings[phase].lorentzian(at: bragg, wavelength: line.wavelength)
    let (h, eta) = s.instrument.profile.shape(at: c, addedLorentzian: added)
    guard c.isFinite, h.isFinite, h > 0, h < 1e4 else { return nil }
    return (c, h, eta, s.instrument.profile.lorentzianFWHM(at: c, addedLorentzian: added))
  }

  /// Each reflection's unit-area profile (all lines, weighted; asymmetry
  /// averaged), as (first index, values), on `layout` when given.
  func peakShapes(_ s: LeBailState, layout: PeakLayout? = nil) -> [Shape] {
    peakShapesAndLayout(s, layout: layout).shapes
  }

  /// The peaks at state `s` and the layout they were evaluated on
  /// (`layout`, or one chosen from `s`).
  func peakShapesAndLayout(_ s: LeBailState, layout held: PeakLayout? = nil) -> (shapes: [Shape], layout: PeakLayout) {
    let lines = s.instrument.radiation.components.filter { $0.weight > 0 }
    let weightSum = lines.reduce(0) { $0 + $1.weight }
    let metrics = s.lattices.map { $0.cell.reciprocalMetricTensor }
    let n = x.count
    guard let first = x.first else { return ([], PeakLayout(counts: [], windows: [], near: [])) }
    var layout = held ?? PeakLayout(counts: [], windows: [], near: [])
    var shapes: [Shape] = []
    shapes.reserveCapacity(used.count)
    for k in used.indices {
      let u = used[k]
      let q = Self.inverseDSquared(u.reflection.hkl, metrics[u.phase])
      var lo = Int.max, hi = Int.min
      var parts: [(centre: Double, fwhm: Double, eta: Double, weight: Double, nodes: [(offset: Double, weight: Double)])] =
        []
      var counts: [Int] = []
      var nears: [ClosedRange<Int>] = []
      for (l, line) in lines.enumerated() {
        guard let (c, h, eta, gamma) = lineGeometry(s, phase: u.phase, q: q, line: line) else { continue }
        let count =
          held.flatMap { k < $0.counts.count && l < $0.counts[k].count ? $0.counts[k][l] : nil }
          ?? s.instrument.asymmetry.nodeCount(twoTheta: c, fwhm: h, lorentzianFWHM: gamma)
        let nodes = s.instrument.asymmetry.nodes(twoTheta: c, fwhm: h, lorentzianFWHM: gamma, count: count)
        let spreadLow = nodes.map(\.offset).min() ?? 0
        let spreadHigh = nodes.map(\.offset).max() ?? 0
        parts.append((c, h, eta, line.weight / weightSum, nodes))
        counts.append(count)
        // Far from the peak the asymmetric average is the profile at the mean offset.
        let reach = 8 * h + abs(spreadLow)
        nears.append(
          Int(((c - reach - first) / step).rounded(.down))...max(
            Int(((c - reach - first) / step).rounded(.down)), Int(((c + reach - first) / step).rounded(.up))))
        lo = min(lo, Int(((c + spreadLow - options.window * h - first) / step).rounded(.down)))
        hi = max(hi, Int(((c + spreadHigh + options.window * h - first) / step).rounded(.up)))
      }
      var window: ClosedRange<Int>? = max(lo, 0) <= min(hi, n - 1) ? max(lo, 0)...min(hi, n - 1) : nil
      if let held {
        window = k < held.windows.count ? held.windows[k] : nil
        nears = k < held.near.count ? held.near[k] : nears
      } else {
        layout.counts.append(counts)
        layout.windows.append(window)
        layout.near.append(nears)
      }
      guard let window, !parts.isEmpty else {
        shapes.append((0, []))
        continue
      }
      var values = [Double](repeating: 0, count: window.count)
      for (l, part) in parts.enumerated() {
        let mean = part.nodes.reduce(0) { $0 + $1.offset * $1.weight }
        let near = l < nears.count ? nears[l] : window
        for i in window {
          let delta = x[i] - part.centre
          var v = 0.0
          if part.nodes.count == 1 || !near.contains(i) {
            v = PowderProfile.pseudoVoigt(delta - mean, fwhm: part.fwhm, eta: part.eta)
          } else {
            for node in part.nodes {
              v += node.weight * PowderProfile.pseudoVoigt(delta - node.offset, fwhm: part.fwhm, eta: part.eta)
            }
          }
          values[i - window.lowerBound] += part.weight * v
        }
      }
      shapes.append((window.lowerBound, values))
    }
    return (shapes, layout)
  }

}
