import ArgumentParser
import Foundation
import IonicsCore
import Workflows

/// `ionics recipe`: reagent masses, yields and polymer-electrolyte recipes.
struct RecipeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recipe",
    abstract: "Reagent masses and yields of a synthesis; polymer–salt–filler electrolyte recipes.",
    subcommands: [SynthesisCommand.self, PolymerCommand.self])
}

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

extension SynthesisCommand.Report {
  var rendered: String {
    var table = TextTable("reagent", "M (g/mol)", "n (mmol)", "m (mg)")
    for r in reagents {
      table.add(
        r.reagent, fixed(r.molarMassGramsPerMole, 3), formatNumber(r.amountMillimoles),
        fixed(r.massMilligrams, 2))
    }
    var lines = [table.rendered]
    if let y = yield {
      lines.append("")
      lines.append("product      \(y.product) (\(fixed(y.productMolarMassGramsPerMole, 2)) g/mol)")
      var limiting = "limiting     \(y.limitingElement)"
      if !y.elementsNotSupplied.isEmpty {
        limiting +=
          " (not supplied by the reagents: \(y.elementsNotSupplied.joined(separator: ", ")))"
      }
      lines.append(limiting)
      lines.append(
        "theoretical  \(fixed(y.theoreticalAmountMillimoles, 4)) mmol = \(fixed(y.theoreticalMassMilligrams, 2)) mg"
      )
      if let m = y.isolatedMassMilligrams, let p = y.yieldPercent {
        lines.append("yield        \(fixed(p, 1)) % = \(fixed(m, 2)) mg")
      }
    }
    return lines.joined(separator: "\n")
  }
}

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
    help: "What the filler percent is of: 'total' (polymer + salt + filler) or 'polymer+salt'.")
  var basis: String = "total"

  @OptionGroup var output: OutputOptions

  func run() throws {
    guard let fillerBasis = PolymerElectrolyteRecipe.FillerBasis(rawValue: basis) else {
      throw CommandLineError(description: "--basis '\(basis)': expected 'total' or 'polymer+salt'")
    }
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

/// The numbers of a polymer-electrolyte recipe.
struct PolymerReport: Encodable {
  let repeatUnit: String
  let repeatUnitMolarMassGramsPerMole: Double
  let polymerMassGrams: Double
  let repeatUnitMillimoles: Double
  let repeatUnitsPerCation: Double
  let salt: String
  let saltFormula: String
  let saltMolarMassGramsPerMole: Double
  let cation: String
  let saltMillimoles: Double
  let saltMassGrams: Double
  let filler: String?
  let fillerWeightPercent: Double
  let fillerBasis: String
  let fillerMassGrams: Double
  let totalMassGrams: Double

  init(_ r: PolymerElectrolyteRecipe, repeatUnitName: String, saltName: String, fillerName: String?)
  {
    repeatUnit =
      repeatUnitName == r.repeatUnit.text
      ? r.repeatUnit.text : "\(repeatUnitName) (\(r.repeatUnit.text))"
    repeatUnitMolarMassGramsPerMole = r.repeatUnit.molarMassGramsPerMole
    polymerMassGrams = r.polymerMassGrams
    repeatUnitMillimoles = r.repeatUnitMoles * 1000
    repeatUnitsPerCation = r.repeatUnitsPerCation
    salt = saltName
    saltFormula = r.salt.text
    saltMolarMassGramsPerMole = r.salt.molarMassGramsPerMole
    cation = r.cation.symbol
    saltMillimoles = r.saltMoles * 1000
    saltMassGrams = r.saltMassGrams
    filler = fillerName
    fillerWeightPercent = r.fillerWeightPercent
    fillerBasis = r.fillerBasis.rawValue
    fillerMassGrams = r.fillerMassGrams
    totalMassGrams = r.totalMassGrams
  }

  var rendered: String {
    var table = TextTable("component", "formula", "M (g/mol)", "n (mmol)", "m (g)", "wt %")
    let share = { (m: Double) in fixed(100 * m / self.totalMassGrams, 2) }
    table.add(
      "polymer", repeatUnit, fixed(repeatUnitMolarMassGramsPerMole, 3),
      fixed(repeatUnitMillimoles, 4), fixed(polymerMassGrams, 4), share(polymerMassGrams))
    table.add(
      "salt", salt == saltFormula ? salt : "\(salt) (\(saltFormula))",
      fixed(saltMolarMassGramsPerMole, 3), fixed(saltMillimoles, 4), fixed(saltMassGrams, 4),
      share(saltMassGrams))
    if let filler, fillerMassGrams > 0 {
      table.add("filler", filler, "", "", fixed(fillerMassGrams, 4), share(fillerMassGrams))
    }
    var lines = [table.rendered]
    lines.append("ratio: \(formatNumber(repeatUnitsPerCation)) repeat units per \(cation)")
    if filler != nil {
      let basisText =
        fillerBasis == "total"
        ? "of the total (polymer + salt + filler)" : "of polymer + salt, added on top"
      lines.append("filler: \(formatNumber(fillerWeightPercent)) wt % \(basisText)")
    }
    lines.append("total dry mass: \(fixed(totalMassGrams, 4)) g")
    return lines.joined(separator: "\n")
  }
}
