import ComplexModule
import Foundation
import RealModule

/// The elements of the circuit language, named as impedance.py names them.
/// Every element documents its impedance Z(ω) (ω = 2πf in rad/s), its
/// parameters in order, and their units.
public enum CircuitElement: String, CaseIterable, Sendable, Codable {
  /// Resistor, Z = R. Parameter: R (Ω).
  case resistor = "R"
  /// Capacitor, Z = 1/(jωC). Parameter: C (F).
  case capacitor = "C"
  /// Inductor, Z = jωL. Parameter: L (H).
  case inductor = "L"
  /// Constant-phase element, Z = 1/(Q·(jω)^α). Parameters: Q (Ω⁻¹·s^α), α (1 = capacitor).
  case constantPhase = "CPE"
  /// Semi-infinite Warburg, Z = A_W·(1 − j)/√ω. Parameter: A_W (Ω·s^−½).
  case warburg = "W"
  /// Finite-space ("open", reflective) Warburg, Z = Z₀·coth(√(jωτ))/√(jωτ).
  /// Parameters: Z₀ (Ω), τ = L²/D (s).
  case warburgOpen = "Wo"
  /// Finite-length ("short", transmissive) Warburg, Z = Z₀·tanh(√(jωτ))/√(jωτ).
  /// Parameters: Z₀ (Ω), τ (s).
  case warburgShort = "Ws"
  /// Modified inductor, Z = L·(jω)^α. Parameters: L (H·s^(α−1)), α.
  /// (impedance.py computes (L·jω)^α, which differs unless α = 1.)
  case modifiedInductor = "La"
  /// Gerischer, Z = R_G/√(1 + jω·t_G). Parameters: R_G (Ω), t_G (s).
  case gerischer = "G"
  /// Finite-length Gerischer, Z = R_G/(√(1 + jω·t_G)·tanh(φ·√(1 + jω·t_G))).
  /// Parameters: R_G (Ω), t_G (s), φ.
  case finiteGerischer = "Gs"
  /// RC element by its time constant, Z = R/(1 + jωτ). Parameters: R (Ω), τ (s).
  case timeConstantRC = "K"
  /// ZARC (Cole–Cole), Z = R/(1 + (jωτ)^γ). Parameters: R (Ω), τ (s), γ (0 < γ ≤ 1).
  case zarc = "Zarc"
  /// Havriliak–Negami, Z = R/(1 + (jωτ)^α)^β. Parameters: R (Ω), τ (s), α, β.
  case havriliakNegami = "HN"

  /// How a parameter is bounded and fitted.
  public enum ParameterKind: Sendable {
    /// A positive scale (R, C, Q, τ, …): fitted on a log scale.
    case positive
    /// An exponent in (0, 1] by default (CPE α, ZARC γ, …).
    case exponent
    /// Any real number.
    case free
  }

  /// One parameter of an element.
  public struct Parameter: Sendable {
    /// Short symbol ("Q", "alpha").
    public let symbol: String
    /// Unit as printed ("Ohm", "F", "Ohm^-1 s^a", "" for dimensionless).
    public let unit: String
    /// How it is bounded.
    public let kind: ParameterKind
  }

  /// The parameters in impedance.py's order.
  public var parameters: [Parameter] {
    switch self {
    case .resistor: return [.init(symbol: "R", unit: "Ohm", kind: .positive)]
    case .capacitor: return [.init(symbol: "C", unit: "F", kind: .positive)]
    case .inductor: return [.init(symbol: "L", unit: "H", kind: .positive)]
    case .constantPhase:
      return [
        .init(symbol: "Q", unit: "Ohm^-1 s^a", kind: .positive),
        .init(symbol: "alpha", unit: "", kind: .exponent),
      ]
    case .warburg: return [.init(symbol: "A_W", unit: "Ohm s^-1/2", kind: .positive)]
    case .warburgOpen, .warburgShort:
      return [
        .init(symbol: "Z0", unit: "Ohm", kind: .positive),
        .init(symbol: "tau", unit: "s", kind: .positive),
      ]
    case .modifiedInductor:
      return [
        .init(symbol: "L", unit: "H s^(a-1)", kind: .positive),
        .init(symbol: "alpha", unit: "", kind: .exponent),
      ]
    case .gerischer:
      return [
        .init(symbol: "R_G", unit: "Ohm", kind: .positive),
        .init(symbol: "t_G", unit: "s", kind: .positive),
      ]
    case .finiteGerischer:
      return [
        .init(symbol: "R_G", unit: "Ohm", kind: .positive),
        .init(symbol: "t_G", unit: "s", kind: .positive),
        .init(symbol: "phi", unit: "", kind: .positive),
      ]
    case .timeConstantRC:
      return [
        .init(symbol: "R", unit: "Ohm", kind: .positive),
        .init(symbol: "tau", unit: "s", kind: .positive),
      ]
    case .zarc:
      return [
        .init(symbol: "R", unit: "Ohm", kind: .positive),
        .init(symbol: "tau", unit: "s", kind: .positive),
        .init(symbol: "gamma", unit: "", kind: .exponent),
      ]
    case .havriliakNegami:
      return [
        .init(symbol: "R", unit: "Ohm", kind: .positive),
        .init(symbol: "tau", unit: "s", kind: .positive),
        .init(symbol: "alpha", unit: "", kind: .exponent),
        .init(symbol: "beta", unit: "", kind: .exponent),
      ]
    }
  }

