import Crystal
import Foundation
import IonicsCore

/// A landscape as the text volumetric file (`.grd`) that VESTA opens over
/// a structure: a comment line, the cell "a b c α β γ" (Å, degrees), the
/// numbers of grid points along a, b and c, then one value per line, the
/// c index running fastest and a slowest. The layout is the one bvlain and
/// softBV write for their BVSE maps (VESTA's own manual gives no more
/// detail); the points are those of the periodic grid, i/nₐ, j/n_b, k/n_c,
/// without a repeated boundary plane.
public enum GridFile {
  /// The text of the `.grd` file of `grid` over `cell`, `title` on the
  /// comment line.
  public static func text(_ grid: PeriodicGrid, cell: UnitCell, title: String) -> String {
    var out = "# \(title.replacingOccurrences(of: "\n", with: " "))\n"
    let parameters = [cell.a, cell.b, cell.c, cell.alpha, cell.beta, cell.gamma].map {
      String(format: "%.6f", $0.value)
    }
    out += parameters.joined(separator: " ") + "\n"
    out += "\(grid.counts.x) \(grid.counts.y) \(grid.counts.z)\n"
    out.reserveCapacity(out.utf8.count + grid.count * 14)
    for value in grid.values {
      out += String(format: "%.6f\n", value.isFinite ? value : 1e6)
    }
    return out
  }
}
