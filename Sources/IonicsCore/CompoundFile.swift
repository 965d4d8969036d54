import Foundation

/// The streams of a Microsoft compound file (OLE2 / CFB: the container of
/// .xls workbooks and other legacy Office files): a header, a sector
/// allocation table (FAT) listed by the header's DIFAT, a directory of
/// named entries, and a mini stream for the small ones. Layout from
/// Microsoft's [MS-CFB] specification.
package struct CompoundFile: Sendable {
  private let file: LittleEndianBytes
  private let sectorSize: Int
  private let miniSectorSize: Int
  private let miniCutoff: Int
  private let fat: [Int]
  private let miniFAT: [Int]
  private let miniStream: [UInt8]
  /// The directory's streams: name and (start sector, size).
  private let entries: [String: (start: Int, size: Int)]

  /// Whether `data` starts with the compound-file signature.
  package static func recognises(_ data: Data) -> Bool {
    data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
  }

  /// Parses the container; the error says at which byte it is broken.
  package init(_ data: Data) throws(LittleEndianBytes.Truncated) {
    let b = LittleEndianBytes(data)
    guard Self.recognises(data) else {
      throw .init(offset: 0, expected: "the compound-file signature D0 CF 11 E0 A1 B1 1A E1")
    }
    file = b
    let shift = try b.u16(0x1E, "the sector shift")
    guard shift == 9 || shift == 12 else {
      throw .init(offset: 0x1E, expected: "a sector shift of 9 or 12")
    }
    sectorSize = 1 << shift
    miniSectorSize = 1 << (try b.u16(0x20, "the mini sector shift"))
    miniCutoff = try b.u32(0x38, "the mini stream cut-off")
    // The DIFAT: 109 entries in the header, then a chain of DIFAT sectors.
    var fatSectors: [Int] = []
    for k in 0..<109 {
      let s = try b.u32(0x4C + 4 * k, "a DIFAT entry")
      if s < 0xFFFF_FFFA { fatSectors.append(s) }
    }
    var difat = try b.u32(0x44, "the first DIFAT sector")
    // Every chain is bounded by the sectors the file holds: a DIFAT chain
    // that loops (or names more FAT sectors than there are) is an error,
    // not 100 000 passes over one sector.
    let sectorsInFile = max(data.count / sectorSize - 1, 0)
    var visited = Set<Int>()
    while difat < 0xFFFF_FFFA {
      guard visited.insert(difat).inserted, visited.count <= sectorsInFile else {
        throw .init(offset: 0x44, expected: "a DIFAT chain that ends within the file's \(sectorsInFile) sectors")
      }
      let base = (difat + 1) * sectorSize
      for k in 0..<(sectorSize / 4 - 1) {
        let s = try b.u32(base + 4 * k, "a DIFAT entry")
        if s < 0xFFFF_FFFA { fatSectors.append(s) }
      }
      difat = try b.u32(base + sectorSize - 4, "the next DIFAT sector")
    }
    guard fatSectors.count <= sectorsInFile else {
      throw .init(offset: 0x4C, expected: "at most \(sectorsInFile) FAT sectors (the file's size), not \(fatSectors.count)")
    }
    var table: [Int] = []
    table.reserveCapacity(fatSectors.count * sectorSize / 4)
    for s in fatSectors {
      let base = (s + 1) * sectorSize
      for k in 0..<(sectorSize / 4) { table.append(try b.u32(base + 4 * k, "a FAT entry")) }
    }
    fat = table
    let size = sectorSize
    func chain(_ start: Int, in allocation: [Int]) throws(LittleEndianBytes.Truncated) -> [Int] {
      var sectors: [Int] = []
      var s = start
      while s < 0xFFFF_FFFA {
        guard s < allocation.count, sectors.count <= allocation.count else {
          throw .init(offset: (s + 1) * size, expected: "a sector chain that ends")
        }
        sectors.append(s)
        s = allocation[s]
      }
      return sectors
    }
    func read(_ start: Int) throws(LittleEndianBytes.Truncated) -> [UInt8] {
      var out: [UInt8] = []
      for s in try chain(start, in: table) {
        out += try b.slice((s + 1) * size, size, "a sector of a stream")
      }
      return out
    }
    // The directory: 128-byte entries.
    let directory = try read(try b.u32(0x30, "the first directory sector"))
    var found: [String: (start: Int, size: Int)] = [:]
    var rootStart = 0xFFFF_FFFE
    var rootSize = 0
    let d = LittleEndianBytes(directory)
    for e in stride(from: 0, to: directory.count - 127, by: 128) {
      let type = try d.u8(e + 0x42, "a directory entry type")
      let nameLength = try d.u16(e + 0x40, "a directory name length")
      guard type == 2 || type == 5, nameLength >= 2, nameLength <= 64 else { continue }
      let units = try (0..<(nameLength / 2 - 1)).map {
        (k: Int) throws(LittleEndianBytes.Truncated) -> UInt16 in
        UInt16(try d.u16(e + 2 * k, "a directory name"))
      }
      let name = String(decoding: units, as: UTF16.self)
      let start = try d.u32(e + 0x74, "a stream's first sector")
      let length = Int(truncatingIfNeeded: try d.u64(e + 0x78, "a stream's size") & 0xFFFF_FFFF)
      if type == 5 {
        rootStart = start
        rootSize = length
      } else {
        found[name] = (start, length)
      }
    }
    entries = found
    miniStream = rootStart < 0xFFFF_FFFA ? Array(try read(rootStart).prefix(rootSize)) : []
    var mini: [Int] = []
    let miniStart = try b.u32(0x3C, "the first mini FAT sector")
    if miniStart < 0xFFFF_FFFA {
      let bytes = LittleEndianBytes(try read(miniStart))
      for k in 0..<(bytes.count / 4) { mini.append(try bytes.u32(4 * k, "a mini FAT entry")) }
    }
    miniFAT = mini
  }

  /// The names of the streams.
  package var streamNames: [String] { entries.keys.sorted() }

  /// The bytes of the stream `name`; nil when there is none.
  package func stream(_ name: String) throws(LittleEndianBytes.Truncated) -> [UInt8]? {
    guard let entry = entries[name] else { return nil }
    var out: [UInt8] = []
    var s = entry.start
    var steps = 0
    if entry.size < miniCutoff {
      while s < 0xFFFF_FFFA, out.count < entry.size {
        guard s < miniFAT.count, steps <= miniFAT.count else {
          throw .init(offset: s * miniSectorSize, expected: "a mini sector chain that ends")
        }
        let offset = s * miniSectorSize
        guard offset + miniSectorSize <= miniStream.count else {
          throw .init(offset: offset, expected: "a mini sector inside the mini stream")
        }
        out += miniStream[offset..<(offset + miniSectorSize)]
        s = miniFAT[s]
        steps += 1
      }
    } else {
      while s < 0xFFFF_FFFA, out.count < entry.size {
        guard s < fat.count, steps <= fat.count else {
          throw .init(offset: (s + 1) * sectorSize, expected: "a sector chain that ends")
        }
        out += try file.slice((s + 1) * sectorSize, sectorSize, "a sector of \(name)")
        s = fat[s]
        steps += 1
      }
    }
    return Array(out.prefix(entry.size))
  }
}
