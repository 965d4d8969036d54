import Foundation
import IonicsCore

/// A crystal structure from one CIF data block: the cell, the symmetry
/// operations, the asymmetric unit, and the sites of the whole cell after
/// the operations are applied, with the formula, Z and density.
///
/// Built from the standard tags in their CIF 1 and DDLm spellings. What is
/// odd in the file (no symmetry, occupancies written `.` or `?`, a site
/// without coordinates) becomes a warning, not a refusal.
public struct CrystalStructure: Sendable {
  /// One position of the full cell: the species that share it (several for
  /// a mixed site such as As/S) with their occupancies.
  public struct Position: Sendable {
    /// Fractional coordinates, wrapped into [0, 1).
    public var fractional: SIMD3<Double>
    /// (site index in ``sites``, occupancy) for each species here.
    public var occupants: [(site: Int, occupancy: Double)]
    /// Index in ``CrystalStructure/operations`` of the operation that maps
    /// the first occupant's site here (for the s.u. of distances).
    public var operation: Int
  }

  /// The block's name.
  public var name: String
  /// The cell.
  public var cell: UnitCell
  /// The symmetry operations (at least the identity).
  public var operations: [SymmetryOperation]
  /// Where the operations came from.
  public var symmetrySource: String
  /// The space group the operations were identified as (from the file's
  /// symbol or number), nil when the file names none that matches.
  public var spaceGroup: SpaceGroup?
  /// The asymmetric unit.
  public var sites: [AtomSite]
  /// Multiplicity of each site in the cell.
  public var multiplicities: [Int]
  /// The positions of the cell (mixed sites count once).
  public var positions: [Position]
  /// Formula units per cell (from `_cell_formula_units_Z`, else the common
  /// divisor of the cell's whole atom counts, else 1).
  public var z: Int
  /// Whether Z came from the file.
  public var zFromFile: Bool
  /// What was odd about the file, as typed diagnostics.
  public var warnings: [Diagnostic]
  /// Atoms of each element in the cell, occupancies summed.
  public private(set) var cellComposition: [Element: Double] = [:]

