import Foundation
import IonicsCore

extension FileIdentification {
  /// The numbers of one text line, or nil when a field is not a number.
  /// A semicolon or tab separates fields when present, so that a comma may
  /// be a decimal comma.
  static func numbers(_ line: String) -> [Double]? {
    let separators: Set<Character> =
      line.contains(";") || line.contains("\t") ? [";", "\t", " "] : [",", " "]
    let fields = line.split(whereSeparator: { separators.contains($0) })
    guard !fields.isEmpty else { return nil }
    var values: [Double] = []
    for field in fields {
      guard let x = Double(field.replacingOccurrences(of: ",", with: ".")), x.isFinite else {
        return nil
      }
      values.append(x)
    }
    return values
  }

  /// Whether a line is a row of data: at least two fields, most of them numbers
  /// (a date or a step name may sit among them).
  static func isDataRow(_ line: String) -> Bool {
    // The first separator that splits the line into mostly numbers wins
    // (a tab may stand before a date inside a comma-separated row).
    for separator in ["\t", ";", ",", " "] as [Character] where line.contains(separator) {
      let fields = line.split(separator: separator).map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
      guard fields.count >= 2 else { continue }
      let numeric = fields.filter {
        Double(separator == "," ? $0 : $0.replacingOccurrences(of: ",", with: ".")) != nil
      }.count
      if numeric >= 2 && numeric * 2 > fields.count { return true }
    }
    return false
  }

  /// Delimited tables: a header row names the quantities; without one, the
  /// first column's spacing tells frequencies from 2θ.
  static func columnTable(_ probe: FileProbe) -> FileIdentity? {
    guard probe.looksLikeText else { return nil }
    let lines = probe.lines.filter { !$0.isEmpty }
    guard let firstRow = lines.firstIndex(where: isDataRow) else { return nil }
    let header = lines[..<firstRow].suffix(3).joined(separator: ",")
    if let guess = TableHeaderWords.classify(header) {
      return table(probe, guess.kind, evidence: "header words \(guess.evidence)")
    }
    let rows = lines[firstRow...].prefix(60).compactMap(numbers)
    guard rows.count >= 5, let width = rows.first?.count, rows.allSatisfy({ $0.count == width })
    else { return nil }
    let x = rows.map { $0[0] }
    let steps = zip(x.dropFirst(), x).map { $0 - $1 }
    let monotonic = steps.allSatisfy { $0 > 0 } || steps.allSatisfy { $0 < 0 }
    guard monotonic, let low = x.min(), let high = x.max(), low >= 0 else { return nil }
    let ratios = zip(x.dropFirst(), x).map { $0 / $1 }
    let geometric = low > 0 && (ratios.max() ?? 0) / (ratios.min() ?? 1) < 1.5
      && abs(log10(ratios[0])) > 0.01
    if width >= 3, geometric, steps.allSatisfy({ $0 < 0 }) || high / low > 10 {
      return table(
        probe, .impedance,
        evidence: "\(width) columns without a header; the first falls geometrically (\(shown(high)) → \(shown(low)) Hz in the first rows)")
    }
    let even = (steps.max() ?? 0) - (steps.min() ?? 0) <= 0.02 * abs(steps[0]) + 1e-9
    if even, steps[0] > 0, high <= 180, width <= 3 {
      return table(
        probe, .diffraction,
        evidence: "\(width) columns without a header; the first rises in equal steps of \(shown(steps[0]))° from \(shown(low))°")
    }
    if even, width == 2, low >= 200, high <= 15000, abs(steps[0]) <= 16, high - low >= 100 {
      return table(
        probe, .infrared,
        evidence: "2 columns without a header; the first runs in equal steps of \(shown(abs(steps[0]))) over more than 100 from \(shown(x[0])), as wavenumbers (cm⁻¹) do")
    }
    // Electron energies: a few to a few hundred eV in equal steps of
    // 0.005–2 eV, counts beside them (an XPS or UPS region, a Fermi edge).
    if even, width == 2, steps[0] >= 0.005, steps[0] <= 2, low >= 0, high <= 2000, high - low <= 300,
      rows.allSatisfy({ $0[1] >= 0 })
    {
      return found(
        probe, .photoelectron, "xps-table-headerless", "electron energy scan without a header (energy, counts)",
        reader: nil,
        because:
          "2 columns without a header; the first rises in equal steps of \(shown(steps[0])) from \(shown(low)) to \(shown(high)), as electron energies in eV do, the second holds counts",
        refusal:
          "the energy axis is not named: whether it is kinetic or binding energy, and the photon energy, are unknown; add a header row (binding energy, intensity) or export the region as VAMAS")
    }
    return nil
  }

  /// A recognised delimited table of `kind`.
  static func table(_ probe: FileProbe, _ kind: FileKind, evidence: String) -> FileIdentity {
    switch kind {
    case .impedance:
      return found(probe, .impedance, "impedance-table", "impedance table (text)", reader: .impedance, because: evidence)
    case .cycling:
      return found(probe, .cycling, "cycler-table", "cycler table (CSV with named columns)", reader: .cycling, because: evidence)
    case .diffraction:
      return found(probe, .diffraction, "pattern-columns", "powder pattern columns (2θ, I[, σ])", reader: .diffraction, because: evidence)
    case .thermogravimetry:
      return found(
        probe, .thermogravimetry, "tga-table", "thermogravimetric table", reader: nil, because: evidence,
        refusal: "a table of temperature and mass without a known instrument header: read it with `tga` and a column map")
    case .infrared:
      return found(probe, .infrared, "ir-table", "infrared spectrum table (x, y)", reader: .infrared, because: evidence)
    case .photoelectron:
      return found(probe, .photoelectron, "xps-table", "XPS spectrum table (energy, intensity)", reader: .photoelectron, because: evidence)
    case .fitResult:
      return found(
        probe, .fitResult, "drt-table", "distribution of relaxation times (τ, γ)", reader: nil, because: evidence,
        refusal: "a DRT computed by another program: a result to compare with, not a measurement")
    default:
      return found(probe, kind, "table", "table", reader: nil, because: evidence)
    }
  }

  /// For an unrecognised file: the closest known layout and what it lacks.
  static func closestLayout(_ probe: FileProbe) -> String {
    guard probe.looksLikeText else {
      let magic = probe.head.prefix(8).map { String(format: "%02X", $0) }.joined(separator: " ")
      return "binary data (first bytes \(magic)) that matches no instrument format Ionics knows"
    }
    let lines = probe.lines.filter { !$0.isEmpty }
    let rows = lines.compactMap(numbers)
    if let width = rows.first?.count, rows.count >= 5 {
      let x = rows.map { $0[0] }
      let range = "\(shown(x.min() ?? 0))…\(shown(x.max() ?? 0))"
      return "a table of \(width) numeric columns without a header (first column \(range)) that is neither frequencies falling by decades (impedance) nor 2θ rising in equal steps up to 180° (a pattern): add a header row that names the columns"
    }
    if rows.isEmpty, lines.count > 2 {
      return "text without a table of numbers (first line '\(probe.firstLine.prefix(60))')"
    }
    return "a short text (\(lines.count) lines) with no known header or table"
  }

  /// A number in a few significant digits, for messages.
  static func shown(_ x: Double) -> String { significant(x, 4) }
}
