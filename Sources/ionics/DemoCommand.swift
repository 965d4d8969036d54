import ArgumentParser
import Foundation
import Impedance
import IonicsCore

/// `ionics demo`: the paper's numbers, from the bundled example.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract:
      "Reproduce the NRASCN paper's chemistry: formula masses, synthesis, electrolyte recipe, capacities.",
    discussion: """
      Works on the inputs the paper states (Inorg. Chem. Front. 2024, 11, 6671) and prints
      every number that follows from them. It grows with each capability of Ionics until it
      reproduces the whole paper. Use --json for the same numbers as JSON.
      """)

  @OptionGroup var output: OutputOptions

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

  struct Report: Encodable {
    let paper: String
    let formulas: [FormulaReport]
    let impedance: ImpedanceNumbers
    let synthesis: SynthesisCommand.Report
    let compositeElectrolyte: PolymerReport
    let cells: CellNumbers
  }

  func run() throws {
    let report = try DemoCommand.makeReport()
    try output.emit(report) { print(DemoCommand.render(report)) }
  }

  static func makeReport() throws -> Report {
    let formulas = try [
      PaperExample.solvate, PaperExample.compound, "NaTFSI", "EO", PaperExample.cathode,
    ].map {
      try FormulaReport($0)
    }
    let recipe = try SynthesisRecipe(
      millimoles: try PaperExample.reagents.map { (try Formula($0.0), $0.1) })
    let synthesis = try SynthesisCommand.report(
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
      activationEnergyElectronvolts: PaperExample.activationEnergyElectronvolts,
      activationEnergyKilojoulesPerMole: Units.kilojoulesPerMole(
        fromElectronvolts: PaperExample.activationEnergyElectronvolts))
    return Report(
      paper: "H. Li et al., Inorg. Chem. Front. 2024, 11, 6671 (NRASCN)", formulas: formulas,
      impedance: try impedanceNumbers(),
      synthesis: synthesis,
      compositeElectrolyte: PolymerReport(
        polymer, repeatUnitName: "EO", saltName: "NaTFSI", fillerName: "NRASCN"),
      cells: cells)
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

  static func render(_ report: Report) -> String {
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
        a.assignment.rawValue)
    }
    out.append(arcs.rendered)
    let kk = z.kramersKronig
    out.append(
      "Lin-KK (series C added for the blocking electrodes): M = \(kk.elementCount), μ = \(fixed(kk.mu, 3)); \(kk.verdict)"
    )
    out.append("DRT: \(z.relaxationTimes)")
    return out.joined(separator: "\n")
  }
}
