import Conductivity
import Report
import Foundation
import Impedance
import IonicsCore

/// The paper's Fig. 3c as one analysis: impedance spectra at several
/// temperatures → a fit per spectrum → bulk (and grain-boundary) resistance
/// → σ = l/(A·R) → Arrhenius in both forms, VTF and σ(25 °C).
///
/// Folders stand for the data files in them; each file's temperature comes
/// from its name, its header or a manifest; the geometry from the request or
/// from Novocontrol-style headers. The command line, the demo and the
/// project report all run it.
public enum ConductivitySeriesWorkflow {
  /// What to analyse and how.
  public struct Request: Sendable {
    /// Files or folders of spectra.
    public var paths: [String]
    /// The circuit, impedance.py syntax.
    public var circuit: String
    /// The sample; nil takes it from the files' headers.
    public var geometry: CellGeometry?
    /// The element that is the bulk; nil chooses by capacitance.
    public var bulkElement: String?
    /// A CSV or TOML file naming each file's temperature.
    public var manifestPath: String?
    /// Which spectrum of a file with several.
    public var spectrumChoice = SpectrumChoice.last
    /// The part of each spectrum fitted.
    public var trim = SpectrumTrim()
    /// Fit settings.
    public var fit = CircuitFitOptions()
    /// Weight the Arrhenius fits by the σ uncertainties.
    public var weightedArrhenius = true

    /// A request for `paths` fitted with `circuit`.
    public init(paths: [String], circuit: String) {
      self.paths = paths
      self.circuit = circuit
    }
  }

  /// What the analysis gives.
  public struct Outcome: Sendable {
    /// The per-temperature results and the fits of σ(T).
    public let result: TemperatureSeries.Result
    /// The spectra as fitted, with their temperatures.
    public let inputs: [TemperatureSeries.Input]
    /// The options the series ran with (geometry filled in).
    public let options: TemperatureSeries.Options
    /// The data files read (folders expanded).
    public let files: [String]
    /// Every file the analysis read, the manifest included.
    public var readFiles: [String] { files + (manifestPath.map { [$0] } ?? []) }
    /// The manifest, when one was given.
    public let manifestPath: String?
    /// Fit diagnostics per spectrum, and where the geometry came from.
    public let diagnostics: [Diagnostic]
  }

  /// Runs the series.
  public static func run(_ request: Request) throws -> Outcome {
    let files = try expandFolders(request.paths, skipping: request.manifestPath)
    guard !files.isEmpty else {
      throw WorkflowError.invalidParameter(
        "spectra", value: request.paths.joined(separator: ", "),
        expected: "at least one impedance file")
    }
    let table = try request.manifestPath.map { path in
      do {
        return try TemperatureSource.manifest(readText(path), source: path)
      } catch let error as WorkflowError {
        throw error
      } catch {
        throw WorkflowError.inFile(path, "\(error)")
      }
    }
    var spectra: [(path: String, spectrum: ImpedanceSpectrum)] = []
    for path in files {
      let all = try readSpectra([path]).map(\.spectrum)
      spectra.append((path, try request.spectrumChoice.pick(all, path: path)))
    }
    var diagnostics: [Diagnostic] = []
    let geometry: CellGeometry
    if let given = request.geometry {
      geometry = given
    } else {
      let (found, note) = try headerGeometry(spectra)
      geometry = found
      diagnostics.append(note)
    }
    let temperatures: [(celsius: Double, source: String)]
    do {
      temperatures = try TemperatureSource.resolve(
        files: spectra.map { ($0.path, TemperatureSource.celsius(fromHeader: $0.spectrum.metadata)) },
        manifest: table)
    } catch {
      throw WorkflowError.invalidParameter(
        "temperatures", value: "\(error)", expected: "one temperature per file")
    }
    var inputs: [TemperatureSeries.Input] = []
    for (file, t) in zip(spectra, temperatures) {
      inputs.append(
        TemperatureSeries.Input(
          name: URL(fileURLWithPath: file.path).lastPathComponent,
          spectrum: try request.trim.apply(to: file.spectrum), temperatureCelsius: t.celsius,
          temperatureSource: t.source))
    }
    try checkDistinct(inputs)
    var options = TemperatureSeries.Options(
      circuit: request.circuit, geometry: geometry, bulkElement: request.bulkElement)
    options.fit = request.fit
    options.weightedArrhenius = request.weightedArrhenius
    let result = try TemperatureSeries.analyse(inputs, options: options)
    for point in result.points {
      diagnostics += point.diagnostics.map { $0.from(point.name) }
    }
    return Outcome(
      result: result, inputs: inputs, options: options, files: files,
      manifestPath: request.manifestPath, diagnostics: diagnostics)
  }

