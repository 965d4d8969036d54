import Conductivity
import Foundation
import Impedance
import IonicsCore
import Plots
import Report

extension ProjectReport {
  /// The temperature series of a sample, as `ionics conductivity series` runs it.
  static func series(_ c: ProjectManifest.ConductivitySeries, _ m: ProjectManifest) throws
    -> ConductivitySeriesWorkflow.Outcome
  {
    var request = ConductivitySeriesWorkflow.Request(
      paths: try ProjectFiles.expand(c.files, in: m), circuit: c.circuit)
    switch (c.diameter, c.thickness) {
    case (let d?, let t?): request.geometry = try CellGeometry.disc(diameterMillimetres: d, thicknessMillimetres: t)
    case (nil, nil): break
    default:
      throw WorkflowError.missingParameter(
        "diameter and thickness", why: "give both (mm), or neither to take them from the files")
    }
    request.bulkElement = c.bulk
    request.trim = c.trim
    request.manifestPath = c.temperatures.map { m.resolve($0) }
    return try ConductivitySeriesWorkflow.run(request)
  }

  /// A camelCase key: `prefix` then `name` ("conductivity…" without a prefix).
  static func key(_ prefix: String, _ name: String) -> String {
    prefix.isEmpty ? name.prefix(1).lowercased() + name.dropFirst() : prefix + name
  }

  /// The Arrhenius numbers of one series: Ea in both forms, σ(25 °C).
  static func arrheniusValues(_ r: TemperatureSeries.Result, sample: String, prefix: String, headline: Bool)
    -> [ReportValue]
  {
    var values = [
      ReportValue(
        key(prefix, "ConductivityAt25CSiemensPerCentimetre"), "σ(25 °C), \(sample)", r.conductivityAt25C.conductivity,
        unit: "S/cm", headline: headline),
      ReportValue(
        key(prefix, "ConductivityAt25CLower95SiemensPerCentimetre"), "σ(25 °C), \(sample), 95 % interval lower end",
        r.conductivityAt25C.lower, unit: "S/cm"),
      ReportValue(
        key(prefix, "ConductivityAt25CUpper95SiemensPerCentimetre"), "σ(25 °C), \(sample), 95 % interval upper end",
        r.conductivityAt25C.upper, unit: "S/cm"),
      ReportValue(
        key(prefix, "ActivationEnergyElectronvolts"), "Ea (σ = A·exp(−Ea/kT)), \(sample)",
        r.arrhenius.activationEnergyElectronvolts, unit: "eV", headline: headline),
      ReportValue(
        key(prefix, "ActivationEnergyKilojoulesPerMole"), "Ea (σ form), \(sample)",
        r.arrhenius.activationEnergyKilojoulesPerMole, unit: "kJ/mol"),
      ReportValue(
        key(prefix, "ActivationEnergySigmaTElectronvolts"), "Ea (σT = A·exp(−Ea/kT)), \(sample)",
        r.arrheniusSigmaT.activationEnergyElectronvolts, unit: "eV", headline: headline),
    ]
    if let g = r.grainBoundaryArrhenius?.first {
      values.append(
        ReportValue(
          key(prefix, "GrainBoundaryActivationEnergyElectronvolts"), "Ea of the grain boundaries, \(sample)",
          g.activationEnergyElectronvolts, unit: "eV"))
    }
    if let t = r.totalArrhenius?.first {
      values.append(
        ReportValue(
          key(prefix, "TotalActivationEnergyElectronvolts"), "Ea of the total conductivity, \(sample)",
          t.activationEnergyElectronvolts, unit: "eV"))
    }
    return values
  }

