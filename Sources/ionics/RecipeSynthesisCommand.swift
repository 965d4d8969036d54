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

  struct Report: Encodable {
    struct ReagentLine: Encodable {
      let reagent: String
      let molarMassGramsPerMole: Double
      let amountMillimoles: Double
      let massMilligrams: Double
    }
    struct YieldReport: Encodable {
      let product: String
      let productMolarMassGramsPerMole: Double
      let limitingElement: String
      let elementsNotSupplied: [String]
      let theoreticalAmountMillimoles: Double
      let theoreticalMassMilligrams: Double
      let isolatedMassMilligrams: Double?
      let yieldPercent: Double?
    }
    let reagents: [ReagentLine]
    let yield: YieldReport?
  }

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
    let report = try SynthesisCommand.report(
      recipe: recipe, product: product, productMassMilligrams: productMass,
      yieldPercent: yieldPercent)
    try output.emit(report, analysis: "recipe-synthesis") { print(report.rendered) }
  }

  static func report(
    recipe: SynthesisRecipe, product: String?, productMassMilligrams: Double?, yieldPercent: Double?
  ) throws -> Report {
    let lines = recipe.reagents.map {
      Report.ReagentLine(
        reagent: $0.formula.text, molarMassGramsPerMole: $0.formula.molarMassGramsPerMole,
        amountMillimoles: $0.amountMoles * 1000, massMilligrams: $0.massGrams * 1000)
    }
    var yieldReport: Report.YieldReport?
    if let product {
      let formula = try withArgument("--product '\(product)'") {
        try Formula.resolving(product).formula
      }
      let theoretical = try withArgument("--product '\(product)'") {
        try recipe.theoreticalYield(of: formula)
      }
      var isolated = productMassMilligrams
      var percent: Double?
      if let isolated {
        percent = try withArgument("--product-mass") {
          try recipe.yieldPercent(of: formula, isolatedMassGrams: isolated / 1000)
        }
      } else if let yieldPercent {
        guard yieldPercent > 0, yieldPercent.isFinite else {
          throw CommandLineError(
            description: "--yield-percent must be positive, got \(yieldPercent)")
        }
        percent = yieldPercent
        isolated = theoretical.massGrams * 1000 * yieldPercent / 100
      }
      yieldReport = Report.YieldReport(
        product: formula.text, productMolarMassGramsPerMole: formula.molarMassGramsPerMole,
        limitingElement: theoretical.limitingElement.symbol,
        elementsNotSupplied: theoretical.elementsNotSupplied.map(\.symbol),
        theoreticalAmountMillimoles: theoretical.amountMoles * 1000,
        theoreticalMassMilligrams: theoretical.massGrams * 1000, isolatedMassMilligrams: isolated,
        yieldPercent: percent)
    } else if productMassMilligrams != nil || yieldPercent != nil {
      throw CommandLineError(description: "--product-mass and --yield-percent need --product")
    }
    return Report(reagents: lines, yield: yieldReport)
  }
}
