import Foundation

/// Atomic concentrations from photoelectron peak areas: cᵢ = Aᵢ / (Sᵢ ·
/// E_kin^(x_λ + x_T)), atomic % = 100 cᵢ/Σc, with Sᵢ the relative
/// sensitivity factor (Scofield's photoionisation cross-section relative to
/// C 1s), E_kin^x_λ the inelastic mean free path (x_λ = 0.6 by default, as
/// CasaXPS does; 0 turns it off) and E_kin^x_T the analyser transmission
/// (x_T = 0 by default: a transmission-corrected spectrum, or one whose
/// instrument says; −0.5 to −1 for uncorrected retarding modes).
public enum XPSQuantification {
  /// Relative sensitivity factors for Al Kα: Scofield's cross-sections
  /// (J. H. Scofield, J. Electron Spectrosc. Relat. Phenom. 8, 129 (1976))
  /// relative to C 1s, as CasaXPS' and Avantage's libraries carry them; the
  /// Fe 2p value is the RSF of the shared data's CasaXPS FeO quantification.
  public static let scofieldAlKalpha: [String: Double] = [
    "C 1s": 1.00, "N 1s": 1.80, "O 1s": 2.93, "F 1s": 4.43, "Na 1s": 8.52, "Si 2p": 0.817, "P 2p": 1.19,
    "S 2p": 1.68, "Cl 2p": 2.29, "Fe 2p": 16.42,
  ]

  /// One line to quantify.
  public struct Line: Sendable, Equatable {
    /// Its label ("F 1s").
    public var label: String
    /// Peak area above the background (counts·eV/s, or any unit shared by all lines).
    public var area: Double
    /// Standard error of the area (0 when unknown).
    public var areaError: Double
    /// Binding energy of the peak, eV (for the kinetic-energy corrections).
    public var bindingEnergy: Double

    /// A line.
    public init(label: String, area: Double, areaError: Double = 0, bindingEnergy: Double) {
      self.label = label
      self.area = area
      self.areaError = areaError
      self.bindingEnergy = bindingEnergy
    }
  }

  /// One line's share.
  public struct Share: Sendable, Equatable, Codable {
    /// The line.
    public var label: String
    /// Area as given.
    public var area: Double
    /// Relative sensitivity factor used.
    public var sensitivity: Double
    /// Kinetic-energy factor E_kin^(x_λ + x_T) used.
    public var kineticFactor: Double
    /// Atomic percent.
    public var atomicPercent: Double
    /// Its standard error from the areas' errors.
    public var atomicPercentError: Double
  }

  /// Why lines cannot be quantified.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    /// What is missing or wrong.
    public var description: String
  }

  /// The atomic percent of each line; `sensitivities` overrides or extends
  /// the Scofield table.
  public static func atomicPercent(
    _ lines: [Line], photonEnergy: Double = 1486.6, sensitivities: [String: Double] = [:],
    meanFreePathExponent: Double = 0.6, transmissionExponent: Double = 0
  ) throws -> [Share] {
    guard !lines.isEmpty else { throw Failure(description: "no lines to quantify") }
    let table = scofieldAlKalpha.merging(sensitivities) { $1 }
    var corrected: [(Double, Double, Double, Double)] = []
    for line in lines {
      guard let s = table[line.label], s > 0 else {
        throw Failure(
          description: "no sensitivity factor for \(line.label) (known: \(table.keys.sorted().joined(separator: ", ")); give one)")
      }
      let kinetic = photonEnergy - line.bindingEnergy
      guard kinetic > 0, line.area.isFinite, line.area >= 0 else {
        throw Failure(description: "\(line.label): a positive kinetic energy and a finite area are needed")
      }
      let factor = pow(kinetic, meanFreePathExponent + transmissionExponent)
      corrected.append((line.area / (s * factor), line.areaError / (s * factor), s, factor))
    }
    let total = corrected.reduce(0) { $0 + $1.0 }
    guard total > 0 else { throw Failure(description: "every area is zero") }
    return lines.enumerated().map { k, line in
      let (c, _, s, f) = corrected[k]
      // ∂pₖ/∂cⱼ = (δₖⱼ Σ − cₖ)/Σ²
      var variance = 0.0
      for (j, other) in corrected.enumerated() {
        let derivative = ((j == k ? total : 0) - c) / (total * total)
        variance += derivative * derivative * other.1 * other.1
      }
      return Share(
        label: line.label, area: line.area, sensitivity: s, kineticFactor: f, atomicPercent: 100 * c / total,
        atomicPercentError: 100 * variance.squareRoot())
    }
  }

  /// Each region's area above an iterative Shirley background (per second
  /// when the dwell is known, so that regions of different dwell and scans
  /// compare) and the binding energy of its maximum: the survey-style
  /// quantification, with no peak fit.
  public static func regionAreas(_ spectra: [PhotoelectronSpectrum]) -> [Line] {
    spectra.compactMap { s in
      guard let binding = s.bindingEnergies, binding.count >= 8 else { return nil }
      let signal = s.countsPerSecond ?? s.signal
      let order = binding.indices.sorted { binding[$0] < binding[$1] }
      let e = order.map { binding[$0] }, y = order.map { signal[$0] }
      let background = XPSBackground.shirley(e, y).background
      var area = 0.0
      for i in 1..<e.count { area += 0.5 * ((y[i] - background[i]) + (y[i - 1] - background[i - 1])) * (e[i] - e[i - 1]) }
      guard let top = y.indices.max(by: { y[$0] - background[$0] < y[$1] - background[$1] }) else { return nil }
      return Line(label: s.label, area: area, bindingEnergy: e[top])
    }
  }
}
