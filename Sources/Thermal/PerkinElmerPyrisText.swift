import Foundation
import IonicsCore

/// PerkinElmer Pyris text exports: "Key:\tvalue" header lines (Sample ID,
/// Data Collected, Sample Weight), the method steps, then one block per
/// step: a title line "N) TGA Isothermal" or "N) TGA Temperature Scan",
/// two header lines (in the first block only) and tab-separated rows of time (min), unsubtracted
/// weight (mg), baseline weight (mg), programme and sample temperatures
/// (°C) and the purge flows. The mass is the unsubtracted weight minus the
/// baseline weight; each block is a segment.
enum PerkinElmerPyrisText {
  static let format = "PerkinElmer Pyris text"

  static func recognises(_ head: Data) -> Bool {
    containsBytes(head, "Unsubtracted")
      && (containsBytes(head, ") TGA ") || containsBytes(head, "Pyris"))
  }

  static func read(_ text: String, source: String) throws(ThermalError) -> ThermogravimetricRun {
    let lines = splitLines(text)
    var metadata = ThermogravimetricRun.Metadata()
    var time: [Double] = []
    var mass: [Double] = []
    var temperature: [Double] = []
    var programme: [Double] = []
    var segments: [ThermogravimetricRun.Segment] = []
    var i = 0
    func value(_ line: Substring, _ key: String) -> String? {
      guard line.hasPrefix(key) else { return nil }
      return line.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
    }
    while i < lines.count {
      let line = lines[i]
      if let v = value(line, "Sample ID:") { metadata.sample = v }
      if let v = value(line, "Data Collected:") { metadata.date = v }
      if let v = value(line, "Sample Weight:") {
        metadata.sampleMassMilligrams = Double(
          v.replacingOccurrences(of: "mg", with: "").trimmingCharacters(in: .whitespaces))
      }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if let close = trimmed.firstIndex(of: ")"), trimmed[..<close].allSatisfy(\.isNumber),
        !trimmed[..<close].isEmpty
      {
        let rest = trimmed[trimmed.index(after: close)...].trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("TGA ") {
          // A data block: (the first has two header lines) rows until a blank line.
          let first = time.count
          var j = i + 1
          while j < i + 3, j < lines.count,
            splitFields(lines[j], on: 9).first(where: { !isBlank($0) }).map({
              parseNumber($0, decimalComma: false) == nil
            }) ?? false
          {
            j += 1
          }
          while j < lines.count {
            let fields = splitFields(lines[j], on: 9).filter { !isBlank($0) }
            if fields.isEmpty { break }
            let numbers = fields.map { parseNumber($0, decimalComma: false) }
            guard numbers.count >= 5, numbers.allSatisfy({ $0 != nil }) else {
              if numbers.first.flatMap({ $0 }) == nil { break }
              throw .malformed(
                file: source, line: j + 1,
                expected: "7 tab-separated numbers (time, weights, temperatures, flows)")
            }
            let v = numbers.compactMap { $0 }
            time.append(v[0])
            mass.append(v[1] - v[2])
            programme.append(v[3])
            temperature.append(v[4])
            j += 1
          }
          if time.count > first {
            segments.append(
              .named(
                trimmed, first: first, last: time.count - 1, time: time, temperature: programme))
          }
          i = j
          continue
        } else if !rest.isEmpty {
          metadata.programme.append(rest)
          if metadata.atmosphere == nil, i + 1 < lines.count,
            let gas = lines[i + 1].range(of: "Switch the Gas to ")
          {
            metadata.atmosphere = String(lines[i + 1][gas.upperBound...])
              .trimmingCharacters(in: .whitespaces)
          }
        }
      }
      if metadata.atmosphere == nil, let gas = line.range(of: "Switch the Gas to ") {
        metadata.atmosphere = String(line[gas.upperBound...]).trimmingCharacters(in: .whitespaces)
      }
      i += 1
    }
    guard !time.isEmpty else {
      throw .malformed(
        file: source, line: lines.count, expected: "a block 'N) TGA …' with data rows")
    }
    return try ThermogravimetricRun(
      timeMinutes: time, temperatureCelsius: temperature, massMilligrams: mass, massPercent: nil,
      metadata: metadata, format: format, segments: segments,
      otherColumns: ["Program Temperature": programme])
  }
}
