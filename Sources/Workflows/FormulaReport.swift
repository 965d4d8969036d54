import Foundation
import IonicsCore

/// What `ionics formula` reports for one formula.
package struct FormulaReport: Encodable, Sendable {
  struct ElementLine: Encodable {
    let element: String
    let atoms: Double
    let massPercent: Double
  }
  struct SolvateLine: Encodable {
    let solvate: String
    let perFormulaUnit: Double
    let molarMassGramsPerMole: Double
    let massPercent: Double
  }
  let input: String
  let abbreviationFor: String?
  let hillFormula: String
  let molarMassGramsPerMole: Double
  let charge: Double
  let composition: [ElementLine]
  let solvates: [SolvateLine]
  let solventFreeMolarMassGramsPerMole: Double
  let solventMassPercent: Double

  package init(_ text: String) throws {
    let (formula, abbreviation) = try Formula.resolving(text)
    input = text
    abbreviationFor = abbreviation.map { _ in formula.text }
    hillFormula = formula.hillFormula
    molarMassGramsPerMole = formula.molarMassGramsPerMole
    charge = formula.charge
    composition = zip(formula.composition, formula.massPercent).map {
      ElementLine(element: $0.element.symbol, atoms: $0.count, massPercent: $1.percent)
    }
    let total = formula.molarMassGramsPerMole
    solvates = formula.solvates.map {
      SolvateLine(
        solvate: $0.text, perFormulaUnit: $0.multiplier,
        molarMassGramsPerMole: $0.molarMassGramsPerMole,
        massPercent: 100 * $0.multiplier * $0.molarMassGramsPerMole / total)
    }
    solventFreeMolarMassGramsPerMole = formula.withoutSolvates.molarMassGramsPerMole
    solventMassPercent = 100 * formula.solventMassFraction
  }

  package var rendered: String {
    var lines = ["\(input)" + (abbreviationFor.map { "  (abbreviation for \($0))" } ?? "")]
    lines.append("  sum formula  \(hillFormula)")
    lines.append("  molar mass   \(fixed(molarMassGramsPerMole, 3)) g/mol")
    if charge != 0 {
      lines.append("  charge       \(charge > 0 ? "+" : "")\(formatNumber(charge))")
    }
    var table = TextTable("element", "atoms", "mass %")
    for line in composition {
      table.add(line.element, formatNumber(line.atoms), fixed(line.massPercent, 3))
    }
    lines.append("")
    lines.append(table.rendered)
    if !solvates.isEmpty {
      var s = TextTable("solvate", "per f.u.", "M (g/mol)", "mass %")
      for line in solvates {
        s.add(
          line.solvate, formatNumber(line.perFormulaUnit), fixed(line.molarMassGramsPerMole, 3),
          fixed(line.massPercent, 3))
      }
      lines.append("")
      lines.append(s.rendered)
      lines.append("  solvent-free      \(fixed(solventFreeMolarMassGramsPerMole, 3)) g/mol")
      lines.append(
        "  all solvent lost  \(fixed(solventMassPercent, 3)) % of the mass (expected TGA loss)")
    }
    return lines.joined(separator: "\n")
  }
}
