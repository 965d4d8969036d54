import Foundation
import IonicsCore

/// A neighbour of a site.
public struct Neighbour: Sendable {
  /// Position index of the neighbour.
  public var position: Int
  /// Index in ``CrystalStructure/sites`` of the neighbour's (first) site:
  /// its label and element are `sites[site]`'s.
  public var site: Int
  /// Atomic number of the neighbour (for quick filtering).
  public var atomicNumber: Int
  /// Lattice translation of the neighbour, cells.
  public var translation: SIMD3<Int32>
  /// Distance, Å, with its standard uncertainty.
  public var distance: Measured
  /// Vector from the site to the neighbour, Cartesian Å.
  public var vector: SIMD3<Double>
}

/// The coordination of one site of the asymmetric unit.
public struct Coordination: Sendable {
  /// How the coordination number was chosen.
  public enum Rule: Sendable, CustomStringConvertible {
    /// Every neighbour within the distance, Å.
    case cutoff(Double)
    /// The neighbours before the largest relative gap in the sorted
    /// distances, among those within the distance, Å.
    case largestGap(within: Double)

    /// The rule in words.
    public var description: String {
      switch self {
      case .cutoff(let d): return String(format: "all neighbours within %g Å", d)
      case .largestGap(let d):
        return String(format: "neighbours before the largest gap in the distances up to %g Å", d)
      }
    }
  }

  /// Index of the site in ``CrystalStructure/sites``.
  public var site: Int
  /// The coordinating neighbours, nearest first.
  public var neighbours: [Neighbour]
  /// The rule used.
  public var rule: Rule
  /// The polyhedron's name where simple (octahedron, tetrahedron, …).
  public var polyhedron: String

  /// The coordination number.
  public var number: Int { neighbours.count }
}

/// Distances of one element pair, each symmetry-independent bond once.
public struct PairDistances: Sendable {
  /// "Re–Re".
  public var pair: String
  /// The distinct bonds as site indices and distance, shortest first.
  public var bondSites: [(from: Int, to: Int, distance: Measured)]
  /// Labels of the structure's sites (indexed by ``bondSites``).
  public var siteLabels: [String]
  /// Shortest.
  public var shortest: Measured
  /// Longest.
  public var longest: Measured
  /// Mean, with the sample standard deviation of the distances as its spread.
  public var mean: Measured

  /// The distinct bonds: labels and distance, shortest first.
  public var bonds: [(from: String, to: String, distance: Measured)] {
    bondSites.map { (siteLabels[$0.from], siteLabels[$0.to], $0.distance) }
  }

  /// Number of distinct bonds.
  public var count: Int { bondSites.count }
}

/// The bonds already kept, as (site, site, length in 1e-4 Å): an
/// open-addressing hash set of the three packed into one 64-bit word (sites
/// below 2²³, lengths below 838 Å), with a general set for anything larger.
/// Hand-written because the standard `Set` hashes each key with SipHash,
/// a third of the time of a large cell's distance table.
struct BondKeySet {
  private var slots: [UInt64]
  private var mask: Int
  private var count = 0
  private var overflow = Set<[Int]>()
  private static let empty = UInt64.max

  init(capacity: Int) {
    var size = 16
    while size < 2 * capacity { size *= 2 }
    slots = Array(repeating: Self.empty, count: size)
    mask = size - 1
  }

  /// Inserts the key; false when it was there already.
  mutating func insert(low: Int, high: Int, length: Int) -> Bool {
    guard low >= 0, high >= 0, length >= 0, low < 1 << 23, high < 1 << 23, length < 1 << 23
    else { return overflow.insert([low, high, length]).inserted }
    let key = UInt64(low) << 41 | UInt64(high) << 18 | UInt64(length)
    if 2 * (count + 1) > slots.count { grow() }
    // Fibonacci hashing: the high bits of key × 2⁶⁴/φ.
    var k = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    while true {
      let slot = slots[k]
      if slot == key { return false }
      if slot == Self.empty {
        slots[k] = key
        count += 1
        return true
      }
      k = (k + 1) & mask
    }
  }

