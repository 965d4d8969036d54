import IonicsCore
import PropertyBased
import Testing

/// Random and mutated text fed to the parsers: each call must return a
/// value or throw the parser's typed error, never crash or hang.
struct ParserFuzzTests {
  static let formulaAlphabet = Array("NaReAsSCNHOZrSiPFeCl()[]{}0123456789.·*+-^ ²⁻₂xyzQ")
  static let numberAlphabet = Array("0123456789.()eE+-± /x")

  /// Applies edits chosen by `picks` to `seed`: insert, delete or replace a character.
  static func mutate(_ seed: String, _ picks: [Int], alphabet: [Character]) -> String {
    var chars = Array(seed)
    for (k, p) in picks.enumerated() {
      let position = chars.isEmpty ? 0 : (p * 7 + k * 13) % (chars.count + 1)
      switch p % 3 {
      case 0: chars.insert(alphabet[p], at: position)
      case 1: if !chars.isEmpty { chars.remove(at: min(position, chars.count - 1)) }
      default: if !chars.isEmpty { chars[min(position, chars.count - 1)] = alphabet[p] }
      }
    }
    return String(chars)
  }

  @Test func randomFormulaTextReturnsValueOrTypedError() async {
    let gen = Gen.int(in: 0..<Self.formulaAlphabet.count).array(of: 0...24).map {
      String($0.map { Self.formulaAlphabet[$0] })
    }
    await propertyCheck(count: 3000, input: gen) { text in
      do {
        let f = try Formula(text)
        #expect(f.molarMassGramsPerMole.isFinite)
      } catch is FormulaError {
      } catch {
        Issue.record("untyped error \(error) for \(text)")
      }
    }
  }

  @Test func mutatedPaperFormulaReturnsValueOrTypedError() async {
    let gen = Gen.int(in: 0..<Self.formulaAlphabet.count).array(of: 0...4).map {
      Self.mutate("Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O", $0, alphabet: Self.formulaAlphabet)
    }
    await propertyCheck(count: 3000, input: gen) { text in
      do {
        _ = try Formula(text)
      } catch is FormulaError {
      } catch {
        Issue.record("untyped error \(error) for \(text)")
      }
    }
  }

  @Test func randomNumbersReturnValueOrTypedError() async {
    let gen = Gen.int(in: 0..<Self.numberAlphabet.count).array(of: 0...16).map {
      String($0.map { Self.numberAlphabet[$0] })
    }
    await propertyCheck(count: 3000, input: gen) { text in
      do {
        let m = try Measured(parsing: text)
        #expect(m.value.isFinite && m.standardUncertainty >= 0)
      } catch is MeasuredParseError {
      } catch {
        Issue.record("untyped error \(error) for \(text)")
      }
    }
  }

  /// Parsing what we print gives back the same value to the printed digits.
  @Test func printedValuesParseBack() async {
    await propertyCheck(count: 2000, input: Gen.double(in: -1e4...1e4), Gen.double(in: 1e-5...10)) {
      value, u in
      let text = Measured(value, standardUncertainty: u).description
      guard let back = try? Measured(parsing: text) else {
        Issue.record("could not parse \(text)")
        return
      }
      #expect(abs(back.value - value) <= back.standardUncertainty + 1e-9 * abs(value), "\(text)")
      #expect(back.standardUncertainty > 0)
    }
  }
}
