import Foundation
import IonicsCore

/// Thermo Scientific OMNIC `.spa` files: a 30-byte "Spectral Data File"
/// signature, the title (NUL-terminated latin-1, bytes 30–285) and, from
/// byte 304, a table of 16-byte entries (a key byte, then the uint32 offset
/// and size of its block) that ends at key 0 or 1. Key 2 is the spectrum
/// header (uint32 point count at +4, x-units code at +8, y-units code at
/// +12, float32 first and last x at +16 and +20); key 3 the float32
/// ordinates.
public enum OMNICFile {
  /// Whether `head` starts like an OMNIC spectrum.
  public static func recognises(_ head: Data) -> Bool {
    head.prefix(18).elementsEqual(Array("Spectral Data File".utf8))
  }

  /// OMNIC's y-units codes, as the spectra carry them.
  static let yUnits: [Int: String] = [
    11: "%Reflectance", 12: "Log(1/R)", 15: "Single beam", 16: "%Transmittance", 17: "Absorbance",
    20: "Kubelka-Munk", 21: "Reflectance", 22: "Volts", 26: "Photoacoustic", 31: "Raman intensity",
  ]
  /// OMNIC's x-units codes.
  static let xUnits: [Int: String] = [1: "cm-1", 3: "nm", 4: "um", 2: "data points", 32: "s"]

  /// The spectrum of the file.
  public static func read(_ data: Data, source: String) throws(SpectroscopyError) -> OpticalSpectrum {
    guard recognises(data) else {
      throw .malformed(file: source, line: 0, expected: "'Spectral Data File' at byte 0 (an OMNIC .spa)")
    }
    let b = LittleEndianBytes(data)
    do {
      let title = try b.text(30, 256, "the title")
      var header: Int?
      var values: (offset: Int, size: Int)?
      var at = 304
      while at + 10 <= b.count {
        let key = try b.u8(at, "a directory key")
        if key == 0 || key == 1 { break }
        let offset = try b.u32(at + 2, "a block offset")
        let size = try b.u32(at + 6, "a block size")
        guard offset <= b.count, size <= b.count - offset else {
          throw SpectroscopyError.malformed(
            file: source, line: 0, expected: "the block of key \(key) (directory byte \(at)) inside the file")
        }
        switch key {
        case 2: header = offset
        case 3: values = (offset, size)
        default: break
        }
        at += 16
      }
      guard let header, let values else {
        throw SpectroscopyError.malformed(
          file: source, line: 0, expected: "a spectrum header (key 2) and data block (key 3) from byte 304")
      }
      let n = try b.u32(header + 4, "the number of points")
      guard n > 0, n <= values.size / 4 else {
        throw SpectroscopyError.malformed(
          file: source, line: 0, expected: "\(n) points (byte \(header + 4)) that the data block of \(values.size) bytes holds")
      }
      let xCode = try b.u32(header + 8, "the x units")
      let yCode = try b.u32(header + 12, "the y units")
      let first = try b.f32(header + 16)
      let last = try b.f32(header + 20)
      guard first.isFinite, last.isFinite else {
        throw SpectroscopyError.malformed(file: source, line: 0, expected: "finite first and last x at byte \(header + 16)")
      }
      let y = try (0..<n).map { try b.f32(values.offset + 4 * $0) }
      let step = n > 1 ? (last - first) / Double(n - 1) : 0
      let units = yUnits[yCode] ?? "code \(yCode)"
      return OpticalSpectrum(
        title: title, dataType: units, xUnits: xUnits[xCode] ?? "code \(xCode)", yUnits: units,
        x: (0..<n).map { first + Double($0) * step }, y: y, origin: "Thermo OMNIC .spa")
    } catch let error as LittleEndianBytes.Truncated {
      throw .malformed(file: source, line: 0, expected: "\(error.expected) at byte \(error.offset)")
    } catch let error as SpectroscopyError {
      throw error
    } catch {
      throw .malformed(file: source, line: 0, expected: "an OMNIC .spa file")
    }
  }
}
