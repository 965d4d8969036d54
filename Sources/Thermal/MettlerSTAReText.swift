import Foundation
import IonicsCore

/// Mettler Toledo STARe text exports: a free-text header ("SampleID:" with
/// the name and mass on the next line), then for each curve a "Curve:"
/// line, a fixed-width table header (`Index t Ts Tr Value`), a unit row
/// (`[s] [°C] [°C] [mg]`) and the rows. The first curve in mg (or %) is the TGA;
/// others (a DSC curve in mW) are noted and left out. Ts is the sample
/// temperature, Tr the reference (programme) temperature.
enum MettlerSTAReText {
  static let format = "Mettler Toledo STARe text"

  static func recognises(_ head: Data) -> Bool {
    containsBytes(head, "STARe")
      || (containsBytes(head, "Curve:") && containsBytes(head, "Index")
        && containsBytes(head, "Value"))
  }

  static func read(_ text: String, source: String) throws(ThermalError) -> ThermogravimetricRun {
    let lines = splitLines(text)
    var metadata = ThermogravimetricRun.Metadata()
    var notes: [Diagnostic] = []
    var found: (names: [String], units: [String], rows: [[Double]])?
    var index = 0
    func next(after key: String, at i: Int) -> String? {
      // Keys end in a colon; anything else is passed over without making a String.
      guard lines[i].utf8.last == 58, lines[i].trimmingCharacters(in: .whitespaces) == key,
        i + 1 < lines.count
      else {
        return nil
      }
      return lines[i + 1].trimmingCharacters(in: .whitespaces)
    }
    while index < lines.count {
      if let sample = next(after: "SampleID:", at: index), metadata.sample == nil {
        let parts = sample.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        metadata.sample = parts.first
        if let mass = parts.last, mass.hasSuffix("mg") {
          metadata.sampleMassMilligrams = Double(
            mass.dropLast(2).trimmingCharacters(in: .whitespaces).replacingOccurrences(
              of: ",", with: "."))
        }
      }
      if let file = next(after: "FileName:", at: index), metadata.date == nil {
        metadata.date = file.split(separator: ",").dropFirst().first.map {
          $0.trimmingCharacters(in: .whitespaces)
        }
      }
      if let method = next(after: "Method:", at: index), metadata.programme.isEmpty,
        !method.isEmpty
      {
        metadata.programme = [method]
      }
      guard lines[index].utf8.last == 58,
        lines[index].trimmingCharacters(in: .whitespaces) == "Curve:", index + 2 < lines.count
      else {
        index += 1
        continue
      }
      let names = splitFields(lines[index + 1], on: nil).map(String.init)
      let units = splitFields(lines[index + 2], on: nil).map(String.init)
      guard names.count >= 3, units.count == names.count - 1 || units.count == names.count else {
        throw .malformed(
          file: source, line: index + 2, expected: "a table header and a unit row after 'Curve:'")
      }
      var rows: [[Double]] = []
      var i = index + 3
      while i < lines.count {
        let fields = splitFields(lines[i], on: nil)
        if fields.isEmpty { break }
        let values = fields.map { parseNumber($0, decimalComma: false) }
        guard values.count == names.count, values.allSatisfy({ $0 != nil }) else {
          if values.first.flatMap({ $0 }) != nil && values.count != names.count {
            throw .malformed(file: source, line: i + 1, expected: "\(names.count) numbers")
          }
          break
        }
        rows.append(values.compactMap { $0 })
        i += 1
      }
      // Units line up with the names after Index (which has none).
      let offset = names.count - units.count
      let unitOf = { (k: Int) in k >= offset ? units[k - offset] : "" }
      if let value = names.firstIndex(of: "Value"), ["[mg]", "[%]"].contains(unitOf(value)) {
        if found == nil {
          found = (names, (0..<names.count).map(unitOf), rows)
        }
      } else if let value = names.firstIndex(of: "Value") {
        notes.append(
          .note(
            "nonMassCurveSkipped",
            "a curve in \(unitOf(value)) (line \(index + 1)) is not a mass and was left out"))
      }
      index = i
    }
    guard let table = found else {
      throw .malformed(
        file: source, line: lines.count, expected: "a 'Curve:' table with Value in [mg]")
    }
    guard let t = table.names.firstIndex(of: "t"), let ts = table.names.firstIndex(of: "Ts"),
      let value = table.names.firstIndex(of: "Value")
    else {
      throw .malformed(file: source, line: 0, expected: "columns t, Ts and Value")
    }
    let timeScale = table.units[t] == "[min]" ? 1.0 : 1.0 / 60
    var others: [String: [Double]] = [:]
    if let tr = table.names.firstIndex(of: "Tr") { others["Tr"] = table.rows.map { $0[tr] } }
    let inPercent = table.units[value] == "[%]"
    return try ThermogravimetricRun(
      timeMinutes: table.rows.map { $0[t] * timeScale },
      temperatureCelsius: table.rows.map { $0[ts] },
      massMilligrams: inPercent ? nil : table.rows.map { $0[value] },
      massPercent: inPercent ? table.rows.map { $0[value] } : nil, metadata: metadata,
      format: format, notes: notes, otherColumns: others)
  }
}
