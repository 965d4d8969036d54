import Foundation
import IonicsCore
import Plots
import Spectroscopy

/// IR spectra: one spectrum's bands and their assignments (`ionics ir`),
/// and two spectra before and after a treatment compared band by band
/// (`ionics ir compare`, the paper's Fig. S1).
public enum IRWorkflow {
  /// What to read and how to prepare it.
  public struct Request: Sendable {
    /// The spectrum file (JCAMP-DX, OPUS, .spa, .sp, .spc, .asp, CSV).
    public var path: String
    /// Which curve of a file that holds several: its 1-based number or its
    /// origin ("AB", "ScSm"); nil for the main one.
    public var curve: String?
    /// Conversion, ATR correction, baseline and band threshold.
    public var processing = IRProcessing()
    /// Ordinate units for a file that states none ("absorbance",
    /// "transmittance", "%T", "reflectance").
    public var ordinate: String?
    /// Bands to fit with line shapes: starting positions, cm⁻¹ (empty: no fit).
    public var fitPositions: [Double] = []
    /// The window of the fit, cm⁻¹.
    public var fitWindow: ClosedRange<Double>?
    /// The line shape of the fitted bands.
    public var fitShape = IRBandFit.Shape.gaussian

    /// A request for `path`.
    public init(path: String) { self.path = path }
  }

  /// One spectrum, as read and as analysed.
  public struct Summary: Encodable, Sendable {
    /// The file.
    public let file: String
    /// Format and block ("Bruker OPUS AB").
    public let format: String
    /// The title the file gives.
    public let title: String
    /// The ordinate as read.
    public let ordinateRead: OpticalOrdinate
    /// The ordinate the bands are measured in.
    public let ordinate: OpticalOrdinate
    /// Points.
    public let points: Int
    /// Lowest wavenumber, cm⁻¹.
    public let wavenumberLow: Double
    /// Highest wavenumber, cm⁻¹.
    public let wavenumberHigh: Double
    /// The other curves of the file, by origin.
    public let otherCurves: [String]
    /// What was done to the spectrum, in order.
    public let steps: [String]
    /// Noise of the corrected spectrum, in its units.
    public let noise: Double
    /// Bands, tallest first.
    public let bands: [IRBand]
    /// Bands fitted with line shapes, when asked for.
    public let fittedBands: [IRBandFit.Band]?
  }

  /// What `run` gives.
  public struct Outcome: Sendable {
    /// The numbers.
    public let summary: Summary
    /// The analysed spectrum (for figures).
    public let processed: ProcessedIRSpectrum
    /// Diagnostics (units assumed, curves not shown).
    public let diagnostics: [Diagnostic]
  }

  /// Reads, converts, removes the baseline and finds the bands.
  public static func run(_ request: Request) throws -> Outcome {
    let data = try readInput(request.path)
    let name = URL(fileURLWithPath: request.path).lastPathComponent
    let all = try OpticalSpectrumFile.read(data, source: request.path)
    var index = 0
    if let curve = request.curve {
      if let n = Int(curve), n >= 1, n <= all.count {
        index = n - 1
      } else if let k = all.firstIndex(where: { $0.origin.lowercased().hasSuffix(curve.lowercased()) }) {
        index = k
      } else {
        throw WorkflowError.invalidParameter(
          "curve", value: curve, expected: "a number 1–\(all.count) or one of \(all.map(\.origin).joined(separator: ", "))")
      }
    }
    var spectrum = all[index]
    var diagnostics: [Diagnostic] = []
    if let ordinate = request.ordinate {
      spectrum.yUnits = ordinate
      spectrum.dataType = ""
      guard spectrum.ordinate != .unknown else {
        throw WorkflowError.invalidParameter(
          "ordinate", value: ordinate, expected: "absorbance, transmittance, %T, reflectance, %R, log(1/R) or kubelka-munk")
      }
    } else if spectrum.ordinate == .unknown {
      diagnostics.append(
        Diagnostic(
          .warning, "ordinate-assumed", "the file does not say what its ordinate is; it is taken as absorbance (bands upward)", source: name))
    }
    let processed = try ProcessedIRSpectrum(spectrum, processing: request.processing, source: request.path)
    let nu = processed.wavenumbers
    var fitted: [IRBandFit.Band]?
    if !request.fitPositions.isEmpty {
      let window = request.fitWindow
        ?? ((request.fitPositions.min() ?? 0) - 300)...((request.fitPositions.max() ?? 0) + 300)
      do {
        let fit = try IRBandFit.fit(
          processed, positions: request.fitPositions, shape: request.fitShape, from: window.lowerBound,
          to: window.upperBound)
        fitted = fit.bands
        if !fit.converged {
          diagnostics.append(Diagnostic(.warning, "fit-not-converged", "the band fit stopped at its iteration limit", source: name))
        }
      } catch {
        throw WorkflowError.invalidParameter(
          "band fit", value: request.fitPositions.map { formatNumber($0) }.joined(separator: ","), expected: "\(error)")
      }
    }
    let summary = Summary(
      file: request.path, format: spectrum.origin, title: spectrum.title, ordinateRead: spectrum.ordinate,
      ordinate: processed.ordinate == .unknown ? .absorbance : processed.ordinate, points: nu.count,
      wavenumberLow: nu.min() ?? 0, wavenumberHigh: nu.max() ?? 0,
      otherCurves: all.indices.filter { $0 != index }.map { all[$0].origin }, steps: processed.steps,
      noise: processed.noise, bands: processed.bands(minimumSignalToNoise: request.processing.minimumSignalToNoise),
      fittedBands: fitted)
    return Outcome(summary: summary, processed: processed, diagnostics: diagnostics)
  }

