import Foundation

/// The sheets of a legacy Excel workbook (.xls, BIFF8 inside a compound
/// file), as numbers and texts by row and column: what instrument software
/// such as TA Instruments' TRIOS exports. Formats, formulas' expressions and
/// styles are ignored; a formula's cached number is kept. Record layouts
/// from Microsoft's [MS-XLS] specification.
package struct ExcelBinaryWorkbook: Sendable {
  /// One cell's value.
  package enum Cell: Sendable, Equatable {
    case number(Double)
    case text(String)

    /// The number, or a text that reads as one.
    package var number: Double? {
      switch self {
      case .number(let x): return x
      case .text(let s): return Double(s.trimmingCharacters(in: .whitespaces))
      }
    }

    /// The text, or the number written out.
    package var text: String {
      switch self {
      case .number(let x): return String(x)
      case .text(let s): return s
      }
    }
  }

  /// One worksheet.
  package struct Sheet: Sendable {
    /// Its name on the tab.
    package let name: String
    /// Cells by row, then column (0-based).
    package let rows: [Int: [Int: Cell]]

    /// The row as an array up to its last cell (nil for empty cells).
    package func row(_ r: Int) -> [Cell?] {
      guard let cells = rows[r], let last = cells.keys.max() else { return [] }
      return (0...last).map { cells[$0] }
    }

    /// The last row index, or −1 for an empty sheet.
    package var lastRow: Int { rows.keys.max() ?? -1 }
  }

  /// The sheets in workbook order.
  package let sheets: [Sheet]

  /// Reads the workbook in `data`; errors name the byte offset.
  package init(_ data: Data) throws(LittleEndianBytes.Truncated) {
    let container = try CompoundFile(data)
    var found = try container.stream("Workbook")
    if found == nil { found = try container.stream("Book") }
    guard let stream = found else {
      throw .init(offset: 0, expected: "a 'Workbook' stream (an .xls saved by Excel 97 or later)")
    }
    let b = LittleEndianBytes(stream)
    // All records: (type, offset of the data, length).
    var records: [(type: Int, offset: Int, length: Int)] = []
    var offset = 0
    while offset + 4 <= b.count {
      let type = try b.u16(offset, "a record type")
      let length = try b.u16(offset + 2, "a record length")
      guard offset + 4 + length <= b.count else {
        throw .init(offset: offset, expected: "a record of \(length) bytes inside the stream")
      }
      records.append((type, offset + 4, length))
      offset += 4 + length
    }
    // Shared strings and sheet names from the globals.
    var strings: [String] = []
    var sheetStarts: [(name: String, position: Int)] = []
    var k = 0
    while k < records.count {
      let r = records[k]
      if r.type == 0x0085 {  // BOUNDSHEET8
        let position = try b.u32(r.offset, "a sheet's position")
        let name = try Self.shortString(b, at: r.offset + 6)
        sheetStarts.append((name, position))
      } else if r.type == 0x00FC {  // SST, with its CONTINUE records
        var chunks = [Array(try b.slice(r.offset, r.length, "the shared strings"))]
        var j = k + 1
        while j < records.count, records[j].type == 0x003C {
          chunks.append(
            Array(try b.slice(records[j].offset, records[j].length, "a CONTINUE record")))
          j += 1
        }
        strings = try Self.sharedStrings(chunks, base: r.offset)
        k = j
        continue
      }
      k += 1
    }
    // Each sheet's cells: records from its BOF to its EOF.
    var sheets: [Sheet] = []
    for (name, position) in sheetStarts {
      guard let first = records.firstIndex(where: { $0.offset - 4 == position }) else { continue }
      var rows: [Int: [Int: Cell]] = [:]
      func set(_ row: Int, _ column: Int, _ cell: Cell) { rows[row, default: [:]][column] = cell }
      var j = first + 1
      while j < records.count, records[j].type != 0x000A {
        let r = records[j]
        let o = r.offset
        switch r.type {
        case 0x0203:  // NUMBER
          set(try b.u16(o, "a row"), try b.u16(o + 2, "a column"), .number(try b.f64(o + 6)))
        case 0x027E:  // RK
          set(
            try b.u16(o, "a row"), try b.u16(o + 2, "a column"),
            .number(Self.rk(try b.u32(o + 6, "an RK value"))))
        case 0x00BD:  // MULRK
          let row = try b.u16(o, "a row")
          let firstColumn = try b.u16(o + 2, "a column")
          let count = max(0, (r.length - 6) / 6)
          for c in 0..<count {
            set(row, firstColumn + c, .number(Self.rk(try b.u32(o + 4 + 6 * c + 2, "an RK value"))))
          }
        case 0x00FD:  // LABELSST
          let index = try b.u32(o + 6, "a shared-string index")
          guard index < strings.count else {
            throw .init(offset: o + 6, expected: "a shared-string index below \(strings.count)")
          }
          set(try b.u16(o, "a row"), try b.u16(o + 2, "a column"), .text(strings[index]))
        case 0x0204:  // LABEL
          let length = try b.u16(o + 6, "a label length")
          let wide = try b.u8(o + 8, "a label's flags") & 1 == 1
          let text = try Self.characters(b, at: o + 9, count: length, wide: wide)
          set(try b.u16(o, "a row"), try b.u16(o + 2, "a column"), .text(text))
        case 0x0006:  // FORMULA: keep a cached number
          let result = try b.slice(o + 6, 8, "a formula result")
          if result[result.startIndex + 6] != 0xFF || result[result.startIndex + 7] != 0xFF {
            set(try b.u16(o, "a row"), try b.u16(o + 2, "a column"), .number(try b.f64(o + 6)))
          }
        default:
          break
        }
        j += 1
      }
      sheets.append(Sheet(name: name, rows: rows))
    }
    self.sheets = sheets
  }

  /// An RK number: a 30-bit integer or the top of a double, maybe ÷100.
  static func rk(_ value: Int) -> Double {
    let raw = UInt32(truncatingIfNeeded: value)
    var x: Double
    if raw & 0x02 != 0 {
      x = Double(Int32(bitPattern: raw) >> 2)
    } else {
      x = Double(bitPattern: UInt64(raw & 0xFFFF_FFFC) << 32)
    }
    if raw & 0x01 != 0 { x /= 100 }
    return x
  }

  static func characters(_ b: LittleEndianBytes, at offset: Int, count: Int, wide: Bool)
    throws(LittleEndianBytes.Truncated) -> String
  {
    if wide {
      let bytes = try b.slice(offset, 2 * count, "UTF-16 characters")
      let units = stride(from: bytes.startIndex, to: bytes.endIndex, by: 2).map {
        UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8
      }
      return String(decoding: units, as: UTF16.self)
    }
    let bytes = try b.slice(offset, count, "Latin-1 characters")
    return String(decoding: bytes.map { UInt16($0) }, as: UTF16.self)
  }

  /// A ShortXLUnicodeString: count byte, flags byte, characters.
  static func shortString(_ b: LittleEndianBytes, at offset: Int) throws(LittleEndianBytes
    .Truncated)
    -> String
  {
    let count = try b.u8(offset, "a sheet name's length")
    let wide = try b.u8(offset + 1, "a sheet name's flags") & 1 == 1
    return try characters(b, at: offset + 2, count: count, wide: wide)
  }

  /// The shared-string table, whose strings may run on from one CONTINUE
  /// record to the next (a new flags byte then starts the characters).
  static func sharedStrings(_ chunks: [[UInt8]], base: Int) throws(LittleEndianBytes.Truncated)
    -> [String]
  {
    var chunk = 0
    var position = 8
    func byte() throws(LittleEndianBytes.Truncated) -> UInt8 {
      while chunk < chunks.count, position >= chunks[chunk].count {
        chunk += 1
        position = 0
      }
      guard chunk < chunks.count else {
        throw .init(offset: base, expected: "more shared-string bytes")
      }
      defer { position += 1 }
      return chunks[chunk][position]
    }
    func u16() throws(LittleEndianBytes.Truncated) -> Int {
      Int(try byte()) | Int(try byte()) << 8
    }
    func u32() throws(LittleEndianBytes.Truncated) -> Int {
      Int(try u16()) | Int(try u16()) << 16
    }
    guard let first = chunks.first, first.count >= 8 else {
      throw .init(offset: base, expected: "an SST record of at least 8 bytes")
    }
    let unique = Int(first[4]) | Int(first[5]) << 8 | Int(first[6]) << 16 | Int(first[7]) << 24
    var strings: [String] = []
    strings.reserveCapacity(min(unique, 1_000_000))
    for _ in 0..<unique {
      let count = try u16()
      let flags = try byte()
      var wide = flags & 0x01 != 0
      let runs = flags & 0x08 != 0 ? try u16() : 0
      let extra = flags & 0x04 != 0 ? try u32() : 0
      var units: [UInt16] = []
      units.reserveCapacity(count)
      while units.count < count {
        // Characters continue in the next record behind a new flags byte.
        if chunk < chunks.count, position >= chunks[chunk].count {
          chunk += 1
          position = 0
          guard chunk < chunks.count else {
            throw .init(offset: base, expected: "the rest of a shared string")
          }
          wide = try byte() & 0x01 != 0
        }
        units.append(wide ? UInt16(try u16()) : UInt16(try byte()))
      }
      for _ in 0..<(4 * runs + extra) { _ = try byte() }
      strings.append(String(decoding: units, as: UTF16.self))
    }
    return strings
  }
}
