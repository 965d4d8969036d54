import Crystal
import Diffraction
import Foundation
import IonicsCore
import Migration
import Plots
import Report
import Thermal

extension ProjectReport {
  /// The first structure of a CIF.
  static func readStructure(_ path: String) throws -> CrystalStructure {
    guard let structure = try readStructures([path]).first?.structure else {
      throw WorkflowError.inFile(path, "the CIF holds no structure")
    }
    return structure
  }

  /// The structure from its CIF: cell with standard uncertainties, symmetry, density.
  static func structureSection(_ s: ProjectManifest.Structure, _ m: ProjectManifest) throws -> ReportSection {
    let structure = try readStructure(m.resolve(s.file))
    let cell = structure.cell
    var values = [
      ReportValue("aAngstrom", "a", cell.a, unit: "Å"), ReportValue("bAngstrom", "b", cell.b, unit: "Å"),
      ReportValue("cAngstrom", "c", cell.c, unit: "Å"), ReportValue("alphaDegrees", "α", cell.alpha, unit: "°"),
      ReportValue("betaDegrees", "β", cell.beta, unit: "°"), ReportValue("gammaDegrees", "γ", cell.gamma, unit: "°"),
      ReportValue("volumeCubicAngstrom", "cell volume V", cell.volume, unit: "Å³", headline: true),
      ReportValue("z", "Z (formula units per cell)", Double(structure.z), unit: ""),
    ]
    values.append(ReportValue("densityGramsPerCubicCentimetre", "calculated density", structure.density, unit: "g/cm³"))
    let group = structure.spaceGroup.map { "\($0)" } ?? structure.symmetrySource
    return ReportSection(
      id: "structure", title: "", figureLabel: "",
      parameters: ["file": s.file],
      method:
        "Read from the CIF: cell with its standard uncertainties, symmetry operators (\(group)), sites expanded to the full cell; V and the density follow from the cell and the composition \(structure.formula), with their uncertainties propagated.",
      values: values,
      tables: [
        ReportTable(
          name: "sites", caption: "Sites of the asymmetric unit (fractional coordinates)",
          header: ["label", "type", "x", "y", "z", "occupancy", "multiplicity"],
          rows: structure.sites.enumerated().map { k, site in
            [
              site.label, site.element.symbol, "\(site.x)", "\(site.y)", "\(site.z)", "\(site.occupancy)",
              k < structure.multiplicities.count ? "\(structure.multiplicities[k])" : "",
            ]
          })
      ], diagnostics: structure.warnings)
  }

