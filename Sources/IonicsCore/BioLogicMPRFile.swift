import Foundation

/// The layout of a BioLogic EC-Lab binary `.mpr` file, shared by every
/// reader of it (impedance spectra, cycling): a magic string, then modules
/// ("VMP Set", "VMP data", "VMP LOG", …) each with a header giving its
/// length and version. The data module holds the point count, the column
/// ids and packed little-endian records. Layout facts as documented by the
/// galvani project (reverse-engineered; EC-Lab publishes no specification).
package struct BioLogicMPRFile: Sendable {
  /// Why the bytes are not a readable `.mpr`.
  package enum Failure: Error, Sendable, Equatable {
    /// The bytes end, or a structure breaks, at `offset`, where `expected` was due.
    case truncated(offset: Int, expected: String)
    /// Not an `.mpr`, or a layout not known.
    case unknownFormat(String)
    /// No "VMP data" module; the modules found.
    case noDataModule(found: [String])
    /// A data module without points.
    case noData

    /// What is wrong, as the end of a sentence that names the file.
    package var reason: String {
      switch self {
      case .truncated(let offset, let expected):
        return "expected \(expected) at byte \(offset): the file is cut short or damaged"
      case .unknownFormat(let what): return what
      case .noDataModule(let found):
        return "no 'VMP data' module (modules: \(found.joined(separator: ", ")))"
      case .noData: return "no records in the data module"
      }
    }
  }

  /// One module: name, version, date text, where its data start and how long.
  package struct Module: Sendable {
    package let name: String
    package let version: Int
    package let date: String
    package let start: Int
    package let length: Int
  }

  /// Every module in file order.
  package let modules: [Module]
  /// The data module's version (0, 2 or 3).
  package let dataVersion: Int
  /// The column ids in record order.
  package let columnIDs: [Int]
  /// Number of records.
  package let points: Int
  /// Unknown columns that were skipped, and the like.
  package let notes: [Diagnostic]
  let bytes: [UInt8]
  let recordsStart: Int
  let recordSize: Int
  let offsets: [Int: Int]
  let flagsOffset: Int?

  /// Sizes and names of the data columns by id. Ids 1, 2, 3, 21, 31, 65 are
  /// flags packed together into one byte.
  package static let flagIDs: Set<Int> = [1, 2, 3, 21, 31, 65]
  package static let columns: [Int: (name: String, size: Int, isFloat: Bool)] = {
    let f4 = 4
    let f8 = 8
    var c: [Int: (String, Int, Bool)] = [
      4: ("time/s", f8, true), 5: ("control/V/mA", f4, true), 6: ("Ewe/V", f4, true),
      7: ("dq/mA.h", f8, true),
      8: ("I/mA", f4, true), 9: ("Ece/V", f4, true), 11: ("<I>/mA", f8, true),
      13: ("(Q-Qo)/mA.h", f8, true),
      16: ("Analog IN 1/V", f4, true), 17: ("Analog IN 2/V", f4, true), 19: ("control/V", f4, true),
      20: ("control/mA", f4, true), 23: ("dQ/mA.h", f8, true), 24: ("cycle number", f8, true),
      26: ("Rapp/Ohm", f4, true),
      27: ("Ewe-Ece/V", f4, true), 32: ("freq/Hz", f4, true), 33: ("|Ewe|/V", f4, true),
      34: ("|I|/A", f4, true),
      35: ("Phase(Z)/deg", f4, true), 36: ("|Z|/Ohm", f4, true), 37: ("Re(Z)/Ohm", f4, true),
      38: ("-Im(Z)/Ohm", f4, true),
      39: ("I Range", 2, false), 69: ("R/Ohm", f4, true), 70: ("P/W", f4, true),
      74: ("|Energy|/W.h", f8, true),
      75: ("Analog OUT/V", f4, true), 76: ("<I>/mA", f4, true), 77: ("<Ewe>/V", f4, true),
      78: ("Cs-2/µF-2", f4, true),
      96: ("|Ece|/V", f4, true), 98: ("Phase(Zce)/deg", f4, true), 99: ("|Zce|/Ohm", f4, true),
      100: ("Re(Zce)/Ohm", f4, true), 101: ("-Im(Zce)/Ohm", f4, true),
      123: ("Energy charge/W.h", f8, true),
      124: ("Energy discharge/W.h", f8, true), 125: ("Capacitance charge/µF", f8, true),
      126: ("Capacitance discharge/µF", f8, true), 131: ("Ns", 2, false),
      163: ("|Estack|/V", f4, true),
      168: ("Rcmp/Ohm", f4, true), 169: ("Cs/µF", f4, true), 172: ("Cp/µF", f4, true),
      173: ("Cp-2/µF-2", f4, true),
      174: ("<Ewe>/V", f4, true), 178: ("(Q-Qo)/C", f4, true), 179: ("dQ/C", f4, true),
      211: ("Q charge/discharge/mA.h", f8, true), 212: ("half cycle", 4, false),
      213: ("z cycle", 4, false),
      242: ("|E2|/V", f4, true), 391: ("<E1>/V", f4, true), 392: ("<E2>/V", f4, true),
      426: ("<Estack>/V", f4, true),
      434: ("(Q-Qo)/C", f4, true), 435: ("dQ/C", f4, true), 438: ("step time/s", f8, true),
      441: ("<Ecv>/V", f4, true),
      462: ("Temperature/°C", f4, true), 467: ("Q charge/discharge/mA.h", f8, true),
      468: ("half cycle", 4, false),
      469: ("z cycle", 4, false), 471: ("<Ece>/V", f4, true), 498: ("Q charge/mA.h", f8, true),
      499: ("Q discharge/mA.h", f8, true), 500: ("step time/s", f8, true),
      501: ("Efficiency/%", f8, true),
      502: ("Capacity/mA.h", f8, true), 505: ("Rdc/Ohm", f4, true),
      509: ("Acir/Dcir Control", 1, false),
    ]
    // Harmonic and per-electrode impedance columns, all float32.
    for id in [217, 218, 220, 221, 223, 224, 473, 474, 476, 477, 479, 480] {
      c[id] = ("distortion \(id)", f4, true)
    }
    for id in Array(230...241) + Array(486...497) { c[id] = ("harmonic \(id)", f4, true) }
    for id in [271, 272, 301, 302, 331, 332, 361, 362, 422, 423, 424, 425, 430, 431, 432, 433] {
      c[id] = ("impedance \(id)", f4, true)
    }
    return c.mapValues { (name: $0.0, size: $0.1, isFloat: $0.2) }
  }()

  static let magic =
    Array("BIO-LOGIC MODULAR FILE\u{1A}".utf8) + Array(repeating: UInt8(32), count: 25) + [
      0, 0, 0, 0,
    ]

  /// The shared little-endian reader, its errors as this file's `truncated`.
  struct Bytes {
    let reader: LittleEndianBytes
    var bytes: [UInt8] { reader.bytes }
    init(bytes: [UInt8]) { reader = LittleEndianBytes(bytes) }

    func slice(_ offset: Int, _ count: Int, _ what: String) throws(Failure) -> ArraySlice<UInt8> {
      do { return try reader.slice(offset, count, what) } catch {
        throw .truncated(offset: error.offset, expected: error.expected)
      }
    }
    func u8(_ offset: Int, _ what: String) throws(Failure) -> Int {
      do { return try reader.u8(offset, what) } catch {
        throw .truncated(offset: error.offset, expected: error.expected)
      }
    }
    func u16(_ offset: Int, _ what: String) throws(Failure) -> Int {
      do { return try reader.u16(offset, what) } catch {
        throw .truncated(offset: error.offset, expected: error.expected)
      }
    }
    func u32(_ offset: Int, _ what: String) throws(Failure) -> Int {
      do { return try reader.u32(offset, what) } catch {
        throw .truncated(offset: error.offset, expected: error.expected)
      }
    }
    func f32(_ offset: Int) throws(Failure) -> Double {
      do { return try reader.f32(offset) } catch {
        throw .truncated(offset: error.offset, expected: error.expected)
      }
    }
    func f64(_ offset: Int) throws(Failure) -> Double {
      do { return try reader.f64(offset) } catch {
        throw .truncated(offset: error.offset, expected: error.expected)
      }
    }
  }

  static func modules(_ b: Bytes) throws(Failure) -> [Module] {
    guard b.bytes.starts(with: magic) else {
      throw .unknownFormat("not a BioLogic .mpr file (bad magic)")
    }
    var offset = magic.count
    var modules: [Module] = []
    while offset < b.bytes.count {
      guard Array(try b.slice(offset, 6, "'MODULE'")) == Array("MODULE".utf8) else {
        throw .truncated(offset: offset, expected: "'MODULE' starting the next module")
      }
      let header = offset + 6
      let name = String(decoding: try b.slice(header, 10, "a module name"), as: UTF8.self)
        .trimmingCharacters(in: .whitespaces)
      // EC-Lab ≥ 11.50 writes FF FF FF FF after the long name and a longer header.
      let newHeader =
        Array(try b.slice(header + 35, 4, "a module header")) == [0xFF, 0xFF, 0xFF, 0xFF]
      let length: Int
      let version: Int
      let dateOffset: Int
      let dataStart: Int
      if newHeader {
        length = try b.u32(header + 39, "the module length")
        version = try b.u32(header + 43, "the module version")
        dateOffset = header + 51
        dataStart = header + 59
      } else {
        length = try b.u32(header + 35, "the module length")
        version = try b.u32(header + 39, "the module version")
        dateOffset = header + 43
        dataStart = header + 51
      }
      let date = String(decoding: try b.slice(dateOffset, 8, "the module date"), as: UTF8.self)
      _ = try b.slice(dataStart, length, "\(length) bytes of module '\(name)'")
      modules.append(
        Module(name: name, version: version, date: date, start: dataStart, length: length))
      offset = dataStart + length
    }
    return modules
  }

  /// Reads the module list and the data module's layout from `data`.
  package init(_ data: Data) throws(Failure) {
    let b = Bytes(bytes: [UInt8](data))
    let all = try Self.modules(b)
    guard let module = all.first(where: { $0.name == "VMP data" }) else {
      throw .noDataModule(found: all.map(\.name))
    }
    let base = module.start
    let points = try b.u32(base, "the point count")
    let columnCount = try b.u8(base + 4, "the column count")
    var ids: [Int] = []
    let recordsStart: Int
    switch module.version {
    case 0:
      if try b.u8(base + 5, "the first column id") != 0 {
        for k in 0..<columnCount { ids.append(try b.u8(base + 5 + k, "column id \(k + 1)")) }
        recordsStart = base + 100
      } else {
        // EC-Lab ≥ 11.50, version 0: a zero byte, then the ids as 16-bit
        // little-endian numbers (ids above 255, such as 438 or 883, use both bytes).
        for k in 0..<columnCount { ids.append(try b.u16(base + 6 + 2 * k, "column id \(k + 1)")) }
        recordsStart = base + 1007
      }
    case 2, 3:
      for k in 0..<columnCount { ids.append(try b.u16(base + 5 + 2 * k, "column id \(k + 1)")) }
      recordsStart = base + (module.version == 3 ? 406 : 405)
    default:
      throw .unknownFormat("data module version \(module.version) (known: 0, 2, 3)")
    }
    let available = base + module.length - recordsStart
    guard points > 0, available >= 0 else { throw .noData }
    let recordSize = available / points
    let flagIDs = Self.flagIDs
    let columns = Self.columns
    let unknown = ids.filter { !flagIDs.contains($0) && columns[$0] == nil }
    let knownSize =
      ids.reduce(0) { total, id in
        if flagIDs.contains(id) { return total }
        return total + (columns[id]?.size ?? 0)
      } + (ids.contains(where: flagIDs.contains) ? 1 : 0)
    // Unknown ids are skipped when their size follows from the record size:
    // one unknown takes what is left; several take 4 bytes each (float32, as
    // nearly every EC-Lab column) or 8 each (float64) when exactly that is left.
    let remainder = recordSize - knownSize
    let unknownSize: Int
    if unknown.isEmpty {
      unknownSize = 0
    } else if unknown.count == 1 && remainder > 0 {
      unknownSize = remainder
    } else if remainder == 4 * unknown.count || remainder == 8 * unknown.count {
      unknownSize = remainder / unknown.count
    } else {
      throw .unknownFormat(
        "unknown column ids \(unknown.map(String.init).joined(separator: ", ")) in the data module at byte \(base + 5): "
          + "\(remainder) bytes per record are unaccounted for, so their sizes cannot be told")
    }
    var offsets: [Int: Int] = [:]
    var position = 0
    var flagsOffset: Int?
    var notes: [Diagnostic] = []
    for id in ids {
      if flagIDs.contains(id) {
        if flagsOffset == nil {
          flagsOffset = position
          position += 1
        }
      } else if let column = columns[id] {
        if offsets[id] == nil { offsets[id] = position }
        position += column.size
      } else {
        notes.append(
          .warning(
            "unknownColumnSkipped", "skipped unknown column id \(id) (\(unknownSize) bytes)"))
        position += unknownSize
      }
    }
    guard position == recordSize, recordsStart + points * recordSize <= b.bytes.count else {
      throw .truncated(
        offset: recordsStart,
        expected: "\(points) records of \(position) bytes (found \(recordSize)-byte records)")
    }
    self.modules = all
    dataVersion = module.version
    columnIDs = ids
    self.points = points
    self.notes = notes
    bytes = b.bytes
    self.recordsStart = recordsStart
    self.recordSize = recordSize
    self.offsets = offsets
    self.flagsOffset = flagsOffset
  }

  /// The names of the columns that the file holds (known ids only).
  package var columnNames: [String] { columnIDs.compactMap { Self.columns[$0]?.name } }

  /// Whether the records hold column `id`.
  package func has(_ id: Int) -> Bool { offsets[id] != nil }

  /// The values of column `id` for every record (floats as written; integer
  /// columns as numbers); nil when the file has no such column.
  package func values(_ id: Int) -> [Double]? {
    guard let offset = offsets[id], let column = Self.columns[id] else { return nil }
    let b = Bytes(bytes: bytes)
    var out: [Double] = []
    out.reserveCapacity(points)
    for k in 0..<points {
      let r = recordsStart + k * recordSize + offset
      // The layout was checked against the byte count when the file was opened.
      let value: Double?
      switch (column.isFloat, column.size) {
      case (true, 4): value = try? b.f32(r)
      case (true, 8): value = try? b.f64(r)
      case (false, 1): value = (try? b.u8(r, "")).map(Double.init)
      case (false, 2): value = (try? b.u16(r, "")).map(Double.init)
      default: value = (try? b.u32(r, "")).map(Double.init)
      }
      out.append(value ?? .nan)
    }
    return out
  }

  /// The flags byte of every record (mode bits 0–1, ox/red bit 2, error
  /// bit 3, control changes bit 4, Ns changes bit 5, counter inc. bit 7);
  /// nil when the records carry none.
  package var flags: [UInt8]? {
    guard let offset = flagsOffset else { return nil }
    return (0..<points).map { bytes[recordsStart + $0 * recordSize + offset] }
  }

  /// The date of the "VMP Set" module, as written.
  package var settingsDate: String? { modules.first { $0.name == "VMP Set" }?.date }

  /// "Mass of active material" from the settings module (float32, mg, at
  /// byte 0x107 of its data, as yadg documents the layout; checked against
  /// the .mpt headers of two files); nil when absent, zero or EC-Lab's
  /// placeholder 0.001 mg.
  package var activeMassMilligrams: Double? {
    guard let settings = modules.first(where: { $0.name == "VMP Set" }),
      settings.length >= 0x10B, settings.start + 0x10B <= bytes.count
    else { return nil }
    let mass =
      (try? LittleEndianBytes(Array(bytes[(settings.start + 0x107)..<(settings.start + 0x10B)]))
        .f32(0)) ?? 0
    return mass.isFinite && mass > 0.001_000_1 && mass < 1e6 ? mass : nil
  }
}
