import Foundation

/// How the sample meets the beam, which decides how a sample displaced from
/// the goniometer's axis shifts the peaks.
public enum PowderGeometry: String, Sendable, Codable, CaseIterable {
  /// Reflection from a flat plate (laboratory diffractometers):
  /// Δ2θ = −2s·cosθ/R for a plate displaced by s.
  case braggBrentano = "bragg-brentano"
  /// Transmission through a capillary (synchrotron, Debye–Scherrer):
  /// Δ2θ = −s·cos2θ/R for a capillary displaced by s along the beam.
  case debyeScherrer = "debye-scherrer"
}

/// The diffractometer of a constant-wavelength powder pattern: radiation,
/// geometry, zero shift, sample displacement and the instrument's peak
/// profile. Peaks sit at 2θ = 2θ_Bragg + zero + Δ2θ(displacement), the
/// conventions of GSAS-II (zero added; displacement in µm with a goniometer
/// radius R in mm).
public struct PowderInstrument: Sendable, Equatable {
  /// The wavelengths and their weights (the second line's weight is the Kα2 ratio).
  public var radiation: XRayRadiation
  /// Reflection or transmission.
  public var geometry: PowderGeometry
  /// Goniometer radius R, mm (GSAS-II's default is 200 mm).
  public var radius: Double
  /// Zero shift, degrees 2θ.
  public var zero: Double
  /// Sample displacement s, µm: the plate's height (Bragg–Brentano) or the
  /// capillary's offset across the beam (Debye–Scherrer).
  public var displacement: Double
  /// The capillary's offset along the beam, µm (Debye–Scherrer only):
  /// Δ2θ = −t·sin2θ/R.
  public var displacementAlongBeam: Double = 0
  /// Sample transparency 1/μ_eff, µm (Bragg–Brentano only): the beam
  /// enters a weakly absorbing sample, which moves peaks by
  /// Δ2θ = −sin 2θ/(2μ_eff R) (radians).
  public var transparency: Double = 0
  /// The instrument's peak widths (U, V, W, X, Y).
  public var profile: PowderProfile
  /// Axial-divergence asymmetry.
  public var asymmetry: AxialDivergence
  /// Polarisation fraction of the beam (0.99 at a synchrotron), when stated.
  public var polarization: Double?
  /// What the instrument description came from ("11bm.prm", "defaults").
  public var source: String

  /// An instrument; the profile is the one to start a refinement from.
  public init(
    radiation: XRayRadiation, geometry: PowderGeometry = .braggBrentano, radius: Double = 200, zero: Double = 0,
    displacement: Double = 0, profile: PowderProfile = PowderProfile(), asymmetry: AxialDivergence = .none,
    polarization: Double? = nil, source: String = "defaults"
  ) {
    self.radiation = radiation
    self.geometry = geometry
    self.radius = radius
    self.zero = zero
    self.displacement = displacement
    self.profile = profile
    self.asymmetry = asymmetry
    self.polarization = polarization
    self.source = source
  }

  /// The peak shift of the sample displacement (and of a reflection
  /// sample's transparency) at 2θ (degrees), degrees.
  public func displacementShift(at twoTheta: Double) -> Double {
    var shift = Self.displacementShift(displacement, geometry: geometry, radius: radius, at: twoTheta)
    if geometry == .debyeScherrer, displacementAlongBeam != 0 {
      shift -= displacementAlongBeam * 1e-3 / radius * sin(twoTheta * .pi / 180) * 180 / .pi
    }
    if geometry == .braggBrentano, transparency != 0 {
      shift += Self.transparencyShift(transparency, radius: radius, at: twoTheta)
    }
    return shift
  }

  /// Δ2θ (degrees) of a transparency 1/μ_eff = `t` (µm) at 2θ (degrees) on
  /// a Bragg–Brentano goniometer of radius `radius` (mm): −sin 2θ/(2μR).
  public static func transparencyShift(_ t: Double, radius: Double, at twoTheta: Double) -> Double {
    -t * 1e-3 / (2 * radius) * sin(twoTheta * .pi / 180) * 180 / .pi
  }

  /// Δ2θ (degrees) of a displacement `s` (µm) at 2θ (degrees) for a
  /// goniometer of radius `radius` (mm).
  public static func displacementShift(
    _ s: Double, geometry: PowderGeometry, radius: Double, at twoTheta: Double
  ) -> Double {
    let metres = s * 1e-3 / radius  // s/R, both in mm
    switch geometry {
    case .braggBrentano: return -2 * metres * cos(twoTheta * .pi / 360) * 180 / .pi
    case .debyeScherrer: return -metres * cos(twoTheta * .pi / 180) * 180 / .pi
    }
  }
}

/// Line broadening by the sample, isotropic, in GSAS-II's units: a
/// crystallite size D (µm) adds a Lorentzian 1.8λ/(πD·cosθ) and a
/// microstrain ε (10⁻⁶) adds 0.018·ε·tanθ/π (both centidegrees), all
/// Lorentzian (GSAS-II's default mixing of 1).
public struct SampleBroadening: Sendable, Equatable, Codable {
  /// Crystallite size, µm (nil: no size broadening).
  public var size: Double?
  /// Microstrain, 10⁻⁶ (nil: none).
  public var microstrain: Double?

  /// Broadening of a size and a microstrain.
  public init(size: Double? = nil, microstrain: Double? = nil) {
    self.size = size
    self.microstrain = microstrain
  }

  /// The Lorentzian FWHM added at 2θ (degrees) for wavelength λ (Å), centidegrees.
  public func lorentzian(at twoTheta: Double, wavelength: Double) -> Double {
    let theta = twoTheta * .pi / 360
    var g = 0.0
    if let size, size > 0 { g += 1.8 * wavelength / (.pi * size * cos(theta)) }
    if let microstrain { g += 0.018 * microstrain * tan(theta) / .pi }
    return g
  }
}
