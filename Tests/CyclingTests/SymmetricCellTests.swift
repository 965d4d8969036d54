import Cycling
import Foundation
import Testing

@Suite("Symmetric Na|electrolyte|Na cells")
struct SymmetricCellTests {
  /// The paper's cell: 0.05 mA/cm² on a 19 mm disc for 200 h at 112 mV.
  /// The plateau comes back to 0.1 mV (the nucleation peak has decayed by
  /// e⁻¹⁰ in the second half of each step), the ASR is 0.112 V / 0.05 mA/cm²
  /// = 2240 Ω·cm², and nothing is flagged.
  @Test func paperCellHolds() throws {
    let cell = SymmetricCellSimulator()
    let table = cell.table()
    let a = try SymmetricCellAnalysis(table, areaSquareCentimetres: cell.areaSquareCentimetres)
    #expect(a.halfCycles.count == 200)
    #expect(abs(a.meanPlateauVolts - 0.112) < 1e-4)
    #expect(abs((a.currentDensityMilliampsPerSquareCentimetre ?? 0) - 0.05) < 1e-9)
    #expect(
      abs((a.halfCycles[10].areaSpecificResistanceOhmSquareCentimetres ?? 0) - 2240) < 3)
    // The peak is the first record, one minute in: 15 % × e^(−(1/60)/0.05) above the plateau.
    #expect(abs(a.halfCycles[0].peakVolts - 0.112 * (1 + 0.15 * exp(-1.0 / 60 / 0.05))) < 1e-9)
    #expect(a.failureHours == nil && a.failure == nil)
    #expect(a.verdict.hasPrefix("held for 200.0 h at 112.0 mV"), "\(a.verdict)")
  }

  /// The control fails after 24 h with an erratic voltage: flagged in the
  /// half cycle that starts at 24 h.
  @Test func controlTurnsErratic() throws {
    var cell = SymmetricCellSimulator()
    cell.plateauVolts = 0.14
    cell.failureHours = 24
    cell.totalHours = 60
    let a = try SymmetricCellAnalysis(
      cell.table(), areaSquareCentimetres: cell.areaSquareCentimetres)
    #expect(a.failure == "erratic voltage")
    #expect(abs((a.failureHours ?? 0) - 24) <= 1.0, "\(a.failureHours ?? -1)")
    #expect(abs(a.meanPlateauVolts - 0.14) < 1e-3)
    #expect(a.verdict.hasPrefix("failed after 24"), "\(a.verdict)")
  }

  /// A quiet collapse: no noise, the overpotential fades to 5 % over a day
  /// from 50 h; below 20 % of the first plateaus (after 19.2 h) it is a
  /// short circuit.
  @Test func collapseIsAShortCircuit() throws {
    var cell = SymmetricCellSimulator()
    cell.failureHours = 50
    cell.erraticNoiseFraction = 0
    cell.totalHours = 100
    let a = try SymmetricCellAnalysis(cell.table())
    #expect(a.failure == "short circuit")
    #expect(abs((a.failureHours ?? 0) - 69.5) <= 1.0, "\(a.failureHours ?? -1)")
  }

  /// A plateau that rises by 0.1 mV/h gives that trend back.
  @Test func trend() throws {
    var cell = SymmetricCellSimulator()
    cell.driftMillivoltsPerHour = 0.1
    cell.totalHours = 50
    let a = try SymmetricCellAnalysis(cell.table())
    #expect(abs((a.plateauTrendMillivoltsPerHour ?? 0) - 0.1) < 1e-3)
  }

  /// Without a current column there is nothing to analyse: a clear error.
  @Test func needsCurrent() {
    var t = SymmetricCellSimulator().table()
    t.current = nil
    #expect(throws: CyclingError.self) { try SymmetricCellAnalysis(t) }
  }
}
