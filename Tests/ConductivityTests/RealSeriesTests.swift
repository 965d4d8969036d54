import Foundation
import Impedance
import IonicsCore
import Testing

@testable import Conductivity

/// EISFitpython's real two-arc series (Sheyigold/EISFitpython, MIT:
/// `EIS_Data/Example-3-4/s04147-140deg.txt` … `-200deg.txt`, an 8 mm × 2.1 mm
/// pellet at 140–200 °C) against the published batch fit and Arrhenius
/// report of its Example 3. The files are not in this repository or in
/// shared/data: point IONICS_S04147 at a folder holding them to run this.
@Suite(
  "Real two-arc series (EISFitpython s04147)",
  .enabled(
    if: ProcessInfo.processInfo.environment["IONICS_S04147"] != nil,
    "set IONICS_S04147 to a folder with EISFitpython's s04147-*deg.txt files to run it"))
struct RealSeriesTests {
  /// Published R1 (bulk) and R2 (grain boundary), Ω, at 140…200 °C
  /// (Example_scripts/Example3/Batch_EISfit_Report.txt).
  static let bulk = [1.462e5, 1.123e5, 7.949e4, 5.605e4, 3.984e4, 2.743e4, 2.246e4]
  static let grain = [2.012e6, 1.139e6, 6.673e5, 3.980e5, 2.430e5, 1.526e5, 9.502e4]

  @Test func reproducesThePublishedBatchFitAndArrhenius() throws {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["IONICS_S04147"] ?? "")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasPrefix("s04147-") && $0.hasSuffix("deg.txt") }
    #expect(names.count == 7)
    var inputs: [TemperatureSeries.Input] = []
    let resolved = try TemperatureSource.resolve(
      files: try names.map { name in
        let spectrum = try #require(
          try ImpedanceFile.read(contentsOf: folder.appendingPathComponent(name)).first)
        inputs.append(
          .init(name: name, spectrum: spectrum, temperatureCelsius: 0, temperatureSource: ""))
        return (name, TemperatureSource.celsius(fromHeader: spectrum.metadata))
      })
    for k in inputs.indices {
      inputs[k].temperatureCelsius = resolved[k].celsius
      inputs[k].temperatureSource = resolved[k].source
    }
    var options = TemperatureSeries.Options(
      circuit: "p(R1,CPE1)-p(R2,CPE2)-CPE3",
      geometry: try CellGeometry.disc(diameterMillimetres: 8, thicknessMillimetres: 2.1))
    options.weightedArrhenius = false  // EISFitpython fits its Arrhenius lines unweighted
    let result = try TemperatureSeries.analyse(inputs, options: options)
    #expect(result.points.map(\.temperatureCelsius) == [140, 150, 160, 170, 180, 190, 200])
    for (k, p) in result.points.enumerated() {
      #expect(abs(p.bulkResistance.value / Self.bulk[k] - 1) < 0.005, "\(p.name) R_b")
      let gb = try #require(p.grainBoundaryResistance)
      #expect(abs(gb.value / Self.grain[k] - 1) < 0.005, "\(p.name) R_gb")
    }
    // Published (σT form, S·K/cm): bulk 0.5869 ± 0.0163, grain boundary
    // 0.8919 ± 0.0025, total 0.8555 ± 0.0006 eV (Arrhenius_Analysis_Report.txt).
    #expect(abs(result.arrheniusSigmaT.activationEnergyElectronvolts.value - 0.5869) < 0.005)
    let gbT = try #require(result.grainBoundaryArrhenius?.last)
    #expect(gbT.form == .sigmaT)
    #expect(abs(gbT.activationEnergyElectronvolts.value - 0.8919) < 0.003)
    let totalT = try #require(result.totalArrhenius?.last)
    #expect(abs(totalT.activationEnergyElectronvolts.value - 0.8555) < 0.002)
  }
}
