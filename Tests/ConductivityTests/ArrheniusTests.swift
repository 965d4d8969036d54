import Foundation
import IonicsCore
import Testing

@testable import Conductivity

@Suite("Arrhenius and VTF fits")
struct ArrheniusTests {
  static let k = PhysicalConstants.boltzmannElectronvoltsPerKelvin
  static let celsius: [Double] = [25, 40, 55, 70, 85, 100]

  /// σ(T) = σ25·exp(−Ea/k·(1/T − 1/298.15)) with the paper's Ea = 0.32 eV and
  /// σ25 = 1.05e-5 S/cm.
  static func paperPoints() -> [ConductivityPoint] {
    celsius.map { c in
      let t = c + 273.15
      let sigma = 1.05e-5 * exp(-0.32 / k * (1 / t - 1 / 298.15))
      return ConductivityPoint(temperatureKelvin: t, conductivity: sigma, uncertainty: 0.02 * sigma)
    }
  }

  /// Exact data return Ea and σ25 to 1e-6 in the σ form; the σT form's Ea is
  /// larger by k times the negated least-squares slope of ln T against 1/T on
  /// the same temperatures (≈ k·T̄ ≈ 0.029 eV), computed here independently.
  @Test func exactPaperDataBothForms() throws {
    let points = Self.paperPoints()
    let fit = try ArrheniusFit(points, form: .sigma)
    #expect(abs(fit.activationEnergyElectronvolts.value / 0.32 - 1) < 1e-6)
    let at25 = fit.conductivity(atKelvin: 298.15)
    #expect(abs(at25.conductivity / 1.05e-5 - 1) < 1e-6)
    #expect(!at25.isExtrapolated)
    #expect(fit.conductivity(atKelvin: 273.15).isExtrapolated)
    #expect(abs(fit.activationEnergyKilojoulesPerMole.value - 0.32 * 96.485_332_12) < 1e-4)
    #expect(fit.weighted)

    let x = points.map { 1 / $0.temperatureKelvin }
    let y = points.map { log($0.temperatureKelvin) }
    let mx = x.reduce(0, +) / Double(x.count)
    let my = y.reduce(0, +) / Double(y.count)
    let slope =
      zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
      / x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    let expectedShift = -Self.k * slope
    #expect(expectedShift > 0.025 && expectedShift < 0.033)
    // The weights (2 % on every point) are equal, so the plain slope applies.
    let fitT = try ArrheniusFit(points, form: .sigmaT)
    let shift = fitT.activationEnergyElectronvolts.value - fit.activationEnergyElectronvolts.value
    #expect(abs(shift - expectedShift) < 1e-9)
    // Both forms predict the same σ where they were fitted… nearly: σT is
    // not exactly Arrhenius in σ, so 25 °C comes back within 0.5 %.
    #expect(abs(fitT.conductivity(atKelvin: 298.15).conductivity / 1.05e-5 - 1) < 0.005)
  }

  /// A weighted three-point example worked by hand (Bevington's sums):
  /// T = 300, 350, 400 K; ln σ = −11.0, −9.5, −8.4 with 5, 10, 5 % errors
  /// (weights 400, 100, 400). Slope −3120.543 K, intercept −0.59683,
  /// RSS 0.0180995; scaled by RSS/(n − 2): SE(slope) 11.40271 K, SE(intercept)
  /// 0.0334842; Ea = 0.268908 ± 0.000982610 eV.
  @Test func handWorkedWeightedExample() throws {
    let data: [(Double, Double, Double)] = [
      (300, -11.0, 0.05), (350, -9.5, 0.10), (400, -8.4, 0.05),
    ]
    let points = data.map {
      ConductivityPoint(
        temperatureKelvin: $0.0, conductivity: exp($0.1), uncertainty: $0.2 * exp($0.1))
    }
    let fit = try ArrheniusFit(points)
    #expect(abs(fit.line.slope - -3120.542986) < 1e-5)
    #expect(abs(fit.line.intercept - -0.5968325792) < 1e-9)
    #expect(abs(fit.line.residualSumOfSquares - 0.0180995475) < 1e-9)
    #expect(abs(fit.line.slopeStandardError - 11.40271493) < 1e-6)
    #expect(abs(fit.lnPrefactor.standardUncertainty - 0.0334841629) < 1e-9)
    #expect(abs(fit.activationEnergyElectronvolts.value - 0.2689075887) < 1e-9)
    #expect(abs(fit.activationEnergyElectronvolts.standardUncertainty - 0.000982609947) < 1e-11)
    // The 95 % interval uses t(0.975, 1) = 12.706: wide, as three points deserve.
    let p = fit.conductivity(atKelvin: 350)
    let half = 12.7062 * fit.line.standardError(at: 1 / 350.0)
    #expect(abs(log(p.upper / p.conductivity) - half) < 1e-3 * half)
  }

