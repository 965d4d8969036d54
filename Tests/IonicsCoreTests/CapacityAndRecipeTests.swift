import IonicsCore
import Testing

struct CapacityAndRecipeTests {
  /// Na3V2(PO4)3 with two electrons (V3+/V4+): Q = 2F/(3.6·M) with
  /// M = 3·22.98976928 + 2·50.9415 + 3·30.973761998 + 12·15.999 = 455.761594
  /// g/mol, so Q = 2·96485.33212/(3.6·455.761594) = 117.6118 mAh/g.
  @Test func nvpTheoreticalCapacity() throws {
    let nvp = try Formula("Na3V2(PO4)3")
    #expect(abs(nvp.molarMassGramsPerMole - 455.761593834) < 1e-6)
    let q = try SpecificCapacity.theoreticalMilliampHoursPerGram(
      of: nvp, electronsPerFormulaUnit: 2)
    #expect(abs(q - 117.6118) < 1e-3)
  }

  /// The paper's 116.1 mAh/g at 0.1 C is 99.3 % of the 117 mAh/g that defines 1 C.
  @Test func cRateConvention() throws {
    let rate = try CRate(nominalMilliampHoursPerGram: 117, activeMassGrams: 0.002)
    #expect(abs(rate.currentAmperes(atRate: 1) - 0.000234) < 1e-12)
    #expect(abs(rate.currentAmperes(atRate: 0.1) - 0.0000234) < 1e-13)
    #expect(abs(rate.rate(forCurrentAmperes: 0.000468) - 2) < 1e-12)
    #expect(abs(116.1 / 117 * 100 - 99.23) < 0.01)  // the paper rounds to 99.3 %
    #expect(throws: RecipeError.self) {
      try CRate(nominalMilliampHoursPerGram: 117, activeMassGrams: 0)
    }
  }

  /// ReI3 0.53 mmol, NaCN 3.18 mmol, As2S3 0.27 mmol. Masses by hand:
  /// ReI3 = 186.207 + 3·126.90447 = 566.92041 g/mol → 300.4678 mg;
  /// NaCN = 49.00776928 → 155.8447 mg; As2S3 = 246.02319 → 66.4263 mg.
  /// Re is limiting: 0.53/4 = 0.1325 mmol of the solvate (1541.0673 g/mol),
  /// 204.191 mg theoretical; the paper's 20 % yield is 40.84 mg.
  @Test func paperSynthesis() throws {
    let recipe = try SynthesisRecipe(millimoles: [
      (try Formula("ReI3"), 0.53), (try Formula("NaCN"), 3.18), (try Formula("As2S3"), 0.27),
    ])
    #expect(abs(recipe.reagents[0].massGrams * 1000 - 300.4678) < 1e-3)
    #expect(abs(recipe.reagents[1].massGrams * 1000 - 155.8447) < 1e-3)
    #expect(abs(recipe.reagents[2].massGrams * 1000 - 66.4263) < 1e-3)
    let product = try Formula("Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O")
    let theoretical = try recipe.theoreticalYield(of: product)
    #expect(theoretical.limitingElement.symbol == "Re")
    #expect(abs(theoretical.amountMoles * 1000 - 0.1325) < 1e-12)
    #expect(abs(theoretical.massGrams * 1000 - 204.1914) < 1e-3)
    #expect(theoretical.elementsNotSupplied.map(\.symbol) == ["H", "O"])
    #expect(abs(try recipe.yieldPercent(of: product, isolatedMassGrams: 0.04084) - 20.0) < 0.01)
  }

  /// 0.500 g PEO: 0.5/44.053 = 11.3500 mmol EO; EO/Na = 16 → 0.709373 mmol
  /// NaTFSI (303.12519 g/mol) = 0.215029 g. 10 wt % NRASCN of the total:
  /// f = 10/90·(0.5 + 0.215029) = 0.079448 g; of polymer + salt: 0.0715029 g.
  @Test func paperPolymerElectrolyte() throws {
    let salt = try Formula.resolving("NaTFSI").formula
    let total = try PolymerElectrolyteRecipe(
      polymerMassGrams: 0.5, repeatUnit: try Formula("C2H4O"), repeatUnitsPerCation: 16, salt: salt,
      filler: try Formula("Na6[Re4As2S2(CN)12]"), fillerWeightPercent: 10, fillerBasis: .total)
    #expect(total.cation.symbol == "Na")
    #expect(abs(total.repeatUnitMoles * 1000 - 11.35002) < 1e-4)
    #expect(abs(total.saltMassGrams - 0.2150288) < 1e-6)
    #expect(abs(total.fillerMassGrams - 0.0794476) < 1e-6)
    #expect(abs(total.fillerMassGrams / total.totalMassGrams - 0.1) < 1e-12)
    let onTop = try PolymerElectrolyteRecipe(
      polymerMassGrams: 0.5, repeatUnit: try Formula("C2H4O"), repeatUnitsPerCation: 16, salt: salt,
      filler: try Formula("Na6[Re4As2S2(CN)12]"), fillerWeightPercent: 10,
      fillerBasis: .polymerPlusSalt)
    #expect(abs(onTop.fillerMassGrams - 0.0715029) < 1e-6)
  }

  @Test func impossibleRecipesThrow() throws {
    let eo = try Formula("C2H4O")
    let salt = try Formula("NaN(SO2CF3)2")
    #expect(throws: RecipeError.self) {
      try PolymerElectrolyteRecipe(
        polymerMassGrams: -1, repeatUnit: eo, repeatUnitsPerCation: 16, salt: salt)
    }
    #expect(throws: RecipeError.self) {
      try PolymerElectrolyteRecipe(
        polymerMassGrams: 0.5, repeatUnit: eo, repeatUnitsPerCation: 0, salt: salt)
    }
    #expect(throws: RecipeError.self) {
      try PolymerElectrolyteRecipe(
        polymerMassGrams: 0.5, repeatUnit: eo, repeatUnitsPerCation: 16, salt: try Formula("LiPF6"),
        cation: Element(symbol: "Na"))
    }
    #expect(throws: RecipeError.self) {
      try PolymerElectrolyteRecipe(
        polymerMassGrams: 0.5, repeatUnit: eo, repeatUnitsPerCation: 16, salt: salt, filler: eo,
        fillerWeightPercent: 100)
    }
    #expect(throws: RecipeError.self) { try SynthesisRecipe(millimoles: [(eo, -0.5)]) }
    #expect(throws: RecipeError.self) { try SynthesisRecipe(millimoles: []) }
  }
}
