import Dispatch
import Foundation
import IonicsCore

/// A hand-built model of a Na6[Re4As2S2(CN)12]·3H2O framework, for the demo
/// and the tests of `ionics migrate`. It is not the published structure
/// (whose coordinates are not public); it keeps the paper's cluster
/// geometry and Na environments (Inorg. Chem. Front. 2024, 11, 6671):
///
/// - one [Re4As2S2(CN)12]6− cubane at the origin of a cubic P1 cell;
/// - Re on a tetrahedron with Re–Re 2.786 Å, the μ3 atoms on the opposite
///   one at Re–(As/S) 2.42 Å (the paper's means), As on two and S on the two
///   other μ3 positions;
/// - three CN per Re along the cube axes on its side (the octahedral sites
///   trans to the μ3 atoms of an ideal cube), splayed outward by a third of
///   the Re's own direction (12°), Re–C 2.109 Å and C–N 1.15 Å;
/// - the smallest cell (0.1 Å steps from 9.6 Å) for which some turn of the
///   cluster (5° steps about z, then x) keeps the C and N of neighbouring
///   clusters 3.3 Å apart (the paper's cell, 9.44 × 10.30 × 17.61 Å with
///   Z = 2, holds 856 Å³ per formula unit; one cubic cluster cannot
///   interlock as tightly);
/// - six Na placed one by one on a 0.1 Å grid where most cyanide N lie at
///   2.35–2.75 Å (ties: the shorter mean distance), with no other framework
///   atom nearer than 3.0 Å and no Na nearer than 3.4 Å;
/// - three waters, one at each of the three Na with fewest N: O 2.30–2.55 Å
///   from it, at least 2.8 Å from N, other O and 3.0 Å from the cluster,
///   2.3 Å from the other Na, as far from the framework as that allows; H at
///   0.96 Å, H–O–H 104.5°, pointing away from the Na.
///
/// Type symbols carry the formal charges: Na1+ Re4+ As3− S2− C2+ N3− O2− H1+.
public enum NRASCNModel {
  /// One atom of the model: label, type symbol and Cartesian position, Å.
  public struct Atom: Sendable {
    /// Site label ("Re1", "N7", "Na3").
    public let label: String
    /// Type symbol with the formal charge ("N3-").
    public let type: String
    /// Cartesian position, Å, in the cubic cell.
    public let position: SIMD3<Double>
  }

  /// The model: the cubic cell edge (Å), the cluster's turn (degrees about
  /// z, then x) and its atoms.
  public static let built: (edge: Double, turn: SIMD2<Int>, atoms: [Atom]) = build()

