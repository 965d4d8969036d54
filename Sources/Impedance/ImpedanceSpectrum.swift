import IonicsCore
import ComplexModule
import RealModule

/// One impedance spectrum: frequencies in Hz and complex impedance in Ω.
///
/// Sign convention: Im Z < 0 for a capacitive response (the physical sign;
/// Nyquist plots show −Im Z upwards). Readers convert files that store
/// −Im Z or −Z″ to this convention and record what they found.
public struct ImpedanceSpectrum: Sendable {
  /// Frequencies, Hz.
  public var frequencies: [Double]
  /// Complex impedance, Ω.
  public var impedance: [Complex<Double>]
  /// What the file's header said.
  public var metadata: SpectrumMetadata

  /// A spectrum from matching arrays; throws when their lengths differ, a
  /// frequency is not positive, finite and at most 1 THz (no impedance
  /// analyser reaches that: such a number is a misread column), or an
  /// impedance is not finite or above 1e20 Ω in modulus.
  public init(
    frequencies: [Double], impedance: [Complex<Double>],
    metadata: SpectrumMetadata = SpectrumMetadata()
  ) throws {
    guard frequencies.count == impedance.count else {
      throw ImpedanceReadError.inconsistent(
        source: metadata.source,
        "\(frequencies.count) frequencies but \(impedance.count) impedances")
    }
    if let bad = frequencies.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
      throw ImpedanceReadError.inconsistent(
        source: metadata.source,
        "frequency \(frequencies[bad]) Hz at point \(bad + 1) is not positive")
    }
    if let bad = frequencies.firstIndex(where: { $0 > 1e12 }) {
      throw ImpedanceReadError.inconsistent(
        source: metadata.source,
        "frequency \(frequencies[bad]) Hz at point \(bad + 1) is above 1 THz: not an impedance frequency")
    }
    if let bad = impedance.firstIndex(where: {
      !($0.real.isFinite && $0.imaginary.isFinite && abs($0.real) <= 1e20 && abs($0.imaginary) <= 1e20)
    }) {
      throw ImpedanceReadError.inconsistent(
        source: metadata.source,
        "impedance \(impedance[bad].real) + \(impedance[bad].imaginary)j Ω at point \(bad + 1) is not a finite value below 1e20 Ω")
    }
    self.frequencies = frequencies
    self.impedance = impedance
    self.metadata = metadata
  }

  /// Number of points.
  public var count: Int { frequencies.count }
  /// Re Z, Ω.
  public var real: [Double] { impedance.map { $0.real } }
  /// Im Z, Ω (negative for capacitive).
  public var imaginary: [Double] { impedance.map { $0.imaginary } }

  /// The points with fmin ≤ f ≤ fmax (Hz).
  public func restricted(toFrequencies range: ClosedRange<Double>) -> ImpedanceSpectrum {
    selecting { range.contains(frequencies[$0]) }
  }

  /// The spectrum without inductive points (Im Z > 0) above the highest
  /// capacitive point, as impedance.py's `ignoreBelowX` does at high frequency.
  public func droppingInductivePoints() -> ImpedanceSpectrum {
    selecting { impedance[$0].imaginary <= 0 }
  }

  /// The points for which `keep(index)` is true, in order.
  public func selecting(_ keep: (Int) -> Bool) -> ImpedanceSpectrum {
    var copy = self
    let indices = frequencies.indices.filter(keep)
    copy.frequencies = indices.map { frequencies[$0] }
    copy.impedance = indices.map { impedance[$0] }
    return copy
  }
}

/// What a file's header says about a spectrum; every field optional.
public struct SpectrumMetadata: Sendable, Codable, Equatable {
  /// The file or stream the spectrum came from.
  public var source: String = ""
  /// File format as recognised ("BioLogic .mpt", "Gamry DTA", "CSV").
  public var format: String = ""
  /// Technique (PEIS, GEIS, …).
  public var technique: String?
  /// Perturbation amplitude as written (e.g. "10 mV").
  public var amplitude: String?
  /// Electrode area in cm² when the header gives it.
  public var areaSquareCentimetres: Double?
  /// Instrument.
  public var device: String?
  /// Temperature in °C when the header gives it.
  public var temperatureCelsius: Double?
  /// Sample or run name from the header (the first line of a Novocontrol-style
  /// file, such as "s04147-140deg"), which often holds the temperature.
  public var title: String?
  /// Sample thickness in mm when the header gives it (Novocontrol `Thickness[mm]`).
  public var thicknessMillimetres: Double?
  /// Date and time as written.
  public var date: String?
  /// Index of this spectrum (loop or cycle) within a file holding several, from 1.
  public var spectrumIndex: Int?
  /// How the file stored the imaginary part ("-Im(Z)/Ohm", "Z''", …).
  public var imaginaryColumn: String?
  /// What the reader noticed: skipped columns, a table that ends early, simulation settings.
  public var notes: [Diagnostic] = []

  /// Empty metadata for `source`.
  public init(source: String = "", format: String = "") {
    self.source = source
    self.format = format
  }
}

/// Why a spectrum could not be read: always names the source and what was expected.
public enum ImpedanceReadError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A needed column is missing.
  case missingColumn(source: String, String, found: [String])
  /// Text that should be a number is not.
  case badNumber(source: String, line: Int, column: Int, text: String)
  /// A binary file ends early or has a bad structure.
  case truncated(source: String, offset: Int, expected: String)
  /// The format is not recognised.
  case unknownFormat(source: String, String)
  /// No data points.
  case noData(source: String)
  /// Inconsistent content.
  case inconsistent(source: String, String)

  /// A sentence a user can act on.
  public var description: String {
    switch self {
    case .missingColumn(let source, let what, let found):
      return "\(source): no \(what) column (found: \(found.joined(separator: ", ")))"
    case .badNumber(let source, let line, let column, let text):
      return "\(source): line \(line), column \(column): '\(text)' is not a number"
    case .truncated(let source, let offset, let expected):
      return "\(source): file ends or breaks at byte \(offset): expected \(expected)"
    case .unknownFormat(let source, let why):
      return "\(source): unrecognised impedance file: \(why)"
    case .noData(let source): return "\(source): no impedance data points found"
    case .inconsistent(let source, let why): return "\(source): \(why)"
    }
  }
}
