import Foundation
import IonicsCore

/// TA Instruments Universal Analysis text exports (usually UTF-16 with a
/// byte-order mark): "key<tab>value" header lines, "SigN<tab>Name (unit)"
/// naming the columns, "Size<tab>20.8210<tab>mg", then "StartOfData" and
/// tab-separated rows. The instrument writes sentinel rows with a negative
/// time at both ends (−3 first, −1 last); they are left out.
enum TAUniversalText {
  static let format = "TA Instruments Universal Analysis text"

  static func recognises(_ head: Data) -> Bool {
    containsBytes(head, "StartOfData") && containsBytes(head, "Sig1")
  }

  static func read(_ text: String, source: String) throws(ThermalError) -> ThermogravimetricRun {
    let lines = splitLines(text)
    var metadata = ThermogravimetricRun.Metadata()
    var signals: [Int: String] = [:]
    var dateParts: [String] = []
    var start: Int?
    for (i, line) in lines.enumerated() {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard let key = fields.first else { continue }
      if key == "StartOfData" {
        start = i + 1
        break
      }
      let value = fields.dropFirst().joined(separator: " ").trimmingCharacters(in: .whitespaces)
      switch key {
      case "Sample": metadata.sample = value
      case "Instrument": metadata.instrument = value
      case "Date", "Time": dateParts.append(value)
      case "Size":
        metadata.sampleMassMilligrams = fields.count > 1 ? Double(fields[1]) : nil
      case "OrgMethod": metadata.programme.append(value)
      case "Xcomment" where value.hasPrefix("Sample Gas:"):
        metadata.atmosphere = String(value.dropFirst("Sample Gas:".count))
          .trimmingCharacters(in: .whitespaces)
      default:
        if key.hasPrefix("Sig"), let n = Int(key.dropFirst(3)) { signals[n] = value }
      }
    }
    metadata.date = dateParts.isEmpty ? nil : dateParts.joined(separator: " ")
    guard let first = start else {
      throw .malformed(file: source, line: lines.count, expected: "a 'StartOfData' line")
    }
    let names = (1...max(signals.keys.max() ?? 0, 1)).map { signals[$0] ?? "" }
    func column(_ prefix: String) -> Int? { names.firstIndex { $0.hasPrefix(prefix) } }
    guard let time = column("Time"), let temperature = column("Temperature"),
      let weight = column("Weight")
    else {
      throw .malformed(
        file: source, line: first,
        expected: "signals named Time, Temperature and Weight (Sig1, Sig2, …) in the header")
    }
    var rows: [[Double]] = []
    var sentinels = 0
    for i in first..<lines.count {
      let fields = splitFields(lines[i], on: 9)
      if fields.isEmpty || fields.allSatisfy(isBlank) { continue }
      let values = fields.map { parseNumber($0, decimalComma: false) }
      guard values.count >= names.count, values.allSatisfy({ $0 != nil }) else {
        throw .malformed(
          file: source, line: i + 1, expected: "\(names.count) tab-separated numbers")
      }
      let v = values.compactMap { $0 }
      if v[time] < 0 {
        sentinels += 1
        continue
      }
      rows.append(v)
    }
    var notes: [Diagnostic] = []
    if sentinels > 0 {
      notes.append(
        .note("sentinelRowsSkipped", "\(sentinels) sentinel rows (negative time) left out"))
    }
    let inPercent = names[weight].contains("%")
    let timeScale = names[time].contains("(s)") ? 1.0 / 60 : 1
    var others: [String: [Double]] = [:]
    for (k, name) in names.enumerated() where ![time, temperature, weight].contains(k) {
      others[name] = rows.map { $0[k] }
    }
    return try ThermogravimetricRun(
      timeMinutes: rows.map { $0[time] * timeScale },
      temperatureCelsius: rows.map { $0[temperature] },
      massMilligrams: inPercent ? nil : rows.map { $0[weight] },
      massPercent: inPercent ? rows.map { $0[weight] } : nil, metadata: metadata, format: format,
      notes: notes, otherColumns: others)
  }
}
