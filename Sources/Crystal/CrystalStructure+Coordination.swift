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
  /// The distinct bonds: labels and distance.
  public var bonds: [(from: String, to: String, distance: Measured)]
  /// Shortest.
  public var shortest: Measured
  /// Longest.
  public var longest: Measured
  /// Mean, with the sample standard deviation of the distances as its spread.
  public var mean: Measured
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
    struct BondKey: Hashable {
      let low: Int
      let high: Int
      let length: Int
    }
    let home = homePositions
    var siteOf = Array(repeating: [Int](), count: positions.count)
    for (s, p) in home.enumerated() where p >= 0 { siteOf[p].append(s) }
    let geometry = DistanceGeometry(self)
    var seen: Set<BondKey> = []
    var groups: [Int: [(from: Int, to: Int, distance: Measured)]] = [:]
    for contact in contacts(within: maximum) {
      let key0 = Int((contact.distance.value * 1e4).rounded())
      for (here, there, sign) in [
        (contact.from, contact.to, Int32(1)), (contact.to, contact.from, -1),
      ] {
        let other = positions[there].occupants[0].site
        let zOther = sites[other].element.atomicNumber
        for s in siteOf[here] {
          let z = sites[s].element.atomicNumber
          if let only, !(z == only.0 && zOther == only.1) { continue }
          guard
            seen.insert(BondKey(low: Swift.min(s, other), high: Swift.max(s, other), length: key0))
              .inserted
          else { continue }
          let d = distance(
            from: here, to: there, translation: contact.translation &* SIMD3(repeating: sign),
            geometry: geometry)
          // One group per unordered element pair, keyed by both atomic numbers.
          let (p, q) =
            Self.writtenBefore(sites[s].element, sites[other].element) || z == zOther
            ? (s, other) : (other, s)
          let group = sites[p].element.atomicNumber * 1000 + sites[q].element.atomicNumber
          groups[group, default: []].append((p, q, d))
        }
      }
    }
    var result: [PairDistances] = []
    for (_, list) in groups {
      let bonds = list.sorted { $0.distance.value < $1.distance.value }
      let values = bonds.map(\.distance.value)
      let mean = values.reduce(0, +) / Double(values.count)
      let spread =
        values.count > 1
        ? (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1))
          .squareRoot() : (bonds.first?.distance.standardUncertainty ?? 0)
      let (first, second) = (sites[bonds[0].from].element, sites[bonds[0].to].element)
      result.append(
        PairDistances(
          pair: "\(first.symbol)–\(second.symbol)",
          bonds: bonds.map { (sites[$0.from].label, sites[$0.to].label, $0.distance) },
          shortest: bonds[0].distance, longest: bonds[bonds.count - 1].distance,
          mean: Measured(mean, standardUncertainty: spread)))
    }
    let order = Array(Set(sites.map(\.element))).sorted(by: Self.writtenBefore).map(\.symbol)
    func rank(_ pair: String) -> (Int, Int) {
      let parts = pair.split(separator: "–").map(String.init)
      return (
        order.firstIndex(of: parts.first ?? "") ?? 0, order.firstIndex(of: parts.last ?? "") ?? 0
      )
    }
    return result.sorted { rank($0.pair) < rank($1.pair) }
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
