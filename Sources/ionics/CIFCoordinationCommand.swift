import ArgumentParser
import Crystal
import Foundation
import IonicsCore
import Workflows

/// `ionics cif coordination`: neighbours and polyhedra of every site.
struct CIFCoordinationCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "coordination",
    abstract: "Coordination number, neighbours and polyhedron of each site.",
    usage: "ionics cif coordination [<options>] <file>",
    discussion: """
      The coordination number is every neighbour within --cutoff, or (the default) the neighbours before the largest relative gap in the distances up to --within.

      Example:
      ionics cif coordination NRASCN.cif --element Na
      """)

  @Argument(help: "CIF file.")
  var file: String

  @Option(help: "Only sites of this element.")
  var element: String?

  @Option(help: "Count every neighbour within this distance, Å (instead of the largest gap).")
  var cutoff: Double?

  @Option(help: "Largest-gap rule: look for the gap among neighbours up to this distance, Å.")
  var within: Double = 3.5

  @OptionGroup var output: OutputOptions

  struct Neighbour: Encodable {
    let label: String
    let element: String
    let translation: [Int32]
    let distanceAngstrom: Measured
  }

  struct Site: Encodable {
    let block: String
    let site: String
    let element: String
    let coordinationNumber: Int
    let polyhedron: String
    let rule: String
    let neighbours: [Neighbour]
  }

  func run() throws {
    let only = try element.map { symbol -> Element in
      guard let e = Element(symbol: symbol) else {
        throw CommandLineError(description: "--element '\(symbol)': not an element symbol")
      }
      return e
    }
    let rule: Coordination.Rule
    if let cutoff {
      guard cutoff > 0, cutoff <= 12 else {
        throw CommandLineError(description: "--cutoff must be between 0 and 12 Å")
      }
      rule = .cutoff(cutoff)
    } else {
      guard within > 0, within <= 12 else {
        throw CommandLineError(description: "--within must be between 0 and 12 Å")
      }
      rule = .largestGap(within: within)
    }
    var reports: [Site] = []
    for (_, s) in try readStructures([file]) {
      for c in s.coordination(rule: rule) where only == nil || s.sites[c.site].element == only {
        reports.append(
          Site(
            block: s.name, site: s.sites[c.site].label, element: s.sites[c.site].element.symbol,
            coordinationNumber: c.number, polyhedron: c.polyhedron, rule: rule.description,
            neighbours: c.neighbours.map {
              Neighbour(
                label: s.sites[$0.site].label, element: s.sites[$0.site].element.symbol,
                translation: [$0.translation.x, $0.translation.y, $0.translation.z],
                distanceAngstrom: $0.distance)
            }))
      }
    }
    try output.emit(
      reports, analysis: "cif-coordination", inputs: try hashedInputs([file], when: output.json, format: "CIF")
    ) {
      if let first = reports.first { print("rule: \(first.rule)") }
      for r in reports {
        print(
          "\(r.site) (\(r.element)): CN \(r.coordinationNumber), \(r.polyhedron): "
            + r.neighbours.map { "\($0.label) \(length($0.distanceAngstrom))" }.joined(
              separator: ", "))
      }
    }
  }
}
