import Foundation
import TestSupport
import Testing

@testable import Thermal

/// Pfeiffer Quadera exports of a TGA–MS run, against datalab's test on the
/// same file (SOURCES.md): 7 channels, 1 366 rows for the first 3 and
/// 1 365 for the last 4 (the last row stops short).
@Suite("Mass-spectrometer exports", SharedData.required("tga"))
struct MassSpectrometerTests {
  @Test func quaderaChannels() throws {
    let url = SharedData.url("tga/datalab_20221128_134958_TGA_MS_Megan.asc")
    let trace = try PfeifferQuaderaASCII.read(try Data(contentsOf: url), source: "megan.asc")
    #expect(trace.channels.map(\.label) == [
      "14", "16", "Water", "Nitrogen/Carbonmonoxide", "Oxygen", "Argon", "Carbondioxide",
    ])
    #expect(trace.channels.map(\.massToCharge) == [14, 16, 18, 28, 32, 40, 44])
    #expect(trace.channels.map(\.timeSeconds.count) == [1366, 1366, 1366, 1365, 1365, 1365, 1365])
    #expect(trace.channels.allSatisfy { $0.unit == "mbar" })
    #expect(trace.channels[0].signal[0] == 1.083137e-11 && trace.channels[0].timeSeconds[0] == 0)
    #expect(trace.channels[6].timeSeconds[0] == 3.951)
    #expect(trace.start == "28/11/2022 13:51:12")
  }

  @Test func damagedRowNamesItsLine() {
    let text = "Sourcefile\tx.qmp\n\n\t\t18\nTime\tTime Relative [s]\tIon Current [A]\n1/1/2020 00:00:00\t0\t1e-10\n1/1/2020 00:00:01\tabc\t2e-10\n"
    #expect(throws: ThermalError.self) {
      try PfeifferQuaderaASCII.read(Data(text.utf8), source: "bad.asc")
    }
  }
}

/// Gases of each step on a simulated TGA–MS run: water lost at 100 °C and
/// CO2 at 400 °C (10 K/min from 25 °C, so at 7.5 and 37.5 min), with the
/// spectrometer started 60 s after the balance.
@Suite("Evolved-gas analysis")
struct EvolvedGasAnalysisTests {
  static func trace(offset: Double) -> MassSpectrometerTrace {
    func channel(_ label: String, _ mz: Int, peakMinutes: Double) -> MassSpectrometerTrace.Channel {
      let t = stride(from: 0.0, through: 5_000, by: 5).map { $0 }
      // Baseline 1e-12 mbar, a Gaussian release 20× higher, 1 min wide.
      let y = t.map { seconds -> Double in
        let minutes = (seconds + offset) / 60
        return 1e-12 * (1 + 20 * exp(-pow((minutes - peakMinutes) / 1.0, 2)))
      }
      return .init(label: label, massToCharge: mz, timeSeconds: t, signal: y, unit: "mbar")
    }
    return MassSpectrometerTrace(
      channels: [
        channel("Water", 18, peakMinutes: 7.5), channel("Carbondioxide", 44, peakMinutes: 37.5),
      ], start: nil, format: "test")
  }

  @Test func eachStepNamesItsGas() throws {
    let run = try SimulatedThermogram.run(
      steps: [.init(celsius: 100, width: 8, lossPercent: 10), .init(celsius: 400, width: 10, lossPercent: 20)],
      toCelsius: 600)
    let analysis = ThermogravimetricAnalysis(run)
    #expect(analysis.steps.count == 2)
    let gases = EvolvedGasAnalysis(
      run: run, analysis: analysis, trace: Self.trace(offset: 60), offsetSeconds: 60)
    #expect(gases.steps[0].releases.map(\.massToCharge) == [18])
    #expect(gases.steps[1].releases.map(\.massToCharge) == [44])
    #expect(gases.steps[0].releases.first?.assignment == "H2O")
    #expect(abs((gases.steps[0].releases.first?.peakCelsius ?? 0) - 100) < 2)
    #expect(abs((gases.steps[1].releases.first?.peakCelsius ?? 0) - 400) < 2)
    #expect(abs((gases.steps[0].releases.first?.ratio ?? 0) - 21) < 0.5)
    // A wrong offset (the spectrometer taken to start with the balance)
    // moves water's peak 10 °C later.
    let shifted = EvolvedGasAnalysis(run: run, analysis: analysis, trace: Self.trace(offset: 60))
    #expect(abs((shifted.steps[0].releases.first?.peakCelsius ?? 0) - 90) < 2)
  }
}

/// Inputs the fuzzer found, reduced.
@Suite("TGA fuzz findings")
struct ThermalFuzzFindingsTests {
  /// A temperature of 10⁷ °C (a damaged digit) made the 1 °C DTG grid ten
  /// million points long and the analysis take seconds: no thermobalance
  /// reaches it, so the run is refused with the point.
  @Test func temperatureNoBalanceReaches() {
    #expect(throws: ThermalError.self) {
      try ThermogravimetricRun(
        timeMinutes: [0, 1, 2], temperatureCelsius: [25, 1e7, 35], massMilligrams: [10, 9.9, 9.8],
        massPercent: nil, metadata: .init(), format: "test")
    }
    #expect(throws: ThermalError.self) {
      try ThermogravimetricRun(
        timeMinutes: [0, .nan, 2], temperatureCelsius: [25, 30, 35], massMilligrams: [10, 9.9, 9.8],
        massPercent: nil, metadata: .init(), format: "test")
    }
  }
}

extension ThermalFuzzFindingsTests {
  /// A damaged time of 10⁶ min made the 0.1 min rate grid ten million
  /// points long: the grid now has at most 200 000 points.
  @Test func rateGridIsBounded() throws {
    let run = try ThermogravimetricRun(
      timeMinutes: [0, 1, 2, 1e6], temperatureCelsius: [25, 35, 45, 55],
      massMilligrams: [10, 9.9, 9.8, 9.7], massPercent: nil, metadata: .init(), format: "test")
    let analysis = ThermogravimetricAnalysis(run)
    #expect(analysis.rateTimes.count <= 200_001 && analysis.rateTimes.count > 100_000)
  }
}

extension ThermalFuzzFindingsTests {
  /// A NETZSCH export with a second, longer '##' column line after its
  /// data indexed the shorter rows out of range: refused with the line.
  @Test func netzschSecondColumnLine() {
    let text = """
      #EXPORTTYPE:DATA SINGLE
      #FORMAT:NETZSCH5
      ##Temp./°C;Time/min;Mass/%
      30;0;100
      31;0.1;99.9
      ##Temp./°C;Time/min;Mass/%;DSC/(mW/mg);Extra
      32;0.2;99.8;0.1;1
      """
    #expect(throws: ThermalError.self) {
      try ThermogravimetricFile.read(Data(text.utf8), source: "two-headers.txt")
    }
  }
}
