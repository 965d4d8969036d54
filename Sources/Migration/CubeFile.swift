import Crystal
import Foundation
import IonicsCore

/// A landscape as a Gaussian cube file, the volumetric format VESTA,
/// VMD and ASE read: two comment lines, the atom count and the origin, the
/// three voxel vectors with their counts, one line per atom (Z, charge,
/// position), then the values with the c index running fastest, six to a
/// line. Lengths are in bohr (the format's unit); the values are the site
/// energies in eV, which the comment line says.
public enum CubeFile {
  /// 1 bohr in Å (CODATA 2018).
  static let bohr = 0.529_177_210_903

  /// The text of the cube file of `landscape` over `structure`'s cell, the
  /// atoms being every position of the structure with its first occupant.
  public static func text(_ landscape: BVSELandscape, structure: CrystalStructure) -> String {
    let m = structure.cell.matrix
    let axes = (0..<3).map { k in SIMD3(m[0][k], m[1][k], m[2][k]) / bohr }
    let counts = landscape.grid.counts
    func number(_ x: Double) -> String {
      x.isFinite ? String(format: "%13.5E", x) : String(format: "%13.5E", 1e6)
    }
    var out =
      "BVSE site energy of \(landscape.mobile) (eV), \(landscape.parameterSet); cut-off \(fixed(landscape.options.cutoff, 1)) Å; charges \(landscape.options.charges)\n"
    out += "written by Ionics; values in eV, lengths in bohr\n"
    let atoms = structure.positions.compactMap { p -> (Int, SIMD3<Double>)? in
      guard let first = p.occupants.first else { return nil }
      let f = p.fractional
      let r = axes[0] * f.x + axes[1] * f.y + axes[2] * f.z
      return (structure.sites[first.site].element.atomicNumber, r)
    }
    out += "\(atoms.count) 0.000000 0.000000 0.000000\n"
    for k in 0..<3 {
      let v = axes[k] / Double(counts[k])
      out += "\(counts[k]) \(fixed(v.x, 6)) \(fixed(v.y, 6)) \(fixed(v.z, 6))\n"
    }
    for (z, r) in atoms {
      out += "\(z) 0.000000 \(fixed(r.x, 6)) \(fixed(r.y, 6)) \(fixed(r.z, 6))\n"
    }
    let grid = landscape.grid
    for i in 0..<counts.x {
      for j in 0..<counts.y {
        var line = ""
        for k in 0..<counts.z {
          line += number(grid.values[grid.index(i, j, k)])
          if k % 6 == 5 || k == counts.z - 1 {
            out += line + "\n"
            line = ""
          }
        }
      }
    }
    return out
  }
}
