import Dispatch
import Foundation
import IonicsCore
import Plots
import Thermal

/// A TGA run as `ionics tga` and the report analyse it: read (recognised
/// from the content, or through a column mapping), mass % against the
/// sample mass, DTG, steps, residue, fastest loss, gains, and the solvent
/// assignment of a formula's solvates.
public enum ThermogravimetryWorkflow {
  /// What to analyse.
  public struct Request: Sendable {
    /// The export.
    public var path: String
    /// Columns of a delimited text the readers do not recognise.
    public var mapping: ColumnMapping?
    /// Initial sample mass, mg, overriding the file's.
    public var sampleMassMilligrams: Double?
    /// A formula with solvates to match the steps to.
    public var formula: Formula?
    /// Steps that end below this temperature count for the solvents, °C.
    public var solventLimitCelsius = 300.0
    /// Temperatures to report the mass at, °C.
    public var reportTemperaturesCelsius: [Double] = [100, 200, 300, 400, 500, 600, 700, 800]
    /// DTG window and peak prominence.
    public var options = ThermogravimetricAnalysis.Options()
    /// A coupled mass spectrometer's export (Pfeiffer Quadera .asc), to
    /// name the gases of each step.
    public var massSpectrometerPath: String?
    /// Seconds from the TGA's start to the spectrometer's.
    public var massSpectrometerOffsetSeconds = 0.0

    /// A request for the export at `path`.
    public init(path: String) { self.path = path }
  }

  /// Runs the analysis.
  public static func run(_ request: Request) throws -> (
    run: ThermogravimetricRun, analysis: ThermogravimetricAnalysis, report: ThermogravimetryReport
  ) {
    let start = DispatchTime.now()
    let data = try readInput(request.path)
    var run: ThermogravimetricRun
    do {
      if var mapping = request.mapping {
        mapping.sampleMassMilligrams = request.sampleMassMilligrams
        run = try ThermogravimetricFile.read(data, mapping: mapping, source: request.path)
      } else {
        run = try ThermogravimetricFile.read(data, source: request.path)
      }
    } catch {
      throw WorkflowError.inFile(request.path, "\(error)")
    }
    if let sampleMass = request.sampleMassMilligrams, request.mapping == nil,
      let mg = run.massMilligrams
    {
      guard sampleMass > 0, sampleMass.isFinite else {
        throw WorkflowError.invalidParameter(
          "sample mass", value: "\(sampleMass)", expected: "a positive mass in mg")
      }
      run.massPercent = mg.map { 100 * $0 / sampleMass }
      run.metadata.sampleMassMilligrams = sampleMass
    }
    guard request.options.dtgWindowCelsius > 0, request.options.minimumProminence >= 0 else {
      throw WorkflowError.invalidParameter(
        "DTG window and prominence",
        value: "\(request.options.dtgWindowCelsius) °C, \(request.options.minimumProminence) %/°C",
        expected: "a positive window and a prominence not below 0")
    }
    let analysis = ThermogravimetricAnalysis(run, options: request.options)
    let solvents = try request.formula.map {
      try SolventAssignment(
        formula: $0, analysis: analysis, limitCelsius: request.solventLimitCelsius)
    }
    var gases: EvolvedGasAnalysis?
    var notes = run.notes.map { $0.from(request.path) }
    if let path = request.massSpectrometerPath {
      let trace: MassSpectrometerTrace
      do { trace = try PfeifferQuaderaASCII.read(try readInput(path), source: path) } catch {
        throw WorkflowError.inFile(path, "\(error)")
      }
      let found = EvolvedGasAnalysis(
        run: run, analysis: analysis, trace: trace,
        offsetSeconds: request.massSpectrometerOffsetSeconds)
      if found.curves.allSatisfy({ $0.temperatureCelsius.isEmpty }) {
        notes.append(
          .warning(
            "massSpectrumOutsideRun",
            "no point of the mass spectrometer falls on the TGA's first heating pass: check the offset between the two starts",
            source: path))
      }
      gases = found
    }
    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    let report = ThermogravimetryReport(
      file: request.path, format: run.format, metadata: run.metadata, points: run.count,
      segments: run.segments, diagnostics: notes,
      options: request.options,
      massAt: request.reportTemperaturesCelsius.map {
        .init(temperatureCelsius: $0, massPercent: analysis.massPercent(at: $0))
      },
      peaks: analysis.peaks, steps: analysis.steps, finalPercent: analysis.finalPercent,
      minimumPercent: analysis.minimumPercent,
      maximumRate: analysis.maximumRate.map {
        .init(
          percentPerMinute: $0.percentPerMinute, timeMinutes: $0.minutes,
          temperatureCelsius: $0.celsius)
      }, gains: analysis.gains, solvents: solvents, evolvedGases: gases,
      curves: .init(
        temperatureCelsius: analysis.temperatureGrid, massPercent: analysis.massOnGrid,
        dtgPercentPerCelsius: analysis.dtg, timeMinutes: analysis.rateTimes,
        ratePercentPerMinute: analysis.rates), milliseconds: milliseconds)
    return (run, analysis, report)
  }

