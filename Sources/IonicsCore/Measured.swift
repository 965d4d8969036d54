import Foundation

/// A measured number with its standard uncertainty, the way crystallography
/// and metrology write it: `9.4363(3)` is 9.4363 ± 0.0003.
///
/// Arithmetic propagates uncertainty to first order (the GUM's law of
/// propagation of uncertainty) under the assumption that the operands are
/// **independent**: for z = f(x, y), u(z)² = (∂f/∂x)² u(x)² + (∂f/∂y)² u(y)².
/// Correlations are not tracked, so `x - x` carries √2·u(x), not zero:
/// combine correlated quantities in one ``map(_:derivative:)`` call instead.
public struct Measured: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Best estimate, in the unit of the quantity.
  public var value: Double
  /// Standard uncertainty (one standard deviation), same unit, ≥ 0;
  /// 0 for an exact number.
  public var standardUncertainty: Double

  /// A value with standard uncertainty `standardUncertainty` (its magnitude is used).
  public init(_ value: Double, standardUncertainty: Double = 0) {
    self.value = value
    self.standardUncertainty = abs(standardUncertainty)
  }

  /// u/|x|, or infinity for a zero value with nonzero uncertainty.
  public var relativeUncertainty: Double {
    if standardUncertainty == 0 { return 0 }
    return value == 0 ? .infinity : standardUncertainty / abs(value)
  }

  /// Applies `f` with derivative `derivative` (evaluated at ``value``):
  /// f(x) ± |f′(x)|·u(x).
  public func map(_ f: (Double) -> Double, derivative: (Double) -> Double) -> Measured {
    Measured(f(value), standardUncertainty: abs(derivative(value)) * standardUncertainty)
  }
}

// MARK: Arithmetic

extension Measured {
  /// Sum; u² = u(a)² + u(b)².
  public static func + (a: Measured, b: Measured) -> Measured {
    Measured(
      a.value + b.value, standardUncertainty: hypot(a.standardUncertainty, b.standardUncertainty))
  }

  /// Difference; u² = u(a)² + u(b)².
  public static func - (a: Measured, b: Measured) -> Measured {
    Measured(
      a.value - b.value, standardUncertainty: hypot(a.standardUncertainty, b.standardUncertainty))
  }

  /// Product; u² = (b·u(a))² + (a·u(b))².
  public static func * (a: Measured, b: Measured) -> Measured {
    Measured(
      a.value * b.value,
      standardUncertainty: hypot(b.value * a.standardUncertainty, a.value * b.standardUncertainty))
  }

  /// Quotient; u² = (u(a)/b)² + (a·u(b)/b²)².
  public static func / (a: Measured, b: Measured) -> Measured {
    Measured(
      a.value / b.value,
      standardUncertainty: hypot(
        a.standardUncertainty / b.value, a.value * b.standardUncertainty / (b.value * b.value)))
  }

  /// Negation; the uncertainty is unchanged.
  public static prefix func - (a: Measured) -> Measured {
    Measured(-a.value, standardUncertainty: a.standardUncertainty)
  }

  /// Adds an exact number.
  public static func + (a: Measured, b: Double) -> Measured { a + Measured(b) }
  /// Subtracts an exact number.
  public static func - (a: Measured, b: Double) -> Measured { a - Measured(b) }
  /// Scales by an exact number.
  public static func * (a: Measured, b: Double) -> Measured { a * Measured(b) }
  /// Scales by an exact number.
  public static func * (a: Double, b: Measured) -> Measured { Measured(a) * b }
  /// Divides by an exact number.
  public static func / (a: Measured, b: Double) -> Measured { a / Measured(b) }
  /// Divides an exact number by a measured one.
  public static func / (a: Double, b: Measured) -> Measured { Measured(a) / b }
}

// MARK: Elementary functions

extension Measured {
  /// e^x; u = e^x·u(x).
  public static func exp(_ x: Measured) -> Measured {
    x.map({ Foundation.exp($0) }, derivative: { Foundation.exp($0) })
  }

  /// Natural logarithm; u = u(x)/|x|.
  public static func log(_ x: Measured) -> Measured {
    x.map({ Foundation.log($0) }, derivative: { 1 / $0 })
  }

  /// Decimal logarithm; u = u(x)/(|x|·ln 10).
  public static func log10(_ x: Measured) -> Measured {
    x.map({ Foundation.log10($0) }, derivative: { 1 / ($0 * M_LN10) })
  }

  /// Square root; u = u(x)/(2√x).
  public static func sqrt(_ x: Measured) -> Measured {
    x.map({ Foundation.sqrt($0) }, derivative: { 0.5 / Foundation.sqrt($0) })
  }

  /// x^p for an exact exponent p; u = |p·x^(p−1)|·u(x).
  public static func pow(_ x: Measured, _ p: Double) -> Measured {
    x.map({ Foundation.pow($0, p) }, derivative: { p * Foundation.pow($0, p - 1) })
  }
}
