import ArgumentParser
import Diffraction
import Foundation
import Plots
import IonicsCore
import Workflows

/// `ionics xrd refine`: a whole-pattern fit of a measured pattern.
struct XRDRefineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "refine",
    abstract: "Whole-pattern fit (Le Bail, Pawley, Rietveld): cells with s.u., zero, profile, Rwp, weight fractions.",
    usage: "ionics xrd refine [<options>] <measured> --cif <cif>… [--rietveld]",
    discussion: """
      Fits the cell of each CIF's phase (its lattice system's free parameters), the zero shift (2θ = 2θ_Bragg + zero), a Thompson–Cox–Hastings pseudo-Voigt profile (U, V, W in centidegrees², X, Y in centidegrees, as GSAS) and a Chebyshev background to the pattern, extracting every reflection's intensity by Le Bail's method (or, with --pawley, solving for the intensities by least squares at every step). On request also the sample displacement (µm; Bragg–Brentano or Debye–Scherrer, goniometer radius 200 mm unless given), the Kα2 ratio, each phase's microstrain (10⁻⁶) and crystallite size (µm), and the axial-divergence asymmetry (Finger–Cox–Jephcoat SH/L). An instrument file (GSAS .prm, GSAS-II .instprm) gives the radiation, profile and asymmetry to start from. Gives the cells with standard uncertainties (scaled by √χ²/dof), Rwp, Rp, Rexp and the goodness of fit, and the reflection lists. With --rietveld the intensities are the structures' (M·|F|²·Lp, atoms held as the CIFs give them) times a scale per phase, which gives weight fractions by Hill and Howard; refining atoms is not in this version.

      Examples:
      ionics xrd refine LaB6.gsas --cif LaB6.cif --radiation CuKa12 --svg fit.svg
      ionics xrd refine NAC.fxye --cif NAC.cif --cif CaF2.cif --instrument 11bm.prm \\
        --from 2.5 --to 32.117 --background-terms 12 --fix-zero --displacement
      """)

  @OptionGroup var phase: MeasuredPhaseOptions

  @Flag(help: "Le Bail fit: intensities extracted between least-squares cycles (the default).")
  var lebail = false

  @Flag(help: "Pawley fit: intensities solved for by least squares at every step.")
  var pawley = false

  @Flag(help: "Rietveld fit: intensities from each CIF's structure, a scale per phase, weight fractions.")
  var rietveld = false

  @Flag(help: "Refine the atoms (Rietveld, last stage): coordinates within their Wyckoff positions and U_iso (Å²).")
  var atoms = false

  @Flag(help: "Refine the occupancies too (Rietveld; a mixed site keeps its total).")
  var occupancies = false

  @Option(help: "March–Dollase preferred orientation along the normal of (hkl): [PHASE=]H,K,L (Rietveld; repeatable; the first phase when not named).")
  var preferredOrientation: [String] = []

  @Option(help: "Stages of the refinement: groups joined by ',', stages by ';' (e.g. 'scale,background;cell,zero;profile;atoms').")
  var sequence: String?

  @Flag(help: "Multiply every s.u. by Bérar and Lelann's factor for serially correlated residuals.")
  var berarLelann = false

  @Option(help: "Hold this phase's atoms while the others' are refined (its name or its place among the --cif, from 1; repeatable).")
  var holdAtoms: [String] = []

  @Flag(help: "Refine each phase's overall isotropic displacement B (Å², Rietveld).")
  var overallB = false

  @Option(help: "Instrument file (GSAS .prm or GSAS-II .instprm): radiation, zero, profile, asymmetry.")
  var instrument: String?

  @Option(help: "Geometry: bragg-brentano or debye-scherrer (default: the instrument file's, else bragg-brentano).")
  var geometry: String?

  @Option(help: "Goniometer radius, mm (for the displacement).")
  var radius = 200.0

  @Option(help: "Lowest 2θ fitted, degrees (default: the pattern's first).")
  var from: Double?

  @Option(help: "Highest 2θ fitted, degrees (default: the pattern's last).")
  var to: Double?

  @Option(help: "Chebyshev background terms.")
  var backgroundTerms = 6

  @Flag(help: "Hold the zero shift at its start (0, or the instrument file's).")
  var fixZero = false

  @Flag(help: "Refine the sample displacement (µm).")
  var displacement = false

  @Flag(help: "Refine a capillary's offset along the beam (µm; Debye–Scherrer).")
  var displacementAlongBeam = false

  @Flag(help: "Refine a flat sample's transparency 1/μ_eff (µm; Bragg–Brentano).")
  var transparency = false

  @Flag(help: "Refine the Kα2/Kα1 intensity ratio.")
  var ka2Ratio = false

  @Flag(help: "Refine each phase's isotropic microstrain (10⁻⁶).")
  var microstrain = false

  @Flag(help: "Refine each phase's isotropic crystallite size (µm).")
  var size = false

  @Option(help: "Crystallite size to start from, or to hold when --size is not given, µm.")
  var startSize: Double?

  @Option(help: "Microstrain to start from, or to hold when --microstrain is not given, 10⁻⁶.")
  var startMicrostrain: Double?

  @Option(help: "Axial-divergence average: exact, or gsas-ii (GSAS-II's quadrature, to reproduce its cells).")
  var asymmetryQuadrature = "exact"

  @Flag(help: "Refine the axial-divergence asymmetry SH/L.")
  var asymmetry = false

  @Option(help: "Profile terms held at their start, comma-separated (U,V,W,X,Y).")
  var fixProfile: String?

  @Option(help: "Write the fit as an SVG figure.")
  var svg: String?

  @Option(help: "Intensity scale of the figure: linear, sqrt or log.")
  var scale = "linear"

  @Option(help: "Write the observed, calculated, background and difference curves as CSV.")
  var csv: String?

  @Option(help: "Write the refined structures as CIF, a data block per phase (cells and atoms with s.u.).")
  var cifOut: String?

  @Option(help: "Write the refined instrument as a GSAS-II .instprm, for --instrument in later runs.")
  var saveInstrument: String?

  @OptionGroup var output: OutputOptions

  func validate() throws {
    guard (1...36).contains(backgroundTerms) else {
      throw ValidationError("--background-terms must be from 1 to 36, not \(backgroundTerms)")
    }
    guard DiffractionPlots.IntensityScale(rawValue: scale) != nil else {
      throw ValidationError("--scale must be linear, sqrt or log, not '\(scale)'")
    }
    if [lebail, pawley, rietveld].filter({ $0 }).count > 1 {
      throw ValidationError("--lebail, --pawley and --rietveld exclude each other")
    }
    if (atoms || occupancies || overallB || !preferredOrientation.isEmpty || !holdAtoms.isEmpty) && !rietveld {
      throw ValidationError(
        "--atoms, --occupancies, --hold-atoms, --overall-b and --preferred-orientation need --rietveld: only a Rietveld fit has a structure's intensities")
    }
    guard radius.isFinite, radius > 0 else { throw ValidationError("--radius must be a positive length in mm") }
    if let from, let to, !(from < to) { throw ValidationError("--from must be below --to") }
    if let startSize, !(startSize.isFinite && startSize > 0) {
      throw ValidationError("--start-size must be a positive size in µm")
    }
    if let startMicrostrain, !(startMicrostrain.isFinite && startMicrostrain >= 0) {
      throw ValidationError("--start-microstrain must be a microstrain ≥ 0 (10⁻⁶)")
    }
  }

  /// The figure's intensity scale.
  var figureScale: DiffractionPlots.IntensityScale { DiffractionPlots.IntensityScale(rawValue: scale) ?? .linear }

  func run() throws {
    var request = PowderRefinementWorkflow.Request(measuredPath: phase.measured, structurePaths: phase.cif)
    request.radiation = try phase.parsedRadiation()
    request.instrumentPath = instrument
    request.method = pawley ? .pawley : rietveld ? .rietveld : .leBail
    request.refineOverallB = overallB
    request.refineAtoms = atoms
    request.refineOccupancies = occupancies
    request.atomsHeld = holdAtoms
    request.serialCorrelationCorrection = berarLelann
    if let sequence {
      let known = LeBailRefinement.ParameterGroup.allCases.map(\.rawValue).joined(separator: ", ")
      request.sequence = try sequence.split(separator: ";").map { stage in
        try stage.split(separator: ",").map { word in
          let name = word.trimmingCharacters(in: .whitespaces)
          guard let group = LeBailRefinement.ParameterGroup(rawValue: name) else {
            throw ValidationError("--sequence: '\(name)' is not a group; the groups are \(known)")
          }
          return group
        }
      }
      guard let stages = request.sequence, !stages.isEmpty, stages.count <= 12, stages.allSatisfy({ !$0.isEmpty }) else {
        throw ValidationError("--sequence needs 1–12 stages, each naming at least one group")
      }
    }
    for text in preferredOrientation {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      let (key, axisText) = parts.count == 2 ? (parts[0], parts[1]) : ("1", text)
      let numbers = axisText.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
      guard numbers.count == 3, let h = numbers[0], let k = numbers[1], let l = numbers[2],
        [h, k, l].allSatisfy({ abs($0) <= 100 })
      else {
        throw ValidationError("--preferred-orientation expects [PHASE=]H,K,L with integers up to 100, not '\(text)'")
      }
      request.preferredOrientation[key] = SIMD3(h, k, l)
    }
    if let geometry {
      guard let g = PowderGeometry(rawValue: geometry) else {
        throw CommandLineError(description: "--geometry: expected bragg-brentano or debye-scherrer, not '\(geometry)'")
      }
      request.geometry = g
    }
    request.radius = radius
    if from != nil || to != nil { request.range = (from ?? 0)...(to ?? 180) }
    request.backgroundTerms = backgroundTerms
    request.refineZero = !fixZero
    request.refineDisplacement = displacement
    request.refineDisplacementAlongBeam = displacementAlongBeam
    request.refineTransparency = transparency
    request.refineKAlpha2Ratio = ka2Ratio
    request.refineMicrostrain = microstrain
    request.refineSize = size
    request.refineAsymmetry = asymmetry
    guard let quadrature = AxialDivergence.Quadrature(rawValue: asymmetryQuadrature) else {
      throw ValidationError("--asymmetry-quadrature must be exact or gsas-ii, not '\(asymmetryQuadrature)'")
    }
    request.asymmetryQuadrature = quadrature
    request.size = startSize
    request.microstrain = startMicrostrain
    if let fixProfile {
      let terms = Set(fixProfile.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
      guard terms.isSubset(of: ["U", "V", "W", "X", "Y"]) else {
        throw CommandLineError(description: "--fix-profile: expected some of U,V,W,X,Y, not '\(fixProfile)'")
      }
      request.fixedProfileTerms = terms
    }
    let outcome = try withArgument("refine") { try PowderRefinementWorkflow.run(request) }
    let inputs = request.inputs
    if let svg { try writeAtomically(outcome.figure(scale: figureScale).svg, to: svg, inputs: inputs) }
    if let csv { try writeAtomically(outcome.figure(scale: figureScale).csv, to: csv, inputs: inputs) }
    if let cifOut {
      try writeAtomically(outcome.refinedCIF, to: cifOut, inputs: inputs)
    }
    if let saveInstrument {
      try writeAtomically(outcome.result.instrument.instprm, to: saveInstrument, inputs: inputs)
    }
    let report = outcome.report
    try output.emit(
      report, analysis: "xrd-refine", inputs: try hashedInputs(inputs, when: output.json),
      diagnostics: report.diagnostics
    ) {
      let names = report.phases.map { "\($0.name) (\($0.spaceGroup))" }.joined(separator: " + ")
      print("\(phase.measured) against \(names), \(request.method.displayName), \(report.instrument.radiation)")
      print(
        "Rwp \(fixed(report.rwpPercent, 2)) %, Rp \(fixed(report.rpPercent, 2)) %, Rexp \(fixed(report.rexpPercent, 2)) %, GoF \(fixed(report.goodnessOfFit, 2)); \(report.cycles) cycles, \(report.points) points, \(report.phases.map { "\($0.reflections.count)" }.joined(separator: " + ")) reflections"
      )
      var table = TextTable("parameter", "value")
      for v in report.refined where !(v.name.hasPrefix("B") && Int(v.name.dropFirst()) != nil) {
        table.add(v.name, "\(Measured(v.value, standardUncertainty: v.standardUncertainty ?? 0))")
      }
      print(table.rendered)
      for p in report.phases {
        var line = "\(p.name): volume \(fixed(p.cell["volume"] ?? .nan, 4)) Å³, \(fixed(100 * p.intensityShare, 2)) % of the intensity"
        if let w = p.weightFraction {
          line += ", \(Measured(100 * w, standardUncertainty: 100 * (p.weightFractionUncertainty ?? 0))) wt %"
        }
        if let r = p.braggRPercent { line += ", R_Bragg \(fixed(r, 2)) %" }
        if let r = p.structureFactorRPercent { line += ", R_F \(fixed(r, 2)) %" }
        print(line)
      }
      print("stages: " + report.stages.enumerated().map { k, s in
        "\(k + 1) (\(s.cycles) cycles, Rwp \(fixed(s.rwp, 2)) %)" }.joined(separator: ", "))
      if !report.correlations.isEmpty {
        print("correlated beyond ±0.9: " + report.correlations.prefix(8).map { "\($0.first)–\($0.second) \(fixed($0.coefficient, 2))" }.joined(separator: ", ")
          + (report.correlations.count > 8 ? " and \(report.correlations.count - 8) more" : ""))
      }
    }
  }
}
