import Foundation
import IonicsCore

/// Any delimited text through a column mapping: which header names hold
/// time, temperature and mass. Exports written in blocks (a title line,
/// the header and a units row again before each segment, as TRIOS text
/// exports do) read through as one run. The delimiter (comma, semicolon, tab) is the
/// one the header line uses most; a decimal comma is accepted when the
/// delimiter is not a comma. Units come from the header ("Time (s)",
/// "Mass/%", "Weight [mg]") unless given.
public struct ColumnMapping: Sendable, Equatable {
  /// Header name (or its start, case-insensitive) of the time column.
  public var time: String
  /// The same for the sample temperature.
  public var temperature: String
  /// The same for the mass.
  public var mass: String
  /// Initial sample mass, mg, when the mass is in mg and the file has none.
  public var sampleMassMilligrams: Double?

  /// A mapping from "time=…,temperature=…,mass=…" (kept for the tests;
  /// the command line parses its own `--columns`).
  package init(parsing text: String) throws(ThermalError) {
    var found: [String: String] = [:]
    for item in text.split(separator: ",") {
      let parts = item.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard parts.count == 2, ["time", "temperature", "mass"].contains(parts[0].lowercased()),
        !parts[1].isEmpty
      else {
        throw .badInput(
          "column mapping '\(item)': expected time=NAME, temperature=NAME or mass=NAME")
      }
      found[parts[0].lowercased()] = parts[1]
    }
    guard let t = found["time"], let c = found["temperature"], let m = found["mass"] else {
      throw .badInput("a column mapping needs time=…, temperature=… and mass=…")
    }
    self.init(time: t, temperature: c, mass: m)
  }

  /// A mapping from the three names.
  public init(time: String, temperature: String, mass: String, sampleMassMilligrams: Double? = nil)
  {
    self.time = time
    self.temperature = temperature
    self.mass = mass
    self.sampleMassMilligrams = sampleMassMilligrams
  }
}

enum ColumnMappedCSV {
  static let format = "delimited text (column mapping)"

  static func read(_ text: String, mapping: ColumnMapping, source: String) throws(ThermalError)
    -> ThermogravimetricRun
  {
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    // The header: the first line that names all three columns.
    func matches(_ name: String, _ wanted: String) -> Bool {
      name.lowercased().hasPrefix(wanted.lowercased())
    }
    var headerIndex: Int?
    var delimiter: Character = ","
    var names: [String] = []
    for (i, line) in lines.prefix(200).enumerated() {
      let counts: [(Character, Int)] = [",", ";", "\t"].map { d in
        (d, line.filter { $0 == d }.count)
      }
      guard let best = counts.max(by: { $0.1 < $1.1 }), best.1 > 0 else { continue }
      let fields = line.split(separator: best.0, omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(
          in: CharacterSet(charactersIn: "\""))
      }
      if [mapping.time, mapping.temperature, mapping.mass].allSatisfy({ wanted in
        fields.contains { matches($0, wanted) }
      }) {
        headerIndex = i
        delimiter = best.0
        names = fields
        break
      }
    }
    guard let header = headerIndex else {
      throw .malformed(
        file: source, line: 1,
        expected:
          "a header line naming '\(mapping.time)', '\(mapping.temperature)' and '\(mapping.mass)'")
    }
    guard let t = names.firstIndex(where: { matches($0, mapping.time) }),
      let c = names.firstIndex(where: { matches($0, mapping.temperature) }),
      let m = names.firstIndex(where: { matches($0, mapping.mass) })
    else {
      throw .malformed(file: source, line: header + 1, expected: "the mapped columns")
    }
    let decimalComma = delimiter != ","
    var time: [Double] = []
    var temperature: [Double] = []
    var mass: [Double] = []
    for i in (header + 1)..<lines.count {
      let line = lines[i]
      if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      let fields = line.split(separator: delimiter, omittingEmptySubsequences: false)
      func number(_ k: Int) -> Double? {
        guard k < fields.count else { return nil }
        var s = fields[k].trimmingCharacters(in: .whitespaces)
        if decimalComma { s = s.replacingOccurrences(of: ",", with: ".") }
        return Double(s)
      }
      // Lines between blocks are passed over: a title or section marker (one
      // field), the header again, a units row (no number at all).
      let texts = fields.map { $0.trimmingCharacters(in: .whitespaces) }
      if fields.count < 2 || texts == names || fields.indices.allSatisfy({ number($0) == nil }) {
        continue
      }
      guard let x = number(t), let y = number(c), let z = number(m) else {
        throw .malformed(
          file: source, line: i + 1,
          expected: "numbers in columns \(t + 1), \(c + 1) and \(m + 1) ('\(delimiter)'-separated)")
      }
      time.append(x)
      temperature.append(y)
      mass.append(z)
    }
    let timeName = names[t].lowercased()
    let inSeconds = timeName.contains("(s)") || timeName.contains("[s]") || timeName.hasSuffix("/s")
    let massName = names[m].lowercased()
    let inPercent = massName.contains("%")
    var metadata = ThermogravimetricRun.Metadata()
    metadata.sampleMassMilligrams = mapping.sampleMassMilligrams
    return try ThermogravimetricRun(
      timeMinutes: inSeconds ? time.map { $0 / 60 } : time, temperatureCelsius: temperature,
      massMilligrams: inPercent ? nil : mass, massPercent: inPercent ? mass : nil,
      metadata: metadata, format: format)
  }
}

extension ThermogravimetricFile {
  /// A delimited text read through `mapping`.
  public static func read(_ data: Data, mapping: ColumnMapping, source: String) throws(ThermalError)
    -> ThermogravimetricRun
  {
    try ColumnMappedCSV.read(TextDecoding.decode(data), mapping: mapping, source: source)
  }
}
