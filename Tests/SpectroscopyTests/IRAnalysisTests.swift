import Foundation
import IonicsNumerics
import Spectroscopy
import TestSupport
import Testing

/// IR analysis against closed forms: unit conversions, the ATR penetration
/// depth, baselines under bands of known area, band positions and widths,
/// and the before/after verdicts of the paper's Fig. S1 on simulated spectra.
@Suite("IR analysis")
struct IRAnalysisTests {
  static let grid = (0...1800).map { 4000 - 2.0 * Double($0) }

  @Test func pentadiagonalSolveMatchesTheMatrix() throws {
    let n = 50
    let w = (0..<n).map { 0.5 + Double($0 % 7) / 7 }
    let system = PentadiagonalSystem.whittaker(weights: w, lambda: 3.5)
    let b = (0..<n).map { sin(Double($0)) }
    let x = try #require(system.solve(b))
    for i in 0..<n {
      var ax = system.diagonal[i] * x[i]
      if i + 1 < n { ax += system.first[i] * x[i + 1] }
      if i >= 1 { ax += system.first[i - 1] * x[i - 1] }
      if i + 2 < n { ax += system.second[i] * x[i + 2] }
      if i >= 2 { ax += system.second[i - 2] * x[i - 2] }
      #expect(abs(ax - b[i]) < 1e-10)
    }
  }

