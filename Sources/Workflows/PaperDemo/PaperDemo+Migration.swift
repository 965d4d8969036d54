import Crystal
import Foundation
import IonicsCore
import Migration

extension PaperDemo {
  /// Na+ pathways in the hand-built NRASCN-like framework (``NRASCNModel``).
  struct MigrationNumbers: Encodable {
    typealias Threshold = MigrationReport.Threshold
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

  static func migrationNumbers() throws -> MigrationNumbers {
    guard let sodium = MobileIon("Na+") else {
      throw WorkflowError.invalidParameter("mobile ion", value: "Na+", expected: "an ion")
    }
    // The same workflow as `ionics migrate NRASCN-like.cif --charges molecular`.
    var request = MigrationWorkflow.Request(
      structure: try structure(fromCIF: NRASCNModel.cif, name: "NRASCN-like.cif"), mobile: sodium)
    request.options.spacing = migrationSpacing
    request.options.charges = .molecular
    request.siteCount = 0
    let outcome = try MigrationWorkflow.run(request)
    let report = MigrationReport(outcome, file: "NRASCN-like.cif")
    // The solvent-free framework: the model without its waters.
    let dry = NRASCNModel.cif.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !($0.contains(" O2- ") || $0.contains(" H1+ ")) }.joined(separator: "\n")
    var dryRequest = request
    dryRequest.structure = try structure(fromCIF: dry, name: "NRASCN-like-dry.cif")
    let dryReport = MigrationReport(try MigrationWorkflow.run(dryRequest), file: "NRASCN-like-dry.cif")
    var formal = request.options
    formal.charges = .formal
    let formalCharges: String
    do {
      _ = try BVSELandscape(structure: request.structure, mobile: sodium, options: formal)
      formalCharges = "runs"
    } catch {
      formalCharges = "\(error)"
    }
    return MigrationNumbers(
      model:
        "hand-built Na6[Re4As2S2(CN)12]·3H2O (Ionics NRASCNModel; not the published structure)",
      cellEdgeAngstrom: NRASCNModel.built.edge, spacingAngstrom: migrationSpacing,
      parameterSet: report.parameterSet, chargePolicy: report.chargePolicy,
      pairs: report.pairs, thresholds: report.thresholds,
      paths: report.paths.map {
        MigrationNumbers.Path(
          translation: $0.translation, barrierElectronvolts: $0.barrierElectronvolts,
          lengthAngstrom: $0.lengthAngstrom, bottleneckRadiusAngstrom: $0.bottleneckRadiusAngstrom)
      },
      freeSphereRadiiAngstrom: report.freeSpherePercolation.map(\.radiusAngstrom),
      withoutWaterThresholds: dryReport.thresholds, formalCharges: formalCharges)
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
      "the same from a file: ionics demo --export-structure NRASCN-like.cif; ionics migrate NRASCN-like.cif --charges molecular --svg profile.svg"
    )
    return out
  }
}
