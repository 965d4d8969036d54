import ArgumentParser
import Crystal
import Diffraction
import Foundation
import IonicsCore
import Plots
import Workflows

/// `ionics xrd`: powder diffraction patterns.
struct XRDCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "xrd",
    abstract: "Powder X-ray diffraction: the pattern of a structure, with its assumptions stated.",
    subcommands: [XRDSimulateCommand.self, XRDCompareCommand.self, XRDIndexCommand.self, XRDRefineCommand.self],
    defaultSubcommand: XRDSimulateCommand.self)
}

/// `ionics xrd simulate`: the powder pattern of a CIF.
struct XRDSimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "The powder pattern of a structure: peak list and continuous pattern.",
    discussion: """
      Structure factors from every site with its occupancy, International Tables form factors (ions where tabulated), anomalous dispersion f′ + i f″ at the lab lines and the file's temperature factors, Lorentz–polarisation for an unpolarised tube (or a monochromator), optional March–Dollase preferred orientation. Every assumption is printed with the result. --pymatgen makes pymatgen's XRDCalculator assumptions (De Graef form factors, no dispersion, no temperature factors) to compare with it.

      Example:
      ionics xrd NRASCN.cif --radiation CuKa12 --to 50 --xy NRASCN.xy --svg NRASCN.svg
      """)

  @Argument(help: "CIF file.")
  var file: String

  @Option(
    help:
      "CuKa1, CuKa (weighted Kα), CuKa12 (doublet), MoKa1, CoKa1, FeKa1, CrKa1, AgKa1, … or λ in Å."
  )
  var radiation = "CuKa1"

  @Option(help: "Lowest 2θ, degrees.")
  var from = 5.0

  @Option(help: "Highest 2θ, degrees.")
  var to = 90.0

  @Option(help: "Form factors: it92 (International Tables) or degraef (pymatgen's).")
  var formFactors: FormFactorModel = .internationalTables

  @Flag(help: "Leave out anomalous dispersion.")
  var noAnomalous = false

  @Option(help: "One B for every atom, Å² (0: no temperature factors); default: the file's U.")
  var b: Double?

  @Option(help: "B for sites without U in the file, Å².")
  var defaultB = 0.0

  @Flag(
    help: "pymatgen's assumptions: De Graef form factors, no dispersion, no temperature factors.")
  var pymatgen = false

  @Option(help: "Monochromator 2θ, degrees (graphite for Cu: 26.6).")
  var monochromator = 0.0

  @Option(help: "March–Dollase preferred orientation as h,k,l:r (r < 1: platelets).")
  var marchDollase: String?

  @Option(help: "Peak FWHM, degrees (or use --caglioti).")
  var fwhm = 0.1

  @Option(help: "Caglioti U,V,W (degrees²) for the FWHM.")
  var caglioti: String?

  @Option(help: "Lorentzian fraction of the pseudo-Voigt.")
  var eta = 0.5

  @Option(help: "Step of the continuous pattern, degrees.")
  var step = 0.01

  @Option(help: "Write the continuous pattern as two columns (2θ, I).")
  var xy: String?

  @Option(help: "Write the peak list as CSV.")
  var csv: String?

  @Option(help: "Write the continuous pattern as an SVG figure.")
  var svg: String?

  @Option(help: "Print only the strongest N peaks (by 2θ).")
  var top: Int?

  @OptionGroup var output: OutputOptions

  func simulation() throws -> PowderSimulation {
    var sim = PowderSimulation(
      radiation: try withArgument("--radiation") { try XRayRadiation(radiation) })
    guard from >= 0, to <= 180, to > from else {
      throw CommandLineError(description: "--from/--to: expected 0 ≤ from < to ≤ 180 degrees")
    }
    sim.twoThetaRange = from...to
    let model = formFactors
    sim.formFactors = model
    sim.anomalousDispersion = !noAnomalous
    sim.temperatureFactors = b.map { .uniform(b: $0) } ?? .fromFile(defaultB: defaultB)
    sim.monochromatorTwoTheta = monochromator
    if let marchDollase {
      let parts = marchDollase.split(separator: ":")
      let hkl = parts.first?.split(separator: ",").compactMap { Int($0) } ?? []
      guard parts.count == 2, hkl.count == 3, let r = Double(parts[1]), r > 0 else {
        throw CommandLineError(
          description: "--march-dollase \(marchDollase): expected h,k,l:r such as 0,0,1:0.8")
      }
      sim.preferredOrientation = (SIMD3(hkl[0], hkl[1], hkl[2]), r)
    }
    if pymatgen {
      sim.formFactors = .deGraef
      sim.anomalousDispersion = false
      sim.temperatureFactors = .uniform(b: 0)
    }
    return sim
  }

  func profile() throws -> PeakProfile {
    guard eta >= 0, eta <= 1 else {
      throw CommandLineError(description: "--eta must be within 0…1")
    }
    if let caglioti {
      let p = caglioti.split(separator: ",").compactMap { Double($0) }
      guard p.count == 3 else {
        throw CommandLineError(description: "--caglioti \(caglioti): expected U,V,W")
      }
      return PeakProfile(width: .caglioti(u: p[0], v: p[1], w: p[2]), lorentzianFraction: eta)
    }
    guard fwhm > 0 else { throw CommandLineError(description: "--fwhm must be positive") }
    return PeakProfile(width: .fixed(fwhm), lorentzianFraction: eta)
  }

  func run() throws {
    let sim = try simulation()
    let shape = try profile()
    var reports: [Report] = []
    let structures = try readStructures([file])
    for (k, item) in structures.enumerated() {
      let pattern = try withArgument(file) { try sim.pattern(of: item.structure) }
      var peaks = pattern.peaks
      if let top { peaks = pattern.strongest(top).sorted { $0.twoTheta < $1.twoTheta } }
      reports.append(
        Report(
          file: file, block: item.structure.name, radiation: sim.radiation.description,
          assumptions: pattern.assumptions,
          peaks: peaks.map {
            Peak(
              twoThetaDegrees: $0.twoTheta, dAngstrom: $0.d, hkl: $0.hklText,
              multiplicity: $0.families.reduce(0) { $0 + $1.multiplicity },
              structureFactor: $0.families[0].structureFactor, intensity: $0.intensity,
              line: $0.line)
          }))
      func target(_ path: String) -> String { structures.count == 1 ? path : numbered(path, k + 1) }
      if let xy {
        try writeAtomically(
          try withArgument("--step") {
            try PowderPatternFiles.xy(pattern, profile: shape, range: from...to, step: step)
          }, to: target(xy), inputs: [file])
      }
      if let svg {
        try writeAtomically(
          try withArgument("--step") {
            try PowderPatternFiles.figure(
              pattern, of: item.structure, profile: shape, range: from...to, step: step)
          }, to: target(svg), inputs: [file])
      }
      if let csv {
        try writeAtomically(PowderPatternFiles.reflectionsCSV(pattern), to: target(csv), inputs: [file])
      }
    }
    try output.emit(
      reports, analysis: "xrd-simulate", inputs: try hashedInputs([file], when: output.json, format: "CIF")
    ) { for r in reports { print(Self.render(r)) } }
  }
}
