import Foundation
import IonicsCore

/// Reads CIF 1.1 and CIF 2.0 text into a ``CIFDocument``.
///
/// It works on the file's bytes: data blocks, save frames, loops, single
/// items, comments, quoted strings (CIF 1.1's rule that a quote closes only
/// before white space, and CIF 2.0's plain and triple-quoted strings), text
/// fields between lines that start with `;`, and CIF 2.0 lists and tables.
/// Text that is not UTF-8 is read as Latin-1. Errors give the line and
/// column. Unusual but readable files are read: a `[` that starts a CIF 1.1
/// value, tags in any case, empty block names.
public enum CIFParser {
  /// Parses the bytes of a file named `source` (used in errors).
  public static func parse(_ data: Data, source: String) throws -> CIFDocument {
    let bytes = Array(TextDecoding.decode(data).utf8)
    var parser = Parser(bytes: bytes, source: source)
    return try parser.document()
  }

  /// Parses CIF text.
  public static func parse(_ text: String, source: String) throws -> CIFDocument {
    try parse(Data(text.utf8), source: source)
  }
}

private struct Parser {
  enum Token {
    case data(String)
    case save(String)
    case loop
    case global
    case stop
    case tag(String)
    case value(CIFValue)
    case end
  }

  let bytes: [UInt8]
  let source: String
  let cif2: Bool
  var position = 0
  var pending: (Token, Int)?
  /// Offsets where lines start, for line and column numbers.
  let lineStarts: [Int]

  init(bytes: [UInt8], source: String) {
    self.bytes = bytes
    self.source = source
    cif2 = bytes.starts(with: Array("#\\#CIF_2.0".utf8))
    var starts = [0]
    for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
    lineStarts = starts
  }

  func location(_ offset: Int) -> (line: Int, column: Int) {
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    let columnBytes = bytes[lineStarts[lo]..<min(offset, bytes.count)]
    return (lo + 1, String(decoding: columnBytes, as: UTF8.self).count + 1)
  }

  func error(at offset: Int, _ what: String) -> CIFError {
    let (line, column) = location(offset)
    return .syntax(source: source, line: line, column: column, what)
  }

  static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

  func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

  // MARK: Tokens