  /// The paper's own conductivities, both ways: the 12 mm × 4 mm pellet at
  /// 1.05e-5 S/cm is R_b = 33.68 kΩ (0.4 cm / (1.05e-5 S/cm · π·0.36 cm²) = 33 683.6 Ω); the 50 µm film on a 19 mm disc at
  /// 5.43e-5 S/cm is 32.48 Ω.
  @Test func paperConductivitiesBackAndForth() throws {
    let pellet = try CellGeometry.disc(diameterMillimetres: 12, thicknessMillimetres: 4)
    let rPellet = pellet.resistance(conductivity: Measured(1.05e-5))
    #expect(abs(rPellet.value - 33_683.59) < 0.01)
    #expect(abs(pellet.conductivity(resistance: rPellet).value / 1.05e-5 - 1) < 1e-12)
    let film = try CellGeometry.disc(diameterMillimetres: 19, thicknessMillimetres: 0.050)
    let rFilm = film.resistance(conductivity: Measured(5.43e-5))
    #expect(abs(rFilm.value - 32.48) < 0.01)
    #expect(abs(film.conductivity(resistance: Measured(32.48)).value / 5.43e-5 - 1) < 2e-4)
    // Uncertainties add in quadrature: 1 % on R and 1 % on l give 1.414 % on σ.
    let uncertain = try CellGeometry(
      areaSquareCentimetres: 1, thicknessCentimetres: 0.1, thicknessUncertainty: 0.001)
    let sigma = uncertain.conductivity(resistance: Measured(100, standardUncertainty: 1))
    #expect(abs(sigma.relativeUncertainty - 2.0.squareRoot() / 100) < 1e-12)
  }

  /// Exact VTF data (A = 10 S·K^½/cm, B = 1000 K, T0 = 200 K) return their
  /// parameters with T0 fitted or fixed, and AICc prefers VTF on them and
  /// Arrhenius on Arrhenius data.
  @Test func vtfAndModelChoice() throws {
    let temperatures: [Double] = [300, 310, 320, 330, 340, 350, 360]
    let vtfPoints = temperatures.map { t in
      let sigma = 10 / t.squareRoot() * exp(-1000 / (t - 200))
      return ConductivityPoint(temperatureKelvin: t, conductivity: sigma, uncertainty: 0.01 * sigma)
    }
    let free = try VTFFit(vtfPoints)
    #expect(abs(free.idealGlassTemperatureKelvin.value - 200) < 1e-3)
    #expect(abs(free.pseudoActivationTemperature.value - 1000) < 1e-2)
    #expect(abs(free.prefactor.value / 10 - 1) < 1e-5)
    let fixed = try VTFFit(vtfPoints, fixedT0: 200)
    #expect(abs(fixed.pseudoActivationTemperature.value - 1000) < 1e-6)
    #expect(abs(fixed.pseudoActivationEnergyElectronvolts.value - 1000 * Self.k) < 1e-9)
    #expect(
      abs(fixed.conductivity(atKelvin: 315) / (10 / 315.0.squareRoot() * exp(-1000 / 115.0)) - 1)
        < 1e-9)
    let arrheniusOnVTF = try ArrheniusFit(vtfPoints)
    #expect(
      ModelComparison(arrhenius: arrheniusOnVTF, vtf: free, points: vtfPoints).preferred == "VTF")

    let noisy = Self.paperPoints().enumerated().map { i, p in
      var q = p
      q.conductivity *= 1 + 0.01 * [1.0, -0.7, 0.4, -1.1, 0.9, -0.2][i]
      return q
    }
    let comparison = ModelComparison(
      arrhenius: try ArrheniusFit(noisy), vtf: try VTFFit(noisy), points: noisy)
    #expect(comparison.preferred == "Arrhenius", "\(comparison.verdict)")
    #expect(comparison.verdict.contains("Arrhenius describes the data"))
    // T0 fitted on data without VTF curvature runs to its 0 K bound and says so.
    let flat = try VTFFit(Self.paperPoints())
    #expect(!free.t0AtBound)
    #expect(flat.t0AtBound == (flat.idealGlassTemperatureKelvin.value < 1))
  }

  @Test func refusesTooFewOrBadPoints() {
    #expect(throws: ConductivityError.self) {
      try ArrheniusFit([ConductivityPoint(temperatureKelvin: 300, conductivity: 1e-5)])
    }
    #expect(throws: ConductivityError.self) {
      try ArrheniusFit(
        Self.paperPoints() + [ConductivityPoint(temperatureKelvin: 400, conductivity: -1)])
    }
  }
}
