import ComplexModule
import Foundation
import Impedance
import TestSupport
import Testing

/// Every readable file in shared/data/eis, with its point count and a spot
/// value checked against the file's own text (first data row as written).
@Suite(SharedData.required)
struct ImpedanceReaderTests {
  struct Case: Sendable, CustomStringConvertible {
    let path: String
    let spectra: Int
    let points: Int
    /// First point (f, Re Z, Im Z) in Hz and Ω with Im Z < 0 capacitive.
    let first: (Double, Double, Double)
    var description: String { path }
  }

  static let cases: [Case] =
    [
      Case(
        path: "eis/impedance.py/exampleData.csv", spectra: 1, points: 66,
        first: (3.1623e-3, 4.949989776405060160e-02, -2.043869854441892481e-02)),
      Case(
        path: "eis/impedance.py/exampleDataBioLogic.mpt", spectra: 1, points: 43,
        first: (1.0003201e3, 6.5470886e1, -3.8998979e-1)),
      Case(
        path: "eis/impedance.py/exampleDataBioLogic.txt", spectra: 1, points: 43,
        first: (1.0003201e3, 6.5470886e1, -3.8998979e-1)),
      Case(
        path: "eis/impedance.py/exampleDataGamry.DTA", spectra: 1, points: 72,
        first: (200015.6, 825.8584, -1367.239)),
      Case(
        path: "eis/impedance.py/exampleDataGamryABORT.DTA", spectra: 1, points: 72,
        first: (200016, 0, 0)),
      Case(
        path: "eis/impedance.py/exampleDataZPlot.z", spectra: 1, points: 21,
        first: (3e5, 147.77, -11.335)),
      Case(
        path: "eis/impedance.py/exampleDataZPlot_noComments.z", spectra: 1, points: 31,
        first: (3e5, 642.62, -85.821)),
      Case(path: "eis/impedance.py/Circuit1_EIS_1.z", spectra: 1, points: 48, first: (5e4, 0, 0)),
      Case(path: "eis/impedance.py/Circuit2_EIS_1.z", spectra: 1, points: 56, first: (3e5, 0, 0)),
      Case(path: "eis/impedance.py/Circuit3_EIS_2.z", spectra: 1, points: 53, first: (1.5e5, 0, 0)),
      Case(
        path: "eis/impedance.py/exampleDataAutolab.txt", spectra: 1, points: 41,
        first: (10000, 0.013785863964281, 0.007191946305823)),
      Case(
        path: "eis/impedance.py/exampleDataParstat.txt", spectra: 1, points: 31,
        first: (10000, -0.00049816280376104, 0.0175143479976367)),
      Case(
        path: "eis/impedance.py/exampleDataPowersuite.txt", spectra: 1, points: 30,
        first: (0.1, 423929.46, -49014.063)),
      Case(
        path: "eis/impedance.py/exampleDataVersaStudio.par", spectra: 1, points: 61,
        first: (100000, 55.31571, 4.575431)),
      Case(
        path: "eis/impedance.py/exampleDataCHInstruments.txt", spectra: 1, points: 73,
        first: (0, 0, 0)),
      Case(
        path: "eis/EISFitpython/Example-2/Example2a.txt", spectra: 1, points: 51, first: (1e6, 0, 0)
      ),
      Case(
        path: "eis/EISFitpython/Example-2/Example2b.txt", spectra: 1, points: 50,
        first: (1e6, 3.60382e3, -8.57835e3)),
      Case(
        path: "eis/EISFitpython/Example-2/Example2c.txt", spectra: 1, points: 42, first: (1e6, 0, 0)
      ),
      Case(
        path: "eis/EISFitpython/Example_noheader.txt", spectra: 1, points: 42, first: (1e6, 0, 0)),
      Case(
        path: "eis/EISFitpython/Example_header.txt", spectra: 1, points: 50,
        first: (1e7, 3.032358e4, 3.829188e4)),
      Case(path: "eis/EISFitpython/CSV_Example.csv", spectra: 1, points: 50, first: (1e6, 0, 0)),
      Case(
        path: "eis/pyDRTtools/tutorial/data/2ZARC3.csv", spectra: 1, points: 81, first: (0, 0, 0)),
      Case(
        path: "eis/pyimpspec-tests/case-multiple-spectra.csv", spectra: 4, points: 29,
        first: (10000, 109.00918219439028, -26.55567987651522)),
      Case(
        path: "eis/pyimpspec-tests/case-multiple-spectra-reverse.csv", spectra: 2, points: 29,
        first: (0, 0, 0)),
      Case(
        path: "eis/pyimpspec-tests/case-multiple-spectra.mpt", spectra: 3, points: 29,
        first: (10000, 109.00918219439028, -26.55567987651522)),
      Case(
        path: "eis/pyimpspec-tests/case-negative-real-imaginary.csv", spectra: 1, points: 29,
        first: (10000, 109.00918219439028, -26.55567987651522)),
    ]
    + [
      "data.dta", "data.mpt", "data.z", "data.P00", "data.i2b", "data-comma.csv",
      "data-semicolon.csv", "data-tab.csv",
      "data-space.csv", "data-comma-decimal-separator.csv", "data.idf", "data.ids", "data-idf",
      "data-ids", "data.json", "data.dfr", "data-dfr", "data-header-variant-1.csv",
      "data-header-variant-2.csv",
      "data-header-variant-3.csv", "data-header-variant-4.csv", "data-mpt", "data-dta", "data-z",
      "data-P00",
    ].map {
      Case(
        path: "eis/pyimpspec-tests/\($0)", spectra: 1, points: 29,
        first: (10000, 109.00918219439028, -26.55567987651522))
    }