  private mutating func grow() {
    let old = slots
    slots = Array(repeating: Self.empty, count: old.count * 2)
    mask = slots.count - 1
    for key in old where key != Self.empty {
      var k = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
      while slots[k] != Self.empty { k = (k + 1) & mask }
      slots[k] = key
    }
  }
}

extension CrystalStructure {
  /// The first position of each site (where its own coordinates put it).
  var homePositions: [Int] {
    var home = Array(repeating: -1, count: sites.count)
    for (k, p) in positions.enumerated() {
      for o in p.occupants where home[o.site] < 0 && p.operation == 0 { home[o.site] = k }
    }
    for (k, p) in positions.enumerated() {
      for o in p.occupants where home[o.site] < 0 { home[o.site] = k }
    }
    return home
  }

  /// Neighbours of every site within `distance` (Å), nearest first, from
  /// one neighbour search over the whole cell.
  public func neighbours(within distance: Double) -> [[Neighbour]] {
    let home = homePositions
    // The sites whose own coordinates put them at each position.
    var siteOf = Array(repeating: [Int](), count: positions.count)
    for (s, p) in home.enumerated() where p >= 0 { siteOf[p].append(s) }
    let geometry = DistanceGeometry(self)
    var result = Array(repeating: [Neighbour](), count: sites.count)
    for contact in contacts(within: distance) {
      for (here, there, sign) in [
        (contact.from, contact.to, Int32(1)), (contact.to, contact.from, -1),
      ] {
        let owners = siteOf[here]
        if owners.isEmpty { continue }
        let translation = contact.translation &* SIMD3(repeating: sign)
        let d = self.distance(
          from: here, to: there, translation: translation, geometry: geometry)
        let delta =
          positions[there].fractional + SIMD3<Double>(translation) - positions[here].fractional
        let other = positions[there].occupants[0].site
        for s in owners {
          result[s].append(
            Neighbour(
              position: there, site: other, atomicNumber: sites[other].element.atomicNumber,
              translation: translation, distance: d, vector: cell.cartesian(delta)))
        }
      }
    }
    return result.map { $0.sorted { $0.distance.value < $1.distance.value } }
  }

  /// The coordination of every site by `rule`.
  public func coordination(rule: Coordination.Rule) -> [Coordination] {
    let reach: Double
    switch rule {
    case .cutoff(let d): reach = d
    case .largestGap(let d): reach = d
    }
    return neighbours(within: reach).enumerated().map { s, all in
      var chosen = all
      if case .largestGap = rule, all.count > 1 {
        var best = all.count
        var bestGap = 0.0
        for k in 0..<(all.count - 1) {
          let gap = (all[k + 1].distance.value - all[k].distance.value) / all[k].distance.value
          if gap > bestGap {
            bestGap = gap
            best = k + 1
          }
        }
        chosen = Array(all.prefix(best))
      }
      return Coordination(
        site: s, neighbours: chosen, rule: rule,
        polyhedron: Self.polyhedronName(chosen.map(\.vector)))
    }
  }

  /// Distances between elements `first` and `second` up to `maximum` (Å),
  /// each symmetry-independent bond once (by the pair of sites and the
  /// distance to 1e-4 Å), sorted by length.
  public func distances(between first: Element, and second: Element, upTo maximum: Double)
    -> PairDistances?
  {
    bonds(upTo: maximum, only: (first.atomicNumber, second.atomicNumber)).first
  }

  /// The distances of every element pair present up to `maximum` (Å), from
  /// one neighbour search, each pair in the order papers write it.
  public func pairDistances(upTo maximum: Double) -> [PairDistances] {
    bonds(upTo: maximum, only: nil)
  }

