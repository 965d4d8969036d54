import Foundation
import IonicsCore

/// CasaXPS text exports ("rows of columns" and the column export with
/// components): per region, a name line ("Cycle 4:Ni:Ni2p"), a line with
/// the characteristic (photon) energy and acquisition time, the component
/// rows (Name, Position, FWHM, Area, Lineshape), then a header
/// `K.E.  Counts  …  B.E.  CPS  …` and the data. The counts column is the
/// signal; the number of scans is what makes Counts/CPS equal the
/// acquisition time. CasaXPS' own components are kept as `fits`.
public enum CasaXPSTextFile {
  /// A component of CasaXPS' fit, as exported.
  public struct Component: Sendable, Equatable {
    /// Name ("Fe 2p").
    public var name: String
    /// Position, eV (binding).
    public var position: Double
    /// FWHM, eV.
    public var fwhm: Double
    /// Area, counts·eV.
    public var area: Double
    /// CasaXPS' line shape ("SGL(30)", "LF(0.54,10,80,100,6)").
    public var lineShape: String
  }

  /// One region and CasaXPS' components for it (empty when not fitted).
  public struct Region: Sendable, Equatable {
    /// The spectrum.
    public var spectrum: PhotoelectronSpectrum
    /// CasaXPS' components.
    public var components: [Component]
  }

  /// Whether `text` starts like a CasaXPS text export.
  public static func recognises(_ head: String) -> Bool {
    let lines = splitLines(head).prefix(3)
    return lines.count == 3 && lines[1].contains("Characteristic Energy") && lines[2].hasPrefix("Name")
  }

  /// Every region of the file.
  public static func read(_ text: String, source: String) throws(SpectroscopyError) -> [Region] {
    let lines = splitLines(text)
    var regions: [Region] = []
    var k = 0
    while k < lines.count {
      guard !isBlank(lines[k]) else {
        k += 1
        continue
      }
      let title = lines[k].trimmingCharacters(in: .whitespaces)
      guard k + 1 < lines.count, lines[k + 1].contains("Characteristic Energy") else {
        throw .malformed(file: source, line: k + 2, expected: "the 'Characteristic Energy eV' line of region '\(title)'")
      }
      let meta = lines[k + 1].split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
      func value(after label: String) -> Double? {
        meta.firstIndex(where: { $0.hasPrefix(label) }).flatMap { $0 + 1 < meta.count ? Double(meta[$0 + 1]) : nil }
      }
      var rows: [String: [String]] = [:]
      var j = k + 2
      while j < lines.count, !lines[j].hasPrefix("K.E.") {
        let fields = lines[j].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        if let key = fields.first { rows[key] = Array(fields.dropFirst()) }
        j += 1
      }
      guard j < lines.count else {
        throw .malformed(file: source, line: j, expected: "a 'K.E.' column header for region '\(title)'")
      }
      let header = lines[j].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard let ke = header.firstIndex(of: "K.E."), let counts = header.firstIndex(of: "Counts") else {
        throw .malformed(file: source, line: j + 1, expected: "K.E. and Counts columns")
      }
      let cps = header.firstIndex(of: "CPS")
      var energies: [Double] = [], signal: [Double] = [], rate: [Double] = []
      j += 1
      while j < lines.count, let first = lines[j].first, first.isNumber || first == "-" {
        let fields = lines[j].split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count > max(ke, counts, cps ?? 0), let e = Double(fields[ke]), let c = Double(fields[counts]),
          e.isFinite, c.isFinite
        else {
          throw .malformed(file: source, line: j + 1, expected: "numbers in the K.E. and Counts columns")
        }
        energies.append(e)
        signal.append(c)
        if let cps, let r = Double(fields[cps]) { rate.append(r) }
        j += 1
      }
      guard !energies.isEmpty else { throw .malformed(file: source, line: j + 1, expected: "data rows under the header") }
      let dwell = value(after: "Acquisition Time")
      var scans: Int?
      if let dwell, dwell > 0, rate.count == signal.count, let i = rate.indices.first(where: { rate[$0] > 0 }) {
        scans = Int(fileValue: signal[i] / (rate[i] * dwell)).map { max($0, 1) }
      }
      let parts = title.split(separator: ":").map(String.init)
      let name = parts.last ?? title
      var components: [Component] = []
      let names = rows["Name"] ?? []
      for (c, componentName) in names.enumerated() where !componentName.isEmpty && c > 0 {
        guard let position = (rows["Position"] ?? []).dropFirst(0).dropFirst(c).first.flatMap(Double.init),
          let fwhm = (rows["FWHM"] ?? []).dropFirst(c).first.flatMap(Double.init),
          let area = (rows["Area"] ?? []).dropFirst(c).first.flatMap(Double.init)
        else { continue }
        components.append(
          Component(
            name: componentName, position: position, fwhm: fwhm, area: area,
            lineShape: (rows["Lineshape"] ?? []).dropFirst(c).first ?? ""))
      }
      regions.append(
        Region(
          spectrum: .fromExport(
            name: name, sample: parts.count >= 2 ? parts[parts.count - 2] : "",
            photonEnergy: value(after: "Characteristic Energy"), passEnergy: nil, axis: .kinetic, energies: energies,
            signal: signal, signalLabel: "counts", dwellSeconds: dwell, scans: scans),
          components: components))
      k = j
    }
    guard !regions.isEmpty else { throw .malformed(file: source, line: 1, expected: "a region") }
    return regions
  }
}
