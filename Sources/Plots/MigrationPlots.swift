import Foundation

/// Figures of ion migration.
public enum MigrationPlots {
  /// One energy profile: its name, the distance along the path (Å), the
  /// site energy above the landscape's minimum (eV) and where it peaks.
  public struct Profile: Sendable {
    /// Legend entry ("[0 0 1]: 0.61 eV").
    public var name: String
    /// Distance along the path, Å.
    public var distances: [Double]
    /// Energy above the minimum, eV.
    public var energies: [Double]
    /// Index of the saddle point.
    public var saddle: Int

    /// A profile to draw.
    public init(_ name: String, distances: [Double], energies: [Double], saddle: Int) {
      self.name = name
      self.distances = distances
      self.energies = energies
      self.saddle = saddle
    }
  }

  /// Site energy against distance along each path, the saddles marked, the
  /// way a migration-barrier figure shows them.
  public static func profiles(_ profiles: [Profile], ion: String, title: String? = nil) -> Figure {
    let colors = JournalPalette.colors
    var series: [Series] = []
    for (k, p) in profiles.enumerated() {
      let color = colors[k % colors.count]
      series.append(Series(p.name, x: p.distances, y: p.energies, style: .line, color: color))
      if p.energies.indices.contains(p.saddle) {
        series.append(
          Series(
            "", x: [p.distances[p.saddle]], y: [p.energies[p.saddle]],
            style: .filledMarkers, color: color))
      }
    }
    let top = profiles.flatMap(\.energies).max() ?? 1
    var figure = Figure(width: 640, height: 400)
    figure.add(
      Panel(
        xAxis: Axis("distance along the path / Å"),
        yAxis: Axis("\(ion) site energy / eV", range: 0...(max(top, 0.05) * 1.15)),
        series: series, title: title),
      x: 0, y: 0, width: 640, height: 400)
    return figure
  }
}