  /// Bond-valence site energies of the mobile ion: percolation barriers in
  /// one, two and three dimensions and the energy along each path.
  static func migrationSection(_ s: ProjectManifest.Structure, _ m: ProjectManifest) throws -> ReportSection {
    let structure = try readStructure(m.resolve(s.file))
    // "Na" stands for its usual ion: alkali metals, Ag and Cu +1; Mg, Ca, Zn +2.
    let usual = ["Li": "+", "Na": "+", "K": "+", "Rb": "+", "Cs": "+", "Ag": "+", "Cu": "+", "Mg": "2+", "Ca": "2+", "Zn": "2+"]
    guard let ionName = s.mobileIon, let ion = MobileIon(ionName) ?? usual[ionName].flatMap({ MobileIon(ionName + $0) })
    else {
      throw WorkflowError.invalidParameter(
        "mobile ion", value: s.mobileIon ?? "", expected: "an ion with its charge, such as Na+, Li+ or Mg2+")
    }
    var request = MigrationWorkflow.Request(structure: structure, mobile: ion)
    if let charges = s.charges.flatMap(ChargePolicy.init(rawValue:)) { request.options.charges = charges }
    if let spacing = s.spacing {
      guard spacing >= 0.05, spacing <= 2 else {
        throw WorkflowError.invalidParameter("spacing", value: "\(spacing) Å", expected: "a grid spacing of 0.05–2 Å")
      }
      request.options.spacing = spacing
    }
    request.siteCount = 0
    let outcome = try MigrationWorkflow.run(request)
    let dimensions = ["", "1D", "2D", "3D"]
    let values = outcome.percolation.thresholds.map { t in
      ReportValue(
        "barrier\(dimensions[min(t.dimension, 3)])Electronvolts", "\(ion) migration barrier, \(dimensions[min(t.dimension, 3)])",
        t.barrier, unit: "eV", headline: true)
    }
    let drawn = outcome.paths.map {
      MigrationPlots.Profile(
        "[\($0.translation.x) \($0.translation.y) \($0.translation.z)]: \(fixed($0.barrier, 2)) eV",
        distances: $0.distances, energies: $0.energies, saddle: $0.saddle)
    }
    var figures: [ReportFigure] = []
    if !drawn.isEmpty {
      let figure = MigrationPlots.profiles(drawn, ion: ion.description).printed()
      figures.append(
        ReportFigure(
          name: "migration-paths",
          caption: "Bond-valence site energy of \(ion) along the lowest path in each direction that percolates (\(outcome.settingsDescription)).",
          alternativeText: "Energy in eV against distance along each \(ion) migration path; the maximum of each curve is its barrier.",
          svg: figure.svg, csv: figure.csv))
    }
    return ReportSection(
      id: "migration", title: "", figureLabel: "",
      parameters: [
        "mobile ion": ion.description, "landscape options": "\(request.options)",
        "parameter set": outcome.landscape.parameterSet, "connectivity": "\(request.connectivity)",
        "energy limit above the minimum (eV)": "\(request.limitElectronvolts)",
      ],
      method:
        "Bond-valence site energies (BVSE, \(outcome.settingsDescription)) on a grid over the cell; the barrier in n dimensions is the lowest energy above the minimum at which the accessible region percolates in n independent directions.",
      values: values,
      tables: [
        ReportTable(
          name: "paths", caption: "Lowest path per direction",
          header: ["direction", "barrier (eV)", "length (Å)"],
          rows: outcome.paths.map {
            ["[\($0.translation.x) \($0.translation.y) \($0.translation.z)]", fixed($0.barrier, 3), fixed($0.length, 2)]
          })
      ], figures: figures)
  }

  /// The measured pattern against the one simulated from the structure.
  static func patternSection(_ p: ProjectManifest.Pattern, _ m: ProjectManifest) throws -> ReportSection {
    guard let structure = m.structure else {
      throw WorkflowError.missingParameter("structure", why: "the pattern is compared with the pattern simulated from [structure]")
    }
    var request = PatternComparisonWorkflow.Request(
      measuredPath: m.resolve(p.file), structurePath: m.resolve(structure.file),
      radiation: try p.radiation.map { try XRayRadiation($0) })
    request.fwhmDegrees = p.fwhm
    let outcome = try PatternComparisonWorkflow.run(request)
    let r = outcome.report
    let figure = outcome.figure.printed()
    return ReportSection(
      id: "pattern", title: "", figureLabel: "",
      parameters: [
        "radiation": outcome.simulated.radiation.name,
        "FWHM (° 2θ)": p.fwhm.map { "\($0)" } ?? "estimated: \(r.fwhmDegrees)",
        "largest shift of a matched peak (°)": "\(request.maximumShiftDegrees)",
        "smallest peak considered (% of the strongest)": "\(request.minimumPercent)",
      ],
      method:
        "The pattern simulated from the structure (\(outcome.simulated.radiation.name)) is fitted to the measured one (scale, zero shift, peak width, background); each measured peak is explained by a simulated reflection within \(fixed(request.maximumShiftDegrees, 2))° or listed as unexplained. \(r.verdict)",
      values: [
        ReportValue("rwpPercent", "Rwp of measured against simulated", r.rwpPercent, unit: "%", headline: true),
        ReportValue("zeroShiftDegrees", "zero shift", r.zeroShiftDegrees, unit: "° 2θ"),
        ReportValue("fwhmDegrees", "peak FWHM", r.fwhmDegrees, unit: "° 2θ"),
        ReportValue(
          "unexplainedPeaks", "measured peaks not explained by the phase",
          Double(r.peaks.filter { $0.explainedBy == nil }.count), unit: "", headline: true),
      ],
      tables: [
        ReportTable(
          name: "peaks", caption: "Measured peaks and the reflection that explains each",
          header: ["2θ (°)", "height (% of strongest)", "explained by"],
          rows: r.peaks.map { [fixed($0.twoThetaDegrees, 3), fixed($0.relativeHeight, 1), $0.explainedBy ?? "unexplained"] })
      ],
      figures: [
        ReportFigure(
          name: "fig3a-pattern",
          caption: "Measured powder pattern (black), the pattern simulated from the structure (colour) and their difference (grey, offset).",
          alternativeText: "Intensity against 2θ: measured and simulated powder patterns and their difference.",
          svg: figure.svg, csv: figure.csv)
      ], diagnostics: r.diagnostics + r.assumptions.map { .note("assumption", $0) })
  }