  /// Bonds from one contact search: each contact seen from a site's own
  /// position, kept once per (pair of sites, length to 1e-4 Å), its s.u.
  /// computed only then; grouped by element pair.
  func bonds(upTo maximum: Double, only: (Int, Int)?) -> [PairDistances] {
    // The sites whose own coordinates put them at each position, as
    // compressed lists: owners[ownerStart[p]..<ownerStart[p + 1]].
    let home = homePositions
    var ownerStart = [Int](repeating: 0, count: positions.count + 1)
    for p in home where p >= 0 { ownerStart[p + 1] += 1 }
    for p in 0..<positions.count { ownerStart[p + 1] += ownerStart[p] }
    var owners = [Int](repeating: 0, count: ownerStart[positions.count])
    var fill = ownerStart
    for (s, p) in home.enumerated() where p >= 0 {
      owners[fill[p]] = s
      fill[p] += 1
    }
    // Elements once: an index per site, the order papers write them in, and
    // one group per unordered pair of element indices.
    let elements = Array(Set(sites.map(\.element))).sorted(by: Self.writtenBefore)
    let elementIndex = Dictionary(uniqueKeysWithValues: elements.enumerated().map { ($1, $0) })
    let siteElement = sites.map { elementIndex[$0.element] ?? 0 }
    let atomicNumber = sites.map(\.element.atomicNumber)
    let firstOccupant = positions.map { $0.occupants[0].site }
    let geometry = DistanceGeometry(self)
    let e = elements.count
    var groups = Array(repeating: [(from: Int, to: Int, distance: Measured)](), count: e * e)
    // The contacts first (a plain list), then each seen from both ends.
    let contacts =
      positions.isEmpty || maximum <= 0
      ? [] : CellList(positions.map(\.fractional), metric: metric, cutoff: maximum).contacts()
    // A bond is kept once per (pair of sites, length to 1e-4 Å). A contact
    // between two positions that each hold one site, at home, gives the same
    // key from both ends, so its far end is not visited again.
    var seen = BondKeySet(capacity: 16)
    let fractional = positions.map(\.fractional)
    let operation = positions.map(\.operation)
    let soleHome = positions.indices.map {
      ownerStart[$0 + 1] - ownerStart[$0] == 1 && owners[ownerStart[$0]] == firstOccupant[$0]
    }
    // When every position holds one site at home (a P1 cell without mixed
    // sites) and the cut-off is under half of every width of the cell, two
    // positions have at most one contact and no key can repeat.
    let inverse = Self.invert(metric)
    let narrowest = (0..<3).map { 1 / max(inverse[$0][$0], 1e-300).squareRoot() }.min() ?? 0
    let unique = only == nil && soleHome.allSatisfy { $0 } && 2 * maximum < narrowest
    for contact in contacts {
      let lengthKey = Int((contact.length * 1e4).rounded())
      let (i, j) = (Int(contact.i), Int(contact.j))
      let ends = only == nil && soleHome[i] && soleHome[j] ? 1 : 2
      for end in 0..<ends {
        let (here, there) = end == 0 ? (i, j) : (j, i)
        let translation = end == 0 ? contact.translation : 0 &- contact.translation
        let other = firstOccupant[there]
        for k in ownerStart[here]..<ownerStart[here + 1] {
          let s = owners[k]
          if let only, !(atomicNumber[s] == only.0 && atomicNumber[other] == only.1) { continue }
          guard
            unique
              || seen.insert(low: Swift.min(s, other), high: Swift.max(s, other), length: lengthKey)
          else { continue }
          let d = Self.distance(
            fractional[here], fractional[there] + SIMD3<Double>(translation),
            operations: (operation[here], operation[there]),
            sites: (firstOccupant[here], other), geometry: geometry)
          let (p, q) =
            siteElement[s] < siteElement[other]
              || (siteElement[s] == siteElement[other] && s <= other)
            ? (s, other) : (other, s)
          groups[siteElement[p] * e + siteElement[q]].append((p, q, d))
        }
      }
    }
    var result: [PairDistances] = []
    let labels = sites.map(\.label)
    for list in groups where !list.isEmpty {
      // Ties in length (to 1e-8 Å; common in ideal supercells) in site order,
      // so the list does not depend on the order of the search.
      let ranked = list.enumerated().map {
        (Int(($1.distance.value * 1e8).rounded()), $1.from, $1.to, $0)
      }.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
      let bonds = ranked.map { list[$0.3] }
      let values = bonds.map(\.distance.value)
      let mean = values.reduce(0, +) / Double(values.count)
      let spread =
        values.count > 1
        ? (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1))
          .squareRoot() : bonds[0].distance.standardUncertainty
      let (first, second) = (sites[bonds[0].from].element, sites[bonds[0].to].element)
      result.append(
        PairDistances(
          pair: "\(first.symbol)–\(second.symbol)",
          bondSites: bonds, siteLabels: labels,
          shortest: bonds[0].distance, longest: bonds[bonds.count - 1].distance,
          mean: Measured(mean, standardUncertainty: spread)))
    }
    return result
  }

  /// Pauling electronegativities of the non-metals, which set their order in a pair.
  static let nonMetalElectronegativity: [String: Double] = [
    "B": 2.04, "C": 2.55, "N": 3.04, "O": 3.44, "F": 3.98, "Si": 1.90, "P": 2.19, "S": 2.58,
    "Cl": 3.16, "As": 2.18, "Se": 2.55, "Br": 2.96, "Te": 2.10, "I": 2.66, "He": 5, "Ne": 5,
    "Ar": 5, "Kr": 3.00, "Xe": 2.60,
  ]

  /// The order in which a structure paper writes an element pair: metals
  /// first (the heavier first: Re–Re, Na–O), then non-metals by rising
  /// electronegativity (P–O, C–N), hydrogen last (C–H, N–H).
  static func writtenBefore(_ p: Element, _ q: Element) -> Bool {
    func rank(_ e: Element) -> (Int, Double) {
      if e.symbol == "H" { return (2, 0) }
      if let chi = nonMetalElectronegativity[e.symbol] { return (1, chi) }
      return (0, -Double(e.atomicNumber))
    }
    let (a, b) = (rank(p), rank(q))
    return a.0 != b.0 ? a.0 < b.0 : a.1 < b.1
  }

  /// A simple name for a coordination polyhedron from its bond vectors:
  /// linear/bent, trigonal planar/pyramid, tetrahedron/square plane,
  /// trigonal bipyramid/square pyramid, octahedron/trigonal prism; else
  /// "n-coordinate". Trans pairs are bond angles above 150°.
  static func polyhedronName(_ vectors: [SIMD3<Double>]) -> String {
    let n = vectors.count
    var angles: [Double] = []
    for i in 0..<n {
      for j in (i + 1)..<max(n, i + 1) {
        let a = vectors[i]
        let b = vectors[j]
        let c = (a * b).sum() / max(((a * a).sum() * (b * b).sum()).squareRoot(), 1e-300)
        angles.append(acos(min(max(c, -1), 1)) * 180 / .pi)
      }
    }
    let trans = angles.filter { $0 > 150 }.count
    switch n {
    case 0: return "none"
    case 1: return "terminal"
    case 2: return trans == 1 ? "linear" : "bent"
    case 3: return angles.reduce(0, +) > 350 ? "trigonal planar" : "trigonal pyramid"
    case 4:
      if trans >= 2 { return "square planar" }
      return (angles.min() ?? 0) > 90 ? "tetrahedron" : "distorted tetrahedron"
    case 5: return trans >= 2 ? "square pyramid" : "trigonal bipyramid"
    case 6:
      if trans == 3 { return "octahedron" }
      return trans == 0 ? "trigonal prism" : "distorted octahedron"
    default: return "\(n)-coordinate"
    }
  }
}