  /// A very stiff Whittaker smoother is the least-squares straight line.
  @Test func stiffSmootherIsTheLeastSquaresLine() throws {
    let x = (0..<200).map(Double.init)
    let y = x.map { 2 + 0.01 * $0 + 0.3 * sin($0 * 1.7) }
    let z = try SpectrumBaseline.smooth(y, weights: [Double](repeating: 1, count: 200), lambda: 1e9)
    let line = try StraightLineFit(x: x, y: y)
    for i in [0, 50, 199] { #expect(abs(z[i] - (line.intercept + line.slope * x[i])) < 2e-3) }
  }

  @Test func transmittanceAndReflectanceConvert() throws {
    let x = [4000.0, 3000, 2000, 1000, 500]
    let t = OpticalSpectrum(title: "", dataType: "", xUnits: "1/CM", yUnits: "%T", x: x, y: [10, 50, 100, 1, 0.1])
    let a = try ProcessedIRSpectrum(t, processing: IRProcessing(baseline: .none))
    #expect(a.ordinate == .absorbance)
    for (value, expected) in zip(a.values, [1.0, log10(2.0), 0, 2, 3] as [Double]) { #expect(abs(value - expected) < 1e-12) }
    let r = OpticalSpectrum(title: "", dataType: "", xUnits: "cm-1", yUnits: "Reflectance", x: x, y: [0.5, 0.25, 1, 0.1, 0.8])
    let km = try ProcessedIRSpectrum(r, processing: IRProcessing(baseline: .none, kubelkaMunk: true))
    #expect(km.ordinate == .kubelkaMunk)
    #expect(abs(km.values[0] - 0.25) < 1e-12 && abs(km.values[1] - 1.125) < 1e-12 && km.values[2] == 0)
  }

  /// dₚ = λ/(2π n₁ √(sin²θ − (n₂/n₁)²)): diamond (2.4), 45°, n₂ = 1.5 at
  /// 1000 cm⁻¹ gives 2.00 µm, the value ATR tables quote.
  @Test func atrPenetrationDepthAndCorrection() throws {
    let atr = ATRCorrection()
    let depth = try #require(atr.penetrationDepth(at: 1000))
    #expect(abs(depth - 1e4 / 1000 / (2 * .pi * 2.4 * (0.5 - 0.390625).squareRoot())) < 1e-12)
    #expect(abs(depth - 2.0) < 0.01)
    #expect(ATRCorrection(crystalIndex: 1.6, angle: 30, sampleIndex: 1.5).penetrationDepth(at: 1000) == nil)
    let s = OpticalSpectrum(title: "", dataType: "", xUnits: "cm-1", yUnits: "Absorbance", x: [2000, 1000, 500, 400], y: [1, 1, 1, 1])
    let corrected = try ProcessedIRSpectrum(s, processing: IRProcessing(baseline: .none, atr: atr))
    #expect(corrected.values == [2, 1, 0.5, 0.4])
  }

  /// Bands of known area on a sloping baseline, with noise: every baseline
  /// method gives the areas back within 3 % and the positions within 1 cm⁻¹.
  @Test(arguments: [SpectrumBaseline.standard, .asymmetricLeastSquares(lambda: 1e9, p: 0.001), .rubberBand])
  func baselinesLeaveBandAreas(_ baseline: SpectrumBaseline) throws {
    let bands = [
      SimulatedIRSpectrum.Band(centre: 3400, fwhm: 300, height: 0.4),
      .init(centre: 2120, fwhm: 40, height: 0.8),
      .init(centre: 1630, fwhm: 60, height: 0.15),
    ]
    let s = SimulatedIRSpectrum.transmittance(bands, title: "three bands", noise: 0.0005, seed: 7)
    let p = try ProcessedIRSpectrum(s, processing: IRProcessing(baseline: baseline))
    for band in bands {
      let window = try #require(p.area(from: band.centre - 2 * band.fwhm, to: band.centre + 2 * band.fwhm))
      #expect(abs(window.area / band.area - 1) < 0.03, "\(baseline.summary) \(band.centre): \(window.area) vs \(band.area)")
    }
    let found = p.bands()
    for band in bands {
      let match = try #require(found.first { abs($0.position - band.centre) < 1 }, "\(band.centre) in \(found.map(\.position))")
      let width = try #require(match.fwhm)
      #expect(abs(width / band.fwhm - 1) < 0.05)
    }
  }

  /// The paper's Fig. S1: drying at 200 °C removes the O–H stretch, the
  /// H–O–H bend and methanol's C–O stretch; the C≡N stretch stays. A band
  /// halved is "weakened" by 50 ± 5 %.
  @Test func dryingVerdicts() throws {
    let cyanide = SimulatedIRSpectrum.Band(centre: 2120, fwhm: 40, height: 0.8)
    let hydrated = [
      cyanide, .init(centre: 3400, fwhm: 320, height: 0.35), .init(centre: 1630, fwhm: 50, height: 0.12),
      .init(centre: 1020, fwhm: 30, height: 0.1),
    ]
    let before = try ProcessedIRSpectrum(SimulatedIRSpectrum.transmittance(hydrated, title: "before", seed: 1))
    let dried = try ProcessedIRSpectrum(SimulatedIRSpectrum.transmittance([cyanide], title: "after", seed: 2))
    let c = try IRComparison(before: before, after: dried, normalisation: .band(low: 2040, high: 2200))
    func verdict(_ name: String) -> IRBandVerdict? { c.changes.first { $0.band.name.hasPrefix(name) }?.verdict }
    #expect(verdict("O–H stretch, hydrogen-bonded") == .absent)
    #expect(verdict("H–O–H bend") == .absent)
    #expect(verdict("C–O stretch") == .absent)
    #expect(verdict("C≡N stretch, metal cyanide") == .present)
    let half = hydrated.map { $0.centre == 3400 ? SimulatedIRSpectrum.Band(centre: 3400, fwhm: 320, height: 0.175) : $0 }
    let partly = try ProcessedIRSpectrum(SimulatedIRSpectrum.transmittance(half, title: "partly", seed: 3))
    let d = try IRComparison(before: before, after: partly, normalisation: .band(low: 2040, high: 2200))
    let oh = try #require(d.changes.first { $0.band.name.hasPrefix("O–H stretch, hydrogen-bonded") })
    #expect(oh.verdict == .weakened)
    #expect(abs((oh.fractionLost ?? 0) - 0.5) < 0.05)
  }

  /// Polystyrene's reference bands (NIST SRM 1921: 1601.2 and 1028.3 cm⁻¹;
  /// the aromatic C–H stretch 3026, ring modes 1493 and 1452) in the OPUS
  /// polystyrene file, within 3 cm⁻¹; methanol's C–O stretch at 1033 cm⁻¹
  /// (Shimanouchi, NSRDS-NBS 39) in the gas-phase JCAMP file.
  @Test(SharedData.required("spectroscopy"))
  func referenceBandsOfRealSpectra() throws {
    let ps = try #require(
      try OpticalSpectrumFile.read(
        try Data(contentsOf: SharedData.url("spectroscopy/ir/openspecy_ftir_ps.0")), source: "ps"
      ).first)
    let bands = try ProcessedIRSpectrum(ps).bands(minimumSignalToNoise: 20)
    for reference in [1601.2, 1028.3, 3026, 1493, 1452] {
      #expect(bands.contains { abs($0.position - reference) < 3 }, "\(reference) in \(bands.map(\.position))")
    }
    let methanol = try #require(
      try OpticalSpectrumFile.read(
        try Data(contentsOf: SharedData.url("spectroscopy/ir/jcamp_methanol.jdx")), source: "methanol"
      ).first)
    let strongest = try #require(try ProcessedIRSpectrum(methanol).bands().first)
    #expect(abs(strongest.position - 1033) < 2)
    #expect(strongest.assignments.contains { $0.name.hasPrefix("C–O stretch") })
  }

