import Foundation
import Impedance
import IonicsCore
import IonicsNumerics
import Testing

@testable import Conductivity

@Suite("Temperature series")
struct TemperatureSeriesTests {
  /// The bundled example: the paper's pellet simulated at 25–100 °C with
  /// Ea = 0.32 eV and σ25 = 1.05e-5 S/cm, 0.5 % noise. The pipeline recovers
  /// Ea = 0.32 ± 0.01 eV and σ25 within 3 %, picks the bulk arc by its
  /// capacitance, and the σT form comes out about k·T̄ higher.
  @Test func recoversThePapersActivationEnergy() throws {
    let inputs = try SimulatedSeries.blockingPellet()
    let geometry = try CellGeometry.disc(diameterMillimetres: 12, thicknessMillimetres: 4)
    let result = try TemperatureSeries.analyse(
      inputs, options: .init(circuit: SimulatedSeries.circuit, geometry: geometry))
    #expect(result.points.count == 6)
    #expect(abs(result.arrhenius.activationEnergyElectronvolts.value - 0.32) < 0.01)
    #expect(abs(result.conductivityAt25C.conductivity / 1.05e-5 - 1) < 0.03)
    let shift =
      result.arrheniusSigmaT.activationEnergyElectronvolts.value
      - result.arrhenius.activationEnergyElectronvolts.value
    #expect(shift > 0.025 && shift < 0.033)
    for point in result.points {
      #expect(point.bulkElement == "R1,CPE1", "\(point.name): \(point.bulkReason)")
      #expect(point.bulkReason.contains("bulk range"))
      let capacitance = try #require(point.bulkCapacitance)
      #expect(abs(capacitance.value / 7.5e-12 - 1) < 0.1)
    }
    // Temperatures ascend and σ rises with them.
    let sigmas = result.points.map(\.conductivity.value)
    #expect(zip(sigmas, sigmas.dropFirst()).allSatisfy { $0 < $1 })
  }

  /// Naming the bulk element gives the same numbers; a name that is not in
  /// the circuit is refused with the circuit's elements listed.
  @Test func namedBulkElement() throws {
    let inputs = try SimulatedSeries.blockingPellet()
    let geometry = try CellGeometry.disc(diameterMillimetres: 12, thicknessMillimetres: 4)
    var options = TemperatureSeries.Options(
      circuit: SimulatedSeries.circuit, geometry: geometry, bulkElement: "R1")
    let named = try TemperatureSeries.analyse(inputs, options: options)
    #expect(abs(named.arrhenius.activationEnergyElectronvolts.value - 0.32) < 0.01)
    options.bulkElement = "R7"
    #expect {
      try TemperatureSeries.analyse(inputs, options: options)
    } throws: { error in
      "\(error)".contains("R1, CPE1, CPE2")
    }
  }

  /// Temperatures in file names as users write them.
  @Test func temperaturesFromFileNames() {
    let cases: [(String, [Double])] = [
      ("s04147-140deg.txt", [140]), ("NRASCN_25C.mpt", [25]), ("pellet_298.15K.csv", [25]),
      ("run T=85.5°C.z", [85.5]), ("cell_-20C.mpt", [-20]), ("Circuit1_EIS_1.z", []),
      ("2ZARC1.csv", []), ("film_60degC_2.mpr", [60]), ("x_25,5C.txt", [25.5]),
    ]
    for (name, expected) in cases {
      let found = TemperatureSource.celsius(fromFileName: name)
      #expect(found.count == expected.count, "\(name): \(found)")
      for (a, b) in zip(found, expected) { #expect(abs(a - b) < 1e-9, "\(name)") }
    }
  }

  /// Missing and contradictory temperatures are listed file by file; a
  /// manifest settles them, in °C or K.
  @Test func resolvingAndManifests() throws {
    #expect {
      try TemperatureSource.resolve(files: [
        ("a_25C.mpt", nil), ("b.mpt", nil), ("c_40C.mpt", 55), ("d_25C_40C.mpt", nil),
      ])
    } throws: { error in
      let text = "\(error)"
      return text.contains("b.mpt: no temperature") && text.contains("c_40C.mpt: the name says 40")
        && text.contains("d_25C_40C.mpt: the name holds several") && !text.contains("a_25C")
    }
    let manifest = try TemperatureSource.manifest(
      "file;temperature_K\nb.mpt;313,15\n", source: "m.csv")
    let resolved = try TemperatureSource.resolve(
      files: [("a_25C.mpt", nil), ("data/b.mpt", nil)], manifest: manifest)
    #expect(abs(resolved[1].celsius - 40) < 1e-9 && resolved[1].source == "manifest")
    #expect(resolved[0].source == "file name")
    // An entry with a folder matches the file wherever it is read from.
    let relative = try TemperatureSource.manifest("file,T_C\nrun1/c.mpt,55\n", source: "m.csv")
    let found = try TemperatureSource.resolve(
      files: [("/home/me/run1/c.mpt", nil)], manifest: relative)
    #expect(found.first?.celsius == 55)
    #expect(throws: ConductivityError.self) {
      try TemperatureSource.manifest("file,temperature_C\nb.mpt,warm\n", source: "m.csv")
    }
  }
}

