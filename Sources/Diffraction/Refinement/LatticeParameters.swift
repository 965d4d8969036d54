import Crystal
import Foundation
import IonicsCore

/// The free cell parameters of a lattice system: the cell is written with
/// only those, so that a refinement keeps its symmetry (a cubic a = b = c,
/// α = β = γ = 90°).
public struct LatticeParameters: Sendable, Equatable, Codable {
  /// The lattice systems refined.
  public enum System: String, Sendable, Codable {
    /// a.
    case cubic
    /// a, c (a = b).
    case tetragonal
    /// a, c (a = b, γ = 120°), also trigonal groups in hexagonal axes.
    case hexagonal
    /// a, α (a = b = c, α = β = γ): trigonal groups in rhombohedral axes.
    case rhombohedral
    /// a, b, c.
    case orthorhombic
    /// a, b, c, β (unique axis b).
    case monoclinic
    /// a, b, c, α, β, γ.
    case triclinic
  }

  /// The system.
  public var system: System
  /// a, b, c (Å) and α, β, γ (degrees).
  public var a, b, c, alpha, beta, gamma: Double

  /// The cell as given; `system` says which of its parameters are free.
  public init(system: System, a: Double, b: Double, c: Double, alpha: Double, beta: Double, gamma: Double) {
    self.system = system
    (self.a, self.b, self.c, self.alpha, self.beta, self.gamma) = (a, b, c, alpha, beta, gamma)
  }

  /// The system of a space group's crystal system ("cubic", "trigonal", …)
  /// and cell (trigonal cells with α ≠ 90° are rhombohedral).
  public static func system(crystalSystem: String, alpha: Double) -> System {
    switch crystalSystem.lowercased() {
    case "cubic": return .cubic
    case "tetragonal": return .tetragonal
    case "hexagonal": return .hexagonal
    case "trigonal": return abs(alpha - 90) > 1e-6 ? .rhombohedral : .hexagonal
    case "orthorhombic": return .orthorhombic
    case "monoclinic": return .monoclinic
    default: return .triclinic
    }
  }

  /// Names of the free parameters, in order.
  public var freeNames: [String] {
    switch system {
    case .cubic: return ["a"]
    case .tetragonal, .hexagonal: return ["a", "c"]
    case .rhombohedral: return ["a", "alpha"]
    case .orthorhombic: return ["a", "b", "c"]
    case .monoclinic: return ["a", "b", "c", "beta"]
    case .triclinic: return ["a", "b", "c", "alpha", "beta", "gamma"]
    }
  }

  /// The free parameters' values (Å, degrees).
  public var free: [Double] {
    get {
      switch system {
      case .cubic: return [a]
      case .tetragonal, .hexagonal: return [a, c]
      case .rhombohedral: return [a, alpha]
      case .orthorhombic: return [a, b, c]
      case .monoclinic: return [a, b, c, beta]
      case .triclinic: return [a, b, c, alpha, beta, gamma]
      }
    }
    set {
      let v = newValue
      switch system {
      case .cubic: (a, b, c) = (v[0], v[0], v[0])
      case .tetragonal: (a, b, c) = (v[0], v[0], v[1])
      case .hexagonal: (a, b, c, gamma) = (v[0], v[0], v[1], 120)
      case .rhombohedral: (a, b, c, alpha, beta, gamma) = (v[0], v[0], v[0], v[1], v[1], v[1])
      case .orthorhombic: (a, b, c) = (v[0], v[1], v[2])
      case .monoclinic: (a, b, c, beta) = (v[0], v[1], v[2], v[3])
      case .triclinic: (a, b, c, alpha, beta, gamma) = (v[0], v[1], v[2], v[3], v[4], v[5])
      }
    }
  }

  /// The cell as Crystal's ``UnitCell`` (no uncertainties).
  public var cell: UnitCell {
    UnitCell(
      a: Measured(a), b: Measured(b), c: Measured(c), alpha: Measured(alpha), beta: Measured(beta),
      gamma: Measured(gamma))
  }

  /// Cell volume, Å³.
  public var volume: Double { cell.volume.value }

  /// 1/d² of reflection hkl, Å⁻², from the reciprocal metric tensor.
  public func inverseDSquared(_ hkl: SIMD3<Int>) -> Double {
    let g = cell.reciprocalMetricTensor
    let h = [Double(hkl.x), Double(hkl.y), Double(hkl.z)]
    var sum = 0.0
    for i in 0..<3 { for j in 0..<3 { sum += h[i] * g[i][j] * h[j] } }
    return sum
  }
}
