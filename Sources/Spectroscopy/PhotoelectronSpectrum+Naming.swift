import Foundation
import IonicsCore

extension PhotoelectronSpectrum {
  /// The element and core level a region's name gives ("Fe2p" → ("Fe",
  /// "2p"), "C 1s" → ("C", "1s"), "Sn3d5" → ("Sn", "3d5")); nil when the
  /// name does not start with an element symbol and a level.
  public static func coreLevel(in name: String) -> (species: String, transition: String)? {
    let text = name.trimmingCharacters(in: .whitespaces)
    for length in [2, 1] {
      guard text.count > length else { continue }
      let symbol = String(text.prefix(length))
      guard Element.all.contains(where: { $0.symbol == symbol }) else { continue }
      let rest = text.dropFirst(length).trimmingCharacters(in: .whitespaces)
      let level = rest.prefix { $0.isNumber || "spdf/".contains($0) }
      guard level.count >= 2, let n = level.first, n.isNumber, level.dropFirst().first.map({ "spdf".contains($0) }) == true
      else { continue }
      return (symbol, String(level))
    }
    return nil
  }

  /// A region from a text export, with the species and transition read
  /// from its name.
  static func fromExport(
    name: String, sample: String, photonEnergy: Double?, source: String = "", passEnergy: Double?,
    workFunction: Double? = nil, axis: Axis, energies: [Double], signal: [Double], signalLabel: String,
    dwellSeconds: Double?, scans: Int?, date: String? = nil, technique: String = "XPS"
  ) -> PhotoelectronSpectrum {
    let line = coreLevel(in: name)
    return PhotoelectronSpectrum(
      name: name, sample: sample, technique: technique, species: line?.species ?? "",
      transition: line?.transition ?? "", photonEnergy: photonEnergy, source: source, passEnergy: passEnergy,
      workFunction: workFunction, recordedAxis: axis, energies: energies, signal: signal, signalLabel: signalLabel,
      dwellSeconds: dwellSeconds, scans: scans, transmission: nil, date: date)
  }
}
