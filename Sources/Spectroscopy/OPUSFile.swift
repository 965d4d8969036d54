import Foundation
import IonicsCore

/// Bruker OPUS binary files (`.0`, `.1`, …): a directory of typed blocks —
/// data blocks of float32 values, each with a "data status" parameter block
/// that gives its number of points (NPT), first and last abscissa (FXV,
/// LXV), units (DXU) and scale (CSF) — plus instrument and acquisition
/// parameters. Every 1-D spectrum of the file is read: absorbance (AB),
/// transmittance, reflectance, Kubelka–Munk, and the sample and reference
/// single channels; interferograms and phase are skipped.
///
/// Layout (little-endian): bytes 0–3 are 0A 0A FE FE; the directory offset
/// is the int32 at 12 and the block count the int32 at 20. Each directory
/// entry is three int32: the type code, the length in 32-bit words and the
/// byte offset. Type code bits 0–1 say real/imaginary/amplitude, 2–3
/// sample/reference/ratio, 4–9 the parameter-block kind (1 = data status),
/// 10–16 the data kind (4 = absorbance, 5 = transmittance, 12 =
/// reflectance …), 19–21 compact (4) or series (2) storage.
public enum OPUSFile {
  /// Whether `head` starts with the OPUS signature.
  public static func recognises(_ head: Data) -> Bool {
    head.prefix(4).elementsEqual([0x0A, 0x0A, 0xFE, 0xFE])
  }

  /// The kind of 1-D data a block holds, by bits 10–16 of its type code.
  static let dataKinds: [Int: (code: String, units: String)] = [
    1: ("ScSm", "single channel"), 4: ("AB", "absorbance"), 5: ("TR", "transmittance"),
    6: ("KM", "kubelka-munk"), 10: ("RAM", "raman intensity"), 11: ("EMI", "emission intensity"),
    12: ("REFL", "reflectance"), 15: ("LRF", "log(1/R)"), 16: ("ATR", "absorbance"),
    17: ("PAS", "photoacoustic intensity"), 18: ("ARIT", "transmittance"), 19: ("ARIA", "absorbance"),
  ]

  struct Block {
    var type: Int
    var offset: Int
    var length: Int
    var bits: (complex: Int, channel: Int, parameters: Int, data: Int, derivative: Int, storage: Int) {
      (type & 0x3, (type >> 2) & 0x3, (type >> 4) & 0x3F, (type >> 10) & 0x7F, (type >> 17) & 0x3, (type >> 19) & 0x7)
    }
    /// Whether a data-status block and a data block describe the same curve.
    func describes(_ data: Block) -> Bool {
      let a = bits, b = data.bits
      return a.complex == b.complex && a.channel == b.channel && a.data == b.data && a.derivative == b.derivative
        && a.storage == b.storage
    }
  }

  /// Every 1-D spectrum of the file, the main result first (absorbance,
  /// transmittance or reflectance before single channels, the latest
  /// written first).
  public static func read(_ data: Data, source: String) throws(SpectroscopyError) -> [OpticalSpectrum] {
    let b = LittleEndianBytes(data)
    guard recognises(data) else {
      throw .malformed(file: source, line: 0, expected: "the OPUS signature 0A 0A FE FE at byte 0")
    }
    do {
      let directory = try b.i32(12, "the directory offset")
      let count = try b.i32(20, "the number of blocks")
      guard count > 0, count <= b.count / 12 else {
        throw SpectroscopyError.malformed(
          file: source, line: 0, expected: "a block count the file can hold at byte 20, not \(count)")
      }
      var blocks: [Block] = []
      for k in 0..<count {
        let at = directory + 12 * k
        let type = try b.i32(at, "directory entry \(k + 1)")
        let words = try b.i32(at + 4, "the length of block \(k + 1)")
        let offset = try b.i32(at + 8, "the offset of block \(k + 1)")
        guard offset > 0 else { break }
        guard words >= 0, words <= b.count / 4, offset <= b.count - 4 * words else {
          throw SpectroscopyError.malformed(
            file: source, line: 0, expected: "block \(k + 1) (directory byte \(at)) inside the file")
        }
        blocks.append(Block(type: type, offset: offset, length: 4 * words))
      }
      let statuses = blocks.filter { $0.bits.parameters == 1 }
      let data = blocks.filter {
        $0.bits.parameters == 0 && $0.bits.storage != 2 && $0.bits.storage != 5 && dataKinds[$0.bits.data] != nil
          && $0.bits.complex != 1 && $0.bits.complex != 2
      }
      var used = Set<Int>()
      var spectra: [OpticalSpectrum] = []
      var generalTitle = ""
      for block in blocks where block.bits.parameters > 1 {
        let p = try parameters(b, block, source: source)
        if generalTitle.isEmpty, let name = p["SNM"] { generalTitle = name }
      }
      for block in data {
        let candidates = statuses.filter { $0.describes(block) && !used.contains($0.offset) }
        guard let status = try pick(candidates, for: block, in: b, source: source) else { continue }
        used.insert(status.offset)
        spectra.append(try spectrum(b, data: block, status: status, title: generalTitle, source: source))
      }
      guard !spectra.isEmpty else {
        throw SpectroscopyError.unsupported(
          file: source, "an OPUS file without a 1-D spectrum (only interferograms, phase or parameters)")
      }
      let rank: (OpticalSpectrum) -> Int = { $0.ordinate == .singleChannel ? 1 : 0 }
      // Results before single channels; of two results of one kind the later
      // one in the file (OPUS appends a reprocessed result), as brukeropus does.
      return spectra.enumerated().sorted { (rank($0.element), -$0.offset) < (rank($1.element), -$1.offset) }
        .map(\.element)
    } catch let error as LittleEndianBytes.Truncated {
      throw .malformed(file: source, line: 0, expected: "\(error.expected) at byte \(error.offset)")
    } catch let error as SpectroscopyError {
      throw error
    } catch {
      throw .malformed(file: source, line: 0, expected: "an OPUS file")
    }
  }

