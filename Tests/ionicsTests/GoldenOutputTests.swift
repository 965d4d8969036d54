import Foundation
import TestSupport
import Testing

/// Every command's `--json` on fixed inputs (the bundled examples and files
/// the commands themselves simulate) against its published JSON Schema
/// (`docs/schema/NAME.schema.json`) and against a golden copy
/// (`Tests/ionicsTests/Golden/NAME.json`), so that a renamed key, a changed
/// shape or a changed number fails.
///
/// `IONICS_UPDATE_GOLDEN=1 swift test --filter GoldenOutputTests` writes the
/// golden copies and the schemas anew (review the diff before committing).
struct GoldenOutputTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../..").standardized
  static let golden = root.appendingPathComponent("Tests/ionicsTests/Golden")
  static let schemas = root.appendingPathComponent("docs/schema")
  static var updating: Bool { ProcessInfo.processInfo.environment["IONICS_UPDATE_GOLDEN"] == "1" }

  struct Case {
    let name: String
    let arguments: [String]
  }

  static func cases() throws -> [Case] {
    let text = try String(
      contentsOf: golden.appendingPathComponent("cases.tsv"), encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
      guard !line.hasPrefix("#"), !line.isEmpty else { return nil }
      let fields = line.split(separator: "\t").map(String.init)
      guard let name = fields.first else { return nil }
      return Case(name: name, arguments: Array(fields.dropFirst()))
    }
  }

  /// The output with what legitimately changes from run to run or machine
  /// to machine taken out: times, the scratch folder, the version.
  static func masked(_ value: JSONValue, scratch: String) -> JSONValue {
    switch value {
    case .object(let o):
      var out: [String: JSONValue] = [:]
      for (key, child) in o {
        if key.lowercased().hasSuffix("milliseconds") {
          out[key] = .number(0)
        } else if key == "ionics" {
          out[key] = .string("VERSION")
        } else {
          out[key] = masked(child, scratch: scratch)
        }
      }
      return .object(out)
    case .array(let a): return .array(a.map { masked($0, scratch: scratch) })
    case .string(let s):
      return .string(
        s.replacingOccurrences(of: scratch, with: "{tmp}").replacingOccurrences(
          of: SharedData.root.path, with: "{data}"
        ).replacingOccurrences(of: root.path, with: "{root}"))
    default: return value
    }
  }

  /// Differences between `actual` and `expected`: numbers equal to 1e-6
  /// relative (fits stop at a relative χ² change of 1e-10, and summation
  /// order may differ between machines), everything else exactly.
  static func differences(_ actual: JSONValue, _ expected: JSONValue, at path: String = "$")
    -> [String]
  {
    switch (actual, expected) {
    case (.number(let a), .number(let e)):
      let scale = max(abs(a), abs(e), 1e-300)
      return abs(a - e) <= 1e-6 * scale || abs(a - e) < 1e-12 ? [] : ["\(path): \(a) ≠ \(e)"]
    case (.object(let a), .object(let e)):
      var out: [String] = []
      for key in Set(a.keys).union(e.keys).sorted() {
        switch (a[key], e[key]) {
        case (let x?, let y?): out += differences(x, y, at: "\(path).\(key)")
        case (nil, _): out.append("\(path): key '\(key)' missing")
        case (_, nil): out.append("\(path): new key '\(key)'")
        }
        if out.count > 20 { break }
      }
      return out
    case (.array(let a), .array(let e)):
      guard a.count == e.count else { return ["\(path): \(a.count) items ≠ \(e.count)"] }
      var out: [String] = []
      for k in a.indices {
        out += differences(a[k], e[k], at: "\(path)[\(k)]")
        if out.count > 20 { break }
      }
      return out
    default:
      return actual == expected
        ? [] : ["\(path): \(actual.text.prefix(80)) ≠ \(expected.text.prefix(80))"]
    }
  }

  /// The published schema of a command: the envelope with its five keys,
  /// closed to others, around the results' own schema.
  static func envelopeSchema(_ name: String, results: JSONValue) -> JSONValue {
    let diagnostic: JSONValue = .object([
      "type": .string("object"),
      "properties": .object([
        "severity": .object([
          "type": .string("string"),
          "enum": .array([.string("error"), .string("warning"), .string("note")]),
        ]),
        "code": .object(["type": .string("string")]),
        "message": .object(["type": .string("string")]),
        "source": .object(["type": .string("string")]),
      ]),
      "required": .array([.string("severity"), .string("code"), .string("message")]),
      "additionalProperties": .bool(false),
    ])
    let input: JSONValue = .object([
      "type": .string("object"),
      "properties": .object([
        "path": .object(["type": .string("string")]),
        "sha256": .object(["type": .string("string")]),
        "sizeBytes": .object(["type": .string("integer")]),
        "format": .object(["type": .string("string")]),
      ]),
      "required": .array([.string("path"), .string("sizeBytes")]),
      "additionalProperties": .bool(false),
    ])
    return .object([
      "$schema": .string("https://json-schema.org/draft/2020-12/schema"),
      "$id": .string("https://ionics.invalid/schema/\(name).schema.json"),
      "title": .string("ionics \(name) --json"),
      "type": .string("object"),
      "properties": .object([
        "schema": .object(["const": .string("ionics/\(name)/1")]),
        "ionics": .object(["type": .string("string")]),
        "inputs": .object(["type": .string("array"), "items": input]),
        "results": results,
        "diagnostics": .object(["type": .string("array"), "items": diagnostic]),
      ]),
      "required": .array(
        ["schema", "ionics", "inputs", "results", "diagnostics"].map { .string($0) }),
      "additionalProperties": .bool(false),
    ])
  }

  @Test func everyCommandMatchesItsSchemaAndGoldenOutput() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ionics-golden-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let examples = Self.root.appendingPathComponent("Examples").path
    var checked = 0
    var outputs: [(name: String, schema: String, output: JSONValue)] = []
    for c in try Self.cases() {
      if c.arguments.contains(where: { $0.contains("{data}") }) && !SharedData.isAvailable("eis") {
        print("\(c.name): skipped, the shared data is not at \(SharedData.root.path) (IONICS_DATA)")
        continue
      }
      let arguments = c.arguments.map {
        $0.replacingOccurrences(of: "{examples}", with: examples).replacingOccurrences(
          of: "{tmp}", with: scratch.path
        ).replacingOccurrences(of: "{data}", with: SharedData.root.path)
      }
      let run = try CommandLineTests.run(arguments)
      #expect(run.status == 0, "\(c.name): \(run.stderr)")
      guard arguments.contains("--json"), run.status == 0 else { continue }
      let output = try JSONValue.parse(run.stdout)
      // "eis-fit@real" is a second golden case of the schema "eis-fit".
      let schemaName = String(c.name.split(separator: "@").first ?? Substring(c.name))
      let goldenURL = Self.golden.appendingPathComponent("\(c.name).json")
      let masked = Self.masked(output, scratch: scratch.path)
      if Self.updating {
        try masked.text.write(to: goldenURL, atomically: true, encoding: .utf8)
      }
      outputs.append((c.name, schemaName, output))
      let expected = try JSONValue.parse(String(contentsOf: goldenURL, encoding: .utf8))
      let differences = Self.differences(masked, expected)
      #expect(differences.isEmpty, "\(c.name) against its golden file:\n\(differences.joined(separator: "\n"))")
      checked += 1
    }
    if Self.updating {
      for name in Set(outputs.map(\.schema)) {
        let samples = outputs.filter { $0.schema == name }.map { $0.output["results"] ?? .null }
        let schema = Self.envelopeSchema(name, results: JSONSchema.inferred(from: samples))
        try schema.text.write(
          to: Self.schemas.appendingPathComponent("\(name).schema.json"), atomically: true,
          encoding: .utf8)
      }
    }
    for (name, schemaName, output) in outputs {
      let schemaURL = Self.schemas.appendingPathComponent("\(schemaName).schema.json")
      let schema = try JSONValue.parse(String(contentsOf: schemaURL, encoding: .utf8))
      let violations = JSONSchema.violations(of: schema, by: output)
      #expect(violations.isEmpty, "\(name) against \(schemaName).schema.json:\n\(violations.joined(separator: "\n"))")
    }
    #expect(checked >= 24)
  }

  /// The validator rejects what the schemas are there to catch.
  @Test func schemaCatchesRenamedAndRetypedKeys() throws {
    let output = try JSONValue.parse(#"{"resistanceOhm": 12.5, "points": [{"temperatureKelvin": 298.15}]}"#)
    let schema = JSONSchema.inferred(from: [output])
    #expect(JSONSchema.violations(of: schema, by: output).isEmpty)
    let renamed = try JSONValue.parse(#"{"resistance": 12.5, "points": [{"temperatureKelvin": 298.15}]}"#)
    #expect(JSONSchema.violations(of: schema, by: renamed).contains { $0.contains("resistanceOhm") })
    let retyped = try JSONValue.parse(#"{"resistanceOhm": "12.5", "points": [{"temperatureKelvin": 298.15}]}"#)
    #expect(!JSONSchema.violations(of: schema, by: retyped).isEmpty)
    let nested = try JSONValue.parse(#"{"resistanceOhm": 1, "points": [{"temperatureCelsius": 25}]}"#)
    #expect(JSONSchema.violations(of: schema, by: nested).contains { $0.contains("points[0]") })
    let envelope = Self.envelopeSchema("eis-fit", results: schema)
    let extra = try JSONValue.parse(
      #"{"schema": "ionics/eis-fit/1", "ionics": "0", "inputs": [], "results": {"resistanceOhm": 1, "points": []}, "diagnostics": [], "warnings": []}"#)
    #expect(JSONSchema.violations(of: envelope, by: extra).contains { $0.contains("warnings") })
  }
}
