import Foundation

/// A JSON document as a value: numbers, booleans and strings kept apart
/// (JSONSerialization would blur booleans and numbers), objects with their
/// keys sorted when written back.
indirect enum JSONValue: Decodable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let b = try? container.decode(Bool.self) {
      self = .bool(b)
    } else if let x = try? container.decode(Double.self) {
      self = .number(x)
    } else if let s = try? container.decode(String.self) {
      self = .string(s)
    } else if let a = try? container.decode([JSONValue].self) {
      self = .array(a)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  static func parse(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
  }

  subscript(key: String) -> JSONValue? {
    if case .object(let o) = self { return o[key] }
    return nil
  }

  /// Pretty JSON with sorted keys, numbers as Swift prints them.
  var text: String {
    var out = ""
    write(into: &out, indent: "")
    return out + "\n"
  }

  private func write(into out: inout String, indent: String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let x):
      out += x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    case .string(let s): out += JSONValue.quoted(s)
    case .array(let a):
      if a.isEmpty {
        out += "[]"
        return
      }
      out += "[\n"
      for (k, v) in a.enumerated() {
        out += indent + "  "
        v.write(into: &out, indent: indent + "  ")
        out += k + 1 < a.count ? ",\n" : "\n"
      }
      out += indent + "]"
    case .object(let o):
      if o.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      let keys = o.keys.sorted()
      for (k, key) in keys.enumerated() {
        out += indent + "  " + JSONValue.quoted(key) + ": "
        o[key]?.write(into: &out, indent: indent + "  ")
        out += k + 1 < keys.count ? ",\n" : "\n"
      }
      out += indent + "}"
    }
  }

  static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 {
          out += String(format: "\\u%04x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