  /// The structure of `block`; `source` names the file in errors.
  public init(block: CIFBlock, source: String) throws {
    name = block.name
    var warnings: [Diagnostic] = []
    func cellValue(_ tag: String) throws -> Measured {
      guard let m = block.value(tag)?.number, m.value > 0 else {
        throw CrystalError.missing(source: source, block: block.name, "\(tag) (a positive number)")
      }
      return m
    }
    cell = UnitCell(
      a: try cellValue("_cell_length_a"), b: try cellValue("_cell_length_b"),
      c: try cellValue("_cell_length_c"), alpha: try cellValue("_cell_angle_alpha"),
      beta: try cellValue("_cell_angle_beta"), gamma: try cellValue("_cell_angle_gamma"))
    if let problem = cell.impossibility {
      throw CrystalError.impossibleCell(source: source, block: block.name, problem)
    }

    // Sites.
    guard let labels = block.values("_atom_site_label") ?? block.values("_atom_site_type_symbol"),
      let xs = block.values("_atom_site_fract_x"), let ys = block.values("_atom_site_fract_y"),
      let zs = block.values("_atom_site_fract_z"), xs.count == labels.count,
      ys.count == labels.count, zs.count == labels.count
    else {
      throw CrystalError.missing(
        source: source, block: block.name,
        "an _atom_site_ loop with labels and fractional coordinates")
    }
    let types = block.values("_atom_site_type_symbol")
    let occupancies = block.values("_atom_site_occupancy")
    let uIsos = block.values("_atom_site_U_iso_or_equiv")
    let bIsos = block.values("_atom_site_B_iso_or_equiv")
    var sites: [AtomSite] = []
    var nullOccupancies: [String] = []
    var skipped: [String] = []
    // Type symbols repeat (18 739 sites, five symbols): look each up once.
    var speciesCache: [String: (Element, Int?)?] = [:]
    func species(_ text: String) -> (Element, Int?)? {
      if let cached = speciesCache[text] { return cached }
      let found = AtomSite.species(from: text)
      speciesCache[text] = .some(found)
      return found
    }
    for k in labels.indices {
      let label = labels[k].string ?? "site\(k + 1)"
      let typeText = types.flatMap { $0.count == labels.count ? $0[k].string : nil }
      guard let (element, oxidation) = species(typeText ?? label) ?? species(label) else {
        skipped.append("\(label) (no element in '\(typeText ?? label)')")
        continue
      }
      guard let x = xs[k].number, let y = ys[k].number, let z = zs[k].number else {
        skipped.append("\(label) (no coordinates)")
        continue
      }
      var occupancy = Measured(1)
      if let column = occupancies, column.count == labels.count {
        if let o = column[k].number {
          occupancy = o
        } else {
          nullOccupancies.append(label)
        }
      }
      var u: Measured?
      if let column = uIsos, column.count == labels.count { u = column[k].number }
      if u == nil, let column = bIsos, column.count == labels.count, let b = column[k].number {
        u = b / (8 * Double.pi * Double.pi)
      }
      sites.append(
        AtomSite(
          label: label, element: element, oxidationState: oxidation, x: x, y: y, z: z,
          occupancy: occupancy, uIso: u))
    }
    if !nullOccupancies.isEmpty {
      warnings.append(
        .warning("occupancyUnknown", "occupancy written as '.' or '?' for \(nullOccupancies.count) sites (\(nullOccupancies.prefix(5).joined(separator: ", "))\(nullOccupancies.count > 5 ? ", …" : "")): taken as 1"
        ))
    }
    if !skipped.isEmpty {
      warnings.append(.warning("sitesSkipped", "sites left out: " + skipped.joined(separator: ", ")))
    }
    guard !sites.isEmpty else {
      throw CrystalError.missing(source: source, block: block.name, "a site with coordinates")
    }
    Self.matchAnisotropic(block, &sites, &warnings)
    self.sites = sites

    let symmetry = try Self.resolveSymmetry(block, cell: cell, sites: sites, source: source)
    operations = symmetry.operations
    spaceGroup = symmetry.spaceGroup
    symmetrySource = symmetry.source
    warnings.insert(contentsOf: symmetry.warnings, at: 0)
    let (positions, multiplicities) = Self.expand(sites, operations, cell: cell)
    self.positions = positions
    self.multiplicities = multiplicities

    if let zValue = block.value("_cell_formula_units_Z")?.number, zValue.value >= 1,
      zValue.value <= 1e6
    {
      z = Int(zValue.value.rounded())
      zFromFile = true
    } else {
      z = 1
      zFromFile = false
    }
    self.warnings = warnings
    cellComposition = Self.composition(positions, sites)
    if !zFromFile { z = Self.commonDivisor(cellComposition) }
  }

  /// The structure with `sites` in place of its own (the same labels and
  /// order, moved or with new displacements and occupancies, as a
  /// refinement gives them): positions, multiplicities and composition
  /// follow; Z and the symmetry are kept.
  public func replacingSites(_ sites: [AtomSite]) -> CrystalStructure {
    var out = self
    out.sites = sites
    (out.positions, out.multiplicities) = Self.expand(sites, operations, cell: cell)
    out.cellComposition = Self.composition(out.positions, sites)
    return out
  }

