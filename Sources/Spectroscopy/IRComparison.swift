import Foundation

/// How two spectra are put on one scale before they are compared.
public enum IRNormalisation: Sendable, Equatable, Codable {
  /// Each divided by its largest corrected value.
  case maximum
  /// Each divided by its corrected area over the common range.
  case area
  /// Each divided by its corrected area over [low, high] cm⁻¹: a band that
  /// the treatment does not touch (the C≡N stretch of a cyanide framework).
  case band(low: Double, high: Double)
  /// As measured.
  case none

  /// A short statement for the record.
  public var summary: String {
    switch self {
    case .maximum: return "to the maximum"
    case .area: return "to the area over the common range"
    case .band(let low, let high): return "to the band area \(Int(low.rounded()))–\(Int(high.rounded())) cm⁻¹"
    case .none: return "none"
    }
  }
}

/// What happened to a band between two spectra.
public enum IRBandVerdict: String, Sendable, Codable {
  /// Detected in both, with no significant change of area.
  case present
  /// Detected in both, the later area smaller by more than 3σ and 10 %.
  case weakened
  /// Detected in both, the later area larger by more than 3σ and 10 %.
  case strengthened
  /// Detected before, not after.
  case absent
  /// Not detected before, detected after.
  case appeared
}

/// One band window compared between two spectra.
public struct IRBandChange: Sendable, Equatable, Codable {
  /// The group vibration and its window.
  public var band: IRBandAssignment
  /// Normalised area before, and its standard error.
  public var areaBefore: Double
  /// See `areaBefore`.
  public var errorBefore: Double
  /// Normalised area after, and its standard error.
  public var areaAfter: Double
  /// See `areaAfter`.
  public var errorAfter: Double
  /// The verdict.
  public var verdict: IRBandVerdict
  /// Fraction of the band lost (1 − after/before; negative when it grew),
  /// nil when there was no band before.
  public var fractionLost: Double?
}

/// Two spectra of one sample before and after a treatment (drying,
/// cycling), on one scale, their difference and a verdict per band window.
public struct IRComparison: Sendable, Equatable {
  /// Wavenumbers of the comparison grid (those of `before` inside the common range), cm⁻¹.
  public var wavenumbers: [Double]
  /// Normalised corrected `before` on the grid.
  public var before: [Double]
  /// Normalised corrected `after`, interpolated onto the grid.
  public var after: [Double]
  /// `after − before`.
  public var difference: [Double] { zip(after, before).map { $0 - $1 } }
  /// The normalisation used.
  public var normalisation: IRNormalisation
  /// Every band window that holds the maximum of a band (prominence of at
  /// least `minimumSignalToNoise` × the noise) in either spectrum.
  public var changes: [IRBandChange]

  /// A band counts as detected when its window area exceeds `detection` ×
  /// its standard error; a change counts when it exceeds 3σ and 10 %.
  /// Windows without a band maximum in either spectrum are left out, so that
  /// the tail of a broad band in a neighbouring window is not taken for a band.
  public init(
    before b: ProcessedIRSpectrum, after a: ProcessedIRSpectrum, normalisation: IRNormalisation = .maximum,
    table: [IRBandAssignment] = IRBandAssignments.table, detection: Double = 5, minimumSignalToNoise: Double = 10
  ) throws(SpectroscopyError) {
    let low = max(b.wavenumbers.min() ?? 0, a.wavenumbers.min() ?? 0)
    let high = min(b.wavenumbers.max() ?? 0, a.wavenumbers.max() ?? 0)
    guard high > low else {
      throw .malformed(file: "comparison", line: 0, expected: "two spectra with overlapping wavenumber ranges")
    }
    func scale(_ s: ProcessedIRSpectrum) throws(SpectroscopyError) -> Double {
      let value: Double?
      switch normalisation {
      case .none: value = 1
      case .maximum:
        value = zip(s.wavenumbers, s.corrected).filter { $0.0 >= low && $0.0 <= high }.map(\.1).max()
      case .area: value = s.area(from: low, to: high)?.area
      case .band(let l, let h): value = s.area(from: l, to: h)?.area
      }
      guard let value, value > 0, value.isFinite else {
        throw .malformed(
          file: "comparison", line: 0, expected: "a positive value to normalise \(normalisation.summary) in both spectra")
      }
      return value
    }
    let sb = try scale(b), sa = try scale(a)
    let grid = b.wavenumbers.indices.filter { b.wavenumbers[$0] >= low && b.wavenumbers[$0] <= high }
    wavenumbers = grid.map { b.wavenumbers[$0] }
    let cb = b.corrected, ca = a.corrected
    before = grid.map { cb[$0] / sb }
    let order = a.wavenumbers.indices.sorted { a.wavenumbers[$0] < a.wavenumbers[$1] }
    let xs = order.map { a.wavenumbers[$0] }, ys = order.map { ca[$0] / sa }
    after = wavenumbers.map { Self.interpolate(xs, ys, at: $0) }
    self.normalisation = normalisation
    let maxima = (b.bands(minimumSignalToNoise: minimumSignalToNoise) + a.bands(minimumSignalToNoise: minimumSignalToNoise))
      .map(\.position)
    var changes: [IRBandChange] = []
    for band in table where band.low >= low && band.high <= high && maxima.contains(where: band.contains) {
      guard let pb = b.area(from: band.low, to: band.high), let pa = a.area(from: band.low, to: band.high) else { continue }
      let (ab, eb) = (pb.area / sb, pb.error / sb)
      let (aa, ea) = (pa.area / sa, pa.error / sa)
      let seenBefore = ab > detection * eb, seenAfter = aa > detection * ea
      guard seenBefore || seenAfter else { continue }
      let combined = (eb * eb + ea * ea).squareRoot()
      let verdict: IRBandVerdict
      switch (seenBefore, seenAfter) {
      case (true, false): verdict = .absent
      case (false, true): verdict = .appeared
      default:
        if ab - aa > 3 * combined && aa < 0.9 * ab {
          verdict = .weakened
        } else if aa - ab > 3 * combined && aa > 1.1 * ab {
          verdict = .strengthened
        } else {
          verdict = .present
        }
      }
      changes.append(
        IRBandChange(
          band: band, areaBefore: ab, errorBefore: eb, areaAfter: aa, errorAfter: ea, verdict: verdict,
          fractionLost: seenBefore ? 1 - aa / ab : nil))
    }
    self.changes = changes
  }

  static func interpolate(_ x: [Double], _ y: [Double], at v: Double) -> Double {
    guard let first = x.first, let last = x.last else { return .nan }
    if v <= first { return y[0] }
    if v >= last { return y[y.count - 1] }
    var lo = 0, hi = x.count - 1
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if x[mid] <= v { lo = mid } else { hi = mid }
    }
    let t = x[hi] == x[lo] ? 0 : (v - x[lo]) / (x[hi] - x[lo])
    return y[lo] + t * (y[hi] - y[lo])
  }
}
