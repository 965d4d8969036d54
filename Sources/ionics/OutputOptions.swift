import ArgumentParser
import Foundation
import IonicsCore

/// Options every command shares.
struct OutputOptions: ParsableArguments {
  @Flag(name: .long, help: "Print the results as JSON instead of tables.")
  var json = false

  /// Prints `report` as JSON, or calls `text` to print tables.
  func emit<Report: Encodable>(_ report: Report, text: () -> Void) throws {
    if json {
      print(try JSONTextEncoder().encode(report))
    } else {
      text()
    }
  }
}

/// An error of the command line: what was wrong, and with which argument.
struct CommandLineError: Error, CustomStringConvertible {
  let description: String
}

/// Runs `body`, turning library errors into a message that names the argument.
func withArgument<T>(_ what: String, _ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch {
    throw CommandLineError(description: "\(what): \(error)")
  }
}
