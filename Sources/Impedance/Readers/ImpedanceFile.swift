import Foundation
import IonicsCore

/// Reads impedance spectra from instrument files, recognising the format
/// from the content (not the extension): BioLogic EC-Lab `.mpt` and `.mpr`,
/// Zahner `.ism`, Gamry `.DTA`, Scribner ZPlot/ZView `.z` (both dialects), and every text
/// table that ``TabularSpectrumReader`` understands (Autolab, Parstat,
/// PowerSuite, VersaStudio `.par`, CH Instruments, Novocontrol-style, CSV).
public enum ImpedanceFile {
  /// Reads the file at `url`.
  public static func read(contentsOf url: URL) throws -> [ImpedanceSpectrum] {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ImpedanceReadError.unknownFormat(
        source: url.path, "cannot open the file (\(error.localizedDescription))")
    }
    return try read(data, source: url.lastPathComponent)
  }

  /// Reads spectra from the bytes of a file named `source`.
  public static func read(_ data: Data, source: String) throws -> [ImpedanceSpectrum] {
    if data.starts(with: Array("BIO-LOGIC MODULAR FILE".utf8)) {
      return try BioLogicMPR.read(data, source: source)
    }
    if let first = data.first(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }),
      first == UInt8(ascii: "{")
    {
      return try TableJSONReader.read(data, source: source)
    }
    if SpreadsheetXLSX.isWorkbook(data) { return try readWorkbook(data, source: source) }
    if ZahnerISM.plausiblePointCount(data) != nil {
      return try ZahnerISM.read(data, source: source)
    }
    let text = TextDecoding.decode(data)
    let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }.trimmingCharacters(in: .whitespaces)
    if firstLine.hasPrefix("EC-Lab ASCII FILE") { return try readMPT(text, source: source) }
    if firstLine.hasPrefix("EXPLAIN") { return try readGamry(text, source: source) }
    if firstLine.hasPrefix("ZPLOT2 ASCII") { return try readZPlot2(text, source: source) }
    if firstLine.hasPrefix("VERSION") { return try AutolabDFR.read(text, source: source) }
    if containsBytes(data, "\nprimary_data") {
      return try readIvium(text, source: source)
    }
    // Binary data that none of the formats above took is not a text
    // table either: refused at once instead of searched line by line.
    let head = data.prefix(4096)
    if !(head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])), head.contains(0) {
      let magic = head.prefix(8).map { String(format: "%02X", $0) }.joined(separator: " ")
      throw ImpedanceReadError.unknownFormat(
        source: source, "binary data (first bytes \(magic)) in no impedance format Ionics reads")
    }
    var reader = TabularSpectrumReader(
      text: text, source: source, format: formatName(firstLine: firstLine, source: source))
    // Header keys are looked for in the head of the file, not in megabytes of rows.
    reader.metadata.amplitude = headerValue(
      in: String(text.prefix(headSearchLength)), after: "AC Volt  [Vrms]="
    ).map { "\($0) V rms" }
    readNovocontrolHeader(text, firstLine: firstLine, into: &reader.metadata)
    return try reader.read()
  }

  /// An .xlsx workbook holding an impedance table: its first sheet whose
  /// rows name a frequency column, read as a tab-separated text table.
  static func readWorkbook(_ data: Data, source: String) throws -> [ImpedanceSpectrum] {
    let book: SpreadsheetXLSX
    do { book = try SpreadsheetXLSX(data, source: source) } catch {
      throw ImpedanceReadError.unknownFormat(source: source, "an .xlsx that cannot be opened: \(error)")
    }
    var lastProblem: Error?
    for sheet in book.sheetNames {
      let text = book.rows(sheet).map { $0.joined(separator: "\t") }.joined(separator: "\n")
      guard !text.isEmpty else { continue }
      do {
        let reader = TabularSpectrumReader(
          text: text, source: "\(source) [\(sheet)]", format: "Excel workbook (.xlsx)")
        return try reader.read()
      } catch {
        lastProblem = error
      }
    }
    throw lastProblem
      ?? ImpedanceReadError.unknownFormat(source: source, "an .xlsx without an impedance table")
  }

  /// Novocontrol-style headers: a first line naming the sample or run
  /// ("s04147-140deg") above "Fixed value(s)" or "Diameter[mm]" lines, and
  /// the sample's `Diameter[mm]` and `Thickness[mm]`.
  static func readNovocontrolHeader(
    _ text: String, firstLine: String, into metadata: inout SpectrumMetadata
  ) {
    let head = text.prefix(2000)
    guard head.contains("Fixed value(s)") || head.contains("Diameter[mm]") else { return }
    let isNumeric = firstLine.split(whereSeparator: { " \t,;".contains($0) }).allSatisfy {
      Double($0) != nil
    }
    if !firstLine.isEmpty, !isNumeric, !firstLine.hasPrefix("Fixed value"),
      !firstLine.hasPrefix("Diameter")
    {
      metadata.title = firstLine
    }
    func number(after key: String) -> Double? {
      headerValue(in: String(head), after: key).flatMap { Double($0) }.flatMap {
        $0 > 0 && $0.isFinite ? $0 : nil
      }
    }
    if let d = number(after: "Diameter[mm]:") {
      metadata.areaSquareCentimetres = Double.pi * (d / 20) * (d / 20)
    }
    metadata.thicknessMillimetres = number(after: "Thickness[mm]:")
  }

  static func formatName(firstLine: String, source: String) -> String {
    if firstLine.contains("ZPlotW Data File") { return "ZView .z (ZPlotW)" }
    if firstLine.contains("Z60W Data File") { return "ZView-style text (Autolab export)" }
    if source.lowercased().hasSuffix(".par") { return "VersaStudio .par" }
    return "text table"
  }

  /// How much of the start of a text file (characters) is searched for header keys.
  static let headSearchLength = 65_536

  /// The text after `key` on its line, up to the next run of spaces.
  static func headerValue(in text: String, after key: String) -> String? {
    guard let range = text.range(of: key) else { return nil }
    let rest = text[range.upperBound...].prefix { $0 != "\n" && $0 != "\r" }
    let value = rest.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(
      String.init)
    return value?.isEmpty == false ? value : nil
  }

  /// EC-Lab `.mpt`: "Nb header lines : N", the column names on line N.
  static func readMPT(_ text: String, source: String) throws -> [ImpedanceSpectrum] {
    var reader = TabularSpectrumReader(text: text, source: source, format: "BioLogic EC-Lab .mpt")
    guard let count = headerValue(in: text, after: "Nb header lines :").flatMap({ Int($0) }),
      count >= 1, count <= reader.lines.count
    else {
      throw ImpedanceReadError.unknownFormat(
        source: source, "EC-Lab file without a valid 'Nb header lines' line")
    }
    reader.headerLine = count - 1
    // The technique is the first non-empty line after the header count.
    // (A file of one or two lines has none: the range is clamped to the lines there are.)
    let upper = min(max(2, count - 1), reader.lines.count)
    if let line = reader.lines[min(2, upper)..<upper].first(where: {
      !$0.trimmingCharacters(in: .whitespaces).isEmpty
    }) {
      let technique = line.trimmingCharacters(in: .whitespaces)
      let abbreviations = [
        "Potentio Electrochemical Impedance Spectroscopy": "PEIS",
        "Galvano Electrochemical Impedance Spectroscopy": "GEIS",
      ]
      reader.metadata.technique = abbreviations[technique] ?? (technique.isEmpty ? nil : technique)
    }
    reader.metadata.device = headerValue(in: text, after: "Device :")
    reader.metadata.date = text.range(of: "Acquisition started on :").map {
      text[$0.upperBound...].prefix { $0 != "\n" && $0 != "\r" }.trimmingCharacters(
        in: .whitespaces)
    }
    if let va = lineValue(in: text, key: "Va (mV)") { reader.metadata.amplitude = "\(va) mV" }
    if let ia = lineValue(in: text, key: "Ia") {
      reader.metadata.amplitude = reader.metadata.amplitude ?? "\(ia) (current)"
    }
    if let area = headerValue(in: text, after: "Electrode surface area :").flatMap({
      Double($0.replacingOccurrences(of: ",", with: "."))
    }) {
      reader.metadata.areaSquareCentimetres = area
    }
    return try reader.read()
  }

  /// EC-Lab settings lines "Va (mV)             20.0": the first token after the key.
  static func lineValue(in text: String, key: String) -> String? {
    for line in text.split(separator: "\n").prefix(200) where line.hasPrefix(key + " ") {
      return line.dropFirst(key.count).split(separator: " ").first.map(String.init)
    }
    return nil
  }

  /// Gamry Framework `.DTA`: the table after "ZCURVE\tTABLE", a units row, then rows.
  static func readGamry(_ text: String, source: String) throws -> [ImpedanceSpectrum] {
    var reader = TabularSpectrumReader(text: text, source: source, format: "Gamry .DTA")
    guard let table = reader.lines.firstIndex(where: { $0.hasPrefix("ZCURVE") }) else {
      throw ImpedanceReadError.missingColumn(source: source, "ZCURVE table", found: [])
    }
    reader.headerLine = table + 1
    for line in reader.lines.prefix(table) {
      let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard parts.count >= 3 else { continue }
      switch parts[0] {
      case "TAG": reader.metadata.technique = parts[1]
      case "DATE": reader.metadata.date = parts[2] + (reader.metadata.date.map { " " + $0 } ?? "")
      case "TIME": reader.metadata.date = (reader.metadata.date.map { $0 + " " } ?? "") + parts[2]
      case "VAC": reader.metadata.amplitude = parts[2] + " mV rms"
      case "AREA":
        reader.metadata.areaSquareCentimetres = Double(
          parts[2].replacingOccurrences(of: ",", with: "."))
      case "PSTAT": reader.metadata.device = parts[2]
      default: break
      }
    }
    reader.metadata.temperatureCelsius = gamryTemperature(reader.lines)
    var spectra = try reader.read()
    if reader.lines.contains(where: { $0.hasPrefix("EXPERIMENTABORTED") }) {
      for k in spectra.indices {
        let last = spectra[k].frequencies.last.map { String(format: "%.4g Hz", $0) } ?? "?"
        spectra[k].metadata.notes.append(
          .warning("sweepAborted", "experiment aborted: the sweep stops at \(last)"))
      }
    }
    return spectra
  }

  /// The cell temperature a Gamry file recorded: the median of the `Temp`
  /// (deg C) column of its tables, ignoring the −327.67 that Gamry writes
  /// when no thermocouple is connected; nil when there is no such reading.
  static func gamryTemperature(_ lines: [Substring]) -> Double? {
    var readings: [Double] = []
    var column: Int?
    for line in lines {
      let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
      if line.contains("TABLE") {
        column = nil
        continue
      }
      if column == nil {
        if let k = parts.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "Temp" }),
          parts.first?.isEmpty == true
        {
          column = k
        }
        continue
      }
      guard let k = column, k < parts.count,
        let t = Double(parts[k].replacingOccurrences(of: ",", with: "."))
      else {
        // A units row or the end of the table.
        if let k = column, k < parts.count, parts[k] == "deg C" { continue }
        column = nil
        continue
      }
      if t > -PhysicalConstants.zeroCelsiusInKelvin && t < 2000 && abs(t + 327.67) > 1e-6 { readings.append(t) }
    }
    guard !readings.isEmpty else { return nil }
    let sorted = readings.sorted()
    return sorted[sorted.count / 2]
  }

  /// Ivium `.idf`/`.ids`: after "primary_data", a column count, a row count
  /// N, then N rows of Z′, Z″ (Im Z), f.
  static func readIvium(_ text: String, source: String) throws -> [ImpedanceSpectrum] {
    let lines = splitLines(text)
    guard let start = lines.firstIndex(where: { $0.hasPrefix("primary_data") }) else {
      throw ImpedanceReadError.missingColumn(source: source, "primary_data block", found: [])
    }
    // The counts follow on the same line or the next ones: the last lone integer before the rows is N.
    var index = start
    var counts: [Int] = lines[start].split(separator: " ").dropFirst().compactMap {
      Int($0.trimmingCharacters(in: .whitespaces))
    }
    while index + 1 < lines.count,
      let n = Int(lines[index + 1].trimmingCharacters(in: .whitespaces))
    {
      counts.append(n)
      index += 1
    }
    guard let rows = counts.last, rows > 0, index + 1 + rows <= lines.count else {
      throw ImpedanceReadError.truncated(
        source: source, offset: 0,
        expected: "a point count and that many rows after primary_data (line \(start + 1))")
    }
    // Rows mix spaces and tabs ("1.09E+02  -2.65E+01\t1.00E+04"): read them as white-space separated.
    let block = lines[(index + 1)...(index + rows)].joined(separator: "\n").replacingOccurrences(
      of: "\t", with: " ")
    var reader = TabularSpectrumReader(text: block, source: source, format: "Ivium .idf/.ids")
    reader.fixedColumns = (2, 0, 1)
    reader.metadata.imaginaryColumn = "Z'' (column 2 of primary_data)"
    if let range = text.range(of: "Technique=") {
      reader.metadata.technique = text[range.upperBound...].prefix { $0 != "\n" && $0 != "\r" }
        .trimmingCharacters(in: .whitespaces)
    }
    reader.metadata.date = headerValue(in: text, after: "starttime=")
    return try reader.read()
  }

  /// ZPlot ZPLOT2 ASCII `.z`: data after "End Comments", columns f, Ampl, Bias, Time, Z′, Z″, ….
  static func readZPlot2(_ text: String, source: String) throws -> [ImpedanceSpectrum] {
    var reader = TabularSpectrumReader(text: text, source: source, format: "ZPlot .z (ZPLOT2)")
    guard let end = reader.lines.firstIndex(where: { $0.hasPrefix("End Comments") }) else {
      throw ImpedanceReadError.unknownFormat(
        source: source, "ZPLOT2 file without an 'End Comments' line")
    }
    reader.firstCandidateLine = end + 1
    reader.fixedColumns = (0, 4, 5)
    reader.metadata.imaginaryColumn = "Z'' (column 6)"
    reader.metadata.date = headerValue(in: text, after: "Date:")
    if let ac = headerValue(in: text, after: "Potential-AC:") {
      reader.metadata.amplitude = "\(ac) mV"
    }
    return try reader.read()
  }
}
