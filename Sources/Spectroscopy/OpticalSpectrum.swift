import Foundation

/// An optical spectrum (IR, Raman, UV–vis) as a file gives it: one curve,
/// its axis units as written, and where it came from.
public struct OpticalSpectrum: Sendable, Equatable {
  /// The title or sample name the file gives.
  public var title: String
  /// The kind of data ("INFRARED SPECTRUM", "Absorbance"), as written.
  public var dataType: String
  /// Abscissa units as written ("1/CM", "cm-1", "NANOMETERS").
  public var xUnits: String
  /// Ordinate units as written ("TRANSMITTANCE", "ABSORBANCE", "%Reflectance").
  public var yUnits: String
  /// Abscissa values in file order.
  public var x: [Double]
  /// Ordinate values, scaled as the file says.
  public var y: [Double]
  /// The format and block the curve was read from ("JCAMP-DX 4.24",
  /// "Bruker OPUS AB", "Thermo OMNIC .spa").
  public var origin: String = ""

  /// A spectrum from its parts.
  public init(
    title: String, dataType: String, xUnits: String, yUnits: String, x: [Double], y: [Double], origin: String = ""
  ) {
    self.title = title
    self.dataType = dataType
    self.xUnits = xUnits
    self.yUnits = yUnits
    self.x = x
    self.y = y
    self.origin = origin
  }

  /// What the ordinate holds, from `yUnits` and `dataType`.
  public var ordinate: OpticalOrdinate { OpticalOrdinate(units: yUnits + " " + dataType) }

  /// The abscissa in wavenumbers (cm⁻¹): as stored when the units are
  /// wavenumbers or Raman shift, converted from nm (10⁷/λ) or µm (10⁴/λ);
  /// nil for any other unit (or a non-positive wavelength).
  public var wavenumbers: [Double]? {
    let u = xUnits.lowercased()
    if u.contains("cm") || u.contains("wavenumber") { return x }
    let factor: Double
    if u.contains("nm") || u.contains("nanomet") {
      factor = 1e7
    } else if u.contains("µm") || u.contains("um") || u.contains("micromet") {
      factor = 1e4
    } else {
      return nil
    }
    guard x.allSatisfy({ $0 > 0 }) else { return nil }
    return x.map { factor / $0 }
  }
}

/// The quantity on an optical spectrum's ordinate.
public enum OpticalOrdinate: String, Sendable, Codable, CaseIterable {
  /// Absorbance, −log₁₀ T (dimensionless).
  case absorbance
  /// Transmittance as a fraction (0–1).
  case transmittance
  /// Transmittance in percent (0–100).
  case transmittancePercent = "transmittance-percent"
  /// Reflectance as a fraction (0–1).
  case reflectance
  /// Reflectance in percent (0–100).
  case reflectancePercent = "reflectance-percent"
  /// log₁₀(1/R), the pseudo-absorbance of diffuse reflectance.
  case logInverseReflectance = "log-inverse-reflectance"
  /// The Kubelka–Munk function (1 − R)²/(2R).
  case kubelkaMunk = "kubelka-munk"
  /// A single-channel (sample or background) intensity, arbitrary units.
  case singleChannel = "single-channel"
  /// Any other intensity (Raman counts, arbitrary units).
  case intensity
  /// Units the file does not state.
  case unknown

  /// The ordinate named by a units or data-type text ("%T", "ABSORBANCE",
  /// "Log(1/R)", "Kubelka-Munk").
  public init(units: String) {
    let u = units.lowercased()
    if u.contains("kubelka") || u.contains("k-m") {
      self = .kubelkaMunk
    } else if u.contains("log(1/r)") || u.contains("log 1/r") || u.contains("log reflect") {
      self = .logInverseReflectance
    } else if u.contains("absorb") || u.contains("a.u.") && u.contains("abs") {
      self = .absorbance
    } else if u.contains("transmit") || u.contains("%t") {
      self = u.contains("%") || u.contains("percent") ? .transmittancePercent : .transmittance
    } else if u.contains("reflect") || u.contains("%r") {
      self = u.contains("%") || u.contains("percent") ? .reflectancePercent : .reflectance
    } else if u.contains("single") {
      self = .singleChannel
    } else if u.contains("count") || u.contains("intens") || u.contains("raman") || u.contains("arbitrary") {
      self = .intensity
    } else {
      self = .unknown
    }
  }

  /// How the quantity is written on a figure's axis.
  public var axisLabel: String {
    switch self {
    case .absorbance: return "Absorbance"
    case .transmittance: return "Transmittance"
    case .transmittancePercent: return "Transmittance (%)"
    case .reflectance: return "Reflectance"
    case .reflectancePercent: return "Reflectance (%)"
    case .logInverseReflectance: return "log(1/R)"
    case .kubelkaMunk: return "Kubelka–Munk F(R)"
    case .singleChannel: return "Single channel (a.u.)"
    case .intensity: return "Intensity (a.u.)"
    case .unknown: return "Intensity"
    }
  }
}
