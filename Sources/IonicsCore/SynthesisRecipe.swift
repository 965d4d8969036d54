/// Reagent amounts of a solid-state or solution synthesis, their masses, and
/// the yield of a product.
///
/// The theoretical amount of product is set by its **limiting element**: for
/// every element of the product that the reagents supply, the moles supplied
/// divided by that element's count in one product formula unit; the smallest
/// of these is the most product the reagents can make if every atom of that
/// element ends up in it. Elements that no reagent supplies (H and O of
/// crystal water or solvent, say) are listed and do not limit.
public struct SynthesisRecipe: Sendable {
  /// One reagent and its amount.
  public struct Reagent: Sendable {
    /// The reagent's formula.
    public let formula: Formula
    /// Amount in mol.
    public let amountMoles: Double
    /// Mass to weigh in g: amount × molar mass.
    public var massGrams: Double { amountMoles * formula.molarMassGramsPerMole }
  }

  /// The reagents in the order given.
  public let reagents: [Reagent]

  /// A recipe from formulas and amounts in mmol (the unit syntheses are
  /// written in); every amount must be positive.
  public init(millimoles: [(formula: Formula, amount: Double)]) throws {
    guard !millimoles.isEmpty else { throw RecipeError.noReagents }
    self.reagents = try millimoles.map {
      guard $0.amount > 0, $0.amount.isFinite else {
        throw RecipeError.notPositive("amount of \($0.formula.text) (mmol)", $0.amount)
      }
      return Reagent(formula: $0.formula, amountMoles: $0.amount / 1000)
    }
  }

  /// The most product the reagents can make, and why.
  public struct TheoreticalYield: Sendable {
    /// The product.
    public let product: Formula
    /// Theoretical amount of product, mol.
    public let amountMoles: Double
    /// Theoretical mass of product, g.
    public var massGrams: Double { amountMoles * product.molarMassGramsPerMole }
    /// The element that runs out first.
    public let limitingElement: Element
    /// Elements of the product that no reagent supplies.
    public let elementsNotSupplied: [Element]
  }

  /// Moles of `element` that all reagents together supply.
  public func suppliedMoles(of element: Element) -> Double {
    reagents.reduce(0) { $0 + $1.amountMoles * $1.formula.count(of: element) }
  }

  /// The theoretical yield of `product` by its limiting element.
  public func theoreticalYield(of product: Formula) throws -> TheoreticalYield {
    var best: (Element, Double)?
    var missing: [Element] = []
    for entry in product.composition {
      let supplied = suppliedMoles(of: entry.element)
      if supplied <= 0 {
        missing.append(entry.element)
        continue
      }
      let possible = supplied / entry.count
      if best == nil || possible < (best?.1 ?? .infinity) { best = (entry.element, possible) }
    }
    guard let (element, amount) = best else {
      throw RecipeError.noCommonElement(product: product.text)
    }
    return TheoreticalYield(
      product: product, amountMoles: amount, limitingElement: element, elementsNotSupplied: missing)
  }

  /// Yield in percent of the theoretical for `massGrams` of isolated `product`.
  public func yieldPercent(of product: Formula, isolatedMassGrams massGrams: Double) throws
    -> Double
  {
    guard massGrams > 0, massGrams.isFinite else {
      throw RecipeError.notPositive("product mass", massGrams)
    }
    return 100 * massGrams / (try theoreticalYield(of: product).massGrams)
  }
}
