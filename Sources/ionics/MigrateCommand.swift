import ArgumentParser
import Crystal
import Foundation
import IonicsCore
import Migration
import Plots
import Workflows

/// `ionics migrate`: bond-valence site-energy landscapes and percolation barriers.
struct MigrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract:
      "Mobile-ion pathways: BVSE landscape, 1D/2D/3D barriers, paths, free space.",
    discussion: """
      The mobile ion is taken out and its site energy is computed on a periodic grid: the softBV Morse term to every counter-ion plus screened Coulomb repulsion from the ions of its own sign, within the cut-off, occupancy-weighted. The barriers are the lowest levels above the minimum at which the region below them connects across the cell in one, two and three dimensions, with the lattice directions it spans. Oxidation states come from --oxidation, else the CIF's type symbols, else a charge-balancing guess.

      Pairs the softBV table lacks (Na+–N3−, K+–N3−, Ag+–N3−) are derived from the table's cation and anion terms and O'Keeffe–Brese R0 (0.06 Å and 25 % typical error in R_min and D0); every pair is listed with its origin. --charges molecular treats finite molecular and cluster ions ([Re4As2S2(CN)12]6−, CN−, H2O) as units whose terminal N and O atoms carry the attraction, with C, H and the cluster core silent; the barrier depends on it.

      Example:
      ionics migrate alluaudite.cif --ion Na+ --spacing 0.2 --cube na.cube
      """)

  @Argument(help: "A CIF file.")
  var file: String

  @Option(help: "The mobile ion (Na+, Li+, K+, Ag+, Mg2+, F-).")
  var ion = "Na+"

  @Option(help: "Grid spacing, Å.")
  var spacing = 0.2

  @Option(help: "Interaction cut-off, Å.")
  var cutoff = 10.0

  @Option(help: "Neighbours on the grid: faces (6) or all26 (faces, edges and corners, as bvlain).")
  var connectivity: Percolation.Connectivity = .all26

  @Option(help: "Highest barrier looked for, eV above the minimum.")
  var limit = 5.0

  @Option(help: "How many of the lowest sites (local minima) to list.")
  var sites = 12

  @Option(help: "Write the landscape as a Gaussian cube file (eV).")
  var cube: String?

  @Option(help: "Write the landscape as a VESTA .grd file (eV).")
  var grd: String?

  @Option(help: "Write the energy profiles along the paths as an SVG figure.")
  var profile: String?

  @Option(
    help:
      "How molecular and cluster ions are charged: formal (every atom its oxidation state) or molecular (finite units; only their terminal N/O attract, see the discussion)."
  )
  var charges: ChargePolicy = .formal

  @Option(
    help:
      "An oxidation state as Element=n or SiteLabel=n (Re=4, C1=2); repeat. Overrides the file and the guess."
  )
  var oxidation: [String] = []

  @Option(
    help:
      "Morse parameters to use before the table's: one pair per line, 'Na 1 N -3 R_min alpha D0 [R0]' (Å, 1/Å, eV)."
  )
  var parameters: String?

  @Flag(
    inversion: .prefixedNo,
    help:
      "Derive Morse pairs that the softBV table lacks (Na+–N3−) from its cation and anion terms.")
  var derive = true

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    struct Threshold: Encodable {
      let dimension: Int
      let barrierElectronvolts: Double
      let directions: [[Int]]

      init(_ t: Percolation.Threshold) {
        dimension = t.dimension
        barrierElectronvolts = t.barrier
        directions = t.directions.map { [$0.x, $0.y, $0.z] }
      }
    }
    let file: String
    let ion: String
    let gridPoints: [Int]
    let spacingAngstrom: Double
    let cutoffAngstrom: Double
    let parameterSet: String
    let chargePolicy: String
    let pairs: [String]
    let connectivity: String
    let limitElectronvolts: Double
    let thresholds: [Threshold]
    struct Site: Encodable {
      let fractional: [Double]
      let energyElectronvolts: Double
      let crystallographicSite: String?
      let distanceToSiteAngstrom: Double?
    }
    let sites: [Site]
    struct Path: Encodable {
      let translation: [Int]
      let barrierElectronvolts: Double
      let lengthAngstrom: Double
      let saddleFractional: [Double]
      let bottleneckRadiusAngstrom: Double?
      let bottleneckFractional: [Double]?
      let distancesAngstrom: [Double]
      let energiesElectronvolts: [Double]
    }
    let paths: [Path]
    struct FreeSphere: Encodable {
      let dimension: Int
      let radiusAngstrom: Double
      let directions: [[Int]]
    }
    let ionicRadii: [String]
    let freeSpherePercolation: [FreeSphere]
    let isosurfaceElectronvolts: Double?
    let milliseconds: Double
  }

  func run() throws {
    guard let mobile = MobileIon(ion) else {
      throw CommandLineError(
        description: "--ion: expected an ion such as Na+, Mg2+ or F-, got \(ion)")
    }
    guard let (_, structure) = try readStructures([file]).first else {
      throw CommandLineError(description: "\(file): no data block")
    }
    let start = DispatchTime.now()
    var options = BVSELandscape.Options()
    options.spacing = spacing
    options.cutoff = cutoff
    options.charges = charges
    options.oxidationStates = try parseOxidationStates(oxidation, labels: true)
    var set = BVSEParameters.softBV
    set.derivesMissingPairs = derive
    if let parameters {
      let text = try readText(parameters)
      set = try withArgument(parameters) { try set.adding(parameterFile: text, source: parameters) }
    }
    let chosen = set
    let landscape = try withArgument(file) {
      try BVSELandscape(structure: structure, mobile: mobile, parameters: chosen, options: options)
    }
    let minimum = landscape.grid.values.min() ?? 0
    let result = Percolation(landscape.grid, limit: minimum + limit, connectivity: connectivity)
    let found = Array(landscape.sites(in: structure, limit: limit).prefix(max(sites, 0)))
    let paths = landscape.paths(
      for: result, cell: structure.cell, limit: limit, connectivity: connectivity)
    let space = FreeSpace(
      structure: structure, mobile: mobile, counts: landscape.grid.counts,
      states: landscape.oxidationStates, parameters: chosen)
    let freeSpheres = space.percolationRadii(connectivity: connectivity)
    let necks = paths.map { space.bottleneck(of: $0) }
    // The level at which the highest dimension found opens: the isosurface to draw.
    let isosurface = result.thresholds.last.map { $0.energy + 0.01 }
    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    if let cube {
      try writeAtomically(CubeFile.text(landscape, structure: structure), to: cube, inputs: [file])
    }
    if let grd {
      let title =
        "BVSE site energy of \(mobile) (eV), \(landscape.parameterSet); cut-off \(fixed(cutoff, 1)) Å; charges \(charges)"
      try writeAtomically(
        GridFile.text(landscape.grid, cell: structure.cell, title: title), to: grd, inputs: [file])
    }
    if let profile {
      let drawn = paths.map {
        MigrationPlots.Profile(
          "[\($0.translation.x) \($0.translation.y) \($0.translation.z)]: \(fixed($0.barrier, 2)) eV",
          distances: $0.distances, energies: $0.energies, saddle: $0.saddle)
      }
      let title =
        "\(mobile) in \(structure.name) (BVSE, softBV, \(fixed(cutoff, 0)) Å cut-off, charges \(charges))"
      try writeAtomically(
        MigrationPlots.profiles(drawn, ion: mobile.description, title: title), to: profile,
        inputs: [file])
    }
    let report = Report(
      file: file, ion: mobile.description,
      gridPoints: [landscape.grid.counts.x, landscape.grid.counts.y, landscape.grid.counts.z],
      spacingAngstrom: spacing, cutoffAngstrom: cutoff, parameterSet: landscape.parameterSet,
      chargePolicy: charges.rawValue, pairs: landscape.pairsUsed,
      connectivity: connectivity.rawValue, limitElectronvolts: limit,
      thresholds: result.thresholds.map(Report.Threshold.init),
      sites: found.map {
        Report.Site(
          fractional: [$0.fractional.x, $0.fractional.y, $0.fractional.z],
          energyElectronvolts: $0.energy, crystallographicSite: $0.crystallographicSite,
          distanceToSiteAngstrom: $0.distanceToSite)
      },
      paths: zip(paths, necks).map { path, neck in
        let saddle = path.fractional[path.saddle]
        let neckPoint = neck.map { path.fractional[$0.index] }
        return Report.Path(
          translation: [path.translation.x, path.translation.y, path.translation.z],
          barrierElectronvolts: path.barrier, lengthAngstrom: path.length,
          saddleFractional: [saddle.x, saddle.y, saddle.z],
          bottleneckRadiusAngstrom: neck?.radius,
          bottleneckFractional: neckPoint.map { [$0.x, $0.y, $0.z] },
          distancesAngstrom: path.distances, energiesElectronvolts: path.energies)
      }, ionicRadii: space.radiiUsed,
      freeSpherePercolation: freeSpheres.map {
        Report.FreeSphere(
          dimension: $0.dimension, radiusAngstrom: $0.radius,
          directions: $0.directions.map { [$0.x, $0.y, $0.z] })
      }, isosurfaceElectronvolts: isosurface, milliseconds: milliseconds)
    try output.emit(
      report, analysis: "migrate", inputs: try hashedInputs([file], when: output.json, format: "CIF")
    ) {
      let c = landscape.grid.counts
      print(
        "\(file): \(mobile) site energies on \(c.x) × \(c.y) × \(c.z) points, cut-off \(fixed(cutoff, 1)) Å"
      )
      print("parameters: \(landscape.parameterSet); charges: \(charges)")
      for pair in landscape.pairsUsed { print("  \(pair)") }
      print(
        "percolation (\(connectivity == .all26 ? "26 neighbours" : "face neighbours"); barrier above the minimum):"
      )
      for d in 1...3 {
        if let t = result.threshold(d) {
          let directions = t.directions.map { "[\($0.x) \($0.y) \($0.z)]" }.joined(separator: " ")
          print("  \(d)D  \(fixed(t.barrier, 3)) eV  spanning \(directions)")
        } else {
          print("  \(d)D  none below \(fixed(limit, 1)) eV")
        }
      }
      if !found.isEmpty {
        print(
          "lowest sites (local minima; energy above the lowest; nearest \(mobile.element.symbol) site):"
        )
        for site in found {
          let f = site.fractional
          let match =
            site.crystallographicSite.map { "on \($0)" }
            ?? site.distanceToSite.map { "\(fixed($0, 2)) Å from the nearest" } ?? "no site listed"
          print(
            "  (\(fixed(f.x, 3)), \(fixed(f.y, 3)), \(fixed(f.z, 3)))  \(fixed(site.energy, 3)) eV  \(match)"
          )
        }
      }
      if !paths.isEmpty {
        print(
          "minimum-energy paths (from the lowest site to its image; bottleneck = narrowest free sphere):"
        )
        for (path, neck) in zip(paths, necks) {
          let t = path.translation
          let s = path.fractional[path.saddle]
          let neckText = neck.map { "bottleneck radius \(fixed($0.radius, 2)) Å" } ?? ""
          print(
            "  [\(t.x) \(t.y) \(t.z)]  \(fixed(path.barrier, 3)) eV over \(fixed(path.length, 2)) Å, saddle at (\(fixed(s.x, 3)), \(fixed(s.y, 3)), \(fixed(s.z, 3)))  \(neckText)"
          )
        }
      }
      let radii = freeSpheres.map { "\($0.dimension)D \(fixed($0.radius, 2)) Å" }
      print(
        "free sphere that travels through (ionic radii: \(space.radiiUsed.joined(separator: ", "))): \(radii.isEmpty ? "none" : radii.joined(separator: ", "))"
      )
      if let isosurface {
        print(
          "isosurface to draw: \(fixed(isosurface, 3)) eV (absolute; 0.01 eV above the \(result.thresholds.last?.dimension ?? 0)D percolation level)"
        )
      }
      print("\(fixed(milliseconds, 0)) ms")
    }
  }
}

extension Percolation.Connectivity: ExpressibleByArgument {}

extension ChargePolicy: ExpressibleByArgument {}