  /// Every operation applied to every site: images closer than 0.01 Å
  /// merged (special positions, which sets the multiplicity), species at
  /// one position merged into one mixed site. Positions are bucketed on a
  /// coarse fractional grid (bins of about 2 Å) so that large cells stay fast.
  static func expand(_ sites: [AtomSite], _ operations: [SymmetryOperation], cell: UnitCell)
    -> (positions: [Position], multiplicities: [Int])
  {
    let tolerance = 0.01
    var positions: [Position] = []
    var multiplicities = Array(repeating: 0, count: sites.count)
    let matrix = cell.matrix
    let row0 = SIMD3(matrix[0][0], matrix[0][1], matrix[0][2])
    let row1 = SIMD3(matrix[1][0], matrix[1][1], matrix[1][2])
    let row2 = SIMD3(matrix[2][0], matrix[2][1], matrix[2][2])
    func distance(_ p: SIMD3<Double>, _ q: SIMD3<Double>) -> Double {
      var d = p - q
      d -= d.rounded(.toNearestOrAwayFromZero)
      let v = SIMD3((row0 * d).sum(), (row1 * d).sum(), (row2 * d).sum())
      return (v * v).sum().squareRoot()
    }
    // About 2 Å per bucket, finer when the cell holds so many images that
    // buckets would crowd (a file of a million rows in a small cell was
    // quadratic): about 8 images per bucket, at most 128 buckets per axis.
    let imageCount = Double(sites.count * operations.count)
    let volume = Swift.max(cell.volume.value, 1e-9)
    let perAngstrom = Foundation.pow(imageCount / 8 / volume, 1.0 / 3.0)
    let bins = [cell.a.value, cell.b.value, cell.c.value].map { length -> Int in
      let wanted = Swift.max(length / 2, length * perAngstrom)
      return Swift.max(1, Swift.min(Int(wanted.isFinite ? wanted : 1), 128))
    }
    // Buckets as linked lists: head[bucket] is the last position put there,
    // next[position] the one before it (-1 ends the list).
    var head = [Int](repeating: -1, count: bins[0] * bins[1] * bins[2])
    // The tolerance in bucket widths along each axis (from the perpendicular
    // widths of the cell, 1/|a*ₖ|), with a margin.
    let inverse = invert(metric(cell))
    let slack = (0..<3).map { k in
      2 * tolerance * max(inverse[k][k], 0).squareRoot() * Double(bins[k])
    }
    var next: [Int] = []
    next.reserveCapacity(sites.count * operations.count)
    positions.reserveCapacity(sites.count * operations.count)
    func binOf(_ x: Double, _ n: Int) -> Int { Swift.min(Swift.max(Int(x * Double(n)), 0), n - 1) }
    func flat(_ x: Int, _ y: Int, _ z: Int) -> Int { (x * bins[1] + y) * bins[2] + z }
    var images: [(SIMD3<Double>, Int)] = []
    for (s, site) in sites.enumerated() {
      images.removeAll(keepingCapacity: true)
      for (k, op) in operations.enumerated() {
        var p = op.apply(site.position)
        p -= p.rounded(.down)
        p.replace(with: 0, where: p .>= 1 - 1e-12)
        if images.contains(where: { distance($0.0, p) < tolerance }) { continue }
        images.append((p, k))
      }
      multiplicities[s] = images.count
      for (p, k) in images {
        let (hx, hy, hz) = (binOf(p.x, bins[0]), binOf(p.y, bins[1]), binOf(p.z, bins[2]))
        // The neighbouring buckets matter only along an axis where the point
        // lies within the tolerance of its bucket's face.
        func reach(_ x: Double, _ h: Int, _ n: Int, _ slack: Double) -> ClosedRange<Int> {
          let within = x * Double(n) - Double(h)
          return (within < slack ? -1 : 0)...(within > 1 - slack ? 1 : 0)
        }
        var found: Int?
        search: for dx in reach(p.x, hx, bins[0], slack[0]) {
          let x = (hx + dx + bins[0]) % bins[0]
          for dy in reach(p.y, hy, bins[1], slack[1]) {
            let y = (hy + dy + bins[1]) % bins[1]
            for dz in reach(p.z, hz, bins[2], slack[2]) {
              let z = (hz + dz + bins[2]) % bins[2]
              var index = head[flat(x, y, z)]
              while index >= 0 {
                if distance(positions[index].fractional, p) < tolerance {
                  found = index
                  break search
                }
                index = next[index]
              }
            }
          }
        }
        if let found {
          positions[found].occupants.append((s, site.occupancy.value))
        } else {
          let bucket = flat(hx, hy, hz)
          next.append(head[bucket])
          head[bucket] = positions.count
          positions.append(
            Position(fractional: p, occupants: [(s, site.occupancy.value)], operation: k))
        }
      }
    }
    return (positions, multiplicities)
  }

