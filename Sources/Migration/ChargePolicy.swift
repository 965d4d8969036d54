import Crystal
import Foundation
import IonicsCore

/// How the framework's charges enter a landscape. The barrier of a
/// molecular or cluster framework depends on it, so every result names it.
public enum ChargePolicy: String, Sendable, CaseIterable, CustomStringConvertible {
  /// Every atom carries its formal oxidation state: counter-ions attract the
  /// mobile ion with their Morse pair, ions of its sign repel it (softBV's
  /// own treatment). A cyanide is C2+ N3−, water H+ and O2−, a cluster core
  /// its metals and bridging anions.
  case formal
  /// Finite molecular and cluster ions act as units. Atoms closer than
  /// 1.15 × the sum of their covalent radii are bonded (two metals never
  /// are); a connected group that does not run on through the lattice is a
  /// unit. Within a unit only the terminal atoms of the counter-ion sign,
  /// those bonded to at most one atom other than hydrogen (the N of a CN⁻
  /// ligand, the O of water or of a terminal oxo), attract the mobile ion
  /// with their formal Morse pair; its bridging and inner ones (the μ3-As
  /// and S of a cubane core, the C of an ethylenediamine) do not, as the
  /// mobile ion never reaches them. Ions of the mobile ion's sign keep their
  /// formal screened repulsion, which is short-ranged and keeps the mobile
  /// ion off them. Extended frameworks and lone ions are as in `formal`.
  case molecular

  /// The policy's name.
  public var description: String { rawValue }

  /// The covalent-bond factor on the sum of covalent radii.
  static let bondFactor = 1.15

  /// Whether contacts of `element` with another metal are left out of the
  /// units (metal–metal and metallophilic contacts, Pt···Ag, would join
  /// separate ions; a cluster core holds together through its bridging
  /// anions): every element but H, B, C, N, O, F, Si, P, S, Cl, As, Se, Br,
  /// Te, I and the noble gases.
  static func isMetal(_ element: Element) -> Bool {
    !nonMetals.contains(element.symbol)
  }

  private static let nonMetals: Set<String> = [
    "H", "He", "B", "C", "N", "O", "F", "Ne", "Si", "P", "S", "Cl", "Ar", "As", "Se", "Br", "Kr",
    "Te", "I", "Xe", "At", "Rn",
  ]
}

/// What one occupant of a framework position contributes.
enum ChargeRole: Equatable {
  /// Morse attraction with the pair of this formal charge.
  case attract(formal: Int)
  /// Screened Coulomb repulsion with this charge, e.
  case repel(charge: Int)
  /// Nothing.
  case silent
}

extension ChargePolicy {
  /// The role of every occupant of every position (mobile-element occupants
  /// included, as silent), given each site's formal oxidation state.
  func roles(
    in structure: CrystalStructure, mobile: MobileIon, states: [Int?],
    parameters: BVSEParameters
  ) throws(MigrationError) -> [[ChargeRole]] {
    var roles: [[ChargeRole]] = []
    for position in structure.positions {
      var row: [ChargeRole] = []
      for (site, occupancy) in position.occupants {
        let atom = structure.sites[site]
        if atom.element == mobile.element || occupancy <= 0 {
          row.append(.silent)
          continue
        }
        guard site < states.count, let q = states[site] else {
          throw .missingOxidationState(structure: structure.name, site: atom.label)
        }
        row.append(
          q == 0 ? .silent : q * mobile.charge < 0 ? .attract(formal: q) : .repel(charge: q))
      }
      roles.append(row)
    }
    guard self == .molecular else { return roles }
    for unit in Self.finiteUnits(in: structure, mobile: mobile, parameters: parameters) {
      applyUnit(unit, structure: structure, roles: &roles)
    }
    return roles
  }

  /// A finite group of bonded positions: its members and each member's
  /// bonded neighbours.
  struct Unit {
    var members: [Int]
    var neighbours: [Int: [Int]]
  }

  /// The finite covalently bonded groups of more than one position (the
  /// mobile element's positions left out). A group is infinite when a
  /// position is reached along two paths that differ by a lattice vector.
  static func finiteUnits(
    in structure: CrystalStructure, mobile: MobileIon, parameters: BVSEParameters
  ) -> [Unit] {
    let count = structure.positions.count
    // The majority occupant of each position stands for it.
    let element: [Element?] = structure.positions.map { position in
      position.occupants.max { $0.occupancy < $1.occupancy }.map {
        structure.sites[$0.site].element
      }
    }
    let radii = element.map { $0.flatMap { parameters.covalentRadius($0) } }
    let longest = (radii.compactMap { $0 }.max() ?? 0) * 2 * bondFactor
    var adjacency = [[(to: Int, shift: SIMD3<Int32>)]](repeating: [], count: count)
    for contact in structure.contacts(within: longest) {
      guard let a = element[contact.from], let b = element[contact.to], a != mobile.element,
        b != mobile.element, !(Self.isMetal(a) && Self.isMetal(b)), let ra = radii[contact.from],
        let rb = radii[contact.to],
        contact.distance.value <= bondFactor * (ra + rb)
      else { continue }
      adjacency[contact.from].append((contact.to, contact.translation))
      adjacency[contact.to].append((contact.from, SIMD3<Int32>(0, 0, 0) &- contact.translation))
    }
    var offset = [SIMD3<Int32>?](repeating: nil, count: count)
    var units: [Unit] = []
    for start in 0..<count where offset[start] == nil && !adjacency[start].isEmpty {
      offset[start] = .zero
      var queue = [start]
      var head = 0
      var infinite = false
      var neighbours: [Int: [Int]] = [:]
      while head < queue.count {
        let i = queue[head]
        head += 1
        guard let here = offset[i] else { continue }
        for (j, shift) in adjacency[i] {
          neighbours[i, default: []].append(j)
          let there = here &+ shift
          if let seen = offset[j] {
            if seen != there {
              infinite = true
            }
          } else {
            offset[j] = there
            queue.append(j)
          }
        }
      }
      if !infinite { units.append(Unit(members: queue, neighbours: neighbours)) }
    }
    return units
  }

  /// Inside a finite unit only terminal atoms of the counter-ion sign keep
  /// their Morse attraction.
  private func applyUnit(
    _ unit: Unit, structure: CrystalStructure, roles: inout [[ChargeRole]]
  ) {
    for p in unit.members {
      let heavyNeighbours = (unit.neighbours[p] ?? []).filter { j in
        structure.positions[j].occupants.contains { structure.sites[$0.site].element.symbol != "H" }
      }
      guard heavyNeighbours.count > 1 else { continue }
      for k in roles[p].indices {
        if case .attract = roles[p][k] { roles[p][k] = .silent }
      }
    }
  }
}
