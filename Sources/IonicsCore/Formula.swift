/// A chemical formula as chemists write it: a main part and any number of
/// solvate or hydrate parts joined by `·`, `*` or `.`, each with a charge.
///
/// ```swift
/// let f = try Formula("Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O")
/// f.molarMassGramsPerMole      // 1541.07
/// f.parts[1].multiplier        // 0.75
/// ```
///
/// Counts may be fractional (`Na2.5Zr2Si1.5P1.5O12`), groups nest with
/// `()`, `[]` and `{}`, and a trailing charge is written `6-`, `+`, `^2-`,
/// `(2-)` or with superscripts (`²⁻`). A `.` between two digits is a decimal
/// point; anywhere else it joins a solvate, so write `CuSO4·5H2O` (not
/// `CuSO4.5H2O`, which reads as 4.5 O) for a pentahydrate.
public struct Formula: Sendable, Hashable, CustomStringConvertible {
  /// The text the formula was read from.
  public let text: String
  /// The parts in written order: the main part first, then each solvate.
  public let parts: [Part]

  /// One part of a formula (`6H2O` in `CuSO4·6H2O`).
  public struct Part: Sendable, Hashable {
    /// The part's text as written, without its multiplier.
    public let text: String
    /// Leading multiplier (`0.75` in `0.75CH3OH`), 1 when none is written.
    public let multiplier: Double
    /// Atoms per formula unit of this part (multiplier not applied), in
    /// order of first appearance.
    public let composition: [ElementCount]
    /// Charge of one unit of this part in elementary charges (multiplier
    /// not applied).
    public let charge: Int

    /// Molar mass of one unit of this part in g/mol (multiplier not applied).
    public var molarMassGramsPerMole: Double {
      composition.reduce(0) { $0 + $1.count * $1.element.atomicWeightGramsPerMole }
    }
  }

  /// Reads a formula; throws ``FormulaError`` naming the column of the
  /// first problem.
  public init(_ text: String) throws {
    self.text = text
    var parser = FormulaParser(text)
    self.parts = try parser.parse()
  }

  init(text: String, parts: [Part]) {
    self.text = text
    self.parts = parts
  }

  /// The text as written.
  public var description: String { text }

  /// Total atoms per formula unit, all parts with their multipliers, in
  /// order of first appearance.
  public var composition: [ElementCount] {
    var merged = ElementCounts()
    for part in parts {
      for entry in part.composition {
        merged.add(entry.element, entry.count * part.multiplier)
      }
    }
    return merged.entries
  }

  /// Atoms of `element` per formula unit (0 when absent).
  public func count(of element: Element) -> Double {
    composition.first { $0.element == element }?.count ?? 0
  }

  /// Net charge per formula unit in elementary charges.
  public var charge: Double {
    parts.reduce(0) { $0 + Double($1.charge) * $1.multiplier }
  }

  /// Molar mass in g/mol from the standard atomic weights of ``Element``.
  public var molarMassGramsPerMole: Double {
    parts.reduce(0) { $0 + $1.multiplier * $1.molarMassGramsPerMole }
  }

  /// Mass fraction of each element in percent, in order of first appearance.
  public var massPercent: [(element: Element, percent: Double)] {
    let total = molarMassGramsPerMole
    return composition.map {
      ($0.element, total > 0 ? 100 * $0.count * $0.element.atomicWeightGramsPerMole / total : 0)
    }
  }

  /// The main part alone, without solvates: `Na6[Re4As2S2(CN)12]` for the
  /// solvate `Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O`.
  public var withoutSolvates: Formula {
    guard let first = parts.first else { return self }
    let main = Part(
      text: first.text, multiplier: 1, composition: first.composition, charge: first.charge)
    return Formula(text: first.text, parts: [main])
  }

  /// The solvate parts (everything after the main part).
  public var solvates: [Part] { Array(parts.dropFirst()) }

  /// Mass fraction (0–1) of all solvate parts in the whole formula: the
  /// mass a thermogravimetric run loses when every solvent leaves.
  public var solventMassFraction: Double {
    let total = molarMassGramsPerMole
    guard total > 0 else { return 0 }
    return solvates.reduce(0) { $0 + $1.multiplier * $1.molarMassGramsPerMole } / total
  }

  /// The Hill-system sum formula (C first, then H, then the rest
  /// alphabetically; alphabetical throughout when there is no carbon),
  /// with counts printed to at most four decimals and the charge appended.
  public var hillFormula: String {
    var counts: [Element: Double] = [:]
    for e in composition { counts[e.element, default: 0] += e.count }
    var text = Formula.hillFormula(counts)
    let q = charge
    if q != 0 {
      let magnitude = abs(q)
      text += (magnitude == 1 ? "" : formatCount(magnitude)) + (q > 0 ? "+" : "-")
    }
    return text
  }
}

extension Formula {
  /// The Hill-system sum formula of element counts (C first, then H, then
  /// the rest alphabetically; alphabetical throughout without carbon),
  /// counts to at most four decimals, 1 and counts below 1e-9 left out.
  public static func hillFormula(_ counts: [Element: Double]) -> String {
    let present = counts.filter { $0.value > 1e-9 }
    let hasCarbon = present.keys.contains { $0.symbol == "C" }
    let ordered = present.keys.sorted { a, b in
      func rank(_ e: Element) -> (Int, String) {
        if hasCarbon && e.symbol == "C" { return (0, "") }
        if hasCarbon && e.symbol == "H" { return (1, "") }
        return (2, e.symbol)
      }
      return rank(a) < rank(b)
    }
    return ordered.map { $0.symbol + formatCount(present[$0] ?? 0) }.joined()
  }
}

/// A number of atoms of one element.
public struct ElementCount: Sendable, Hashable {
  /// The element.
  public let element: Element
  /// Atoms per formula unit; may be fractional.
  public let count: Double
}

/// Counts per element in order of first appearance.
struct ElementCounts {
  private(set) var entries: [ElementCount] = []

  mutating func add(_ element: Element, _ count: Double) {
    if let i = entries.firstIndex(where: { $0.element == element }) {
      entries[i] = ElementCount(element: element, count: entries[i].count + count)
    } else {
      entries.append(ElementCount(element: element, count: count))
    }
  }

  mutating func add(_ other: ElementCounts, times factor: Double) {
    for entry in other.entries { add(entry.element, entry.count * factor) }
  }
}

/// Prints a count without trailing zeros: 2 → "2", 1.5 → "1.5", 1 → "".
func formatCount(_ raw: Double) -> String {
  // Rounded to the four decimals printed first, so that a sum of
  // occupancies such as 0.47 + 0.53 prints as 1.
  let count = abs(raw) < 1e11 ? (raw * 1e4).rounded() / 1e4 : raw
  if count == 1 { return "" }
  if count == count.rounded(), abs(count) < 1e15 { return String(Int(count)) }
  var text = String(format: "%.4f", count)
  while text.hasSuffix("0") { text.removeLast() }
  if text.hasSuffix(".") { text.removeLast() }
  return text
}
