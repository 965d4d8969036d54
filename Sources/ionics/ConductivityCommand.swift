import ArgumentParser
import Conductivity
import Foundation
import Impedance
import IonicsCore
import Plots
import Report

/// `ionics conductivity`.
struct ConductivityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "conductivity",
    abstract: "Ionic conductivity: σ from R and geometry, temperature series, Arrhenius and VTF.",
    subcommands: [
      ConductivitySeriesCommand.self, ConductivityArrheniusCommand.self,
      ConductivityConvertCommand.self,
    ])
}

/// `ionics conductivity series`: the paper's Fig. 3c from a folder of spectra.
struct ConductivitySeriesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "series",
    abstract: "From impedance spectra at several temperatures to σ(T), Ea and σ(25 °C).",
    discussion: """
      Each spectrum is fitted with the circuit (automatic guess, multi-start, and the previous
      temperature's result); the bulk resistance is the arc named with --bulk or the one whose
      effective capacitance is in the bulk range; σ = l/(A·R_b). Arrhenius fits are given in
      both forms, σ = A·exp(−Ea/kB·T) and σT = A·exp(−Ea/kB·T); VTF from 5 temperatures.

      Temperatures come from the file names (NRASCN_25C.mpt, s04147-140deg.txt, pellet_298K.z),
      from the file headers (a Gamry thermocouple, a Novocontrol run name), or from a manifest:
      CSV with columns file,temperature_C (or temperature_K), or TOML with a [temperatures_C]
      table of "file" = 25 lines. A folder argument stands for the files in it. Without
      --diameter/--area and --thickness, the geometry in Novocontrol-style headers is used.

      Example: ionics conductivity series data/ --circuit "p(R1,CPE1)-CPE2" --diameter 12 \\
        --thickness 4 --report report.html
      """)

  @Argument(help: "Impedance files, or folders of them.")
  var inputs: [String]

  @Option(name: .shortAndLong, help: "Circuit in impedance.py syntax, e.g. p(R1,CPE1)-CPE2.")
  var circuit: String

  @OptionGroup var sample: GeometryOptions

  @Option(help: "The element that is the bulk (R1, Zarc1); default: by capacitance.")
  var bulk: String?

  @Option(
    help:
      "Manifest naming each file's temperature: CSV (file,temperature_C) or TOML ([temperatures_C])."
  )
  var manifest: String?

  @Option(help: "Which spectrum of a file that holds several: last (default), first, or a number.")
  var spectrum: String = "last"

  @OptionGroup var fitting: SpectrumFitOptions

  @Flag(help: "Arrhenius fits without the σ uncertainties as weights (ordinary least squares).")
  var unweighted = false

  @Option(help: "Write the per-temperature table as CSV to this file.")
  var csv: String?

  @Option(help: "Write the Arrhenius plot (SVG) to this file.")
  var plot: String?

  @Option(help: "Write the Nyquist + Bode plots of all spectra with their fits (SVG).")
  var spectraPlot: String?

  @Option(help: "Write a self-contained HTML report to this file.")
  var report: String?

  @OptionGroup var output: OutputOptions

  func run() throws {
    let fitOptions = try fitting.fitOptions()
    let files = try expandFolders(inputs, skipping: manifest)
    let table = try manifest.map { path in
      try withArgument("--manifest") {
        try TemperatureSource.manifest(readText(path), source: path)
      }
    }
    var spectra: [(path: String, spectrum: ImpedanceSpectrum)] = []
    for path in files {
      let all = try withArgument(path) {
        try ImpedanceFile.read(contentsOf: URL(fileURLWithPath: path))
      }
      spectra.append((path, try pick(all, path: path)))
    }
    let geometry = try sample.geometry() ?? headerGeometry(spectra)
    let temperatures = try withArgument("temperatures") {
      try TemperatureSource.resolve(
        files: spectra.map {
          ($0.path, TemperatureSource.celsius(fromHeader: $0.spectrum.metadata))
        },
        manifest: table)
    }
    let seriesInputs = zip(spectra, temperatures).map { file, t in
      TemperatureSeries.Input(
        name: URL(fileURLWithPath: file.path).lastPathComponent,
        spectrum: fitting.prepared(file.spectrum), temperatureCelsius: t.celsius,
        temperatureSource: t.source)
    }
    try checkDistinct(seriesInputs)
    var options = TemperatureSeries.Options(circuit: circuit, geometry: geometry, bulkElement: bulk)
    options.fit = fitOptions
    options.weightedArrhenius = !unweighted
    let result = try withArgument("series") {
      try TemperatureSeries.analyse(seriesInputs, options: options)
    }
    try writeSeriesOutputs(
      result, inputs: seriesInputs, options: options, csv: csv, plot: plot,
      spectraPlot: spectraPlot, report: report, protected: files + (manifest.map { [$0] } ?? []),
      notice: nil)
    try output.emit(result) { print(renderSeries(result)) }
  }

  /// The sample geometry written in every file's header (Novocontrol
  /// `Diameter[mm]` and `Thickness[mm]`), when all files agree on it.
  func headerGeometry(_ spectra: [(path: String, spectrum: ImpedanceSpectrum)]) throws
    -> CellGeometry
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
      throw CommandLineError(
        description:
          "the sample geometry is needed: --diameter (mm) or --area (cm²), and --thickness (mm) (the file headers do not all give it)"
      )
    }
    FileHandle.standardError.write(
      Data(
        "geometry from the file headers: area \(significant(area, 5)) cm², thickness \(formatNumber(thickness)) mm\n"
          .utf8))
    return try withArgument("header geometry") {
      try CellGeometry(areaSquareCentimetres: area, thicknessCentimetres: thickness / 10)
    }
  }

  /// The spectrum asked for by --spectrum from a file's spectra.
  func pick(_ all: [ImpedanceSpectrum], path: String) throws -> ImpedanceSpectrum {
    switch spectrum {
    case "last": if let s = all.last { return s }
    case "first": if let s = all.first { return s }
    default:
      guard let k = Int(spectrum), k >= 1 else {
        throw CommandLineError(
          description: "--spectrum '\(spectrum)': expected last, first or a number from 1")
      }
      if k <= all.count { return all[k - 1] }
      throw CommandLineError(
        description: "\(path): holds \(all.count) spectra, --spectrum asks for number \(k)")
    }
    throw CommandLineError(description: "\(path): holds no spectrum")
  }

  /// Two files at the same temperature are most often a mistake (a copy, or
  /// a name that lost its decimal); refuse with both names.
  func checkDistinct(_ inputs: [TemperatureSeries.Input]) throws {
    var seen: [Double: String] = [:]
    var clashes: [String] = []
    for input in inputs {
      if let other = seen[input.temperatureCelsius] {
        clashes.append(
          "\(other) and \(input.name) are both at \(formatNumber(input.temperatureCelsius)) °C")
      }
      seen[input.temperatureCelsius] = input.name
    }
    guard clashes.isEmpty else {
      throw CommandLineError(
        description: "temperatures:\n  " + clashes.joined(separator: "\n  ")
          + "\n  (pick one spectrum per temperature, or correct the names or the manifest)")
    }
  }
}