  /// The TGA run: steps, DTG, the solvent assignment from the formula.
  static func thermalSection(_ t: ProjectManifest.Thermogravimetry, _ m: ProjectManifest) throws -> ReportSection {
    var request = ThermogravimetryWorkflow.Request(path: m.resolve(t.file))
    request.sampleMassMilligrams = t.mass
    request.formula = try m.project.formula.map { try Formula($0) }
    request.massSpectrometerPath = t.ms.map { m.resolve($0) }
    request.massSpectrometerOffsetSeconds = t.msOffset
    let (run, analysis, report) = try ThermogravimetryWorkflow.run(request)
    var values: [ReportValue] = []
    for (k, step) in analysis.steps.enumerated() {
      values.append(
        ReportValue(
          "step\(k + 1)LossPercent", "mass loss, step \(k + 1) (\(fixed(step.startCelsius, 0))–\(fixed(step.endCelsius, 0)) °C)",
          step.lossPercent, unit: "%", headline: k == 0))
    }
    if let best = report.solvents?.best {
      values.append(
        ReportValue(
          "solventLossPercent", "solvent loss up to \(fixed(best.upToCelsius, 0)) °C (\(best.candidate.solvents))",
          best.measuredLossPercent, unit: "%", headline: true))
      values.append(
        ReportValue("predictedSolventLossPercent", "solvent loss expected from the formula", best.candidate.predictedLossPercent, unit: "%"))
    }
    values.append(ReportValue("residuePercent", "residue at the end of the run", analysis.finalPercent, unit: "%"))
    let figure = ThermogravimetryWorkflow.figure(run, analysis, gases: report.evolvedGases).printed()
    return ReportSection(
      id: "tga", title: "", figureLabel: "",
      parameters: [
        "analysis options": "\(request.options)", "solvent limit (°C)": "\(request.solventLimitCelsius)",
        "sample mass (mg)": t.mass.map { "\($0)" } ?? "from the file",
        "formula": m.project.formula ?? "none", "mass spectrometer offset (s)": "\(t.msOffset)",
      ],
      method:
        "DTG from a Savitzky–Golay derivative of the mass on a 1 °C grid; steps bounded by the DTG's minima, onsets by tangents; the loss below \(fixed(request.solventLimitCelsius, 0)) °C is matched against the solvent content of the formula\(m.project.formula.map { " \($0)" } ?? "").",
      values: values,
      tables: [
        ReportTable(
          name: "steps", caption: "Mass-loss steps",
          header: ["step", "onset (°C)", "DTG peak (°C)", "endset (°C)", "loss (%)"],
          rows: analysis.steps.enumerated().map { k, s in
            ["\(k + 1)", fixed(s.onsetCelsius, 1), fixed(s.peakCelsius, 1), fixed(s.endsetCelsius, 1), fixed(s.lossPercent, 2)]
          })
      ],
      figures: [
        ReportFigure(
          name: "fig3b-tga", caption: "TGA (mass, left axis) and DTG (right axis) with the steps' midpoints marked.",
          alternativeText: "Mass percent and its derivative against temperature, with each mass-loss step marked.",
          svg: figure.svg, csv: figure.csv)
      ], diagnostics: report.diagnostics)
  }
}
