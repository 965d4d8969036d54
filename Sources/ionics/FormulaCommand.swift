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
