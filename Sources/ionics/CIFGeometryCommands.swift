import ArgumentParser
import Crystal
import Foundation
import IonicsCore
import Workflows

/// `ionics cif distances`: interatomic distances by element pair.
struct CIFDistancesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "distances",
    abstract: "Interatomic distances under periodic boundaries, grouped by element pair, with s.u.",
    usage: "ionics cif distances [<options>] <file>",
    discussion: """
      Each symmetry-independent bond is listed once with its standard uncertainty, propagated from the coordinates (through the symmetry operations) and the cell; for each pair the range and the mean with the spread of the distances, as a paper's structure paragraph writes them.

      Example:
      ionics cif distances NRASCN.cif --pair Re-Re --max 3.0
      """)

  @Argument(help: "CIF file.")
  var file: String

  @Option(help: "Element pair such as Re-Re or Na-O (repeat); default: every pair.")
  var pair: [String] = []

  @Option(help: "Longest distance, Å.")
  var max: Double = 3.0

  @Flag(help: "Only the range, mean and count of each pair, not every bond (large cells).")
  var summary = false

  @OptionGroup var output: OutputOptions

  struct Bond: Encodable {
    let from: String
    let to: String
    let distanceAngstrom: Measured
  }

  struct Pair: Encodable {
    let block: String
    let pair: String
    let bondCount: Int
    /// Every bond (empty with --summary).
    let bonds: [Bond]
    let shortestAngstrom: Measured
    let longestAngstrom: Measured
    /// Mean, Å; its uncertainty is the sample standard deviation of the distances.
    let meanAngstrom: Measured
  }

  func run() throws {
    guard max > 0, max <= 12 else {
      throw CommandLineError(description: "--max must be between 0 and 12 Å")
    }
    let pairs = try pair.map { text -> (Element, Element) in
      let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" }).map(String.init)
      guard parts.count == 2, let a = Element(symbol: parts[0]), let b = Element(symbol: parts[1])
      else {
        throw CommandLineError(description: "--pair '\(text)': expected two elements such as Re-Re")
      }
      return (a, b)
    }
    var reports: [Pair] = []
    for (_, s) in try readStructures([file]) {
      let found =
        pairs.isEmpty
        ? s.pairDistances(upTo: max)
        : pairs.compactMap { s.distances(between: $0.0, and: $0.1, upTo: max) }
      for d in found {
        reports.append(
          Pair(
            block: s.name, pair: d.pair, bondCount: d.count,
            bonds: summary
              ? [] : d.bonds.map { Bond(from: $0.from, to: $0.to, distanceAngstrom: $0.distance) },
            shortestAngstrom: d.shortest, longestAngstrom: d.longest, meanAngstrom: d.mean))
      }
    }
    try output.emit(
      reports, analysis: "cif-distances", inputs: try hashedInputs([file], when: output.json, format: "CIF")
    ) {
      if reports.isEmpty { print("no distances up to \(formatNumber(max)) Å for the pairs asked") }
      // One write of bytes for the whole table: a large cell has 10⁵ bonds.
      var text: [UInt8] = []
      text.reserveCapacity(64 + reports.reduce(0) { $0 + 32 * $1.bonds.count })
      for r in reports {
        let range =
          r.bondCount > 1
          ? "\(length(r.shortestAngstrom))–\(length(r.longestAngstrom)) Å (mean \(length(r.meanAngstrom)) Å, \(r.bondCount) bonds)"
          : "\(length(r.shortestAngstrom)) Å (1 bond)"
        text += Array("\(r.pair): \(range)\n".utf8)
        for b in r.bonds {
          text += [32, 32]
          text += b.from.utf8
          text += [0xE2, 0x80, 0x93]  // en dash
          text += b.to.utf8
          text += [32, 32]
          appendLength(b.distanceAngstrom, to: &text)
          text += [32, 0xC3, 0x85, 10]  // " Å\n"
        }
      }
      FileHandle.standardOutput.write(Data(text))
    }
  }
}

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

/// A length with its s.u. in crystallographic notation, or to 4 decimals
/// (0.0001 Å) when the file gave the coordinates without s.u. (formatted by
/// hand: printing 10⁵ bonds through String(format:) takes a noticeable time).
/// `length(m)` appended as UTF-8 bytes without building a string when the
/// value has no s.u. (the common case in long tables).
func appendLength(_ m: Measured, to bytes: inout [UInt8]) {
  guard m.standardUncertainty == 0, m.value.isFinite, abs(m.value) < 1e12 else {
    bytes += length(m).utf8
    return
  }
  let scaled = Int((abs(m.value) * 1e4).rounded())
  if m.value < 0 && scaled > 0 { bytes.append(UInt8(ascii: "-")) }
  bytes += String(scaled / 10_000).utf8
  bytes.append(UInt8(ascii: "."))
  var fraction = scaled % 10_000
  var digits: [UInt8] = [0, 0, 0, 0]
  for k in (0..<4).reversed() {
    digits[k] = UInt8(ascii: "0") + UInt8(fraction % 10)
    fraction /= 10
  }
  bytes += digits
}

func length(_ m: Measured) -> String {
  guard m.standardUncertainty == 0, m.value.isFinite, abs(m.value) < 1e12 else { return "\(m)" }
  let scaled = Int((abs(m.value) * 1e4).rounded())
  let fraction = String(scaled % 10_000)
  return (m.value < 0 && scaled > 0 ? "-" : "") + "\(scaled / 10_000)."
    + String(repeating: "0", count: 4 - fraction.count) + fraction
}

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
  var oxidation: [String] = []

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