/// Files named on the command line, with every folder replaced by the
/// regular, non-hidden files in it (sorted), leaving out the manifest and
/// files that are plainly not spectra (reports, figures, notes).
func expandFolders(_ inputs: [String], skipping manifest: String?) throws -> [String] {
  let manager = FileManager.default
  let skipped: Set<String> = [
    "md", "html", "svg", "png", "jpg", "pdf", "json", "toml", "py", "log",
  ]
  var files: [String] = []
  for input in inputs {
    var isFolder: ObjCBool = false
    guard manager.fileExists(atPath: input, isDirectory: &isFolder) else {
      throw CommandLineError(description: "\(input): no such file or folder")
    }
    guard isFolder.boolValue else {
      files.append(input)
      continue
    }
    let names = try withArgument(input) { try manager.contentsOfDirectory(atPath: input) }
    let manifestURL = manifest.map { URL(fileURLWithPath: $0).standardizedFileURL }
    for name in names.sorted() where !name.hasPrefix(".") {
      let path = URL(fileURLWithPath: input).appendingPathComponent(name)
      var sub: ObjCBool = false
      guard manager.fileExists(atPath: path.path, isDirectory: &sub), !sub.boolValue,
        !skipped.contains(path.pathExtension.lowercased()),
        path.standardizedFileURL != manifestURL
      else { continue }
      files.append(path.path)
    }
  }
  guard !files.isEmpty else {
    throw CommandLineError(description: "no impedance files in \(inputs.joined(separator: ", "))")
  }
  return files
}

/// A text file's contents (decoded by ``TextDecoding``), with the path in any error.
func readText(_ path: String) throws -> String {
  TextDecoding.decode(try readInput(path))
}

/// A file's bytes, with the path in any error.
func readInput(_ path: String) throws -> Data {
  do {
    // Files are mapped rather than copied; pipes and devices are read.
    let url = URL(fileURLWithPath: path)
    if let mapped = try? Data(contentsOf: url, options: .alwaysMapped) { return mapped }
    if let read = try? Data(contentsOf: url) { return read }
    // Pipes (process substitution, /dev/stdin) are read to their end.
    if let handle = FileHandle(forReadingAtPath: path) {
      defer { try? handle.close() }
      if let data = try handle.readToEnd() { return data }
    }
    return try Data(contentsOf: url)
  } catch {
    throw CommandLineError(description: "\(path): cannot read (\(error.localizedDescription))")
  }
}

/// Writes the CSV table, the Arrhenius and spectra plots and the HTML report
/// that were asked for, never over one of the `protected` inputs.
func writeSeriesOutputs(
  _ result: TemperatureSeries.Result, inputs: [TemperatureSeries.Input],
  options: TemperatureSeries.Options, csv: String?, plot: String?, spectraPlot: String?,
  report: String?, protected: [String], notice: String?
) throws {
  if let csv { try writeAtomically(result.csv, to: csv, inputs: protected) }
  if let plot {
    try writeAtomically(ConductivityReport.arrheniusFigure(result), to: plot, inputs: protected)
  }
  if let spectraPlot {
    try writeAtomically(
      ConductivityReport.impedanceFigure(result, inputs: inputs), to: spectraPlot,
      inputs: protected)
  }
  if let report {
    let command = (["ionics"] + CommandLine.arguments.dropFirst()).map(shellQuoted).joined(
      separator: " ")
    let html = ConductivityReport.html(
      result, inputs: inputs, options: options,
      provenance: .init(
        command: command, version: Ionics.configuration.version, notice: notice))
    try writeAtomically(html, to: report, inputs: protected)
  }
}

