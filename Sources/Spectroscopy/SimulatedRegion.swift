import Foundation
import IonicsCore

/// A photoelectron region made up to test the analysis: components of one
/// line shape on a Shirley step and a flat level, with Poisson-like counting
/// noise from a fixed seed. The bundled project's Fig. 5 regions are made so.
public enum SimulatedRegion {
  /// One component: position (binding energy, eV), width parameter (eV) and area (counts·eV).
  public struct Component: Sendable {
    /// Position, eV.
    public var position: Double
    /// Width parameter, eV.
    public var width: Double
    /// Area, counts·eV.
    public var area: Double

    /// A component.
    public init(position: Double, width: Double, area: Double) {
      self.position = position
      self.width = width
      self.area = area
    }
  }

  /// Counts on `energies` (binding, ascending): `level` + a Shirley step of
  /// `step` × the tallest peak + the components, each count drawn around its
  /// mean with standard deviation √mean (rounded to whole counts).
  public static func counts(
    _ energies: [Double], _ components: [Component], shape: LineShape, level: Double = 300, step: Double = 0.15,
    seed: UInt64
  ) -> [Double] {
    let peaks = energies.map { e in
      components.reduce(0.0) { $0 + $1.area / shape.area(width: $1.width) * shape.value(e - $1.position, width: $1.width) }
    }
    var cumulative = [0.0]
    for i in energies.indices.dropFirst() {
      cumulative.append(cumulative[i - 1] + 0.5 * (peaks[i] + peaks[i - 1]) * (energies[i] - energies[i - 1]))
    }
    let total = max(cumulative.last ?? 1, 1e-300)
    let rise = step * (peaks.max() ?? 0)
    var random = SplitMix64(seed: seed)
    return energies.indices.map { i in
      let mean = level + rise * cumulative[i] / total + peaks[i]
      return max(0, (mean + mean.squareRoot() * random.gaussian()).rounded())
    }
  }
}
