import Diffraction
import Foundation
import IonicsCore

/// A project: one folder of raw files and the manifest (`ionics.toml`) that
/// says which file feeds which figure of the paper and with which
/// parameters. Keys are the command line's option names, in its units
/// (`diameter` and `thickness` in mm, `active-mass` in mg, `one-c` in mAh/g);
/// paths are relative to the manifest's folder and may end in a `*` glob.
public struct ProjectManifest: Sendable, Equatable {
  /// `[project]`: what the report is about.
  public struct Project: Sendable, Equatable {
    /// Title of the report.
    public var title = "Ionics project report"
    /// Sample name ("NRASCN").
    public var sample: String?
    /// Formula as made, solvates after `·` ("Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O").
    public var formula: String?
    /// A notice shown at the top of the report (simulated data).
    public var notice: String?
  }

  /// `[structure]`: the CIF, and the migration map when `mobile-ion` is given.
  public struct Structure: Sendable, Equatable {
    /// The CIF.
    public var file: String
    /// The mobile ion ("Na+", or "Na" for its usual charge); nil skips the migration map.
    public var mobileIon: String?
    /// How the framework's charges enter the landscape: "formal" or
    /// "molecular" (cluster and molecular ions as units); nil: formal.
    public var charges: String?
    /// Grid spacing of the landscape, Å; nil: the migration default.
    public var spacing: Double?
  }

  /// `[pattern]`: the measured powder pattern against the structure (Fig. 3a).
  public struct Pattern: Sendable, Equatable {
    /// The pattern file.
    public var file: String
    /// The radiation when the file states none ("CuKa", "MoKa" or a wavelength in Å).
    public var radiation: String?
    /// Peak FWHM, degrees 2θ; nil estimates it from the pattern.
    public var fwhm: Double?
    /// A whole-pattern fit instead of the comparison (nil: compare only).
    public var refine: LeBailRefinement.Method?
    /// An instrument-parameter file for the fit.
    public var instrument: String?
    /// Chebyshev background terms of the fit.
    public var backgroundTerms = 6
    /// Whether a Rietveld fit refines the atoms.
    public var refineAtoms = false

    /// A pattern section.
    public init(file: String, radiation: String? = nil, fwhm: Double? = nil) {
      self.file = file
      self.radiation = radiation
      self.fwhm = fwhm
    }
  }

  /// `[tga]`: a thermogravimetric run (Fig. 3b), optionally with its mass spectrometer.
  public struct Thermogravimetry: Sendable, Equatable {
    /// The TGA export.
    public var file: String
    /// The sample mass, mg, when the file holds absolute masses only.
    public var mass: Double?
    /// A mass-spectrometer export recorded with the run.
    public var ms: String?
    /// Seconds added to the spectrometer's times to put them on the TGA clock.
    public var msOffset: Double = 0
  }

  /// `[conductivity]` and `[[comparison]]`: impedance spectra at several
  /// temperatures of one sample (Fig. 3c, S2, S9).
  public struct ConductivitySeries: Sendable, Equatable {
    /// Legend name ("NRASCN pellet", "PEO–NaTFSI").
    public var name: String
    /// Spectrum files or globs.
    public var files: [String]
    /// The circuit, impedance.py syntax.
    public var circuit: String
    /// Sample diameter, mm; nil takes it from the files.
    public var diameter: Double?
    /// Sample thickness, mm; nil takes it from the files.
    public var thickness: Double?
    /// The element that is the bulk; nil chooses by capacitance.
    public var bulk: String?
    /// A CSV or TOML table of each file's temperature.
    public var temperatures: String?
    /// The frequency window fitted, Hz (`fmin`, `fmax`).
    public var trim = SpectrumTrim()
  }

  /// `[[interface]]`: one spectrum of a cell with interfaces (Fig. S6).
  public struct InterfaceSpectrum: Sendable, Equatable {
    /// Name ("NVP | NRASCN | Na").
    public var name: String
    /// The spectrum.
    public var file: String
    /// The circuit.
    public var circuit: String
    /// The element whose resistance is the interface's ("R2"); nil: the
    /// sum of every resistance but the first (the electrolyte's).
    public var element: String?
    /// The frequency window fitted, Hz (`fmin`, `fmax`).
    public var trim = SpectrumTrim()
  }

  /// `[storage]`: spectra of a symmetric cell after increasing storage
  /// times (Fig. S11); each file's time, hours, comes from its name
  /// ("…_48h…") or from `hours`.
  public struct StorageSeries: Sendable, Equatable {
    /// Name of the cell.
    public var name: String
    /// Spectrum files or globs.
    public var files: [String]
    /// The circuit.
    public var circuit: String
    /// The element whose resistance is the interface's ("R2").
    public var element: String
    /// Storage time per file, h, in the order of `files`; empty: from the names.
    public var hours: [Double] = []
    /// The frequency window fitted, Hz (`fmin`, `fmax`).
    public var trim = SpectrumTrim()
  }

