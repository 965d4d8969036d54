/// A chemical element with its IUPAC standard atomic weight.
///
/// Atomic weights are the CIAAW/IUPAC 2021 standard atomic weights
/// (Prohaska et al., Pure Appl. Chem. 2022, 94, 573). Where IUPAC gives an
/// interval (H, Li, B, C, N, O, Mg, Si, S, Cl, Ar, Br, Tl, Pb) the
/// *conventional* value of the IUPAC table is used, as chemists and
/// crystallographic software do. Elements without a standard atomic weight
/// carry the mass number of their longest-lived isotope, flagged by
/// ``hasStandardAtomicWeight`` = `false`.
public struct Element: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// Atomic number Z.
  public let atomicNumber: Int
  /// Chemical symbol as IUPAC writes it ("Na", "Re").
  public let symbol: String
  /// English name (IUPAC spelling: "aluminium", "caesium", "sulfur").
  public let name: String
  /// Standard atomic weight in g/mol (numerically equal to the relative
  /// atomic mass Ar, dimensionless, times 1 g/mol).
  public let atomicWeightGramsPerMole: Double
  /// `false` for elements that have no stable isotope and hence no standard
  /// atomic weight; their weight is then a mass number such as 97 for Tc.
  public let hasStandardAtomicWeight: Bool

  /// The element's symbol.
  public var description: String { symbol }

  /// Orders elements by atomic number.
  public static func < (lhs: Element, rhs: Element) -> Bool {
    lhs.atomicNumber < rhs.atomicNumber
  }

  /// The element with this symbol, exactly as written ("Na", not "NA" or "na").
  public init?(symbol: String) {
    guard let element = Element.bySymbol[symbol] else { return nil }
    self = element
  }

  /// The element with atomic number `atomicNumber` (1...118).
  public init?(atomicNumber: Int) {
    guard atomicNumber >= 1, atomicNumber <= Element.all.count else { return nil }
    self = Element.all[atomicNumber - 1]
  }

  init(_ z: Int, _ symbol: String, _ name: String, _ weight: Double, standard: Bool = true) {
    self.atomicNumber = z
    self.symbol = symbol
    self.name = name
    self.atomicWeightGramsPerMole = weight
    self.hasStandardAtomicWeight = standard
  }

  /// All 118 elements in order of atomic number.
  public static let all: [Element] = elementTable

  private static let bySymbol: [String: Element] = Dictionary(
    uniqueKeysWithValues: elementTable.map { ($0.symbol, $0) })
}