  @Test func jcampWriterRoundTrips() throws {
    let s = SimulatedIRSpectrum.transmittance([.init(centre: 2120, fwhm: 40, height: 0.8)], title: "round trip", seed: 4)
    let back = try #require(try JCAMPFile.read(Data(JCAMPFile.text(s).utf8), source: "written").first)
    #expect(back.x.count == s.x.count && back.x.first == 4000 && back.x.last == 400)
    #expect(zip(back.y, s.y).allSatisfy { abs($0 - $1) <= 1e-6 * max(abs($1), 1e-3) })
    #expect(back.ordinate == .transmittance)
  }
}

/// Overlapping bands fitted with line shapes: the hydrogen-bonded and free
/// O–H stretches of a made-up spectrum come back within their standard
/// errors; a Lorentzian's area is height · FWHM · π/2.
@Suite("IR band fitting")
struct IRBandFitTests {
  @Test func overlappingGaussiansAreSeparated() throws {
    let truth = [
      SimulatedIRSpectrum.Band(centre: 3400, fwhm: 300, height: 0.3), .init(centre: 3600, fwhm: 80, height: 0.1),
    ]
    let s = SimulatedIRSpectrum.transmittance(truth, title: "O–H", noise: 0.001, seed: 9)
    let p = try ProcessedIRSpectrum(s)
    let fit = try IRBandFit.fit(p, positions: [3380, 3620], shape: .gaussian, from: 2700, to: 3990, width: 100)
    #expect(fit.converged)
    for (band, t) in zip(fit.bands, truth) {
      let error = try #require(band.positionError)
      #expect(abs(band.position - t.centre) < max(4 * error, 0.5), "\(band.position) ± \(error) vs \(t.centre)")
      #expect(abs(band.area / t.area - 1) < 0.05, "\(band.area) vs \(t.area)")
      #expect(abs(band.fwhm / t.fwhm - 1) < 0.05)
    }
  }

  @Test func lorentzianAreaIsClosedForm() throws {
    let nu = (0...1000).map { 3000 - Double($0) }
    let y = nu.map { 0.5 / (1 + 4 * pow(($0 - 2500) / 40, 2)) }
    let s = OpticalSpectrum(title: "", dataType: "", xUnits: "cm-1", yUnits: "Absorbance", x: nu, y: y)
    let p = try ProcessedIRSpectrum(s, processing: IRProcessing(baseline: .none))
    let band = try #require(try IRBandFit.fit(p, positions: [2510], shape: .lorentzian, from: 2000, to: 3000).bands.first)
    #expect(abs(band.position - 2500) < 1e-6 && abs(band.fwhm - 40) < 1e-6)
    #expect(abs(band.area - 0.5 * 40 * .pi / 2) < 1e-6)
  }
}
