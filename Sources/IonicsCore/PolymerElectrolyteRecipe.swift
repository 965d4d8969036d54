/// A solid polymer electrolyte recipe: polymer, salt at a repeat-unit to
/// cation ratio (EO:Na = 16 for PEO–NaTFSI), and an optional filler at a
/// weight percent with its basis stated.
public struct PolymerElectrolyteRecipe: Sendable {
  /// What a filler weight percent is a percent of.
  public enum FillerBasis: String, Sendable, Codable, CaseIterable {
    /// Of the whole composite: polymer + salt + filler.
    case total
    /// Of polymer + salt, the filler added on top.
    case polymerPlusSalt = "polymer+salt"
  }

  /// Mass of polymer, g.
  public let polymerMassGrams: Double
  /// The polymer's repeat unit (C2H4O for PEO).
  public let repeatUnit: Formula
  /// Repeat units per cation (16 for EO/Na = 16).
  public let repeatUnitsPerCation: Double
  /// The salt (NaN(SO2CF3)2 for NaTFSI).
  public let salt: Formula
  /// The cation the ratio counts.
  public let cation: Element
  /// The filler, if any.
  public let filler: Formula?
  /// Filler weight percent on ``fillerBasis``.
  public let fillerWeightPercent: Double
  /// What ``fillerWeightPercent`` is a percent of.
  public let fillerBasis: FillerBasis

  /// A recipe; throws ``RecipeError`` for non-positive masses or ratios, a
  /// salt without the cation, or a filler percent outside [0, 100) (total
  /// basis) or below 0 (polymer+salt basis). The cation defaults to the
  /// first alkali or alkaline-earth metal of the salt.
  public init(
    polymerMassGrams: Double, repeatUnit: Formula, repeatUnitsPerCation: Double, salt: Formula,
    cation: Element? = nil, filler: Formula? = nil, fillerWeightPercent: Double = 0,
    fillerBasis: FillerBasis = .total
  ) throws {
    guard polymerMassGrams > 0, polymerMassGrams.isFinite else {
      throw RecipeError.notPositive("polymer mass (g)", polymerMassGrams)
    }
    guard repeatUnitsPerCation > 0, repeatUnitsPerCation.isFinite else {
      throw RecipeError.notPositive("repeat units per cation (EO:M ratio)", repeatUnitsPerCation)
    }
    let alkaliLike: Set<String> = ["Li", "Na", "K", "Rb", "Cs", "Mg", "Ca", "Zn", "Al"]
    guard
      let chosen = cation
        ?? salt.composition.first(where: { alkaliLike.contains($0.element.symbol) })?.element
    else {
      throw RecipeError.saltLacksCation(salt: salt.text, cation: "alkali or alkaline-earth cation")
    }
    guard salt.count(of: chosen) > 0 else {
      throw RecipeError.saltLacksCation(salt: salt.text, cation: chosen.symbol)
    }
    switch fillerBasis {
    case .total:
      guard fillerWeightPercent >= 0, fillerWeightPercent < 100 else {
        throw RecipeError.percentOutOfRange(
          "filler weight percent of the total", fillerWeightPercent,
          allowed: "at least 0 and below 100")
      }
    case .polymerPlusSalt:
      guard fillerWeightPercent >= 0, fillerWeightPercent.isFinite else {
        throw RecipeError.percentOutOfRange(
          "filler weight percent of polymer + salt", fillerWeightPercent, allowed: "at least 0")
      }
    }
    self.polymerMassGrams = polymerMassGrams
    self.repeatUnit = repeatUnit
    self.repeatUnitsPerCation = repeatUnitsPerCation
    self.salt = salt
    self.cation = chosen
    self.filler = filler
    self.fillerWeightPercent = filler == nil ? 0 : fillerWeightPercent
    self.fillerBasis = fillerBasis
  }

  /// Moles of polymer repeat units.
  public var repeatUnitMoles: Double { polymerMassGrams / repeatUnit.molarMassGramsPerMole }
  /// Moles of cation needed for the ratio.
  public var cationMoles: Double { repeatUnitMoles / repeatUnitsPerCation }
  /// Moles of salt (cation moles over cations per salt formula unit).
  public var saltMoles: Double { cationMoles / salt.count(of: cation) }
  /// Mass of salt to weigh, g.
  public var saltMassGrams: Double { saltMoles * salt.molarMassGramsPerMole }

  /// Mass of filler to weigh, g: for a total basis f = w/(100 − w)·(polymer + salt),
  /// for a polymer+salt basis f = w/100·(polymer + salt).
  public var fillerMassGrams: Double {
    let base = polymerMassGrams + saltMassGrams
    switch fillerBasis {
    case .total: return fillerWeightPercent / (100 - fillerWeightPercent) * base
    case .polymerPlusSalt: return fillerWeightPercent / 100 * base
    }
  }

  /// Mass of the whole dry composite, g.
  public var totalMassGrams: Double { polymerMassGrams + saltMassGrams + fillerMassGrams }
}