@Suite("Temperature series: two arcs, headers, manifests")
struct TwoArcSeriesTests {
  /// A two-arc pellet shaped like EISFitpython's s04147 series (8 mm × 2.1 mm,
  /// 140–200 °C): bulk C_eff 7 pF, grain boundary 17 pF (both near the
  /// bulk range), bulk Ea 0.55 eV and grain-boundary Ea 0.85 eV. The faster
  /// arc is the bulk at every temperature, the slower the grain boundary,
  /// and both activation energies come back.
  @Test func bulkAndGrainBoundaryAreTold() throws {
    let geometry = try CellGeometry.disc(diameterMillimetres: 8, thicknessMillimetres: 2.1)
    let circuit = try Circuit("p(R1,CPE1)-p(R2,CPE2)-CPE3")
    let grid = try CircuitSimulator.logarithmicGrid(from: 1e6, to: 0.03, pointsPerDecade: 6)
    let k = PhysicalConstants.boltzmannElectronvoltsPerKelvin
    var inputs: [TemperatureSeries.Input] = []
    for (index, celsius) in [140.0, 150, 160, 170, 180, 190, 200].enumerated() {
      let t = celsius + 273.15
      let rb = 1.46e5 * exp(0.55 / k * (1 / t - 1 / 413.15))
      let rgb = 2.0e6 * exp(0.85 / k * (1 / t - 1 / 413.15))
      func q(_ c: Double, _ r: Double, _ n: Double) -> Double { pow(c, n) / pow(r, 1 - n) }
      let spectrum = try CircuitSimulator.simulate(
        circuit,
        parameters: [rb, q(7e-12, rb, 0.82), 0.82, rgb, q(1.7e-11, rgb, 0.8), 0.8, 2e-6, 0.57],
        frequencies: grid, relativeNoise: 0.005, seed: 77 + UInt64(index))
      inputs.append(
        .init(
          name: "s\(Int(celsius))", spectrum: spectrum, temperatureCelsius: celsius,
          temperatureSource: "test"))
    }
    let result = try TemperatureSeries.analyse(
      inputs, options: .init(circuit: circuit.text, geometry: geometry))
    for p in result.points {
      #expect(p.bulkElement == "R1,CPE1", "\(p.name): \(p.bulkReason)")
      #expect(p.grainBoundaryElement == "R2,CPE2", "\(p.name): \(p.grainBoundaryReason ?? "none")")
    }
    let bulkEa = result.arrhenius.activationEnergyElectronvolts.value
    #expect(abs(bulkEa - 0.55) < 0.02, "bulk Ea \(bulkEa)")
    let grain = try #require(result.grainBoundaryArrhenius?.first)
    #expect(grain.form == .sigma)
    #expect(abs(grain.activationEnergyElectronvolts.value - 0.85) < 0.01)
    // The total follows 1/(R_b + R_gb), between the two.
    let total = try #require(result.totalArrhenius?.first).activationEnergyElectronvolts.value
    #expect(total > bulkEa && total < 0.85)
  }

