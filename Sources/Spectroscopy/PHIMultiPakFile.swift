import Foundation
import IonicsCore

/// PHI MultiPak binary spectra (`.spe`) and sputter depth profiles
/// (`.pro`): a text header from `SOFH` to `EOFH` (one `Key: value` per
/// line; `SpectralRegDef:` gives each region's number, name, point count,
/// step, start and end binding energy and pass energy; `XraySource:` the
/// anode and photon energy), then binary data: a uint32, and per region 24
/// uint32 — the point count at index 8, the number of cycles (sputter
/// cycles of a profile) at 9, the byte length at 22 and the offset from the
/// start of the binary part at 23 — and the intensities, float32 or float64
/// (whichever the length implies), one block of points per cycle. One
/// spectrum per region and cycle; intensities as exported.
public enum PHIMultiPakFile {
  /// Whether `head` starts like a MultiPak file.
  public static func recognises(_ head: Data) -> Bool {
    head.prefix(4).elementsEqual(Array("SOFH".utf8))
  }

  struct Region {
    var name: String
    var points: Int
    var step: Double
    var start: Double
    var passEnergy: Double?
  }

  /// Every region and cycle of the file.
  public static func read(_ data: Data, source: String) throws(SpectroscopyError) -> [PhotoelectronSpectrum] {
    let bytes = [UInt8](data)
    guard recognises(data), let end = headerEnd(bytes) else {
      throw .malformed(file: source, line: 1, expected: "a SOFH … EOFH text header (PHI MultiPak)")
    }
    let header = String(decoding: bytes[..<end.header].map { UInt16($0) }, as: UTF16.self)
    var regions: [Region] = []
    var photon: Double?
    var source_ = ""
    var sample = ""
    for (index, line) in splitLines(header).enumerated() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let key = line[..<colon].trimmingCharacters(in: .whitespaces)
      let fields = line[line.index(after: colon)...].split(separator: " ").map(String.init)
      switch key {
      case "SpectralRegDef":
        guard fields.count >= 12, let n = Int(fields[4]), n > 0, n <= bytes.count, let step = Double(fields[5]),
          let start = Double(fields[6]), step.isFinite, start.isFinite
        else {
          throw .malformed(file: source, line: index + 1, expected: "SpectralRegDef: number, name, points, step, start …")
        }
        regions.append(Region(name: fields[2], points: n, step: step, start: start, passEnergy: Double(fields[11])))
      case "XraySource":
        source_ = fields.first ?? ""
        photon = fields.dropFirst().first.flatMap(Double.init)
      case "FileDesc":
        sample = fields.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: "() "))
      default: break
      }
    }
    guard !regions.isEmpty else {
      throw .malformed(file: source, line: 0, expected: "at least one SpectralRegDef line in the header")
    }
    let binary = LittleEndianBytes(Array(bytes[end.data...]))
    var spectra: [PhotoelectronSpectrum] = []
    do {
      for (k, region) in regions.enumerated() {
        let at = 4 + 96 * k
        let points = try binary.u32(at + 32, "the point count of region \(k + 1)")
        let cycles = try binary.u32(at + 36, "the cycle count of region \(k + 1)")
        let length = try binary.u32(at + 88, "the data length of region \(k + 1)")
        let offset = try binary.u32(at + 92, "the data offset of region \(k + 1)")
        guard points == region.points, cycles >= 1, points * cycles > 0, length % (points * cycles) == 0 else {
          throw SpectroscopyError.malformed(
            file: source, line: 0,
            expected: "region \(region.name): \(region.points) points (header) in its binary block, not \(points) × \(cycles) in \(length) bytes")
        }
        let width = length / (points * cycles)
        guard width == 4 || width == 8 else {
          throw SpectroscopyError.malformed(file: source, line: 0, expected: "float32 or float64 intensities for \(region.name)")
        }
        let energies = (0..<points).map { region.start + Double($0) * region.step }
        for cycle in 0..<cycles {
          let base = offset + cycle * points * width
          let y = try (0..<points).map { i -> Double in
            width == 4 ? try binary.f32(base + 4 * i) : try binary.f64(base + 8 * i)
          }
          spectra.append(
            .fromExport(
              name: cycles > 1 ? "\(region.name) (cycle \(cycle + 1))" : region.name, sample: sample,
              photonEnergy: photon, source: source_, passEnergy: region.passEnergy, axis: .binding,
              energies: energies, signal: y, signalLabel: "intensity (as exported)", dwellSeconds: nil, scans: nil))
        }
      }
    } catch let error as LittleEndianBytes.Truncated {
      throw .malformed(
        file: source, line: 0, expected: "\(error.expected) at byte \(error.offset + end.data) (binary part cut short)")
    } catch let error as SpectroscopyError {
      throw error
    } catch {
      throw .malformed(file: source, line: 0, expected: "a PHI MultiPak binary part")
    }
    return spectra
  }

  /// Where the text header ends and the binary part starts (after
  /// "EOFH" and its line end).
  static func headerEnd(_ bytes: [UInt8]) -> (header: Int, data: Int)? {
    let marker = Array("EOFH".utf8)
    let limit = min(bytes.count, 1 << 20) - 4
    guard limit > 0 else { return nil }
    for i in 0..<limit where bytes[i] == marker[0] && bytes[i + 1] == marker[1] && bytes[i + 2] == marker[2]
      && bytes[i + 3] == marker[3]
    {
      var j = i + 4
      if j < bytes.count, bytes[j] == 13 { j += 1 }
      if j < bytes.count, bytes[j] == 10 { j += 1 }
      return (i, j)
    }
    return nil
  }
}
