import Foundation
import Testing

/// `ionics cif` on a hand-built CIF with the paper's cell: a mixed As/S
/// position and a half-occupied Na on a general position.
struct CIFCommandTests {
  static let paperLike = """
    data_nrascn_like
    _cell_length_a 9.4363(3)
    _cell_length_b 10.2986(2)
    _cell_length_c 17.6142(4)
    _cell_angle_alpha 90
    _cell_angle_beta 90
    _cell_angle_gamma 90
    _cell_formula_units_Z 2
    loop_
    _symmetry_equiv_pos_as_xyz
    'x, y, z'
    '-x, -y, -z'
    loop_
    _atom_site_label
    _atom_site_type_symbol
    _atom_site_fract_x
    _atom_site_fract_y
    _atom_site_fract_z
    _atom_site_occupancy
    Re1 Re 0.1 0.1 0.05 1
    As1 As 0.25 0.05 0.12 0.5
    S1 S 0.25 0.05 0.12 0.5
    Na1 Na1+ 0.45 0.45 0.3 0.5

    """

  static func write(_ text: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ionics-\(UUID().uuidString).cif")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  /// Formula per Z, the mixed site counted once, the volume with its s.u.
  @Test func paperLikeCell() throws {
    let url = try Self.write(Self.paperLike)
    defer { try? FileManager.default.removeItem(at: url) }
    let run = try CommandLineTests.run("cif", url.path, "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let blocks = try #require(try CommandLineTests.json(run) as? [[String: Any]])
    let block = try #require(blocks.first)
    #expect(block["formula"] as? String == "As0.5Na0.5ReS0.5")
    #expect(block["positionCount"] as? Int == 6)
    let volume = try #require(block["volumeCubicAngstrom"] as? [String: Any])
    #expect(abs((volume["value"] as? Double ?? 0) - 9.4363 * 10.2986 * 17.6142) < 1e-6)
    // σ_V/V = √((σa/a)² + (σb/b)² + (σc/c)²) for a right-angled cell: 0.0747 Å³.
    #expect(abs((volume["standardUncertainty"] as? Double ?? 0) - 0.07468) < 1e-5)
    let sites = try #require(block["sites"] as? [[String: Any]])
    #expect(sites.last?["oxidationState"] as? Int == 1)
  }

  /// Re1 and its inversion image: d² = (0.2a)² + (0.2b)² + (0.1c)², with
  /// the s.u. from a, b and c (∂d/∂a = a·Δx²/d, …).
  @Test func reReDistanceWithUncertainty() throws {
    let url = try Self.write(Self.paperLike)
    defer { try? FileManager.default.removeItem(at: url) }
    let run = try CommandLineTests.run(
      "cif", "distances", url.path, "--pair", "Re-Re", "--max", "3.5", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let pairs = try #require(try CommandLineTests.json(run) as? [[String: Any]])
    let bond = try #require((pairs.first?["bonds"] as? [[String: Any]])?.first)
    let d = try #require(bond["distanceAngstrom"] as? [String: Any])
    let (a, b, c) = (9.4363, 10.2986, 17.6142)
    let expected = ((0.2 * a) * (0.2 * a) + (0.2 * b) * (0.2 * b) + (0.1 * c) * (0.1 * c))
      .squareRoot()
    let su =
      (pow(a * 0.04 / expected * 0.0003, 2) + pow(b * 0.04 / expected * 0.0002, 2)
      + pow(c * 0.01 / expected * 0.0004, 2)).squareRoot()
    #expect(abs((d["value"] as? Double ?? 0) - expected) < 1e-9)
    #expect(abs((d["standardUncertainty"] as? Double ?? 0) - su) < 1e-12)
  }

  /// Bond-valence sums need Brown's table: without one the error says where
  /// to get it; with a table row the sum is computed.
  @Test func bondValenceTable() throws {
    let url = try Self.write(Self.paperLike)
    defer { try? FileManager.default.removeItem(at: url) }
    let missing = try CommandLineTests.run(
      "cif", "bvs", url.path, "--table", "/nonexistent/bvparm.cif")
    #expect(missing.status != 0 && missing.stderr.contains("/nonexistent/bvparm.cif"))
    let table = try Self.write("Na 1   N  -3    1.93     0.37     b   ?\n")
    defer { try? FileManager.default.removeItem(at: table) }
    let run = try CommandLineTests.run(
      "cif", "bvs", url.path, "--table", table.path, "--oxidation", "Re=3", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let sites = try #require(try CommandLineTests.json(run) as? [[String: Any]])
    #expect(sites.contains { $0["site"] as? String == "Na1" && $0["oxidationState"] as? Int == 1 })
  }

  /// A broken CIF gets the file, line and column.
  @Test func brokenFileSaysWhere() throws {
    let url = try Self.write("data_x\n_cell_length_a 'unclosed\n")
    defer { try? FileManager.default.removeItem(at: url) }
    let run = try CommandLineTests.run("cif", url.path)
    #expect(run.status != 0)
    #expect(run.stderr.contains("line 2, column 16"), "\(run.stderr)")
  }
}
