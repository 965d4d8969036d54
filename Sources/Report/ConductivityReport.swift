import Conductivity
import Foundation
import Impedance
import IonicsCore
import Plots

/// The HTML report of a temperature series: the headline numbers (Ea in
/// both Arrhenius forms, σ at 25 °C with its interval), the Arrhenius plot
/// (the paper's Fig. 3c), the Nyquist plots with their fits, a table per
/// temperature, VTF and the model comparison, the method, and the command
/// and version that made it.
public enum ConductivityReport {
  /// Where the report came from.
  public struct Provenance: Sendable {
    /// The command line, as typed.
    public var command: String
    /// Ionics' version.
    public var version: String
    /// A warning shown at the top (for example: the data are simulated).
    public var notice: String?
    /// Date and time of the run (ISO 8601).
    public var date: String

    /// Provenance of one run.
    public init(command: String, version: String, notice: String? = nil, date: Date = Date()) {
      self.command = command
      self.version = version
      self.notice = notice
      self.date = ISO8601DateFormatter().string(from: date)
    }
  }

  /// The Arrhenius figure of `result` (σ form as a solid line, VTF dashed
  /// when fitted), as a figure.
  public static func arrheniusFigure(_ result: TemperatureSeries.Result, title: String? = nil)
    -> Figure
  {
    let kelvin = result.points.map { Units.kelvin(fromCelsius: $0.temperatureCelsius) }
    let lo = (kelvin.min() ?? 298.15) - 5
    let hi = (kelvin.max() ?? 373.15) + 5
    let grid = (0...40).map { lo + (hi - lo) * Double($0) / 40 }
    // Bulk, and grain boundary and total when every temperature has both arcs.
    var components: [(String, [Measured], ArrheniusFit)] = [
      ("bulk", result.points.map(\.conductivity), result.arrhenius)
    ]
    let grains = result.points.compactMap(\.grainBoundaryConductivity)
    if let g = result.grainBoundaryArrhenius?.first, grains.count == result.points.count,
      let t = result.totalArrhenius?.first
    {
      components.append(("grain boundary", grains, g))
      components.append(("total", result.points.map(\.totalConductivity), t))
    }
    var data: [ConductivityPlots.DataSet] = []
    var curves: [ConductivityPlots.Curve] = []
    let several = components.count > 1
    for (k, (name, sigma, fit)) in components.enumerated() {
      data.append(
        .init(
          name: "σ \(name)", temperaturesKelvin: kelvin, conductivities: sigma.map(\.value),
          uncertainties: sigma.map(\.standardUncertainty)))
      curves.append(
        .init(
          name: several
            ? "\(name): Ea = \(fit.activationEnergyElectronvolts) eV"
            : "Arrhenius, σ form: Ea = \(fit.activationEnergyElectronvolts) eV",
          temperaturesKelvin: grid,
          conductivities: grid.map { fit.conductivity(atKelvin: $0).conductivity },
          colorOfDataSet: several ? k : nil))
    }
    if let vtf = result.vtf, !several {
      let above = grid.filter { $0 > vtf.idealGlassTemperatureKelvin.value + 1 }
      curves.append(
        ConductivityPlots.Curve(
          name: "VTF: B·kB = \(vtf.pseudoActivationEnergyElectronvolts) eV",
          temperaturesKelvin: above, conductivities: above.map { vtf.conductivity(atKelvin: $0) },
          dashed: true))
    }
    return ConductivityPlots.arrhenius(data, curves: curves, title: title)
  }

