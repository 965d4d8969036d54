import Foundation
import IonicsCore
import Spectroscopy
import Testing

/// Backgrounds and line shapes against closed forms, and a simulated F 1s
/// and N 1s pair of regions (the paper's Fig. 5: NaF at 683.5 eV, Na3N at
/// 396.7 eV) fitted back.
struct XPSAnalysisTests {
  static func grid(_ from: Double, _ to: Double, step: Double) -> [Double] {
    (0...Int(((to - from) / step).rounded())).map { from + Double($0) * step }
  }

  /// A spectrum made to be a Shirley fixed point — I = I_low + peak +
  /// (I_high − I_low)·(peak area below E)/(total) — gives back exactly that
  /// background.
  @Test func shirleyRecoversItsOwnFixedPoint() {
    let x = Self.grid(680, 695, step: 0.05)
    let peak = x.map { 5000 * exp(-4 * log(2.0) * ($0 - 686) * ($0 - 686) / 1.5) }
    var cumulative = [0.0]
    for i in 1..<x.count { cumulative.append(cumulative[i - 1] + 0.5 * (peak[i] + peak[i - 1]) * 0.05) }
    let (lo, hi) = (200.0, 1400.0)
    let truth = cumulative.map { lo + (hi - lo) * $0 / cumulative[x.count - 1] }
    let signal = zip(truth, peak).map(+)
    let (background, iterations) = XPSBackground.shirley(x, signal, averaging: 1)
    #expect(iterations > 1 && iterations < 100)
    #expect(zip(background, truth).allSatisfy { abs($0 - $1) < 1e-6 * (hi - lo) })
  }

  /// Tougaard: a narrow peak of area A gives B(E₀ + T) = A·K(T) with the
  /// universal B = 2866 eV², C = 1643 eV²; K peaks at T = √(C/3) ≈ 23.4 eV.
  @Test func tougaardOfANarrowPeakIsTheCrossSection() {
    let x = Self.grid(0, 80, step: 0.02)
    let area = 1000.0
    let width = 0.1
    let signal = x.map { area / (width * (Double.pi / (4 * log(2.0))).squareRoot()) * exp(-4 * log(2.0) * ($0 - 10) * ($0 - 10) / (width * width)) }
    let background = XPSBackground.tougaard(x, signal, averaging: 1, scaled: false)
    let k = XPSBackground.CrossSection.universal
    for t in [5.0, 23.4, 50.0] {
      let i = Int(((10 + t) / 0.02).rounded())
      #expect(abs(background[i] / (area * k.value(t)) - 1) < 0.01, "T = \(t) eV")
    }
    #expect(abs(k.value(23.4) - 2866 * 23.4 / pow(1643 + 23.4 * 23.4, 2)) < 1e-15)
  }

  /// Areas: SGL(m) closed form; GL(0) is a Gaussian and GL(100) a
  /// Lorentzian of FWHM F.
  @Test func lineShapeAreas() {
    let gauss = 1.3 * (Double.pi / (4 * log(2.0))).squareRoot()
    #expect(abs(LineShape.gaussianLorentzianProduct(mixing: 0).area(width: 1.3) / gauss - 1) < 1e-9)
    #expect(abs(LineShape.gaussianLorentzianProduct(mixing: 100).area(width: 1.3) / (Double.pi * 1.3 / 2) - 1) < 1e-6)
    #expect(abs(LineShape.gaussianLorentzianSum(mixing: 30).area(width: 1.3) / (0.7 * gauss + 0.3 * Double.pi * 1.3 / 2) - 1) < 1e-12)
    #expect(LineShape("GL(30)") == .gaussianLorentzianProduct(mixing: 30))
    #expect(LineShape("SGL(5)")?.name == "SGL(5)")
    #expect(LineShape("GL(130)") == nil && LineShape("Voigt") == nil)
    // SGL keeps F as its FWHM for every m.
    #expect(abs(LineShape.gaussianLorentzianSum(mixing: 40).value(0.65, width: 1.3) - 0.5) < 1e-12)
  }

  /// A region with two components on a Shirley step and Poisson noise.
  static func region(
    _ x: [Double], _ parts: [(position: Double, width: Double, area: Double)], shape: LineShape, seed: UInt64
  ) -> [Double] {
    let peaks = x.map { e in parts.reduce(0.0) { $0 + $1.area / shape.area(width: $1.width) * shape.value(e - $1.position, width: $1.width) } }
    var cumulative = [0.0]
    for i in 1..<x.count { cumulative.append(cumulative[i - 1] + 0.5 * (peaks[i] + peaks[i - 1]) * (x[i] - x[i - 1])) }
    let step = 0.15 * (peaks.max() ?? 0)
    var random = SplitMix64(seed: seed)
    return x.indices.map { i in
      let mean = 300 + step * cumulative[i] / cumulative[x.count - 1] + peaks[i]
      let u = max(random.nextUnit(), 1e-12)
      let v = random.nextUnit()
      return (mean + mean.squareRoot() * (-2 * log(u)).squareRoot() * cos(2 * .pi * v)).rounded()
    }
  }