  /// The model as a CIF (P1, fractional coordinates to 5 decimals).
  public static var cif: String {
    let (edge, turn, atoms) = built
    var lines = [
      "# A hand-built NRASCN-like model (Ionics NRASCNModel; not the published structure).",
      "# Cubic cell a = \(fixed(edge, 1)) Å; cluster turned \(turn.x)° about z, then \(turn.y)° about x.",
      "data_NRASCN_like",
      "_chemical_name_common 'hand-built Na6[Re4As2S2(CN)12].3H2O model'",
    ]
    for tag in ["a", "b", "c"] { lines.append("_cell_length_\(tag) \(fixed(edge, 1))") }
    for tag in ["alpha", "beta", "gamma"] { lines.append("_cell_angle_\(tag) 90") }
    lines += [
      "_symmetry_space_group_name_H-M 'P 1'", "loop_", "_symmetry_equiv_pos_as_xyz", "x,y,z",
      "loop_", "_atom_site_label", "_atom_site_type_symbol", "_atom_site_fract_x",
      "_atom_site_fract_y", "_atom_site_fract_z", "_atom_site_occupancy",
    ]
    for atom in atoms {
      var f = atom.position / edge
      f -= f.rounded(.down)
      // A coordinate that rounds to 1.00000 is written as 0.
      let text = [f.x, f.y, f.z].map { fixed($0 >= 0.999995 ? 0 : $0, 5) }
      lines.append("\(atom.label) \(atom.type) \(text.joined(separator: " ")) 1")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func fixed(_ x: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", x)
  }

  private static func length(_ v: SIMD3<Double>) -> Double { (v * v).sum().squareRoot() }
  private static func unit(_ v: SIMD3<Double>) -> SIMD3<Double> { v / length(v) }

  /// The shortest distance between `p` and `q` in a cubic cell of edge `a`, Å.
  static func distance(_ p: SIMD3<Double>, _ q: SIMD3<Double>, edge a: Double) -> Double {
    var d = (p - q) / a
    d -= d.rounded(.toNearestOrEven)
    return length(d * a)
  }

  /// x, y, z of every point in one flat array.
  private static func flat(_ points: [SIMD3<Double>]) -> [Double] {
    points.flatMap { [$0.x, $0.y, $0.z] }
  }

  /// The squared minimum-image distance from (x, y, z) to the point at
  /// `xyz[k...k+2]` in a cubic cell of edge `a`, Å².
  private static func squaredDistance(
    _ x: Double, _ y: Double, _ z: Double, _ xyz: [Double], _ k: Int, _ a: Double
  ) -> Double {
    var dx = x - xyz[k]
    var dy = y - xyz[k + 1]
    var dz = z - xyz[k + 2]
    dx -= a * (dx / a).rounded()
    dy -= a * (dy / a).rounded()
    dz -= a * (dz / a).rounded()
    return dx * dx + dy * dy + dz * dz
  }

  private static func turned(_ p: SIMD3<Double>, _ turn: SIMD2<Int>) -> SIMD3<Double> {
    let g = Double(turn.x) * .pi / 180
    let x = Double(turn.y) * .pi / 180
    let r = SIMD3(p.x * cos(g) - p.y * sin(g), p.x * sin(g) + p.y * cos(g), p.z)
    return SIMD3(r.x, r.y * cos(x) - r.z * sin(x), r.y * sin(x) + r.z * cos(x))
  }

  private static func build() -> (edge: Double, turn: SIMD2<Int>, atoms: [Atom]) {
    // The cubane.
    let corners = [
      SIMD3<Double>(1, 1, 1), SIMD3(1, -1, -1), SIMD3(-1, 1, -1), SIMD3(-1, -1, 1),
    ].map(unit)
    let dRe = 2.786 / (8.0 / 3).squareRoot()
    // |dRe·u_i + dQ·u_j| = 2.42 with u_i·u_j = −1/3.
    let half = dRe / 3
    let dQ = half + (half * half + 2.42 * 2.42 - dRe * dRe).squareRoot()
    var cluster: [(String, String, SIMD3<Double>)] = []
    for (i, u) in corners.enumerated() { cluster.append(("Re\(i + 1)", "Re4+", dRe * u)) }
    for (i, u) in corners.enumerated() {
      cluster.append(i < 2 ? ("As\(i + 1)", "As3-", -dQ * u) : ("S\(i - 1)", "S2-", -dQ * u))
    }
    var k = 0
    for u in corners {
      for axis in 0..<3 {
        var direction = SIMD3<Double>.zero
        direction[axis] = u[axis] > 0 ? 1 : -1
        let away = unit(direction + 0.3 * u)
        k += 1
        cluster.append(("C\(k)", "C2+", dRe * u + 2.109 * away))
        cluster.append(("N\(k)", "N3-", dRe * u + (2.109 + 1.15) * away))
      }
    }
    // The cell and the turn.
    let ligands = cluster.filter { $0.1 == "C2+" || $0.1 == "N3-" }.map(\.2)
    // Whether the ligands of neighbouring clusters stay `limit` Å apart.
    func separated(_ points: [SIMD3<Double>], _ a: Double, _ limit: Double) -> Bool {
      let xyz = flat(points)
      for i in -1...1 {
        for j in -1...1 {
          for l in -1...1 where (i, j, l) != (0, 0, 0) {
            let (tx, ty, tz) = (a * Double(i), a * Double(j), a * Double(l))
            for p in stride(from: 0, to: xyz.count, by: 3) {
              for q in stride(from: 0, to: xyz.count, by: 3) {
                let dx = xyz[p] + tx - xyz[q]
                let dy = xyz[p + 1] + ty - xyz[q + 1]
                let dz = xyz[p + 2] + tz - xyz[q + 2]
                if dx * dx + dy * dy + dz * dz < limit * limit { return false }
              }
            }
          }
        }
      }
      return true
    }
    var edge = 12.0
    var turn = SIMD2(0, 0)
    search: for step in 0..<30 {
      let a = 9.6 + 0.1 * Double(step)
      for g in stride(from: 0, to: 90, by: 5) {
        for x in stride(from: 0, to: 90, by: 5) {
          if separated(ligands.map { turned($0, SIMD2(g, x)) }, a, 3.3) {
            (edge, turn) = (a, SIMD2(g, x))
            break search
          }
        }
      }
    }
    var atoms = cluster.map { Atom(label: $0.0, type: $0.1, position: turned($0.2, turn)) }
    let nitrogens = atoms.filter { $0.type == "N3-" }.map(\.position)
    let others = atoms.filter { $0.type != "N3-" }.map(\.position)

    // Sodium: every grid point scored, planes in parallel.
    let steps = Int((edge / 0.1).rounded())
    let slots = ConcurrentSlots<[(count: Int, mean: Double, point: SIMD3<Double>)]>(count: steps)
    let (nitrogenXYZ, otherXYZ, a) = (flat(nitrogens), flat(others), edge)
    DispatchQueue.concurrentPerform(iterations: steps) { i in
      var plane: [(count: Int, mean: Double, point: SIMD3<Double>)] = []
      for j in 0..<steps {
        for l in 0..<steps {
          let (x, y, z) = (0.1 * Double(i), 0.1 * Double(j), 0.1 * Double(l))
          var close = 0
          var sum = 0.0
          var nearest = Double.infinity
          for k in stride(from: 0, to: nitrogenXYZ.count, by: 3) {
            let d = squaredDistance(x, y, z, nitrogenXYZ, k, a).squareRoot()
            nearest = min(nearest, d)
            if d <= 2.75 {
              close += 1
              sum += d
            }
          }
          guard nearest >= 2.35 else { continue }
          var clear = true
          for k in stride(from: 0, to: otherXYZ.count, by: 3)
          where squaredDistance(x, y, z, otherXYZ, k, a) < 9 {
            clear = false
            break
          }
          if clear { plane.append((close, sum / Double(max(close, 1)), SIMD3(x, y, z))) }
        }
      }
      slots.set(i, plane)
    }
    let candidates = slots.values.flatMap { $0 }
    // Stable order: most N first, then the shorter mean distance, then grid order.
    let ranked = candidates.enumerated().sorted {
      ($0.element.count, -$0.element.mean, -$0.offset)
        > ($1.element.count, -$1.element.mean, -$1.offset)
    }.map(\.element.point)
    var sodium: [SIMD3<Double>] = []
    for p in ranked where sodium.count < 6 {
      if sodium.allSatisfy({ distance(p, $0, edge: edge) >= 3.4 }) { sodium.append(p) }
    }

    // Water at the three Na with fewest N.
    func nitrogenCount(_ s: SIMD3<Double>) -> Int {
      nitrogens.filter { distance(s, $0, edge: edge) <= 2.75 }.count
    }
    let needy = sodium.indices.sorted {
      (nitrogenCount(sodium[$0]), $0) < (nitrogenCount(sodium[$1]), $1)
    }
    var waters: [SIMD3<Double>] = []
    let frameworkXYZ = flat(nitrogens + others)
    for index in needy.prefix(3) {
      let s = sodium[index]
      var best: (clearance: Double, point: SIMD3<Double>)?
      let waterXYZ = flat(waters)
      let otherSodiumXYZ = flat(sodium.enumerated().filter { $0.offset != index }.map(\.element))
      for i in 0..<53 {
        for j in 0..<53 {
          for l in 0..<53 {
            let offset = 0.1 * SIMD3(Double(i), Double(j), Double(l)) - 2.6
            let r = length(offset)
            guard r >= 2.30, r <= 2.55 else { continue }
            let p = s + offset
            let (x, y, z) = (p.x, p.y, p.z)
            func clear(_ xyz: [Double], _ limit: Double) -> Bool {
              for k in stride(from: 0, to: xyz.count, by: 3)
              where squaredDistance(x, y, z, xyz, k, edge) < limit * limit {
                return false
              }
              return true
            }
            guard clear(nitrogenXYZ, 2.8), clear(otherXYZ, 3.0), clear(waterXYZ, 2.8),
              clear(otherSodiumXYZ, 2.3)
            else { continue }
            var clearance = Double.infinity
            for k in stride(from: 0, to: frameworkXYZ.count, by: 3) {
              clearance = min(clearance, squaredDistance(x, y, z, frameworkXYZ, k, edge))
            }
            clearance = clearance.squareRoot()
            if best == nil || clearance > best?.clearance ?? 0 { best = (clearance, p) }
          }
        }
      }
      if let best { waters.append(best.point) }
    }
    for (i, o) in waters.enumerated() {
      atoms.append(Atom(label: "O\(i + 1)", type: "O2-", position: o))
      let near = sodium.min { distance(o, $0, edge: edge) < distance(o, $1, edge: edge) } ?? o
      var toward = o - near
      toward -= edge * (toward / edge).rounded(.toNearestOrEven)
      let away = unit(toward)
      let side =
        abs(away.z) < 0.9 ? unit(SIMD3(away.y, -away.x, 0)) : unit(SIMD3(0, away.z, -away.y))
      let angle = 104.5 / 2 * .pi / 180
      for (j, sign) in [1.0, -1.0].enumerated() {
        let h = o + 0.96 * (cos(angle) * away + sign * sin(angle) * side)
        atoms.append(Atom(label: "H\(2 * i + j + 1)", type: "H1+", position: h))
      }
    }
    for (i, s) in sodium.enumerated() {
      atoms.append(Atom(label: "Na\(i + 1)", type: "Na1+", position: s))
    }
    return (edge, turn, atoms)
  }
}
