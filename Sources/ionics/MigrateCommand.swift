import ArgumentParser
import Crystal
import Foundation
import IonicsCore
import Migration

/// `ionics migrate`: bond-valence site-energy landscapes and percolation barriers.
struct MigrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract:
      "Bond-valence site-energy (BVSE) landscape of a mobile ion and its 1D/2D/3D percolation barriers.",
    discussion: """
      The mobile ion is taken out and its site energy is computed on a periodic grid: the
      softBV Morse term to every counter-ion plus screened Coulomb repulsion from the ions of
      its own sign, within the cut-off, occupancy-weighted. The barriers are the lowest levels
      above the minimum at which the region below them connects across the cell in one, two
      and three dimensions, with the lattice directions it spans. Oxidation states come from
      the CIF's type symbols, else from a charge-balancing guess.

      Example: ionics migrate alluaudite.cif --ion Na+ --spacing 0.2 --cube na.cube
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

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    struct Threshold: Encodable {
      let dimension: Int
      let barrierElectronvolts: Double
      let directions: [[Int]]
    }
    let file: String
    let ion: String
    let gridPoints: [Int]
    let spacingAngstrom: Double
    let cutoffAngstrom: Double
    let parameterSet: String
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
    let landscape = try withArgument(file) {
      try BVSELandscape(structure: structure, mobile: mobile, options: options)
    }
    let minimum = landscape.grid.values.min() ?? 0
    let result = Percolation(landscape.grid, limit: minimum + limit, connectivity: connectivity)
    let found = Array(landscape.sites(in: structure, limit: limit).prefix(max(sites, 0)))
    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    if let cube {
      try writeAtomically(CubeFile.text(landscape, structure: structure), to: cube, inputs: [file])
    }
    let report = Report(
      file: file, ion: mobile.description,
      gridPoints: [landscape.grid.counts.x, landscape.grid.counts.y, landscape.grid.counts.z],
      spacingAngstrom: spacing, cutoffAngstrom: cutoff, parameterSet: landscape.parameterSet,
      pairs: landscape.pairsUsed, connectivity: connectivity.rawValue, limitElectronvolts: limit,
      thresholds: result.thresholds.map {
        Report.Threshold(
          dimension: $0.dimension, barrierElectronvolts: $0.barrier,
          directions: $0.directions.map { [$0.x, $0.y, $0.z] })
      },
      sites: found.map {
        Report.Site(
          fractional: [$0.fractional.x, $0.fractional.y, $0.fractional.z],
          energyElectronvolts: $0.energy, crystallographicSite: $0.crystallographicSite,
          distanceToSiteAngstrom: $0.distanceToSite)
      }, milliseconds: milliseconds)
    try output.emit(report) {
      let c = landscape.grid.counts
      print(
        "\(file): \(mobile) site energies on \(c.x) × \(c.y) × \(c.z) points, cut-off \(fixed(cutoff, 1)) Å"
      )
      print("parameters: \(landscape.parameterSet)")
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
      print("\(fixed(milliseconds, 0)) ms")
    }
  }
}

extension Percolation.Connectivity: ExpressibleByArgument {}
