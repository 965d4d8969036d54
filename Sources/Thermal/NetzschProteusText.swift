import Foundation
import IonicsCore

/// NETZSCH Proteus ASCII exports: `#KEY:value` header lines, a `##` line
/// naming the columns ("Temp./°C;Time/min;Mass/%"), then one row per point,
/// separated as `#SEPARATOR` says (semicolon by default) with the decimal
/// mark of `#DECIMAL`. The degree sign may be ANSI (0xB0) or OEM (0x9B),
/// so columns are matched by the start of their names. Extra columns (DSC,
/// gas flows, segment) are kept by name.
enum NetzschProteusText {
  static let format = "NETZSCH Proteus ASCII"

  static func recognises(_ head: Data) -> Bool {
    head.starts(with: Array("#EXPORTTYPE".utf8)) || containsBytes(head, "#FORMAT:NETZSCH")
      || (head.first == 35 && containsBytes(head, "\n##Temp"))
  }

  static func read(_ text: String, source: String) throws(ThermalError) -> ThermogravimetricRun {
    var header: [String: String] = [:]
    var columns: [String]?
    var rows: [[Double]] = []
    var separator: Character = ";"
    var decimalComma = false
    var notes: [Diagnostic] = []
    let lines = splitLines(text)
    for (index, raw) in lines.enumerated() {
      if isBlank(raw) { continue }
      // Data rows (the bulk) are read on bytes; header lines as text.
      if columns != nil, let first = raw.utf8.first(where: { $0 != 32 }), first != 35 {
        let fields = splitFields(raw, on: separator.asciiValue)
        let values = fields.map { parseNumber($0, decimalComma: decimalComma) }
        if let names = columns, values.count >= names.count, values.allSatisfy({ $0 != nil }) {
          rows.append(values.compactMap { $0 })
          continue
        }
      }
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("##") {
        // One column line: a second one after data would leave the rows
        // read so far shorter than its names.
        guard rows.isEmpty else {
          throw .malformed(
            file: source, line: index + 1, expected: "data rows, not a second '##' column line")
        }
        let names = line.dropFirst(2).split(separator: separator, omittingEmptySubsequences: false)
        columns = names.map { $0.trimmingCharacters(in: .whitespaces) }
        continue
      }
      if line.hasPrefix("#") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        let key = line[line.index(after: line.startIndex)..<colon].uppercased()
        let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        header[key] = value
        if key == "SEPARATOR" {
          separator =
            value.uppercased().hasPrefix("COMMA")
            ? "," : value.uppercased().hasPrefix("TAB") ? "\t" : ";"
        }
        if key == "DECIMAL" { decimalComma = value.uppercased().hasPrefix("COMMA") }
        continue
      }
      guard let names = columns else {
        throw .malformed(
          file: source, line: index + 1, expected: "a '##' line naming the columns before the data")
      }
      let fields = line.split(separator: separator, omittingEmptySubsequences: false)
      let values = fields.map { parseNumber($0, decimalComma: decimalComma) }
      if values.count < names.count || values.contains(where: { $0 == nil }) {
        // A run cut off while writing: its last line is short; stop there.
        if index == lines.count - 1
          || lines[(index + 1)...].allSatisfy({
            $0.trimmingCharacters(in: .whitespaces).isEmpty
          })
        {
          notes.append(
            .warning(
              "lastLineIncomplete", "the last line (\(index + 1)) is incomplete and was left out"))
          break
        }
        throw .malformed(
          file: source, line: index + 1,
          expected: "\(names.count) numbers separated by '\(separator)'")
      }
      rows.append(values.compactMap { $0 })
    }
    guard let names = columns else {
      throw .malformed(file: source, line: lines.count, expected: "a '##' line naming the columns")
    }
    func column(_ prefixes: [String]) -> Int? {
      names.firstIndex { name in prefixes.contains { name.lowercased().hasPrefix($0) } }
    }
    guard let t = column(["temp"]) else {
      throw .malformed(file: source, line: 0, expected: "a 'Temp./°C' column")
    }
    guard let time = column(["time"]) else {
      throw .malformed(file: source, line: 0, expected: "a 'Time/min' column")
    }
    guard let mass = column(["mass", "tg/"]) else {
      throw .malformed(file: source, line: 0, expected: "a 'Mass/%' or 'Mass/mg' column")
    }
    let timeScale = names[time].lowercased().hasSuffix("/s") ? 1.0 / 60 : 1
    let temperatureOffset = names[t].uppercased().hasSuffix("/K") ? -PhysicalConstants.zeroCelsiusInKelvin : 0
    let inPercent = names[mass].contains("%")
    var metadata = ThermogravimetricRun.Metadata()
    metadata.sample = header["SAMPLE"] ?? header["IDENTITY"]
    metadata.sampleMassMilligrams = header["SAMPLE MASS /MG"].flatMap {
      Double($0.replacingOccurrences(of: ",", with: "."))
    }
    metadata.instrument = header["INSTRUMENT"]
    metadata.date = header["DATE/TIME"]
    metadata.atmosphere = header["PURGE 1 MFC"] ?? header["PURGE 2 MFC"] ?? header["ATMOSPHERE"]
    metadata.programme = header.keys.filter { $0.hasPrefix("SEG. ") }.sorted().compactMap {
      header[$0].map { "\($0)" }
    }
    if let first = header["SEG. 1"] ?? header["RANGE"] {
      metadata.heatingRateKelvinPerMinute = Self.rate(in: first)
    }
    var others: [String: [Double]] = [:]
    for (k, name) in names.enumerated() where ![t, time, mass].contains(k) {
      others[name] = rows.map { $0[k] }
    }
    return try ThermogravimetricRun(
      timeMinutes: rows.map { $0[time] * timeScale },
      temperatureCelsius: rows.map { $0[t] + temperatureOffset },
      massMilligrams: inPercent ? nil : rows.map { $0[mass] },
      massPercent: inPercent ? rows.map { $0[mass] } : nil, metadata: metadata,
      format: format, notes: notes, otherColumns: others)
  }

  /// The rate in a segment text such as "30°C/5.0(K/min)/700°C", K/min.
  static func rate(in text: String) -> Double? {
    guard let range = text.range(of: "(K/min)") else { return nil }
    let before = text[..<range.lowerBound]
    let number = before.reversed().prefix { $0.isNumber || $0 == "." || $0 == "," }
    return Double(String(number.reversed()).replacingOccurrences(of: ",", with: "."))
  }
}
