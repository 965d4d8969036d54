import Foundation

/// Backgrounds of a photoelectron region, on a binding-energy axis sorted
/// ascending (the inelastic tail rises toward high binding energy). The end
/// intensities are averaged over `averaging` points at each end.
public enum XPSBackground {
  /// Linear between the averaged end intensities.
  public static func linear(_ energies: [Double], _ signal: [Double], averaging: Int = 3) -> [Double] {
    guard let first = energies.first, let last = energies.last, last != first else { return signal }
    let (lo, hi) = ends(signal, averaging)
    return energies.map { lo + (hi - lo) * ($0 - first) / (last - first) }
  }

  /// The iterative Shirley background (Proctor & Sherwood, Anal. Chem. 54
  /// (1982) 13): B(E) = I_low + (I_high − I_low)·A(E)/A, where A(E) is the
  /// area of the signal above the background from the low-binding-energy
  /// end to E (trapezoids) and A the whole area; iterated until it changes
  /// by less than `tolerance` of I_high − I_low (at most 100 times). When
  /// that iteration does not converge or leaves [I_low, I_high], it is
  /// repeated with only the signal above the background integrated. Returns
  /// the background and the number of iterations.
  public static func shirley(
    _ energies: [Double], _ signal: [Double], averaging: Int = 3, tolerance: Double = 1e-9
  ) -> (background: [Double], iterations: Int) {
    let plain = shirleyIteration(energies, signal, averaging: averaging, tolerance: tolerance, clamped: false)
    let (lo, hi) = ends(signal, averaging)
    let inside = plain.background.allSatisfy { $0 >= min(lo, hi) - 1e-9 * abs(hi - lo) && $0 <= max(lo, hi) + 1e-9 * abs(hi - lo) }
    if plain.iterations < 100, inside { return plain }
    // Where the data dip below the background (an end higher than the
    // plateau before it) the plain iteration diverges; then only the signal
    // above the background feeds the step.
    return shirleyIteration(energies, signal, averaging: averaging, tolerance: tolerance, clamped: true)
  }

  static func shirleyIteration(
    _ energies: [Double], _ signal: [Double], averaging: Int, tolerance: Double, clamped: Bool
  ) -> (background: [Double], iterations: Int) {
    let n = signal.count
    guard n > 2, energies.count == n else { return (signal, 0) }
    let (lo, hi) = ends(signal, averaging)
    var background = Array(repeating: lo, count: n)
    var cumulative = Array(repeating: 0.0, count: n)
    for iteration in 1...100 {
      for i in 1..<n {
        var a = signal[i - 1] - background[i - 1]
        var b = signal[i] - background[i]
        if clamped {
          a = max(a, 0)
          b = max(b, 0)
        }
        cumulative[i] = cumulative[i - 1] + 0.5 * (a + b) * (energies[i] - energies[i - 1])
      }
      let total = cumulative[n - 1]
      guard total != 0, total.isFinite else { return (background, iteration) }
      var change = 0.0
      for i in 0..<n {
        let next = lo + (hi - lo) * cumulative[i] / total
        change = max(change, abs(next - background[i]))
        background[i] = next
      }
      if change <= tolerance * max(abs(hi - lo), 1e-300) { return (background, iteration) }
    }
    return (background, 100)
  }

  /// Tougaard's universal cross-section for inelastic losses:
  /// K(T) = B·T/((C + T²)² ) with C = 1643 eV² (Tougaard, Surf. Interface
  /// Anal. 11 (1988) 453), or the three-parameter form
  /// K(T) = B·T/((C − T²)² + D·T²) when `d` is given (CasaXPS's "U 3
  /// Tougaard", C and D in eV² ); T is the energy lost, eV. Losses below
  /// `threshold` (T₀, eV) are zero, as in CasaXPS' U 3/U 4 Tougaard.
  public struct CrossSection: Sendable, Equatable {
    /// B, eV².
    public var b: Double
    /// C, eV².
    public var c: Double
    /// D, eV² (nil: the two-parameter form).
    public var d: Double?
    /// Loss threshold T₀, eV (K = 0 for T < T₀).
    public var threshold: Double

    /// The universal two-parameter cross-section (B = 2866 eV², C = 1643 eV²).
    public static let universal = CrossSection(b: 2866, c: 1643, d: nil)

    /// A cross-section.
    public init(b: Double, c: Double, d: Double?, threshold: Double = 0) {
      self.b = b
      self.c = c
      self.d = d
      self.threshold = threshold
    }

    /// K(T), eV⁻¹.
    public func value(_ t: Double) -> Double {
      guard t > 0, t >= threshold - 1e-9 else { return 0 }
      if let d { return b * t / ((c - t * t) * (c - t * t) + d * t * t) }
      return b * t / ((c + t * t) * (c + t * t))
    }
  }

  /// The Tougaard background: B(E) = ∫ K(E − E′)·[J(E′) − J_low] dE′ over
  /// E′ < E (binding energies), on top of the low-binding-energy end level;
  /// with `scaled`, B is scaled so that it meets the averaged signal at the
  /// high-binding-energy end (as CasaXPS does). `lowLevel`, when given,
  /// replaces the averaged low-binding-energy end level.
  public static func tougaard(
    _ energies: [Double], _ signal: [Double], crossSection: CrossSection = .universal,
    averaging: Int = 3, scaled: Bool = true, lowLevel: Double? = nil
  ) -> [Double] {
    let n = signal.count
    guard n > 2, energies.count == n else { return signal }
    let (averagedLow, hi) = ends(signal, averaging)
    let lo = lowLevel ?? averagedLow
    var loss = Array(repeating: 0.0, count: n)
    for i in 1..<n {
      var sum = 0.0
      for j in 0..<i {
        let step = j == 0 ? 0.5 * (energies[1] - energies[0]) : 0.5 * (energies[min(j + 1, n - 1)] - energies[j - 1])
        sum += crossSection.value(energies[i] - energies[j]) * (signal[j] - lo) * step
      }
      loss[i] = sum
    }
    let scale = scaled && loss[n - 1] != 0 ? (hi - lo) / loss[n - 1] : 1
    return loss.map { lo + scale * $0 }
  }

  /// Mean of the first and of the last `m` points.
  static func ends(_ signal: [Double], _ m: Int) -> (low: Double, high: Double) {
    let k = max(1, min(m, signal.count / 2))
    let low = signal.prefix(k).reduce(0, +) / Double(k)
    let high = signal.suffix(k).reduce(0, +) / Double(k)
    return (low, high)
  }
}