  /// Temperatures in a header's sample name count as the header's.
  @Test func headerTitles() {
    var m = SpectrumMetadata(source: "Example2c.txt")
    m.title = "s04147_ex-situ_EIS-160deg"
    #expect(TemperatureSource.celsius(fromHeader: m) == 160)
    m.title = "s05751_25deg, 26.02.2025, 15:11"
    #expect(TemperatureSource.celsius(fromHeader: m) == 25)
    m.temperatureCelsius = 24.6  // a thermocouple reading wins
    #expect(TemperatureSource.celsius(fromHeader: m) == 24.6)
    m = SpectrumMetadata(source: "x")
    m.title = "LAGP dynamicVT"
    #expect(TemperatureSource.celsius(fromHeader: m) == nil)
  }

  /// TOML manifests in both shapes; mistakes name the line.
  @Test func tomlManifests() throws {
    let table = try TemperatureSource.manifest(
      """
      # pellet series
      [temperatures_C]
      "NRASCN_a.mpt" = 25   # room temperature
      "b#1.mpt" = 40.5
      """, source: "m.toml")
    #expect(table == ["NRASCN_a.mpt": 25, "b#1.mpt": 40.5])
    let entries = try TemperatureSource.manifest(
      """
      [[spectrum]]
      file = "a.mpt"
      temperature_K = 298.15
      note = "first"

      [[spectrum]]
      file = 'c.mpt'
      temperature_C = 70
      """, source: "manifest.toml")
    #expect(abs((entries["a.mpt"] ?? 0) - 25) < 1e-9 && entries["c.mpt"] == 70)
    func message(_ text: String) -> String {
      do {
        _ = try TemperatureSource.manifest(text, source: "m.toml")
        return ""
      } catch { return "\(error)" }
    }
    #expect(message("[[spectrum]]\nfile = \"a.mpt\"\n").contains("m.toml, line 1"))
    #expect(message("[temperatures_C]\n\"a.mpt\" = warm\n").contains("line 2"))
    #expect(message("[temperatures_C]\n\"a.mpt\" = nan\n").contains("line 2"))
    #expect(message("\"a.mpt\" = 25\n").contains("outside a table"))
    #expect(message("[samples]\n").contains("unknown table"))
    // Full TOML through TOMLKit: inline tables, literal strings, comments.
    let inline = try TemperatureSource.manifest(
      """
      [temperatures_K]
      'a.mpt' = 298.15
      "b.mpt" = 3.1315e2
      [sample]
      geometry = { diameter_mm = 12 }
      """.replacingOccurrences(of: "[sample]\ngeometry = { diameter_mm = 12 }", with: ""),
      source: "m.toml")
    #expect(abs((inline["a.mpt"] ?? 0) - 25) < 1e-9 && abs((inline["b.mpt"] ?? 0) - 40) < 1e-9)
    // What made toml++ abort is refused with its line.
    #expect(message("[temperatures_C]\n[(x]\n").contains("line 2"))
    #expect(message("[temperatures_C]\n\"a.mpt\" = [}]\n").contains("line 2"))
  }

  /// Unweighted fits ignore the uncertainties (as EISFitpython's Arrhenius
  /// fit does); weighted ones use them, and the two differ when the
  /// uncertainties differ between points.
  @Test func weightedAndUnweighted() throws {
    let k = PhysicalConstants.boltzmannElectronvoltsPerKelvin
    let points = [298.15, 323.15, 348.15, 373.15].enumerated().map { i, t in
      let sigma = 2.7 * exp(-0.32 / k / t) * [1.02, 0.99, 1.0, 0.97][i]
      return ConductivityPoint(
        temperatureKelvin: t, conductivity: sigma, uncertainty: sigma * [0.01, 0.05, 0.05, 0.2][i])
    }
    let weighted = try ArrheniusFit(points)
    let plain = try ArrheniusFit(points, weighted: false)
    #expect(weighted.weighted && !plain.weighted)
    let unweightedLine = try StraightLineFit(
      x: points.map { 1 / $0.temperatureKelvin }, y: points.map { log($0.conductivity) })
    #expect(abs(plain.activationEnergyElectronvolts.value + unweightedLine.slope * k) < 1e-12)
    let weightedLine = try StraightLineFit(
      x: points.map { 1 / $0.temperatureKelvin }, y: points.map { log($0.conductivity) },
      sigma: [0.01, 0.05, 0.05, 0.2])
    #expect(abs(weighted.activationEnergyElectronvolts.value + weightedLine.slope * k) < 1e-12)
    #expect(
      abs(weighted.activationEnergyElectronvolts.value - plain.activationEnergyElectronvolts.value)
        > 1e-4)
  }
}
