import Foundation
import IonicsCore
import IonicsNumerics
import Testing

@testable import Thermal

/// The analysis on closed-form thermograms and the numerics under it.
struct ThermogramAnalysisTests {
  /// Savitzky–Golay of order 2 is exact on a quadratic, edges included:
  /// y = 3 + 2x − 0.5x² gives y′ = 2 − x everywhere.
  @Test func savitzkyGolayIsExactOnAQuadratic() throws {
    let x = (0..<40).map { Double($0) * 0.5 }
    let y = x.map { 3 + 2 * $0 - 0.5 * $0 * $0 }
    let smooth = try #require(SavitzkyGolay.filter(y, window: 11, order: 2))
    let slope = try #require(
      SavitzkyGolay.filter(y, window: 11, order: 2, derivative: 1, delta: 0.5))
    for i in x.indices {
      #expect(abs(smooth[i] - y[i]) < 1e-9)
      #expect(abs(slope[i] - (2 - x[i])) < 1e-9)
    }
    #expect(SavitzkyGolay.filter(y, window: 10, order: 2) == nil)
    #expect(SavitzkyGolay.filter(y, window: 41, order: 2) == nil)
  }

  /// scipy's textbook case: [0, 1, 0, 2, 0, 3, 0] — the peaks at 1, 3 and 5
  /// have prominences 1, 2 and 3.
  @Test func prominenceAsScipyMeasuresIt() {
    let peaks = ProminentPeaks.find([0, 1, 0, 2, 0, 3, 0], minimumProminence: 0)
    #expect(peaks.map(\.index) == [1, 3, 5])
    #expect(peaks.map(\.prominence) == [1, 2, 3])
    #expect(
      ProminentPeaks.find([0, 1, 0, 2, 0, 3, 0], minimumProminence: 1.5).map(\.index) == [3, 5])
  }

  /// Two logistic steps (10 % at 200 °C, w = 20; 30 % at 500 °C, w = 30):
  /// DTG peaks at 200 and 500 °C of L/(4w) = 0.125 and 0.25 %/°C, onsets at
  /// T − 2w, midpoints at T, losses 10 and 30 %. (Steps this broad next to
  /// the 21 °C smoothing window keep its bias below 2 %; a step with w = 5
  /// loses 17 % of its peak rate to it, as any Savitzky–Golay DTG does.)
  @Test func logisticStepsGiveTheirOnsetsAndLosses() throws {
    let run = try SimulatedThermogram.run(
      steps: [
        .init(celsius: 200, width: 20, lossPercent: 10),
        .init(celsius: 500, width: 30, lossPercent: 30),
      ], toCelsius: 900, noisePercent: 0)
    let a = ThermogravimetricAnalysis(run)
    #expect(a.peaks.count == 2)
    let s = a.steps
    #expect(s.count == 2)
    for (step, (t, w, loss)) in zip(s, [(200.0, 20.0, 10.0), (500, 30, 30)]) {
      #expect(abs(step.peakCelsius - t) <= 1)
      #expect(abs(step.onsetCelsius - (t - 2 * w)) < 1, "\(step.onsetCelsius)")
      #expect(abs(step.endsetCelsius - (t + 2 * w)) < 1, "\(step.endsetCelsius)")
      #expect(abs(step.midpointCelsius - t) < 0.5)
      #expect(abs(step.lossPercent - loss) < 0.02 * loss, "\(step.lossPercent)")
    }
    #expect(abs((a.peaks.first?.ratePercentPerCelsius ?? 0) / 0.125 - 1) < 0.02)
    #expect(abs((a.peaks.last?.ratePercentPerCelsius ?? 0) / 0.25 - 1) < 0.02)
    // At 10 K/min the fastest loss is 10 × 0.25 %/min, at 500 °C.
    let rate = try #require(a.maximumRate)
    #expect(abs(rate.percentPerMinute / 2.5 - 1) < 0.02)
    #expect(abs(rate.celsius - 500) < 1)
    #expect(abs(a.finalPercent - 60) < 0.01)
    #expect(a.gains.isEmpty)
  }

  /// The paper's solvate simulated (0.75 CH3OH and 6 H2O below 100 °C,
  /// decomposition above 700 °C): the steps below 300 °C are matched to
  /// both solvents together, 8.57 % (Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O,
  /// M = 1541.07 g/mol), within 0.1 %.
  @Test func paperSolvateIsMatchedToItsFormula() throws {
    let formula = try Formula("Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O")
    let run = try SimulatedThermogram.paperSolvate(formula: formula)
    let a = ThermogravimetricAnalysis(run)
    let assignment = try SolventAssignment(formula: formula, analysis: a)
    #expect(assignment.candidates.count == 3)
    #expect(abs(assignment.candidates[0].predictedLossPercent - 8.57) < 0.01)
    let best = try #require(assignment.best)
    #expect(best.candidate.solvents == "0.75 CH3OH + 6 H2O")
    #expect(abs(best.differencePercent) < 0.1)
    #expect(best.upToCelsius < 150)
    // And the framework's decomposition is found above 700 °C.
    #expect(a.steps.contains { $0.peakCelsius > 700 && abs($0.lossPercent - 35) < 0.5 })
    // A formula without solvates has nothing to assign.
    #expect(throws: ThermalError.self) {
      try SolventAssignment(formula: try Formula("NaCl"), analysis: a)
    }
  }
}

/// Linear interpolation between samples and beyond them.
struct LinearInterpolationTests {
  @Test func linesBetweenAndBeyondTheSamples() {
    let x = [0.0, 1, 3, 4]
    let y = [0.0, 2, 2, 6]
    let v = LinearInterpolation.values(x: x, y: y, at: [-1, 0, 0.5, 2, 3, 3.5, 4, 5])
    #expect(v == [-2, 0, 1, 2, 2, 4, 6, 10])
    #expect(LinearInterpolation.values(x: [1], y: [7], at: [0, 9]) == [7, 7])
    #expect(LinearInterpolation.values(x: [], y: [], at: [0]).first?.isNaN == true)
  }
}
