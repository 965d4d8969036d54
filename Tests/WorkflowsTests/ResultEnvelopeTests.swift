import Foundation
import IonicsCore
import Testing

@testable import Workflows

/// The envelope every `--json` output shares, and the SHA-256 of its inputs.
struct ResultEnvelopeTests {
  /// FIPS 180-2 test vectors: "abc", the empty message and the 448-bit message.
  @Test(arguments: [
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
  ])
  func sha256OfTheStandardVectors(message: String, digest: String) {
    #expect(InputFile.sha256(of: Data(message.utf8)) == digest)
  }

  /// A file longer than one read chunk (1 MiB) hashes as its bytes do.
  @Test func fileHashIsTheHashOfItsBytes() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ionics-hash-\(UUID().uuidString).bin")
    defer { try? FileManager.default.removeItem(at: url) }
    var generator = SplitMix64(seed: 7)
    let bytes = Data((0..<(3 << 19) + 17).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
    try bytes.write(to: url)
    let input = try InputFile(path: url.path, format: "raw")
    #expect(input.sha256 == InputFile.sha256(of: bytes))
    #expect(input.sizeBytes == bytes.count)
  }

  /// Schema name, version and diagnostics ordered by severity, duplicates dropped.
  @Test func envelopeOrdersDiagnosticsBySeverity() throws {
    let notes: [Diagnostic] = [
      .note("assumedP1", "no symmetry: P1"),
      .warning("parameterAtBound", "R1 ended on a bound"),
      .note("assumedP1", "no symmetry: P1"),
      Diagnostic(.error, "unreadableFile", "x.mpr: truncated"),
    ]
    let envelope = ResultEnvelope(
      analysis: "eis-fit", inputs: [], results: ["resistanceOhm": 12.5], diagnostics: notes)
    #expect(envelope.schema == "ionics/eis-fit/1")
    #expect(envelope.ionics == IonicsVersion.current)
    #expect(envelope.diagnostics.map(\.code) == ["unreadableFile", "parameterAtBound", "assumedP1"])
    let text = try JSONTextEncoder().encode(envelope)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["schema", "ionics", "inputs", "results", "diagnostics"])
  }

  @Test func missingFileIsNamed() {
    #expect(throws: WorkflowError.unreadableFile("/nonexistent/ionics.mpr")) {
      try InputFile(path: "/nonexistent/ionics.mpr")
    }
  }
}
