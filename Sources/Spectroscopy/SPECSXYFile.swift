import Foundation
import IonicsCore

/// SPECS SpecsLab Prodigy `.xy` exports: `#` comment lines of `Key: value`
/// metadata (the export settings, then per group and region the analyser
/// settings), and per cycle, curve and scan a block of energy–signal rows.
/// One spectrum per region and cycle: the scans of a cycle are averaged
/// (the export's count rate is per second, so averaging keeps it so; raw
/// counts are summed instead). The energy axis and count unit come from the
/// export settings ("Energy Axis", "Count Rate").
public enum SPECSXYFile {
  /// Whether `text` starts like a Prodigy `.xy` export.
  public static func recognises(_ head: String) -> Bool {
    head.hasPrefix("# Created by:") && head.contains("SpecsLab Prodigy")
  }

  /// Every region (and cycle) of the file.
  public static func read(_ text: String, source: String) throws(SpectroscopyError) -> [PhotoelectronSpectrum] {
    var settings: [String: String] = [:]
    var region: [String: String] = [:]
    var group = ""
    var spectra: [PhotoelectronSpectrum] = []
    var cycle = 0
    var scans: [[(Double, Double)]] = []
    var current: [(Double, Double)] = []
    var inRegionHeader = false
    var cyclesOfRegion = 0
    func closeScan() {
      if !current.isEmpty { scans.append(current) }
      current = []
    }
    func closeCycle(line: Int) throws(SpectroscopyError) {
      closeScan()
      guard let first = scans.first else { return }
      guard scans.allSatisfy({ $0.count == first.count }) else {
        throw .malformed(file: source, line: line, expected: "scans of one cycle with the same number of points")
      }
      let perSecond = (settings["Count Rate"] ?? "").lowercased().contains("per second")
      var signal = [Double](repeating: 0, count: first.count)
      for scan in scans { for (k, p) in scan.enumerated() { signal[k] += p.1 } }
      if perSecond { signal = signal.map { $0 / Double(scans.count) } }
      let name = region["Region"] ?? "region"
      let binding = (settings["Energy Axis"] ?? "").lowercased().contains("binding")
      cyclesOfRegion += 1
      spectra.append(
        .fromExport(
          name: cyclesOfRegion > 1 || cycle > 0 ? "\(name) (cycle \(cycle))" : name, sample: group,
          photonEnergy: Double(region["Excitation Energy"] ?? ""), source: region["Source"] ?? "",
          passEnergy: Double(region["Pass Energy"] ?? ""), workFunction: Double(region["Eff. Workfunction"] ?? ""),
          axis: binding ? .binding : .kinetic, energies: first.map(\.0), signal: signal,
          signalLabel: perSecond ? "counts/s" : "counts",
          dwellSeconds: perSecond ? nil : Double(region["Dwell Time"] ?? ""), scans: perSecond ? nil : scans.count,
          date: region["Acquisition Date"], technique: region["Analysis Method"] ?? "XPS"))
      scans = []
    }
    let lines = splitLines(text)
    for (index, raw) in lines.enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("#") {
        let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
        guard let colon = body.firstIndex(of: ":") else { continue }
        let key = body[..<colon].trimmingCharacters(in: .whitespaces)
        let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if key == "Group" {
          try closeCycle(line: index + 1)
          group = value
        } else if key == "Region" {
          try closeCycle(line: index + 1)
          region = ["Region": value]
          inRegionHeader = true
          cyclesOfRegion = 0
          cycle = 0
        } else if key == "Cycle" {
          try closeCycle(line: index + 1)
          inRegionHeader = false
          cycle = Int(value) ?? cycle
        } else if key.hasPrefix("Cycle") {
          // "Cycle: 0, Curve: 0, Scan: 1" starts a scan.
          closeScan()
        } else if inRegionHeader {
          region[key] = value
        } else if spectra.isEmpty && region.isEmpty {
          settings[key] = value
        }
        continue
      }
      guard !line.isEmpty else { continue }
      let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      guard fields.count >= 2, let e = Double(fields[0]), let y = Double(fields[1]), e.isFinite, y.isFinite else {
        throw .malformed(file: source, line: index + 1, expected: "an energy and a signal")
      }
      guard !region.isEmpty else {
        throw .malformed(file: source, line: index + 1, expected: "a '# Region:' header before the data")
      }
      current.append((e, y))
    }
    try closeCycle(line: lines.count)
    guard !spectra.isEmpty else {
      throw .malformed(file: source, line: 0, expected: "at least one region with data")
    }
    return spectra
  }
}
