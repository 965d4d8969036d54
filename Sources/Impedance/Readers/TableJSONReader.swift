import ComplexModule
import Foundation
import RealModule

/// Spectra stored as JSON tables, as pandas writes them (`DataFrame.to_json`):
/// an object of columns, each an object from row index to value or an
/// array. Columns are recognised by the same names as in text tables.
enum TableJSONReader {
  static func read(_ data: Data, source: String) throws -> [ImpedanceSpectrum] {
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw ImpedanceReadError.unknownFormat(
        source: source, "JSON that is not an object of columns")
    }
    var columns: [TabularSpectrumReader.Role: [Double]] = [:]
    var names: [TabularSpectrumReader.Role: String] = [:]
    for (name, value) in object {
      guard let role = TabularSpectrumReader.role(of: name), columns[role] == nil else { continue }
      var values: [Double] = []
      if let array = value as? [Any] {
        values = array.compactMap { ($0 as? NSNumber)?.doubleValue }
      } else if let rows = value as? [String: Any] {
        values = rows.compactMap { key, v in
          Int(key).flatMap { k in (v as? NSNumber).map { (k, $0.doubleValue) } }
        }
        .sorted { $0.0 < $1.0 }.map(\.1)
      }
      columns[role] = values
      names[role] = name
    }
    guard let f = columns[.frequency] else {
      throw ImpedanceReadError.missingColumn(
        source: source, "frequency", found: Array(object.keys).sorted())
    }
    let re = columns[.real] ?? columns[.negatedReal].map { $0.map { -$0 } }
    let im = columns[.imaginary] ?? columns[.negatedImaginary].map { $0.map { -$0 } }
    guard let re, let im, re.count == f.count, im.count == f.count else {
      throw ImpedanceReadError.missingColumn(
        source: source, "real and imaginary parts of the same length as the frequencies",
        found: Array(object.keys).sorted())
    }
    var metadata = SpectrumMetadata(source: source, format: "JSON table")
    metadata.imaginaryColumn = names[.imaginary] ?? names[.negatedImaginary]
    return [
      try ImpedanceSpectrum(
        frequencies: f, impedance: zip(re, im).map { Complex($0, $1) }, metadata: metadata)
    ]
  }
}