  /// A relative tolerance for the digits written in the file (P00 rounds to 5 digits).
  static func close(_ a: Double, _ b: Double, _ path: String) -> Bool {
    // P00 writes 5 significant digits, .z files 5 to 7, Ivium 6.
    let lower = path.lowercased()
    let digits =
      lower.hasSuffix("p00")
      ? 1e-4 : ([".z", "-z", "idf", "ids"].contains { lower.hasSuffix($0) } ? 1e-5 : 1e-7)
    return abs(a - b) <= digits * max(abs(b), 1e-12)
  }

  @Test(arguments: cases)
  func readsPointCountAndFirstPoint(_ c: Case) throws {
    let spectra = try ImpedanceFile.read(contentsOf: SharedData.url(c.path))
    #expect(spectra.count == c.spectra)
    for s in spectra { #expect(s.count == c.points, "\(c.path): \(s.count) points") }
    let s = try #require(spectra.first)
    #expect(s.frequencies.allSatisfy { $0 > 0 })
    // Capacitive somewhere: Im Z < 0 at the lowest frequency for every file here except inductive battery spectra.
    if c.first.1 != 0 || c.first.2 != 0 {
      let f0 = try #require(s.frequencies.first)
      let z0 = try #require(s.impedance.first)
      #expect(Self.close(f0, c.first.0, c.path), "\(c.path) f = \(f0)")
      #expect(Self.close(z0.real, c.first.1, c.path), "\(c.path) Re = \(z0.real)")
      #expect(Self.close(z0.imaginary, c.first.2, c.path), "\(c.path) Im = \(z0.imaginary)")
    }
  }

  /// pyimpspec wrote one spectrum in many formats: all must give the same numbers.
  @Test func oneSpectrumInManyFormatsAgrees() throws {
    let reference = try ImpedanceFile.read(
      contentsOf: SharedData.url("eis/pyimpspec-tests/data-comma.csv"))[0]
    for name in [
      "data.dta", "data.mpt", "data.z", "data.i2b", "data-tab.csv",
      "data-comma-decimal-separator.csv",
      "data-header-variant-4.csv", "data.json", "data.dfr", "data.idf", "data.ids",
    ] {
      let other = try ImpedanceFile.read(contentsOf: SharedData.url("eis/pyimpspec-tests/\(name)"))[
        0]
      #expect(other.count == reference.count)
      // Ivium files carry 6 significant digits, the others 7 or more.
      let tolerance = name.hasSuffix("idf") || name.hasSuffix("ids") ? 1e-5 : 1e-6
      for (a, b) in zip(other.impedance, reference.impedance) {
        #expect((a - b).length <= tolerance * b.length, "\(name)")
      }
    }
  }

  /// The EC-Lab text export of the yadg .mpr files reads, spectra split by loop.
  @Test(arguments: [
    "peis.mpt", "peis.issue_149.mpt", "peis.issue_225.with_ece.mpt", "vsp_peis_with.mpt",
  ])
  func ecLabExportsFromYadg(name: String) throws {
    let spectra = try ImpedanceFile.read(contentsOf: SharedData.url("eis/yadg/\(name)"))
    #expect(!spectra.isEmpty)
    let total = spectra.reduce(0) { $0 + $1.count }
    switch name {
    // The files hold 32 and 2240 data rows; SOURCES.md's 31 and 2239 miss
    // the last row, which has no final newline (as `wc -l` counts).
    case "peis.mpt", "peis.issue_225.with_ece.mpt": #expect(total == 32)
    case "vsp_peis_with.mpt":
      #expect(total == 2240 && spectra.count == 32, "\(spectra.count) spectra, \(total) points")
    default: #expect(total > 0)
    }
    // vsp_peis_with.mpt was exported with a 3-line header that names no technique.
    if name != "vsp_peis_with.mpt" { #expect(spectra[0].metadata.technique == "PEIS") }
  }

  @Test func abortedGamryRunSaysSo() throws {
    let s = try ImpedanceFile.read(
      contentsOf: SharedData.url("eis/impedance.py/exampleDataGamryABORT.DTA"))[0]
    #expect(s.metadata.notes.contains { $0.code == "sweepAborted" && $0.message.hasPrefix("experiment aborted") })
    let complete = try ImpedanceFile.read(
      contentsOf: SharedData.url("eis/impedance.py/exampleDataGamry.DTA"))[0]
    #expect(complete.metadata.notes.isEmpty)
  }

  @Test func mptMetadata() throws {
    let s = try ImpedanceFile.read(
      contentsOf: SharedData.url("eis/impedance.py/exampleDataBioLogic.mpt"))[0]
    #expect(s.metadata.device == "SP-150")
    #expect(s.metadata.amplitude == "20.0 mV")
    #expect(s.metadata.technique == "PEIS")
    #expect(s.metadata.imaginaryColumn == "-Im(Z)/Ohm")
  }

  @Test func missingFrequencyColumnIsNamed() throws {
    #expect(throws: ImpedanceReadError.self) {
      try ImpedanceFile.read(
        contentsOf: SharedData.url("eis/impedance.py/exampleDataBioLogic_MissingFreq.mpt"))
    }
    do {
      _ = try ImpedanceFile.read(
        contentsOf: SharedData.url("eis/impedance.py/exampleDataBioLogic_MissingFreq.mpt"))
    } catch let error as ImpedanceReadError {
      #expect(error.description.contains("no frequency column"))
      #expect(error.description.contains("exampleDataBioLogic_MissingFreq.mpt"))
    }
  }

}

/// Malformed input, no shared data needed.
struct ImpedanceReaderErrorTests {
  @Test func brokenInputsGiveTypedErrors() {
    let cases: [(String, String)] = [
      ("empty.csv", ""), ("words.txt", "hello\nworld\n"),
      ("short.mpt", "EC-Lab ASCII FILE\nNb header lines : 99\n"),
      ("nozcurve.DTA", "EXPLAIN\nTAG\tEISPOT\n"), ("two.csv", "1,2\n3,4\n"),
    ]
    for (name, text) in cases {
      #expect(throws: ImpedanceReadError.self, "\(name)") {
        try ImpedanceFile.read(Data(text.utf8), source: name)
      }
    }
  }
}