  /// Fig. 3c and S2: σ(T) of the pellet, Arrhenius in both forms, the spectra with their fits.
  static func conductivitySection(_ c: ProjectManifest.ConductivitySeries, _ m: ProjectManifest) throws
    -> ReportSection
  {
    let outcome = try series(c, m)
    let r = outcome.result
    let arrhenius = ConductivityReport.arrheniusFigure(r).printed()
    let spectra = ConductivityReport.impedanceFigure(r, inputs: outcome.inputs).printed()
    return ReportSection(
      id: "conductivity", title: "", figureLabel: "",
      parameters: [
        "circuit": c.circuit, "geometry": "\(outcome.options.geometry)",
        "bulk element": c.bulk ?? "chosen by capacitance", "frequency window": "\(c.trim)",
        "fit options": "\(outcome.options.fit)", "weighted Arrhenius": "\(outcome.options.weightedArrhenius)",
      ],
      method:
        "Each spectrum is fitted with \(c.circuit) (complex non-linear least squares, modulus weighting, several starts); the bulk resistance R_b gives σ = d/(S·R_b) with the sample's geometry (\(outcome.options.geometry)); ln σ and ln σT are fitted against 1/T (weighted by the σ uncertainties), and σ(25 °C) is read from the σ form with its 95 % prediction interval.",
      values: arrheniusValues(r, sample: c.name, prefix: "", headline: true),
      tables: [
        ReportTable(
          name: "temperatures", caption: "Bulk resistance and conductivity at each temperature",
          header: ["file", "T (°C)", "R_b (Ω)", "σ (S/cm)", "χ²/dof"],
          rows: r.points.map {
            [$0.name, fixed($0.temperatureCelsius, 1), "\($0.bulkResistance)", "\($0.conductivity)", significant($0.reducedChiSquared, 3)]
          })
      ],
      figures: [
        ReportFigure(
          name: "fig3c-arrhenius",
          caption: "Arrhenius plot of the bulk conductivity of \(c.name) with ±1σ error bars and the fitted line (σ form).",
          alternativeText: "log σ against 1000/T: measured conductivities with error bars and the Arrhenius fit.",
          svg: arrhenius.svg, csv: arrhenius.csv),
        ReportFigure(
          name: "figS2-nyquist",
          caption: "Nyquist and Bode plots of \(c.name) at each temperature (markers) with the fitted circuit (lines).",
          alternativeText: "Impedance spectra at each temperature with their circuit fits, as Nyquist and Bode plots.",
          svg: spectra.svg, csv: spectra.csv),
      ], diagnostics: outcome.diagnostics)
  }

  /// Fig. S9: σ(T) of several samples on one Arrhenius plot.
  static func comparisonSection(_ all: [ProjectManifest.ConductivitySeries], _ m: ProjectManifest) throws
    -> ReportSection
  {
    var data: [ConductivityPlots.DataSet] = []
    var curves: [ConductivityPlots.Curve] = []
    var values: [ReportValue] = []
    var diagnostics: [Diagnostic] = []
    for (k, c) in all.enumerated() {
      let outcome: ConductivitySeriesWorkflow.Outcome
      do {
        outcome = try series(c, m)
      } catch {
        diagnostics.append(.warning("sampleFailed", "\(c.name) is left out: \(error)"))
        continue
      }
      let r = outcome.result
      let kelvin = r.points.map { Units.kelvin(fromCelsius: $0.temperatureCelsius) }
      data.append(
        .init(
          name: c.name, temperaturesKelvin: kelvin, conductivities: r.points.map(\.conductivity.value),
          uncertainties: r.points.map(\.conductivity.standardUncertainty)))
      if let lo = kelvin.min(), let hi = kelvin.max() {
        let grid = (0...30).map { lo + (hi - lo) * Double($0) / 30 }
        curves.append(
          .init(
            name: "\(c.name): Ea = \(r.arrhenius.activationEnergyElectronvolts) eV", temperaturesKelvin: grid,
            conductivities: grid.map { r.arrhenius.conductivity(atKelvin: $0).conductivity },
            colorOfDataSet: data.count - 1))
      }
      values += arrheniusValues(r, sample: c.name, prefix: "sample\(k + 1)", headline: k > 0)
      diagnostics += outcome.diagnostics.filter { $0.severity != .note }
    }
    guard !data.isEmpty else {
      throw WorkflowError.missingParameter("samples", why: "no sample's series could be analysed")
    }
    let figure = ConductivityPlots.arrhenius(data, curves: curves).printed()
    return ReportSection(
      id: "comparison", title: "", figureLabel: "",
      parameters: Dictionary(
        uniqueKeysWithValues: all.map { ("\($0.name)", "\($0)") }),
      method: "Each sample's series is analysed as the pellet's: a circuit fit per spectrum, σ = d/(S·R_b) with its own geometry, Arrhenius in the σ form.",
      values: values,
      figures: [
        ReportFigure(
          name: "figS9-samples", caption: "Conductivity of the samples against 1000/T, each with its Arrhenius fit.",
          alternativeText: "log σ against 1000/T for several samples, with a fitted line each.",
          svg: figure.svg, csv: figure.csv)
      ], diagnostics: diagnostics)
  }

