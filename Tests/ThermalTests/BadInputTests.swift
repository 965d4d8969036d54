import Foundation
import TestSupport
import Testing

@testable import Thermal

/// Files written here in the vendors' layouts, broken on purpose: each
/// mistake is located, a run cut off while writing still reads, and no
/// damaged real file crashes a reader.
struct BadInputTests {
  static let netzsch = """
    #EXPORTTYPE:DATA SINGLE
    #FORMAT:NETZSCH5
    #DECIMAL:COMMA
    #SEPARATOR:SEMICOLON
    #SAMPLE MASS /mg:10,00
    #SEG. 1:30°C/10,0(K/min)/300°C

    ##Temp./°C;Time/min;Mass/mg
    30,0;0,0;10,000
    130,0;10,0;9,500
    230,0;20,0;9,000
    330,0;30,0;8,500

    """

  static func read(_ text: String) throws(ThermalError) -> ThermogravimetricRun {
    try ThermogravimetricFile.read(Data(text.utf8), source: "t.txt")
  }

  /// Decimal commas, mass in mg over the header's 10.00 mg, the rate from
  /// the segment text.
  @Test func netzschWithDecimalCommas() throws {
    let run = try Self.read(Self.netzsch)
    #expect(run.massPercent == [100, 95, 90, 85])
    #expect(run.temperatureCelsius == [30, 130, 230, 330])
    #expect(run.metadata.heatingRateKelvinPerMinute == 10)
  }

  @Test func aBrokenRowIsLocated() {
    let broken = Self.netzsch.replacingOccurrences(of: "130,0;10,0;9,500", with: "130,0;x;9,500")
    #expect(
      throws: ThermalError.malformed(
        file: "t.txt", line: 10, expected: "3 numbers separated by ';'")
    ) {
      try Self.read(broken)
    }
  }

  /// A run cut off in the middle of its last line reads to the line before.
  @Test func aTruncatedRunReadsWithANote() throws {
    let cut = String(Self.netzsch.dropLast(8))
    let run = try Self.read(cut)
    #expect(run.count == 3)
    #expect(run.notes.contains { $0.message.contains("incomplete") })
  }

  @Test func missingPartsAreNamed() {
    let noColumns = Self.netzsch.replacingOccurrences(of: "##Temp./°C;Time/min;Mass/mg\n", with: "")
    #expect {
      try Self.read(noColumns)
    } throws: { "\($0)".contains("'##' line") }
    let ta = "Sig1\tTime (min)\nSig2\tTemperature (°C)\nSig3\tWeight (mg)\n1\t2\t3\n"
    #expect {
      try Self.read(ta + "no start\n")
    } throws: { "\($0)".contains("not a NETZSCH") }
    #expect {
      try Self.read("Sig1\tTime (min)\nStartOfData\n0.1\t25\t10\n")
    } throws: { "\($0)".contains("Temperature and Weight") }
    #expect {
      try Self.read("hello\nworld\n")
    } throws: { "\($0)".contains("column mapping") }
  }

  /// A CSV through a mapping: semicolons and decimal commas, time in s, a
  /// units row; a bad number is located; the mapping is checked.
  @Test func csvThroughAMapping() throws {
    let csv = "Zeit (s);Probe T;Masse mg\ns;°C;mg\n0;25,0;5,0\n60;35,0;4,9\n120;45,0;4,8\n"
    let mapping = ColumnMapping(
      time: "zeit", temperature: "probe", mass: "masse", sampleMassMilligrams: 5)
    let run = try ThermogravimetricFile.read(Data(csv.utf8), mapping: mapping, source: "c.csv")
    #expect(run.timeMinutes == [0, 1, 2])
    #expect(run.massPercent.map { ($0 * 1000).rounded() / 1000 } == [100, 98, 96])
    let bad = csv.replacingOccurrences(of: "60;35,0", with: "60;hot")
    #expect(throws: ThermalError.self) {
      try ThermogravimetricFile.read(Data(bad.utf8), mapping: mapping, source: "c.csv")
    }
    #expect {
      try ThermogravimetricFile.read(Data(bad.utf8), mapping: mapping, source: "c.csv")
    } throws: { "\($0)".contains("c.csv, line 4") }
    #expect(throws: ThermalError.self) { try ColumnMapping(parsing: "time=t,mass=m") }
    #expect(try ColumnMapping(parsing: "time=t, temperature=T,mass=w").temperature == "T")
  }

  /// Damaged copies of real exports (cut short, bytes overwritten, runs
  /// removed; 150 of the small NETZSCH file, 30 of each large one): every
  /// one reads or fails with a ThermalError.
  @Test(SharedData.required("tga")) func damagedRealFilesNeverCrash() throws {
    let names = [
      ("pytga_netzsch2_example_file.txt", 150), ("pytga_TAInstruments_example_file.txt", 30),
      ("pytga_TA_instrument_excel.xls", 30), ("pytga_PerkinElmer_example_file.txt", 30),
    ]
    for (name, trials) in names {
      let original = [UInt8](try Data(contentsOf: SharedData.url("tga/\(name)")))
      var damage = ByteDamage(seed: 3, interesting: Array("0;\t\n-.,#:eE".utf8) + [0xFF, 0x00])
      for trial in 0..<trials {
        let bytes = damage.damaged(original, trial: trial)
        do {
          _ = try ThermogravimetricFile.read(Data(bytes), source: name)
        } catch {
          #expect(!"\(error)".isEmpty)
        }
      }
    }
  }
}

/// Exports in blocks through a mapping: a TRIOS-style text export, each
/// segment with its title, header and units again.
struct BlockTextTests {
  @Test func segmentsInBlocksReadAsOneRun() throws {
    let text = """
      [step]
      Isothermal 1.0 min
      Time\tTemperature\tWeight\tWeight
      min\t°C\tmg\t%
      0.0\t30.0\t8.000\t100.0
      1.0\t30.0\t7.990\t99.875
      [step]
      Ramp 10.00 °C/min to 50.00 °C
      Time\tTemperature\tWeight\tWeight
      min\t°C\tmg\t%
      2.0\t40.0\t7.900\t98.75
      3.0\t50.0\t7.800\t97.5

      """
    let mapping = try ColumnMapping(parsing: "time=Time,temperature=Temperature,mass=Weight")
    let run = try ThermogravimetricFile.read(Data(text.utf8), mapping: mapping, source: "trios.txt")
    #expect(run.count == 4)
    #expect(run.massMilligrams == [8.0, 7.99, 7.9, 7.8])
    #expect(run.massPercent.last.map { abs($0 - 97.5) < 1e-9 } == true)
  }
}
