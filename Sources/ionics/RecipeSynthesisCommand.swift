import ArgumentParser
import Foundation
import IonicsCore
import Workflows

/// `ionics recipe synthesis`.
struct SynthesisCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "synthesis",
    abstract: "Masses of reagents from amounts in mmol, the theoretical yield and the yield.",
    usage: "ionics recipe synthesis [<options>] --reagent <reagent> ...",
    discussion: """
      The theoretical yield follows the product's limiting element: the element whose supplied moles, divided by its count in the product, are smallest. Elements that no reagent supplies (H and O of crystal water, say) are listed and do not limit.

      Example:
      ionics recipe synthesis -r ReI3=0.53 -r NaCN=3.18 -r As2S3=0.27 --product NRASCN
      """)

  @Option(
    name: [.customShort("r"), .long], help: "A reagent as FORMULA=MMOL; repeat for each reagent.")
  var reagent: [String]

  @Option(help: "Product formula, for the theoretical yield.")
  var product: String?

  @Option(help: "Isolated product mass in mg, for the yield in %.")
  var productMass: Double?

  @Option(help: "A reported yield in %, to give the product mass it implies.")
  var yieldPercent: Double?

  @OptionGroup var output: OutputOptions

  func run() throws {
    let entries = try reagent.map { item -> (Formula, Double) in
      let pieces = item.split(separator: "=", maxSplits: 1).map(String.init)
      guard pieces.count == 2, let amount = Double(pieces[1].trimmingCharacters(in: .whitespaces))
      else {
        throw CommandLineError(
          description: "--reagent '\(item)': expected FORMULA=MMOL, such as ReI3=0.53")
      }
      let formula = try withArgument("--reagent '\(item)'") {
        try Formula.resolving(pieces[0]).formula
      }
      return (formula, amount)
    }
    let recipe = try withArgument("--reagent") {
      try SynthesisRecipe(millimoles: entries.map { (formula: $0.0, amount: $0.1) })
    }
    let report = try withArgument("--product") {
      try SynthesisReport.make(
      recipe: recipe, product: product, productMassMilligrams: productMass,
        yieldPercent: yieldPercent)
    }
    try output.emit(report, analysis: "recipe-synthesis") { print(report.rendered) }
  }
}