/// An argument as a shell would need it written.
func shellQuoted(_ s: String) -> String {
  let plain = s.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
  return plain && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// The readable summary of a series.
func renderSeries(_ r: TemperatureSeries.Result) -> String {
  var lines: [String] = []
  var table = TextTable(
    "T (°C)", "file", "T from", "bulk", "R_b (Ω)", "C_eff (F)", "σ (S/cm)", "χ²/dof")
  for p in r.points {
    table.add(
      fixed(p.temperatureCelsius, 1), p.name, p.temperatureSource, p.bulkElement,
      shown(p.bulkResistance), p.bulkCapacitance.map(shown) ?? "–", shown(p.conductivity),
      significant(p.reducedChiSquared, 3))
  }
  lines.append(table.rendered)
  for p in r.points where p.grainBoundaryResistance != nil {
    lines.append(
      "\(fixed(p.temperatureCelsius, 1)) °C: grain boundary \(p.grainBoundaryElement ?? "") R = \(p.grainBoundaryResistance.map(shown) ?? "") Ω, σ total \(shown(p.totalConductivity)) S/cm"
    )
  }
  if let reason = r.points.first?.grainBoundaryReason {
    lines.append("grain boundary at \(fixed(r.points[0].temperatureCelsius, 1)) °C: \(reason)")
  }
  let missing = r.points.filter { !($0.conductivity.standardUncertainty > 0) }.map(\.name)
  if !r.arrhenius.weighted && !missing.isEmpty {
    lines.append(
      "the Arrhenius fits are unweighted: the fit gave no standard error for R_b in "
        + missing.joined(separator: ", "))
  }
  lines.append("bulk, σ = l/(A·R_b)" + (r.arrhenius.weighted ? ", weighted by 1/u(ln σ)²:" : ":"))
  lines.append(renderArrhenius([r.arrhenius, r.arrheniusSigmaT], at: [r.conductivityAt25C]))
  if let g = r.grainBoundaryArrhenius {
    lines.append("grain boundary, σ_gb = l/(A·R_gb) (apparent, with the pellet's l/A):")
    lines.append(renderArrhenius(g, at: []))
  }
  if let t = r.totalArrhenius {
    lines.append("total, σ = l/(A·(R_b + R_gb)):")
    lines.append(renderArrhenius(t, at: []))
  }
  if let vtf = r.vtf { lines.append(renderVTF(vtf, r.comparison)) }
  for p in r.points {
    for w in p.warnings { lines.append("warning: \(p.name): \(w)") }
  }
  lines.append("fits: \(fixed(r.fitMilliseconds, 0)) ms for \(r.points.count) spectra")
  return lines.joined(separator: "\n")
}

/// Arrhenius fits and σ predictions as text.
func renderArrhenius(_ fits: [ArrheniusFit], at predictions: [ArrheniusFit.Prediction]) -> String {
  var table = TextTable("form", "Ea (eV)", "Ea (kJ/mol)", "A", "R²")
  for f in fits {
    table.add(
      f.form.rawValue, "\(f.activationEnergyElectronvolts)",
      "\(f.activationEnergyKilojoulesPerMole)",
      "\(f.prefactor) \(f.form == .sigma ? "S/cm" : "S·K/cm")", fixed(f.rSquared, 5))
  }
  var lines = [table.rendered]
  for p in predictions {
    lines.append(
      "σ(\(formatNumber(((p.temperatureKelvin - 273.15) * 1e6).rounded() / 1e6)) °C) = \(significant(p.conductivity, 4)) S/cm, \(formatNumber(p.level * 100)) % interval \(significant(p.lower, 4)) – \(significant(p.upper, 4)) S/cm"
        + (p.isExtrapolated ? " (extrapolated)" : ""))
  }
  return lines.joined(separator: "\n")
}

/// A VTF fit and the model comparison as text.
func renderVTF(_ vtf: VTFFit, _ comparison: ModelComparison?) -> String {
  var lines = [
    "VTF σ = A·T^(−1/2)·exp(−B/(T − T0)): A = \(vtf.prefactor) S·K^½/cm, B = \(vtf.pseudoActivationTemperature) K (B·kB = \(vtf.pseudoActivationEnergyElectronvolts) eV), T0 = \(vtf.idealGlassTemperatureKelvin) K (\(vtf.t0Note))"
  ]
  if let comparison {
    lines.append(
      "\(comparison.verdict); AICc Arrhenius \(fixed(comparison.arrheniusAICc, 2)), VTF \(fixed(comparison.vtfAICc, 2))"
    )
  }
  return lines.joined(separator: "\n")
}
