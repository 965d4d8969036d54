import Crystal
import Diffraction
import Foundation
import IonicsCore
import Plots

/// A measured powder pattern against the pattern simulated from a
/// structure (the paper's Fig. 3a), as `ionics xrd compare` and the report
/// run it: background, zero shift and scale, Rwp, every peak explained or
/// named, and a phase-purity verdict.
public enum PatternComparisonWorkflow {
  /// What to compare.
  public struct Request: Sendable {
    /// The measured pattern.
    public var measuredPath: String
    /// The CIF of the expected phase.
    public var structurePath: String
    /// The radiation of the measurement; nil to take the wavelength the
    /// pattern file states (an error when it states none).
    public var radiation: XRayRadiation?
    /// Peak FWHM of the simulation, degrees (nil: measured from the strongest peak).
    public var fwhmDegrees: Double?
    /// Largest zero shift searched, degrees.
    public var maximumShiftDegrees = 0.5
    /// Smallest measured peak that must be explained, % of the strongest.
    public var minimumPercent = 2.0

    /// A request.
    public init(measuredPath: String, structurePath: String, radiation: XRayRadiation?) {
      self.measuredPath = measuredPath
      self.structurePath = structurePath
      self.radiation = radiation
    }
  }

  /// The comparison and what it was made from.
  public struct Outcome: Sendable {
    /// The measured pattern.
    public let pattern: MeasuredPattern
    /// The structure.
    public let structure: CrystalStructure
    /// The simulation.
    public let simulated: PowderPattern
    /// The comparison.
    public let comparison: PhaseComparison
    /// The JSON report.
    public let report: PatternComparisonReport
  }

  /// Reads both files and compares them.
  public static func run(_ request: Request) throws -> Outcome {
    let input = try MeasuredPatternInput(path: request.measuredPath, radiation: request.radiation)
    let pattern = input.pattern
    let radiation = input.radiation
    let fileNotes = input.notes
    let (first, last) = (input.range.lowerBound, input.range.upperBound)
    guard let structure = try readStructures([request.structurePath]).first?.structure else {
      throw WorkflowError.inFile(request.structurePath, "no structure")
    }
    var simulation = PowderSimulation(radiation: radiation)
    let shift = max(0, request.maximumShiftDegrees)
    simulation.twoThetaRange = max(0, first - shift - 1)...min(180, last + shift + 1)
    let simulated: PowderPattern
    let comparison: PhaseComparison
    do {
      simulated = try simulation.pattern(of: structure)
    } catch {
      throw WorkflowError.inFile(request.structurePath, "\(error)")
    }
    do {
      comparison = try PhaseComparison(
        measured: pattern, simulated: simulated, fwhm: request.fwhmDegrees,
        maximumShift: request.maximumShiftDegrees, minimumPercent: request.minimumPercent)
    } catch {
      throw WorkflowError.inFile(request.measuredPath, "\(error)")
    }
    var notes = pattern.notes.map { Diagnostic.note("readerNote", $0, source: request.measuredPath) }
      + fileNotes
    if let fileLambda = pattern.wavelength,
      let main = simulation.radiation.components.max(by: { $0.weight < $1.weight }),
      abs(main.wavelength - fileLambda) > 0.002
    {
      notes.append(
        .warning(
          "wavelengthDiffersFromFile",
          "the file names λ = \(fixed(fileLambda, 5)) Å but the simulation uses \(fixed(main.wavelength, 5)) Å",
          source: request.measuredPath))
    }
    let c = comparison
    let report = PatternComparisonReport(
      measured: request.measuredPath, phase: "\(request.structurePath), data_\(structure.name)",
      zeroShiftDegrees: c.zeroShift, fwhmDegrees: c.fwhm, rwpPercent: c.rwp, pure: c.isPure,
      verdict: c.verdict,
      peaks: c.matches.map {
        .init(
          twoThetaDegrees: $0.measured.twoTheta, relativeHeight: $0.measured.relative,
          explainedBy: $0.simulated?.hklText)
      },
      expectedButNotSeen: c.missing.map {
        String(format: "%.3f° %@ (%.0f %%)", $0.twoTheta + c.zeroShift, $0.hklText, $0.intensity)
      },
      assumptions: simulated.assumptions, measuredFormat: pattern.format, diagnostics: notes)
    return Outcome(
      pattern: pattern, structure: structure, simulated: simulated, comparison: comparison,
      report: report)
  }
}

extension PatternComparisonWorkflow.Outcome {
  /// Measured, calculated and difference curves.
  public var figure: Figure {
    let top = max(pattern.intensity.max() ?? 1, 1)
    return DiffractionPlots.stacked(
      [
        .init(
          "difference", twoTheta: pattern.twoTheta,
          intensity: zip(pattern.intensity, comparison.calculated).map {
            100 * ($0 - $1) / top + 50
          },
          color: "#777777"),
        .init(
          "measured", twoTheta: pattern.twoTheta,
          intensity: pattern.intensity.map { 100 * $0 / top }, color: "#000000"),
        .init(
          "simulated (\(structure.name))", twoTheta: pattern.twoTheta,
          intensity: comparison.calculated.map { 100 * $0 / top }, color: JournalPalette.colors[1]),
      ], radiation: simulated.radiation.name)
  }
}

/// The JSON shape of a pattern comparison (`ionics/xrd-compare/1`).
public struct PatternComparisonReport: Encodable, Sendable {
  /// A measured peak.
  public struct Peak: Encodable, Sendable {
    /// Its position, degrees 2θ.
    public let twoThetaDegrees: Double
    /// Its height, % of the strongest.
    public let relativeHeight: Double
    /// The simulated reflections that explain it, nil when none does.
    public let explainedBy: String?
  }
  /// The measured file.
  public let measured: String
  /// The phase: CIF and block.
  public let phase: String
  /// Fitted zero shift, degrees.
  public let zeroShiftDegrees: Double
  /// Peak width used, degrees.
  public let fwhmDegrees: Double
  /// Weighted profile R, %.
  public let rwpPercent: Double
  /// Whether every peak is explained.
  public let pure: Bool
  /// The verdict in words.
  public let verdict: String
  /// The measured peaks.
  public let peaks: [Peak]
  /// Strong simulated peaks with no measured counterpart.
  public let expectedButNotSeen: [String]
  /// What the simulation assumed.
  public let assumptions: [String]
  /// The measured file's format.
  public let measuredFormat: String
  /// What the readers noticed.
  public let diagnostics: [Diagnostic]
}
