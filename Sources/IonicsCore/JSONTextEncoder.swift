import Foundation

/// Encodes `Encodable` values as pretty-printed JSON with sorted keys, the
/// layout of Foundation's `JSONEncoder` with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]` (two-space indent, `"key" : value`), several
/// times faster on reports that carry long arrays of numbers: the value is
/// built as a small tree of nodes and written once, and arrays of `Double`
/// go straight to text. Non-finite numbers become the strings "inf", "-inf"
/// and "nan"; a finite number is written as Swift prints it (the shortest
/// text that reads back to the same `Double`), without a trailing ".0".
/// Keys sort by their UTF-8 bytes. `Date` is written as seconds since
/// 2001-01-01 and `URL` as its absolute string, as Foundation does.
public struct JSONTextEncoder {
  /// An encoder.
  public init() {}

  /// The JSON text of `value`; with `rejectingNonFinite`, a NaN or an
  /// infinity anywhere in it is an error that names where it is, since a
  /// result that holds one is not a result.
  public func encode<T: Encodable>(_ value: T, rejectingNonFinite: Bool = false) throws -> String {
    let root = JSONNode()
    try JSONNode.encode(value, into: root, codingPath: [])
    if rejectingNonFinite, let path = root.nonFinitePath("") {
      throw NonFiniteResult(path: path.isEmpty ? "the result" : path)
    }
    var out: [UInt8] = []
    out.reserveCapacity(4096)
    root.write(into: &out, indent: 0)
    return String(decoding: out, as: UTF8.self)
  }
}

/// A result that holds NaN or infinity: where (a JSON path such as
/// `results.points[3].conductivitySiemensPerCentimetre`).
public struct NonFiniteResult: Error, CustomStringConvertible {
  /// Where the non-finite number is.
  public let path: String
  /// A sentence a user can act on.
  public var description: String {
    "\(path) is not a finite number (NaN or infinity): the input or the model does not determine it"
  }
}

/// One value of the tree: a scalar already in its JSON text, an array or an object.
final class JSONNode {
  enum Content {
    case empty
    case scalar([UInt8])
    case numbers([Double])
    case array([JSONNode])
    case object([String: JSONNode])
  }
  var content = Content.empty

  static func encode<T: Encodable>(_ value: T, into node: JSONNode, codingPath: [any CodingKey])
    throws
  {
    switch value {
    case let number as Double: node.content = .scalar(numberText(number))
    case let numbers as [Double]: node.content = .numbers(numbers)
    case let text as String: node.content = .scalar(stringText(text))
    case let date as Date: node.content = .scalar(numberText(date.timeIntervalSinceReferenceDate))
    case let url as URL: node.content = .scalar(stringText(url.absoluteString))
    default: try value.encode(to: TreeEncoder(node: node, codingPath: codingPath))
    }
  }

  /// The path of the first non-finite number below this node, if any.
  func nonFinitePath(_ prefix: String) -> String? {
    switch content {
    case .empty: return nil
    case .scalar(let text):
      let bad: [[UInt8]] = [Array("\"nan\"".utf8), Array("\"inf\"".utf8), Array("\"-inf\"".utf8)]
      return bad.contains(text) ? prefix : nil
    case .numbers(let values):
      return values.firstIndex { !$0.isFinite }.map { "\(prefix)[\($0)]" }
    case .array(let items):
      for (k, item) in items.enumerated() {
        if let p = item.nonFinitePath("\(prefix)[\(k)]") { return p }
      }
      return nil
    case .object(let members):
      for key in members.keys.sorted() {
        if let p = members[key]?.nonFinitePath(prefix.isEmpty ? key : "\(prefix).\(key)") { return p }
      }
      return nil
    }
  }

  /// A finite number as Swift prints it without a trailing ".0"; the
  /// non-finite ones as strings.
  static func numberText(_ x: Double) -> [UInt8] {
    var bytes: [UInt8] = []
    appendNumber(x, to: &bytes)
    return bytes
  }

