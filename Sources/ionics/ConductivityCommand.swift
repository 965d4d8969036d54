import ArgumentParser
import Conductivity
import Foundation
import Impedance
import IonicsCore
import Plots
import Report
import Workflows

/// `ionics conductivity`.
struct ConductivityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "conductivity",
    abstract: "Ionic conductivity: σ from R and geometry, temperature series, Arrhenius and VTF.",
    subcommands: [
      ConductivitySeriesCommand.self, ConductivityArrheniusCommand.self,
      ConductivityConvertCommand.self,
    ])
}

/// The command line as typed, quoted for a shell (recorded in reports).
func commandLine() -> String {
  (["ionics"] + CommandLine.arguments.dropFirst()).map(shellQuoted).joined(separator: " ")
}

/// An argument as a shell would need it written.
func shellQuoted(_ s: String) -> String {
  let plain = s.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
  return plain && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
