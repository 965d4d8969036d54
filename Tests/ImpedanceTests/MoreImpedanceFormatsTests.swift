import ComplexModule
import Foundation
import Impedance
import TestSupport
import Testing

/// Impedance formats of the second collection, against the values in
/// shared/data/eis/SOURCES.md (Zahner Analysis' own fits, galvani, the
/// programs' own first rows).
@Suite("More impedance formats", SharedData.required("eis/zahner"))
struct MoreImpedanceFormatsTests {
  static func spectra(_ path: String) throws -> [ImpedanceSpectrum] {
    try ImpedanceFile.read(contentsOf: SharedData.url(path))
  }

  static func fit(_ circuit: String, _ path: String) throws -> CircuitFitResult {
    let spectrum = try #require(try Self.spectra(path).first)
    return try CircuitFitter.fit(try Circuit(circuit), to: spectrum)
  }

  /// Zahner .ism of the RC test object, fitted with the same R‖C model:
  /// Zahner Analysis gives R0 = 9.8866e7 Ω, C0 = 1.4784e-10 F. Both
  /// programs weight by |Z|, so they must agree to 1 %.
  @Test func zahnerRCObject() throws {
    let fit = try Self.fit("p(R0,C0)", "eis/zahner/zahner_rc-data.ism")
    let r = try #require(fit.parameter("R0")).value
    let c = try #require(fit.parameter("C0")).value
    #expect(abs(r / 9.886_583_309e7 - 1) < 0.01, "R0 = \(r)")
    #expect(abs(c / 1.478_386_875e-10 - 1) < 0.01, "C0 = \(c)")
  }

  /// The diode bias series, R‖C in series with L: at 0 mV DC R0 = 8622.1 Ω,
  /// C0 = 3.462e-9 F; at 150 mV R0 = 51.559 Ω, C0 = 3.664e-9 F (Zahner
  /// Analysis). L0 is undetermined in Zahner's fit (significance 3e-4) and
  /// is not compared.
  @Test(arguments: [
    ("eis/zahner/zahner_diode_000_mvdc.ism", 8_622.126, 3.461_837e-9),
    ("eis/zahner/zahner_diode_150_mvdc.ism", 51.559, 3.664e-9),
  ])
  func zahnerDiode(path: String, resistance: Double, capacitance: Double) throws {
    let fit = try Self.fit("p(R0,C0)-L0", path)
    let r = try #require(fit.parameter("R0")).value
    let c = try #require(fit.parameter("C0")).value
    #expect(abs(r / resistance - 1) < 0.01, "R0 = \(r)")
    #expect(abs(c / capacitance - 1) < 0.02, "C0 = \(c)")
  }

  /// The .ism layout: the points measured before the sweep turned are left
  /// out, the rest run from high to low frequency, the date is read.
  @Test func zahnerLayout() throws {
    let spectrum = try #require(try Self.spectra("eis/zahner/zahner_rc-data.ism").first)
    #expect(spectrum.frequencies.first ?? 0 > spectrum.frequencies.last ?? 0)
    #expect(zip(spectrum.frequencies.dropFirst(), spectrum.frequencies).allSatisfy { $0 < $1 })
    #expect(spectrum.metadata.notes.contains { $0.code == "overlapOmitted" })
    #expect(spectrum.metadata.date?.count == 10)
  }

  /// A damaged .ism (count larger than the file) is refused with the offset.
  @Test func zahnerTruncated() throws {
    var bytes = [UInt8](try Data(contentsOf: SharedData.url("eis/zahner/zahner_rc-data.ism")))
    bytes.removeLast(bytes.count - 2000)
    #expect(throws: ImpedanceReadError.self) { try ZahnerISM.read(Data(bytes), source: "cut.ism") }
  }

