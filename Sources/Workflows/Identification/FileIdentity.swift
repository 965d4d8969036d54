import Foundation
import IonicsCore

/// What a file holds, as far as Ionics can tell from its content.
public enum FileKind: String, Sendable, Codable, CaseIterable {
  /// Impedance spectra (frequency, Z′, Z″).
  case impedance
  /// Galvanostatic cycling: time, voltage, current, capacity.
  case cycling
  /// Other electrochemistry with a time–potential–current table (CV, LSV,
  /// CA, CP).
  case electrochemistry
  /// A crystal structure (CIF).
  case structure
  /// A powder diffraction pattern.
  case diffraction
  /// A thermogravimetric run.
  case thermogravimetry
  /// Ion currents from a mass spectrometer (evolved-gas analysis).
  case massSpectrometry
  /// X-ray photoelectron spectra.
  case photoelectron
  /// Infrared spectra.
  case infrared
  /// Instrument settings or a method, without measured points.
  case settings
  /// An equivalent-circuit model or a fit result written by another program.
  case fitResult
  /// A table another program derived from a measurement (a reference export).
  case derivedTable
  /// A compressed copy of another file.
  case compressed
  /// Text written for people (notes, README, SOURCES).
  case documentation
  /// Nothing Ionics knows.
  case unknown
}

/// Which of Ionics' readers takes a file.
public enum ReaderFamily: String, Sendable, Codable, CaseIterable {
  /// Impedance spectra (``Impedance/ImpedanceFile``).
  case impedance
  /// Cycler tables (``Cycling/CyclerFile``), also for CV, CA, CP and LSV.
  case cycling
  /// CIF files (``Crystal/CIFParser``).
  case structure
  /// Powder patterns (``Diffraction/MeasuredPattern``).
  case diffraction
  /// Thermogravimetric exports (``Thermal/ThermogravimetricFile``).
  case thermal
  /// Mass-spectrometer exports of evolved gases (``Thermal/PfeifferQuaderaASCII``).
  case massSpectrometry
  /// Photoelectron and Auger spectra in VAMAS files (``Spectroscopy/VAMASFile``).
  case photoelectron
  /// Optical (IR, Raman) spectra: JCAMP-DX, Bruker OPUS, OMNIC .spa, PerkinElmer .sp, Galactic .spc, Agilent .asp and x,y tables (``Spectroscopy/OpticalSpectrumFile``).
  case infrared
}

/// The key facts of a file that was read.
public struct FileFacts: Sendable, Hashable, Codable {
  /// Data points (all spectra, records or steps together).
  public var points: Int?
  /// Number of spectra (impedance) or data blocks (CIF).
  public var curves: Int?
  /// Cycles found by the instrument's counter or the charge/discharge steps.
  public var cycles: Int?
  /// The name of the main axis whose range is given ("frequency", "2θ",
  /// "temperature", "time", "voltage").
  public var rangeOf: String?
  /// Smallest value of that axis, in `rangeUnit`.
  public var rangeLow: Double?
  /// Largest value of that axis, in `rangeUnit`.
  public var rangeHigh: Double?
  /// Unit of the range ("Hz", "°", "°C", "s", "V").
  public var rangeUnit: String?
  /// X-ray wavelength the file states, Å.
  public var wavelengthAngstrom: Double?
  /// Active or sample mass the file states, mg.
  public var massMilligrams: Double?
  /// The chemical formula (CIF) or sample name.
  public var sample: String?
  /// Techniques named by the file (EC-Lab settings, sequences).
  public var techniques: [String]?

  /// No facts yet.
  public init() {}
}

/// The identity of one file: what it is, which reader takes it, why, and —
/// once read — its key facts or why it cannot be used.
public struct FileIdentity: Sendable, Hashable, Codable {
  /// Whether the file was read, refused with a reason, or not recognised.
  public enum Outcome: String, Sendable, Codable {
    /// Recognised and read; ``facts`` holds what was found.
    case read
    /// Recognised only (reading was not asked for).
    case recognised
    /// Recognised, but Ionics cannot use it; ``problem`` says why.
    case refused
    /// Not recognised; ``problem`` names the closest known layout and what it lacks.
    case unrecognised
  }

  /// The path as given.
  public var file: String
  /// What the file holds.
  public var kind: FileKind
  /// A stable identifier of the format and dialect, such as `biologic-mpr`
  /// or `maccor-text`.
  public var format: String
  /// The format in words ("BioLogic EC-Lab binary (.mpr)").
  public var formatName: String
  /// The instrument or program that wrote the file, when known.
  public var instrument: String?
  /// The technique, when the file names it (PEIS, GCPL, CV …).
  public var technique: String?
  /// The dialect or version of the format, when it matters.
  public var dialect: String?
  /// The reader that takes the file; nil when none does.
  public var reader: ReaderFamily?
  /// What in the content gave the format away.
  public var evidence: String
  /// Whether the file was read.
  public var outcome: Outcome
  /// Why the file cannot be used, or what an unrecognised file lacks.
  public var problem: String?
  /// Key facts of a file that was read.
  public var facts: FileFacts?
  /// Notes and warnings of the reader.
  public var diagnostics: [Diagnostic] = []

  /// An identity recognised from content.
  public init(
    file: String, kind: FileKind, format: String, formatName: String, instrument: String? = nil,
    technique: String? = nil, dialect: String? = nil, reader: ReaderFamily?, evidence: String
  ) {
    self.file = file
    self.kind = kind
    self.format = format
    self.formatName = formatName
    self.instrument = instrument
    self.technique = technique
    self.dialect = dialect
    self.reader = reader
    self.evidence = evidence
    self.outcome = reader == nil ? .refused : .recognised
  }
}
