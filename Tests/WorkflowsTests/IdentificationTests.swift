import Foundation
import IonicsCore
import TestSupport
import Testing
import Workflows

/// Recognition from content on small inputs written here: what each rule
/// keys on, and the answers for files no rule takes.
@Suite("File identification")
struct IdentificationTests {
  static func identify(_ text: String, name: String = "x.dat") -> FileIdentity {
    FileIdentification.identify(Data(text.utf8), name: name)
  }

  @Test func emptyAndBinaryNoiseAreUnrecognisedWithAReason() {
    let empty = FileIdentification.identify(Data(), name: "empty.csv")
    #expect(empty.outcome == .unrecognised && empty.problem == "an empty file (0 bytes)")
    var generator = SplitMix64(seed: 7)
    let noise = Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
    let binary = FileIdentification.identify(noise, name: "noise.mpr")
    #expect(binary.outcome == .unrecognised)
    #expect(binary.problem?.hasPrefix("binary data (first bytes") == true)
  }

  /// Headerless columns: frequencies falling by decades are impedance, 2θ
  /// rising in equal steps is a pattern; anything else names what it lacks.
  @Test func headerlessColumnsByTheirFirstColumn() {
    let decades = (0..<20).map { k in
      let f = pow(10, 6 - Double(k) * 0.3)
      return "\(f)\t\(100 + Double(k))\t\(-Double(k))"
    }.joined(separator: "\n")
    #expect(Self.identify(decades).kind == .impedance)
    let steps = (0..<50).map { "\(10 + 0.02 * Double($0)) \(1000 + $0)" }.joined(separator: "\n")
    let pattern = Self.identify(steps)
    #expect(pattern.kind == .diffraction && pattern.reader == .diffraction)
    let wavenumbers = (0..<50).map { "\(400 + 4 * Double($0)),\(0.1 * Double($0 % 7))" }.joined(separator: "\n")
    let infrared = Self.identify(wavenumbers)
    #expect(infrared.kind == .infrared && infrared.reader == .infrared)
    let other = (0..<50).map { "\(Double($0)),\(0.1 * Double($0 % 7)),\(Double($0) * 2),7" }
      .joined(separator: "\n")
    let unknown = Self.identify(other)
    #expect(unknown.outcome == .unrecognised)
    #expect(unknown.problem?.contains("add a header row") == true)
  }

  /// Header words decide, and a cycler table carrying impedance columns
  /// (BatteryData) stays a cycler table, while an impedance table carrying
  /// the DC potential (Parstat) stays an impedance table.
  @Test func headerWords() {
    #expect(Self.identify("f,Z',Z''\n1e5,10,-1\n1e4,11,-2\n").kind == .impedance)
    #expect(
      Self.identify("Time_s,Voltage_V,Current_A,Charge_Capacity_Ah,Frequency_Hz,Z_Real_Ohm\n1,3.1,0.1,0,,\n2,3.2,0.1,0.001,,\n").kind
        == .cycling)
    #expect(
      Self.identify("Potential (V),Current (A),Frequency (Hz),Zre (ohms),Zim (ohms)\n3.4,0.1,1e5,1,-1\n3.4,0.1,1e4,2,-2\n").kind
        == .impedance)
    #expect(Self.identify("2theta,intensity\n10,5\n10.02,6\n").kind == .diffraction)
  }

  /// The extension never decides: a CIF named .csv is a CIF, a CSV named
  /// .cif is a table.
  @Test func extensionDoesNotDecide() {
    let cif = "data_x\n_cell_length_a 5\nloop_\n_atom_site_label\nNa1\n"
    #expect(Self.identify(cif, name: "a.csv").kind == .structure)
    #expect(Self.identify("f,Z',Z''\n1e5,10,-1\n1e4,11,-2\n", name: "a.cif").kind == .impedance)
  }

  /// A gzip copy names its member.
  @Test func gzipMemberName() {
    var bytes: [UInt8] = [0x1F, 0x8B, 8, 0x08, 0, 0, 0, 0, 0, 3]
    bytes += Array("run.mpt".utf8) + [0] + [UInt8](repeating: 0, count: 20)
    let identity = FileIdentification.identify(Data(bytes), name: "run.mpt.gz")
    #expect(identity.kind == .compressed)
    #expect(identity.problem?.contains("'run.mpt'") == true)
  }

  /// EC-Lab settings: the technique sequence and the active mass are facts;
  /// the mass matches what the .mpr of the same experiment series holds
  /// (7000 mg, as entered in EC-Lab).
  @Test(SharedData.required("cycling/more")) func ecLabSettingsFacts() throws {
    let url = SharedData.url("cycling/more/datalab_jdb11-1_c3_gcpl_5cycles_2V-3p8V_C-24_data.mps")
    let identity = FileIdentification.identify(try Data(contentsOf: url), name: "run.mps")
    #expect(identity.kind == .settings && identity.outcome == .refused)
    #expect(identity.facts?.techniques == ["GCPL"])
    #expect(identity.facts?.massMilligrams == 7000)
    let mpr = SharedData.url("cycling/more/datalab_jdb11-1_e1_s3_squidTest_data_C15.mpr")
    let read = FileIdentification.read(
      FileIdentification.identify(try Data(contentsOf: mpr), name: "run.mpr"),
      data: try Data(contentsOf: mpr))
    #expect(read.facts?.massMilligrams == 7000)
  }
}