  /// `[[cell]]`: a galvanostatic cycler file (Fig. 4).
  public struct Cell: Sendable, Equatable {
    /// Name of the cell.
    public var name: String
    /// The cycler file.
    public var file: String
    /// Active mass, mg; nil takes it from the file.
    public var activeMass: Double?
    /// 1 C, mAh/g; nil leaves the section to fail with a request for it.
    public var oneC: Double?
    /// The cycle retention is measured against; nil: the first.
    public var retentionFrom: Int?
    /// Drawn beside the first cell as its comparison (Fig. 4c).
    public var comparison: Bool = false
  }

  /// `[[symmetric]]`: plating and stripping of a symmetric cell (Fig. S12).
  public struct SymmetricCell: Sendable, Equatable {
    /// Name of the cell.
    public var name: String
    /// The cycler file.
    public var file: String
    /// Electrode area, cm².
    public var area: Double?
  }

  /// `[[xps]]`: one photoelectron region fitted with components (Fig. 5).
  public struct PhotoelectronRegion: Sendable, Equatable {
    /// Name ("Na anode after 200 cycles, F 1s").
    public var name: String
    /// The VAMAS file.
    public var file: String
    /// The region: number, name or label ("F 1s"); nil for a file of one region.
    public var region: String?
    /// Components "NAME@POSITION[:WIDTH]" (eV); empty leaves the section to ask for them.
    public var components: [String]
    /// Line shape, "GL(30)" unless given.
    public var shape: String
    /// Background: one of ``XPSFit/Background/names``.
    public var background: String
    /// Charge correction added to the binding energies, eV.
    public var shift: Double
    /// Charge correction from a line of the same file, "C 1s=284.8".
    public var chargeReference: String?
    /// Whether each component is a spin–orbit doublet of the region's level.
    public var doublets = false
    /// The doublet splitting, eV, instead of the tabulated one.
    public var splitting: Double?
  }

  /// `[[ir]]`: two IR spectra of one sample compared band by band (Fig. S1).
  public struct InfraredComparison: Sendable, Equatable {
    /// The sample ("NRASCN").
    public var name: String
    /// The spectrum before the treatment.
    public var before: String
    /// The spectrum after it.
    public var after: String
    /// Legend name of `before` ("as made").
    public var labelBefore: String
    /// Legend name of `after` ("dried at 200 °C").
    public var labelAfter: String
    /// "maximum", "area", "none" or a band "LOW-HIGH" in cm⁻¹.
    public var normalise: String
    /// "arpls", "als", "rubber-band" or "none".
    public var baseline: String
  }

  /// Where the manifest is.
  public var path: String
  /// `[project]`.
  public var project = Project()
  /// `[structure]`.
  public var structure: Structure?
  /// `[pattern]`.
  public var pattern: Pattern?
  /// `[tga]`.
  public var thermogravimetry: Thermogravimetry?
  /// `[conductivity]`.
  public var conductivity: ConductivitySeries?
  /// `[[comparison]]`.
  public var comparisons: [ConductivitySeries] = []
  /// `[[interface]]`.
  public var interfaces: [InterfaceSpectrum] = []
  /// `[storage]`.
  public var storage: StorageSeries?
  /// `[[cell]]`.
  public var cells: [Cell] = []
  /// `[[symmetric]]`.
  public var symmetricCells: [SymmetricCell] = []
  /// `[[xps]]`.
  public var photoelectronRegions: [PhotoelectronRegion] = []
  /// `[[ir]]`.
  public var infraredComparisons: [InfraredComparison] = []
  /// Values `ionics init` guessed and marked `# PLACEHOLDER` (still to be
  /// checked): the section id they belong to, the key and the line.
  public var guesses: [Guess] = []

  /// A value marked `# PLACEHOLDER` by `ionics init`.
  public struct Guess: Sendable, Equatable {
    /// The report section it belongs to (`conductivity`, `interface-2`).
    public var section: String
    /// The key.
    public var key: String
    /// 1-based line in the manifest.
    public var line: Int

    /// A guess of `key`, for `section`, on `line`.
    public init(section: String, key: String, line: Int) {
      self.section = section
      self.key = key
      self.line = line
    }
  }

  /// The folder that paths are relative to.
  public var folder: String { (path as NSString).deletingLastPathComponent }

  /// A path of the manifest made absolute (or relative to the working folder).
  public func resolve(_ relative: String) -> String {
    if relative.hasPrefix("/") { return relative }
    let base = folder
    return base.isEmpty ? relative : (base as NSString).appendingPathComponent(relative)
  }
}
