import ArgumentParser
import Foundation
import IonicsCore
import Workflows

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
