import Crystal
import Foundation
import IonicsCore
import Migration
import Workflows

extension DemoCommand {
  /// Na+ pathways in the hand-built NRASCN-like framework (``NRASCNModel``).
  struct MigrationNumbers: Encodable {
    typealias Threshold = MigrateCommand.Report.Threshold
    struct Path: Encodable {
      let translation: [Int]
      let barrierElectronvolts: Double
      let lengthAngstrom: Double
      let bottleneckRadiusAngstrom: Double?
    }
    let model: String
    let cellEdgeAngstrom: Double
    let spacingAngstrom: Double
    let parameterSet: String
    let chargePolicy: String
    let pairs: [String]
    let thresholds: [Threshold]
    let paths: [Path]
    let freeSphereRadiiAngstrom: [Double]
    /// The same with the three waters taken out (the solvent-free compound).
    let withoutWaterThresholds: [Threshold]
    /// What formal charges say about this framework.
    let formalCharges: String
  }

  /// Grid spacing of the demo's landscapes, Å.
  static let migrationSpacing = 0.2

  static func structure(fromCIF text: String, name: String) throws -> CrystalStructure {
    let doc = try CIFParser.parse(Data(text.utf8), source: name)
    guard let block = doc.blocks.first else {
      throw CommandLineError(description: "\(name): no data block")
    }
    return try CrystalStructure(block: block, source: name)
  }

  static func migrationNumbers() throws -> MigrationNumbers {
    guard let sodium = MobileIon("Na+") else {
      throw CommandLineError(description: "Na+ is not an ion")
    }
    var options = BVSELandscape.Options()
    options.spacing = migrationSpacing
    options.charges = .molecular
    func thresholds(_ landscape: BVSELandscape) -> (Percolation, [MigrationNumbers.Threshold]) {
      let minimum = landscape.grid.values.min() ?? 0
      let result = Percolation(landscape.grid, limit: minimum + 5, connectivity: .all26)
      return (
        result,
        result.thresholds.map { MigrationNumbers.Threshold($0) }
      )
    }
    let structure = try Self.structure(fromCIF: NRASCNModel.cif, name: "NRASCN-like.cif")
    let landscape = try BVSELandscape(structure: structure, mobile: sodium, options: options)
    let (result, found) = thresholds(landscape)
    let space = FreeSpace(
      structure: structure, mobile: sodium, counts: landscape.grid.counts,
      states: landscape.oxidationStates)
    let paths = landscape.paths(for: result, cell: structure.cell).map { path in
      MigrationNumbers.Path(
        translation: [path.translation.x, path.translation.y, path.translation.z],
        barrierElectronvolts: path.barrier, lengthAngstrom: path.length,
        bottleneckRadiusAngstrom: space.bottleneck(of: path)?.radius)
    }
    // The solvent-free framework: the model without its waters.
    let dry = NRASCNModel.cif.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !($0.contains(" O2- ") || $0.contains(" H1+ ")) }.joined(separator: "\n")
    let dryLandscape = try BVSELandscape(
      structure: try Self.structure(fromCIF: dry, name: "NRASCN-like-dry.cif"), mobile: sodium,
      options: options)
    var formal = options
    formal.charges = .formal
    let formalCharges: String
    do {
      _ = try BVSELandscape(structure: structure, mobile: sodium, options: formal)
      formalCharges = "runs"
    } catch {
      formalCharges = "\(error)"
    }
    return MigrationNumbers(
      model:
        "hand-built Na6[Re4As2S2(CN)12]·3H2O (Ionics NRASCNModel; not the published structure)",
      cellEdgeAngstrom: NRASCNModel.built.edge, spacingAngstrom: migrationSpacing,
      parameterSet: landscape.parameterSet, chargePolicy: options.charges.rawValue,
      pairs: landscape.pairsUsed, thresholds: found, paths: paths,
      freeSphereRadiiAngstrom: space.percolationRadii().map(\.radius),
      withoutWaterThresholds: thresholds(dryLandscape).1, formalCharges: formalCharges)
  }

  /// The migration section of the demo's text.
  static func renderMigration(_ m: MigrationNumbers) -> [String] {
    var out: [String] = []
    out.append(
      "\(m.model): cubic cell a = \(fixed(m.cellEdgeAngstrom, 1)) Å, BVSE on a \(fixed(m.spacingAngstrom, 2)) Å grid"
    )
    out.append("parameters: \(m.parameterSet); charges: \(m.chargePolicy)")
    for pair in m.pairs { out.append("  \(pair)") }
    func line(_ t: MigrationNumbers.Threshold) -> String {
      let directions = t.directions.map { "[\($0.map(String.init).joined(separator: " "))]" }
      return
        "\(t.dimension)D \(fixed(t.barrierElectronvolts, 2)) eV (\(directions.joined(separator: " ")))"
    }
    out.append("percolation: " + m.thresholds.map(line).joined(separator: ", "))
    for p in m.paths {
      let neck = p.bottleneckRadiusAngstrom.map { ", bottleneck radius \(fixed($0, 2)) Å" } ?? ""
      out.append(
        "  path [\(p.translation.map(String.init).joined(separator: " "))]: \(fixed(p.barrierElectronvolts, 2)) eV over \(fixed(p.lengthAngstrom, 1)) Å\(neck)"
      )
    }
    out.append(
      "free sphere that travels through: \(m.freeSphereRadiiAngstrom.map { fixed($0, 2) + " Å" }.joined(separator: ", ")) (1D, 2D, 3D)"
    )
    out.append(
      "without the three waters (the solvent-free compound): "
        + m.withoutWaterThresholds.map(line).joined(separator: ", "))
    out.append("with formal charges instead: \(m.formalCharges)")
    out.append(
      "the same from a file: ionics demo --export-structure NRASCN-like.cif; ionics migrate NRASCN-like.cif --charges molecular --profile profile.svg"
    )
    return out
  }
}