  mutating func next() throws -> (Token, Int) {
    if let p = pending {
      pending = nil
      return p
    }
    // White space and comments.
    while position < bytes.count {
      let b = bytes[position]
      if Self.isSpace(b) {
        position += 1
      } else if b == UInt8(ascii: "#") {
        while position < bytes.count && bytes[position] != 10 { position += 1 }
      } else {
        break
      }
    }
    let start = position
    guard position < bytes.count else { return (.end, start) }
    let b = bytes[position]
    let atLineStart = position == 0 || bytes[position - 1] == 10 || bytes[position - 1] == 13
    if b == UInt8(ascii: ";") && atLineStart { return (.value(try textField()), start) }
    if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
      return (.value(try quoted()), start)
    }
    if cif2 && (b == UInt8(ascii: "[") || b == UInt8(ascii: "{")) {
      return (.value(try compound()), start)
    }
    // A bare word.
    while position < bytes.count && !Self.isSpace(bytes[position]) {
      if cif2 {
        let c = bytes[position]
        if c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "{")
          || c == UInt8(ascii: "}")
        {
          break
        }
      }
      position += 1
    }
    if position == start {
      throw error(at: start, "unexpected '\(text(start..<start + 1))'")
    }
    if b == UInt8(ascii: "_") { return (.tag(text(start..<position)), start) }
    // Reserved words, compared on the bytes without regard to case (only
    // words that start with d, s, l or g can be one).
    switch b | 0x20 {
    case UInt8(ascii: "d") where startsWithWord("data_", at: start):
      return (.data(text((start + 5)..<position)), start)
    case UInt8(ascii: "s") where startsWithWord("save_", at: start):
      return (.save(text((start + 5)..<position)), start)
    case UInt8(ascii: "s") where position - start == 5 && startsWithWord("stop_", at: start):
      return (.stop, start)
    case UInt8(ascii: "l") where position - start == 5 && startsWithWord("loop_", at: start):
      return (.loop, start)
    case UInt8(ascii: "g") where position - start == 7 && startsWithWord("global_", at: start):
      return (.global, start)
    default: break
    }
    if position - start == 1 {
      if b == UInt8(ascii: "?") { return (.value(.unknown), start) }
      if b == UInt8(ascii: ".") { return (.value(.inapplicable), start) }
    }
    return (.value(.text(text(start..<position))), start)
  }

  /// Whether the bytes at `offset` spell `word` (ASCII, any case).
  func startsWithWord(_ word: StaticString, at offset: Int) -> Bool {
    let n = word.utf8CodeUnitCount
    guard offset + n <= bytes.count else { return false }
    return word.withUTF8Buffer { w in
      (0..<n).allSatisfy { bytes[offset + $0] | 0x20 == w[$0] | 0x20 }
    }
  }

  /// `;` at a line start … a line that starts with `;`.
  mutating func textField() throws -> CIFValue {
    let start = position
    var i = position + 1
    while i < bytes.count {
      // A line that starts with ';' (after \n, \r\n, or an old Mac \r).
      if bytes[i] == 10 || bytes[i] == 13, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ";") {
        var end = i
        if end > start + 1, bytes[end - 1] == 13 { end -= 1 }
        position = i + 2
        return .quoted(text((start + 1)..<end))
      }
      i += 1
    }
    throw error(at: start, "text field never ends: expected a line that starts with ';'")
  }

  /// '…' or "…" (CIF 1.1: closed by the quote before white space; CIF 2.0:
  /// by the next quote), or CIF 2.0's '''…''' and """…""".
  mutating func quoted() throws -> CIFValue {
    let start = position
    let q = bytes[position]
    if cif2, position + 2 < bytes.count, bytes[position + 1] == q, bytes[position + 2] == q {
      var i = position + 3
      while i + 2 < bytes.count {
        if bytes[i] == q && bytes[i + 1] == q && bytes[i + 2] == q {
          position = i + 3
          return .quoted(text((start + 3)..<i))
        }
        i += 1
      }
      throw error(at: start, "triple-quoted string never ends: expected \(text(start..<start + 3))")
    }
    var i = position + 1
    while i < bytes.count {
      let b = bytes[i]
      if b == 10 || b == 13 {
        throw error(at: start, "quoted string not closed on its line")
      }
      if b == q && (cif2 || i + 1 == bytes.count || Self.isSpace(bytes[i + 1])) {
        position = i + 1
        return .quoted(text((start + 1)..<i))
      }
      i += 1
    }
    throw error(at: start, "quoted string not closed before the end of the file")
  }

  /// A CIF 2.0 list `[ v … ]` or table `{ 'k': v … }`.
  mutating func compound() throws -> CIFValue {
    let start = position
    let isList = bytes[position] == UInt8(ascii: "[")
    let close = UInt8(ascii: isList ? "]" : "}")
    position += 1
    var list: [CIFValue] = []
    var table: [String: CIFValue] = [:]
    while true {
      while position < bytes.count && Self.isSpace(bytes[position]) { position += 1 }
      guard position < bytes.count else {
        throw error(
          at: start, "\(isList ? "list" : "table") never closed: expected '\(isList ? "]" : "}")'")
      }
      if bytes[position] == close {
        position += 1
        return isList ? .list(list) : .table(table)
      }
      if isList {
        let (token, offset) = try next()
        guard case .value(let v) = token else {
          throw error(at: offset, "expected a value inside the list")
        }
        list.append(v)
      } else {
        let keyStart = position
        guard bytes[position] == UInt8(ascii: "'") || bytes[position] == UInt8(ascii: "\"") else {
          throw error(at: keyStart, "expected a quoted key such as 'key': inside the table")
        }
        guard case .quoted(let key) = try quoted(), position < bytes.count,
          bytes[position] == UInt8(ascii: ":")
        else { throw error(at: keyStart, "expected ':' right after the table key") }
        position += 1
        let (token, offset) = try next()
        guard case .value(let v) = token else {
          throw error(at: offset, "expected a value after the table key")
        }
        table[key] = v
      }
    }
  }

  // MARK: Structure

  mutating func document() throws -> CIFDocument {
    var blocks: [CIFBlock] = []
    var block: CIFBlock?
    var frame: CIFBlock?

    func finishBlock() {
      if let b = block { blocks.append(b) }
      block = nil
    }
    while true {
      let (token, offset) = try next()
      switch token {
      case .end:
        if frame != nil {
          throw error(at: bytes.count, "save frame never closed: expected save_")
        }
        finishBlock()
        guard !blocks.isEmpty else { throw CIFError.noDataBlock(source: source) }
        return CIFDocument(version: cif2 ? "2.0" : "1.1", blocks: blocks)
      case .data(let name):
        if frame != nil { throw error(at: offset, "data_ inside a save frame: expected save_") }
        finishBlock()
        block = CIFBlock(name: name, line: location(offset).line)
      case .save(let name):
        guard block != nil else { throw error(at: offset, "save frame before any data_ block") }
        if name.isEmpty {
          guard let f = frame else { throw error(at: offset, "save_ closes no save frame") }
          block?.saveFrames.append(f)
          frame = nil
        } else {
          if frame != nil { throw error(at: offset, "save frame inside a save frame") }
          frame = CIFBlock(name: name, line: location(offset).line)
        }
      case .global, .stop:
        continue
      case .tag(let tag):
        let (valueToken, valueOffset) = try next()
        guard case .value(let value) = valueToken else {
          throw error(at: valueOffset, "expected a value for \(tag)")
        }
        guard block != nil else { throw error(at: offset, "\(tag) before the first data_ block") }
        if frame != nil { frame?.add(tag, value) } else { block?.add(tag, value) }
      case .loop:
        guard block != nil else { throw error(at: offset, "loop_ before the first data_ block") }
        let loop = try readLoop(at: offset)
        if frame != nil { frame?.loops.append(loop) } else { block?.loops.append(loop) }
      case .value:
        throw error(at: offset, "a value without a tag: expected _tag, loop_ or data_")
      }
    }
  }

  mutating func readLoop(at offset: Int) throws -> CIFLoop {
    var tags: [String] = []
    var values: [CIFValue] = []
    while true {
      let (token, at) = try next()
      if case .tag(let t) = token, values.isEmpty {
        tags.append(t)
        continue
      }
      if case .value(let v) = token {
        guard !tags.isEmpty else { throw error(at: at, "loop_ without tags: expected _tag") }
        values.append(v)
        continue
      }
      pending = (token, at)
      break
    }
    guard !tags.isEmpty else { throw error(at: offset, "loop_ without tags: expected _tag") }
    guard values.count % tags.count == 0 else {
      throw error(
        at: offset,
        "loop_ of \(tags.count) tags (\(tags[0]) …) has \(values.count) values: its last row is incomplete"
      )
    }
    return CIFLoop(tags: tags, values: values)
  }
}
