import Foundation
import IonicsCore

/// The bond-valence sum of one site.
public struct BondValenceSum: Sendable {
  /// Index in ``CrystalStructure/sites``.
  public var site: Int
  /// The oxidation state used.
  public var oxidationState: Int
  /// Σ s over the counter-ions within the cut-off, s = exp((R0 − R)/B),
  /// each bond weighted by the neighbour's occupancy, v.u.
  public var sum: Double
  /// sum − |oxidation state|, v.u.
  public var deviation: Double
  /// Bonds counted.
  public var bonds: Int
  /// The parameters used, by counter-ion ("O: R0 1.803 Å, B 0.37 Å (a)").
  public var parameters: [String]
  /// Counter-ions within the cut-off that the table has no parameters for.
  public var missing: [String]
}

extension CrystalStructure {
  /// Bond-valence sums of every site that has an oxidation state, from
  /// `table`, counting counter-ions (opposite sign) within `cutoff` Å.
  /// Mixed sites contribute each occupant with its occupancy.
  public func bondValenceSums(
    table: BondValenceTable, oxidationStates: [Int?], cutoff: Double = 3.5
  ) -> [BondValenceSum] {
    let lists = neighbours(within: cutoff)
    var result: [BondValenceSum] = []
    for (s, site) in sites.enumerated() {
      guard s < oxidationStates.count, let v = oxidationStates[s], v != 0 else { continue }
      var sum = 0.0
      var bonds = 0
      var used: [String: String] = [:]
      var missing: Set<String> = []
      for n in lists[s] {
        for occupant in positions[n.position].occupants {
          guard occupant.site < oxidationStates.count,
            let w = oxidationStates[occupant.site], w * v < 0
          else { continue }
          let other = sites[occupant.site].element
          let (cation, cv, anion, av) =
            v > 0 ? (site.element, v, other, w) : (other, w, site.element, v)
          guard
            let entry = table.parameters(
              cation: cation, valence: cv, anion: anion, anionValence: av)
          else {
            missing.insert("\(cation.symbol)\(cv)+–\(anion.symbol)\(-av)-")
            continue
          }
          sum += occupant.occupancy * exp((entry.r0 - n.distance.value) / entry.b)
          bonds += 1
          used[other.symbol] =
            "\(cation.symbol)–\(anion.symbol): R0 \(String(format: "%.3f", entry.r0)) Å, "
            + "B \(String(format: "%.3f", entry.b)) Å (ref. \(entry.reference))"
        }
      }
      result.append(
        BondValenceSum(
          site: s, oxidationState: v, sum: sum, deviation: sum - Double(abs(v)), bonds: bonds,
          parameters: used.keys.sorted().compactMap { used[$0] }, missing: missing.sorted()))
    }
    return result
  }

  /// Oxidation states for every site: the type symbols' when every site has
  /// one, else a guess that balances the cell's charge with each element's
  /// usual states (anions: O, S, Se, Te −2; F, Cl, Br, I −1; N −3 when no
  /// more electronegative anion is present; H +1; C +4 or +2, as in
  /// carbodiimides and cyanides), trying the most usual
  /// state of each cation first. Nil when an element has no usual state here
  /// or no combination balances.
  public func oxidationStates() -> [Int?]? {
    if sites.allSatisfy({ $0.oxidationState != nil }) { return sites.map(\.oxidationState) }
    let present = Set(sites.map(\.element.symbol))
    var anions: [String: Int] = [
      "O": -2, "S": -2, "Se": -2, "Te": -2, "F": -1, "Cl": -1, "Br": -1, "I": -1,
    ]
    if !present.contains("O") && !present.contains("F") { anions["N"] = -3 }
    let usual: [String: [Int]] = [
      "H": [1], "Li": [1], "Na": [1], "K": [1], "Rb": [1], "Cs": [1], "Ag": [1], "Be": [2],
      "Mg": [2], "Ca": [2], "Sr": [2], "Ba": [2], "Zn": [2], "Cd": [2], "Ni": [2, 3],
      "Mn": [2, 3, 4], "Fe": [2, 3], "Co": [2, 3], "Cu": [2, 1], "Sn": [4, 2], "Pb": [2, 4],
      "B": [3], "Al": [3], "Ga": [3], "In": [3], "Sc": [3], "Y": [3], "La": [3], "Bi": [3],
      "Cr": [3, 6], "Si": [4], "Ge": [4], "Ti": [4, 3], "Zr": [4], "Hf": [4], "V": [5, 4, 3],
      "Nb": [5], "Ta": [5], "Mo": [6, 4], "W": [6, 4], "P": [5], "As": [5, 3], "Sb": [5, 3],
      "C": [4, 2], "Re": [4, 3, 5, 6, 7], "Pt": [2, 4], "Au": [1, 3],
    ]
    let counts = cellComposition
    var options: [(String, [Int])] = []
    for element in counts.keys {
      if let a = anions[element.symbol] {
        options.append((element.symbol, [a]))
      } else if let c = usual[element.symbol] {
        options.append((element.symbol, c))
      } else {
        return nil
      }
    }
    options.sort { $0.0 < $1.0 }
    func count(_ symbol: String) -> Double {
      counts.first { $0.key.symbol == symbol }?.value ?? 0
    }
    var choice = Array(repeating: 0, count: options.count)
    var tried = 0
    while tried < 5000 {
      tried += 1
      let charge = options.indices.reduce(0.0) {
        $0 + count(options[$1].0) * Double(options[$1].1[choice[$1]])
      }
      if abs(charge) < 1e-6 {
        let state = Dictionary(
          uniqueKeysWithValues: options.indices.map { (options[$0].0, options[$0].1[choice[$0]]) })
        return sites.map { state[$0.element.symbol] }
      }
      // Next combination (odometer).
      var k = 0
      while k < choice.count {
        choice[k] += 1
        if choice[k] < options[k].1.count { break }
        choice[k] = 0
        k += 1
      }
      if k == choice.count { return nil }
    }
    return nil
  }

  /// The global instability index √⟨d²⟩ over the sites' deviations, v.u.
  public static func globalInstabilityIndex(_ sums: [BondValenceSum]) -> Double {
    guard !sums.isEmpty else { return 0 }
    return (sums.reduce(0) { $0 + $1.deviation * $1.deviation } / Double(sums.count)).squareRoot()
  }
}
