import Crystal
import Diffraction
import Foundation
import IonicsCore
import Plots

/// The files a simulated powder pattern is written to: the profile as
/// two-column text, a figure, and the reflection list as CSV.
package enum PowderPatternFiles {
  /// The profile on a 2θ grid (`range`, `step` in degrees) as `2θ intensity` lines.
  package static func xy(
    _ pattern: PowderPattern, profile: PeakProfile, range: ClosedRange<Double>, step: Double
  ) throws -> String {
    let curve = try pattern.profile(profile, range: range, step: step)
    return curve.map { fixed($0.twoTheta, 4) + " " + fixed($0.intensity, 4) }
      .joined(separator: "\n") + "\n"
  }

  /// The profile as an SVG figure.
  package static func figure(
    _ pattern: PowderPattern, of structure: CrystalStructure, profile: PeakProfile,
    range: ClosedRange<Double>, step: Double
  ) throws -> String {
    let curve = try pattern.profile(profile, range: range, step: step)
    return DiffractionPlots.stacked(
      [
        .init(
          "simulated (\(structure.name))", twoTheta: curve.map(\.twoTheta),
          intensity: curve.map(\.intensity), color: "#1f4e9c")
      ], radiation: pattern.radiation.name).svg
  }

  /// Every reflection family as a CSV row, units in the header.
  package static func reflectionsCSV(_ pattern: PowderPattern) -> String {
    var text = "two_theta_deg,d_angstrom,h,k,l,multiplicity,F,intensity,line\n"
    for p in pattern.peaks {
      for f in p.families {
        text += String(
          format: "%.4f,%.5f,%d,%d,%d,%d,%.3f,%.3f,%@\n", p.twoTheta, p.d, f.hkl.x, f.hkl.y,
          f.hkl.z, f.multiplicity, f.structureFactor, p.intensity, p.line ?? "")
      }
    }
    return text
  }
}
