import Foundation
import IonicsCore

extension LeBailModel {
  /// The unit-area pseudo-Voigt and its derivatives with respect to its
  /// centre, FWHM and Lorentzian fraction, at distance `delta` (degrees).
  /// With z = 2δ/H: L = 2/(πH(1 + z²)), G = (2/H)√(ln2/π)·exp(−ln2·z²);
  /// ∂L/∂δ = −8z/(πH²(1 + z²)²), ∂L/∂H = −L/H + 4z²/(πH²(1 + z²)²),
  /// ∂G/∂δ = −4 ln2·z·G/H, ∂G/∂H = G(2 ln2·z² − 1)/H; ∂/∂c = −∂/∂δ.
  static func pseudoVoigtWithDerivatives(_ delta: Double, fwhm h: Double, eta: Double)
    -> (value: Double, centre: Double, fwhm: Double, eta: Double)
  {
    let z = 2 * delta / h
    let d = 1 + z * z
    let lorentzian = 2 / (Double.pi * h) / d
    let lDelta = -8 * z / (Double.pi * h * h * d * d)
    let lWidth = -lorentzian / h + 4 * z * z / (Double.pi * h * h * d * d)
    var gaussian = 0.0, gDelta = 0.0, gWidth = 0.0
    if z * z < 36 {
      let ln2 = 0.6931471805599453
      gaussian = 0.9394372786996513 / h * exp(-ln2 * z * z)
      gDelta = -4 * ln2 * z * gaussian / h
      gWidth = gaussian * (2 * ln2 * z * z - 1) / h
    }
    return (
      eta * lorentzian + (1 - eta) * gaussian, -(eta * lDelta + (1 - eta) * gDelta),
      eta * lWidth + (1 - eta) * gWidth, lorentzian - gaussian
    )
  }

  /// Centre, FWHM and η of every reflection and line at state `s`.
  func peakGeometry(_ s: LeBailState) -> [[(centre: Double, fwhm: Double, eta: Double)?]] {
    let lines = s.instrument.radiation.components.filter { $0.weight > 0 }
    let metrics = s.lattices.map { $0.cell.reciprocalMetricTensor }
    return used.map { u in
      let q = Self.inverseDSquared(u.reflection.hkl, metrics[u.phase])
      return lines.map { line in lineGeometry(s, phase: u.phase, q: q, line: line).map { ($0.0, $0.1, $0.2) } }
    }
  }

