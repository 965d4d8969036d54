import Foundation
import IonicsCore
import Thermal

extension FileIdentification {
  /// Thermogravimetric and evolved-gas exports.
  static func thermalText(_ probe: FileProbe) -> FileIdentity? {
    let first = probe.firstLine
    if probe.contains("#FORMAT:NETZSCH") || first.hasPrefix("#EXPORTTYPE") {
      return found(
        probe, .thermogravimetry, "netzsch-proteus", "NETZSCH Proteus text export",
        instrument: "NETZSCH", dialect: probe.value(after: "#EXPORTTYPE"), reader: .thermal,
        because: "#EXPORTTYPE / #FORMAT:NETZSCH header")
    }
    if probe.contains("StartOfData") && probe.contains("Sig1") {
      return found(
        probe, .thermogravimetry, "ta-universal", "TA Instruments Universal Analysis text",
        instrument: "TA Instruments", reader: .thermal, because: "Sig1 … StartOfData header")
    }
    if probe.contains("Pyris") || probe.contains(".tg8d") {
      return found(
        probe, .thermogravimetry, "perkinelmer-pyris", "PerkinElmer Pyris text export",
        instrument: "PerkinElmer", reader: .thermal, because: "Pyris path in the header")
    }
    if probe.contains("STARe") || (probe.contains("Curve Name:") && probe.contains("Index"))
      || (probe.contains("Curve:") && probe.contains("Index") && probe.contains("Value"))
    {
      let short = !probe.contains("STARe")
      return found(
        probe, .thermogravimetry, "mettler-stare", "Mettler Toledo STARe text export",
        instrument: "Mettler Toledo", dialect: short ? "short header" : "full header",
        reader: .thermal, because: short ? "Curve Name: and an Index … Value table" : "STARe in the header")
    }
    if PfeifferQuaderaASCII.recognises(probe.text) {
      return found(
        probe, .massSpectrometry, "pfeiffer-quadera-asc", "Pfeiffer Quadera ASCII export",
        instrument: "Pfeiffer Vacuum (QMS)", reader: .massSpectrometry,
        because: "Sourcefile … .qmp header")
    }
    return nil
  }

  /// Powder-diffraction text formats.
  static func diffractionText(_ probe: FileProbe) -> FileIdentity? {
    let first = probe.firstLine
    if probe.contains("xrdMeasurement"), probe.contains("<") {
      let version = probe.value(after: "XRDMeasurement/")?.prefix(3)
      return found(
        probe, .diffraction, "panalytical-xrdml", "PANalytical XRDML",
        instrument: "Malvern PANalytical", dialect: version.map { "XRDML \($0)" },
        reader: .diffraction, because: "xrdMeasurement element")
    }
    if probe.contains("*RAS_DATA_START") || probe.contains("*RAS_HEADER_START") {
      return found(
        probe, .diffraction, "rigaku-ras", "Rigaku .ras", instrument: "Rigaku",
        reader: .diffraction, because: "*RAS_DATA_START")
    }
    if first == "[Measurement conditions]", probe.contains("[Scan points]") {
      return found(
        probe, .diffraction, "panalytical-csv", "PANalytical X'Pert CSV export",
        instrument: "Malvern PANalytical", reader: .diffraction,
        because: "[Measurement conditions] and [Scan points] sections")
    }
    if let bank = probe.lines.prefix(40).first(where: { $0.hasPrefix("BANK ") }) {
      let fields = bank.split(separator: " ")
      let type = fields.count > 4 ? String(fields[4]) : "?"
      let layout = fields.last.map(String.init) ?? ""
      return found(
        probe, .diffraction, "gsas-powder", "GSAS powder data", instrument: nil,
        dialect: "\(type) \(["STD", "ESD", "ALT", "FXYE"].contains(layout) ? layout : "STD")",
        reader: .diffraction, because: "a BANK line (\(bank.prefix(40)))")
    }
    if first.hasPrefix("INS ") || probe.lines.prefix(4).contains(where: { $0.hasPrefix("INS   BANK") }) {
      return found(
        probe, .settings, "gsas-prm", "GSAS instrument-parameter file", reader: nil,
        because: "INS records",
        refusal:
          "GSAS instrument parameters (wavelength, profile terms), no pattern: the instrument file of a refinement of the .fxye or .gsas beside it")
    }
    if first.hasPrefix("'Id:") && first.contains("Anode") {
      return found(
        probe, .diffraction, "bruker-eva-xy", "Bruker DIFFRAC.EVA .xy export", instrument: "Bruker",
        reader: .diffraction, because: "quoted 'Id: … Anode:' header line")
    }
    if first.hasPrefix("/*"), probe.contains("# Run no.") || probe.contains(".mda") {
      return found(
        probe, .diffraction, "aps-11bm-xye", "APS 11-BM .xye", instrument: "APS 11-BM",
        reader: .diffraction, because: "'/*' header with the 11-BM run record")
    }
    return nil
  }

