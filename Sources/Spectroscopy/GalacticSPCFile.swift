import Foundation
import IonicsCore

/// Galactic (Thermo GRAMS) `.spc` files in the new little-endian format
/// (version byte 0x4B): a 512-byte header (flags, version, the y exponent,
/// the point count, first and last x as float64, the number of subfiles,
/// the x- and y-type codes), an optional float32 x array (flag 0x80), then
/// per subfile a 32-byte header and the ordinates — float32 when the
/// exponent is −128, else integers scaled by 2^(exponent − 32) (int32) or
/// 2^(exponent − 16) (int16, flag 0x01). Every subfile is one spectrum; the
/// per-subfile x arrays of the XYXY form (flag 0x40) are refused.
public enum GalacticSPCFile {
  /// Whether `head` looks like a new-format SPC header.
  public static func recognises(_ head: Data) -> Bool {
    let bytes = [UInt8](head.prefix(2))
    return bytes.count == 2 && bytes[1] == 0x4B && head.count >= 512
  }

  /// The x-type codes of the format.
  static let xTypes: [Int: String] = [
    0: "arbitrary", 1: "cm-1", 2: "um", 3: "nm", 4: "s", 5: "min", 6: "Hz", 7: "kHz", 8: "MHz",
    13: "Raman Shift (cm-1)", 14: "eV",
  ]
  /// The y-type codes of the format.
  static let yTypes: [Int: String] = [
    0: "arbitrary intensity", 1: "interferogram", 2: "absorbance", 3: "kubelka-munk", 4: "counts",
    11: "%Transmittance", 12: "%Reflectance", 128: "transmittance", 129: "reflectance",
  ]

  /// Every subfile of the file.
  public static func read(_ data: Data, source: String) throws(SpectroscopyError) -> [OpticalSpectrum] {
    let b = LittleEndianBytes(data)
    do {
      let flags = try b.u8(0, "the flags")
      let version = try b.u8(1, "the version")
      guard version == 0x4B else {
        throw SpectroscopyError.unsupported(
          file: source, "an SPC file of version 0x\(String(version, radix: 16)); only the new LSB format (0x4B) is read")
      }
      guard flags & 0x40 == 0 else {
        throw SpectroscopyError.unsupported(file: source, "an SPC file with its own x array per subfile (XYXY): not read")
      }
      let exponent = Int(Int8(truncatingIfNeeded: try b.u8(3, "the exponent")))
      let n = try b.u32(4, "the number of points")
      let first = try b.f64(8), last = try b.f64(16)
      let subfiles = try b.u32(24, "the number of subfiles")
      let xType = try b.u8(28, "the x type"), yType = try b.u8(29, "the y type")
      let comment = try b.text(88, 130, "the comment")
      let width = flags & 0x01 != 0 ? 2 : 4
      guard n > 0, n <= b.count / width, subfiles >= 1, subfiles <= b.count / (32 + width * n) else {
        throw SpectroscopyError.malformed(
          file: source, line: 0, expected: "a point count (byte 4, \(n)) and subfile count (byte 24, \(subfiles)) the file can hold")
      }
      var at = 512
      var x: [Double]
      if flags & 0x80 != 0 {
        x = try (0..<n).map { try b.f32(512 + 4 * $0) }
        at += 4 * n
      } else {
        let step = n > 1 ? (last - first) / Double(n - 1) : 0
        x = (0..<n).map { first + Double($0) * step }
      }
      var spectra: [OpticalSpectrum] = []
      for k in 0..<subfiles {
        let sub = Int(Int8(truncatingIfNeeded: try b.u8(at + 1, "the exponent of subfile \(k + 1)")))
        let e = flags & 0x04 != 0 ? sub : exponent
        let body = at + 32
        let y: [Double] = try (0..<n).map {
          if e == -128 { return try b.f32(body + 4 * $0) }
          if width == 2 {
            return Double(Int16(truncatingIfNeeded: try b.u16(body + 2 * $0, "an int16 value"))) * pow(2, Double(e - 16))
          }
          return Double(try b.i32(body + 4 * $0, "an int32 value")) * pow(2, Double(e - 32))
        }
        let units = yTypes[yType] ?? "code \(yType)"
        spectra.append(
          OpticalSpectrum(
            title: comment, dataType: units, xUnits: xTypes[xType] ?? "code \(xType)", yUnits: units, x: x, y: y,
            origin: "Galactic .spc"))
        at = body + width * n
      }
      return spectra
    } catch let error as LittleEndianBytes.Truncated {
      throw .malformed(file: source, line: 0, expected: "\(error.expected) at byte \(error.offset)")
    } catch let error as SpectroscopyError {
      throw error
    } catch {
      throw .malformed(file: source, line: 0, expected: "a Galactic .spc file")
    }
  }
}
