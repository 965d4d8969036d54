import ArgumentParser
import Foundation
import IonicsCore
import Workflows

/// Options every command shares.
struct OutputOptions: ParsableArguments {
  @Flag(name: .long, help: "Print the results as JSON (one envelope: schema, inputs, results, diagnostics).")
  var json = false

  /// Prints `results` in the JSON envelope of `analysis`, or calls `text`
  /// to print tables and then the diagnostics on stderr.
  func emit<Results: Encodable>(
    _ results: Results, analysis: String, inputs: [InputFile] = [],
    diagnostics: [Diagnostic] = [], text: () -> Void
  ) throws {
    let envelope = ResultEnvelope(
      analysis: analysis, inputs: inputs, results: results, diagnostics: diagnostics)
    // A result that holds NaN or infinity is an error in both modes.
    let encoded = try JSONTextEncoder().encode(envelope, rejectingNonFinite: true)
    if json {
      print(encoded)
    } else {
      text()
      for diagnostic in envelope.diagnostics {
        let place = diagnostic.source.map { "\($0): " } ?? ""
        printError("\(diagnostic.severity.rawValue): \(place)\(diagnostic.message)")
      }
    }
  }
}

/// Writes `line` to standard error.
func printError(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// The inputs of a command, hashed for the JSON envelope (only when JSON is
/// asked for: hashing a large cycler file is not free).
func hashedInputs(_ paths: [String], when wanted: Bool, format: String? = nil) throws -> [InputFile] {
  guard wanted else { return [] }
  return try InputFile.files(paths, format: format)
}

/// An error of the command line: what was wrong, and with which argument.
struct CommandLineError: Error, CustomStringConvertible {
  let description: String
}

/// Runs `body`, turning library errors into a message that names the
/// argument, with the library's parameter names mapped to the options that
/// set them.
func withArgument<T>(_ what: String, _ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as CommandLineError {
    throw error
  } catch {
    throw CommandLineError(description: "\(what): \(withOptionNames("\(error)"))")
  }
}

/// Where the library speaks of a parameter, the option that sets it.
let optionForParameter: [(phrase: String, option: String)] = [
  ("column mapping", "--columns"), ("name the bulk element", "--bulk"),
  ("bulk element ", "--bulk"), ("frequency window", "--fmin/--fmax"),
  ("the electrode area (or diameter) and the thickness", "--diameter or --area, and --thickness"),
  ("sample mass", "--sample-mass"), ("a product mass or a yield", "--product"),
  ("name the radiation of the measurement", "--radiation"),
]

/// `message` with the option named after each library phrase it uses.
func withOptionNames(_ message: String) -> String {
  var out = message
  for (phrase, option) in optionForParameter where out.contains(phrase) && !out.contains(option) {
    if let range = out.range(of: phrase) {
      out.replaceSubrange(range, with: "\(phrase) (\(option))")
    }
  }
  return out
}