  /// The Li6PS5Cl pellet at −25 °C as .mpr and as EC-Lab text: the same 79
  /// points, first 7.000018 MHz, Re 359.2415, −Im 290.9204 Ω.
  @Test func argyroditeInTwoEcLabFormats() throws {
    let binary = try #require(
      try Self.spectra("eis/other/hybriddrt_PEIS_LPSCl_IonBlocking_-25C.mpr").first)
    let text = try #require(
      try Self.spectra("eis/other/hybriddrt_PEIS_LPSCl_IonBlocking_-25C.txt").first)
    #expect(binary.count == 79 && text.count == 79)
    #expect(abs(text.frequencies[0] - 7.000018e6) < 1)
    #expect(abs(text.impedance[0].real - 359.2415) < 1e-4)
    #expect(abs(text.impedance[0].imaginary + 290.9204) < 1e-4)
    for k in 0..<79 {
      #expect(abs(binary.frequencies[k] / text.frequencies[k] - 1) < 1e-6)
      #expect((binary.impedance[k] - text.impedance[k]).length < 1e-4 * text.impedance[k].length)
    }
  }

  /// The RelaxIS export of the same pellet (a different repeat, #61 against
  /// #51, ascending frequency): first row 0.1 Hz, Z′ 1.799e6, Z″ −8.094e6 Ω.
  @Test func relaxIS() throws {
    let spectrum = try #require(
      try Self.spectra("eis/other/hybriddrt_PEIS_LPSCl_IonBlocking_-25C_RelaxIS.txt").first)
    let low = try #require(spectrum.frequencies.indices.min { spectrum.frequencies[$0] < spectrum.frequencies[$1] })
    #expect(abs(spectrum.frequencies[low] - 0.1) < 1e-4)
    #expect(abs(spectrum.impedance[low].real / 1.799e6 - 1) < 1e-3)
    #expect(abs(spectrum.impedance[low].imaginary / -8.094e6 - 1) < 1e-3)
  }

  /// PalmSens PSTrace CSV (UTF-16): Z″ is written capacitive-positive; the
  /// phase column says so, and Im Z = −138.177 Ω at 50 kHz (Z′ 759.024 Ω).
  @Test func palmSensSign() throws {
    let spectrum = try #require(try Self.spectra("eis/other/datalab_palmsens_EIS.csv").first)
    #expect(spectrum.count == 41)
    #expect(spectrum.frequencies[0] == 50_000)
    #expect(abs(spectrum.impedance[0].real - 759.024) < 1e-9)
    #expect(abs(spectrum.impedance[0].imaginary + 138.177) < 1e-9)
    #expect(spectrum.metadata.notes.contains { $0.code == "imaginaryNegated" })
  }

  /// Gamry galvanostatic EIS: first point 1.000078 MHz, 0.047117 + 0.169582j Ω.
  @Test func gamryGalvanostatic() throws {
    let spectrum = try #require(try Self.spectra("eis/other/hybriddrt_EISGALV_EISTest3.DTA").first)
    #expect(abs(spectrum.frequencies[0] - 1.000078e6) < 1)
    #expect(abs(spectrum.impedance[0].real - 0.047117) < 1e-6)
    #expect(abs(spectrum.impedance[0].imaginary - 0.169582) < 1e-6)
  }

  /// Maccor FRA export: first point at 999 999 Hz, Z′ 0.773446, Z″ −0.849201
  /// (phase −47.67°).
  @Test func maccorFRA() throws {
    let spectrum = try #require(
      try Self.spectra("eis/other/beep_maccor_test_file_4267-66-6519.EDA0001.041").first)
    #expect(abs(spectrum.frequencies[0] - 999_999) < 1)
    #expect(abs(spectrum.impedance[0].real - 0.773446) < 1e-6)
    #expect(abs(spectrum.impedance[0].imaginary + 0.849201) < 1e-6)
    #expect(abs(spectrum.impedance[0].phase * 180 / .pi + 47.67) < 0.01)
  }

  /// BioLogic ZIR: one frequency, 10.02 kHz, 1.0407e5 − 93 854j Ω (galvani).
  @Test func bioLogicZIR() throws {
    let spectrum = try #require(try Self.spectra("eis/other/yadg_zir.mpr").first)
    #expect(spectrum.count == 1)
    #expect(abs(spectrum.frequencies[0] / 10_020 - 1) < 1e-3)
    #expect(abs(spectrum.impedance[0].real / 1.0407e5 - 1) < 1e-4)
    #expect(abs(spectrum.impedance[0].imaginary / -93_854 - 1) < 1e-4)
  }
}

/// Inputs the fuzzer found, reduced.
@Suite("Impedance fuzz findings")
struct ImpedanceFuzzFindingsTests {
  /// A Zahner .ism whose first points are plausible but a later modulus is
  /// negative trapped in Complex(length:phase:): refused with the point.
  @Test func zahnerNegativeModulusLaterInTheFile() throws {
    let n = 12
    var bytes = [UInt8](repeating: 0, count: 6) + [0, 0, 0, 0, 0, UInt8(n - 1)]
    func double(_ x: Double) -> [UInt8] {
      withUnsafeBytes(of: x.bitPattern.bigEndian) { Array($0) }
    }
    for k in 0..<n { bytes += double(pow(10, 5 - Double(k) * 0.5)) }
    for k in 0..<n { bytes += double(k == 10 ? -5 : 100) }
    for _ in 0..<n { bytes += double(-0.5) }
    bytes += [UInt8](repeating: 0, count: n * 10 + 16)
    #expect(ZahnerISM.plausiblePointCount(Data(bytes)) == n)
    #expect(throws: ImpedanceReadError.self) { try ZahnerISM.read(Data(bytes), source: "neg.ism") }
  }
}
