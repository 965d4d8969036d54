import Foundation
import IonicsCore

/// Reagent masses, the theoretical yield by the limiting element, and the
/// yield from a product mass (or the mass a yield implies).
package struct SynthesisReport: Encodable, Sendable {
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

  /// The report of `recipe`, with the yield of `product` when it is named.
  package static func make(
    recipe: SynthesisRecipe, product: String?, productMassMilligrams: Double?, yieldPercent: Double?
  ) throws -> SynthesisReport {
    let lines = recipe.reagents.map {
      ReagentLine(
        reagent: $0.formula.text, molarMassGramsPerMole: $0.formula.molarMassGramsPerMole,
        amountMillimoles: $0.amountMoles * 1000, massMilligrams: $0.massGrams * 1000)
    }
    var yieldReport: YieldReport?
    if let product {
      let formula = try Formula.resolving(product).formula
      let theoretical = try recipe.theoreticalYield(of: formula)
      var isolated = productMassMilligrams
      var percent: Double?
      if let isolated {
        percent = try recipe.yieldPercent(of: formula, isolatedMassGrams: isolated / 1000)
      } else if let yieldPercent {
        guard yieldPercent > 0, yieldPercent.isFinite else {
          throw WorkflowError.invalidParameter(
            "yield", value: "\(yieldPercent) %", expected: "a positive percentage")
        }
        percent = yieldPercent
        isolated = theoretical.massGrams * 1000 * yieldPercent / 100
      }
      yieldReport = YieldReport(
        product: formula.text, productMolarMassGramsPerMole: formula.molarMassGramsPerMole,
        limitingElement: theoretical.limitingElement.symbol,
        elementsNotSupplied: theoretical.elementsNotSupplied.map(\.symbol),
        theoreticalAmountMillimoles: theoretical.amountMoles * 1000,
        theoreticalMassMilligrams: theoretical.massGrams * 1000, isolatedMassMilligrams: isolated,
        yieldPercent: percent)
    } else if productMassMilligrams != nil || yieldPercent != nil {
      throw WorkflowError.missingParameter(
        "product", why: "a product mass or a yield needs the product's formula")
    }
    return SynthesisReport(reagents: lines, yield: yieldReport)
  }
}

extension SynthesisReport {
  /// The recipe as text tables.
  package var rendered: String {
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
