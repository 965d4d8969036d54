import Foundation
import IonicsCore

/// TA Instruments TRIOS Excel exports (.xls): a "Details" sheet of key and
/// value rows (sample name and mass, instrument, run date as an Excel day
/// number, procedure), then one sheet per segment: its title in the first
/// row, column names ("Time, Temperature, Weight, Weight") and units
/// ("min, °C, mg, %") in the next two, data below. The % column is TA's
/// own, and is used as the mass %.
enum TATRIOSWorkbook {
  static let format = "TA Instruments TRIOS workbook (.xls)"

  static func read(_ data: Data, source: String) throws(ThermalError) -> ThermogravimetricRun {
    let workbook: ExcelBinaryWorkbook
    do {
      workbook = try ExcelBinaryWorkbook(data)
    } catch {
      throw .malformed(file: source, line: 0, expected: "\(error.expected) at byte \(error.offset)")
    }
    var metadata = ThermogravimetricRun.Metadata()
    var time: [Double] = []
    var temperature: [Double] = []
    var milligrams: [Double] = []
    var percent: [Double] = []
    var segments: [ThermogravimetricRun.Segment] = []
    for sheet in workbook.sheets {
      if sheet.name == "Details" {
        var details: [String: ExcelBinaryWorkbook.Cell] = [:]
        for r in 0...max(sheet.lastRow, 0) {
          let row = sheet.row(r)
          if row.count >= 2, let key = row[0]?.text, let value = row[1] { details[key] = value }
        }
        metadata.sample = (details["Sample Name"] ?? details["Sample name"])?.text
        metadata.instrument = (details["Instrument Type"] ?? details["Instrument name"])?.text
        if let mass = details["Sample Mass"]?.text {
          metadata.sampleMassMilligrams = Double(
            mass.replacingOccurrences(of: "mg", with: "").trimmingCharacters(in: .whitespaces))
        }
        if let day = (details["Run date"] ?? details["rundate"])?.number {
          // Excel counts days from 1899-12-30.
          let date = Date(timeIntervalSince1970: (day - 25_569) * 86_400)
          let formatter = ISO8601DateFormatter()
          formatter.timeZone = TimeZone(identifier: "UTC")
          metadata.date = formatter.string(from: date)
        }
        if let procedure = details["proceduresegments"]?.text {
          metadata.programme = procedure.components(separatedBy: "; ")
        }
        metadata.atmosphere = details["Gas 1"]?.text
        continue
      }
      let names = sheet.row(1).map { $0?.text ?? "" }
      let units = sheet.row(2).map { $0?.text ?? "" }
      guard let t = names.firstIndex(of: "Time"), let c = names.firstIndex(of: "Temperature")
      else { continue }
      let mg = names.indices.first {
        names[$0] == "Weight" && $0 < units.count && units[$0] == "mg"
      }
      let pc = names.indices.first { names[$0] == "Weight" && $0 < units.count && units[$0] == "%" }
      guard mg != nil || pc != nil else {
        throw .malformed(
          file: source, line: 3, expected: "a Weight column in mg or % on sheet '\(sheet.name)'")
      }
      let timeScale = t < units.count && units[t] == "s" ? 1.0 / 60 : 1
      let first = time.count
      for r in 3...max(sheet.lastRow, 3) {
        let row = sheet.row(r)
        guard row.count > max(t, c), let x = row[t]?.number, let y = row[c]?.number else {
          continue
        }
        time.append(x * timeScale)
        temperature.append(y)
        milligrams.append(mg.flatMap { $0 < row.count ? row[$0]?.number : nil } ?? .nan)
        percent.append(pc.flatMap { $0 < row.count ? row[$0]?.number : nil } ?? .nan)
      }
      guard time.count > first else { continue }
      let title = sheet.row(0).first.flatMap { $0?.text } ?? sheet.name
      segments.append(
        .named(title, first: first, last: time.count - 1, time: time, temperature: temperature))
    }
    guard !time.isEmpty else {
      throw .malformed(
        file: source, line: 0, expected: "segment sheets with Time, Temperature and Weight")
    }
    let hasPercent = percent.allSatisfy { !$0.isNaN }
    let hasMilligrams = milligrams.allSatisfy { !$0.isNaN }
    return try ThermogravimetricRun(
      timeMinutes: time, temperatureCelsius: temperature,
      massMilligrams: hasMilligrams ? milligrams : nil, massPercent: hasPercent ? percent : nil,
      metadata: metadata, format: format, segments: segments)
  }
}
