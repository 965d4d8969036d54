import Foundation
import Testing

/// Every command's `--help`, rendered as an 80-column terminal shows it:
/// no line longer than 80 characters, no example split across lines by the
/// wrapping, no default stated twice, and no developer switch on show.
struct HelpRenderingTests {
  /// Every command path (`[]`, `["eis"]`, `["eis", "fit"]`, …), read from
  /// the tree that `--experimental-dump-help` prints.
  static func commandPaths() throws -> [[String]] {
    let run = try CommandLineTests.run("--experimental-dump-help")
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    guard let root = (object as? [String: Any])?["command"] as? [String: Any] else { return [] }
    var paths: [[String]] = []
    func walk(_ node: [String: Any], _ path: [String]) {
      paths.append(path)
      for child in node["subcommands"] as? [[String: Any]] ?? [] {
        guard let name = child["commandName"] as? String, name != "help" else { continue }
        walk(child, path + [name])
      }
    }
    walk(root, [])
    return paths
  }

  static func help(_ path: [String]) throws -> String {
    let process = Process()
    process.executableURL = try CommandLineTests.executable()
    process.arguments = path + ["--help"]
    var environment = ProcessInfo.processInfo.environment
    environment["COLUMNS"] = "80"
    process.environment = environment
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  /// The problems of one rendered help text.
  static func problems(in text: String) -> [String] {
    var found: [String] = []
    let lines = text.components(separatedBy: "\n")
    for (k, line) in lines.enumerated() {
      if line.count > 80 { found.append("line \(k + 1) has \(line.count) characters: \(line)") }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      // An example is one line, or ends in a shell continuation; a wrapped
      // example leaves its tail on the next, non-blank line.
      if trimmed.hasPrefix("ionics "), !trimmed.hasSuffix("\\"), k + 1 < lines.count {
        let next = lines[k + 1].trimmingCharacters(in: .whitespaces)
        if !next.isEmpty && !next.hasPrefix("ionics ") {
          found.append("example split at line \(k + 1): \(trimmed) / \(next)")
        }
      }
      if trimmed.hasPrefix("--repeat <") { found.append("developer option shown: \(trimmed)") }
    }
    // An option's help is the text from its name to the next option.
    var option = ""
    for line in lines + ["  --"] {
      if line.hasPrefix("  -") || line.isEmpty || !line.hasPrefix(" ") {
        // The option's own name (--default-b) is not a statement of its default.
        let help = option.trimmingCharacters(in: .whitespaces).split(
          separator: " ", maxSplits: 2, omittingEmptySubsequences: true
        ).dropFirst(option.contains("<") ? 2 : 1).joined(separator: " ")
        if help.components(separatedBy: "default").count > 2 {
          found.append("default stated twice: \(option)")
        }
        option = line
      } else {
        option += " " + line.trimmingCharacters(in: .whitespaces)
      }
    }
    return found
  }

  @Test func everyCommandsHelpFitsEightyColumns() throws {
    let paths = try Self.commandPaths()
    #expect(paths.count >= 25, "the command tree: \(paths)")
    for path in paths {
      let text = try Self.help(path)
      #expect(text.contains("USAGE:"), "ionics \(path.joined(separator: " ")) --help")
      let problems = Self.problems(in: text)
      #expect(problems.isEmpty, "ionics \(path.joined(separator: " ")):\n\(problems.joined(separator: "\n"))")
    }
  }

  /// The checks themselves catch what they are for.
  @Test func theChecksCatchLongLinesSplitExamplesAndDoubledDefaults() {
    #expect(!Self.problems(in: String(repeating: "x", count: 81)).isEmpty)
    #expect(!Self.problems(in: "ionics eis fit a.csv --circuit\n\"R0-p(R1,C1)\"\n").isEmpty)
    #expect(Self.problems(in: "ionics eis fit a.csv \\\n  --circuit R0\n").isEmpty)
    #expect(
      !Self.problems(
        in: "OPTIONS:\n  --weighting <w>  modulus (default) or unity. (default: modulus)\n"
      ).isEmpty)
    #expect(!Self.problems(in: "  --repeat <n>  for benchmarks\n").isEmpty)
    #expect(Self.problems(in: "  --default-b <b>  B, Å². (default: 0.0)\n").isEmpty)
  }
}
