import IonicsCore
import Workflows

/// Reads `--oxidation` values, "Element=n" (or, with `labels`, also
/// "SiteLabel=n"): n an integer, optionally signed (Re=4, O=-2, N1=-3).
func parseOxidationStates(_ items: [String], labels: Bool = false) throws -> [String: Int] {
  var given: [String: Int] = [:]
  for item in items {
    let parts = item.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2, !parts[0].isEmpty, labels || Element(symbol: parts[0]) != nil,
      let n = Int(parts[1].replacingOccurrences(of: "+", with: ""))
    else {
      throw CommandLineError(
        description:
          "--oxidation '\(item)': expected \(labels ? "Element=n or Label=n" : "Element=n"), such as Na=1"
      )
    }
    given[parts[0]] = n
  }
  return given
}