  /// CIF 1.1 and 2.0.
  static func structureText(_ probe: FileProbe) -> FileIdentity? {
    let version2 = probe.firstLine.hasPrefix("#\\#CIF_2.0")
    guard version2 || probe.lines.contains(where: { $0.hasPrefix("data_") }) else { return nil }
    guard version2 || probe.lines.contains(where: { $0.hasPrefix("_") || $0 == "loop_" }) else {
      return nil
    }
    let blocks = probe.lines.filter { $0.hasPrefix("data_") }.count
    return found(
      probe, .structure, "cif", "Crystallographic Information File",
      dialect: version2 ? "CIF 2.0" : "CIF 1.1", reader: .structure,
      because: "data_ block\(blocks == 1 ? "" : "s") with _tags")
  }

  /// XPS and IR text formats.
  static func spectroscopyText(_ probe: FileProbe) -> FileIdentity? {
    let first = probe.firstLine
    if first.hasPrefix("VAMAS Surface Chemical Analysis") {
      let aes = probe.lines.prefix(60).contains("AES")
      return found(
        probe, .photoelectron, "vamas", "VAMAS (ISO 14976)", reader: .photoelectron,
        because: "VAMAS header line" + (aes ? " (Auger spectra)" : ""))
    }
    if first.hasPrefix("##TITLE") || first.hasPrefix("##JCAMP") {
      let type = probe.value(after: "##DATA TYPE=") ?? probe.value(after: "##DATATYPE=") ?? ""
      let kind: FileKind = type.uppercased().contains("INFRARED") || type.isEmpty ? .infrared : .infrared
      return found(
        probe, kind, "jcamp-dx", "JCAMP-DX", reader: .infrared, because: "##TITLE/##JCAMP-DX labels (\(type))")
    }
    if probe.lines.count > 4, let n = Int(probe.lines[0]), n > 10,
      let start = Double(probe.lines[1]), let end = Double(probe.lines[2]), start > end, end > 0
    {
      return found(
        probe, .infrared, "agilent-asp", "Agilent (A2 Technologies) .asp", reader: .infrared,
        because: "a point count \(n) and a wavenumber range \(shown(start))–\(shown(end)) cm⁻¹ on the first lines")
    }
    if first.hasPrefix("SOFH") {
      return found(
        probe, .photoelectron, "phi-multipak", "PHI MultiPak spectrum or depth profile (.spe, .pro)", instrument: "PHI",
        reader: .photoelectron, because: "SOFH … EOFH header")
    }
    if probe.contains("XMLSerializer"), probe.contains("from SL ") {
      return found(
        probe, .photoelectron, "specs-xml", "SPECS SpecsLab 2 XML", instrument: "SPECS", reader: .photoelectron,
        because: "XMLSerializer document from SpecsLab")
    }
    if first.hasPrefix("# Created by:"), probe.contains("SpecsLab Prodigy") {
      return found(
        probe, .photoelectron, "specs-prodigy", "SPECS SpecsLab Prodigy .xy export", instrument: "SPECS",
        reader: .photoelectron, because: "'# Created by: SpecsLab Prodigy' header")
    }
    if probe.contains("SpecsLab Prodigy") || probe.contains("<!DOCTYPE SPECS") || first.contains("SPECS") {
      return spectrum(probe, .photoelectron, "specs-prodigy", "SPECS SpecsLab Prodigy export", "SpecsLab Prodigy header")
    }
    if first == "[Info]", probe.contains("Number of Regions") {
      return found(
        probe, .photoelectron, "scienta-txt", "Scienta SES text export", instrument: "Scienta",
        reader: .photoelectron, because: "[Info] Number of Regions")
    }
    if first.hasPrefix("Cycle "), probe.contains("Characteristic Energy eV") {
      return found(
        probe, .photoelectron, "casaxps-txt", "CasaXPS text export", reader: .photoelectron,
        because: "Cycle n: … Characteristic Energy eV")
    }
    if probe.contains("\"Core levels\"") {
      return spectrum(probe, .photoelectron, "khervefitting-json", "KherveFitting JSON", "\"Core levels\" key")
    }
    if probe.lines.prefix(4).contains(where: { $0.hasPrefix("Name\tPosition\tFWHM") || $0.hasPrefix("Name,Position,FWHM") }) {
      return found(
        probe, .fitResult, "casaxps-quantification", "CasaXPS quantification table", reader: nil,
        because: "Name, Position, FWHM, Area columns",
        refusal: "peak positions and areas that CasaXPS fitted: a result, not a spectrum")
    }
    return nil
  }