  /// The element whose impedance.py prefix is `prefix` ("CPE", "Wo").
  public init?(prefix: String) { self.init(rawValue: prefix) }

  /// Z at angular frequency `omega` (rad/s) for parameters `p` (in this
  /// element's order), with ∂Z/∂pₖ written to `gradient[offset + k]`.
  func impedance(
    omega: Double, _ p: UnsafeBufferPointer<Double>, offset: Int, gradient: inout [Complex<Double>]
  ) -> Complex<Double> {
    let jw = Complex<Double>(0, omega)
    /// (jx)^a for real x > 0 and real a.
    func jPower(_ x: Double, _ a: Double) -> Complex<Double> {
      Complex(length: Double.pow(x, a), phase: a * Double.pi / 2)
    }
    /// ln(jx) for real x > 0.
    func logJ(_ x: Double) -> Complex<Double> { Complex(Double.log(x), Double.pi / 2) }

    switch self {
    case .resistor:
      gradient[offset] = 1
      return Complex(p[0], 0)
    case .capacitor:
      let z = Complex<Double>(0, -1 / (omega * p[0]))
      gradient[offset] = z * Complex(-1 / p[0], 0)
      return z
    case .inductor:
      gradient[offset] = jw
      return jw * Complex(p[0], 0)
    case .constantPhase:
      let z = Complex<Double>(1, 0) / (jPower(omega, p[1]) * Complex(p[0], 0))
      gradient[offset] = z * Complex(-1 / p[0], 0)
      gradient[offset + 1] = -z * logJ(omega)
      return z
    case .warburg:
      let unit = Complex<Double>(1, -1) * Complex(1 / omega.squareRoot(), 0)
      gradient[offset] = unit
      return unit * Complex(p[0], 0)
    case .warburgOpen, .warburgShort:
      let s = Complex.sqrt(jw * Complex(p[1], 0))
      let t = Complex.tanh(s)
      let shape: Complex<Double>
      let dShape: Complex<Double>
      if self == .warburgOpen {
        let coth = Complex<Double>(1, 0) / t
        shape = coth / s
        dShape = -(coth * coth - Complex(1, 0)) / s - coth / (s * s)
      } else {
        shape = t / s
        dShape = (Complex(1, 0) - t * t) / s - t / (s * s)
      }
      let z = shape * Complex(p[0], 0)
      gradient[offset] = shape
      gradient[offset + 1] = Complex(p[0], 0) * dShape * s * Complex(1 / (2 * p[1]), 0)
      return z
    case .modifiedInductor:
      let power = jPower(omega, p[1])
      let z = power * Complex(p[0], 0)
      gradient[offset] = power
      gradient[offset + 1] = z * logJ(omega)
      return z
    case .gerischer:
      let u = Complex<Double>(1, omega * p[1])
      let z = Complex(p[0], 0) / Complex.sqrt(u)
      gradient[offset] = z * Complex(1 / p[0], 0)
      gradient[offset + 1] = -z * jw / (Complex(2, 0) * u)
      return z
    case .finiteGerischer:
      let u = Complex<Double>(1, omega * p[1])
      let v = Complex.sqrt(u)
      let t = Complex.tanh(v * Complex(p[2], 0))
      let d = v * t
      let z = Complex(p[0], 0) / d
      let sech2 = Complex(1, 0) - t * t
      gradient[offset] = z * Complex(1 / p[0], 0)
      let dDdv = t + v * Complex(p[2], 0) * sech2
      gradient[offset + 1] = -z / d * dDdv * jw / (Complex(2, 0) * v)
      gradient[offset + 2] = -z / d * v * v * sech2
      return z
    case .timeConstantRC:
      let denominator = Complex<Double>(1, omega * p[1])
      let z = Complex(p[0], 0) / denominator
      gradient[offset] = z * Complex(1 / p[0], 0)
      gradient[offset + 1] = -z * jw / denominator
      return z
    case .zarc:
      let x = jPower(omega * p[1], p[2])
      let onePlusX = Complex(1, 0) + x
      let z = Complex(p[0], 0) / onePlusX
      let common = -z / onePlusX * x
      gradient[offset] = z * Complex(1 / p[0], 0)
      gradient[offset + 1] = common * Complex(p[2] / p[1], 0)
      gradient[offset + 2] = common * logJ(omega * p[1])
      return z
    case .havriliakNegami:
      let x = jPower(omega * p[1], p[2])
      let onePlusX = Complex(1, 0) + x
      let logOnePlusX = Complex.log(onePlusX)
      let z = Complex(p[0], 0) * Complex.exp(logOnePlusX * Complex(-p[3], 0))
      let common = -z * Complex(p[3], 0) / onePlusX * x
      gradient[offset] = z * Complex(1 / p[0], 0)
      gradient[offset + 1] = common * Complex(p[2] / p[1], 0)
      gradient[offset + 2] = common * logJ(omega * p[1])
      gradient[offset + 3] = -z * logOnePlusX
      return z
    }
  }
}
