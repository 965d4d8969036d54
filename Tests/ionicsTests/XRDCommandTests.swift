import Foundation
import Testing

/// `ionics xrd` end to end on a hand-written rock-salt CIF.
struct XRDCommandTests {
  static let rockSalt = """
    data_nacl
    _cell_length_a 5.6401
    _cell_length_b 5.6401
    _cell_length_c 5.6401
    _cell_angle_alpha 90
    _cell_angle_beta 90
    _cell_angle_gamma 90
    _symmetry_space_group_name_H-M 'F m -3 m'
    loop_
    _atom_site_label
    _atom_site_fract_x
    _atom_site_fract_y
    _atom_site_fract_z
    _atom_site_U_iso_or_equiv
    Na1 0 0 0 0.015
    Cl1 0.5 0.5 0.5 0.012

    """

  /// The peak list as JSON (200 strongest at Bragg's 2θ for Cu Kα1), the
  /// .xy pattern written, and that pattern compared back with the same
  /// phase: no zero shift, pure; the assumptions name the file's U.
  @Test func simulateThenCompare() throws {
    let cif = try CIFCommandTests.write(Self.rockSalt)
    let xy = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ionics-\(UUID().uuidString).xy")
    defer {
      try? FileManager.default.removeItem(at: cif)
      try? FileManager.default.removeItem(at: xy)
    }
    let run = try CommandLineTests.run(
      "xrd", cif.path, "--radiation", "CuKa1", "--from", "20", "--to", "80", "--xy", xy.path,
      "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let reports = try #require(try CommandLineTests.json(run) as? [[String: Any]])
    let peaks = try #require(reports.first?["peaks"] as? [[String: Any]])
    let strongest = try #require(
      peaks.max { ($0["intensity"] as? Double ?? 0) < ($1["intensity"] as? Double ?? 0) })
    #expect(strongest["hkl"] as? String == "200")
    let bragg = 2 * asin(1.54056 / 5.6401) * 180 / Double.pi
    #expect(abs((strongest["twoThetaDegrees"] as? Double ?? 0) - bragg) < 1e-6)
    let assumptions = reports.first?["assumptions"] as? [String] ?? []
    #expect(assumptions.contains { $0.contains("U_iso of 2 sites") })
    let compare = try CommandLineTests.run(
      "xrd", "compare", xy.path, "--cif", cif.path, "--radiation", "CuKa1", "--json")
    #expect(compare.status == 0, "\(compare.stderr)")
    let result = try #require(try CommandLineTests.json(compare) as? [String: Any])
    #expect(result["pure"] as? Bool == true)
    #expect(abs(result["zeroShiftDegrees"] as? Double ?? 1) < 0.003)
    let index = try CommandLineTests.run(
      "xrd", "index", "--cif", cif.path, String(format: "%.3f", bragg), "--json")
    let found = try #require(try CommandLineTests.json(index) as? [[String: Any]])
    #expect(found.first?["hkl"] as? String == "200")
    // A bad radiation name is an error that says what is expected.
    let bad = try CommandLineTests.run("xrd", cif.path, "--radiation", "XyKa")
    #expect(bad.status != 0 && bad.stderr.contains("CuKa1"))
  }
}
