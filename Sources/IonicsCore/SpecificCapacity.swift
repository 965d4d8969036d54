/// Theoretical specific capacity of an electrode material and the C-rate
/// convention that turns a capacity into a current.
public enum SpecificCapacity {
  /// Theoretical specific capacity Q = n·F / (3.6·M) in mAh/g, for `n`
  /// electrons exchanged per formula unit of molar mass `M` in g/mol
  /// (F in C/mol; 3.6 C = 1 mAh). Na3V2(PO4)3 with n = 2 gives 117.6 mAh/g.
  public static func theoreticalMilliampHoursPerGram(
    electronsPerFormulaUnit n: Double, molarMassGramsPerMole molarMass: Double
  ) throws -> Double {
    guard n > 0, n.isFinite else { throw RecipeError.notPositive("electrons per formula unit", n) }
    guard molarMass > 0, molarMass.isFinite else {
      throw RecipeError.notPositive("molar mass", molarMass)
    }
    return n * PhysicalConstants.faraday / (3.6 * molarMass)
  }

  /// Theoretical specific capacity of `formula` for `n` electrons per
  /// formula unit, in mAh/g.
  public static func theoreticalMilliampHoursPerGram(
    of formula: Formula, electronsPerFormulaUnit n: Double
  ) throws -> Double {
    try theoreticalMilliampHoursPerGram(
      electronsPerFormulaUnit: n, molarMassGramsPerMole: formula.molarMassGramsPerMole)
  }
}

/// The C-rate convention: a rate of x C passes the nominal capacity in 1/x
/// hours. With a nominal specific capacity q (mAh/g) and an active mass m
/// (g), the current is I = x·q·m in mA. The paper sets 1 C = 117 mAh/g.
public struct CRate: Sendable, Hashable, Codable {
  /// Nominal specific capacity that defines 1 C, mAh/g.
  public let nominalMilliampHoursPerGram: Double
  /// Mass of active material in the electrode, g.
  public let activeMassGrams: Double

  /// A C-rate convention for an electrode; both numbers must be positive.
  public init(nominalMilliampHoursPerGram: Double, activeMassGrams: Double) throws {
    guard nominalMilliampHoursPerGram > 0, nominalMilliampHoursPerGram.isFinite else {
      throw RecipeError.notPositive("nominal specific capacity", nominalMilliampHoursPerGram)
    }
    guard activeMassGrams > 0, activeMassGrams.isFinite else {
      throw RecipeError.notPositive("active mass", activeMassGrams)
    }
    self.nominalMilliampHoursPerGram = nominalMilliampHoursPerGram
    self.activeMassGrams = activeMassGrams
  }

  /// Nominal capacity of the electrode, mAh.
  public var nominalCapacityMilliampHours: Double { nominalMilliampHoursPerGram * activeMassGrams }

  /// Current in A at `rate` C (0.1 for C/10).
  public func currentAmperes(atRate rate: Double) -> Double {
    rate * nominalCapacityMilliampHours / 1000
  }

  /// The C-rate that a current of `current` A corresponds to.
  public func rate(forCurrentAmperes current: Double) -> Double {
    current * 1000 / nominalCapacityMilliampHours
  }

  /// Hours a full nominal charge takes at `rate` C.
  public func hours(atRate rate: Double) -> Double { 1 / rate }
}
