import ArgumentParser
import Foundation
import Impedance
import Cycling
import Diffraction
import IonicsCore
import Workflows

/// `--svg PATH`: where a command writes its figure. `--plot` is the old
/// spelling, kept for one release with a deprecation warning.
struct FigureOption: ParsableArguments {
  @Option(name: .customLong("svg"), help: "Write the figure (SVG) to this file.")
  var svg: String?

  @Option(name: .customLong("plot"), help: .hidden)
  var plot: String?

  /// The figure's path, from --svg or the deprecated --plot.
  func path(deprecatedAlias: String = "--plot") -> String? {
    deprecated(plot, deprecatedAlias, "--svg") ?? svg
  }
}

/// `--active-mass MG`: the electrode's active mass. `--mass` is the old
/// spelling, kept for one release with a deprecation warning.
struct ActiveMassOption: ParsableArguments {
  @Option(name: .customLong("active-mass"), help: "Active mass of the electrode, mg (default: the file's).")
  var value: Double?

  @Option(name: .customLong("mass"), help: .hidden)
  var deprecatedValue: Double?

  /// The active mass, mg, from --active-mass or the deprecated --mass; a
  /// value that is not positive is an error.
  func milligrams() throws -> Double? {
    let mass = deprecated(deprecatedValue, "--mass", "--active-mass") ?? value
    if let mass, !(mass > 0) {
      throw CommandLineError(description: "--active-mass must be positive (mg)")
    }
    return mass
  }
}

/// `value` of an option spelled the old way, with a warning on stderr that
/// names the new spelling; nil when the old spelling was not used.
func deprecated<T>(_ value: T?, _ old: String, _ new: String) -> T? {
  guard let value else { return nil }
  printError("warning: \(old) is deprecated and will be removed in the next release; use \(new)")
  return value
}

/// The sample geometry options of `eis fit` and the conductivity commands.
struct GeometryOptions: ParsableArguments {
  @Option(
    help:
      "Disc diameter, mm (or with a unit: 12mm, 1.2cm); '12.00(5)' or '12 ± 0.05' adds its uncertainty."
  )
  var diameter: String?

  @Option(
    help: "Electrode area, cm² (or 113mm²), instead of --diameter, with optional uncertainty.")
  var area: String?

  @Option(
    help: "Sample thickness, mm (or with a unit: 50µm, 50um, 0.4cm), with optional uncertainty.")
  var thickness: String?

  /// The geometry, or nil when none was given.
  func geometry() throws -> CellGeometry? {
    try parseGeometry(diameter: diameter, area: area, thickness: thickness)
  }

  /// The geometry, required.
  func required() throws -> CellGeometry {
    guard let g = try geometry() else {
      throw CommandLineError(
        description:
          "the sample geometry is needed: --diameter (mm) or --area (cm²), and --thickness (mm)")
    }
    return g
  }
}

/// `--fmin/--fmax`: the frequency window a spectrum is used in, Hz.
struct FrequencyWindowOptions: ParsableArguments {
  @Option(help: "Lowest frequency used, Hz.")
  var fmin: Double?

  @Option(help: "Highest frequency used, Hz.")
  var fmax: Double?

  /// The window as a trim.
  var trim: SpectrumTrim { SpectrumTrim(minimumFrequencyHertz: fmin, maximumFrequencyHertz: fmax) }

  /// `spectrum` within the window.
  func apply(to spectrum: ImpedanceSpectrum) throws -> ImpedanceSpectrum {
    try withArgument("--fmin/--fmax") { try trim.apply(to: spectrum) }
  }
}

/// `--repeat N`, hidden: run each computation N times and report the
/// median time (for the benchmarks).
struct RepeatOption: ParsableArguments {
  @Option(
    name: .customLong("repeat"),
    help: ArgumentHelp("Repetitions for a median time (benchmarks).", visibility: .hidden))
  var count: Int = 1
}

