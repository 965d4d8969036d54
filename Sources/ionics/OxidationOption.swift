import Foundation
import IonicsCore
import Workflows

/// Oxidation states given as `--oxidation El=n` (or `Label=n` where site
/// labels are allowed), checked: whole numbers, known elements.
func parseOxidationStates(_ items: [NamedValue], labels: Bool = false) throws -> [String: Int] {
  var given: [String: Int] = [:]
  for item in items {
    guard item.value == item.value.rounded(), abs(item.value) <= 8,
      labels || Element(symbol: item.name) != nil
    else {
      throw CommandLineError(
        description:
          "--oxidation '\(item.name)=\(formatNumber(item.value))': expected \(labels ? "Element=n or Label=n" : "Element=n") with a whole n, such as Na=1"
      )
    }
    given[item.name] = Int(item.value)
  }
  return given
}
