import Foundation
import IonicsCore

extension CrystalStructure {
  /// The structure as a CIF 1.1 data block: either the asymmetric unit with
  /// the symmetry operations, or the whole cell in P1 (every position, a
  /// mixed site as one row per species with its occupancy). Numbers keep
  /// their standard uncertainties in the asymmetric unit, where the U_ij of
  /// anisotropic sites follow in an `_atom_site_aniso_` loop.
  public func cif(expandedToP1: Bool) -> String {
    var out = "# written by Ionics from data_\(name)\n"
    out += "data_\(Self.safeName(name))\(expandedToP1 ? "_P1" : "")\n"
    for (tag, value) in [
      ("_cell_length_a", cell.a), ("_cell_length_b", cell.b), ("_cell_length_c", cell.c),
      ("_cell_angle_alpha", cell.alpha), ("_cell_angle_beta", cell.beta),
      ("_cell_angle_gamma", cell.gamma),
    ] {
      out += "\(tag) \(Self.number(value))\n"
    }
    out += "_cell_volume \(Self.number(cell.volume))\n"
    out += "_cell_formula_units_Z \(expandedToP1 ? 1 : z)\n"
    out += "_chemical_formula_sum '\(Self.spaced(expandedToP1 ? cellFormula : formula))'\n"
    out += "loop_\n_space_group_symop_operation_xyz\n"
    for op in expandedToP1 ? [SymmetryOperation.identity] : operations { out += "'\(op)'\n" }
    out += "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n"
    out +=
      "_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\n_atom_site_U_iso_or_equiv\n"
    if expandedToP1 {
      var count = 0
      for p in positions {
        for o in p.occupants {
          count += 1
          let site = sites[o.site]
          out += "\(site.label)_\(count) \(site.element.symbol) "
          out += String(format: "%.6f %.6f %.6f ", p.fractional.x, p.fractional.y, p.fractional.z)
          out += "\(Self.short(o.occupancy)) \(site.uIso.map { Self.number($0) } ?? "?")\n"
        }
      }
    } else {
      for site in sites {
        let symbol =
          site.element.symbol
          + (site.oxidationState.map { "\(abs($0))\($0 < 0 ? "-" : "+")" } ?? "")
        out += "\(site.label) \(symbol) \(Self.number(site.x)) \(Self.number(site.y)) "
        out += "\(Self.number(site.z)) \(Self.number(site.occupancy)) "
        out += "\(site.uIso.map { Self.number($0) } ?? "?")\n"
      }
      // The anisotropic displacements, with their s.u.
      let anisotropic = sites.filter { ($0.uAniso?.count ?? 0) == 6 }
      if !anisotropic.isEmpty {
        out += "loop_\n_atom_site_aniso_label\n_atom_site_aniso_U_11\n_atom_site_aniso_U_22\n_atom_site_aniso_U_33\n"
        out += "_atom_site_aniso_U_12\n_atom_site_aniso_U_13\n_atom_site_aniso_U_23\n"
        for site in anisotropic {
          out += site.label + " " + (site.uAniso ?? []).map { Self.number($0) }.joined(separator: " ") + "\n"
        }
      }
    }
    return out
  }

  /// A number in CIF notation, with its s.u. in parentheses when it has one.
  static func number(_ m: Measured) -> String {
    m.standardUncertainty > 0 ? "\(m)" : short(m.value)
  }

  static func short(_ x: Double) -> String { String(format: "%.10g", x) }

  /// "Na2O" → "Na2 O": the spaced form CIF uses for formulas.
  static func spaced(_ formula: String) -> String {
    var out = ""
    for ch in formula {
      if ch.isUppercase && !out.isEmpty { out += " " }
      out.append(ch)
    }
    return out
  }

  /// A block name CIF accepts (no white space).
  static func safeName(_ name: String) -> String {
    let cleaned = String(name.map { $0.isWhitespace ? "_" : $0 })
    return cleaned.isEmpty ? "structure" : cleaned
  }
}

/// The whole cell in the layout of pymatgen's `Structure.as_dict()`, so that
/// Python users load it with `Structure.from_dict(json.load(f))`: the
/// lattice as row vectors a, b, c (Å), each position with its species and
/// occupancies, fractional (`abc`) and Cartesian (`xyz`, Å) coordinates.
public struct PymatgenStructure: Codable, Sendable {
  /// One species at a site.
  public struct Species: Codable, Sendable {
    /// Element symbol.
    public var element: String
    /// Occupancy.
    public var occu: Double
    /// Oxidation state, when the file gives one.
    public var oxidation_state: Int?
  }

  /// One position of the cell.
  public struct Site: Codable, Sendable {
    /// Species sharing the position (several for a mixed site).
    public var species: [Species]
    /// Fractional coordinates.
    public var abc: [Double]
    /// Cartesian coordinates, Å.
    public var xyz: [Double]
    /// The label of the first species' site.
    public var label: String
    /// Always empty (pymatgen's per-site properties).
    public var properties: [String: String]
  }

  /// The lattice.
  public struct Lattice: Codable, Sendable {
    /// Rows a, b, c in Cartesian coordinates, Å.
    public var matrix: [[Double]]
    /// Periodic along the three axes.
    public var pbc: [Bool]
  }

  enum CodingKeys: String, CodingKey {
    case module = "@module"
    case className = "@class"
    case charge, lattice, properties, sites
  }

  /// "pymatgen.core.structure".
  public var module = "pymatgen.core.structure"
  /// "Structure".
  public var className = "Structure"
  /// Total charge (0).
  public var charge = 0.0
  /// The lattice.
  public var lattice: Lattice
  /// Always empty (pymatgen's structure properties).
  public var properties: [String: String] = [:]
  /// Every position of the cell.
  public var sites: [Site]
}

extension CrystalStructure {
  /// The whole cell as pymatgen's `Structure` dictionary.
  public var pymatgenStructure: PymatgenStructure {
    let m = cell.matrix  // columns are a, b, c
    let rows = (0..<3).map { k in (0..<3).map { m[$0][k] } }
    let sites = positions.map { p -> PymatgenStructure.Site in
      let xyz = cell.cartesian(p.fractional)
      return PymatgenStructure.Site(
        species: p.occupants.map {
          PymatgenStructure.Species(
            element: self.sites[$0.site].element.symbol, occu: $0.occupancy,
            oxidation_state: self.sites[$0.site].oxidationState)
        },
        abc: [p.fractional.x, p.fractional.y, p.fractional.z], xyz: [xyz.x, xyz.y, xyz.z],
        label: self.sites[p.occupants[0].site].label, properties: [:])
    }
    return PymatgenStructure(
      lattice: .init(matrix: rows, pbc: [true, true, true]), sites: sites)
  }
}