  /// One spectrum fitted: the parameters and the Nyquist/Bode figure.
  static func fitSpectrum(_ path: String, circuit text: String, trim: SpectrumTrim) throws
    -> (ImpedanceSpectrum, CircuitFitResult)
  {
    guard let read = try readSpectra([path]).last?.spectrum else {
      throw WorkflowError.inFile(path, "no spectrum")
    }
    let spectrum = try trim.apply(to: read)
    let circuit: Circuit
    do { circuit = try Circuit(text) } catch {
      throw WorkflowError.invalidParameter("circuit", value: text, expected: "\(error)")
    }
    return (spectrum, try CircuitFitter.fit(circuit, to: spectrum))
  }

  /// The interface resistance of a fit: `element`'s R, or every R but the first summed.
  static func interfaceResistance(_ fit: CircuitFitResult, element: String?) throws -> Measured {
    if let element {
      guard let p = fit.parameter(element) else {
        throw WorkflowError.invalidParameter(
          "element", value: element, expected: "one of \(fit.parameters.map(\.name).joined(separator: ", "))")
      }
      return Measured(p.value, standardUncertainty: p.standardError ?? 0)
    }
    let resistances = fit.parameters.filter { $0.name.hasPrefix("R") && $0.unit == "Ohm" }
    return resistances.dropFirst().reduce(Measured(0)) { $0 + Measured($1.value, standardUncertainty: $1.standardError ?? 0) }
  }

  static func curves(_ spectrum: ImpedanceSpectrum, _ fit: CircuitFitResult, name: String) -> [ImpedancePlots.Curve] {
    [
      .init(name: name, frequencies: spectrum.frequencies, real: spectrum.real, imaginary: spectrum.imaginary, isFit: false),
      .init(name: "\(name), fit", frequencies: fit.frequencies, real: fit.fittedReal, imaginary: fit.fittedImaginary, isFit: true),
    ]
  }

