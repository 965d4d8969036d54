import Foundation
import IonicsCore
import PropertyBased
import Testing

@testable import Crystal

@Suite("Cell-list contact search and number reading against plain references")
struct CellListTests {
  /// Every contact of a few points in an oblique cell against the plain
  /// search over all translations, including cut-offs longer than the cell
  /// (an atom then meets several images of another, and its own).
  @Test(arguments: [2.5, 4.0, 9.0])
  func contactsMatchTheDirectSearch(cutoff: Double) {
    let cell = UnitCell(
      a: Measured(3.1), b: Measured(4.3), c: Measured(5.2), alpha: Measured(78),
      beta: Measured(95), gamma: Measured(112))
    let points: [SIMD3<Double>] = [
      SIMD3(0.1, 0.2, 0.3), SIMD3(0.55, 0.05, 0.9), SIMD3(0.8, 0.7, 0.15), SIMD3(0.33, 0.66, 0.5),
    ]
    let g = CrystalStructure.metric(cell)
    func length(_ d: SIMD3<Double>) -> Double {
      var sum = 0.0
      for i in 0..<3 {
        for k in 0..<3 { sum += d[i] * g[i][k] * d[k] }
      }
      return sum.squareRoot()
    }
    // Direct: i ≤ j, every translation within ±4 cells, each unordered pair once.
    var direct: [String] = []
    for i in points.indices {
      for j in i..<points.count {
        for x in -4...4 {
          for y in -4...4 {
            for z in -4...4 {
              let t = SIMD3(x, y, z)
              if i == j && !(x > 0 || (x == 0 && y > 0) || (x == 0 && y == 0 && z > 0)) { continue }
              let d = length(points[j] + SIMD3<Double>(t) - points[i])
              if d <= cutoff { direct.append(String(format: "%d-%d %.9f", i, j, d)) }
            }
          }
        }
      }
    }
    var found: [String] = []
    CrystalStructure.forEachContact(among: points, cell: cell, within: cutoff) { i, j, t, d in
      // Orient as the direct list does (lower index first).
      let (p, q) = i <= j ? (i, j) : (j, i)
      #expect(abs(d - length(points[j] + SIMD3<Double>(t) - points[i])) < 1e-12)
      found.append(String(format: "%d-%d %.9f", p, q, d))
    }
    #expect(found.sorted() == direct.sorted())
    #expect(direct.count > points.count)
    // The parallel list is the same set.
    let parallel = CellList(points, metric: g, cutoff: cutoff).contacts()
    #expect(parallel.count == found.count)
  }

  /// The fast reading of plain decimals gives the very double that the
  /// general conversion gives, bit for bit, and the s.u. in units of the
  /// last digit.
  @Test func decimalsReadExactly() async {
    let gen = Gen.int(in: 0..<13_000_000_000_000)
    await propertyCheck(count: 3000, input: gen) { number in
      let (mantissa, decimals) = (number / 13, number % 13)
      var digits = String(mantissa)
      if decimals > 0 {
        if digits.count <= decimals {
          digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
        }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
      }
      for text in [digits, "-" + digits] {
        let parsed = CIFValue.parseNumber(text)
        #expect(parsed?.value.bitPattern == Double(text)?.bitPattern, "\(text)")
        #expect(parsed?.standardUncertainty == 0)
      }
      let withSU = CIFValue.parseNumber(digits + "(7)")
      #expect(withSU?.value.bitPattern == Double(digits)?.bitPattern)
      let su = 7 * pow(10, -Double(decimals))
      #expect(abs((withSU?.standardUncertainty ?? 0) - su) <= 1e-15 * su)
    }
    #expect(CIFValue.parseNumber("9.4363(3)") == Measured(9.4363, standardUncertainty: 0.0003))
    #expect(CIFValue.parseNumber("1.2e-3(4)")?.standardUncertainty == 0.0004)
    #expect(CIFValue.parseNumber("0.5(") == nil && CIFValue.parseNumber("0.5()") == nil)
    #expect(CIFValue.parseNumber("-") == nil && CIFValue.parseNumber(".") == nil)
  }

  /// A 3×3×3 rock-salt supercell written in P1 (216 sites, a = 16.92 Å, so
  /// no key can repeat and the bonds are listed without a duplicate check):
  /// every Na has six Cl at a/2 and twelve Na at a/√2, so 108·6 = 648
  /// Na–Cl bonds and 108·12/2 = 648 Na–Na bonds, each once.
  @Test func p1SupercellListsEveryBondOnce() throws {
    let a = 5.64
    var rows: [String] = []
    for x in 0..<3 {
      for y in 0..<3 {
        for z in 0..<3 {
          for f in [(0.0, 0.0, 0.0), (0.0, 0.5, 0.5), (0.5, 0.0, 0.5), (0.5, 0.5, 0.0)] {
            let p = [f.0 + Double(x), f.1 + Double(y), f.2 + Double(z)].map { $0 / 3 }
            let q = [f.0 + Double(x) + 0.5, f.1 + Double(y), f.2 + Double(z)].map { $0 / 3 }
            rows.append("Na\(rows.count) \(p[0]) \(p[1]) \(p[2])")
            rows.append("Cl\(rows.count) \(q[0]) \(q[1]) \(q[2])")
          }
        }
      }
    }
    let text = """
      data_supercell
      _cell_length_a \(3 * a)
      _cell_length_b \(3 * a)
      _cell_length_c \(3 * a)
      _cell_angle_alpha 90
      _cell_angle_beta 90
      _cell_angle_gamma 90
      _symmetry_space_group_name_H-M 'P 1'
      loop_
      _atom_site_label
      _atom_site_fract_x
      _atom_site_fract_y
      _atom_site_fract_z
      \(rows.joined(separator: "\n"))
      """
    let s = try CrystalStructure(
      block: try CIFParser.parse(text, source: "t").blocks[0], source: "t")
    #expect(s.positions.count == 216)
    let pairs = s.pairDistances(upTo: 4.1)
    let naCl = try #require(pairs.first { $0.pair == "Na–Cl" })
    let naNa = try #require(pairs.first { $0.pair == "Na–Na" })
    #expect(naCl.count == 648 && abs(naCl.longest.value - a / 2) < 1e-9)
    #expect(naNa.count == 648 && abs(naNa.shortest.value - a / 2.0.squareRoot()) < 1e-9)
    // The same crystal in its own cell (F m -3 m): one Na–Cl bond.
    let conventional = try CrystalStructure(
      block: try CIFParser.parse(
        """
        data_nacl
        _cell_length_a 5.64
        _cell_length_b 5.64
        _cell_length_c 5.64
        _cell_angle_alpha 90
        _cell_angle_beta 90
        _cell_angle_gamma 90
        _space_group_IT_number 225
        loop_
        _atom_site_label
        _atom_site_fract_x
        _atom_site_fract_y
        _atom_site_fract_z
        Na1 0 0 0
        Cl1 0.5 0.5 0.5
        """, source: "c"
      ).blocks[0], source: "c")
    #expect(conventional.pairDistances(upTo: 3.0).map(\.count) == [1])
  }
}
