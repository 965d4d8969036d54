import Conductivity
import Cycling
import Dispatch
import Foundation
import Impedance
import IonicsCore
import Migration
import Report
import Thermal

/// The NRASCN paper's numbers from the bundled example (`ionics demo`):
/// the chemistry from the stated inputs, and simulated measurements analysed
/// by the same workflows the commands run.
package enum PaperDemo {
  struct CellNumbers: Encodable {
    struct RateLine: Encodable {
      let cRate: Double
      let capacityMilliampHoursPerGram: Double
      let percentOfNominal: Double
    }
    let cathode: String
    let cathodeMolarMassGramsPerMole: Double
    let theoreticalMilliampHoursPerGram: Double
    let nominalMilliampHoursPerGram: Double
    let rateTest: [RateLine]
    let retentionPercent: Double
    let reportedRetentionPercent: Double
    let symmetricCellCurrentMilliamps: Double
    /// The simulated cell analysed as `ionics cycling rate` would: per rate, mean mAh/g.
    let simulatedRateTest: [RateLine]
    let simulatedRetentionPercent: Double?
    /// The simulated symmetric cell and its failing control, analysed.
    let symmetricCell: String
    let controlCell: String
    let activationEnergyElectronvolts: Double
    let activationEnergyKilojoulesPerMole: Double
  }

  struct ImpedanceNumbers: Encodable {
    let circuit: String
    let simulatedBulkResistanceOhm: Double
    let fittedBulkResistanceOhm: Double
    let fittedBulkResistanceStandardErrorOhm: Double?
    let reducedChiSquared: Double
    let conductivitySiemensPerCentimetre: Double
    let paperConductivitySiemensPerCentimetre: Double
    let fitMilliseconds: Double
    /// Lin-KK of the simulated spectrum (with a series capacitance: blocking cell).
    let kramersKronig: KramersKronigSummary
    /// C_eff, ε_r and assignment of each fitted arc with the pellet geometry.
    let arcs: [ArcCapacitance]
    /// Why the DRT of this spectrum is refused.
    let relaxationTimes: String
  }

  struct KramersKronigSummary: Encodable {
    let elementCount: Int
    let mu: Double
    let residualBandPercent: Double
    let isValid: Bool
    let verdict: String
  }

  /// The temperature series: the paper's Fig. 3c from simulated spectra.
  struct ConductivityNumbers: Encodable {
    struct Film: Encodable {
      let name: String
      let conductivitySiemensPerCentimetre: Double
      let resistanceOhm: Double
    }
    struct Point: Encodable {
      let temperatureCelsius: Double
      let bulkResistanceOhm: Measured
      let conductivitySiemensPerCentimetre: Measured
    }
    let simulated: SimulatedSeries.Parameters
    let points: [Point]
    /// The bulk fits, σ and σT forms in that order.
    let bulkArrhenius: [ArrheniusFit]
    let conductivityAt25C: ArrheniusFit.Prediction
    let comparison: ModelComparison?
    let fitMilliseconds: Double
    /// The paper's films (50 µm on 19 mm discs): σ(25 °C) and the resistance it means.
    let films: [Film]
    /// Where the HTML report was written (nil with --no-report).
    var reportPath: String?
  }

  package struct Report: Encodable {
    let paper: String
    let formulas: [FormulaReport]
    let impedance: ImpedanceNumbers
    var conductivity: ConductivityNumbers
    let synthesis: SynthesisReport
    let compositeElectrolyte: PolymerReport
    let cells: CellNumbers
    let migration: MigrationNumbers
    let thermogravimetry: ThermalNumbers
  }

  /// The simulated pellet series, analysed as `ionics conductivity series` would.
  package static func conductivitySeries() throws -> (
    inputs: [TemperatureSeries.Input], options: TemperatureSeries.Options,
    result: TemperatureSeries.Result
  ) {
    let parameters = SimulatedSeries.Parameters()
    let inputs = try SimulatedSeries.blockingPellet(parameters)
    let options = TemperatureSeries.Options(
      circuit: SimulatedSeries.circuit,
      geometry: try CellGeometry.disc(
        diameterMillimetres: parameters.diameterMillimetres,
        thicknessMillimetres: parameters.thicknessMillimetres))
    return (inputs, options, try TemperatureSeries.analyse(inputs, options: options))
  }

  static func conductivityNumbers(_ result: TemperatureSeries.Result, reportPath: String?) throws
    -> ConductivityNumbers
  {
    let disc = try CellGeometry.disc(
      diameterMillimetres: PaperExample.discDiameterMillimetres,
      thicknessMillimetres: PaperExample.filmThicknessMillimetres)
    return ConductivityNumbers(
      simulated: SimulatedSeries.Parameters(),
      points: result.points.map {
        .init(
          temperatureCelsius: $0.temperatureCelsius, bulkResistanceOhm: $0.bulkResistance,
          conductivitySiemensPerCentimetre: $0.conductivity)
      }, bulkArrhenius: [result.arrhenius, result.arrheniusSigmaT],
      conductivityAt25C: result.conductivityAt25C, comparison: result.comparison,
      fitMilliseconds: result.fitMilliseconds,
      films: PaperExample.films.map {
        .init(
          name: $0.name, conductivitySiemensPerCentimetre: $0.conductivity,
          resistanceOhm: disc.resistance(conductivity: Measured($0.conductivity)).value)
      }, reportPath: reportPath)
  }

  /// Writes each simulated spectrum as `NRASCN_pellet_25C.csv`, … into `folder`.
  package static func export(_ inputs: [TemperatureSeries.Input], to folder: String) throws {
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw OutputError.cannotWrite(folder, reason: error.localizedDescription)
    }
    for input in inputs {
      let name = String(format: "NRASCN_pellet_%gC.csv", input.temperatureCelsius)
      try writeAtomically(
        spectrumCSV(input.spectrum),
        to: URL(fileURLWithPath: folder).appendingPathComponent(name).path)
    }
  }

  /// Every section of the demo; `reportPath` is where the HTML report of
  /// the series was written (nil when none was).
  package static func makeReport(series: TemperatureSeries.Result, reportPath: String? = nil)
    throws -> Report
  {
    let formulas = try [
      PaperExample.solvate, PaperExample.compound, "NaTFSI", "EO", PaperExample.cathode,
    ].map {
      try FormulaReport($0)
    }
    let recipe = try SynthesisRecipe(
      millimoles: try PaperExample.reagents.map { (try Formula($0.0), $0.1) })
    let synthesis = try SynthesisReport.make(
      recipe: recipe, product: PaperExample.solvate, productMassMilligrams: nil,
      yieldPercent: PaperExample.reportedYieldPercent)
    let polymer = try PolymerElectrolyteRecipe(
      polymerMassGrams: PaperExample.polymerMassGrams,
      repeatUnit: try Formula.resolving("EO").formula,
      repeatUnitsPerCation: PaperExample.eoPerSodium, salt: try Formula.resolving("NaTFSI").formula,
      filler: try Formula(PaperExample.compound),
      fillerWeightPercent: PaperExample.fillerWeightPercent,
      fillerBasis: .total)
    let cathode = try Formula(PaperExample.cathode)
    let simulated = simulatedCellNumbers()
    let theoretical = try SpecificCapacity.theoreticalMilliampHoursPerGram(
      of: cathode, electronsPerFormulaUnit: 2)
    let radiusCentimetres =
      Units.centimetres(fromMillimetres: PaperExample.discDiameterMillimetres) / 2
    let cells = CellNumbers(
      cathode: cathode.text, cathodeMolarMassGramsPerMole: cathode.molarMassGramsPerMole,
      theoreticalMilliampHoursPerGram: theoretical,
      nominalMilliampHoursPerGram: PaperExample.nominalMilliampHoursPerGram,
      rateTest: PaperExample.rateCapacities.map {
        .init(
          cRate: $0.rate, capacityMilliampHoursPerGram: $0.capacity,
          percentOfNominal: 100 * $0.capacity / PaperExample.nominalMilliampHoursPerGram)
      },
      retentionPercent: 100 * PaperExample.finalMilliampHoursPerGram
        / PaperExample.initialMilliampHoursPerGram,
      reportedRetentionPercent: PaperExample.reportedRetentionPercent,
      symmetricCellCurrentMilliamps: PaperExample.currentDensityMilliampsPerSquareCentimetre
        * Double.pi * radiusCentimetres * radiusCentimetres,
      simulatedRateTest: simulated.steps.map {
        .init(
          cRate: $0.cRate, capacityMilliampHoursPerGram: $0.meanDischargeMilliampHoursPerGram,
          percentOfNominal: 100 * $0.fractionOfTheoretical)
      },
      simulatedRetentionPercent: simulated.retention.map { $0 * 100 },
      symmetricCell: try symmetricVerdict(failing: false),
      controlCell: try symmetricVerdict(failing: true),
      activationEnergyElectronvolts: PaperExample.activationEnergyElectronvolts,
      activationEnergyKilojoulesPerMole: Units.kilojoulesPerMole(
        fromElectronvolts: PaperExample.activationEnergyElectronvolts))
    return Report(
      paper: "H. Li et al., Inorg. Chem. Front. 2024, 11, 6671 (NRASCN)", formulas: formulas,
      impedance: try impedanceNumbers(),
      conductivity: try conductivityNumbers(series, reportPath: reportPath),
      synthesis: synthesis,
      compositeElectrolyte: PolymerReport(
        polymer, repeatUnitName: "EO", saltName: "NaTFSI", fillerName: "NRASCN"),
      cells: cells, migration: try migrationNumbers(), thermogravimetry: try thermalNumbers())
  }

  /// The paper's cell simulated (2 mg NVP) and analysed: the rate steps and
  /// the retention of the last cycle against the first long-term one (26).
  static func simulatedCellNumbers() -> (steps: [RateStep], retention: Double?) {
    let mass = 0.002
    let cell = PaperExample.simulatedCell(longCycles: 1000, activeMassGrams: mass)
    let steps = cell.rateCapability(
      activeMassGrams: mass, oneC: PaperExample.nominalMilliampHoursPerGram)
    return (Array(steps.prefix(5)), cell.retention(reference: 26))
  }

  /// The verdict of the simulated symmetric cell or of its failing control.
  static func symmetricVerdict(failing: Bool) throws -> String {
    let cell = PaperExample.simulatedSymmetricCell(failing: failing)
    return try SymmetricCellAnalysis(
      cell.table(), areaSquareCentimetres: cell.areaSquareCentimetres
    ).verdict
  }

  /// The paper's pellet, simulated and fitted: R_bulk = d/(σ·S), then σ from the fitted R.
  static func impedanceNumbers() throws -> ImpedanceNumbers {
    let radius = Units.centimetres(fromMillimetres: PaperExample.pelletDiameterMillimetres) / 2
    let area = Double.pi * radius * radius
    let thickness = Units.centimetres(fromMillimetres: PaperExample.pelletThicknessMillimetres)
    let bulk = thickness / (PaperExample.conductivitySiemensPerCentimetre * area)
    let q = pow(PaperExample.bulkCapacitanceFarads, 0.9) / pow(bulk, 0.1)
    let circuit = try Circuit("p(R1,CPE1)-CPE2")
    let grid = try CircuitSimulator.logarithmicGrid(from: 3e6, to: 0.1, pointsPerDecade: 10)
    let spectrum = try CircuitSimulator.simulate(
      circuit, parameters: [bulk, q, 0.9, 2e-6, 0.8], frequencies: grid, relativeNoise: 0.005,
      seed: 2024)
    let start = DispatchTime.now()
    var options = CircuitFitOptions()
    options.geometry = try CellGeometry.disc(
      diameterMillimetres: PaperExample.pelletDiameterMillimetres,
      thicknessMillimetres: PaperExample.pelletThicknessMillimetres)
    let fit = try CircuitFitter.fit(circuit, to: spectrum, options: options)
    let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    let r = fit.parameter("R1")
    let fitted = r?.value ?? .nan
    return ImpedanceNumbers(
      circuit: circuit.text, simulatedBulkResistanceOhm: bulk, fittedBulkResistanceOhm: fitted,
      fittedBulkResistanceStandardErrorOhm: r?.standardError,
      reducedChiSquared: fit.reducedChiSquared,
      conductivitySiemensPerCentimetre: thickness / (area * fitted),
      paperConductivitySiemensPerCentimetre: PaperExample.conductivitySiemensPerCentimetre,
      fitMilliseconds: ms,
      kramersKronig: try kramersKronigSummary(spectrum), arcs: fit.capacitances,
      relaxationTimes: drtVerdict(spectrum))
  }

  static func kramersKronigSummary(_ spectrum: ImpedanceSpectrum) throws -> KramersKronigSummary {
    var options = KramersKronigOptions()
    options.addCapacitance = true
    let kk = try KramersKronig.test(spectrum, options: options)
    return KramersKronigSummary(
      elementCount: kk.elementCount, mu: kk.mu, residualBandPercent: kk.residualBandPercent,
      isValid: kk.isValid, verdict: kk.verdict)
  }

  static func drtVerdict(_ spectrum: ImpedanceSpectrum) -> String {
    do {
      let drt = try RelaxationTimes.compute(spectrum)
      return "computed: \(drt.peaks.count) peaks"
    } catch {
      return "refused: \(error)"
    }
  }

  package static func render(_ report: Report) -> String {
    var out: [String] = []
    func section(_ title: String) {
      if !out.isEmpty { out.append("") }
      out.append(title)
      out.append(String(repeating: "=", count: title.count))
    }
    out.append("Ionics demo: \(report.paper)")

    section("1. Formulas (IUPAC 2021 atomic weights)")
    var table = TextTable("compound", "sum formula", "M (g/mol)")
    for f in report.formulas {
      let name = f.abbreviationFor.map { "\(f.input) = \($0)" } ?? f.input
      table.add(name, f.hillFormula, fixed(f.molarMassGramsPerMole, 3))
    }
    out.append(table.rendered)
    if let solvate = report.formulas.first {
      out.append("")
      var solvents = TextTable("solvent lost on drying", "per f.u.", "mass %")
      for s in solvate.solvates {
        solvents.add(s.solvate, formatNumber(s.perFormulaUnit), fixed(s.massPercent, 2))
      }
      solvents.add("all (expected TGA loss below 100 °C)", "", fixed(solvate.solventMassPercent, 2))
      out.append(solvents.rendered)
    }

    section("2. Synthesis (sealed tube, 550 °C)")
    out.append(report.synthesis.rendered)

    section("3. PEO–NaTFSI–NRASCN composite electrolyte")
    out.append(report.compositeElectrolyte.rendered)

    section("4. Cells (Na | PEO–NaTFSI–NRASCN | NVP, 1 C = 117 mAh/g)")
    let c = report.cells
    out.append(
      "NVP theoretical capacity (2 e⁻, M = \(fixed(c.cathodeMolarMassGramsPerMole, 3)) g/mol): \(fixed(c.theoreticalMilliampHoursPerGram, 2)) mAh/g"
    )
    var rates = TextTable("C-rate", "mAh/g", "% of 1 C value")
    for r in c.rateTest {
      rates.add(
        formatNumber(r.cRate), fixed(r.capacityMilliampHoursPerGram, 1),
        fixed(r.percentOfNominal, 1))
    }
    out.append(rates.rendered)
    out.append(
      "(the paper calls 116.1 mAh/g at 0.1 C \"99.3 % of theoretical\"; 116.1/117 = 99.2 %)")
    out.append(
      "retention after 1000 cycles at 0.3 C: \(fixed(c.retentionPercent, 1)) % (paper: \(fixed(c.reportedRetentionPercent, 1)) % from about 109.4 → 100.5 mAh/g)"
    )
    out.append(
      "symmetric cell, 0.05 mA/cm² on a 19 mm disc: \(fixed(c.symmetricCellCurrentMilliamps, 4)) mA"
    )
    out.append("")
    out.append(
      "the cell simulated by Ionics (rate steps, then 1000 cycles at 0.3 C) and analysed back:")
    var simulatedRates = TextTable("C-rate", "mean mAh/g", "% of 1 C value")
    for r in c.simulatedRateTest {
      simulatedRates.add(
        formatNumber(r.cRate), fixed(r.capacityMilliampHoursPerGram, 1),
        fixed(r.percentOfNominal, 1))
    }
    out.append(simulatedRates.rendered)
    if let retention = c.simulatedRetentionPercent {
      out.append("retention, last cycle against cycle 26: \(fixed(retention, 1)) %")
    }
    out.append("symmetric cell simulated at 112 mV: \(c.symmetricCell)")
    out.append("control simulated to fail after 24 h: \(c.controlCell)")
    out.append(
      "activation energy \(formatNumber(c.activationEnergyElectronvolts)) eV = \(fixed(c.activationEnergyKilojoulesPerMole, 2)) kJ/mol"
    )

    section(
      "5. Impedance of the 12 mm × 4 mm pellet (simulated from σ25 = 1.05e-5 S/cm, then fitted)")
    let z = report.impedance
    out.append(
      "circuit \(z.circuit), 3 MHz – 0.1 Hz, 10 points/decade, 0.5 % noise; automatic guess + multi-start"
    )
    let error = z.fittedBulkResistanceStandardErrorOhm.map { " ± \(fixed($0, 0))" } ?? ""
    out.append(
      "R_bulk: simulated \(fixed(z.simulatedBulkResistanceOhm, 0)) Ω, fitted \(fixed(z.fittedBulkResistanceOhm, 0))\(error) Ω"
        + " (χ²/dof \(significant(z.reducedChiSquared, 3)), \(fixed(z.fitMilliseconds, 1)) ms)")
    out.append(
      "σ = d/(S·R_bulk) = \(significant(z.conductivitySiemensPerCentimetre, 4)) S/cm (paper: \(significant(z.paperConductivitySiemensPerCentimetre, 3)) S/cm)"
    )
    var arcs = TextTable("arc", "C_eff (F)", "ε_r", "assignment (Irvine–Sinclair–West)")
    for a in z.arcs {
      arcs.add(
        a.elements.joined(separator: ","), withError(a.capacitance, a.capacitanceError),
        a.relativePermittivity.map { withError($0, a.relativePermittivityError) } ?? "–",
        a.assignment.name)
    }
    out.append(arcs.rendered)
    let kk = z.kramersKronig
    out.append(
      "Lin-KK (series C added for the blocking electrodes): M = \(kk.elementCount), μ = \(fixed(kk.mu, 3)); \(kk.verdict)"
    )
    out.append("DRT: \(z.relaxationTimes)")

    let c6 = report.conductivity
    section("6. Conductivity from a temperature series (paper Fig. 3c; simulated spectra)")
    out.append(
      "the pellet simulated at \(c6.points.map { formatNumber($0.temperatureCelsius) }.joined(separator: ", ")) °C from Ea = \(formatNumber(c6.simulated.activationEnergyElectronvolts)) eV, σ25 = \(formatNumber(c6.simulated.conductivityAt25C)) S/cm; each fitted with \(SimulatedSeries.circuit)"
    )
    var points = TextTable("T (°C)", "R_b (Ω)", "σ (S/cm)")
    for p in c6.points {
      points.add(
        fixed(p.temperatureCelsius, 0), "\(p.bulkResistanceOhm)",
        "\(p.conductivitySiemensPerCentimetre)")
    }
    out.append(points.rendered)
    out.append(renderArrhenius(c6.bulkArrhenius, at: [c6.conductivityAt25C]))
    out.append(
      "paper: Ea = 0.32 eV, σ(25 °C) = 1.05e-5 S/cm (σ form); \(c6.points.count) fits in \(fixed(c6.fitMilliseconds, 0)) ms"
    )
    if let comparison = c6.comparison { out.append(comparison.verdict) }
    for film in c6.films {
      out.append(
        "film \(film.name), 50 µm on a 19 mm disc: σ(25 °C) = \(significant(film.conductivitySiemensPerCentimetre, 3)) S/cm ⇔ R = \(fixed(film.resistanceOhm, 2)) Ω"
      )
    }
    if let path = c6.reportPath {
      out.append("report with the Arrhenius plot, the spectra and their fits: \(path)")
    }
    out.append(
      "the same from files: ionics conductivity series Examples/pellet-series --circuit \"\(SimulatedSeries.circuit)\" --diameter 12 --thickness 4"
    )

    section("7. Na+ pathways in an NRASCN-like framework (bond-valence site energies)")
    out += renderMigration(report.migration)

    section("8. Thermogravimetry: the solvate's losses (paper Fig. 3b; simulated run)")
    out += renderThermal(report.thermogravimetry)
    return out.joined(separator: "\n")
  }
}
