import ArgumentParser
import Crystal
import Foundation
import IonicsCore
import Workflows

/// `ionics cif bvs`: bond-valence sums with Brown's parameters.
struct CIFBondValenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bvs",
    abstract: "Bond-valence sums of every site, with Brown's bvparm2020 parameters.",
    usage: "ionics cif bvs [<options>] <file>",
    discussion: """
      The parameter table is I. D. Brown's bvparm2020.cif (IUCr, free for non-profit use with its notice); Ionics reads your copy from --table or IONICS_BVPARM. Oxidation states come from the type symbols (Na1+), from --oxidation, or from a charge-balancing guess.

      Example:
      ionics cif bvs NRASCN.cif --table bvparm2020.cif --oxidation Re=3
      """)

  @Argument(help: "CIF file.")
  var file: String

  @Option(help: "Brown's bond-valence table (default: $IONICS_BVPARM).")
  var table: String?

  @Option(
    help: "An oxidation state as Element=n (Na=1, O=-2); repeat. Overrides the file and the guess.")
  var oxidation: [NamedValue] = []

  @Option(help: "Counter-ions within this distance count, Å.")
  var cutoff: Double = 3.5

  @OptionGroup var output: OutputOptions

  struct Site: Encodable {
    let block: String
    let site: String
    let oxidationState: Int
    let bondValenceSum: Double
    let deviation: Double
    let bonds: Int
    let parameters: [String]
    let missing: [String]
  }

  func run() throws {
    guard let path = table ?? ProcessInfo.processInfo.environment["IONICS_BVPARM"] else {
      throw CommandLineError(
        description:
          "no bond-valence table: give --table bvparm2020.cif or set IONICS_BVPARM (the table is at www.iucr.org/resources/data/datasets/bond-valence-parameters)"
      )
    }
    guard cutoff > 0, cutoff <= 8 else {
      throw CommandLineError(description: "--cutoff must be between 0 and 8 Å")
    }
    let parameters = try withArgument(path) {
      try BondValenceTable(parsing: readText(path), source: path)
    }
    let given = try parseOxidationStates(oxidation)
    var reports: [Site] = []
    var notes: [String] = []
    for (_, s) in try readStructures([file]) {
      // The guess, then the file's own states, then --oxidation, each winning over the last.
      var states = s.oxidationStates() ?? Array(repeating: nil, count: s.sites.count)
      for (k, site) in s.sites.enumerated() {
        if let n = site.oxidationState { states[k] = n }
        if let n = given[site.element.symbol] { states[k] = n }
      }
      let unknown = Set(
        s.sites.indices.filter { states[$0] == nil }.map { s.sites[$0].element.symbol })
      if !unknown.isEmpty {
        notes.append(
          "data_\(s.name): no oxidation state for \(unknown.sorted().joined(separator: ", ")): give --oxidation"
        )
      }
      let sums = s.bondValenceSums(table: parameters, oxidationStates: states, cutoff: cutoff)
      for b in sums {
        reports.append(
          Site(
            block: s.name, site: s.sites[b.site].label, oxidationState: b.oxidationState,
            bondValenceSum: b.sum, deviation: b.deviation, bonds: b.bonds,
            parameters: b.parameters, missing: b.missing))
      }
      if !sums.isEmpty {
        notes.append(
          "data_\(s.name): global instability index \(String(format: "%.3f", CrystalStructure.globalInstabilityIndex(sums))) v.u."
        )
      }
    }
    try output.emit(
      reports, analysis: "cif-bvs", inputs: try hashedInputs([file], when: output.json, format: "CIF")
    ) {
      var t = TextTable("site", "ox.", "BVS (v.u.)", "deviation", "bonds", "parameters")
      for r in reports {
        t.add(
          r.site, String(format: "%+d", r.oxidationState), String(format: "%.3f", r.bondValenceSum),
          String(format: "%+.3f", r.deviation), "\(r.bonds)",
          (r.parameters + r.missing.map { "no parameters: \($0)" }).joined(separator: "; "))
      }
      print(t.rendered)
      print(
        "table: \(parameters.source) (\(parameters.entries.count) rows); counter-ions within \(formatNumber(cutoff)) Å"
      )
      for n in notes { print(n) }
    }
  }
}
