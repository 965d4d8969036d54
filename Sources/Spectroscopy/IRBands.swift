import Foundation
import IonicsNumerics

/// A band found in a baseline-corrected spectrum.
public struct IRBand: Sendable, Equatable, Codable {
  /// Position of the maximum, cm⁻¹ (parabola through the top three points).
  public var position: Double
  /// Height above the baseline, in the ordinate's units.
  public var height: Double
  /// Full width at half height, cm⁻¹ (interpolated; nil when a half-height
  /// crossing lies beyond the band's bases).
  public var fwhm: Double?
  /// Integral between the band's bases, ordinate × cm⁻¹.
  public var area: Double
  /// Prominence in multiples of the spectrum's noise (nil for a noiseless curve).
  public var signalToNoise: Double?
  /// Group vibrations whose windows hold the position.
  public var assignments: [IRBandAssignment]
}

extension ProcessedIRSpectrum {
  /// The bands whose prominence is at least `minimumSignalToNoise` × the
  /// noise and 1 % of the tallest corrected value, by decreasing height.
  public func bands(minimumSignalToNoise: Double = 10, table: [IRBandAssignment] = IRBandAssignments.table) -> [IRBand] {
    let c = corrected
    guard let top = c.max(), top > 0 else { return [] }
    let threshold = max(minimumSignalToNoise * noise, 0.01 * top)
    return ProminentPeaks.find(c, minimumProminence: threshold).map { peak in
      let i = peak.index
      var position = wavenumbers[i]
      if i > 0, i + 1 < c.count {
        let a = c[i - 1], b = c[i], d = c[i + 1]
        let denominator = a - 2 * b + d
        if denominator < 0 {
          let shift = 0.5 * (a - d) / denominator
          position = wavenumbers[i] + shift * (wavenumbers[i + 1] - wavenumbers[i - 1]) / 2
        }
      }
      let half = c[i] / 2
      func crossing(_ direction: Int, limit: Int) -> Double? {
        var k = i
        while k != limit, c[k] > half { k += direction }
        guard c[k] <= half else { return nil }
        let j = k - direction
        let t = (c[j] - half) / (c[j] - c[k])
        return wavenumbers[j] + t * (wavenumbers[k] - wavenumbers[j])
      }
      let left = crossing(-1, limit: peak.leftBase), right = crossing(1, limit: peak.rightBase)
      var width: Double?
      if let left, let right { width = abs(right - left) }
      var area = 0.0
      let lo = min(peak.leftBase, peak.rightBase), hi = max(peak.leftBase, peak.rightBase)
      if hi > lo {
        for k in (lo + 1)...hi { area += 0.5 * (c[k - 1] + c[k]) * abs(wavenumbers[k] - wavenumbers[k - 1]) }
      }
      return IRBand(
        position: position, height: c[i], fwhm: width, area: area,
        signalToNoise: noise > 0 ? peak.prominence / noise : nil,
        assignments: IRBandAssignments.candidates(for: position, in: table))
    }
    .sorted { $0.height > $1.height }
  }
}
