import IonicsCore
import Migration
import Workflows

extension MigrateCommand {
  /// The migration result as the text tables print it.
  static func render(_ outcome: MigrationWorkflow.Outcome, file: String) -> String {
    let request = outcome.request
    let landscape = outcome.landscape
    let mobile = request.mobile
    let c = landscape.grid.counts
    var lines = [
      "\(file): \(mobile) site energies on \(c.x) × \(c.y) × \(c.z) points, cut-off \(fixed(request.options.cutoff, 1)) Å",
      "parameters: \(landscape.parameterSet); charges: \(request.options.charges)",
    ]
    lines += landscape.pairsUsed.map { "  \($0)" }
    lines.append(
      "percolation (\(request.connectivity == .all26 ? "26 neighbours" : "face neighbours"); barrier above the minimum):"
    )
    for d in 1...3 {
      if let t = outcome.percolation.threshold(d) {
        let directions = t.directions.map { "[\($0.x) \($0.y) \($0.z)]" }.joined(separator: " ")
        lines.append("  \(d)D  \(fixed(t.barrier, 3)) eV  spanning \(directions)")
      } else {
        lines.append("  \(d)D  none below \(fixed(request.limitElectronvolts, 1)) eV")
      }
    }
    if !outcome.sites.isEmpty {
      lines.append(
        "lowest sites (local minima; energy above the lowest; nearest \(mobile.element.symbol) site):")
      for site in outcome.sites {
        let f = site.fractional
        let match =
          site.crystallographicSite.map { "on \($0)" }
          ?? site.distanceToSite.map { "\(fixed($0, 2)) Å from the nearest" } ?? "no site listed"
        lines.append(
          "  (\(fixed(f.x, 3)), \(fixed(f.y, 3)), \(fixed(f.z, 3)))  \(fixed(site.energy, 3)) eV  \(match)"
        )
      }
    }
    if !outcome.paths.isEmpty {
      lines.append(
        "minimum-energy paths (from the lowest site to its image; bottleneck = narrowest free sphere):"
      )
      for (path, neck) in zip(outcome.paths, outcome.bottlenecks) {
        let t = path.translation
        let s = path.fractional[path.saddle]
        let neckText = neck.map { "bottleneck radius \(fixed($0.radius, 2)) Å" } ?? ""
        lines.append(
          "  [\(t.x) \(t.y) \(t.z)]  \(fixed(path.barrier, 3)) eV over \(fixed(path.length, 2)) Å, saddle at (\(fixed(s.x, 3)), \(fixed(s.y, 3)), \(fixed(s.z, 3)))  \(neckText)"
        )
      }
    }
    let radii = outcome.freeSpheres.map { "\($0.dimension)D \(fixed($0.radius, 2)) Å" }
    lines.append(
      "free sphere that travels through (ionic radii: \(outcome.freeSpace.radiiUsed.joined(separator: ", "))): \(radii.isEmpty ? "none" : radii.joined(separator: ", "))"
    )
    if let isosurface = outcome.isosurfaceElectronvolts {
      lines.append(
        "isosurface to draw: \(fixed(isosurface, 3)) eV (absolute; 0.01 eV above the \(outcome.percolation.thresholds.last?.dimension ?? 0)D percolation level)"
      )
    }
    lines.append("\(fixed(outcome.milliseconds, 0)) ms")
    return lines.joined(separator: "\n")
  }
}
