import Foundation
import IonicsCore

extension MeasuredPattern {
  /// Whether the zip `data` is a Rigaku SmartLab `.rasx` (it holds
  /// `Data0/Profile0.txt`).
  static func isRASX(_ data: Data) -> Bool {
    ((try? ZipEntries.entries(data)) ?? []).contains { $0.path.hasPrefix("Data0/Profile") }
  }

  /// A Rigaku SmartLab `.rasx`: a zip whose `Data0/Profile0.txt` holds tab-
  /// separated 2θ, counts and the attenuator factor of each step, and whose
  /// `Data0/MesurementConditions0.xml` (Rigaku's spelling) names the Kα1
  /// wavelength. Counts are multiplied by the attenuator factor, as
  /// SmartLab Studio does.
  static func rasx(_ data: Data, source: String) throws(DiffractionError) -> MeasuredPattern {
    let texts = try zipTexts(
      data, source: source, format: ".rasx",
      [{ $0.hasPrefix("Data0/Profile") }, { $0.hasPrefix("Data0/MesurementConditions") }])
    guard let profile = texts[0] else {
      throw .badInput("\(source): a zip without Data0/Profile0.txt; not a .rasx")
    }
    let conditions = texts[1]
    var x: [Double] = []
    var y: [Double] = []
    for (n, line) in profile.split(whereSeparator: \.isNewline).enumerated() {
      let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
      guard fields.count >= 2, let a = Double(fields[0]), let b = Double(fields[1]) else {
        throw .badInput(
          "\(source), Data0/Profile0.txt line \(n + 1): expected 2θ, counts and an attenuator factor")
      }
      let factor = fields.count >= 3 ? Double(fields[2]) ?? 1 : 1
      x.append(a)
      y.append(b * factor)
    }
    guard x.count >= 10 else { throw .badInput("\(source): \(x.count) steps in Data0/Profile0.txt") }
    let lambda = conditions.flatMap { XMLScan.element("WavelengthKalpha1", in: Substring($0)) }
      .flatMap { Double($0.content.trimmingCharacters(in: .whitespacesAndNewlines)) }
    var pattern = MeasuredPattern(twoTheta: x, intensity: y, wavelength: lambda, format: "Rigaku .rasx")
    if lambda == nil {
      pattern.notes.append("the measurement conditions name no Kα1 wavelength")
    }
    return pattern
  }
}
