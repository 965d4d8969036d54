import Foundation
import IonicsCore

/// Scienta SES `.txt` exports: INI-like sections — `[Region k]` (the
/// energy scale), `[Info k]` (pass energy, sweeps, excitation energy,
/// whether the scale is binding or kinetic, step time in ms) and
/// `[Data k]` (energy–intensity rows). One spectrum per region; the
/// intensities are kept as exported (SES may already have normalised them
/// to the sweeps and step time, and says not which), as pynxtools-xps keeps them.
public enum ScientaTextFile {
  /// Whether `text` starts like an SES export.
  public static func recognises(_ head: String) -> Bool {
    head.hasPrefix("[Info]") && head.contains("Number of Regions=")
  }

  /// Every region of the file.
  public static func read(_ text: String, source: String) throws(SpectroscopyError) -> [PhotoelectronSpectrum] {
    var info: [String: [String: String]] = [:]
    var data: [String: [(Double, Double)]] = [:]
    var order: [String] = []
    var section = ""
    for (index, raw) in splitLines(text).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("[") && line.hasSuffix("]") {
        section = String(line.dropFirst().dropLast())
        if section.hasPrefix("Data "), !order.contains(section) { order.append(section) }
        continue
      }
      guard !line.isEmpty else { continue }
      if section.hasPrefix("Data ") {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 2, let e = Double(fields[0]), let y = Double(fields[1]), e.isFinite, y.isFinite else {
          throw .malformed(file: source, line: index + 1, expected: "an energy and an intensity in [\(section)]")
        }
        data[section, default: []].append((e, y))
      } else if let equals = line.firstIndex(of: "=") {
        info[section, default: [:]][String(line[..<equals])] = String(line[line.index(after: equals)...])
      }
    }
    let spectra = order.compactMap { key -> PhotoelectronSpectrum? in
      guard let rows = data[key], !rows.isEmpty else { return nil }
      let k = key.dropFirst("Data ".count)
      let i = info["Info \(k)"] ?? [:]
      let binding = (i["Energy Scale"] ?? "").lowercased() == "binding"
      return .fromExport(
        name: i["Region Name"] ?? info["Region \(k)"]?["Region Name"] ?? "region \(k)", sample: i["Sample"] ?? "",
        photonEnergy: Double(i["Excitation Energy"] ?? ""), source: i["Location"] ?? "",
        passEnergy: Double(i["Pass Energy"] ?? ""), axis: binding ? .binding : .kinetic, energies: rows.map(\.0),
        signal: rows.map(\.1), signalLabel: "intensity (as exported)", dwellSeconds: nil,
        scans: Int(i["Number of Sweeps"] ?? ""), date: [i["Date"], i["Time"]].compactMap { $0 }.joined(separator: " "))
    }
    guard !spectra.isEmpty else {
      throw .malformed(file: source, line: 0, expected: "a [Data 1] section with energy–intensity rows")
    }
    return spectra
  }
}
