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
