import ArgumentParser

struct EISFitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "fit", abstract: "placeholder")
  func run() throws {}
}
