import ComplexModule
import Foundation
import IonicsCore
import IonicsNumerics
import TestSupport
import Testing

@testable import Impedance

@Suite("Effective capacitance and arc assignment")
struct EffectiveCapacitanceTests {
  static func arcs(_ circuit: String, _ values: [Double], geometry: CellGeometry? = nil) throws
    -> [ArcCapacitance]
  {
    EffectiveCapacitance.arcs(
      circuit: try Circuit(circuit), values: values, covariance: nil, geometry: geometry)
  }

  /// R‖C gives C itself; R‖CPE with n = 1 gives Q; the Brug formula for
  /// n = 0.9 by hand; and a ZARC (R, τ, φ) equals the R‖CPE with Q = τ^φ/R,
  /// n = φ, whose C_eff is τ/R.
  @Test func closedForms() throws {
    let rc = try Self.arcs("R0-p(R1,C1)", [10, 1000, 2e-9])
    #expect(rc.count == 1)
    #expect(abs(rc[0].capacitance - 2e-9) < 1e-24)
    #expect(abs((rc[0].timeConstant ?? 0) - 2e-6) < 1e-18)
    let ideal = try Self.arcs("p(R1,CPE1)", [1000, 2e-9, 1])
    #expect(abs(ideal[0].capacitance / 2e-9 - 1) < 1e-12)
    let brug = try Self.arcs("p(R1,CPE1)", [33_700, 3.4e-11, 0.9])
    let byHand = pow(3.4e-11 * pow(33_700, 0.1), 1 / 0.9)
    #expect(abs(brug[0].capacitance / byHand - 1) < 1e-12)
    let (r, tau, phi) = (500.0, 1e-4, 0.8)
    let zarc = try Self.arcs("Zarc1", [r, tau, phi])
    let cpe = try Self.arcs("p(R1,CPE1)", [r, pow(tau, phi) / r, phi])
    #expect(abs(zarc[0].capacitance / (tau / r) - 1) < 1e-12)
    #expect(abs(cpe[0].capacitance / zarc[0].capacitance - 1) < 1e-12)
    #expect(abs((cpe[0].apexFrequency ?? 0) - 1 / (2 * .pi * tau)) < 1e-6)
  }

  /// The paper's pellet, 12 mm × 4 mm: the empty cell holds ε0·A/l =
  /// 8.8541878128e-14 F/cm · 1.130973 cm² / 0.4 cm = 2.50345e-13 F, so the
  /// bulk's 7.5 pF means ε_r = 29.96, classed as bulk; the electrode CPE
  /// (Brug with R_e = R_b) is the electrode interface and has no ε_r.
  @Test func paperPelletGeometryAndAssignment() throws {
    let pellet = try CellGeometry.disc(diameterMillimetres: 12, thicknessMillimetres: 4)
    #expect(abs(pellet.vacuumCapacitanceFarads / 2.50345e-13 - 1) < 1e-5)
    #expect(abs(pellet.cellConstantPerCentimetre - 0.4 / (Double.pi * 0.36)) < 1e-12)
    let arcs = try Self.arcs(
      "R0-p(R1,C1)-CPE2", [5, 33_700, 7.5e-12, 2e-6, 0.85], geometry: pellet)
    #expect(arcs.count == 2)
    #expect(abs((arcs[0].relativePermittivity ?? 0) - 7.5e-12 / 2.50345e-13) < 1e-3)
    #expect(arcs[0].assignment == .bulk)
    #expect(arcs[1].kind == "series CPE")
    #expect(arcs[1].relativePermittivity == nil)
    let brug = pow(2e-6, 1 / 0.85) * pow(33_705.0, (1 - 0.85) / 0.85)
    #expect(abs(arcs[1].capacitance / brug - 1) < 1e-12)
    #expect(arcs[1].assignment == .electrodeInterface)
  }

  /// The Irvine–Sinclair–West ranges, and a "first arc" that is not the bulk:
  /// an R‖C of 5 nF on the pellet is a grain boundary, and the reason says so.
  @Test func assignmentRanges() throws {
    let cases: [(Double, CapacitanceAssignment)] = [
      (1e-12, .bulk), (5e-12, .bulk), (2e-11, .grainBoundary), (3e-9, .grainBoundary),
      (5e-8, .surfaceLayer), (1e-6, .electrodeInterface), (1e-4, .electrochemicalReaction),
    ]
    for (c, expected) in cases {
      let (kind, reason) = CapacitanceAssignment.classify(
        normalisedCapacitance: c, relativePermittivity: nil, hasGeometry: false)
      #expect(kind == expected, "\(c) F/cm")
      #expect(reason.contains("l/A taken as 1 cm⁻¹"))
    }
    let pellet = try CellGeometry.disc(diameterMillimetres: 12, thicknessMillimetres: 4)
    let arcs = try Self.arcs(
      "R0-p(R1,C1)-p(R2,C2)", [5, 2e4, 1.4e-8, 3e4, 7e-12], geometry: pellet)
    #expect(arcs.map(\.assignment) == [.grainBoundary, .bulk])
    #expect(arcs[0].reason.contains("grain boundary"))
    let stray = try Self.arcs("p(R1,C1)", [1e6, 1e-13], geometry: pellet)
    #expect(stray[0].assignment == .belowVacuum)
  }

  /// Through a fit: for R‖C the propagated error of C_eff is the standard
  /// error of C itself (impedance.py's dummy cell Circuit1, C1 = 1.04e-5 F).
  @Test(SharedData.required) func fittedDummyCellCarriesTheErrorOfC() throws {
    let spectrum = try #require(
      try ImpedanceFile.read(
        contentsOf: SharedData.url("eis/impedance.py/Circuit1_EIS_1.z")
      ).first)
    let fit = try CircuitFitter.fit(try Circuit("R0-p(R1,C1)"), to: spectrum)
    let c = try #require(fit.parameter("C1"))
    let arc = try #require(fit.capacitances.first)
    #expect(abs(arc.capacitance - c.value) < 1e-9 * c.value)
    let error = try #require(arc.capacitanceError)
    let se = try #require(c.standardError)
    #expect(abs(error / se - 1) < 1e-4)
    #expect(abs(arc.capacitance / 1.04e-5 - 1) < 0.01)
  }

  @Test func geometryRefusesNonsense() {
    #expect(throws: GeometryError.self) {
      try CellGeometry.disc(diameterMillimetres: 0, thicknessMillimetres: 4)
    }
    #expect(throws: GeometryError.self) {
      try CellGeometry(areaSquareCentimetres: 1, thicknessCentimetres: -0.1)
    }
  }
}
