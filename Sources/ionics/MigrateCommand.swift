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

  @Option(name: .customLong("svg"), help: "Write the energy profiles along the paths as an SVG figure.")
  var svg: String?

  @Option(name: .customLong("profile"), help: .hidden)
  var profileDeprecated: String?

  @Option(
    help:
      "How molecular and cluster ions are charged: formal (every atom its oxidation state) or molecular (finite units; only their terminal N/O attract, see the discussion)."
  )
  var charges: ChargePolicy = .formal

  @Option(
    help:
      "An oxidation state as Element=n or SiteLabel=n (Re=4, C1=2); repeat. Overrides the file and the guess."
  )
  var oxidation: [NamedValue] = []

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

  func run() throws {
    guard let mobile = MobileIon(ion) else {
      throw CommandLineError(
        description: "--ion: expected an ion such as Na+, Mg2+ or F-, got \(ion)")
    }
    guard let (_, structure) = try readStructures([file]).first else {
      throw CommandLineError(description: "\(file): no data block")
    }
    var request = MigrationWorkflow.Request(structure: structure, mobile: mobile)
    request.options.spacing = spacing
    request.options.cutoff = cutoff
    request.options.charges = charges
    request.options.oxidationStates = try parseOxidationStates(oxidation, labels: true)
    request.parameters.derivesMissingPairs = derive
    if let parameters {
      let text = try readText(parameters)
      request.parameters = try withArgument(parameters) {
        try request.parameters.adding(parameterFile: text, source: parameters)
      }
    }
    request.connectivity = connectivity
    request.limitElectronvolts = limit
    request.siteCount = sites
    request.options.progress = TerminalProgress.display("site energies (grid planes)")
    let outcome = try withArgument(file) { try MigrationWorkflow.run(request) }
    try outcome.write(cubePath: cube, grdPath: grd, profilePath: deprecated(profileDeprecated, "--profile", "--svg") ?? svg,
      protecting: [file])
    try output.emit(
      MigrationReport(outcome, file: file), analysis: "migrate",
      inputs: try hashedInputs([file], when: output.json, format: "CIF")
    ) { print(Self.render(outcome, file: file)) }
  }
}

extension Percolation.Connectivity: ExpressibleByArgument {}

extension ChargePolicy: ExpressibleByArgument {}
