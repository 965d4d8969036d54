import IonicsCore
import Testing

struct FormulaTests {
  /// IUPAC 2021 standard atomic weights (conventional values for H, C, N,
  /// O, S), written out so the sums below can be checked by hand.
  static let na = 22.98976928, re = 186.207, arsenic = 74.921595, s = 32.06
  static let c = 12.011, n = 14.007, h = 1.008, o = 15.999

  /// Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O by hand:
  /// 6·Na + 4·Re + 2·As + 2·S + 12·C + 12·N = 1408.94580568
  /// 0.75·(C + 4H + O) = 0.75·32.042 = 24.0315; 6·(2H + O) = 6·18.015 = 108.09
  /// total 1541.06730568 g/mol.
  @Test func paperSolvateMolarMassByHand() throws {
    let f = try Formula("Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O")
    let anhydrous =
      6 * Self.na + 4 * Self.re + 2 * Self.arsenic + 2 * Self.s + 12 * Self.c + 12 * Self.n
    let methanol = Self.c + 4 * Self.h + Self.o
    let water = 2 * Self.h + Self.o
    let expected = anhydrous + 0.75 * methanol + 6 * water
    #expect(abs(expected - 1541.06730568) < 1e-8)  // the hand sum above
    #expect(abs(f.molarMassGramsPerMole - expected) < 0.01)
    #expect(abs(f.withoutSolvates.molarMassGramsPerMole - 1408.94580568) < 0.01)
    // Solvent mass fraction: (24.0315 + 108.09)/1541.0673 = 8.573 %.
    #expect(abs(f.solventMassFraction * 100 - 8.5733) < 0.001)
    #expect(f.parts.count == 3)
    #expect(f.parts[1].multiplier == 0.75)
    #expect(f.parts[2].multiplier == 6)
    #expect(f.count(of: try #require(Element(symbol: "H"))) == 15)
    #expect(f.count(of: try #require(Element(symbol: "C"))) == 12.75)
    #expect(f.charge == 0)
  }

  @Test func chargedClusterAnion() throws {
    let anion = try Formula("[Re4As2S2(CN)12]6-")
    #expect(anion.charge == -6)
    #expect(anion.count(of: try #require(Element(symbol: "N"))) == 12)
    #expect(anion.hillFormula == "C12As2N12Re4S2" + "6-")
  }

  @Test(arguments: [
    ("Na+", 1.0), ("Cl-", -1), ("[Fe(CN)6]4-", -4), ("SO4^2-", -2), ("SO4(2-)", -2), ("Ca^2+", 2),
    ("Fe+3", 3), ("Fe+++", 3), ("NH4+", 1), ("O²⁻", -2), ("PO4 3-", -3), ("[Re6Se8(CN)6]4−", -4),
  ])
  func chargesInTheWaysChemistsWriteThem(text: String, charge: Double) throws {
    #expect(try Formula(text).charge == charge, "\(text)")
  }

  @Test func fractionalSubscriptsAndNasicon() throws {
    let f = try Formula("Na2.5Zr2Si1.5P1.5O12")
    let expected = 2.5 * Self.na + 2 * 91.222 + 1.5 * 28.085 + 1.5 * 30.973761998 + 12 * Self.o
    #expect(abs(f.molarMassGramsPerMole - expected) < 1e-9)
  }

  @Test(arguments: ["CuSO4·5H2O", "CuSO4*5H2O", "CuSO4•5H2O", "CuSO4 · 5 H2O", "CuSO4⋅5H₂O"])
  func hydrateSeparators(text: String) throws {
    let f = try Formula(text)
    let expected = 63.546 + Self.s + 4 * Self.o + 5 * (2 * Self.h + Self.o)
    #expect(abs(f.molarMassGramsPerMole - expected) < 1e-9, "\(text)")
    #expect(f.parts.count == 2)
  }

  /// '.' between digits is a decimal point; after a bracket or letter it joins a solvate.
  @Test func dotIsDecimalBetweenDigitsAndSeparatorElsewhere() throws {
    #expect(try Formula("Li1.3Al0.3Ti1.7(PO4)3").parts.count == 1)
    #expect(try Formula("[Cu(H2O)4].SO4").parts.count == 2)
    #expect(try Formula("NaCl.2H2O").parts.count == 2)
  }

  @Test func massPercentSumsToOneHundred() throws {
    let f = try Formula("Na3V2(PO4)3")
    let total = f.massPercent.reduce(0) { $0 + $1.percent }
    #expect(abs(total - 100) < 1e-10)
    // Na fraction by hand: 3·22.98976928/455.761594 = 15.1328 %.
    let na = try #require(f.massPercent.first { $0.element.symbol == "Na" })
    #expect(abs(na.percent - 15.1328) < 0.0005)
  }

  @Test func hillOrder() throws {
    #expect(try Formula("CH3CH2OH").hillFormula == "C2H6O")
    #expect(try Formula("NaN(SO2CF3)2").hillFormula == "C2F6NNaO4S2")
    #expect(try Formula("H2O").hillFormula == "H2O")
    #expect(try Formula("SiO2").hillFormula == "O2Si")
  }

  @Test func abbreviationsAreResolvedExplicitly() throws {
    let (salt, name) = try Formula.resolving("NaTFSI")
    #expect(name == "NaTFSI")
    // NaC2F6NO4S2 by hand: 22.98976928 + 24.022 + 113.990418972 + 14.007 + 63.996 + 64.12 = 303.125188252
    #expect(abs(salt.molarMassGramsPerMole - 303.125188252) < 1e-6)
    let (plain, none) = try Formula.resolving("H2O")
    #expect(none == nil)
    #expect(plain.text == "H2O")
  }

  // MARK: Errors that name the column

  @Test(arguments: [
    ("Na6[Re4", FormulaError.unclosedBracket("[", column: 4)),
    ("Xx2O", FormulaError.unknownElement("Xx", column: 1)),
    ("H2O·", FormulaError.emptyPart(column: 4)),
    ("", FormulaError.empty),
    ("H2O)", FormulaError.unmatchedBracket(")", column: 4)),
    ("NaCl··H2O", FormulaError.emptyPart(column: 5)),
    ("H0", FormulaError.invalidNumber("0", column: 2)),
    ("()", FormulaError.emptyGroup(column: 1)),
    (
      "na",
      FormulaError.unexpectedCharacter(
        "n", column: 1, expected: "an element symbol starting with a capital letter")
    ),
  ])
  func malformedFormulasNameTheColumn(text: String, error: FormulaError) {
    #expect(throws: error) { try Formula(text) }
  }

  @Test func everyElementHasAWeightAndUniqueSymbol() {
    #expect(Element.all.count == 118)
    #expect(Set(Element.all.map(\.symbol)).count == 118)
    for (i, e) in Element.all.enumerated() {
      #expect(e.atomicNumber == i + 1)
      #expect(e.atomicWeightGramsPerMole > 0)
    }
    // Atomic weights rise with Z except at the known inversions (Ar/K, Co/Ni, Te/I, Th/Pa, U/Np, Pu/Am).
    let inversions: Set<String> = ["K", "Ni", "I", "Pa", "Np", "Am", "Bk", "Hs", "Og"]
    for k in 1..<96 where !inversions.contains(Element.all[k].symbol) {
      #expect(
        Element.all[k].atomicWeightGramsPerMole > Element.all[k - 1].atomicWeightGramsPerMole,
        "\(Element.all[k].symbol)")
    }
  }
}