  /// The geometry written in every file's header (Novocontrol `Diameter[mm]`
  /// and `Thickness[mm]`), when all files agree on it.
  static func headerGeometry(_ spectra: [(path: String, spectrum: ImpedanceSpectrum)]) throws
    -> (CellGeometry, Diagnostic)
  {
    let pairs = spectra.map {
      ($0.spectrum.metadata.areaSquareCentimetres, $0.spectrum.metadata.thicknessMillimetres)
    }
    guard let first = pairs.first, let area = first.0, let thickness = first.1,
      pairs.allSatisfy({
        $0.0.map { abs($0 / area - 1) < 1e-9 } == true
          && $0.1.map { abs($0 / thickness - 1) < 1e-9 } == true
      })
    else {
      throw WorkflowError.missingParameter(
        "geometry",
        why: "the electrode area (or diameter) and the thickness; the file headers do not all give it")
    }
    let geometry = try CellGeometry(
      areaSquareCentimetres: area, thicknessCentimetres: thickness / 10)
    let note = Diagnostic.note(
      "geometryFromHeaders",
      "geometry from the file headers: area \(IonicsCore.significant(area, 5)) cm², thickness \(IonicsCore.significant(thickness, 6)) mm"
    )
    return (geometry, note)
  }

  /// Two files at the same temperature are most often a mistake (a copy, or
  /// a name that lost its decimal): refused with both names.
  static func checkDistinct(_ inputs: [TemperatureSeries.Input]) throws {
    var seen: [Double: String] = [:]
    var clashes: [String] = []
    for input in inputs {
      if let other = seen[input.temperatureCelsius] {
        clashes.append(
          "\(other) and \(input.name) are both at \(IonicsCore.significant(input.temperatureCelsius, 6)) °C")
      }
      seen[input.temperatureCelsius] = input.name
    }
    guard clashes.isEmpty else {
      throw WorkflowError.conflictingInputs(
        clashes, advice: "pick one spectrum per temperature, or correct the names or the manifest")
    }
  }
}

extension ConductivitySeriesWorkflow {
  /// Where the outputs of a series go; nil leaves one out.
  public struct Outputs: Sendable {
    /// The per-temperature table, CSV.
    public var csvPath: String?
    /// The Arrhenius figure, SVG.
    public var arrheniusFigurePath: String?
    /// Nyquist + Bode figures of every spectrum with its fit, SVG.
    public var spectraFigurePath: String?
    /// A self-contained HTML report.
    public var reportPath: String?

    /// No outputs.
    public init() {}
  }

  /// Writes the outputs asked for, each atomically and never over one of
  /// the files the series read. `command` is the command line recorded in
  /// the report's provenance; `notice` a sentence shown at its top (the demo
  /// says that its spectra are simulated).
  public static func write(
    _ outcome: Outcome, to outputs: Outputs, command: String, notice: String? = nil
  ) throws {
    try write(
      outcome.result, inputs: outcome.inputs, options: outcome.options,
      protecting: outcome.readFiles, to: outputs, command: command, notice: notice)
  }

  /// Writes the outputs of a series analysed elsewhere (the demo's
  /// simulated spectra), never over one of `protected`.
  public static func write(
    _ result: TemperatureSeries.Result, inputs: [TemperatureSeries.Input],
    options: TemperatureSeries.Options, protecting protected: [String], to outputs: Outputs,
    command: String, notice: String? = nil
  ) throws {
    if let csv = outputs.csvPath { try writeAtomically(result.csv, to: csv, inputs: protected) }
    if let plot = outputs.arrheniusFigurePath {
      try writeAtomically(ConductivityReport.arrheniusFigure(result).svg, to: plot, inputs: protected)
    }
    if let plot = outputs.spectraFigurePath {
      try writeAtomically(
        ConductivityReport.impedanceFigure(result, inputs: inputs).svg, to: plot, inputs: protected)
    }
    if let report = outputs.reportPath {
      let html = ConductivityReport.html(
        result, inputs: inputs, options: options,
        provenance: .init(command: command, version: IonicsVersion.current, notice: notice))
      try writeAtomically(html, to: report, inputs: protected)
    }
  }
}
