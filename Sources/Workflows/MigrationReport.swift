import Migration

/// The JSON shape of a migration result (`ionics/migrate/1`).
public struct MigrationReport: Encodable, Sendable {
  /// A percolation threshold.
  public struct Threshold: Encodable, Sendable {
    /// 1, 2 or 3.
    public let dimension: Int
    /// eV above the landscape's minimum.
    public let barrierElectronvolts: Double
    /// Lattice directions spanned, in cells along a, b, c.
    public let directions: [[Int]]

    /// The threshold of a percolation.
    public init(_ t: Percolation.Threshold) {
      dimension = t.dimension
      barrierElectronvolts = t.barrier
      directions = t.directions.map { [$0.x, $0.y, $0.z] }
    }
  }

  /// A low site of the landscape.
  public struct Site: Encodable, Sendable {
    /// Fractional coordinates.
    public let fractional: [Double]
    /// eV above the lowest.
    public let energyElectronvolts: Double
    /// The crystallographic site of the mobile ion it matches, if any.
    public let crystallographicSite: String?
    /// Distance to the nearest such site, Å.
    public let distanceToSiteAngstrom: Double?
  }

  /// A minimum-energy path.
  public struct Path: Encodable, Sendable {
    /// Lattice translation from start to end.
    public let translation: [Int]
    /// Highest energy along it above the minimum, eV.
    public let barrierElectronvolts: Double
    /// Its length, Å.
    public let lengthAngstrom: Double
    /// Fractional coordinates of the saddle.
    public let saddleFractional: [Double]
    /// Radius of the narrowest free sphere along it, Å.
    public let bottleneckRadiusAngstrom: Double?
    /// Where that is.
    public let bottleneckFractional: [Double]?
    /// Distance along the path of each point, Å.
    public let distancesAngstrom: [Double]
    /// Energy of each point above the minimum, eV.
    public let energiesElectronvolts: [Double]
  }

  /// The largest free sphere that travels through in some dimension.
  public struct FreeSphere: Encodable, Sendable {
    /// 1, 2 or 3.
    public let dimension: Int
    /// Radius, Å.
    public let radiusAngstrom: Double
    /// Directions spanned.
    public let directions: [[Int]]
  }

  /// The CIF it came from.
  public let file: String
  /// The mobile ion ("Na+").
  public let ion: String
  /// Grid points along a, b, c.
  public let gridPoints: [Int]
  /// Grid spacing, Å.
  public let spacingAngstrom: Double
  /// Interaction cut-off, Å.
  public let cutoffAngstrom: Double
  /// The parameter set.
  public let parameterSet: String
  /// `formal` or `molecular`.
  public let chargePolicy: String
  /// Every Morse pair used, with its origin.
  public let pairs: [String]
  /// `faces` or `all26`.
  public let connectivity: String
  /// Highest barrier looked for, eV.
  public let limitElectronvolts: Double
  /// Thresholds by dimension.
  public let thresholds: [Threshold]
  /// Lowest sites.
  public let sites: [Site]
  /// Paths.
  public let paths: [Path]
  /// Radii used for the free space, with their origin.
  public let ionicRadii: [String]
  /// Free spheres by dimension.
  public let freeSpherePercolation: [FreeSphere]
  /// The isosurface level to draw, eV.
  public let isosurfaceElectronvolts: Double?
  /// Time, ms.
  public let milliseconds: Double

  /// The report of `outcome`, read from `file`.
  public init(_ outcome: MigrationWorkflow.Outcome, file: String) {
    let request = outcome.request
    let landscape = outcome.landscape
    self.file = file
    ion = request.mobile.description
    gridPoints = [landscape.grid.counts.x, landscape.grid.counts.y, landscape.grid.counts.z]
    spacingAngstrom = request.options.spacing
    cutoffAngstrom = request.options.cutoff
    parameterSet = landscape.parameterSet
    chargePolicy = request.options.charges.rawValue
    pairs = landscape.pairsUsed
    connectivity = request.connectivity.rawValue
    limitElectronvolts = request.limitElectronvolts
    thresholds = outcome.percolation.thresholds.map(Threshold.init)
    sites = outcome.sites.map {
      Site(
        fractional: [$0.fractional.x, $0.fractional.y, $0.fractional.z],
        energyElectronvolts: $0.energy, crystallographicSite: $0.crystallographicSite,
        distanceToSiteAngstrom: $0.distanceToSite)
    }
    paths = zip(outcome.paths, outcome.bottlenecks).map { path, neck in
      let saddle = path.fractional[path.saddle]
      let neckPoint = neck.map { path.fractional[$0.index] }
      return Path(
        translation: [path.translation.x, path.translation.y, path.translation.z],
        barrierElectronvolts: path.barrier, lengthAngstrom: path.length,
        saddleFractional: [saddle.x, saddle.y, saddle.z],
        bottleneckRadiusAngstrom: neck?.radius,
        bottleneckFractional: neckPoint.map { [$0.x, $0.y, $0.z] },
        distancesAngstrom: path.distances, energiesElectronvolts: path.energies)
    }
    ionicRadii = outcome.freeSpace.radiiUsed
    freeSpherePercolation = outcome.freeSpheres.map {
      FreeSphere(
        dimension: $0.dimension, radiusAngstrom: $0.radius,
        directions: $0.directions.map { [$0.x, $0.y, $0.z] })
    }
    isosurfaceElectronvolts = outcome.isosurfaceElectronvolts
    milliseconds = outcome.milliseconds
  }
}
