import ArgumentParser
import Foundation
import IonicsCore
import Workflows

/// `ionics recipe polymer`.
struct PolymerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "polymer",
    abstract: "Salt and filler masses of a polymer electrolyte at a repeat-unit : cation ratio.",
    usage: "ionics recipe polymer --polymer-mass <g> --ratio <n> --salt <salt> …",
    discussion: """
      Example (the paper's PEO–NaTFSI–NRASCN film):
      ionics recipe polymer --polymer-mass 0.5 --ratio 16 --salt NaTFSI \\
        --filler NRASCN --filler-percent 10
      """)

  @Option(help: "Polymer mass in g.")
  var polymerMass: Double

  @Option(help: "Repeat unit formula or abbreviation (EO = C2H4O for PEO).")
  var repeatUnit: String = "EO"

  @Option(help: "Repeat units per cation (EO:Na).")
  var ratio: Double

  @Option(help: "Salt formula or abbreviation (NaTFSI, LiTFSI, NaClO4, …).")
  var salt: String

  @Option(help: "Cation the ratio counts (default: the salt's alkali or alkaline-earth metal).")
  var cation: String?

  @Option(help: "Filler formula or abbreviation.")
  var filler: String?

  @Option(help: "Filler weight percent.")
  var fillerPercent: Double = 0

  @Option(
    help: "What the filler percent is of: total (polymer + salt + filler) or polymer+salt.")
  var basis: PolymerElectrolyteRecipe.FillerBasis = .total

  @OptionGroup var output: OutputOptions

  func run() throws {
    let fillerBasis = basis
    let unit = try withArgument("--repeat-unit '\(repeatUnit)'") {
      try Formula.resolving(repeatUnit).formula
    }
    let saltFormula = try withArgument("--salt '\(salt)'") { try Formula.resolving(salt).formula }
    let fillerFormula = try filler.map { f in
      try withArgument("--filler '\(f)'") { try Formula.resolving(f).formula }
    }
    var cationElement: Element?
    if let cation {
      guard let e = Element(symbol: cation) else {
        throw CommandLineError(description: "--cation '\(cation)': not an element symbol")
      }
      cationElement = e
    }
    let recipe = try withArgument("recipe") {
      try PolymerElectrolyteRecipe(
        polymerMassGrams: polymerMass, repeatUnit: unit, repeatUnitsPerCation: ratio,
        salt: saltFormula,
        cation: cationElement, filler: fillerFormula, fillerWeightPercent: fillerPercent,
        fillerBasis: fillerBasis)
    }
    let report = PolymerReport(
      recipe, repeatUnitName: repeatUnit, saltName: salt, fillerName: filler)
    try output.emit(report, analysis: "recipe-polymer") { print(report.rendered) }
  }
}
