import Foundation
import IonicsCore

/// Reads photoelectron spectra from any supported file, the format chosen
/// from the content: VAMAS (ISO 14976, also PHI's `.npl`), PHI MultiPak
/// `.spe`/`.pro`, SPECS Prodigy
/// `.xy`, SpecsLab 2 `.xml`, Scienta SES `.txt`, CasaXPS text exports, Thermo Avantage and
/// KherveFitting workbooks (`.xlsx`), and two-column tables (binding or
/// kinetic energy, as the header says).
public enum PhotoelectronFile {
  /// The format `data` shows, or nil when none fits.
  public static func format(of data: Data) -> String? {
    if SpreadsheetXLSX.isWorkbook(data) { return "Excel workbook" }
    if PHIMultiPakFile.recognises(data) { return "PHI MultiPak" }
    let head = TextDecoding.decode(data.prefix(4096)).trimmingCharacters(in: .whitespacesAndNewlines)
    // VAMAS first: PHI MultiPak pads its labels with NUL bytes.
    if head.hasPrefix("VAMAS Surface Chemical Analysis") { return "VAMAS" }
    guard !data.prefix(4096).contains(0) else { return nil }
    if SpecsLabXMLFile.recognises(head) { return "SpecsLab 2 XML" }
    if SPECSXYFile.recognises(head) { return "SPECS Prodigy .xy" }
    if ScientaTextFile.recognises(head) { return "Scienta SES .txt" }
    if CasaXPSTextFile.recognises(head) { return "CasaXPS text export" }
    return nil
  }

  /// Every region of the file.
  public static func read(_ data: Data, source: String) throws(SpectroscopyError) -> [PhotoelectronSpectrum] {
    switch format(of: data) {
    case "VAMAS": return try VAMASFile.read(data, source: source).map(\.spectrum)
    case "Excel workbook": return try PhotoelectronWorkbook.read(data, source: source).spectra
    case "PHI MultiPak": return try PHIMultiPakFile.read(data, source: source)
    case "SpecsLab 2 XML": return try SpecsLabXMLFile.read(data, source: source)
    case "SPECS Prodigy .xy": return try SPECSXYFile.read(TextDecoding.decode(data), source: source)
    case "Scienta SES .txt": return try ScientaTextFile.read(TextDecoding.decode(data), source: source)
    case "CasaXPS text export": return try CasaXPSTextFile.read(TextDecoding.decode(data), source: source).map(\.spectrum)
    default:
      guard !data.prefix(4096).contains(0) else {
        throw .unsupported(
          file: source,
          "not a photoelectron format Ionics reads (VAMAS, PHI .spe/.pro, SPECS .xy and SpecsLab 2 .xml, Scienta .txt, CasaXPS text, Avantage .xlsx, two-column text)")
      }
      return [try table(TextDecoding.decode(data), source: source)]
    }
  }

  /// A two-column table: binding energy unless the header says kinetic
  /// ("KE", "E_kin", "kinetic"); a photon energy written "hv=180eV" or
  /// "hν = 600 eV" in the header is used.
  static func table(_ text: String, source: String) throws(SpectroscopyError) -> PhotoelectronSpectrum {
    let t = try TwoColumnSpectrum.read(text, source: source)
    let headerText = splitLines(text).prefix(t.skippedLines + 1).joined(separator: " ")
    let header = headerText.lowercased()
    let kinetic = header.contains("ke/") || header.contains("e_kin") || header.contains("kinetic")
      || header.hasPrefix("ke") || header.contains("#ke") || header.contains(" ke ")
    var photon: Double?
    for marker in ["hv=", "hv =", "hν=", "hν =", "photon energy"] {
      guard let r = header.range(of: marker) else { continue }
      let rest = header[r.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "=" }
      photon = Double(rest.prefix { $0.isNumber || $0 == "." })
      if photon != nil { break }
    }
    let name = (source as NSString).lastPathComponent
    return .fromExport(
      name: (name as NSString).deletingPathExtension, sample: "", photonEnergy: photon, passEnergy: nil,
      axis: kinetic ? .kinetic : .binding, energies: t.x, signal: t.y,
      signalLabel: t.yName.isEmpty ? "intensity" : t.yName, dwellSeconds: nil, scans: nil)
  }
}