  /// The Jacobian columns, ∂[(y_calc − y_obs)/σ]/∂p, of the parameters
  /// `indices` (each of which moves only the peaks' centres, widths and
  /// Lorentzian fractions) at `values`, with the peaks' intensities
  /// `intensities` (and, for a Rietveld fit, their own change with a cell
  /// parameter, through `shapes`, the peaks at `values`):
  /// Σ_k I_k Σ_lines w (∂φ/∂c·∂c/∂p + ∂φ/∂H·∂H/∂p + ∂φ/∂η·∂η/∂p), the
  /// profile's derivatives analytic, those of c, H and η (a few operations
  /// per reflection) by forward differences. The asymmetry's nodes are
  /// held where they are (their slow drift with 2θ is left out). One pass
  /// over the peaks instead of one per parameter.
  func analyticColumns(
    _ indices: [Int], values v: [Double], steps: [Double], start: LeBailState, layout: PeakLayout,
    intensities: [Double], rietveld: Bool, shapes: [Shape]
  ) -> [[Double]] {
    let n = x.count
    let s0 = apply(v, to: start)
    let base = peakGeometry(s0)
    let lines = s0.instrument.radiation.components.filter { $0.weight > 0 }
    let weightSum = lines.reduce(0) { $0 + $1.weight }
    // ∂(c, H, η)/∂p of every reflection and line.
    var gradients: [[[(Double, Double, Double)]]] = []
    var intensityChanges: [[Double]?] = []
    for p in indices {
      var w = v
      w[p] += steps[p]
      let h = w[p] - v[p]
      let moved = apply(w, to: start)
      let geometry = peakGeometry(moved)
      gradients.append(
        zip(base, geometry).map { b, g in
          zip(b, g).map { b, g in
            guard let b, let g else { return (0, 0, 0) }
            return ((g.centre - b.centre) / h, (g.fwhm - b.fwhm) / h, (g.eta - b.eta) / h)
          }
        })
      // Only a cell moves the intensities (Lp and |F|² at the new d).
      intensityChanges.append(
        rietveld && parameters[p].group == .cell ? zip(rietveldIntensities(moved), intensities).map { ($0 - $1) / h } : nil)
    }
    // The reflections in four chunks side by side, each adding into its
    // own columns (flat: parameter c at c·n), summed in chunk order at the
    // end (a fixed count, so that the sums do not depend on the machine).
    let parameterCount = indices.count
    let slopes = gradients
    let chunks = min(4, max(used.count, 1))
    let partial = ConcurrentSlots<[Double]>(count: chunks)
    let counts = layout.counts
    let model = self
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      var flat = [Double](repeating: 0, count: parameterCount * n)
      var factors = [Double](repeating: 0, count: 3 * parameterCount)
      flat.withUnsafeMutableBufferPointer { out in
        for k in stride(from: chunk, to: model.used.count, by: chunks) {
          guard k < layout.windows.count, let window = layout.windows[k] else { continue }
          for (l, line) in lines.enumerated() {
            guard l < base[k].count, let g = base[k][l] else { continue }
            let count = k < counts.count && l < counts[k].count ? counts[k][l] : 1
            let nodes = s0.instrument.asymmetry.nodes(twoTheta: g.centre, fwhm: g.fwhm, count: count)
            let mean = nodes.reduce(0) { $0 + $1.offset * $1.weight }
            let near = k < layout.near.count && l < layout.near[k].count ? layout.near[k][l] : window
            let scale = intensities[k] * line.weight / weightSum
            for c in 0..<parameterCount {
              let f = slopes[c][k][l]
              factors[3 * c] = f.0
              factors[3 * c + 1] = f.1
              factors[3 * c + 2] = f.2
            }
            for i in window {
              let delta = model.x[i] - g.centre
              var dc = 0.0, dh = 0.0, de = 0.0
              if nodes.count == 1 || !near.contains(i) {
                let d = Self.pseudoVoigtWithDerivatives(delta - mean, fwhm: g.fwhm, eta: g.eta)
                (dc, dh, de) = (d.centre, d.fwhm, d.eta)
              } else {
                for node in nodes {
                  let d = Self.pseudoVoigtWithDerivatives(delta - node.offset, fwhm: g.fwhm, eta: g.eta)
                  dc += node.weight * d.centre
                  dh += node.weight * d.fwhm
                  de += node.weight * d.eta
                }
              }
              let weight = scale / model.sigma[i]
              for c in 0..<parameterCount {
                out[c * n + i] += weight * (dc * factors[3 * c] + dh * factors[3 * c + 1] + de * factors[3 * c + 2])
              }
            }
          }
        }
      }
      partial.set(chunk, flat)
    }
    var columns = [[Double]](repeating: [Double](repeating: 0, count: n), count: parameterCount)
    for chunk in 0..<chunks {
      guard let flat = partial.value(chunk) else { continue }
      for c in 0..<parameterCount {
        columns[c].withUnsafeMutableBufferPointer { column in
          for i in 0..<n { column[i] += flat[c * n + i] }
        }
      }
    }
    // A Rietveld intensity changes with the cell (Lp, |F|² at the new d):
    // the peaks as they are times that change.
    for (c, change) in intensityChanges.enumerated() {
      guard let change else { continue }
      let peaks = peaksSum(shapes, change)
      for i in 0..<n { columns[c][i] += peaks[i] / sigma[i] }
    }
    return columns
  }
}