  /// F 1s: NaF at 683.5 eV beside the C–F₃ of TFSI at 688.6 eV; N 1s: Na3N
  /// at 396.7 eV beside a cyanide N at 398.3 eV. Positions come back within
  /// 0.05 eV and areas within 3 %, with both Shirley variants.
  @Test(arguments: [XPSFit.Background.shirley, .activeShirley])
  func simulatedFluorineAndNitrogenRegionsAreRecovered(_ background: XPSFit.Background) throws {
    let shape = LineShape.gaussianLorentzianProduct(mixing: 30)
    let cases: [(from: Double, to: Double, truth: [(String, Double, Double, Double)])] = [
      (676, 696, [("NaF", 683.5, 1.6, 30000), ("CF3 (TFSI)", 688.6, 1.8, 12000)]),
      (390, 406, [("Na3N", 396.7, 1.4, 9000), ("cyanide N", 398.3, 1.5, 6000)]),
    ]
    for (k, c) in cases.enumerated() {
      let x = Self.grid(c.from, c.to, step: 0.05)
      let y = Self.region(x, c.truth.map { ($0.1, $0.2, $0.3) }, shape: shape, seed: UInt64(7 + k))
      let components = c.truth.map { XPSFit.Component($0.0, shape: shape, position: $0.1 + 0.4, width: 1.2) }
      let fit = try XPSFit.fit(energies: x.reversed(), signal: y.reversed(), components: components, background: background)
      #expect(fit.converged)
      #expect(fit.reducedChiSquared < 1.3)
      for (found, truth) in zip(fit.components, c.truth) {
        #expect(abs(found.positionElectronvolts - truth.1) < 0.05, "\(truth.0): \(found.positionElectronvolts) eV")
        #expect(abs(found.area / truth.3 - 1) < 0.03, "\(truth.0): area \(found.area)")
        #expect((found.positionStandardError ?? 1) < 0.05 && (found.areaStandardError ?? 0) > 0)
      }
    }
  }

  /// Ties: a doublet with a fixed splitting and area ratio (Pt 4f7/2 and
  /// 4f5/2, 3.33 eV apart, 4:3) fitted as one position, width and height.
  @Test func doubletWithTiedSplittingWidthAndArea() throws {
    let shape = LineShape.gaussianLorentzianSum(mixing: 30)
    let x = Self.grid(64, 82, step: 0.05)
    let y = Self.region(x, [(71.1, 0.9, 20000), (74.43, 0.9, 15000)], shape: shape, seed: 3)
    var second = XPSFit.Component("Pt 4f5/2", shape: shape, position: 74.5, width: 1)
    second.positionOffset = (0, 3.33)
    second.sameWidthAs = 0
    second.areaRatio = (0, 0.75)
    let fit = try XPSFit.fit(
      energies: x, signal: y, components: [XPSFit.Component("Pt 4f7/2", shape: shape, position: 71.4, width: 1), second])
    #expect(abs(fit.components[0].positionElectronvolts - 71.1) < 0.02)
    #expect(abs(fit.components[1].positionElectronvolts - fit.components[0].positionElectronvolts - 3.33) < 1e-9)
    #expect(abs(fit.components[1].area / fit.components[0].area - 0.75) < 1e-9)
    #expect(abs(fit.components[0].area / 20000 - 1) < 0.03)
    #expect(fit.components[1].positionStandardError == nil)
  }

  /// The VAMAS writer's file reads back to the same spectrum.
  @Test func writtenVAMASReadsBack() throws {
    let binding = Self.grid(390, 406, step: 0.05).reversed().map { $0 }
    let counts = SimulatedRegion.counts(binding.reversed(), [.init(position: 396.7, width: 1.4, area: 6000)], shape: .gaussianLorentzianSum(mixing: 30), seed: 9)
    let spectrum = PhotoelectronSpectrum(
      name: "N 1s", sample: "test", technique: "XPS", species: "N", transition: "1s", photonEnergy: 1486.6, source: "Al",
      passEnergy: 20, workFunction: nil, recordedAxis: .kinetic, energies: binding.map { 1486.6 - $0 },
      signal: counts.reversed(), signalLabel: "counts", dwellSeconds: 0.1, scans: 2, transmission: nil, date: "2024-03-01 10:00:00")
    let text = VAMASFile.text([spectrum, spectrum], comment: ["written by a test"])
    let back = try VAMASFile.read(Data(text.utf8), source: "written.vms")
    #expect(back.count == 2)
    let s = try #require(back.first?.spectrum)
    #expect(s.signal == spectrum.signal && s.scans == 2 && s.dwellSeconds == 0.1 && s.date == "2024-03-01 10:00:00")
    #expect(zip(s.bindingEnergies ?? [], binding).allSatisfy { abs($0 - $1) < 1e-9 })
  }

