import ArgumentParser
import Crystal
import Foundation
import IonicsCore
import Workflows

/// `ionics cif read` (the default): what a CIF says about its structure.
struct CIFReadCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "read",
    abstract:
      "Read CIF files (1.1 and 2.0): cell with s.u., volume, symmetry, sites, formula, Z, density.",
    discussion: """
      Every data block is read; numbers keep their standard uncertainties (9.4363(3)). The symmetry comes from the file's operator list, else from its Hall symbol, Hermann–Mauguin symbol or space-group number (an origin choice left open is settled by the atoms, with a warning); sites on special positions and mixed sites (As/S at one position) are counted once, and --sites gives each its Wyckoff position. Odd files are read with warnings.

      Example:
      ionics cif NRASCN.cif --sites
      """)

  @Argument(help: "CIF files.")
  var files: [String]

  @Flag(help: "List every site of the asymmetric unit.")
  var sites = false

  @OptionGroup var output: OutputOptions

  struct Site: Encodable {
    let label: String
    let element: String
    let oxidationState: Int?
    let x: Measured
    let y: Measured
    let z: Measured
    let occupancy: Measured
    let uIsoSquareAngstrom: Measured?
    /// U11, U22, U33, U12, U13, U23, Å².
    let uAnisoSquareAngstrom: [Measured]?
    let multiplicity: Int
    /// Wyckoff position, e.g. "4e" (nil when the space group is unknown).
    let wyckoff: String?
  }

  struct Block: Encodable {
    let file: String
    let block: String
    let cellLengthsAngstrom: [Measured]
    let cellAnglesDegrees: [Measured]
    let volumeCubicAngstrom: Measured
    let symmetry: String
    let spaceGroup: String?
    let spaceGroupNumber: Int?
    let hallSymbol: String?
    let crystalSystem: String?
    let operations: [String]
    let formula: String
    let cellFormula: String
    let z: Int
    let zFromFile: Bool
    let densityGramsPerCubicCentimetre: Measured
    let siteCount: Int
    let positionCount: Int
    let sites: [Site]
  }

  func run() throws {
    var reports: [Block] = []
    var diagnostics: [Diagnostic] = []
    for (file, s) in try readStructures(files) {
      diagnostics += s.warnings.map { $0.from("\(file) data_\(s.name)") }
      let wyckoff = s.wyckoffPositions
      reports.append(
        Block(
          file: file, block: s.name, cellLengthsAngstrom: [s.cell.a, s.cell.b, s.cell.c],
          cellAnglesDegrees: [s.cell.alpha, s.cell.beta, s.cell.gamma],
          volumeCubicAngstrom: s.cell.volume, symmetry: s.symmetrySource,
          spaceGroup: s.spaceGroup?.symbol, spaceGroupNumber: s.spaceGroup?.number,
          hallSymbol: s.spaceGroup?.hall, crystalSystem: s.spaceGroup?.crystalSystem,
          operations: s.operations.map(\.description), formula: s.formula,
          cellFormula: s.cellFormula, z: s.z, zFromFile: s.zFromFile,
          densityGramsPerCubicCentimetre: s.density, siteCount: s.sites.count,
          positionCount: s.positions.count,
          sites: s.sites.enumerated().map { k, site in
            Site(
              label: site.label, element: site.element.symbol,
              oxidationState: site.oxidationState, x: site.x, y: site.y, z: site.z,
              occupancy: site.occupancy, uIsoSquareAngstrom: site.uIso,
              uAnisoSquareAngstrom: site.uAniso, multiplicity: s.multiplicities[k],
              wyckoff: wyckoff[k]?.description)
          }))
    }
    try output.emit(
      reports, analysis: "cif-read", inputs: try hashedInputs(files, when: output.json, format: "CIF"),
      diagnostics: diagnostics
    ) {
      for (k, r) in reports.enumerated() {
        if k > 0 { print() }
        print(render(r))
      }
    }
  }

  func render(_ r: Block) -> String {
    var lines = ["\(r.file), data_\(r.block)"]
    let l = r.cellLengthsAngstrom
    let a = r.cellAnglesDegrees
    // Values the file gives without an s.u. print to 8 significant digits.
    func v(_ m: Measured) -> String {
      m.standardUncertainty > 0 ? "\(m)" : String(format: "%.8g", m.value)
    }
    lines.append("a = \(v(l[0])) Å, b = \(v(l[1])) Å, c = \(v(l[2])) Å")
    lines.append(
      "α = \(v(a[0]))°, β = \(v(a[1]))°, γ = \(v(a[2]))°, V = \(v(r.volumeCubicAngstrom)) Å³")
    if let group = r.spaceGroup {
      lines.append(
        "space group \(group)\(r.spaceGroupNumber.map { " (No. \($0), \(r.crystalSystem ?? ""))" } ?? ""), Hall \(r.hallSymbol ?? "?")"
      )
    }
    lines.append("symmetry: \(r.symmetry)")
    lines.append(
      "formula \(r.formula) (Z = \(r.z)\(r.zFromFile ? "" : ", not in the file: from the cell content")); cell content \(r.cellFormula)"
    )
    lines.append(
      "density \(r.densityGramsPerCubicCentimetre.standardUncertainty > 0 ? "\(r.densityGramsPerCubicCentimetre)" : String(format: "%.5f", r.densityGramsPerCubicCentimetre.value)) g/cm³; \(r.siteCount) sites in the asymmetric unit, \(r.positionCount) positions in the cell"
    )
    if sites {
      var table = TextTable(
        "label", "element", "ox.", "x", "y", "z", "occ.", "U_iso (Å²)", "Wyckoff")
      for s in r.sites {
        table.add(
          s.label, s.element, s.oxidationState.map { String(format: "%+d", $0) } ?? "",
          "\(s.x)", "\(s.y)", "\(s.z)", "\(s.occupancy)",
          s.uIsoSquareAngstrom.map { "\($0)" } ?? "",
          s.wyckoff ?? "\(s.multiplicity)")
      }
      lines.append(table.rendered)
    }
    return lines.joined(separator: "\n")
  }
}
