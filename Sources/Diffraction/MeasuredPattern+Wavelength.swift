import Foundation

/// The wavelength that text headers state, for the column and GSAS readers.
extension MeasuredPattern {
  /// The Kα1 wavelength of the anode a Bruker DIFFRAC.EVA header names
  /// (`Anode: "Cu"`), Å; nil when none is named.
  static func anodeWavelength(_ lines: [String]) -> Double? {
    for line in lines {
      guard let range = line.range(of: "Anode: \"") else { continue }
      let anode = line[range.upperBound...].prefix { $0 != "\"" }
      return ScatteringTables.lines.first { $0.name == anode + "Ka1" }?.wavelength
    }
    return nil
  }

  /// λ from a header comment such as `# Calibrated wavelength = 0.413909`
  /// (APS 11-BM) or `Wavelength: 1.5406`, in Å; nil when none is stated.
  static func statedWavelength(_ lines: [String]) -> Double? {
    for line in lines {
      let lower = line.lowercased()
      guard let range = lower.range(of: "wavelength") else { continue }
      let rest = lower[range.upperBound...].drop { !"0123456789.".contains($0) }
      let number = rest.prefix { "0123456789.eE-".contains($0) }
      if let lambda = Double(number), lambda > 0.05, lambda < 20 { return lambda }
    }
    return nil
  }
}
