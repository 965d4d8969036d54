import Foundation
import IonicsCore

/// X-ray atomic form factors f₀(s), s = sin θ/λ (Å⁻¹), and the anomalous
/// terms f′ + i f″ at the lab lines.
public enum FormFactorModel: String, Sendable, CaseIterable {
  /// Cromer–Mann coefficients of International Tables Vol. C (1992), Table
  /// 6.1.1.4: f₀ = Σ aᵢ exp(−bᵢ s²) + c, for neutral atoms and ions.
  case internationalTables = "it92"
  /// De Graef & McHenry's four Gaussians, f₀ = Z − 41.78214 s² Σ aᵢ exp(−bᵢ s²),
  /// neutral atoms only: the parameterisation pymatgen's XRDCalculator uses.
  case deGraef = "degraef"

  /// The name printed with results.
  public var citation: String {
    switch self {
    case .internationalTables:
      return "International Tables Vol. C (1992) Table 6.1.1.4 (Cromer–Mann coefficients)"
    case .deGraef: return "De Graef & McHenry, Structure of Materials (pymatgen's table)"
    }
  }
}

/// Form factors and anomalous dispersion looked up once per species.
struct AtomicScattering {
  /// International Tables rows by "symbol charge".
  static let internationalTables: [String: [Double]] = {
    var table: [String: [Double]] = [:]
    for row in ScatteringTables.internationalTables {
      let parts = row.split(separator: " ")
      guard parts.count == 11 else { continue }
      table["\(parts[0]) \(parts[1])"] = parts.dropFirst(2).compactMap { Double($0) }
    }
    return table
  }()

  static let deGraef: [String: [Double]] = {
    var table: [String: [Double]] = [:]
    for row in ScatteringTables.deGraef {
      let parts = row.split(separator: " ")
      guard parts.count == 9 else { continue }
      table[String(parts[0])] = parts.dropFirst().compactMap { Double($0) }
    }
    return table
  }()

  static let anomalous: [String: [Double]] = {
    var table: [String: [Double]] = [:]
    for row in ScatteringTables.anomalous {
      let parts = row.split(separator: " ")
      table[String(parts[0])] = parts.dropFirst().compactMap { Double($0) }
    }
    return table
  }()

  /// The coefficients for an element and charge: the ion's when tabulated,
  /// else the neutral atom's (`usedNeutral` says so).
  static func coefficients(_ model: FormFactorModel, _ element: Element, charge: Int?)
    -> (values: [Double], usedNeutral: Bool)?
  {
    switch model {
    case .internationalTables:
      if let charge, charge != 0, let ion = internationalTables["\(element.symbol) \(charge)"] {
        return (ion, false)
      }
      return internationalTables["\(element.symbol) 0"].map { ($0, charge != nil && charge != 0) }
    case .deGraef:
      return deGraef[element.symbol].map { ($0, charge != nil && charge != 0) }
    }
  }

  /// f₀ at s² = (sin θ/λ)², Å⁻².
  static func f0<C: RandomAccessCollection<Double>>(
    _ model: FormFactorModel, _ c: C, atomicNumber z: Int, s2: Double
  ) -> Double where C.Index == Int {
    let c0 = c.startIndex
    switch model {
    case .internationalTables:
      var f = c[c0 + 8]
      for i in 0..<4 { f += c[c0 + i] * exp(-c[c0 + 4 + i] * s2) }
      return f
    case .deGraef:
      var sum = 0.0
      for i in 0..<4 { sum += c[c0 + 2 * i] * exp(-c[c0 + 2 * i + 1] * s2) }
      return Double(z) - 41.78214 * s2 * sum
    }
  }

  /// f′, f″ (electrons) of an element at a tabulated line.
  static func dispersion(_ element: Element, line: String) -> (Double, Double)? {
    guard let k = ScatteringTables.lines.firstIndex(where: { $0.name == line }),
      let row = anomalous[element.symbol], row.count >= 2 * k + 2
    else { return nil }
    return (row[2 * k], row[2 * k + 1])
  }
}