  /// Mass % and DTG against temperature with the steps marked, as a figure;
  /// with evolved gases, their signals in a panel beneath.
  public static func figure(
    _ run: ThermogravimetricRun, _ analysis: ThermogravimetricAnalysis,
    gases: EvolvedGasAnalysis? = nil
  ) -> Figure {
    ThermalPlots.thermogram(
      gases: gases?.curves.filter { !$0.temperatureCelsius.isEmpty }.map {
        (label: $0.massToCharge.map { m in "m/z \(m)" + (EvolvedGasAnalysis.assignments[m].map { " \($0)" } ?? "") } ?? $0.channel,
         temperature: $0.temperatureCelsius, signal: $0.relativeSignal)
      } ?? [],
      temperature: run.temperatureCelsius, massPercent: run.massPercent,
      dtgTemperature: analysis.temperatureGrid, dtg: analysis.dtg,
      steps: analysis.steps.map {
        ($0.midpointCelsius, ($0.startPercent + $0.endPercent) / 2, "−\(fixed($0.lossPercent, 2)) %")
      }, title: run.metadata.sample.map { "TGA: \($0)" })
  }

  /// The steps as CSV, temperatures in °C and masses in %.
  public static func stepsCSV(_ analysis: ThermogravimetricAnalysis) -> String {
    var text =
      "step,start_C,onset_C,midpoint_C,peak_C,endset_C,end_C,start_percent,end_percent,loss_percent\n"
    for (k, s) in analysis.steps.enumerated() {
      let values = [
        s.startCelsius, s.onsetCelsius, s.midpointCelsius, s.peakCelsius, s.endsetCelsius,
        s.endCelsius, s.startPercent, s.endPercent, s.lossPercent,
      ]
      text += "\(k + 1)," + values.map { fixed($0, 3) }.joined(separator: ",") + "\n"
    }
    return text
  }

  /// Mass % and DTG on the 1 °C grid of the first heating pass, as CSV.
  public static func curvesCSV(_ analysis: ThermogravimetricAnalysis) -> String {
    var text = "temperature_C,mass_percent,dtg_percent_per_C\n"
    for k in analysis.temperatureGrid.indices where k < analysis.dtg.count {
      text +=
        "\(fixed(analysis.temperatureGrid[k], 2)),\(gFormatted(analysis.massOnGrid[k], 8)),\(gFormatted(analysis.dtg[k], 6))\n"
    }
    return text
  }
}

/// The JSON shape of a TGA analysis (`ionics/tga/1`).
public struct ThermogravimetryReport: Encodable, Sendable {
  /// The mass at one temperature.
  public struct MassAt: Encodable, Sendable {
    /// °C.
    public let temperatureCelsius: Double
    /// % of the sample mass (nil outside the run).
    public let massPercent: Double?
  }
  /// The fastest loss.
  public struct Rate: Encodable, Sendable {
    /// −d(mass %)/dt, %/min.
    public let percentPerMinute: Double
    /// When, min.
    public let timeMinutes: Double
    /// At which temperature, °C.
    public let temperatureCelsius: Double
  }
  /// The curves on the 1 °C grid.
  public struct Curves: Encodable, Sendable {
    /// °C.
    public let temperatureCelsius: [Double]
    /// %.
    public let massPercent: [Double]
    /// −d(mass %)/dT, %/°C.
    public let dtgPercentPerCelsius: [Double]
    /// min.
    public let timeMinutes: [Double]
    /// −d(mass %)/dt, %/min.
    public let ratePercentPerMinute: [Double]
  }
  /// The export read.
  public let file: String
  /// Its format.
  public let format: String
  /// Sample, mass, rate, atmosphere, instrument, date.
  public let metadata: ThermogravimetricRun.Metadata
  /// Number of points.
  public let points: Int
  /// Heating, isothermal and cooling segments.
  public let segments: [ThermogravimetricRun.Segment]
  /// What the reader noticed.
  public let diagnostics: [Diagnostic]
  /// The analysis settings.
  public let options: ThermogravimetricAnalysis.Options
  /// Mass % at the asked temperatures.
  public let massAt: [MassAt]
  /// DTG peaks.
  public let peaks: [ThermogravimetricAnalysis.Peak]
  /// Mass-loss steps.
  public let steps: [ThermogravimetricAnalysis.Step]
  /// Mass at the end, %.
  public let finalPercent: Double
  /// Lowest mass, %.
  public let minimumPercent: Double
  /// The fastest loss.
  public let maximumRate: Rate?
  /// Mass gains.
  public let gains: [ThermogravimetricAnalysis.Gain]
  /// The solvent assignment, with a formula.
  public let solvents: SolventAssignment?
  /// The gases of each step, with a mass spectrometer's export.
  public let evolvedGases: EvolvedGasAnalysis?
  /// The curves.
  public let curves: Curves
  /// Time, ms.
  public let milliseconds: Double
}
