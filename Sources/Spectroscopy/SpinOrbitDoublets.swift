import Foundation

/// Spin–orbit doublets of p, d and f core levels: the splitting between the
/// j = l + ½ line (lower binding energy) and the j = l − ½ line, and their
/// area ratio from the occupancies 2j + 1 (p 1:2, d 2:3, f 3:4).
public enum SpinOrbitDoublets {
  /// Where the splittings come from.
  public static let source =
    "J. F. Moulder, W. F. Stickle, P. E. Sobol, K. D. Bomben, Handbook of X-ray Photoelectron Spectroscopy (Perkin-Elmer, 1992), elements in their elemental state; compounds can differ by 0.1–0.5 eV (3d metals more)"

  /// Splittings, eV, keyed "Element nl" ("Pt 4f").
  public static let splittings: [String: Double] = [
    "Mg 2p": 0.28, "Al 2p": 0.44, "Si 2p": 0.61, "P 2p": 0.84, "S 2p": 1.18, "Cl 2p": 1.60, "K 2p": 2.77,
    "Ca 2p": 3.55, "Ti 2p": 6.05, "V 2p": 7.64, "Cr 2p": 9.30, "Mn 2p": 11.65, "Fe 2p": 13.10, "Co 2p": 14.97,
    "Ni 2p": 17.27, "Cu 2p": 19.75, "Zn 2p": 23.02, "Ga 3d": 0.46, "Ge 3d": 0.58, "As 3d": 0.69, "Se 3d": 0.86,
    "Y 3d": 2.05, "Zr 3d": 2.43, "Nb 3d": 2.72, "Mo 3d": 3.13, "Ru 3d": 4.17, "Rh 3d": 4.74, "Pd 3d": 5.26,
    "Ag 3d": 6.00, "Cd 3d": 6.74, "In 3d": 7.54, "Sn 3d": 8.41, "Sb 3d": 9.34, "Te 3d": 10.39, "I 3d": 11.50,
    "Hf 4f": 1.66, "Ta 4f": 1.91, "W 4f": 2.18, "Re 4f": 2.43, "Ir 4f": 2.98, "Pt 4f": 3.33, "Au 4f": 3.67,
    "Hg 4f": 4.05, "Pb 4f": 4.86, "Bi 4f": 5.31,
  ]

  /// The two lines of a doublet.
  public struct Doublet: Sendable, Equatable, Codable {
    /// The core level ("Pt 4f").
    public let line: String
    /// The j = l + ½ line's name ("4f7/2").
    public let lower: String
    /// The j = l − ½ line's name ("4f5/2").
    public let upper: String
    /// Splitting, eV.
    public let splittingElectronvolts: Double
    /// Area of the upper line over the lower one (0.5, 2/3, 0.75).
    public let areaRatio: Double
    /// Where the splitting comes from ("given" or the table's source).
    public let source: String
  }

  /// The doublet of `element` `level` ("Pt", "4f"), with `splitting` (eV)
  /// overriding the table; nil for s levels, unknown levels without a
  /// given splitting, or a splitting that is not positive and finite.
  public static func doublet(element: String, level: String, splitting: Double? = nil) -> Doublet? {
    let trimmed = level.trimmingCharacters(in: .whitespaces)
    guard trimmed.count >= 2, let n = trimmed.first, n.isNumber, let l = trimmed.dropFirst().first else { return nil }
    let orbital: Double
    switch l {
    case "p": orbital = 1
    case "d": orbital = 2
    case "f": orbital = 3
    default: return nil
    }
    let shell = "\(n)\(l)"
    let key = "\(element) \(shell)"
    guard let value = splitting ?? splittings[key], value.isFinite, value > 0, value < 100 else { return nil }
    func j(_ twice: Int) -> String { "\(shell)\(twice)/2" }
    return Doublet(
      line: key, lower: j(Int(2 * orbital + 1)), upper: j(Int(2 * orbital - 1)), splittingElectronvolts: value,
      areaRatio: orbital / (orbital + 1), source: splitting == nil ? source : "given")
  }

  /// Each component as a doublet: the component is the j = l + ½ line, and
  /// a partner at +splitting eV follows it with the same width and the
  /// area ratio. Ties inside the components are renumbered.
  public static func expand(_ components: [XPSFit.Component], _ doublet: Doublet) -> [XPSFit.Component] {
    var out: [XPSFit.Component] = []
    for c in components {
      var lower = c
      lower.name = "\(c.name) \(doublet.lower)"
      lower.positionOffset = c.positionOffset.map { (2 * $0.component, $0.electronvolts) }
      lower.sameWidthAs = c.sameWidthAs.map { 2 * $0 }
      lower.areaRatio = c.areaRatio.map { (2 * $0.component, $0.ratio) }
      var upper = XPSFit.Component(
        "\(c.name) \(doublet.upper)", shape: c.shape, position: c.position + doublet.splittingElectronvolts, width: c.width)
      let main = out.count
      upper.positionOffset = (main, doublet.splittingElectronvolts)
      upper.sameWidthAs = main
      upper.areaRatio = (main, doublet.areaRatio)
      out.append(lower)
      out.append(upper)
    }
    return out
  }
}
