import ArgumentParser
import Workflows

/// The `ionics` command: the computational side of ion-conductor research.
@main
struct Ionics: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ionics",
    abstract: "From a crystal structure to a working cell: the numbers of an ion-conductor paper.",
    discussion: """
      Every command prints readable tables, or with --json one JSON envelope (schema, inputs with SHA-256, results, typed diagnostics). Figures are written with --svg, tables with --csv.

      Start with `ionics demo`, which runs the NRASCN paper's analyses (Inorg. Chem. Front. 2024, 11, 6671) on the bundled example and writes an HTML report.
      """,
    version: IonicsVersion.current,
    subcommands: [
      DemoCommand.self, InitCommand.self, ReportCommand.self, IdentifyCommand.self, CIFCommand.self, XRDCommand.self, EISCommand.self, ConductivityCommand.self,
      CyclingCommand.self, MigrateCommand.self, TGACommand.self, XPSCommand.self, IRCommand.self, FormulaCommand.self,
      CapacityCommand.self,
      RecipeCommand.self,
      ConvertCommand.self,
    ]
  )
}