  /// Two spectra of one sample and how to compare them.
  public struct ComparisonRequest: Sendable {
    /// The spectrum before the treatment.
    public var before: Request
    /// The spectrum after it.
    public var after: Request
    /// How both are scaled.
    public var normalisation = IRNormalisation.maximum
    /// Legend names ("as made", "dried at 200 °C").
    public var labels = ("before", "after")

    /// A comparison of two files, prepared alike.
    public init(before: String, after: String, processing: IRProcessing = IRProcessing()) {
      self.before = Request(path: before)
      self.after = Request(path: after)
      self.before.processing = processing
      self.after.processing = processing
    }
  }

  /// The comparison's numbers.
  public struct ComparisonSummary: Encodable, Sendable {
    /// The spectrum before.
    public let before: Summary
    /// The spectrum after.
    public let after: Summary
    /// The normalisation, in words.
    public let normalisation: String
    /// One entry per band window with a band in either spectrum.
    public let changes: [IRBandChange]
  }

  /// What `compare` gives.
  public struct ComparisonOutcome: Sendable {
    /// The numbers.
    public let summary: ComparisonSummary
    /// The spectra on one scale.
    public let comparison: IRComparison
    /// Legend names.
    public let labels: (String, String)
    /// Diagnostics of both readings.
    public let diagnostics: [Diagnostic]
  }

  /// Reads and analyses both spectra and compares them band by band.
  public static func compare(_ request: ComparisonRequest) throws -> ComparisonOutcome {
    let b = try run(request.before), a = try run(request.after)
    let comparison: IRComparison
    do {
      comparison = try IRComparison(
        before: b.processed, after: a.processed, normalisation: request.normalisation,
        minimumSignalToNoise: request.before.processing.minimumSignalToNoise)
    } catch {
      throw WorkflowError.invalidParameter("normalisation", value: request.normalisation.summary, expected: "\(error)")
    }
    return ComparisonOutcome(
      summary: ComparisonSummary(
        before: b.summary, after: a.summary, normalisation: request.normalisation.summary, changes: comparison.changes),
      comparison: comparison, labels: request.labels, diagnostics: b.diagnostics + a.diagnostics)
  }

  /// The baseline named "arpls", "als", "rubber-band" or "none", with λ
  /// (10⁷ for arPLS, 10⁹ for ALS unless given) and ALS's asymmetry p.
  public static func baseline(named name: String, lambda: Double? = nil, asymmetry: Double = 0.001) throws -> SpectrumBaseline {
    switch name.lowercased() {
    case "arpls": return .arPLS(lambda: lambda ?? 1e7)
    case "als": return .asymmetricLeastSquares(lambda: lambda ?? 1e9, p: asymmetry)
    case "rubber-band", "rubberband": return .rubberBand
    case "none": return SpectrumBaseline.none
    default:
      throw WorkflowError.invalidParameter("baseline", value: name, expected: "arpls, als, rubber-band or none")
    }
  }

  /// A normalisation written "maximum", "area", "none" or "LOW:HIGH" /
  /// "LOW-HIGH" (cm⁻¹).
  public static func normalisation(_ text: String) throws -> IRNormalisation {
    switch text.lowercased() {
    case "maximum", "max": return .maximum
    case "area": return .area
    case "none": return .none
    default:
      let parts = text.split(whereSeparator: { $0 == "-" || $0 == ":" }).map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo.isFinite, hi.isFinite, hi > lo, lo > 0 else {
        throw WorkflowError.invalidParameter(
          "normalisation", value: text, expected: "maximum, area, none or a band LOW-HIGH in cm⁻¹ such as 2040-2200")
      }
      return .band(low: lo, high: hi)
    }
  }
}

extension IRWorkflow.Outcome {
  /// The spectrum and its baseline on a wavenumber axis decreasing to the right.
  public var figure: Figure {
    SpectroscopyPlots.infrared(
      wavenumbers: processed.wavenumbers, values: processed.values, baseline: processed.baseline,
      label: summary.ordinate.axisLabel, title: summary.title.isEmpty ? nil : summary.title)
  }
}

extension IRWorkflow.ComparisonOutcome {
  /// Both spectra normalised and overlaid, with their difference beneath.
  public var figure: Figure {
    SpectroscopyPlots.infraredComparison(
      wavenumbers: comparison.wavenumbers, before: comparison.before, after: comparison.after,
      labels: labels, label: "normalised " + summary.before.ordinate.axisLabel.lowercased())
  }
}