  /// ``numberText(_:)`` appended to `out`.
  static func appendNumber(_ x: Double, to out: inout [UInt8]) {
    if x.isNaN {
      out.append(contentsOf: "\"nan\"".utf8)
      return
    }
    if x.isInfinite {
      out.append(contentsOf: (x > 0 ? "\"inf\"" : "\"-inf\"").utf8)
      return
    }
    let start = out.count
    out.append(contentsOf: x.description.utf8)
    let end = out.count
    if end - start > 2, out[end - 2] == 46, out[end - 1] == 48 { out.removeLast(2) }
  }

  /// A string in quotes with `"`, `\` and control characters escaped.
  static func stringText(_ s: String) -> [UInt8] {
    var out: [UInt8] = [34]
    out.reserveCapacity(s.utf8.count + 2)
    let hex = Array("0123456789abcdef".utf8)
    for b in s.utf8 {
      switch b {
      case 34: out += [92, 34]
      case 92: out += [92, 92]
      case 10: out += [92, 110]
      case 13: out += [92, 114]
      case 9: out += [92, 116]
      case 8: out += [92, 98]
      case 12: out += [92, 102]
      case 0..<32: out += [92, 117, 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]]
      default: out.append(b)
      }
    }
    out.append(34)
    return out
  }

  func write(into out: inout [UInt8], indent: Int) {
    func newline(_ level: Int) {
      out.append(10)
      out.append(contentsOf: repeatElement(32, count: 2 * level))
    }
    switch content {
    case .empty: out.append(contentsOf: "{}".utf8)
    case .scalar(let text): out.append(contentsOf: text)
    case .numbers(let values):
      out.append(91)
      if values.isEmpty {
        out.append(93)
        return
      }
      for (k, x) in values.enumerated() {
        if k > 0 { out.append(44) }
        newline(indent + 1)
        JSONNode.appendNumber(x, to: &out)
      }
      newline(indent)
      out.append(93)
    case .array(let items):
      out.append(91)
      if items.isEmpty {
        out.append(93)
        return
      }
      for (k, item) in items.enumerated() {
        if k > 0 { out.append(44) }
        newline(indent + 1)
        item.write(into: &out, indent: indent + 1)
      }
      newline(indent)
      out.append(93)
    case .object(let members):
      out.append(123)
      if members.isEmpty {
        out.append(125)
        return
      }
      let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      for (k, key) in keys.enumerated() {
        if k > 0 { out.append(44) }
        newline(indent + 1)
        out.append(contentsOf: JSONNode.stringText(key))
        out.append(32)
        out.append(58)
        out.append(32)
        members[key]?.write(into: &out, indent: indent + 1)
      }
      newline(indent)
      out.append(125)
    }
  }
}

/// The `Encoder` that fills a ``JSONNode``.
private struct TreeEncoder: Encoder {
  let node: JSONNode
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    if case .object = node.content {} else { node.content = .object([:]) }
    return KeyedEncodingContainer(KeyedTreeContainer<Key>(node: node, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if case .array = node.content {} else { node.content = .array([]) }
    return UnkeyedTreeContainer(node: node, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleTreeContainer(node: node, codingPath: codingPath)
  }
}

private struct KeyedTreeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: JSONNode
  let codingPath: [any CodingKey]

  func child(_ key: Key) -> JSONNode { child(named: key.stringValue) }

  func child(named name: String) -> JSONNode {
    let child = JSONNode()
    if case .object(var members) = node.content {
      node.content = .empty  // keep the dictionary uniquely referenced while it grows
      members[name] = child
      node.content = .object(members)
    }
    return child
  }

  mutating func encodeNil(forKey key: Key) throws {
    child(key).content = .scalar(Array("null".utf8))
  }
  mutating func encode(_ value: Bool, forKey key: Key) throws {
    child(key).content = .scalar(Array((value ? "true" : "false").utf8))
  }
  mutating func encode(_ value: String, forKey key: Key) throws {
    child(key).content = .scalar(JSONNode.stringText(value))
  }
  mutating func encode(_ value: Double, forKey key: Key) throws {
    child(key).content = .scalar(JSONNode.numberText(value))
  }
  mutating func encode(_ value: Int, forKey key: Key) throws {
    child(key).content = .scalar(Array(String(value).utf8))
  }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    try JSONNode.encode(value, into: child(key), codingPath: codingPath + [key])
  }
  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    TreeEncoder(node: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
  }
  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    TreeEncoder(node: child(key), codingPath: codingPath + [key]).unkeyedContainer()
  }
  mutating func superEncoder() -> any Encoder {
    TreeEncoder(node: child(named: "super"), codingPath: codingPath)
  }
  mutating func superEncoder(forKey key: Key) -> any Encoder {
    TreeEncoder(node: child(key), codingPath: codingPath + [key])
  }
}

