import Cycling
import Foundation
import Impedance
import IonicsCore

extension FileIdentification {
  /// gzip, zip (xlsx, ods, ndax, rasx, brml) and OLE compound files (xls).
  static func containers(_ probe: FileProbe) -> FileIdentity? {
    if probe.starts(with: [0x1F, 0x8B]) {
      let inner = gzipMemberName(probe.head)
      let what = inner.map { "a gzip-compressed copy of '\($0)'" } ?? "a gzip-compressed file"
      return found(
        probe, .compressed, "gzip", "gzip-compressed file", reader: nil,
        because: "gzip magic 1F 8B" + (inner.map { ", member name '\($0)'" } ?? ""),
        refusal: "\(what); decompress it (gunzip -k) and give Ionics the file itself")
    }
    if probe.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return zipArchive(probe) }
    if CompoundFile.recognises(probe.data) { return compoundFile(probe) }
    return nil
  }

  /// The original file name a gzip member records (FNAME), if any.
  static func gzipMemberName(_ head: [UInt8]) -> String? {
    guard head.count > 10, head[3] & 0x08 != 0 else { return nil }
    var offset = 10
    if head[3] & 0x04 != 0 {
      guard head.count > 12 else { return nil }
      offset += 2 + Int(head[10]) + Int(head[11]) << 8
    }
    guard offset < head.count, let end = head[offset...].firstIndex(of: 0) else { return nil }
    return String(decoding: head[offset..<end], as: UTF8.self)
  }

  static func zipArchive(_ probe: FileProbe) -> FileIdentity? {
    let names = probe.zipEntryNames
    if names.isEmpty {
      return found(
        probe, .unknown, "zip", "zip archive", reader: nil,
        because: "zip magic PK 03 04",
        refusal: "a zip archive whose directory cannot be read: \(ZipEntries.problem(probe.data) ?? "no entries")")
    }
    let set = Set(names)
    if set.contains("xl/workbook.xml") { return workbook(probe) }
    if set.contains("data.ndc") || set.contains("Step.xml") || set.contains("EditStep.xml") {
      return found(
        probe, .cycling, "neware-ndax", "Neware BTS .ndax", instrument: "Neware BTS",
        reader: .cycling, because: "zip holding \(set.contains("data.ndc") ? "data.ndc" : "Step.xml")")
    }
    if names.contains(where: { $0.hasPrefix("Data0/Profile") }) {
      return found(
        probe, .diffraction, "rigaku-rasx", "Rigaku SmartLab .rasx", instrument: "Rigaku SmartLab",
        reader: .diffraction, because: "zip holding Data0/Profile0.txt")
    }
    if names.contains(where: { $0.hasPrefix("Experiment0/") }) {
      return found(
        probe, .diffraction, "bruker-brml", "Bruker .brml", instrument: "Bruker D8 (DIFFRAC)",
        reader: .diffraction, because: "zip holding Experiment0/")
    }
    if set.contains("mimetype"), set.contains("content.xml") {
      let content = ((try? ZipEntries.entries(probe.data)) ?? []).first { $0.path == "content.xml" }
        .flatMap { try? ZipEntries.bytes(of: $0, in: probe.data, limit: 64 << 20) }
        .map { String(decoding: $0.prefix(1 << 20), as: UTF8.self) } ?? ""
      let body = content.range(of: "<office:body").map { String(content[$0.lowerBound...]) } ?? ""
      return openDocument(probe, body, format: "opendocument-spreadsheet", name: "OpenDocument spreadsheet (.ods)")
    }
    return found(
      probe, .unknown, "zip", "zip archive", reader: nil,
      because: "zip magic PK 03 04 (\(names.prefix(3).joined(separator: ", ")))",
      refusal: "a zip archive of an unknown kind (entries \(names.prefix(3).joined(separator: ", ")))")
  }

  /// An OpenDocument spreadsheet (zipped or flat): what its cells hold,
  /// from the words of its text, and a refusal (Ionics reads .xlsx and CSV).
  static func openDocument(_ probe: FileProbe, _ xml: String, format: String, name: String)
    -> FileIdentity
  {
    // The cells' text: everything between tags, cell by cell.
    let cells = xml.split(separator: "<").compactMap { piece -> String? in
      guard let close = piece.firstIndex(of: ">") else { return nil }
      let text = piece[piece.index(after: close)...].trimmingCharacters(in: .whitespacesAndNewlines)
        .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
        .replacingOccurrences(of: "&amp;", with: "&")
      return text.isEmpty ? nil : text
    }
    let guess = TableHeaderWords.classify(cells.prefix(12).joined(separator: ","))
    let what = guess.map { " of \($0.kind.rawValue) data (\($0.evidence))" } ?? ""
    return found(
      probe, guess?.kind ?? .unknown, format, name, reader: nil,
      because: "OpenDocument content" + (guess.map { "; cell words \($0.evidence)" } ?? ""),
      refusal:
        "an OpenDocument spreadsheet\(what); Ionics reads .xlsx and CSV: save the sheet as CSV (or .xlsx) first")
  }

  /// An .xlsx workbook: cycler exports by their sheet names, other tables by
  /// the words of their first row.
  static func workbook(_ probe: FileProbe) -> FileIdentity {
    guard let book = try? SpreadsheetXLSX(probe.data, source: probe.name) else {
      return found(
        probe, .unknown, "xlsx", "Excel workbook (.xlsx)", reader: nil,
        because: "zip holding xl/workbook.xml", refusal: "an .xlsx workbook that cannot be opened")
    }
    let sheets = book.sheetNames
    let list = sheets.prefix(4).joined(separator: ", ")
    if sheets.contains("Cycle-Tab") || sheets.contains("Record-Tab") {
      return found(
        probe, .cycling, "land-xlsx", "LAND .xlsx export", instrument: "LAND (LANDdt)",
        reader: .cycling, because: "sheets \(list)")
    }
    if sheets.contains(where: { $0.hasPrefix("Channel_") }) || sheets.contains("Global_Info") {
      return found(
        probe, .cycling, "arbin-xlsx", "Arbin MITS Pro .xlsx export", instrument: "Arbin",
        reader: .cycling, because: "sheets \(list)")
    }
    if sheets.contains("Peak Table") || sheets.contains(where: { $0.hasSuffix(" Scan") }) {
      return found(
        probe, .photoelectron, "thermo-avantage-xlsx", "Thermo Avantage .xlsx export",
        instrument: "Thermo Scientific (Avantage)", reader: .photoelectron, because: "sheets \(list)")
    }
    let header = sheets.first.map { book.rows($0).prefix(3).flatMap { $0 } } ?? []
    if let guess = TableHeaderWords.classify(header.joined(separator: ",")) {
      let reader: ReaderFamily? =
        guess.kind == .impedance ? .impedance
        : guess.kind == .photoelectron && header.first?.lowercased().hasPrefix("binding energy") == true ? .photoelectron : nil
      return found(
        probe, guess.kind, "xlsx-table", "Excel workbook (.xlsx) with a \(guess.kind.rawValue) table",
        reader: reader, because: "sheets \(list); header words \(guess.evidence)",
        refusal: reader != nil ? nil
          : "an .xlsx table of \(guess.kind.rawValue) data (\(guess.evidence)); Ionics does not read such workbooks yet: save the sheet as CSV")
    }
    return found(
      probe, .unknown, "xlsx", "Excel workbook (.xlsx)", reader: nil, because: "sheets \(list)",
      refusal: "an .xlsx workbook whose sheets (\(list)) are not a known instrument export")
  }

  /// OLE compound files: Excel 97–2003 workbooks of Neware BTS and TA TRIOS.
  static func compoundFile(_ probe: FileProbe) -> FileIdentity {
    let sheets = ((try? ExcelBinaryWorkbook(probe.data))?.sheets ?? []).map(\.name)
    let list = sheets.prefix(4).joined(separator: ", ")
    if sheets.contains(where: { $0.hasPrefix("Detail_") || $0.hasPrefix("Statis_") }) {
      return found(
        probe, .cycling, "neware-xls", "Neware BTS .xls export (BIFF8)", instrument: "Neware BTS",
        reader: .cycling, because: "OLE workbook with sheets \(list)")
    }
    if !sheets.isEmpty, probe.data.range(of: Data("TRIOS".utf8)) != nil
      || sheets.contains(where: { $0.lowercased().contains("tga") })
    {
      return found(
        probe, .thermogravimetry, "ta-trios-xls", "TA Instruments TRIOS .xls export",
        instrument: "TA Instruments", reader: .thermal, because: "OLE workbook with sheets \(list)")
    }
    return found(
      probe, .unknown, "ole-compound", "OLE compound file (.xls, .doc)", reader: nil,
      because: "OLE magic D0 CF 11 E0",
      refusal: sheets.isEmpty
        ? "an OLE compound file that is not an Excel workbook Ionics knows"
        : "an Excel 97–2003 workbook whose sheets (\(list)) are not a known instrument export")
  }

  /// Binary instrument formats recognised by their magic bytes or layout.
  static func binaryFormats(_ probe: FileProbe) -> FileIdentity? {
    if probe.starts(with: "BIO-LOGIC MODULAR FILE") { return bioLogicBinary(probe) }
    if probe.starts(with: "NEWARE") {
      return found(
        probe, .cycling, "neware-nda", "Neware BTS .nda", instrument: "Neware BTS",
        dialect: String(decoding: probe.head.dropFirst(6).prefix(8), as: UTF8.self),
        reader: .cycling, because: "magic 'NEWARE'")
    }
    if probe.head.count > 19, probe.head[4..<19].elementsEqual(Array("Standard Jet DB".utf8))
      || probe.head[4..<19].elementsEqual(Array("Standard ACE DB".utf8))
    {
      return found(
        probe, .cycling, "arbin-res", "Arbin .res (Microsoft Access database)",
        instrument: "Arbin MITS", reader: .cycling, because: "Access 'Standard Jet DB' header")
    }
    if probe.starts(with: "RAW1.01") || probe.starts(with: "RAW4.00") || probe.starts(with: "RAW ") {
      return found(
        probe, .diffraction, "bruker-raw", "Bruker DIFFRAC .raw",
        instrument: "Bruker", dialect: String(decoding: probe.head.prefix(7), as: UTF8.self),
        reader: .diffraction, because: "magic '\(String(decoding: probe.head.prefix(7), as: UTF8.self))'")
    }
    if probe.starts(with: [0x0A, 0x0A, 0xFE, 0xFE]) {
      return found(probe, .infrared, "bruker-opus", "Bruker OPUS", reader: .infrared, because: "magic 0A 0A FE FE")
    }
    if probe.starts(with: "Spectral Data File") {
      return found(probe, .infrared, "thermo-spa", "Thermo OMNIC .spa", reader: .infrared, because: "'Spectral Data File'")
    }
    if probe.starts(with: "PEPE") {
      return found(probe, .infrared, "perkinelmer-sp", "PerkinElmer .sp", reader: .infrared, because: "magic 'PEPE'")
    }
    if probe.head.count > 512, probe.head[1] == 0x4B || probe.head[1] == 0x4D, !probe.looksLikeText {
      let version = probe.head[1]
      let evidence = "SPC version byte 0x\(String(version, radix: 16))"
      return version == 0x4B
        ? found(probe, .infrared, "galactic-spc", "Galactic/Thermo .spc", reader: .infrared, because: evidence)
        : spectrum(probe, .infrared, "galactic-spc", "Galactic/Thermo .spc (old format)", evidence)
    }
    if let points = ZahnerISM.plausiblePointCount(probe.data) {
      return found(
        probe, .impedance, "zahner-ism", "Zahner Thales .ism", instrument: "Zahner Zennium/IM6",
        reader: .impedance,
        because: "big-endian layout of \(points) frequencies, |Z| and phases that fits the file size")
    }
    return nil
  }

  /// EC-Lab `.mpr`: its technique number decides the reader.
  static func bioLogicBinary(_ probe: FileProbe) -> FileIdentity {
    let id = BioLogicMPRFile.techniqueID(probe.data)
    let technique = id.flatMap { BioLogicMPRFile.techniques[$0] }
    let version = (try? BioLogicMPRFile(probe.data)).map { "data module v\($0.dataVersion)" }
    let evidence = "magic 'BIO-LOGIC MODULAR FILE', technique number " + (id.map { "0x" + String($0, radix: 16) } ?? "absent")
    let kind: FileKind
    switch technique?.short {
    case "PEIS", "GEIS", "ZIR": kind = .impedance
    case "GCPL", "MB", "CP": kind = .cycling
    case nil: kind = .electrochemistry
    default: kind = .electrochemistry
    }
    return found(
      probe, kind, "biologic-mpr", "BioLogic EC-Lab binary (.mpr)", instrument: "BioLogic",
      technique: technique?.short, dialect: version,
      reader: kind == .impedance ? .impedance : .cycling, because: evidence)
  }

  /// A spectrum Ionics does not read yet (XPS, IR).
  static func spectrum(
    _ probe: FileProbe, _ kind: FileKind, _ format: String, _ name: String, _ evidence: String,
    instrument: String? = nil
  ) -> FileIdentity {
    let what = kind == .infrared ? "infrared" : "photoelectron (XPS)"
    return found(
      probe, kind, format, name, instrument: instrument, reader: nil, because: evidence,
      refusal: "\(what) spectra are not read by this version of Ionics")
  }
}
