import ArgumentParser
import Workflows

/// The `ionics` command: the computational side of ion-conductor research.
@main
struct Ionics: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ionics",
    abstract: "From a crystal structure to a working cell: the numbers of an ion-conductor paper.",
    discussion: """
      Every command prints a readable table, or the same numbers as JSON with --json.
      Start with `ionics demo`, which reproduces the chemistry of the NRASCN paper
      (Inorg. Chem. Front. 2024, 11, 6671).
      """,
    version: "0.1.0",
    subcommands: [
      DemoCommand.self, CIFCommand.self, XRDCommand.self, EISCommand.self, ConductivityCommand.self,
      CyclingCommand.self, MigrateCommand.self, TGACommand.self, FormulaCommand.self,
      CapacityCommand.self,
      RecipeCommand.self,
      ConvertCommand.self,
    ]
  )
}
