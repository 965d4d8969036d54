import IonicsCore
import PropertyBased
import TestSupport
import Testing

/// Random and mutated text fed to the parsers: each call must return a
/// value or throw the parser's typed error, never crash or hang.
struct ParserFuzzTests {
  static let formulaAlphabet = Array("NaReAsSCNHOZrSiPFeCl()[]{}0123456789.·*+-^ ²⁻₂xyzQ")
  static let numberAlphabet = Array("0123456789.()eE+-± /x")

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
      TextMutation.mutated(
        "Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O", edits: $0, alphabet: Self.formulaAlphabet)
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
