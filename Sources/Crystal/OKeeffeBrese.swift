import Foundation
import IonicsCore

/// Bond-valence R0 of any cation–anion pair from O'Keeffe & Brese's element
/// parameters (J. Am. Chem. Soc. 113 (1991) 3226), with B = 0.37 Å:
///
///     R0 = r_A + r_X − r_A·r_X·(√c_A − √c_X)² / (c_A·r_A + c_X·r_X)
///
/// r is an element's size (Å) and c its electronegativity-like parameter.
/// It is the fallback for pairs that Brown's table does not list; for
/// Na–N it gives 1.968 Å (Brese & O'Keeffe's table: 1.93 Å).
public enum OKeeffeBrese {
  /// The softness B that goes with these R0, Å.
  public static let b = 0.37

  /// The element's (r, c), nil when the 1991 set lacks it.
  public static func parameters(_ element: Element) -> (r: Double, c: Double)? {
    table[element.symbol]
  }

  /// R0 of `cation`–`anion`, Å; nil when either element lacks parameters.
  public static func r0(cation: Element, anion: Element) -> Double? {
    guard let a = table[cation.symbol], let x = table[anion.symbol] else { return nil }
    let difference = a.c.squareRoot() - x.c.squareRoot()
    return a.r + x.r - a.r * x.r * difference * difference / (a.c * a.r + x.c * x.r)
  }

  private static let table: [String: (r: Double, c: Double)] = {
    var result: [String: (r: Double, c: Double)] = [:]
    for line in OKeeffeBreseTable.elements.split(separator: "\n") {
      let f = line.split(separator: " ")
      guard f.count == 3, let r = Double(f[1]), let c = Double(f[2]) else { continue }
      result[String(f[0])] = (r, c)
    }
    return result
  }()
}
