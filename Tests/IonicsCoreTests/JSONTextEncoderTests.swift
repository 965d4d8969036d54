import Foundation
import IonicsCore
import Testing

/// The JSON writer behind every `--json`: the same document as Foundation's
/// encoder, written faster.
struct JSONTextEncoderTests {
  struct Inner: Codable, Equatable {
    let name: String
    let values: [Double]
    let flags: [Bool]
  }

  enum Kind: String, Codable { case bulk, grainBoundary = "grain boundary" }

  struct Outer: Codable, Equatable {
    let title: String
    let count: Int
    let ratio: Double
    let missing: Double?
    let present: Double?
    let small: Float
    let kind: Kind
    let inner: Inner
    let list: [Inner]
    let table: [String: Int]
    let empty: [Double]
    let matrix: [[Double]]
  }

  static let sample = Outer(
    title: "R‖CPE \"bulk\" \\ 25 °C\n\ttab/slash", count: -42, ratio: 1.0, missing: nil,
    present: 3.4e-11, small: 0.5, kind: .grainBoundary,
    inner: Inner(name: "a", values: [0.1, 1e-5, 3e6, -2.5, 1e300], flags: [true, false]),
    list: [Inner(name: "b", values: [], flags: [])], table: ["z": 1, "B": 2, "a": 3], empty: [],
    matrix: [[1, 0], [0, 1]])

  /// Both writers' text decodes to the same value.
  @Test func decodesToTheSameValueAsFoundation() throws {
    let ours = try JSONTextEncoder().encode(Self.sample)
    let decoded = try JSONDecoder().decode(Outer.self, from: Data(ours.utf8))
    #expect(decoded == Self.sample)
    let foundation = JSONEncoder()
    foundation.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let theirs = try foundation.encode(Self.sample)
    let a = try JSONSerialization.jsonObject(with: Data(ours.utf8)) as? NSDictionary
    let b = try JSONSerialization.jsonObject(with: theirs) as? NSDictionary
    #expect(a != nil && a == b)
  }

  /// The layout: two-space indent, "key" : value, sorted keys, nil left out,
  /// 1.0 written as 1, slashes unescaped, controls escaped.
  @Test func layoutFollowsFoundationsPrettyPrinting() throws {
    let text = try JSONTextEncoder().encode(Self.sample)
    #expect(text.hasPrefix("{\n  \"count\" : -42,\n  \"empty\" : [],\n"))
    #expect(text.contains("\"ratio\" : 1,\n"))
    #expect(!text.contains("missing"))
    #expect(text.contains("\"present\" : 3.4e-11,"))
    #expect(text.contains("\\\"bulk\\\" \\\\ 25 °C\\n\\ttab/slash"))
    #expect(text.contains("\"table\" : {\n    \"B\" : 2,\n    \"a\" : 3,\n    \"z\" : 1\n  }"))
    #expect(text.contains("\"values\" : [\n      0.1,\n      1e-05,\n      3000000,\n"))
  }

  /// Non-finite numbers as the strings Ionics has always written.
  @Test func nonFiniteNumbersAreStrings() throws {
    let text = try JSONTextEncoder().encode([Double.infinity, -.infinity, .nan, 2])
    #expect(text == "[\n  \"inf\",\n  \"-inf\",\n  \"nan\",\n  2\n]")
  }
}

/// A result with NaN or infinity in it is refused, naming where.
@Test func nonFiniteNumbersAreRefusedWithTheirPath() throws {
  struct Point: Encodable {
    let temperatureKelvin: Double
    let conductivities: [Double]
  }
  struct Result: Encodable { let points: [Point] }
  let good = Result(points: [Point(temperatureKelvin: 298.15, conductivities: [1e-5])])
  #expect(try JSONTextEncoder().encode(good, rejectingNonFinite: true).contains("298.15"))
  let bad = Result(points: [
    Point(temperatureKelvin: 298.15, conductivities: [1e-5]),
    Point(temperatureKelvin: .infinity, conductivities: [1e-5]),
  ])
  #expect(throws: NonFiniteResult.self) { try JSONTextEncoder().encode(bad, rejectingNonFinite: true) }
  do {
    _ = try JSONTextEncoder().encode(bad, rejectingNonFinite: true)
  } catch let error as NonFiniteResult {
    #expect(error.path == "points[1].temperatureKelvin")
  }
  let nanInArray = Result(points: [Point(temperatureKelvin: 300, conductivities: [1, .nan])])
  do {
    _ = try JSONTextEncoder().encode(nanInArray, rejectingNonFinite: true)
    Issue.record("NaN accepted")
  } catch let error as NonFiniteResult {
    #expect(error.path == "points[0].conductivities[1]")
  }
  // Without the flag the historical spelling stays.
  #expect(try JSONTextEncoder().encode(bad).contains("\"inf\""))
}