  /// Nyquist and Bode plots of every spectrum (markers) with its fit (line).
  public static func impedanceFigure(
    _ result: TemperatureSeries.Result, inputs: [TemperatureSeries.Input]
  ) -> Figure {
    var curves: [ImpedancePlots.Curve] = []
    for p in result.points {
      guard let input = inputs.first(where: { $0.name == p.name }) else { continue }
      let s = input.spectrum
      let label = String(format: "%g °C", p.temperatureCelsius)
      curves.append(
        .init(
          name: label, frequencies: s.frequencies, real: s.real, imaginary: s.imaginary,
          isFit: false))
      curves.append(
        .init(
          name: "", frequencies: p.fit.frequencies, real: p.fit.fittedReal,
          imaginary: p.fit.fittedImaginary, isFit: true))
    }
    // Zoom the Nyquist plot onto the arcs: 0 to 1.3 × the largest total
    // resistance, so that the electrode spike does not squash them.
    let largest = result.points.map(\.totalResistance.value).filter(\.isFinite).max()
    return ImpedancePlots.nyquistAndBode(
      curves, nyquistRange: largest.map { 0...(1.3 * $0) })
  }

  /// The whole report as one HTML file.
  public static func html(
    _ result: TemperatureSeries.Result, inputs: [TemperatureSeries.Input],
    options: TemperatureSeries.Options, provenance: Provenance
  ) -> String {
    var doc = HTMLDocument(title: "Ionic conductivity from a temperature series")
    if let notice = provenance.notice { doc.notice(notice) }
    let sigma = result.arrhenius
    let sigmaT = result.arrheniusSigmaT
    let at25 = result.conductivityAt25C
    let range = sigma.temperatureRangeKelvin
    doc.keyValues([
      (
        "Ea (σ = A·exp(−Ea/kB·T))",
        "\(sigma.activationEnergyElectronvolts) eV = \(sigma.activationEnergyKilojoulesPerMole) kJ/mol"
      ),
      (
        "Ea (σT = A·exp(−Ea/kB·T))",
        "\(sigmaT.activationEnergyElectronvolts) eV = \(sigmaT.activationEnergyKilojoulesPerMole) kJ/mol"
      ),
      (
        "σ at 25 °C (σ form)",
        "\(g(at25.conductivity)) S/cm, 95 % interval \(g(at25.lower)) – \(g(at25.upper)) S/cm"
          + (at25.isExtrapolated ? " (extrapolated outside the measured range)" : "")
      ),
      (
        "temperatures",
        "\(result.points.count), \(f(range.lowerBound - PhysicalConstants.zeroCelsiusInKelvin, 1)) – \(f(range.upperBound - PhysicalConstants.zeroCelsiusInKelvin, 1)) °C"
      ),
      ("sample", describe(options.geometry)),
      ("circuit", options.circuit),
    ])

    doc.heading("Arrhenius plot")
    doc.figure(
      svg: arrheniusFigure(result).svg,
      caption:
        "Conductivity against 1000/T with ±1 standard-uncertainty bars (from the fitted resistances and the sample dimensions); solid: Arrhenius fits in the σ form"
        + (result.vtf == nil || result.grainBoundaryArrhenius != nil ? "." : "; dashed: VTF fit."))

    doc.heading("Arrhenius fits")
    var fits: [(String, ArrheniusFit)] = [("bulk", sigma), ("bulk", sigmaT)]
    for f in result.grainBoundaryArrhenius ?? [] { fits.append(("grain boundary", f)) }
    for f in result.totalArrhenius ?? [] { fits.append(("total", f)) }
    doc.table(
      header: [
        "σ of", "form", "Ea (eV)", "Ea (kJ/mol)", "A", "ln A", "R²", "points", "weighting",
      ],
      rows: fits.map { component, fit in
        [
          component, fit.form.equation, "\(fit.activationEnergyElectronvolts)",
          "\(fit.activationEnergyKilojoulesPerMole)",
          "\(fit.prefactor) " + (fit.form == .sigma ? "S/cm" : "S·K/cm"), "\(fit.lnPrefactor)",
          f(fit.rSquared, 5), "\(fit.count)", fit.weighted ? "1/u(ln σ)²" : "equal",
        ]
      })
    doc.paragraph(
      "The two forms differ by about kB·T̄ = \(f(PhysicalConstants.boltzmannElectronvoltsPerKelvin * (range.lowerBound + range.upperBound) / 2, 3)) eV over this range; the NRASCN paper uses the σ form."
    )

    if let vtf = result.vtf {
      doc.heading("VTF and model choice")
      doc.table(
        header: ["A (S·K^½/cm)", "B (K)", "B·kB (eV)", "T0 (K)"],
        rows: [
          [
            "\(vtf.prefactor)", "\(vtf.pseudoActivationTemperature)",
            "\(vtf.pseudoActivationEnergyElectronvolts)",
            "\(vtf.idealGlassTemperatureKelvin) (\(vtf.t0Note))",
          ]
        ], caption: "σ = A·T^(−1/2)·exp(−B/(T − T0))")
      if let c = result.comparison {
        doc.paragraph(
          "\(c.verdict): AICc Arrhenius \(f(c.arrheniusAICc, 2)), VTF \(f(c.vtfAICc, 2)).")
      }
    }

    doc.heading("Each temperature")
    doc.table(
      header: [
        "T (°C)", "file", "T from", "bulk", "R_b (Ω)", "C_eff bulk (F)", "R_gb (Ω)",
        "σ (S/cm)", "σ total (S/cm)", "χ²/dof", "warnings",
      ],
      rows: result.points.map { p in
        [
          f(p.temperatureCelsius, 1), p.name, p.temperatureSource, p.bulkElement,
          shown(p.bulkResistance), p.bulkCapacitance.map(shown) ?? "–",
          p.grainBoundaryResistance.map(shown) ?? "–", shown(p.conductivity),
          shown(p.totalConductivity), g(p.reducedChiSquared),
          p.diagnostics.map(\.message).joined(separator: "; "),
        ]
      })
    for p in result.points {
      doc.paragraph(
        "\(f(p.temperatureCelsius, 1)) °C, bulk = \(p.bulkElement): \(p.bulkReason)."
          + (p.grainBoundaryElement.map {
            " Grain boundary = \($0): \(p.grainBoundaryReason ?? "")."
          }
            ?? ""))
    }

    doc.heading("Spectra and fits")
    doc.figure(
      svg: impedanceFigure(result, inputs: inputs).svg,
      caption:
        "Nyquist plot (equal axes, zoomed onto the arcs) and Bode plots of every spectrum (markers) with its fitted \(options.circuit) (lines), by temperature."
    )

    doc.heading("Method")
    doc.paragraph(
      "Each spectrum was fitted with \(options.circuit) by complex nonlinear least squares (\(options.fit.weighting.rawValue) weighting) from an automatic guess, a seeded multi-start and the previous temperature's result. The bulk resistance R_b is the arc named by the user or the one whose effective capacitance (Brug formula for a CPE) lies in the bulk range of Irvine, Sinclair and West (1990): C_eff·l/A of order 1e-12 F/cm. σ = l/(A·R_b) with the uncertainties of R_b, l and A propagated to first order."
    )
    doc.paragraph(
      "Arrhenius fits are weighted least squares of ln σ (or ln σT) against 1/T with weights 1/u(ln σ)² = (σ/u(σ))², standard errors scaled by the residual variance; σ(25 °C) carries a two-sided 95 % Student-t interval of the fitted line (n − 2 degrees of freedom). kB = 8.617333262e-5 eV/K; 1 eV = 96.485 kJ/mol."
    )
    doc.heading("Provenance")
    doc.code(provenance.command)
    doc.paragraph(
      "Ionics \(provenance.version), \(provenance.date); fits took \(f(result.fitMilliseconds, 0)) ms."
    )
    return doc.html
  }

  static func describe(_ g: CellGeometry) -> String {
    func show(_ m: Measured) -> String {
      m.standardUncertainty > 0 ? "\(m)" : String(format: "%.5g", m.value)
    }
    return
      "area \(show(g.area)) cm², thickness \(show(g.thickness)) cm (cell constant l/A = \(String(format: "%.5g", g.cellConstantPerCentimetre)) cm⁻¹)"
  }

  /// A measured value in crystallographic notation, or with 5 significant
  /// digits when the fit gave it no uncertainty.
  static func shown(_ m: Measured) -> String {
    m.standardUncertainty > 0 ? "\(m)" : String(format: "%.5g", m.value)
  }

  static func f(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
  static func g(_ x: Double) -> String { String(format: "%.4g", x) }
}
