import ArgumentParser
import Crystal
import Foundation
import IonicsCore
import Workflows

/// `ionics cif export`: the asymmetric unit or the P1 cell as CIF.
struct CIFExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract:
      "Write the structure as CIF (the asymmetric unit with its symmetry, or the P1 cell) or as pymatgen JSON.",
    discussion: """
      --json writes the whole cell in the layout of pymatgen's Structure.as_dict(), which Python loads with Structure.from_dict(json.load(open(path))). The asymmetric unit with its s.u. and operations as JSON is `ionics cif read FILE --sites --json`.

      Example:
      ionics cif export NRASCN.cif --p1 --output NRASCN_P1.cif
      """)

  @Argument(help: "CIF file.")
  var file: String

  @Flag(help: "Expand to the whole cell in P1.")
  var p1 = false

  @Flag(help: "Write the whole cell as pymatgen's Structure dictionary (JSON) instead of CIF.")
  var json = false

  @Option(help: "Where to write (several blocks: name-2.cif, …); default: standard output.")
  var output: String?

  func run() throws {
    let structures = try readStructures([file])
    for (k, item) in structures.enumerated() {
      let text: String
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        text =
          String(decoding: try encoder.encode(item.structure.pymatgenStructure), as: UTF8.self)
          + "\n"
      } else {
        text = item.structure.cif(expandedToP1: p1)
      }
      if let output {
        let target = structures.count == 1 ? output : numbered(output, k + 1)
        try writeAtomically(text, to: target, inputs: [file])
      } else {
        print(text, terminator: "")
      }
    }
  }
}
