import ArgumentParser
import Crystal
import Foundation
import IonicsCore
import Workflows

/// `ionics cif`: crystal structures from CIF files.
struct CIFCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cif",
    abstract:
      "Crystal structures from CIF: cell, symmetry, formula, density, distances, coordination.",
    subcommands: [
      CIFReadCommand.self, CIFDistancesCommand.self, CIFCoordinationCommand.self,
      CIFExportCommand.self, CIFBondValenceCommand.self,
    ],
    defaultSubcommand: CIFReadCommand.self)
}