  /// Markdown notes (a heading line and Markdown tables or subheadings).
  static func documentation(_ probe: FileProbe) -> FileIdentity? {
    let first = probe.firstLine
    guard first.hasPrefix("# "), probe.looksLikeText,
      probe.lines.contains(where: { $0.hasPrefix("| ") || $0.hasPrefix("## ") })
    else { return nil }
    return found(
      probe, .documentation, "markdown", "Markdown text", reader: nil,
      because: "Markdown headings and tables", refusal: "notes for people, not data")
  }

  /// Fit results, models and notes of other programs, and documentation.
  static func otherText(_ probe: FileProbe) -> FileIdentity? {
    let first = probe.firstLine
    if probe.contains("<zahner-impedance-model") {
      return found(
        probe, .fitResult, "zahner-isfx", "Zahner Analysis circuit model (.isfx)",
        instrument: "Zahner Analysis", reader: nil, because: "<zahner-impedance-model> element",
        refusal: "an equivalent-circuit model of Zahner Analysis (no measured points); Ionics writes circuits as strings such as R0-p(R1,C1)")
    }
    if first == "{", probe.contains("\"overall\""), probe.contains("\"model\"") {
      return found(
        probe, .fitResult, "zahner-fit-json", "Zahner Analysis fit result (JSON)",
        instrument: "Zahner Analysis", reader: nil, because: "\"model\" and \"overall\" keys",
        refusal: "fitted parameters written by Zahner Analysis: a result to compare with, not a measurement")
    }
    if first.contains("EIS Fit Report") {
      return found(
        probe, .fitResult, "eisfitpython-report", "EISFitpython fit report", reader: nil,
        because: "'EIS Fit Report' title",
        refusal: "a fit report written by EISFitpython: a result to compare with, not a measurement")
    }
    if probe.contains("<office:document") {
      // The body follows kilobytes of styles: it is looked for in the first megabyte.
      let text = String(decoding: probe.data.prefix(1 << 20), as: UTF8.self)
      let body = text.range(of: "<office:body").map { String(text[$0.lowerBound...].prefix(65_536)) } ?? ""
      return openDocument(
        probe, body, format: "opendocument-flat", name: "OpenDocument flat spreadsheet (.fods)")
    }
    if first == "{" || first.hasPrefix("{\"") {
      return found(
        probe, .impedance, "json-table", "JSON table (column → index → value)",
        reader: .impedance, because: "a JSON object of columns")
    }
    let words = probe.text.split(whereSeparator: { $0 == " " || $0.isNewline }).count
    let letters = probe.text.filter(\.isLetter).count
    if probe.looksLikeText, words > 40, letters * 10 > probe.text.count * 6 {
      return found(
        probe, .documentation, "prose", "plain-text notes", reader: nil,
        because: "sentences, no table", refusal: "notes for people, not data")
    }
    return nil
  }
}