/// How spectra are trimmed and fitted: the options `eis fit` and
/// `conductivity series` share.
struct SpectrumFitOptions: ParsableArguments {
  @Option(help: "Residual weighting: unity, proportional, modulus or boukamp.")
  var weighting: Weighting = .modulus

  @OptionGroup var window: FrequencyWindowOptions

  @Flag(help: "Drop inductive points (Im Z > 0) before fitting.")
  var dropInductive = false

  @Option(help: "Random starts of the multi-start around the automatic guess (0 = guess only).")
  var starts: Int = 24

  @Option(help: "Seed of the multi-start.")
  var seed: UInt64 = 0x10_01C5

  /// Fit options with the weighting, starts and seed set.
  func fitOptions() throws -> CircuitFitOptions {
    let w = weighting
    guard starts >= 0 else { throw CommandLineError(description: "--starts must be ≥ 0") }
    var options = CircuitFitOptions()
    options.weighting = w
    options.multiStartCount = starts
    options.seed = seed
    return options
  }

  /// The part of each spectrum that is fitted.
  var trim: SpectrumTrim {
    var trim = window.trim
    trim.dropsInductivePoints = dropInductive
    return trim
  }

  /// `spectrum` within --fmin/--fmax, without inductive points when asked.
  func prepared(_ spectrum: ImpedanceSpectrum) throws -> ImpedanceSpectrum {
    try withArgument("--fmin/--fmax") { try trim.apply(to: spectrum) }
  }
}

/// The sample geometry from --diameter/--area and --thickness (mm, cm², mm).
func parseGeometry(diameter: String?, area: String?, thickness: String?) throws -> CellGeometry? {
  guard diameter != nil || area != nil || thickness != nil else { return nil }
  // A unit after the number is honoured ("50 µm", "0.4cm", "1.13 cm²");
  // without one, lengths are mm and areas cm².
  func measured(_ text: String, _ option: String) throws -> Measured {
    let units: [(String, Double)] =
      option == "--area"
      ? [("cm²", 1), ("cm2", 1), ("mm²", 0.01), ("mm2", 0.01)]
      : [("mm", 1), ("µm", 1e-3), ("μm", 1e-3), ("um", 1e-3), ("cm", 10)]
    var number = text.trimmingCharacters(in: .whitespaces)
    var scale = 1.0
    if let (unit, factor) = units.first(where: { number.hasSuffix($0.0) }) {
      number = String(number.dropLast(unit.count)).trimmingCharacters(in: .whitespaces)
      scale = factor
    }
    let m = try withArgument(option) { try Measured(parsing: number) }
    return Measured(m.value * scale, standardUncertainty: m.standardUncertainty * scale)
  }
  guard let thickness else {
    throw CommandLineError(description: "--thickness (mm) is needed with --diameter or --area")
  }
  let l = try measured(thickness, "--thickness")
  switch (diameter, area) {
  case (let d?, nil):
    let dm = try measured(d, "--diameter")
    return try withArgument("--diameter/--thickness") {
      try CellGeometry.disc(
        diameterMillimetres: dm.value, thicknessMillimetres: l.value,
        diameterUncertainty: dm.standardUncertainty, thicknessUncertainty: l.standardUncertainty)
    }
  case (nil, let a?):
    let am = try measured(a, "--area")
    return try withArgument("--area/--thickness") {
      try CellGeometry(
        areaSquareCentimetres: am.value, thicknessCentimetres: l.value / 10,
        areaUncertainty: am.standardUncertainty, thicknessUncertainty: l.standardUncertainty / 10)
    }
  case (nil, nil):
    throw CommandLineError(
      description: "--diameter (mm) or --area (cm²) is needed with --thickness")
  default:
    throw CommandLineError(description: "give either --diameter or --area, not both")
  }
}

extension Weighting: ExpressibleByArgument {}

extension KramersKronigOptions.FitKind: ExpressibleByArgument {}

extension CycleRule: ExpressibleByArgument {}

extension FormFactorModel: ExpressibleByArgument {}

extension PolymerElectrolyteRecipe.FillerBasis: ExpressibleByArgument {}
