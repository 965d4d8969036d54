import ArgumentParser
import Foundation
import IonicsCore
import Workflows

/// `ionics formula`: molar mass, composition and solvent content of formulas.
struct FormulaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "formula",
    abstract: "Molar mass, composition and solvent fraction of chemical formulas.",
    discussion: """
      Formulas nest (), [] and {}; charges follow the group (`[Fe(CN)6]4-`, `Na+`, `SO4^2-`); solvates join with ·, * or . (`Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O`); counts may be fractional (`Na2.5Zr2Si1.5P1.5O12`). Abbreviations such as NaTFSI, PEO or NVP expand and are reported. Atomic weights: IUPAC 2021 standard (conventional) values.

      Example:
      ionics formula "Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O" NaTFSI
      """)

  @Argument(help: "One or more formulas or abbreviations.")
  var formulas: [String]

  @OptionGroup var output: OutputOptions

  func run() throws {
    let reports = try formulas.map { text in
      try withArgument("formula '\(text)'") { try FormulaReport(text) }
    }
    try output.emit(reports, analysis: "formula") {
      for (i, report) in reports.enumerated() {
        if i > 0 { print() }
        print(report.rendered)
      }
    }
  }
}

/// What `ionics formula` reports for one formula.
struct FormulaReport: Encodable {
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

  init(_ text: String) throws {
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

  var rendered: String {
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

/// A count without trailing zeros (shortest form for very small or large values).
func formatNumber(_ x: Double) -> String {
  if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
  if abs(x) < 1e-3 || !x.isFinite { return "\(x)" }
  var s = String(format: "%.4f", x)
  while s.hasSuffix("0") { s.removeLast() }
  return s
}
