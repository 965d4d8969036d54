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
}
