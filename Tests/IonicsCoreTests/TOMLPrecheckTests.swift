import Testing

@testable import IonicsCore

/// The inputs that made toml++ abort (found by fuzzing) are refused with
/// their line; valid TOML of every shape Ionics' manifests use passes.
struct TOMLPrecheckTests {
  @Test(arguments: [
    ("[(x]\n", 1), ("a = 1\n[(#spectrum]]\n", 2), ("f = [}]\n", 1), ("files = [}\"a\"]\n", 1),
    ("a = ]\n", 1), ("t = { (x = 1 }\n", 1), ("a.(b = 1\n", 1), ("x = [1,,2]\n", 1),
    ("\n\n[ ]\n", 3),
  ])
  func crashingInputsAreRefusedWithTheirLine(text: String, line: Int) {
    #expect(throws: TOMLPrecheck.Problem.self) { try TOMLPrecheck.check(text) }
    do {
      try TOMLPrecheck.check(text)
    } catch {
      #expect(error.line == line, "\(text.debugDescription): \(error.message)")
    }
  }

  @Test(arguments: [
    "[temperatures_C]\n\"NRASCN_25C.mpt\" = 25   # room temperature\n\"b#1.mpt\" = 40.5\n",
    "[[spectrum]]\nfile = 'a.mpt'\ntemperature_K = 298.15\nnote = \"first\"\n",
    "[sample]\nname = \"NRASCN\"\ngeometry = { diameter_mm = 12, thickness_mm = 4.0 }\n",
    "a = \"\"\"multi\nline ] } ,\"\"\"\nb = '''lit\n[x]'''\n",
    "c = [ [1, 2], [\"x\"], ]\nd = [\n  1, # one\n  2,\n]\ne.f.\"g h\" = true\n",
    "date = 1979-05-27T07:32:00Z\nempty = { }\nnone = []\n",
  ])
  func validTOMLPasses(text: String) throws {
    try TOMLPrecheck.check(text)
  }
}
