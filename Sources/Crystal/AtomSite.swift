import IonicsCore

/// One site of the asymmetric unit as the CIF lists it.
public struct AtomSite: Sendable {
  /// Label (`Na1`, `NaA2*`).
  public var label: String
  /// The element, from the type symbol or else the label.
  public var element: Element
  /// Oxidation state from the type symbol (`Na1+` → +1), when written.
  public var oxidationState: Int?
  /// Fractional coordinates with their standard uncertainties.
  public var x: Measured
  /// y, fractional.
  public var y: Measured
  /// z, fractional.
  public var z: Measured
  /// Occupancy (1 when the file gives none).
  public var occupancy: Measured
  /// U_iso, Å² (B_iso converted: U = B/8π²), when given.
  public var uIso: Measured?
  /// Anisotropic displacement U11, U22, U33, U12, U13, U23 (Å²; B_ij
  /// converted), matched from the aniso loop by label.
  public var uAniso: [Measured]?

  /// The fractional position without uncertainties.
  public var position: SIMD3<Double> { SIMD3(x.value, y.value, z.value) }

  /// Element and oxidation state from a CIF type symbol or label: the
  /// leading letters that name an element (two if they do, else one; D and
  /// T read as hydrogen), and a charge such as `1+`, `2-`, `+3` after them.
  public static func species(from symbol: String) -> (Element, Int?)? {
    let letters = symbol.prefix { $0.isLetter }
    guard let first = letters.first else { return nil }
    var element: Element?
    if letters.count >= 2 {
      let two = String(first).uppercased() + letters.dropFirst().prefix(1).lowercased()
      element = Element(symbol: two)
    }
    if element == nil { element = Element(symbol: String(first).uppercased()) }
    // Deuterium (D) and tritium (T), common in neutron structures, are hydrogen.
    if element == nil, "DT".contains(first.uppercased()) { element = Element(symbol: "H") }
    guard let element else { return nil }
    // A charge: digits then a sign, or a sign then digits, right after the symbol.
    let rest = symbol.dropFirst(element.symbol.count)
    var oxidation: Int?
    let digits = rest.prefix { $0.isNumber }
    let after = rest.dropFirst(digits.count)
    if !digits.isEmpty, let sign = after.first, sign == "+" || sign == "-" {
      oxidation = (Int(digits) ?? 1) * (sign == "-" ? -1 : 1)
    } else if let sign = rest.first, sign == "+" || sign == "-" {
      let n = rest.dropFirst().prefix { $0.isNumber }
      oxidation = (Int(n) ?? 1) * (sign == "-" ? -1 : 1)
    }
    return (element, oxidation)
  }
}
