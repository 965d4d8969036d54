/// The subset of JSON Schema (draft 2020-12) that Ionics publishes under
/// `docs/schema/`: `type` (one or a list), `properties`, `required`,
/// `additionalProperties: false`, `items`, `const` and `enum` of strings.
/// Enough to fail on a renamed, missing or retyped key.
enum JSONSchema {
  /// Every place where `value` breaks `schema`, as "path: what".
  static func violations(of schema: JSONValue, by value: JSONValue, at path: String = "$")
    -> [String]
  {
    var found: [String] = []
    if let type = schema["type"] {
      let allowed: [String]
      switch type {
      case .string(let t): allowed = [t]
      case .array(let ts): allowed = ts.compactMap { if case .string(let t) = $0 { t } else { nil } }
      default: allowed = []
      }
      if !allowed.contains(where: { matches(value, type: $0) }) {
        return ["\(path): expected \(allowed.joined(separator: " or ")), found \(typeName(value))"]
      }
    }
    if let constant = schema["const"], constant != value {
      found.append("\(path): expected \(constant.text.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
    if case .array(let options)? = schema["enum"], !options.contains(value) {
      found.append("\(path): \(value.text.trimmingCharacters(in: .whitespacesAndNewlines)) is not one of the allowed values")
    }
    if case .object(let object) = value {
      var properties: [String: JSONValue] = [:]
      if case .object(let p)? = schema["properties"] { properties = p }
      if case .array(let required)? = schema["required"] {
        for case .string(let key) in required where object[key] == nil {
          found.append("\(path): missing key '\(key)'")
        }
      }
      for (key, child) in object {
        if let sub = properties[key] {
          found += violations(of: sub, by: child, at: "\(path).\(key)")
        } else if schema["additionalProperties"] == .bool(false) {
          found.append("\(path): unexpected key '\(key)'")
        }
      }
    }
    if case .array(let items) = value, let itemSchema = schema["items"] {
      for (k, item) in items.enumerated() {
        found += violations(of: itemSchema, by: item, at: "\(path)[\(k)]")
        if found.count > 20 { break }
      }
    }
    return found
  }

  static func matches(_ value: JSONValue, type: String) -> Bool {
    switch (value, type) {
    case (.null, "null"), (.bool, "boolean"), (.number, "number"), (.string, "string"),
      (.array, "array"), (.object, "object"):
      return true
    case (.number(let x), "integer"): return x == x.rounded()
    default: return false
    }
  }

  static func typeName(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "boolean"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  /// A schema that `samples` all satisfy: keys present in every sample
  /// required (so that a renamed key fails), other keys allowed (so that a
  /// new one does not), arrays described by one item
  /// schema, a key seen with several types allowed all of them. Used to
  /// write the published schemas, which are then reviewed by hand.
  static func inferred(from samples: [JSONValue]) -> JSONValue {
    var types: [String] = []
    for sample in samples {
      let t: String
      switch sample {
      case .number(let x): t = x == x.rounded() ? "integer" : "number"
      default: t = typeName(sample)
      }
      if !types.contains(t) { types.append(t) }
    }
    if types.contains("number") { types.removeAll { $0 == "integer" } }
    // Non-finite numbers are written as the strings "inf", "-inf" and "nan".
    var schema: [String: JSONValue] = [:]
    schema["type"] =
      types.count == 1 ? .string(types[0]) : .array(types.sorted().map { .string($0) })
    let objects = samples.compactMap { if case .object(let o) = $0 { o } else { nil } }
    if !objects.isEmpty {
      let keys = Set(objects.flatMap(\.keys))
      var properties: [String: JSONValue] = [:]
      for key in keys {
        properties[key] = inferred(from: objects.compactMap { $0[key] })
      }
      let required = keys.filter { key in objects.allSatisfy { $0[key] != nil } }.sorted()
      schema["properties"] = .object(properties)
      schema["required"] = .array(required.map { .string($0) })
    }
    let arrays = samples.compactMap { if case .array(let a) = $0 { a } else { nil } }
    let elements = arrays.flatMap { $0 }
    if !elements.isEmpty { schema["items"] = inferred(from: elements) }
    return .object(schema)
  }
}
