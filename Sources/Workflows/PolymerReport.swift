import Foundation
import IonicsCore

/// The numbers of a polymer-electrolyte recipe.
package struct PolymerReport: Encodable, Sendable {
  let repeatUnit: String
  let repeatUnitMolarMassGramsPerMole: Double
  let polymerMassGrams: Double
  let repeatUnitMillimoles: Double
  let repeatUnitsPerCation: Double
  let salt: String
  let saltFormula: String
  let saltMolarMassGramsPerMole: Double
  let cation: String
  let saltMillimoles: Double
  let saltMassGrams: Double
  let filler: String?
  let fillerWeightPercent: Double
  let fillerBasis: String
  let fillerMassGrams: Double
  let totalMassGrams: Double

  package init(_ r: PolymerElectrolyteRecipe, repeatUnitName: String, saltName: String, fillerName: String?)
  {
    repeatUnit =
      repeatUnitName == r.repeatUnit.text
      ? r.repeatUnit.text : "\(repeatUnitName) (\(r.repeatUnit.text))"
    repeatUnitMolarMassGramsPerMole = r.repeatUnit.molarMassGramsPerMole
    polymerMassGrams = r.polymerMassGrams
    repeatUnitMillimoles = r.repeatUnitMoles * 1000
    repeatUnitsPerCation = r.repeatUnitsPerCation
    salt = saltName
    saltFormula = r.salt.text
    saltMolarMassGramsPerMole = r.salt.molarMassGramsPerMole
    cation = r.cation.symbol
    saltMillimoles = r.saltMoles * 1000
    saltMassGrams = r.saltMassGrams
    filler = fillerName
    fillerWeightPercent = r.fillerWeightPercent
    fillerBasis = r.fillerBasis.rawValue
    fillerMassGrams = r.fillerMassGrams
    totalMassGrams = r.totalMassGrams
  }

  package var rendered: String {
    var table = TextTable("component", "formula", "M (g/mol)", "n (mmol)", "m (g)", "wt %")
    let share = { (m: Double) in fixed(100 * m / self.totalMassGrams, 2) }
    table.add(
      "polymer", repeatUnit, fixed(repeatUnitMolarMassGramsPerMole, 3),
      fixed(repeatUnitMillimoles, 4), fixed(polymerMassGrams, 4), share(polymerMassGrams))
    table.add(
      "salt", salt == saltFormula ? salt : "\(salt) (\(saltFormula))",
      fixed(saltMolarMassGramsPerMole, 3), fixed(saltMillimoles, 4), fixed(saltMassGrams, 4),
      share(saltMassGrams))
    if let filler, fillerMassGrams > 0 {
      table.add("filler", filler, "", "", fixed(fillerMassGrams, 4), share(fillerMassGrams))
    }
    var lines = [table.rendered]
    lines.append("ratio: \(formatNumber(repeatUnitsPerCation)) repeat units per \(cation)")
    if filler != nil {
      let basisText =
        fillerBasis == "total"
        ? "of the total (polymer + salt + filler)" : "of polymer + salt, added on top"
      lines.append("filler: \(formatNumber(fillerWeightPercent)) wt % \(basisText)")
    }
    lines.append("total dry mass: \(fixed(totalMassGrams, 4)) g")
    return lines.joined(separator: "\n")
  }
}
