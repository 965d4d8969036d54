import Foundation
import IonicsCore

/// Ion signals of a mass spectrometer coupled to a thermobalance (evolved-
/// gas analysis): one time series per channel, each named by its species or
/// its m/z.
public struct MassSpectrometerTrace: Sendable {
  /// One channel of the spectrometer.
  public struct Channel: Sendable {
    /// The name the file gives ("Water", "14").
    public var label: String
    /// The m/z the channel follows, from the label (a number, or the usual
    /// ion of a named gas: water 18, nitrogen/CO 28, oxygen 32, argon 40,
    /// CO2 44); nil when the label names neither.
    public var massToCharge: Int?
    /// Time since the start of the measurement, s.
    public var timeSeconds: [Double]
    /// The signal: partial pressure in mbar or ion current in A, as `unit` says.
    public var signal: [Double]
    /// Unit of `signal` ("mbar" or "A").
    public var unit: String
  }

  /// The channels in file order.
  public var channels: [Channel]
  /// The start time as the file writes it (dd/mm/yyyy hh:mm:ss), when given.
  public var start: String?
  /// The format read.
  public var format: String

  /// The m/z of the usual ion of named gases in Quadera exports.
  static let namedGases: [String: Int] = [
    "water": 18, "nitrogen/carbonmonoxide": 28, "nitrogen": 28, "carbonmonoxide": 28,
    "oxygen": 32, "argon": 40, "carbondioxide": 44, "methanol": 31, "hydrogen": 2,
  ]
}

/// Pfeiffer Vacuum Quadera ASCII exports (`.asc`): a key–tab–value header
/// (`Sourcefile … .qmp`, `Exporttime`, `Start Time`, `End Time`), a line of
/// channel names above a line of column names, then one triple per channel
/// on every row: `Time` (dd/mm/yyyy hh:mm:ss), `Time Relative [s]` and
/// `Partial Pressure [mbar]` or `Ion Current [A]`. The last row may stop
/// short for some channels.
public enum PfeifferQuaderaASCII {
  /// Whether the text starts as a Quadera export does.
  public static func recognises(_ head: String) -> Bool {
    head.hasPrefix("Sourcefile") && (head.contains(".qmp") || head.contains("Exporttime"))
  }

  /// Reads the bytes of a file named `source`.
  public static func read(_ data: Data, source: String) throws(ThermalError) -> MassSpectrometerTrace {
    let text = TextDecoding.decode(data)
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
      $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
    guard recognises(String(text.prefix(512))) else {
      throw .malformed(file: source, line: 1, expected: "'Sourcefile' and a .qmp name (Pfeiffer Quadera)")
    }
    guard let columnLine = lines.prefix(60).firstIndex(where: { $0.hasPrefix("Time\tTime Relative") }),
      columnLine > 0
    else {
      throw .malformed(
        file: source, line: 1, expected: "a column line 'Time, Time Relative [s], …' in the first 60 lines")
    }
    let columns = lines[columnLine].split(separator: "\t", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    let names = lines[columnLine - 1].split(separator: "\t", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    let count = columns.count / 3
    guard count >= 1 else {
      throw .malformed(file: source, line: columnLine + 1, expected: "column triples (Time, Time Relative, signal)")
    }
    var channels: [MassSpectrometerTrace.Channel] = []
    for c in 0..<count {
      let label = names.dropFirst(3 * c).prefix(3).first { !$0.isEmpty } ?? "channel \(c + 1)"
      let unitColumn = columns[3 * c + 2]
      let unit = unitColumn.contains("[mbar]") ? "mbar" : unitColumn.contains("[A]") ? "A" : unitColumn
      let mz = Int(label) ?? MassSpectrometerTrace.namedGases[label.lowercased()]
      channels.append(.init(label: label, massToCharge: mz, timeSeconds: [], signal: [], unit: unit))
    }
    for n in (columnLine + 1)..<lines.count where !lines[n].isEmpty {
      let fields = lines[n].split(separator: "\t", omittingEmptySubsequences: false)
      for c in 0..<count where 3 * c + 2 < fields.count {
        let t = fields[3 * c + 1].trimmingCharacters(in: .whitespaces)
        let y = fields[3 * c + 2].trimmingCharacters(in: .whitespaces)
        if t.isEmpty && y.isEmpty { continue }
        guard let time = Double(t), let value = Double(y), time.isFinite, value.isFinite else {
          throw .malformed(
            file: source, line: n + 1,
            expected: "a relative time (s) and a signal for \(channels[c].label) in columns \(3 * c + 2)–\(3 * c + 3)")
        }
        channels[c].timeSeconds.append(time)
        channels[c].signal.append(value)
      }
    }
    guard channels.contains(where: { $0.timeSeconds.count >= 2 }) else {
      throw .tooFewPoints(format: "Pfeiffer Quadera .asc", points: channels.map(\.timeSeconds.count).max() ?? 0)
    }
    let start = lines.prefix(columnLine).first { $0.hasPrefix("Start Time") }
      .map { $0.dropFirst("Start Time".count).trimmingCharacters(in: .whitespaces) }
    return MassSpectrometerTrace(channels: channels, start: start, format: "Pfeiffer Quadera .asc")
  }
}
