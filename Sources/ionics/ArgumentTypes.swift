import ArgumentParser

/// `NAME=VALUE` (`R0=10`, `CPE1_1=0.9`, `Na=1`): the one parser of named
/// numbers for every option that takes them.
struct NamedValue: ExpressibleByArgument, Sendable, Equatable {
  let name: String
  let value: Double

  init?(argument: String) {
    let pieces = argument.split(separator: "=", maxSplits: 1).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard pieces.count == 2, !pieces[0].isEmpty,
      let value = Double(pieces[1].hasPrefix("+") ? String(pieces[1].dropFirst()) : pieces[1]),
      value.isFinite
    else { return nil }
    self.name = pieces[0]
    self.value = value
  }

  static var defaultCompletionKind: CompletionKind { .default }
}

/// `LOW:HIGH`, low not above high: the one parser of ranges.
struct ValueRange: ExpressibleByArgument, Sendable, Equatable {
  let range: ClosedRange<Double>

  init?(argument: String) {
    let limits = argument.split(separator: ":", omittingEmptySubsequences: false).map {
      Double($0.trimmingCharacters(in: .whitespaces))
    }
    guard limits.count == 2, let low = limits[0], let high = limits[1], low.isFinite,
      high.isFinite, low <= high
    else { return nil }
    range = low...high
  }
}

/// `NAME=LOW:HIGH` (`CPE1_1=0.5:1`): a named range.
struct NamedRange: ExpressibleByArgument, Sendable, Equatable {
  let name: String
  let range: ClosedRange<Double>

  init?(argument: String) {
    let pieces = argument.split(separator: "=", maxSplits: 1).map(String.init)
    guard pieces.count == 2, let range = ValueRange(argument: pieces[1]) else { return nil }
    name = pieces[0].trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty else { return nil }
    self.range = range.range
  }
}

/// Numbers given as a repeated option or comma-separated (`--at 100 --at
/// 200` or `--at 100,200`).
struct NumberList: ExpressibleByArgument, Sendable, Equatable {
  let values: [Double]

  init?(argument: String) {
    var values: [Double] = []
    for item in argument.split(separator: ",") {
      guard let x = Double(item.trimmingCharacters(in: .whitespaces)), x.isFinite else {
        return nil
      }
      values.append(x)
    }
    guard !values.isEmpty else { return nil }
    self.values = values
  }
}

extension Array where Element == NamedValue {
  /// The values by name (a later one wins).
  var byName: [String: Double] {
    var out: [String: Double] = [:]
    for item in self { out[item.name] = item.value }
    return out
  }
}

extension Array where Element == NumberList {
  /// Every number, in order.
  var flattened: [Double] { flatMap(\.values) }
}
