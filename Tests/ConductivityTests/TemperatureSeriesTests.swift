import Foundation
import Impedance
import IonicsCore
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
    #expect(throws: ConductivityError.self) {
      try TemperatureSource.manifest("file,temperature_C\nb.mpt,warm\n", source: "m.csv")
    }
  }
}
