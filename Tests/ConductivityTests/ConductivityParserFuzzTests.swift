import PropertyBased
import TestSupport
import Testing

@testable import Conductivity

/// Mutated tables, manifests and file names: every parser returns a value
/// or throws ``ConductivityError``, never crashes or hangs.
struct ConductivityParserFuzzTests {
  static let alphabet = Array("0123456789.,;\t\n =\"'#[]{}_-eECKTRσΩµm/()°sigmafiletmpv")

  static let table = "T (K);σ (mS/cm);u(σ) (µS/cm)\n298,15;0,0105;0,105\n313,15;0,019;0,19\n"
  static let csvManifest = "file,temperature_C\na_25C.mpt,25\n\"b,1.mpt\",40\n"
  static let tomlManifest =
    "[temperatures_C]\n\"a.mpt\" = 25 # warm\n[[spectrum]]\nfile = 'b.mpt'\ntemperature_K = 313.15\n"

  static func check(_ seed: String, _ body: @escaping @Sendable (String) throws -> Void) async {
    let gen = Gen.int(in: 0..<Self.alphabet.count).array(of: 0...6).map {
      TextMutation.mutated(seed, edits: $0, alphabet: Self.alphabet)
    }
    await propertyCheck(count: 1500, input: gen) { text in
      do {
        try body(text)
      } catch is ConductivityError {
      } catch {
        Issue.record("untyped error \(error) for \(text.debugDescription)")
      }
    }
  }

  @Test func mutatedTablesReturnPointsOrTypedErrors() async {
    await Self.check(Self.table) { text in
      let table = try ConductivityTable(parsing: text, source: "fuzz.csv")
      #expect(table.temperaturesKelvin.allSatisfy { $0 > 0 })
      #expect(table.values.allSatisfy { $0 > 0 })
    }
  }

  @Test func mutatedManifestsReturnTemperaturesOrTypedErrors() async {
    await Self.check(Self.csvManifest) { text in
      _ = try TemperatureSource.manifest(text, source: "fuzz.csv")
    }
    await Self.check(Self.tomlManifest) { text in
      _ = try TemperatureSource.manifest(text, source: "fuzz.toml")
    }
    // Inline tables, arrays and multi-line strings: the shapes that made
    // toml++ abort before TOMLPrecheck.
    await Self.check(
      "[temperatures_C]\n\"a.mpt\" = 25\n[sample]\ng = { d = 12, t = [4.0, 5] }\nn = \"\"\"x\ny\"\"\"\n"
    ) { text in
      _ = try TemperatureSource.manifest(text, source: "fuzz.toml")
    }
  }

  @Test func mutatedFileNamesGiveFiniteTemperatures() async {
    await Self.check("s04147_ex-situ_EIS-160deg T=85.5°C_298.15K") { text in
      let found = TemperatureSource.celsius(inName: text)
      #expect(found.allSatisfy { $0.isFinite })
    }
  }
}
