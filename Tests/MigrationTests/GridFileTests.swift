import Crystal
import Foundation
import IonicsCore
import Plots
import Testing

@testable import Migration

/// The VESTA grid file's layout and the profile figure.
struct GridFileTests {
  /// Values x + 10y + 100z on a 3 × 4 × 5 grid: the file lists them with c
  /// fastest and a slowest, one per line after the three header lines.
  @Test func valuesRunWithCFastest() throws {
    let grid = PeriodicGrid(counts: SIMD3(3, 4, 5)) { f in
      (f.x * 3).rounded() + 10 * (f.y * 4).rounded() + 100 * (f.z * 5).rounded()
    }
    let cell = UnitCell(
      a: Measured(3), b: Measured(4), c: Measured(5), alpha: Measured(90), beta: Measured(100),
      gamma: Measured(90))
    let lines = GridFile.text(grid, cell: cell, title: "test\nmap").split(separator: "\n")
    #expect(lines[0] == "# test map")
    #expect(lines[1] == "3.000000 4.000000 5.000000 90.000000 100.000000 90.000000")
    #expect(lines[2] == "3 4 5")
    #expect(lines.count == 3 + 60)
    for i in 0..<3 {
      for j in 0..<4 {
        for k in 0..<5 {
          let value = Double(lines[3 + (i * 4 + j) * 5 + k])
          #expect(value == Double(i + 10 * j + 100 * k))
        }
      }
    }
  }

  /// The profile figure names each path and marks its saddle.
  @Test func profileFigure() {
    let svg = MigrationPlots.profiles(
      [
        .init("[0 0 1]: 1.07 eV", distances: [0, 1, 2], energies: [0, 1.07, 0], saddle: 1),
        .init("[0 1 0]: 2.00 eV", distances: [0, 1, 2], energies: [0, 2, 0.1], saddle: 1),
      ], ion: "Na+", title: "alluaudite").svg
    #expect(svg.contains("[0 0 1]: 1.07 eV") && svg.contains("[0 1 0]: 2.00 eV"))
    #expect(svg.contains("Na+ site energy / eV"))
    #expect(svg.components(separatedBy: "<circle").count - 1 >= 2)
  }
}
