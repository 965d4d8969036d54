import Foundation
import IonicsCore

extension LeBailModel {
  /// The atoms' parameters of phase `p`, all in the last stage: each free
  /// coordinate of a site's Wyckoff position ("Ca1:x"), its U_iso, and with
  /// `refineOccupancies` its occupancy (in a mixed site, every member but
  /// the last, which keeps the sum). Sites that share a place with an
  /// earlier one follow its coordinates and U_iso.
  static func atomParameters(
    _ atoms: RefinableStructure, phase p: Int, prefix: String, options: LeBailRefinement.Options
  ) -> [LeBailParameter] {
    let stage = 4
    var list: [LeBailParameter] = []
    let axes = ["x", "y", "z"]
    for (s, site) in atoms.sites.enumerated() {
      if options.refineAtoms, site.leader == s {
        for (j, pivot) in site.pivots.enumerated() {
          let start = atoms.coordinates[s][pivot]
          list.append(
            LeBailParameter(
              name: "\(prefix)\(site.label):\(axes[pivot])", bounds: (start - 0.1)...(start + 0.1), stage: stage,
              owner: .phase(p), group: .atoms, changesOnlyIntensities: true, typicalSize: 0.1,
              get: { $0.structures[p]?.coordinates[s][pivot] ?? 0 },
              set: { state, v in state.structures[p]?.setCoordinate(site: s, direction: j, to: v) }))
        }
        if !site.uDirections.isEmpty {
          let labels = ["U11", "U22", "U33", "U12", "U13", "U23"]
          for (j, pivot) in site.uPivots.enumerated() {
            list.append(
              LeBailParameter(
                name: "\(prefix)\(site.label):\(labels[pivot])", bounds: (pivot < 3 ? -0.05 : -0.5)...0.5, stage: stage,
                owner: .phase(p), group: .atoms, changesOnlyIntensities: true, typicalSize: 0.01,
                get: { $0.structures[p]?.uAniso[s]?[pivot] ?? 0 },
                set: { state, v in state.structures[p]?.setTensorComponent(site: s, direction: j, to: v) }))
          }
          continue
        }
        list.append(
          LeBailParameter(
            name: "\(prefix)\(site.label):Uiso", bounds: -0.05...0.5, stage: stage, owner: .phase(p), group: .atoms,
            changesOnlyIntensities: true, typicalSize: 0.01, get: { $0.structures[p]?.uIso[s] ?? 0 },
            set: { state, v in state.structures[p]?.uIso[s] = v }))
      }
      guard options.refineOccupancies else { continue }
      let group = atoms.group(of: s)
      guard group.count == 1 || group.last != s else { continue }
      let total = group.reduce(0) { $0 + atoms.occupancy[$1] }
      list.append(
        LeBailParameter(
          name: "\(prefix)\(site.label):occ", bounds: group.count == 1 ? 0...1.5 : 0...total, stage: stage,
          owner: .phase(p), group: .occupancies, changesOnlyIntensities: true, typicalSize: 0.1,
          get: { $0.structures[p]?.occupancy[s] ?? 0 },
          set: { state, v in state.structures[p]?.setOccupancy(site: s, to: v, groupTotal: total) }))
    }
    return list
  }

  /// Warnings on atoms no crystal can have: a negative U_iso, an occupancy
  /// outside 0–1.
  func atomWarnings() -> [String] {
    var warnings: [String] = []
    for (p, atoms) in state.structures.enumerated() {
      guard let atoms else { continue }
      for (s, site) in atoms.sites.enumerated() {
        if site.leader == s, let u = atoms.uAniso[s], u[0] <= 0 || u[1] <= 0 || u[2] <= 0 {
          warnings.append("\(names[p]): U_ij of \(site.label) is not positive definite, which is not physical")
        }
        if site.leader == s, atoms.uAniso[s] == nil, atoms.uIso[s] < 0 {
          warnings.append(
            "\(names[p]): U_iso of \(site.label) is negative (\(String(format: "%.4f", atoms.uIso[s])) Å²), which is not physical")
        }
        if atoms.occupancy[s] < -1e-6 || atoms.occupancy[s] > 1 + 1e-6 {
          warnings.append(
            "\(names[p]): the occupancy of \(site.label) is \(String(format: "%.3f", atoms.occupancy[s])), outside 0–1")
        }
      }
    }
    return warnings
  }
}
