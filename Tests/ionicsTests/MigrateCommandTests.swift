import Foundation
import Testing

/// `ionics migrate` on a rock-salt CIF written here (a = 5.64 Å, Fm-3m,
/// type symbols Na1+ and Cl1-).
struct MigrateCommandTests {
  static let rockSalt = """
    data_rocksalt
    _cell_length_a 5.64
    _cell_length_b 5.64
    _cell_length_c 5.64
    _cell_angle_alpha 90
    _cell_angle_beta 90
    _cell_angle_gamma 90
    _symmetry_space_group_name_H-M 'F m -3 m'
    loop_
    _atom_site_label
    _atom_site_type_symbol
    _atom_site_fract_x
    _atom_site_fract_y
    _atom_site_fract_z
    Na1 Na1+ 0 0 0
    Cl1 Cl1- 0.5 0.5 0.5

    """

  /// Na+ percolates in 3D at once, near bvlain's 0.84 eV (coarser 0.3 Å grid
  /// here, so within 0.1 eV), and the JSON names the pair and its parameters.
  @Test func rockSaltBarrierAndJSON() throws {
    let cif = try CIFCommandTests.write(Self.rockSalt)
    defer { try? FileManager.default.removeItem(at: cif) }
    let run = try CommandLineTests.run("migrate", cif.path, "--spacing", "0.3", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try CommandLineTests.json(run) as? [String: Any])
    let thresholds = try #require(object["thresholds"] as? [[String: Any]])
    #expect(thresholds.count == 3)
    for t in thresholds {
      #expect(abs((t["barrierElectronvolts"] as? Double ?? 0) - 0.84) < 0.1)
    }
    #expect((object["pairs"] as? [String])?.first?.hasPrefix("Na+–Cl-: R_min 2.748") == true)
    #expect(object["gridPoints"] as? [Int] == [19, 19, 19])
    // The lowest site is the Na site itself.
    let sites = try #require(object["sites"] as? [[String: Any]])
    #expect(sites.first?["crystallographicSite"] as? String == "Na1")
  }

  /// The cube file: comments, 8 atoms, 19 voxels along each axis of 5.64 Å /
  /// 19 in bohr, then 19³ values; an input is never overwritten.
  @Test func cubeFileAndProtectedInput() throws {
    let cif = try CIFCommandTests.write(Self.rockSalt)
    let cube = cif.deletingPathExtension().appendingPathExtension("cube")
    defer {
      try? FileManager.default.removeItem(at: cif)
      try? FileManager.default.removeItem(at: cube)
    }
    let run = try CommandLineTests.run("migrate", cif.path, "--spacing", "0.3", "--cube", cube.path)
    #expect(run.status == 0, "\(run.stderr)")
    let lines = try String(contentsOf: cube, encoding: .utf8).split(separator: "\n")
    #expect(lines[0].hasPrefix("BVSE site energy of Na+ (eV)"))
    #expect(lines[2].hasPrefix("8 "))
    let voxel = lines[3].split(separator: " ")
    #expect(voxel.first == "19")
    #expect(abs((Double(voxel[1]) ?? 0) - 5.64 / 19 / 0.529_177_210_903) < 1e-5)
    let values = lines.dropFirst(6 + 8).flatMap { $0.split(separator: " ") }
    #expect(values.count == 19 * 19 * 19)
    let over = try CommandLineTests.run("migrate", cif.path, "--cube", cif.path)
    #expect(over.status != 0 && over.stderr.contains("refusing to overwrite"))
  }

  /// A mobile ion that is not an ion, and a pair the parameters lack, are named.
  @Test func badIonAndMissingPair() throws {
    let cif = try CIFCommandTests.write(Self.rockSalt)
    defer { try? FileManager.default.removeItem(at: cif) }
    let bad = try CommandLineTests.run("migrate", cif.path, "--ion", "Sodium")
    #expect(bad.status != 0 && bad.stderr.contains("--ion"))
    let fine = try CommandLineTests.run("migrate", cif.path, "--spacing", "0.001")
    #expect(fine.status != 0 && fine.stderr.contains("coarser spacing"))
    let zero = try CommandLineTests.run("migrate", cif.path, "--spacing", "0")
    #expect(zero.status != 0 && zero.stderr.contains("positive"))
    let nitride = try CIFCommandTests.write(
      Self.rockSalt.replacingOccurrences(of: "Cl1 Cl1-", with: "N1 N3-"))
    defer { try? FileManager.default.removeItem(at: nitride) }
    let missing = try CommandLineTests.run("migrate", nitride.path)
    #expect(missing.status != 0 && missing.stderr.contains("Na+–N3-"))
  }
}