private struct UnkeyedTreeContainer: UnkeyedEncodingContainer {
  let node: JSONNode
  let codingPath: [any CodingKey]
  var count: Int {
    if case .array(let items) = node.content { return items.count }
    return 0
  }

  func append() -> JSONNode {
    let child = JSONNode()
    if case .array(var items) = node.content {
      node.content = .empty
      items.append(child)
      node.content = .array(items)
    }
    return child
  }

  mutating func encodeNil() throws { append().content = .scalar(Array("null".utf8)) }
  mutating func encode(_ value: Bool) throws {
    append().content = .scalar(Array((value ? "true" : "false").utf8))
  }
  mutating func encode(_ value: String) throws {
    append().content = .scalar(JSONNode.stringText(value))
  }
  mutating func encode(_ value: Double) throws {
    append().content = .scalar(JSONNode.numberText(value))
  }
  mutating func encode(_ value: Int) throws {
    append().content = .scalar(Array(String(value).utf8))
  }
  mutating func encode<T: Encodable>(_ value: T) throws {
    try JSONNode.encode(value, into: append(), codingPath: codingPath)
  }
  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    TreeEncoder(node: append(), codingPath: codingPath).container(keyedBy: keyType)
  }
  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    TreeEncoder(node: append(), codingPath: codingPath).unkeyedContainer()
  }
  mutating func superEncoder() -> any Encoder {
    TreeEncoder(node: append(), codingPath: codingPath)
  }
}

private struct SingleTreeContainer: SingleValueEncodingContainer {
  let node: JSONNode
  let codingPath: [any CodingKey]

  mutating func encodeNil() throws { node.content = .scalar(Array("null".utf8)) }
  mutating func encode(_ value: Bool) throws {
    node.content = .scalar(Array((value ? "true" : "false").utf8))
  }
  mutating func encode(_ value: String) throws {
    node.content = .scalar(JSONNode.stringText(value))
  }
  mutating func encode(_ value: Double) throws {
    node.content = .scalar(JSONNode.numberText(value))
  }
  mutating func encode(_ value: Float) throws {
    node.content = .scalar(JSONNode.numberText(Double(value)))
  }
  mutating func encode(_ value: Int) throws { node.content = .scalar(Array(String(value).utf8)) }
  mutating func encode(_ value: Int8) throws { node.content = .scalar(Array(String(value).utf8)) }
  mutating func encode(_ value: Int16) throws { node.content = .scalar(Array(String(value).utf8)) }
  mutating func encode(_ value: Int32) throws { node.content = .scalar(Array(String(value).utf8)) }
  mutating func encode(_ value: Int64) throws { node.content = .scalar(Array(String(value).utf8)) }
  mutating func encode(_ value: UInt) throws { node.content = .scalar(Array(String(value).utf8)) }
  mutating func encode(_ value: UInt8) throws { node.content = .scalar(Array(String(value).utf8)) }
  mutating func encode(_ value: UInt16) throws { node.content = .scalar(Array(String(value).utf8)) }
  mutating func encode(_ value: UInt32) throws { node.content = .scalar(Array(String(value).utf8)) }
  mutating func encode(_ value: UInt64) throws { node.content = .scalar(Array(String(value).utf8)) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    try JSONNode.encode(value, into: node, codingPath: codingPath)
  }
}
