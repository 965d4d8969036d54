import ComplexModule
import Foundation
import IonicsCore
import RealModule

/// Eco Chemie / Autolab `.dfr` text: "VERSION…", the point count, a flag,
/// then one value per line, nine per point: f (Hz), Z′ (Ω), −Z″ (Ω) and six
/// further fields; dates and column names follow.
enum AutolabDFR {
  static let valuesPerPoint = 9

  static func read(_ text: String, source: String) throws -> [ImpedanceSpectrum] {
    let lines = splitLines(text)
    func number(_ k: Int) throws -> Double {
      guard k < lines.count, let x = parseNumber(lines[k], decimalComma: false) else {
        throw ImpedanceReadError.badNumber(
          source: source, line: k + 1, column: 1,
          text: k < lines.count ? String(lines[k]) : "end of file")
      }
      return x
    }
    let declared = try number(1)
    guard declared >= 1, declared <= Double(lines.count) else {
      throw ImpedanceReadError.badNumber(source: source, line: 2, column: 1, text: String(lines[1]))
    }
    let count = Int(declared)
    guard 3 + count * valuesPerPoint <= lines.count else {
      throw ImpedanceReadError.truncated(
        source: source, offset: 0, expected: "\(count) points of \(valuesPerPoint) lines each")
    }
    var f: [Double] = []
    var z: [Complex<Double>] = []
    for p in 0..<count {
      let base = 3 + p * valuesPerPoint
      f.append(try number(base))
      z.append(Complex(try number(base + 1), -(try number(base + 2))))
    }
    var metadata = SpectrumMetadata(source: source, format: "Autolab .dfr")
    metadata.imaginaryColumn = "-Z'' (third value of each point)"
    return [try ImpedanceSpectrum(frequencies: f, impedance: z, metadata: metadata)]
  }
}
