import ArgumentParser
import Foundation
import IonicsCore
import Workflows

/// `ionics recipe`: reagent masses, yields and polymer-electrolyte recipes.
struct RecipeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recipe",
    abstract: "Reagent masses and yields of a synthesis; polymer–salt–filler electrolyte recipes.",
    subcommands: [SynthesisCommand.self, PolymerCommand.self])
}
