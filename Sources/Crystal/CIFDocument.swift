/// A parsed CIF: its data blocks in file order, and the CIF version the
/// file declares (`#\#CIF_2.0` on the first line, else 1.1).
public struct CIFDocument: Sendable {
  /// "1.1" or "2.0".
  public var version: String
  /// The data blocks, in file order.
  public var blocks: [CIFBlock]

  /// The block named `name` (case-insensitive, without `data_`).
  public func block(named name: String) -> CIFBlock? {
    blocks.first { $0.name.lowercased() == name.lowercased() }
  }
}

/// A loop: several tags, one column of values each.
public struct CIFLoop: Sendable {
  /// Tags as written.
  public var tags: [String]
  /// Values in file order, row after row (one storage for the whole loop:
  /// a 20 000-atom cell does not need 20 000 row arrays).
  public var values: [CIFValue]

  /// A loop of `tags` whose values come row after row; the count must be a
  /// multiple of the number of tags.
  public init(tags: [String], values: [CIFValue]) {
    self.tags = tags
    self.values = values
  }

  /// Values row by row.
  public var rows: [[CIFValue]] {
    guard !tags.isEmpty else { return [] }
    return stride(from: 0, to: values.count, by: tags.count).map {
      Array(values[$0..<min($0 + tags.count, values.count)])
    }
  }

  /// The column of `tag` (matched as ``CIFBlock`` matches tags).
  public func column(_ tag: String) -> [CIFValue]? {
    let key = CIFBlock.key(tag)
    guard let k = tags.firstIndex(where: { CIFBlock.key($0) == key }) else { return nil }
    return Swift.stride(from: k, to: values.count, by: tags.count).map { values[$0] }
  }
}

/// One data block (or save frame): single items and loops, every tag kept.
///
/// Tags are matched without regard to case, and DDLm's dotted names match
/// their CIF 1 spelling (`_cell.length_a` is `_cell_length_a`).
public struct CIFBlock: Sendable {
  /// The block name (after `data_`).
  public var name: String
  /// Single items in file order: tag as written and value.
  public var items: [(tag: String, value: CIFValue)]
  /// Loops in file order.
  public var loops: [CIFLoop]
  /// Save frames inside the block (dictionaries use them), in file order.
  public var saveFrames: [CIFBlock]
  /// Line of the `data_` header (from 1).
  public var line: Int

  var index: [String: Int] = [:]

  /// An empty block.
  public init(name: String, line: Int) {
    self.name = name
    self.items = []
    self.loops = []
    self.saveFrames = []
    self.line = line
  }

  /// Lookup key of a tag: lower case, `.` read as `_`.
  static func key(_ tag: String) -> String {
    String(
      tag.lowercased().unicodeScalars.map { $0 == "." ? "_" : Character($0) })
  }

  mutating func add(_ tag: String, _ value: CIFValue) {
    index[Self.key(tag)] = items.count
    items.append((tag, value))
  }

  /// Every tag of the block, single or looped, as written.
  public var tags: [String] { items.map(\.tag) + loops.flatMap(\.tags) }

  /// The value of a single item, or of a loop with one row.
  public func value(_ tag: String) -> CIFValue? {
    if let k = index[Self.key(tag)] { return items[k].value }
    if let column = column(tag), column.count == 1 { return column[0] }
    return nil
  }

  /// The values of `tag`: its loop column, or its single value as one row.
  public func values(_ tag: String) -> [CIFValue]? {
    if let column = column(tag) { return column }
    return index[Self.key(tag)].map { [items[$0].value] }
  }

  /// The column of a looped tag.
  public func column(_ tag: String) -> [CIFValue]? {
    for loop in loops { if let c = loop.column(tag) { return c } }
    return nil
  }

  /// The loop that holds `tag`.
  public func loop(containing tag: String) -> CIFLoop? {
    let key = Self.key(tag)
    return loops.first { $0.tags.contains { Self.key($0) == key } }
  }
}
