import IonicsCore

/// A value with its uncertainty converted between units, and between a
/// resistance and a conductivity through a sample's geometry
/// (σ = l/(A·R)), as `ionics convert` runs it.
public enum QuantityConversion {
  /// `value` in `from` expressed in `to`. Between a resistance and a
  /// conductivity `geometry` is needed; offsets (°C → K) move the value
  /// and only scale its uncertainty.
  public static func convert(
    _ value: Measured, from: String, to: String, geometry: CellGeometry? = nil
  ) throws -> Measured {
    guard let source = PhysicalUnit(symbol: from) else { throw UnitError.unknownUnit(from) }
    guard let target = PhysicalUnit(symbol: to) else { throw UnitError.unknownUnit(to) }
    if isResistanceConductivityPair(source, target) {
      guard let geometry else {
        throw WorkflowError.missingParameter(
          "geometry", why: "between \(from) and \(to), the electrode area (or diameter) and the thickness")
      }
      guard value.value > 0 else {
        throw WorkflowError.invalidParameter("value", value: "\(value)", expected: "a positive value")
      }
      // The sample's relation in Ω and S/cm, then the units asked for.
      if source.dimension == .resistance {
        return geometry.conductivity(resistance: value * source.toSI(1)) * (100 / target.toSI(1))
      }
      return geometry.resistance(conductivity: value * (source.toSI(1) / 100))
        * (1 / target.toSI(1))
    }
    let converted = try PhysicalUnit.convert(value.value, from: from, to: to)
    let scale = (source.toSI(1) - source.toSI(0)) / (target.toSI(1) - target.toSI(0))
    return Measured(converted, standardUncertainty: value.standardUncertainty * abs(scale))
  }

  /// Whether converting `from` into `to` needs a sample's geometry.
  public static func needsGeometry(from: String, to: String) -> Bool {
    guard let source = PhysicalUnit(symbol: from), let target = PhysicalUnit(symbol: to) else {
      return false
    }
    return isResistanceConductivityPair(source, target)
  }

  static func isResistanceConductivityPair(_ a: PhysicalUnit, _ b: PhysicalUnit) -> Bool {
    (a.dimension, b.dimension) == (.resistance, .conductivity)
      || (a.dimension, b.dimension) == (.conductivity, .resistance)
  }
}
