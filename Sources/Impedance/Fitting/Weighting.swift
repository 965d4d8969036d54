import ComplexModule
import RealModule

/// How the residuals of a complex fit are weighted. χ² = Σᵢ [w′ᵢ·(ΔZ′ᵢ)² + w″ᵢ·(ΔZ″ᵢ)²]
/// with ΔZ = Z_model − Z_data.
public enum Weighting: String, Sendable, Codable, CaseIterable {
  /// w′ = w″ = 1: absolute residuals; the largest |Z| dominate.
  case unity
  /// w′ = 1/Z′², w″ = 1/Z″² of the data: each part relative to itself.
  case proportional
  /// w′ = w″ = 1/|Z|² of the data: residuals relative to the modulus, so
  /// every decade of a spectrum whose |Z| spans decades counts (the default).
  case modulus
  /// w′ = w″ = 1/|Z_model|² (Boukamp 1995): like modulus, with the model's modulus.
  case boukamp

  /// The χ² definition, printed with every fit.
  public var chiSquaredDefinition: String {
    switch self {
    case .unity: return "χ² = Σ [(Z′fit − Z′)² + (Z″fit − Z″)²]  (unity weights, Ω²)"
    case .proportional:
      return "χ² = Σ [(Z′fit − Z′)²/Z′² + (Z″fit − Z″)²/Z″²]  (proportional weights)"
    case .modulus: return "χ² = Σ [(Z′fit − Z′)² + (Z″fit − Z″)²]/|Z|²  (modulus weights)"
    case .boukamp: return "χ² = Σ [(Z′fit − Z′)² + (Z″fit − Z″)²]/|Zfit|²  (Boukamp weights)"
    }
  }

  /// √w′ and √w″ for a data point (model-independent weightings).
  func rootWeights(_ z: Complex<Double>) -> (Double, Double) {
    switch self {
    case .unity, .boukamp: return (1, 1)
    case .proportional:
      return (z.real != 0 ? 1 / abs(z.real) : 0, z.imaginary != 0 ? 1 / abs(z.imaginary) : 0)
    case .modulus:
      let m = z.length
      return m > 0 ? (1 / m, 1 / m) : (0, 0)
    }
  }
}
