import ArgumentParser
import Crystal
import Foundation
import IonicsCore
import Workflows

/// `ionics cif distances`: interatomic distances by element pair.
struct CIFDistancesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "distances",
    abstract: "Interatomic distances under periodic boundaries, grouped by element pair, with s.u.",
    usage: "ionics cif distances [<options>] <file>",
    discussion: """
      Each symmetry-independent bond is listed once with its standard uncertainty, propagated from the coordinates (through the symmetry operations) and the cell; for each pair the range and the mean with the spread of the distances, as a paper's structure paragraph writes them.

      Example:
      ionics cif distances NRASCN.cif --pair Re-Re --max 3.0
      """)

  @Argument(help: "CIF file.")
  var file: String

  @Option(help: "Element pair such as Re-Re or Na-O (repeat); default: every pair.")
  var pair: [String] = []

  @Option(help: "Longest distance, Å.")
  var max: Double = 3.0

  @Flag(help: "Only the range, mean and count of each pair, not every bond (large cells).")
  var summary = false

  @OptionGroup var output: OutputOptions

  struct Bond: Encodable {
    let from: String
    let to: String
    let distanceAngstrom: Measured
  }

  struct Pair: Encodable {
    let block: String
    let pair: String
    let bondCount: Int
    /// Every bond (empty with --summary).
    let bonds: [Bond]
    let shortestAngstrom: Measured
    let longestAngstrom: Measured
    /// Mean, Å; its uncertainty is the sample standard deviation of the distances.
    let meanAngstrom: Measured
  }

  func run() throws {
    guard max > 0, max <= 12 else {
      throw CommandLineError(description: "--max must be between 0 and 12 Å")
    }
    let pairs = try pair.map { text -> (Element, Element) in
      let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" }).map(String.init)
      guard parts.count == 2, let a = Element(symbol: parts[0]), let b = Element(symbol: parts[1])
      else {
        throw CommandLineError(description: "--pair '\(text)': expected two elements such as Re-Re")
      }
      return (a, b)
    }
    var reports: [Pair] = []
    for (_, s) in try readStructures([file]) {
      let found =
        pairs.isEmpty
        ? s.pairDistances(upTo: max)
        : pairs.compactMap { s.distances(between: $0.0, and: $0.1, upTo: max) }
      for d in found {
        reports.append(
          Pair(
            block: s.name, pair: d.pair, bondCount: d.count,
            bonds: summary
              ? [] : d.bonds.map { Bond(from: $0.from, to: $0.to, distanceAngstrom: $0.distance) },
            shortestAngstrom: d.shortest, longestAngstrom: d.longest, meanAngstrom: d.mean))
      }
    }
    try output.emit(
      reports, analysis: "cif-distances", inputs: try hashedInputs([file], when: output.json, format: "CIF")
    ) {
      if reports.isEmpty { print("no distances up to \(formatNumber(max)) Å for the pairs asked") }
      // One write of bytes for the whole table: a large cell has 10⁵ bonds.
      var text: [UInt8] = []
      text.reserveCapacity(64 + reports.reduce(0) { $0 + 32 * $1.bonds.count })
      for r in reports {
        let range =
          r.bondCount > 1
          ? "\(length(r.shortestAngstrom))–\(length(r.longestAngstrom)) Å (mean \(length(r.meanAngstrom)) Å, \(r.bondCount) bonds)"
          : "\(length(r.shortestAngstrom)) Å (1 bond)"
        text += Array("\(r.pair): \(range)\n".utf8)
        for b in r.bonds {
          text += [32, 32]
          text += b.from.utf8
          text += [0xE2, 0x80, 0x93]  // en dash
          text += b.to.utf8
          text += [32, 32]
          appendLength(b.distanceAngstrom, to: &text)
          text += [32, 0xC3, 0x85, 10]  // " Å\n"
        }
      }
      FileHandle.standardOutput.write(Data(text))
    }
  }
}

/// A length with its s.u. in crystallographic notation, or to 4 decimals
/// (0.0001 Å) when the file gave the coordinates without s.u. (formatted by
/// hand: printing 10⁵ bonds through String(format:) takes a noticeable time).
/// `length(m)` appended as UTF-8 bytes without building a string when the
/// value has no s.u. (the common case in long tables).
func appendLength(_ m: Measured, to bytes: inout [UInt8]) {
  guard m.standardUncertainty == 0, m.value.isFinite, abs(m.value) < 1e12 else {
    bytes += length(m).utf8
    return
  }
  let scaled = Int((abs(m.value) * 1e4).rounded())
  if m.value < 0 && scaled > 0 { bytes.append(UInt8(ascii: "-")) }
  bytes += String(scaled / 10_000).utf8
  bytes.append(UInt8(ascii: "."))
  var fraction = scaled % 10_000
  var digits: [UInt8] = [0, 0, 0, 0]
  for k in (0..<4).reversed() {
    digits[k] = UInt8(ascii: "0") + UInt8(fraction % 10)
    fraction /= 10
  }
  bytes += digits
}

func length(_ m: Measured) -> String {
  guard m.standardUncertainty == 0, m.value.isFinite, abs(m.value) < 1e12 else { return "\(m)" }
  let scaled = Int((abs(m.value) * 1e4).rounded())
  let fraction = String(scaled % 10_000)
  return (m.value < 0 && scaled > 0 ? "-" : "") + "\(scaled / 10_000)."
    + String(repeating: "0", count: 4 - fraction.count) + fraction
}
