import Crystal
import Dispatch
import Foundation
import IonicsCore
import Migration
import Plots

/// Where a mobile ion can move in a structure, as `ionics migrate`, the
/// demo and the project report run it: the bond-valence site-energy
/// landscape, its percolation barriers in 1D/2D/3D, the minimum-energy path
/// along every direction that opens, the free space with the bottleneck of
/// each path, and the lowest sites.
public enum MigrationWorkflow {
  /// What to compute.
  public struct Request: Sendable {
    /// The structure.
    public var structure: CrystalStructure
    /// The mobile ion.
    public var mobile: MobileIon
    /// Grid spacing, cut-off, charge policy and oxidation states.
    public var options = BVSELandscape.Options()
    /// The Morse pairs (softBV, with derived and user pairs).
    public var parameters = BVSEParameters.softBV
    /// Grid neighbours for percolation and paths.
    public var connectivity = Percolation.Connectivity.all26
    /// Highest barrier looked for, eV above the minimum.
    public var limitElectronvolts = 5.0
    /// How many of the lowest sites to list.
    public var siteCount = 12

    /// A request for `mobile` in `structure` with the default settings.
    public init(structure: CrystalStructure, mobile: MobileIon) {
      self.structure = structure
      self.mobile = mobile
    }
  }

  /// What it finds.
  public struct Outcome: Sendable {
    /// The request it answers.
    public let request: Request
    /// The site-energy landscape.
    public let landscape: BVSELandscape
    /// Its percolation thresholds.
    public let percolation: Percolation
    /// The lowest sites, lowest first.
    public let sites: [LandscapeSite]
    /// One path per opened direction.
    public let paths: [MigrationPath]
    /// The free space on the landscape's grid.
    public let freeSpace: FreeSpace
    /// The largest free sphere that travels through in 1D, 2D and 3D.
    public let freeSpheres: [(dimension: Int, radius: Double, directions: [SIMD3<Int>])]
    /// The narrowest free sphere along each path (same order as `paths`).
    public let bottlenecks: [(radius: Double, index: Int)?]
    /// The level to draw as an isosurface, eV (absolute): 0.01 eV above the
    /// highest-dimensional percolation level.
    public let isosurfaceElectronvolts: Double?
    /// Wall-clock time, ms.
    public let milliseconds: Double
  }

  /// Computes the landscape and everything derived from it.
  public static func run(_ request: Request) throws -> Outcome {
    let start = DispatchTime.now()
    let structure = request.structure
    let landscape = try BVSELandscape(
      structure: structure, mobile: request.mobile, parameters: request.parameters,
      options: request.options)
    let minimum = landscape.grid.values.min() ?? 0
    let limit = request.limitElectronvolts
    let percolation = Percolation(
      landscape.grid, limit: minimum + limit, connectivity: request.connectivity)
    let sites = Array(landscape.sites(in: structure, limit: limit).prefix(max(request.siteCount, 0)))
    let paths = landscape.paths(
      for: percolation, cell: structure.cell, limit: limit, connectivity: request.connectivity)
    let space = FreeSpace(
      structure: structure, mobile: request.mobile, counts: landscape.grid.counts,
      states: landscape.oxidationStates, parameters: request.parameters)
    let spheres = space.percolationRadii(connectivity: request.connectivity)
    let necks = paths.map { space.bottleneck(of: $0) }
    let isosurface = percolation.thresholds.last.map { $0.energy + 0.01 }
    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    return Outcome(
      request: request, landscape: landscape, percolation: percolation, sites: sites, paths: paths,
      freeSpace: space, freeSpheres: spheres, bottlenecks: necks,
      isosurfaceElectronvolts: isosurface, milliseconds: milliseconds)
  }
}

extension MigrationWorkflow.Outcome {
  /// The settings in words, as the maps and figures name them.
  public var settingsDescription: String {
    "\(landscape.parameterSet); cut-off \(fixed(request.options.cutoff, 1)) Å; charges \(request.options.charges)"
  }

  /// Writes the maps and the figure asked for (nil leaves one out), never
  /// over one of `protected`.
  public func write(
    cubePath: String? = nil, grdPath: String? = nil, profilePath: String? = nil,
    protecting protected: [String]
  ) throws {
    let structure = request.structure
    if let cubePath {
      try writeAtomically(
        CubeFile.text(landscape, structure: structure), to: cubePath, inputs: protected)
    }
    if let grdPath {
      let title = "BVSE site energy of \(request.mobile) (eV), \(settingsDescription)"
      try writeAtomically(
        GridFile.text(landscape.grid, cell: structure.cell, title: title), to: grdPath,
        inputs: protected)
    }
    if let profilePath {
      let drawn = paths.map {
        MigrationPlots.Profile(
          "[\($0.translation.x) \($0.translation.y) \($0.translation.z)]: \(fixed($0.barrier, 2)) eV",
          distances: $0.distances, energies: $0.energies, saddle: $0.saddle)
      }
      let title =
        "\(request.mobile) in \(structure.name) (BVSE, softBV, \(fixed(request.options.cutoff, 0)) Å cut-off, charges \(request.options.charges))"
      try writeAtomically(
        MigrationPlots.profiles(drawn, ion: request.mobile.description, title: title).svg,
        to: profilePath, inputs: protected)
    }
  }
}