  /// Fig. S6: one cell's spectrum fitted, its interface resistance.
  static func interfaceSection(_ i: ProjectManifest.InterfaceSpectrum, _ m: ProjectManifest) throws -> ReportSection {
    let (spectrum, fit) = try fitSpectrum(m.resolve(i.file), circuit: i.circuit, trim: i.trim)
    let r = try interfaceResistance(fit, element: i.element)
    let figure = ImpedancePlots.nyquistAndBode(curves(spectrum, fit, name: i.name)).printed()
    var values = [ReportValue("interfaceResistanceOhm", "interface resistance, \(i.name)", r, unit: "Ω", headline: true)]
    values += fit.parameters.map {
      ReportValue(
        "parameter\($0.name)", "\($0.name)", $0.value, uncertainty: $0.standardError,
        unit: $0.unit.replacingOccurrences(of: "Ohm", with: "Ω"))
    }
    values.append(ReportValue("reducedChiSquared", "χ²/dof of the fit", fit.reducedChiSquared, unit: ""))
    return ReportSection(
      id: "interface", title: "", figureLabel: "",
      parameters: [
        "circuit": i.circuit, "element": i.element ?? "every R after the first, summed",
        "frequency window": "\(i.trim)", "fit options": "\(CircuitFitOptions())",
      ],
      method:
        "The spectrum is fitted with \(i.circuit); the interface resistance is \(i.element.map { "the resistance of \($0)" } ?? "the sum of every resistance after the first (the electrolyte's)"), with the standard error of the fit.",
      values: values,
      figures: [
        ReportFigure(
          name: "figS6-interface", caption: "Impedance of \(i.name) (markers) with the fitted circuit \(i.circuit) (line).",
          alternativeText: "Nyquist and Bode plots of the cell's spectrum with its circuit fit.",
          svg: figure.svg, csv: figure.csv)
      ], diagnostics: fit.diagnostics)
  }

  /// The storage time of a file, h: from the list, else from its name ("…_48h…").
  static func storageHours(_ path: String, index: Int, listed: [Double]) throws -> Double {
    if !listed.isEmpty {
      guard index < listed.count else {
        throw WorkflowError.invalidParameter(
          "hours", value: "\(listed.count) times", expected: "one storage time per file")
      }
      return listed[index]
    }
    let name = (path as NSString).lastPathComponent
    let scalars = Array(name)
    var k = 0
    while k < scalars.count {
      if scalars[k].isNumber {
        var j = k
        while j < scalars.count && (scalars[j].isNumber || scalars[j] == ".") { j += 1 }
        var after = j
        while after < scalars.count && scalars[after] == " " { after += 1 }
        if after < scalars.count && (scalars[after] == "h" || scalars[after] == "H"),
          let hours = Double(String(scalars[k..<j]))
        {
          return hours
        }
        k = j
      } else {
        k += 1
      }
    }
    throw WorkflowError.inFile(path, "no storage time in the name (such as \"_48h\"): list them with hours = [...]")
  }

  /// Fig. S11: the interface resistance of a stored symmetric cell against time.
  static func storageSection(_ s: ProjectManifest.StorageSeries, _ m: ProjectManifest) throws -> ReportSection {
    let files = try ProjectFiles.expand(s.files, in: m)
    var points: [(hours: Double, name: String, spectrum: ImpedanceSpectrum, fit: CircuitFitResult, r: Measured)] = []
    for (k, path) in files.enumerated() {
      let hours = try storageHours(path, index: k, listed: s.hours)
      let (spectrum, fit) = try fitSpectrum(path, circuit: s.circuit, trim: s.trim)
      points.append((hours, (path as NSString).lastPathComponent, spectrum, fit, try interfaceResistance(fit, element: s.element)))
    }
    points.sort { $0.hours < $1.hours }
    guard let first = points.first, let last = points.last else {
      throw WorkflowError.missingParameter("files", why: "no spectrum to fit")
    }
    var figure = Figure(width: 712, height: 340)
    var nyquist = Panel(
      xAxis: Axis("Z′ / Ω"), yAxis: Axis("−Z″ / Ω"),
      series: points.enumerated().flatMap { k, p in
        [
          Series("\(formatNumber(p.hours)) h", x: p.spectrum.real, y: p.spectrum.imaginary.map { -$0 }, style: .markers, color: JournalPalette.color(k)),
          Series("\(formatNumber(p.hours)) h, fit", x: p.fit.fittedReal, y: p.fit.fittedImaginary.map { -$0 }, style: .line, color: JournalPalette.color(k)),
        ]
      }, equalAspect: true, title: "spectra")
    nyquist.legendCorner = .automatic
    figure.add(nyquist, x: 0, y: 0, width: 380, height: 340)
    let trend = Panel(
      xAxis: Axis("storage time / h"), yAxis: Axis("R_interface / Ω"),
      series: [
        Series(
          "R of \(s.element)", x: points.map(\.hours), y: points.map(\.r.value), style: .lineWithMarkers,
          color: JournalPalette.color(0), yErrors: points.map(\.r.standardUncertainty))
      ], title: "interface resistance")
    figure.add(trend, x: 380, y: 0, width: 332, height: 340)
    let printed = figure.printed()
    return ReportSection(
      id: "storage", title: "", figureLabel: "",
      parameters: [
        "circuit": s.circuit, "element": s.element, "frequency window": "\(s.trim)",
        "storage times": s.hours.isEmpty ? "from the file names" : "\(s.hours)", "fit options": "\(CircuitFitOptions())",
      ],
      method:
        "Each spectrum is fitted with \(s.circuit); the resistance of \(s.element) is the interface's, with its standard error; storage times from \(s.hours.isEmpty ? "the file names" : "the manifest").",
      values: [
        ReportValue("initialInterfaceResistanceOhm", "R_interface at \(formatNumber(first.hours)) h", first.r, unit: "Ω"),
        ReportValue("finalInterfaceResistanceOhm", "R_interface at \(formatNumber(last.hours)) h", last.r, unit: "Ω", headline: true),
        ReportValue("storageHours", "longest storage time", last.hours, unit: "h"),
      ],
      tables: [
        ReportTable(
          name: "times", caption: "Interface resistance after each storage time",
          header: ["file", "time (h)", "R_interface (Ω)", "χ²/dof"],
          rows: points.map { [$0.name, formatNumber($0.hours), "\($0.r)", significant($0.fit.reducedChiSquared, 3)] })
      ],
      figures: [
        ReportFigure(
          name: "figS11-storage", caption: "Spectra of \(s.name) after each storage time with their fits (left), and the interface resistance against time (right).",
          alternativeText: "Nyquist plots after increasing storage times and the fitted interface resistance against storage time.",
          svg: printed.svg, csv: printed.csv)
      ], diagnostics: points.flatMap { p in p.fit.diagnostics.map { $0.from(p.name) } })
  }
}