  @Test func badModelsAreRefused() {
    let x = Self.grid(0, 10, step: 0.1)
    var tied = XPSFit.Component("b", position: 5)
    tied.sameWidthAs = 3
    #expect(throws: XPSFit.ModelError.self) {
      try XPSFit.fit(energies: x, signal: x, components: [XPSFit.Component("a", position: 5), tied])
    }
    #expect(throws: XPSFit.ModelError.self) {
      try XPSFit.fit(energies: [1, 2], signal: [1, 2], components: [XPSFit.Component("a", position: 5)])
    }
  }
}

/// Quantification against closed forms: areas made from the sensitivity
/// factors and kinetic-energy factors give equal shares; the error
/// propagation matches a numerical derivative; region areas of a simulated
/// file with F 1s and C 1s in the ratio of their RSFs give 50 : 50.
@Suite("XPS quantification")
struct XPSQuantificationTests {
  @Test func areasInTheRatioOfTheFactorsGiveEqualShares() throws {
    let hv = 1486.6
    let lines = [
      XPSQuantification.Line(label: "F 1s", area: 4.43 * pow(hv - 684.8, 0.6) * 10, areaError: 1, bindingEnergy: 684.8),
      XPSQuantification.Line(label: "C 1s", area: 1.00 * pow(hv - 284.8, 0.6) * 10, areaError: 1, bindingEnergy: 284.8),
    ]
    let shares = try XPSQuantification.atomicPercent(lines)
    #expect(abs(shares[0].atomicPercent - 50) < 1e-9 && abs(shares[1].atomicPercent - 50) < 1e-9)
    // Numerical derivative of the F share with respect to each area.
    func share(_ a: Double, _ b: Double) throws -> Double {
      var l = lines
      l[0].area = a
      l[1].area = b
      return try XPSQuantification.atomicPercent(l)[0].atomicPercent
    }
    let h = 1e-4
    let d0 = (try share(lines[0].area + h, lines[1].area) - share(lines[0].area - h, lines[1].area)) / (2 * h)
    let d1 = (try share(lines[0].area, lines[1].area + h) - share(lines[0].area, lines[1].area - h)) / (2 * h)
    #expect(abs(shares[0].atomicPercentError - (d0 * d0 + d1 * d1).squareRoot()) < 1e-6)
    #expect(throws: XPSQuantification.Failure.self) {
      _ = try XPSQuantification.atomicPercent([.init(label: "Xx 9z", area: 1, bindingEnergy: 10)])
    }
  }

  @Test func regionAreasOfASimulatedSurfaceGiveItsComposition() throws {
    let shape = LineShape.gaussianLorentzianProduct(mixing: 30)
    func region(_ species: String, _ centre: Double, area: Double, seed: UInt64) -> PhotoelectronSpectrum {
      let binding = stride(from: centre - 10, through: centre + 10, by: 0.05).map { $0 }
      let counts = SimulatedRegion.counts(binding, [.init(position: centre, width: 1.5, area: area)], shape: shape, level: 100, seed: seed)
      return PhotoelectronSpectrum(
        name: species, sample: "", technique: "XPS", species: species, transition: "1s", photonEnergy: 1486.6,
        source: "Al", passEnergy: 20, workFunction: nil, recordedAxis: .binding, energies: binding, signal: counts,
        signalLabel: "counts", dwellSeconds: 0.1, scans: 1, transmission: nil, date: nil)
    }
    // Equal numbers of F and C atoms: areas in the ratio of S·E_kin^0.6.
    let f = region("F", 684.8, area: 4.43 * pow(1486.6 - 684.8, 0.6) * 100, seed: 1)
    let c = region("C", 284.8, area: 1.00 * pow(1486.6 - 284.8, 0.6) * 100, seed: 2)
    let shares = try XPSQuantification.atomicPercent(XPSQuantification.regionAreas([f, c]))
    #expect(abs(shares[0].atomicPercent - 50) < 1.5, "\(shares.map(\.atomicPercent))")
  }
}
