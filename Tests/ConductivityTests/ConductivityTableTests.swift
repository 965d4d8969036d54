import Foundation
import IonicsCore
import Testing

@testable import Conductivity

@Suite("Conductivity tables")
struct ConductivityTableTests {
  /// σ = 1.05e-5 S/cm at 25 °C with Ea = 0.32 eV, written the ways users write it.
  static func paperSigma(_ celsius: Double) -> Double {
    let k = PhysicalConstants.boltzmannElectronvoltsPerKelvin
    return 1.05e-5 * exp(-0.32 / k * (1 / (celsius + 273.15) - 1 / 298.15))
  }

  /// mS/cm in a semicolon table with decimal commas, T in K, gives the
  /// paper's Ea back; a µS/cm column and an error column in its own unit too.
  @Test func unitsInHeadersAndDecimalCommas() throws {
    var text = "T (K);σ (mS/cm);u(σ) (µS/cm)\n"
    for c in [25.0, 40, 55, 70, 85, 100] {
      let s = Self.paperSigma(c)
      text += String(format: "%.2f;%.9f;%.6f\n", c + 273.15, s * 1e3, s * 1e6 * 0.01)
        .replacingOccurrences(of: ".", with: ",")
    }
    let table = try ConductivityTable(parsing: text, source: "t.csv")
    #expect(table.quantity == .conductivity)
    #expect(abs(table.temperaturesKelvin[0] - 298.15) < 1e-9)
    #expect(abs(table.values[0] / 1.05e-5 - 1) < 1e-6)
    #expect(abs(table.uncertainties[0] / 1.05e-7 - 1) < 1e-4)
    let fit = try ArrheniusFit(table.points(geometry: nil))
    #expect(fit.weighted)
    #expect(abs(fit.activationEnergyElectronvolts.value - 0.32) < 1e-6)
  }

  /// SI prefixes keep their case: a milliohm is not a megaohm, µS/cm is not
  /// mS/cm (one header used to be lowercased, which read mΩ as MΩ).
  @Test(arguments: [
    ("R (mΩ)", 1e-3), ("R (MΩ)", 1e6), ("R_mOhm", 1e-3), ("R_MOhm", 1e6), ("R (kΩ)", 1e3),
    ("R [Ohm]", 1),
  ])
  func resistancePrefixesKeepTheirCase(header: String, ohmPerUnit: Double) throws {
    let text = "T_C,\(header)\n25,2\n40,1\n55,0.5\n"
    let table = try ConductivityTable(parsing: text, source: "r.csv")
    #expect(table.quantity == .resistance)
    #expect(abs(table.values[0] / (2 * ohmPerUnit) - 1) < 1e-12, "\(header)")
  }

  @Test(arguments: [
    ("σ (µS/cm)", 1e-6), ("σ (mS/cm)", 1e-3), ("sigma_S_per_cm", 1), ("σ (S/m)", 1e-2),
    ("sigma (uS/cm)", 1e-6), ("σ (μS/cm)", 1e-6),
  ])
  func conductivityPrefixesKeepTheirCase(header: String, siemensPerCentimetrePerUnit: Double)
    throws
  {
    let text = "T_C,\(header)\n25,2\n40,4\n55,8\n"
    let table = try ConductivityTable(parsing: text, source: "s.csv")
    #expect(table.quantity == .conductivity)
    #expect(abs(table.values[0] / (2 * siemensPerCentimetrePerUnit) - 1) < 1e-12, "\(header)")
  }

  /// Resistances in kΩ need the geometry and give σ = l/(A·R): the paper's
  /// pellet at 33.68 kΩ is 1.05e-5 S/cm; without a geometry the error says so.
  @Test func resistancesWithGeometry() throws {
    let text = "temperature_C,R_kOhm,R_err_kOhm\n25,33.6836,0.3\n40,18.55,0.2\n55,10.80,0.1\n"
    let table = try ConductivityTable(parsing: text, source: "r.csv")
    #expect(table.quantity == .resistance)
    #expect(table.values[0] == 33683.6)
    #expect(abs(table.uncertainties[0] - 300) < 1e-9)
    #expect(throws: ConductivityError.self) { try table.points(geometry: nil) }
    let pellet = try CellGeometry.disc(diameterMillimetres: 12, thicknessMillimetres: 4)
    let points = try table.points(geometry: pellet)
    #expect(abs(points[0].conductivity / 1.05e-5 - 1) < 1e-5)
    #expect(abs(points[0].uncertainty / points[0].conductivity - 300 / 33683.6) < 1e-9)
  }

  /// The series CSV that Ionics writes reads back: σ (not R_bulk) is taken,
  /// and its own error column (not R_bulk_err) weights the fit.
  @Test func seriesCSVReadsBack() throws {
    let inputs = try SimulatedSeries.blockingPellet()
    let geometry = try CellGeometry.disc(diameterMillimetres: 12, thicknessMillimetres: 4)
    let result = try TemperatureSeries.analyse(
      inputs, options: .init(circuit: SimulatedSeries.circuit, geometry: geometry))
    let csv = result.csv
    #expect(csv.contains("\"R1,CPE1\""))  // quoted: it holds a comma
    let table = try ConductivityTable(parsing: csv, source: "series.csv")
    #expect(table.quantity == .conductivity)
    for (k, p) in result.points.enumerated() {
      #expect(abs(table.values[k] / p.conductivity.value - 1) < 1e-7)
      #expect(abs(table.uncertainties[k] / p.conductivity.standardUncertainty - 1) < 1e-7)
    }
    let refit = try ArrheniusFit(table.points(geometry: nil))
    #expect(
      abs(
        refit.activationEnergyElectronvolts.value
          - result.arrhenius.activationEnergyElectronvolts.value)
        < 1e-6)
  }

  /// Broken tables name the file, the line and what was expected.
  @Test func clearErrors() {
    func message(_ text: String) -> String {
      do {
        _ = try ConductivityTable(parsing: text, source: "bad.csv")
        return ""
      } catch {
        return "\(error)"
      }
    }
    #expect(message("").contains("empty"))
    #expect(message("T_C,value\n25,1e-5\n").contains("conductivity"))
    #expect(message("sigma,R\n1e-5,3\n").contains("temperature column"))
    #expect(message("T_C,sigma\n25,1e-5\n40,oops\n").contains("bad.csv, line 3"))
    #expect(message("T_C,sigma\n25,1e-5\n40\n").contains("line 3: expected 2 columns"))
    #expect(message("T_C,sigma\n-300,1e-5\n").contains("below absolute zero"))
    #expect(message("T_C,sigma\n25,-1e-5\n").contains("must be positive"))
    #expect(message("T_C,sigma\n").contains("no data rows"))
  }
}
