import Foundation
import IonicsCore

/// PerkinElmer `.sp` spectra (the "PEPE" block format of Spectrum and
/// Spotlight): a 4-byte `PEPE` signature and a 40-byte description, then
/// nested blocks of an int16 id and an int32 size. The data-set block (id
/// 120) holds members: the abscissa range (−29838: two float64), the number
/// of points (−29835: int32), the axis labels (−29833, −29832: int16 length
/// and text) and the ordinates (−29828: int32 byte count and float64 values).
public enum PerkinElmerSPFile {
  /// Whether `head` starts like a PerkinElmer block file.
  public static func recognises(_ head: Data) -> Bool {
    head.prefix(4).elementsEqual(Array("PEPE".utf8))
  }

  /// The spectrum of the file.
  public static func read(_ data: Data, source: String) throws(SpectroscopyError) -> OpticalSpectrum {
    guard recognises(data) else {
      throw .malformed(file: source, line: 0, expected: "'PEPE' at byte 0 (a PerkinElmer .sp)")
    }
    let b = LittleEndianBytes(data)
    do {
      var range: (Double, Double)?
      var count: Int?
      var xLabel = "", yLabel = "", name = ""
      var values: [Double]?
      var at = 44
      while at + 6 <= b.count {
        let id = Int16(truncatingIfNeeded: try b.u16(at, "a block id"))
        let size = try b.i32(at + 2, "the size of block \(id)")
        guard size >= 0, size <= b.count - at - 6 else {
          throw SpectroscopyError.malformed(
            file: source, line: 0, expected: "block \(id) at byte \(at) inside the file (size \(size))")
        }
        let body = at + 6
        switch id {
        case 120:  // the data set: its members follow
          at = body
          continue
        case -29838: range = (try b.f64(body + 2), try b.f64(body + 10))
        case -29835: count = try b.i32(body + 2, "the number of points")
        case -29833: xLabel = try b.text(body + 4, min(try b.u16(body + 2, "a label length"), size - 4), "the x label")
        case -29832: yLabel = try b.text(body + 4, min(try b.u16(body + 2, "a label length"), size - 4), "the y label")
        case -29827: name = try b.text(body + 4, min(try b.u16(body + 2, "a name length"), size - 4), "the name")
        case -29828:
          let bytes = try b.i32(body + 2, "the size of the ordinates")
          guard bytes >= 0, bytes <= size - 6 else {
            throw SpectroscopyError.malformed(file: source, line: 0, expected: "ordinates inside their block at byte \(at)")
          }
          values = try (0..<(bytes / 8)).map { try b.f64(body + 6 + 8 * $0) }
        default: break
        }
        at = body + size
      }
      guard let range, let values, let n = count ?? Optional(values.count), n > 0, n <= values.count,
        range.0.isFinite, range.1.isFinite
      else {
        throw SpectroscopyError.malformed(
          file: source, line: 0, expected: "an abscissa range, a point count and ordinates in the data-set block")
      }
      let step = n > 1 ? (range.1 - range.0) / Double(n - 1) : 0
      let units = yLabel == "A" ? "Absorbance" : yLabel == "%T" ? "%Transmittance" : yLabel
      return OpticalSpectrum(
        title: name, dataType: units, xUnits: xLabel, yUnits: units,
        x: (0..<n).map { range.0 + Double($0) * step }, y: Array(values.prefix(n)), origin: "PerkinElmer .sp")
    } catch let error as LittleEndianBytes.Truncated {
      throw .malformed(file: source, line: 0, expected: "\(error.expected) at byte \(error.offset)")
    } catch let error as SpectroscopyError {
      throw error
    } catch {
      throw .malformed(file: source, line: 0, expected: "a PerkinElmer .sp file")
    }
  }
}
