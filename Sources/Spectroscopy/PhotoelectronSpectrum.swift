import Foundation

/// One region (block) of a photoelectron or Auger measurement: its energy
/// axis on both scales, the signal as recorded and per second, and how it
/// was acquired.
public struct PhotoelectronSpectrum: Sendable, Equatable {
  /// Which energy the instrument scanned.
  public enum Axis: String, Sendable, Equatable, Codable {
    /// Kinetic energy of the electrons, eV.
    case kinetic
    /// Binding energy, eV.
    case binding
  }

  /// The region's name as the file gives it ("Pt4f PE20", "C 1s").
  public var name: String
  /// The sample's name.
  public var sample: String
  /// Technique ("XPS", "AES diff", "UPS").
  public var technique: String
  /// Element and transition ("Pt", "4f").
  public var species: String
  /// Transition or charge state label ("4f", "1s").
  public var transition: String
  /// Excitation energy, eV (Al Kα 1486.6); nil when the file states none.
  public var photonEnergy: Double?
  /// Label of the excitation source ("Al", "KA1486").
  public var source: String
  /// Analyser pass energy, eV; nil when not stated.
  public var passEnergy: Double?
  /// Analyser work function, eV; nil when not stated.
  public var workFunction: Double?
  /// The scanned axis as recorded.
  public var recordedAxis: Axis
  /// The recorded abscissa, eV, in file order.
  public var energies: [Double]
  /// The signal as recorded (counts, or what the file's unit says), in file order.
  public var signal: [Double]
  /// The signal's label and unit in the file ("Counts", "Intensity").
  public var signalLabel: String
  /// Dwell time per point and scan, s; nil when not stated.
  public var dwellSeconds: Double?
  /// Number of scans summed; nil when not stated.
  public var scans: Int?
  /// Analyser transmission per point, when the file carries it.
  public var transmission: [Double]?
  /// Acquisition date and time as written ("2023-08-09 08:08:56"), when given.
  public var date: String?
  /// CasaXPS' regions and components kept in a VAMAS block, when present.
  public var casaXPS: CasaXPSProcessing? = nil

  /// A region; energies in eV on `recordedAxis`, `signal` as recorded.
  public init(
    name: String, sample: String, technique: String, species: String, transition: String, photonEnergy: Double?,
    source: String, passEnergy: Double?, workFunction: Double?, recordedAxis: Axis, energies: [Double],
    signal: [Double], signalLabel: String, dwellSeconds: Double?, scans: Int?, transmission: [Double]?, date: String?
  ) {
    self.name = name
    self.sample = sample
    self.technique = technique
    self.species = species
    self.transition = transition
    self.photonEnergy = photonEnergy
    self.source = source
    self.passEnergy = passEnergy
    self.workFunction = workFunction
    self.recordedAxis = recordedAxis
    self.energies = energies
    self.signal = signal
    self.signalLabel = signalLabel
    self.dwellSeconds = dwellSeconds
    self.scans = scans
    self.transmission = transmission
    self.date = date
  }

  /// Number of points.
  public var count: Int { energies.count }

  /// Binding energy of each point, eV: recorded, or hν − E_kin. Kinetic
  /// energies are taken as referenced to the Fermi level, as SPECS Prodigy,
  /// CasaXPS, the vamas reader and pynxtools-xps take them (a REGULAR and an
  /// IRREGULAR export of one survey agree only so); a stated work function
  /// is reported in ``workFunction``, not subtracted. Nil for a kinetic
  /// region without a positive photon energy (an Auger spectrum).
  public var bindingEnergies: [Double]? {
    switch recordedAxis {
    case .binding: return energies
    case .kinetic:
      guard let hv = photonEnergy, hv > 0 else { return nil }
      return energies.map { hv - $0 }
    }
  }

  /// "Pt 4f", else the region's name, else "region".
  public var label: String {
    let line = "\(species) \(transition)".trimmingCharacters(in: .whitespaces)
    if !line.isEmpty { return line }
    return name.isEmpty ? "region" : name
  }

  /// The signal per second of dwell summed over the scans (counts/s), when
  /// the dwell time is stated; the recorded signal divided by dwell × scans.
  public var countsPerSecond: [Double]? {
    guard let dwell = dwellSeconds, dwell > 0 else { return nil }
    let n = Double(max(scans ?? 1, 1))
    return signal.map { $0 / (dwell * n) }
  }
}