  /// The status block of `block` among `candidates`: the only one, or the
  /// one whose MNY/MXY match the block's scaled extremes, or the first.
  static func pick(_ candidates: [Block], for block: Block, in b: LittleEndianBytes, source: String) throws -> Block? {
    guard candidates.count > 1 else { return candidates.first }
    for candidate in candidates {
      let p = try parameters(b, candidate, source: source)
      guard let n = p["NPT"].flatMap(Int.init), n > 0, n <= block.length / 4,
        let minimum = p["MNY"].flatMap(Double.init), let maximum = p["MXY"].flatMap(Double.init)
      else { continue }
      let scale = p["CSF"].flatMap(Double.init) ?? 1
      let values = try (0..<n).map { scale * (try b.f32(block.offset + 4 * $0)) }
      if values.min() == minimum, values.max() == maximum { return candidate }
    }
    return candidates.first
  }

  /// One spectrum: `NPT` float32 values of the data block, scaled by `CSF`,
  /// on an even grid from `FXV` to `LXV`.
  static func spectrum(
    _ b: LittleEndianBytes, data: Block, status: Block, title: String, source: String
  ) throws -> OpticalSpectrum {
    let p = try parameters(b, status, source: source)
    guard let n = p["NPT"].flatMap(Int.init), n > 0, let first = p["FXV"].flatMap(Double.init),
      let last = p["LXV"].flatMap(Double.init), first.isFinite, last.isFinite
    else {
      throw SpectroscopyError.malformed(
        file: source, line: 0, expected: "NPT, FXV and LXV in the data status block at byte \(status.offset)")
    }
    guard n <= data.length / 4 else {
      throw SpectroscopyError.malformed(
        file: source, line: 0,
        expected: "\(n) points (NPT) in the data block at byte \(data.offset), which holds \(data.length / 4)")
    }
    let format = p["DPF"].flatMap(Int.init) ?? 1
    let scale = p["CSF"].flatMap(Double.init) ?? 1
    // A compact block keeps its values at the end.
    let start = data.bits.storage == 4 ? data.offset + data.length - 4 * n : data.offset
    let y: [Double] = try (0..<n).map {
      let at = start + 4 * $0
      return scale * (format == 2 ? Double(try b.i32(at, "an int32 value")) : try b.f32(at))
    }
    let step = n > 1 ? (last - first) / Double(n - 1) : 0
    let kind = dataKinds[data.bits.data] ?? ("?", "")
    let channel = data.bits.channel == 2 ? "reference " : data.bits.channel == 1 ? "sample " : ""
    let units = p["DXU"] ?? "WN"
    return OpticalSpectrum(
      title: title, dataType: channel + kind.units, xUnits: units == "WN" ? "cm-1" : units,
      yUnits: kind.units, x: (0..<n).map { first + Double($0) * step }, y: y,
      origin: "Bruker OPUS \(kind.code)\(data.bits.channel == 2 ? " reference" : "")")
  }

  /// A parameter block: entries of a 3-letter key, a NUL, an int16 type
  /// (0 int32, 1 float64, else text), an int16 size in 16-bit words and the
  /// value, up to `END`.
  static func parameters(_ b: LittleEndianBytes, _ block: Block, source: String) throws -> [String: String] {
    var p: [String: String] = [:]
    var at = block.offset
    let end = block.offset + block.length
    while at + 8 <= end {
      let key = try b.text(at, 3, "a parameter name")
      if key == "END" || key.isEmpty { break }
      let type = try b.u16(at + 4, "the type of parameter \(key)")
      let size = 2 * (try b.u16(at + 6, "the size of parameter \(key)"))
      switch type {
      case 0: p[key] = String(try b.i32(at + 8, "the value of \(key)"))
      case 1: p[key] = String(try b.f64(at + 8, "the value of \(key)"))
      default: p[key] = try b.text(at + 8, size, "the text of \(key)")
      }
      at += 8 + size
    }
    return p
  }
}