/// What headers say about the sample: a Novocontrol-style run name and
/// geometry, a Gamry thermocouple reading.
@Suite("Header metadata", SharedData.required)
struct HeaderMetadataTests {
  /// EISFitpython's files name the run on their first line ("s04147-120deg",
  /// "s05751_25deg, …") and Example2a gives Diameter[mm] 13, Thickness[mm] 0.75.
  @Test func novocontrolTitleAndGeometry() throws {
    let a = try #require(
      try ImpedanceFile.read(
        contentsOf: SharedData.url("eis/EISFitpython/Example-2/Example2a.txt")
      ).first)
    #expect(a.metadata.title == "s05751_25deg, 26.02.2025, 15:11")
    #expect(abs((a.metadata.areaSquareCentimetres ?? 0) - Double.pi * 0.65 * 0.65) < 1e-12)
    #expect(a.metadata.thicknessMillimetres == 0.75)
    let c = try #require(
      try ImpedanceFile.read(
        contentsOf: SharedData.url("eis/EISFitpython/Example-2/Example2c.txt")
      ).first)
    #expect(c.metadata.title == "s04147-120deg")
    #expect(c.metadata.thicknessMillimetres == nil)
    // A file without a header has no title.
    let bare = try #require(
      try ImpedanceFile.read(
        contentsOf: SharedData.url("eis/EISFitpython/Example_noheader.txt")
      ).first)
    #expect(bare.metadata.title == nil)
  }

  /// Gamry writes −327.67 °C in the Temp column when no thermocouple is
  /// connected: no temperature. The same file with a reading of 85 °C gives 85.
  @Test func gamryThermocouple() throws {
    let url = SharedData.url("eis/impedance.py/exampleDataGamry.DTA")
    let original = try #require(try ImpedanceFile.read(contentsOf: url).first)
    #expect(original.metadata.temperatureCelsius == nil)
    let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
      .replacingOccurrences(of: "-327.67", with: "85.00")
    let heated = try #require(
      try ImpedanceFile.read(Data(text.utf8), source: "heated.DTA").first)
    #expect(heated.metadata.temperatureCelsius == 85)
    #expect(heated.count == original.count)
  }
}
