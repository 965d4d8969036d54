import ArgumentParser
import Diffraction

/// The inputs every command that sets a measured pattern against a CIF's
/// phase takes (`xrd compare`, `xrd refine`): the pattern, the CIF and the
/// radiation of the measurement.
struct MeasuredPhaseOptions: ParsableArguments {
  @Argument(help: "Measured pattern.")
  var measured: String

  @Option(help: "CIF of the phase (xrd refine: repeat for each phase of a mixture).")
  var cif: [String]

  @Option(
    help: "Radiation (CuKa12, MoKa1, λ in Å, or λ1,λ2[,weight]; default: what the file states).")
  var radiation: String?

  /// The radiation given, parsed; nil to take the file's.
  func parsedRadiation() throws -> XRayRadiation? {
    try radiation.map { name in try withArgument("--radiation") { try XRayRadiation(name) } }
  }

  /// The input files, for hashes and for writing outputs beside them.
  var inputs: [String] { [measured] + cif }

  /// The one CIF of a command that takes one phase.
  func singleCIF() throws -> String {
    guard cif.count == 1, let first = cif.first else {
      throw CommandLineError(description: "--cif: expected one CIF, got \(cif.count)")
    }
    return first
  }
}
