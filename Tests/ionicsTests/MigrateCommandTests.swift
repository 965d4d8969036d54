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
    let missing = try CommandLineTests.run("migrate", nitride.path, "--no-derive")
    #expect(missing.status != 0 && missing.stderr.contains("Na+–N3-"))
    let derived = try CommandLineTests.run("migrate", nitride.path, "--spacing", "0.4")
    #expect(derived.status == 0, "\(derived.stderr)")
    #expect(derived.stdout.contains("Na+–N3-") && derived.stdout.contains("derived"))
    let badOxidation = try CommandLineTests.run("migrate", nitride.path, "--oxidation", "N=minus")
    #expect(badOxidation.status != 0 && badOxidation.stderr.contains("--oxidation"))
  }

  /// A parameter file's pair is used and named with the file; a bad line is
  /// located.
  @Test func parameterFile() throws {
    let cif = try CIFCommandTests.write(Self.rockSalt)
    let pairs = cif.deletingPathExtension().appendingPathExtension("pairs")
    defer {
      try? FileManager.default.removeItem(at: cif)
      try? FileManager.default.removeItem(at: pairs)
    }
    try "# mine\nNa 1 Cl -1 2.80 1.70 0.40\n".write(to: pairs, atomically: true, encoding: .utf8)
    let run = try CommandLineTests.run(
      "migrate", cif.path, "--spacing", "0.4", "--parameters", pairs.path, "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try CommandLineTests.json(run) as? [String: Any])
    let used = try #require((object["pairs"] as? [String])?.first)
    #expect(used.contains("R_min 2.800") && used.contains("D0 0.400") && used.contains(pairs.path))
    try "Na 1 Cl -1 2.80\n".write(to: pairs, atomically: true, encoding: .utf8)
    let bad = try CommandLineTests.run("migrate", cif.path, "--parameters", pairs.path)
    #expect(bad.status != 0 && bad.stderr.contains("line 1"))
  }

  /// Paths, free space, the profile figure and the VESTA grid: the rock-salt
  /// path crosses its saddle at the 3D barrier, the free sphere percolates
  /// near the Cl3 window (0.49 Å), and the .grd holds the cell, the counts
  /// and one value per grid point.
  @Test func pathsProfileAndGrid() throws {
    let cif = try CIFCommandTests.write(Self.rockSalt)
    let svg = cif.deletingPathExtension().appendingPathExtension("svg")
    let grd = cif.deletingPathExtension().appendingPathExtension("grd")
    defer {
      for url in [cif, svg, grd] { try? FileManager.default.removeItem(at: url) }
    }
    let run = try CommandLineTests.run(
      "migrate", cif.path, "--spacing", "0.3", "--json", "--svg", svg.path, "--grd", grd.path)
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try CommandLineTests.json(run) as? [String: Any])
    let thresholds = try #require(object["thresholds"] as? [[String: Any]])
    let barrier = try #require(thresholds.first?["barrierElectronvolts"] as? Double)
    let paths = try #require(object["paths"] as? [[String: Any]])
    #expect(!paths.isEmpty)
    for path in paths {
      #expect(abs((path["barrierElectronvolts"] as? Double ?? 0) - barrier) < 1e-9)
      let energies = try #require(path["energiesElectronvolts"] as? [Double])
      let distances = try #require(path["distancesAngstrom"] as? [Double])
      #expect(energies.count == distances.count && energies.count > 10)
      #expect(zip(distances, distances.dropFirst()).allSatisfy { $0 < $1 })
      #expect((path["bottleneckRadiusAngstrom"] as? Double ?? 0) > 0.2)
    }
    let spheres = try #require(object["freeSpherePercolation"] as? [[String: Any]])
    #expect(spheres.count == 3)
    #expect(abs((spheres.first?["radiusAngstrom"] as? Double ?? 0) - 0.4925) < 0.1)
    #expect(object["chargePolicy"] as? String == "formal")
    #expect(object["isosurfaceElectronvolts"] is Double)
    let figure = try String(contentsOf: svg, encoding: .utf8)
    #expect(figure.hasPrefix("<svg") || figure.hasPrefix("<?xml"))
    #expect(figure.contains("distance along the path / Å"))
    let lines = try String(contentsOf: grd, encoding: .utf8).split(separator: "\n")
    #expect(lines[0].hasPrefix("# BVSE site energy of Na+"))
    #expect(lines[1] == "5.640000 5.640000 5.640000 90.000000 90.000000 90.000000")
    #expect(lines[2] == "19 19 19")
    #expect(lines.count == 3 + 19 * 19 * 19)
  }

  /// The demo's migration section: Na+ percolates in the NRASCN-like model
  /// in 1D, 2D and 3D with molecular units and the derived Na–N pair named;
  /// the structure it exports is the bundled Examples/nrascn-like file, and
  /// `ionics migrate` on that file gives the same barriers.
  @Test func demoMigrationSection() throws {
    let out = try ConductivityCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let cif = out.appendingPathComponent("NRASCN-like.cif")
    let run = try CommandLineTests.run(
      "demo", "--json", "--no-report", "--export-structure", cif.path)
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try CommandLineTests.json(run) as? [String: Any])
    let migration = try #require(object["migration"] as? [String: Any])
    #expect(migration["chargePolicy"] as? String == "molecular")
    let pairs = try #require(migration["pairs"] as? [String])
    #expect(pairs.contains { $0.hasPrefix("Na+–N3-") && $0.contains("derived") })
    let thresholds = try #require(migration["thresholds"] as? [[String: Any]])
    #expect(thresholds.compactMap { $0["dimension"] as? Int } == [1, 2, 3])
    #expect((migration["formalCharges"] as? String)?.contains("Na+–As3-") == true)
    let bundled = ConductivityCommandTests.examples
      .appendingPathComponent("../nrascn-like/NRASCN-like.cif").standardized
    #expect(
      try Data(contentsOf: bundled) == Data(contentsOf: cif),
      "Examples/nrascn-like/NRASCN-like.cif differs from the demo's model")
    let direct = try CommandLineTests.run(
      "migrate", cif.path, "--charges", "molecular", "--spacing", "0.2", "--json")
    #expect(direct.status == 0, "\(direct.stderr)")
    let same = try #require(try CommandLineTests.json(direct) as? [String: Any])
    let again = try #require(same["thresholds"] as? [[String: Any]])
    for (a, b) in zip(thresholds, again) {
      let x = a["barrierElectronvolts"] as? Double ?? 0
      let y = b["barrierElectronvolts"] as? Double ?? 1
      #expect(abs(x - y) < 1e-9)
    }
  }
}