  /// Anisotropic displacements from `_atom_site_aniso_U_ij` (or `_B_ij`,
  /// divided by 8π²), matched to sites by `_atom_site_aniso_label`; labels
  /// that match no site, and a lone aniso row for a mismatched name, are
  /// reported.
  static func matchAnisotropic(
    _ block: CIFBlock, _ sites: inout [AtomSite], _ warnings: inout [Diagnostic]
  ) {
    guard let labels = block.values("_atom_site_aniso_label") else { return }
    let names = ["11", "22", "33", "12", "13", "23"]
    let u = names.map { block.values("_atom_site_aniso_U_\($0)") }
    let b = names.map { block.values("_atom_site_aniso_B_\($0)") }
    let columns: [[CIFValue]]
    let factor: Double
    if u.allSatisfy({ $0?.count == labels.count }) {
      columns = u.compactMap { $0 }
      factor = 1
    } else if b.allSatisfy({ $0?.count == labels.count }) {
      columns = b.compactMap { $0 }
      factor = 1 / (8 * Double.pi * Double.pi)
    } else {
      warnings.append(
        .warning(
          "anisotropicColumnsMissing",
          "the anisotropic displacement loop lacks some of its six U_ij (or B_ij) columns"))
      return
    }
    var index: [String: Int] = [:]
    for (k, site) in sites.enumerated() { index[site.label] = k }
    var unmatched: [String] = []
    for (row, value) in labels.enumerated() {
      guard let label = value.string else { continue }
      guard let k = index[label] else {
        unmatched.append(label)
        continue
      }
      let u = columns.map { $0[row].number.map { $0 * factor } }
      if u.allSatisfy({ $0 != nil }) { sites[k].uAniso = u.compactMap { $0 } }
    }
    if !unmatched.isEmpty {
      let without = sites.filter { $0.uAniso == nil && $0.uIso == nil }.map(\.label)
      warnings.append(
        .warning(
          "anisotropicLabelsUnmatched",
          "anisotropic displacements for labels that no site has: \(unmatched.joined(separator: ", "))"
            + (without.isEmpty ? "" : " (sites without any: \(without.joined(separator: ", ")))")))
    }
  }

  /// Z when the file gives none: the greatest common divisor of the cell's
  /// atom counts when they are whole numbers (NaCl: Na4Cl4 → 4), else 1.
  static func commonDivisor(_ counts: [Element: Double]) -> Int {
    var divisor = 0
    for n in counts.values where n > 1e-9 {
      let whole = n.rounded()
      guard abs(n - whole) < 1e-6, whole < 1e9 else { return 1 }
      var (p, q) = (divisor, Int(whole))
      while q != 0 { (p, q) = (q, p % q) }
      divisor = p
    }
    return max(divisor, 1)
  }

  /// Atoms of each element in the cell, occupancies summed.
  static func composition(_ positions: [Position], _ sites: [AtomSite]) -> [Element: Double] {
    // Sum per site first, then per atomic number: no hashing per atom.
    var perSite = Array(repeating: 0.0, count: sites.count)
    for p in positions { for o in p.occupants { perSite[o.site] += o.occupancy } }
    var perZ = Array(repeating: 0.0, count: 128)
    var element = [Element?](repeating: nil, count: 128)
    for (k, n) in perSite.enumerated() where n != 0 {
      let z = min(max(sites[k].element.atomicNumber, 0), 127)
      perZ[z] += n
      if element[z] == nil { element[z] = sites[k].element }
    }
    var counts: [Element: Double] = [:]
    for z in 0..<128 { if let e = element[z] { counts[e] = perZ[z] } }
    return counts
  }

  /// The formula per formula unit (cell composition / Z), Hill order.
  public var formula: String {
    Formula.hillFormula(cellComposition.mapValues { $0 / Double(z) })
  }

  /// The cell's content as a formula, Hill order.
  public var cellFormula: String { Formula.hillFormula(cellComposition) }

  /// Mass of the cell's content, g/mol.
  public var cellMassGramsPerMole: Double {
    cellComposition.reduce(0) { $0 + $1.key.atomicWeightGramsPerMole * $1.value }
  }

  /// Density, g/cm³, with the uncertainty of the volume.
  public var density: Measured {
    let volume = cell.volume
    let factor = cellMassGramsPerMole / PhysicalConstants.avogadro * 1e24
    return Measured(
      factor / volume.value,
      standardUncertainty: factor / (volume.value * volume.value) * volume.standardUncertainty)
  }
}

/// Why a structure could not be built from a CIF block.
public enum CrystalError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A needed item is missing or unusable.
  case missing(source: String, block: String, String)
  /// A symmetry operation could not be read.
  case symmetry(source: String, block: String, String)
  /// The six cell parameters describe no real cell, or an absurd one.
  case impossibleCell(source: String, block: String, String)

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .missing(let source, let block, let what):
      return "\(source), data_\(block): no \(what)"
    case .symmetry(let source, let block, let what):
      return "\(source), data_\(block): \(what)"
    case .impossibleCell(let source, let block, let why):
      return "\(source), data_\(block): impossible cell: \(why)"
    }
  }
}
