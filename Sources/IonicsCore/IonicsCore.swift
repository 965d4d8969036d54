// IonicsCore: the chemistry and metrology every other Ionics module uses.
//
// - ``Element``: the periodic table with IUPAC 2021 standard atomic weights.
// - ``Formula``: formulas with nested groups, charges, solvates and
//   fractional counts; molar mass, composition, solvent mass fraction.
// - ``Measured``: numbers with standard uncertainty in crystallographic
//   notation ("9.4363(3)"), with first-order propagation.
// - ``PhysicalConstants`` (CODATA 2018), ``Units`` and ``PhysicalUnit``.
// - ``SpecificCapacity`` and ``CRate``: theoretical capacity, rate ↔ current.
// - ``SynthesisRecipe`` and ``PolymerElectrolyteRecipe``: reagent masses,
//   yields, and polymer–salt–filler recipes.
//
// Example:
//
//     let solvate = try Formula("Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O")
//     solvate.molarMassGramsPerMole          // 1541.07 g/mol
//     solvate.solventMassFraction * 100      // 8.57 % lost as CH3OH + H2O
//     try Measured(parsing: "9.4363(3)")     // 9.4363 ± 0.0003
