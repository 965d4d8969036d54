import Foundation
import TestSupport
import Testing

@testable import Thermal

/// Every TGA export in ../shared/data/tga against the reference values of
/// its SOURCES.md (numpy/scipy on the raw columns): mass % at the given
/// temperatures within 0.1 %, DTG peaks within 3 °C, the final mass, the
/// fastest loss.
@Suite("TGA exports against their reference values", SharedData.required("tga"))
struct ReferenceFileTests {
  static func run(_ name: String) throws -> ThermogravimetricRun {
    let data = try Data(contentsOf: SharedData.url("tga/\(name)"))
    return try ThermogravimetricFile.read(data, source: name)
  }

  static func expectMass(
    _ analysis: ThermogravimetricAnalysis, _ expected: [(Double, Double)],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for (temperature, percent) in expected {
      let value = analysis.massPercent(at: temperature) ?? .nan
      #expect(
        abs(value - percent) < 0.1, "\(value) % at \(temperature) °C, reference \(percent)",
        sourceLocation: sourceLocation)
    }
  }

  @Test func netzschSingle() throws {
    let run = try Self.run("pytga_netzsch2_example_file.txt")
    #expect(run.format == "NETZSCH Proteus ASCII")
    #expect(run.count == 270)
    #expect(run.metadata.sampleMassMilligrams == 13.10)
    #expect(run.metadata.heatingRateKelvinPerMinute == 5.0)
    #expect(run.metadata.instrument == "NETZSCH TG 209F1 Libra")
    let a = ThermogravimetricAnalysis(run)
    Self.expectMass(a, [(100, 99.91), (300, 97.49), (400, 26.00)])
    #expect(abs(a.finalPercent - 25.541) < 0.001)
    #expect(a.peaks.count == 1)
    #expect(abs((a.peaks.first?.temperatureCelsius ?? 0) - 359) <= 3)
    #expect(abs((a.peaks.first?.ratePercentPerCelsius ?? 0) - 1.84) < 0.1)
    let rate = try #require(a.maximumRate)
    #expect(abs(rate.percentPerMinute - 9.83) < 0.3)
    #expect(abs(rate.celsius - 359.7) <= 3)
  }

  @Test func netzschAllWithSegmentsAndBuoyancy() throws {
    let run = try Self.run("pytga_netzsch_example3.txt")
    #expect(run.count == 7022)
    #expect(run.metadata.date == "08.10.2024 15:04")
    #expect(run.otherColumns["Segment"] != nil)
    #expect(run.segments.contains { $0.kind == .isothermal })
    let a = ThermogravimetricAnalysis(run)
    Self.expectMass(a, [(700, 101.89)])
    #expect(abs(a.finalPercent - 2.033) < 0.001)
    #expect(abs(a.minimumPercent - 1.799) < 0.001)
    // The buoyancy rise to 102.5 % is reported.
    #expect(a.gains.contains { $0.gainPercent > 2 && $0.toCelsius < 800 })
    let rate = try #require(a.maximumRate)
    #expect(abs(rate.percentPerMinute - 9.77) < 0.3)
    #expect(abs(rate.celsius - 996) <= 3)
    #expect(abs(rate.minutes - 64.0) < 0.5)
  }

  @Test func mettler() throws {
    let run = try Self.run("pytga_MettlerToledo_example_file.txt")
    #expect(run.format == "Mettler Toledo STARe text")
    #expect(run.count == 12_661)
    #expect(run.metadata.sampleMassMilligrams == 4.9292)
    #expect(run.metadata.sample == "TGA_PP")
    #expect(run.notes.contains { $0.message.contains("[mW]") })
    let a = ThermogravimetricAnalysis(run)
    Self.expectMass(a, [(300, 99.13), (400, 96.78), (500, 0.507)])
    #expect(abs(a.finalPercent - 0.582) < 0.001)
    #expect(abs((a.peaks.first?.temperatureCelsius ?? 0) - 453) <= 3)
    #expect(abs((a.peaks.first?.ratePercentPerCelsius ?? 0) - 3.01) < 0.15)
    let rate = try #require(a.maximumRate)
    #expect(abs(rate.percentPerMinute - 15.7) < 0.5)
    #expect(abs(rate.celsius - 454) <= 3)
  }

  @Test func perkinElmer() throws {
    let run = try Self.run("pytga_PerkinElmer_example_file.txt")
    #expect(run.format == "PerkinElmer Pyris text")
    #expect(run.count == 12_098)
    #expect(run.metadata.sampleMassMilligrams == 7.026)
    #expect(run.metadata.date == "10/04/2023 08:20:41")
    #expect(run.segments.count == 10)
    let a = ThermogravimetricAnalysis(run)
    Self.expectMass(a, [(100, 99.12), (200, 90.19), (300, 32.44)])
    #expect(abs(a.finalPercent - 29.288) < 0.001)
    let temperatures = a.peaks.map(\.temperatureCelsius)
    for reference in [240.0, 129, 616] {
      #expect(temperatures.contains { abs($0 - reference) <= 3 }, "\(temperatures)")
    }
    let main = try #require(a.peaks.max { $0.ratePercentPerCelsius < $1.ratePercentPerCelsius })
    #expect(abs(main.ratePercentPerCelsius - 1.47) < 0.1)
    // pyTGA's own test value for this file's cracking stage: half of its
    // mass gone at T50 = 230.89 °C, which is the main step's midpoint.
    let cracking = try #require(a.steps.max { $0.lossPercent < $1.lossPercent })
    #expect(abs(cracking.midpointCelsius - 230.89) < 2, "\(cracking.midpointCelsius)")
  }

  @Test func taUniversalAnalysis() throws {
    let run = try Self.run("pytga_TAInstruments_example_file.txt")
    #expect(run.format == "TA Instruments Universal Analysis text")
    #expect(run.count == 15_577)
    #expect(run.massMilligrams?.first == 20.8216)
    #expect(run.metadata.sampleMassMilligrams == 20.8210)
    #expect(run.metadata.date == "2018-12-17 19:36:37")
    #expect(run.notes.contains { $0.message.contains("sentinel") })
    // 17.2183 mg at 84.6 °C; 17.15 mg after drying; uptake back to 19.187 mg.
    let mg = try #require(run.massMilligrams)
    #expect(mg.contains { abs($0 - 17.2183) < 1e-4 })
    #expect(abs((mg.last ?? 0) - 19.187) < 0.001)
    let a = ThermogravimetricAnalysis(run)
    #expect(a.gains.contains { $0.gainPercent > 9 })
    let rate = try #require(a.maximumRate)
    #expect(abs(rate.percentPerMinute - 3.94) < 0.2)
    #expect(abs(rate.celsius - 50) <= 3)
  }

  /// TRIOS .xls: five segment sheets, TA's own % column; mass % on the
  /// ramp at 100–500 °C, the final mass and the four DTG peaks.
  @Test func trios() throws {
    let run = try Self.run("pytga_TA_instrument_excel.xls")
    #expect(run.format == "TA Instruments TRIOS workbook (.xls)")
    #expect(run.count == 21_912)
    #expect(run.segments.count == 5)
    #expect(
      run.segments.map(\.kind) == [.isothermal, .isothermal, .heating, .isothermal, .cooling])
    #expect(run.metadata.sample == "5-3-0-1_S-1")
    #expect(run.metadata.sampleMassMilligrams == 7.567)
    let a = ThermogravimetricAnalysis(run)
    Self.expectMass(
      a, [(100, 97.12), (150, 95.20), (200, 87.01), (300, 52.04), (400, 9.22), (500, 7.74)])
    #expect(abs(a.finalPercent - 7.46) < 0.01)
    let temperatures = a.peaks.map(\.temperatureCelsius)
    for reference in [174.0, 226, 284, 353] {
      #expect(temperatures.contains { abs($0 - reference) <= 3 }, "\(temperatures)")
    }
    let rate = try #require(a.maximumRate)
    #expect(abs(rate.percentPerMinute - 1.84) < 0.1)
    #expect(abs(rate.celsius - 353) <= 3)
  }
}
