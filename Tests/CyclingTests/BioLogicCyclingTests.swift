import Foundation
import TestSupport
import Testing

@testable import Cycling

@Suite("EC-Lab cycling exports against EC-Lab's own cycle columns", SharedData.required)
struct BioLogicCyclingTests {
  static func table(_ name: String) throws -> CyclerTable {
    try BioLogicCyclingText.read(
      Data(contentsOf: SharedData.url("cycling/biologic/\(name)")), source: name)
  }

  /// Per cycle (mAh) as EC-Lab exported them (`Q charge/mA.h`, `Q
  /// discharge/mA.h` at the end of each cycle; shared/data/cycling/SOURCES.md),
  /// reproduced from the records to 1e-6 mAh, both by the file's cycle
  /// numbers and by EC-Lab's rule (a new cycle at a charge after a discharge).
  @Test(arguments: [
    (
      "yadg_gcpl.pr_182.1.mpt",
      [
        (0.0, 3.251960), (2.616072, 2.252434), (2.092633, 2.119512), (1.988163, 2.088278),
        (1.978895, 0),
      ]
    ),
    (
      "yadg_gcpl.issue_211.mpt",
      [
        (0.057506, 0.053389), (0.053827, 0.053862), (0.053970, 0.053960), (0.054046, 0.054041),
        (0.054124, 0.054083),
      ]
    ),
    ("yadg_gcpl.issue_226.I.mpt", [(0.001999, 0.001962)]),
  ])
  func cycleCapacities(file: String, expected: [(Double, Double)]) throws {
    let t = try Self.table(file)
    for rule in [CycleRule.instrument, .chargeAfterDischarge] {
      let cycles = t.cycles(rule).cycles
      #expect(cycles.count == expected.count, "\(file) \(rule)")
      for (c, (chg, dis)) in zip(cycles, expected) {
        #expect(abs(c.chargeAh * 1000 - chg) < 1e-6, "\(file) cycle \(c.cycle) charge")
        #expect(abs(c.dischargeAh * 1000 - dis) < 1e-6, "\(file) cycle \(c.cycle) discharge")
      }
    }
  }

  /// EC-Lab's efficiencies (86.099854 % and 101.28448 % in cycles 1 and 2
  /// of the half cell; 92.840805 % in cycle 0 of the polymer cell), the
  /// active masses of the headers, and the German-locale file's 4 loops of
  /// 0.0000833 mAh pulses.
  @Test func efficienciesMassesAndLocale() throws {
    let half = try Self.table("yadg_gcpl.pr_182.1.mpt").cycles().cycles
    #expect(abs((half[1].coulombicEfficiency ?? 0) * 100 - 86.099854) < 1e-4)
    #expect(abs((half[2].coulombicEfficiency ?? 0) * 100 - 101.28448) < 1e-4)
    #expect(half[0].coulombicEfficiency == nil)  // discharge only
    let polymer = try Self.table("yadg_gcpl.issue_211.mpt")
    #expect(abs((polymer.cycles().cycles[0].coulombicEfficiency ?? 0) * 100 - 92.840805) < 1e-3)
    #expect(polymer.activeMassGrams.map { abs($0 - 0.790e-3) < 1e-12 } == true)
    #expect(
      try Self.table("yadg_gcpl.issue_226.I.mpt").activeMassGrams.map { abs($0 - 1.390e-3) < 1e-12 }
        == true)
    let german = try Self.table("yadg_gcpl.issue_149.mpt")
    #expect(german.count == 132)
    let pulses = german.cycles().cycles
    #expect(pulses.count == 4)
    #expect(pulses.allSatisfy { abs($0.chargeAh * 1000 - 0.0000833) < 1e-6 })
  }
}

@Suite("EC-Lab cycling exports: bad input")
struct BioLogicCyclingErrorTests {
  static let good = """
    EC-Lab ASCII FILE
    Nb header lines : 5

    Characteristic mass : 1,5 mg
    time/s\tEwe/V\tdq/mA.h\tcycle number
    0\t3,0\t0\t0
    10\t3,1\t0,01\t0
    20\t3,2\t-0,008\t0
    30\t3,3\t0,02\t1
    """

  /// Decimal commas in the header and the table; a broken value names its
  /// line; a file without the header count or a time column is refused.
  @Test func readsAndRefuses() throws {
    let t = try BioLogicCyclingText.read(Data(Self.good.utf8), source: "t.mpt")
    #expect(t.count == 4 && t.activeMassGrams == 1.5e-3 && t.voltage[1] == 3.1)
    #expect(t.cycles().cycles.map(\.chargeAh) == [1e-5, 2e-5])
    let broken = Self.good.replacingOccurrences(of: "20\t3,2", with: "20\tx")
    #expect(
      throws: CyclingError.badValue(
        source: "t.mpt", line: 8, "expected a number for Ewe/V in column 2")
    ) {
      try BioLogicCyclingText.read(Data(broken.utf8), source: "t.mpt")
    }
    #expect(throws: CyclingError.self) {
      try BioLogicCyclingText.read(
        Data("EC-Lab ASCII FILE\nNb header lines : 90\n".utf8), source: "t.mpt")
    }
    #expect(throws: CyclingError.self) {
      try BioLogicCyclingText.read(
        Data(Self.good.replacingOccurrences(of: "time/s", with: "t").utf8), source: "t.mpt")
    }
    #expect(throws: CyclingError.self) {
      try BioLogicCyclingText.read(Data("hello".utf8), source: "t.mpt")
    }
  }
}

@Suite("Maccor text exports against shared/data/cycling/SOURCES.md", SharedData.required)
struct MaccorTests {
  static func table(_ name: String) throws -> CyclerTable {
    try MaccorText.read(Data(contentsOf: SharedData.url("cycling/maccor/\(name)")), source: name)
  }

  /// SOURCES.md gives, per Cyc# and State, the largest Amp-hr: for the
  /// "Test (Sec)" variant 0 dis 0.12473; 1 chg 3.19109 / dis 3.19185; 2 dis
  /// 0.53990 Ah, and for the 0 °C validation file (TestTime as "0d 00:00:0",
  /// Cyc# always 0) chg 3.36871 / dis 4.54403 Ah. Both files loop several
  /// charge–discharge cycles inside one Cyc#: Ionics says so, and each
  /// reference is the largest half cycle of its direction inside the Cyc#.
  @Test func capacitiesPerCycle() throws {
    let teslaTable = try Self.table("beep_xTESLADIAG_000019_CH70.070")
    let (tesla, _, warnings) = teslaTable.cycles()
    #expect(tesla.map(\.cycle) == [0, 1, 2])
    #expect(abs(tesla[0].dischargeAh - 0.12473) < 5e-6 && tesla[0].chargeAh < 1e-9)
    #expect(warnings.first?.code == "instrumentCycleHoldsSeveral")
    #expect(warnings.first?.message.contains("instrument cycle 1 ") == true)
    // The largest half cycle of each direction inside a Cyc#.
    func largest(_ t: CyclerTable, inside cycle: Int) -> (Double, Double) {
      let halves = t.halfCycles.filter { $0.instrumentCycle == cycle }
      func top(_ d: Int) -> Double {
        halves.filter { $0.direction == d }.map(\.capacityAh).max() ?? 0
      }
      return (top(1), top(-1))
    }
    let (c1, d1) = largest(teslaTable, inside: 1)
    #expect(abs(c1 - 3.19109) < 5e-6 && abs(d1 - 3.19185) < 5e-6, "\(c1) \(d1)")
    #expect(abs(largest(teslaTable, inside: 2).1 - 0.53990) < 5e-6)
    let slice = try Self.table("beep_PredictionDiagnostics_000151_test.052").cycles().cycles
    #expect(slice.count == 1 && abs(slice[0].dischargeAh - 0.02363) < 5e-6)
    // The cold file charges CC (step 4, Amp-hr up to 3.36871) then CV (step
    // 5, Amp-hr restarting and rising to 1.15388): SOURCES.md's largest
    // Amp-hr per state is the CC step alone; the half cycle is their sum,
    // and the discharge that follows (4.54403) returns it.
    let cold = try Self.table("cellpy_maccor_001.txt")
    #expect(cold.count == 6704)
    let (c0, d0) = largest(cold, inside: 0)
    #expect(abs(d0 - 4.54403) < 5e-6, "\(d0)")
    let firstCharge = try #require(cold.halfCycles.first { $0.direction == 1 })
    #expect(abs(firstCharge.capacityAh - (3.36871 + 1.15388)) < 5e-6)
    #expect(c0 > 3.36871 + 1)
    let eis = try Self.table("beep_maccor_test_file_4267-66-6519.041")
    #expect(eis.count == 74)
  }
}

@Suite("Cycler CSV exports with capacity columns", SharedData.required)
struct CapacityColumnsTests {
  static func table(_ path: String) throws -> CyclerTable {
    try CyclerFile.read(Data(contentsOf: SharedData.url("cycling/\(path)")), source: path)
  }

  /// Neware BTS CSV (capacities restart every step): SOURCES.md's sums of
  /// step maxima per Cycle Index, to the export's 1e-8 Ah.
  @Test func newareRestartsEveryStep() throws {
    let cycles = try Self.table("neware/cellpy_neware_uio.csv").cycles().cycles
    let expected = [(4.24934, 5.08628), (4.24668, 4.36841), (7.83477, 7.97423), (1.43796, 3.31516)]
    #expect(cycles.count == expected.count)
    for (c, (chg, dis)) in zip(cycles, expected) {
      #expect(abs(c.chargeAh * 1000 - chg) < 1e-5 && abs(c.dischargeAh * 1000 - dis) < 1e-5, "\(c)")
    }
  }

  /// LAND (normalised CSV behind a six-line preamble, 4 decimals): cycle 1
  /// discharge 6.3 and charge 3.2 mAh, cycle 2 discharge 1.3 mAh; Arbin CSV
  /// with empty Cycle_Index: one charge of 0.60827 Ah.
  @Test func landAndArbin() throws {
    let land = try Self.table("land/bdf_SINTEF__LiGrR2032__2024-04-30__25degC__Landt.csv")
    let (cycles, _, warnings) = land.cycles()
    #expect(abs(cycles[0].dischargeAh - 0.0063) < 1e-9 && abs(cycles[0].chargeAh - 0.0032) < 1e-9)
    #expect(abs(cycles[1].dischargeAh - 0.0013) < 1e-9)
    #expect(warnings.isEmpty)
    let arbin = try Self.table("arbin/beep_2017-05-09_test-TC-contact_CH33.csv")
    #expect(arbin.instrumentCycle == nil && arbin.count == 287)
    #expect(abs(arbin.cycles().cycles[0].chargeAh - 0.60827) < 5e-6)
  }

  /// Battery Data Format (time in hours, capacities per cycle): cycle 2
  /// 155.163 / 146.838 mAh, cycle 109 149.361 / 149.361; cycle 1 opens with
  /// a discharge before its charge, so its discharge is the sum of both
  /// (SOURCES.md's 159.789 mAh is the larger of the two half cycles).
  @Test func batteryDataFormat() throws {
    let t = try Self.table("other/cellpy_batmo_bdf.csv")
    #expect(abs(t.time[1] - 0.277777777777778 * 3600) < 1e-9)
    let cycles = t.cycles().cycles
    #expect(cycles.count == 109)
    #expect(abs(cycles[0].chargeAh * 1000 - 158.948) < 1e-3)
    #expect(
      abs(cycles[1].chargeAh * 1000 - 155.163) < 1e-3
        && abs(cycles[1].dischargeAh * 1000 - 146.838) < 1e-3)
    #expect(
      abs(cycles[108].chargeAh * 1000 - 149.361) < 1e-3
        && abs(cycles[108].dischargeAh * 1000 - 149.361) < 1e-3)
    let first = t.halfCycles.filter { $0.instrumentCycle == 1 && $0.direction == -1 }
    #expect(first.count == 2 && abs((first.map(\.capacityAh).max() ?? 0) * 1000 - 159.789) < 1e-3)
  }

  /// A CSV whose columns are not known is refused with what was looked for.
  @Test func unknownColumns() {
    #expect(throws: CyclingError.self) {
      try CapacityColumnsCSV.read(Data("a,b,c\n1,2,3\n".utf8), source: "x.csv")
    }
  }
}

@Suite("EC-Lab binary .mpr cycling files", SharedData.required)
struct BioLogicBinaryCyclingTests {
  static func table(_ name: String) throws -> CyclerTable {
    try CyclerFile.read(Data(contentsOf: SharedData.url("cycling/biologic/\(name)")), source: name)
  }

  /// The active mass in the settings module is the one the .mpt header
  /// states ("Mass of active material : 0.790 mg", 1.390 mg); EC-Lab's
  /// placeholder 0.001 mg (cellpy's file) counts as none.
  @Test func activeMassFromTheSettings() throws {
    for (name, mg) in [("yadg_gcpl.issue_211", 0.790), ("yadg_gcpl.issue_226.I", 1.390)] {
      let binary = try Self.table("\(name).mpr")
      let text = try Self.table("\(name).mpt")
      #expect(abs((binary.activeMassGrams ?? 0) * 1000 - mg) < 1e-6, "\(name)")
      #expect(abs((binary.activeMassGrams ?? 0) - (text.activeMassGrams ?? -1)) < 1e-9, "\(name)")
    }
    #expect(try Self.table("cellpy_biol.mpr").activeMassGrams == nil)
  }

  /// The .mpr (no cycle number, no current) gives EC-Lab's own .mpt
  /// export: the same cycles by EC-Lab's rule, capacities to 1e-9 Ah, and a
  /// current from dq/dt equal to the export's <I>/mA (median relative
  /// difference below 1e-6).
  @Test(arguments: ["yadg_gcpl.pr_182.1", "yadg_gcpl.issue_211", "yadg_gcpl.issue_226.I"])
  func binaryEqualsTheExport(name: String) throws {
    let binary = try Self.table(name + ".mpr")
    let text = try Self.table(name + ".mpt")
    #expect(binary.count == text.count && binary.instrumentCycle == nil)
    let a = binary.cycles().cycles
    let b = text.cycles().cycles
    #expect(a.count == b.count)
    for (x, y) in zip(a, b) {
      #expect(abs(x.chargeAh - y.chargeAh) < 1e-9 && abs(x.dischargeAh - y.dischargeAh) < 1e-9)
    }
    let derived = try #require(binary.current)
    let recorded = try #require(text.current)
    let ratios = zip(derived, recorded).filter { abs($0.1) > 1e-9 }.map { abs($0.0 / $0.1 - 1) }
      .sorted()
    #expect(!ratios.isEmpty && ratios[ratios.count / 2] < 1e-6)
  }

  /// galvani's half-cycle sums (SOURCES.md): the NMC-like cell's opening
  /// discharge 0.00866 mAh, then 0.54497/0.48158 (88.37 %), 0.45617/0.45297,
  /// 0.45321/0.45660, 0.46140/0.46412 and a last charge of 0.46953 mAh; the
  /// one long step of cellpy's file +4.97689 mAh; a cut file is refused.
  @Test func galvaniReferences() throws {
    let c = try Self.table("yadg_gcpl.issue_175.mpr").cycles().cycles
    let expected = [
      (0.0, 0.00866), (0.54497, 0.48158), (0.45617, 0.45297), (0.45321, 0.45660),
      (0.46140, 0.46412), (0.46953, 0.0),
    ]
    #expect(c.count == expected.count)
    for (x, (chg, dis)) in zip(c, expected) {
      #expect(abs(x.chargeAh * 1000 - chg) < 5e-6 && abs(x.dischargeAh * 1000 - dis) < 5e-6, "\(x)")
    }
    #expect(abs((c[1].coulombicEfficiency ?? 0) * 100 - 88.37) < 0.005)
    let long = try Self.table("cellpy_biol.mpr").cycles().cycles
    #expect(long.count == 1 && abs(long[0].chargeAh * 1000 - 4.97689) < 5e-6)
    let whole = try Data(contentsOf: SharedData.url("cycling/biologic/yadg_gcpl.issue_226.I.mpr"))
    #expect(throws: CyclingError.self) {
      try CyclerFile.read(whole.prefix(whole.count - 40), source: "cut.mpr")
    }
  }
}

@Suite("Rate capability and retention on a simulated cell")
struct RateCapabilityTests {
  /// The paper's cell (NVP, 1 C = 117 mAh/g, 2.5–3.9 V): five cycles each at
  /// 0.1, 0.3, 0.5, 1 and 2 C giving 116.1, 104.9, 97.4, 86.4 and 66.4
  /// mAh/g, then 1000 cycles at 0.3 C fading linearly to 100.5 mAh/g. The
  /// rate table gives back each rate and capacity, and the retention against
  /// the first long-term cycle is 91.8 %.
  @Test func paperCell() {
    let rates = [(0.1, 116.1), (0.3, 104.9), (0.5, 97.4), (1.0, 86.4), (2.0, 66.4)]
    var blocks = rates.map {
      CellSimulator.Block(
        cRate: $0.0, dischargeMilliampHoursPerGram: Array(repeating: $0.1, count: 5))
    }
    let start = 100.5 / 0.918
    let fade = (0..<1000).map { start + (100.5 - start) * Double($0) / 999 }
    blocks.append(CellSimulator.Block(cRate: 0.3, dischargeMilliampHoursPerGram: fade))
    let mass = 2.0e-3
    let cell = CellSimulator.cycling(blocks, activeMassGrams: mass, oneC: 117, window: 2.5...3.9)
    let table = cell.rateCapability(activeMassGrams: mass, oneC: 117)
    #expect(table.count == 6)
    for (step, (rate, capacity)) in zip(table, rates) {
      #expect(step.cRate == rate && step.cycles.count == 5)
      #expect(abs(step.meanDischargeMilliampHoursPerGram - capacity) < 1e-9)
    }
    #expect(abs(table[0].fractionOfTheoretical - 116.1 / 117) < 1e-12)
    #expect(table[5].cRate == 0.3 && table[5].cycles.count == 1000)
    #expect(abs(table[5].lastDischargeMilliampHoursPerGram - 100.5) < 1e-9)
    let retention = cell.retention(reference: 26)
    #expect(retention.map { abs($0 - 0.918) < 1e-9 } == true)
    // Coulombic efficiency as simulated, Q_dis/Q_chg.
    #expect(abs((cell.cycles().cycles[3].coulombicEfficiency ?? 0) - 0.999) < 1e-12)
  }
}

@Suite("Energies and mean voltages")
struct EnergyTests {
  /// A simulated cycle ramps 2.5 → 3.9 V while charging and back while
  /// discharging, 20 records each: the mean voltages are the means of the
  /// recorded voltages, 2.5 + 1.4·21/40 and 3.9 − 1.4·21/40 V, and the energy
  /// efficiency is CE × their ratio.
  @Test func meanVoltagesOfARamp() throws {
    let cell = CellSimulator.cycling(
      [CellSimulator.Block(cRate: 1, dischargeMilliampHoursPerGram: [100])], activeMassGrams: 1e-3,
      oneC: 100, window: 2.5...3.9, coulombicEfficiency: 0.99)
    let c = try #require(cell.cycles().cycles.first)
    let up = 2.5 + 1.4 * 21 / 40
    let down = 3.9 - 1.4 * 21 / 40
    #expect(
      abs((c.meanChargeVoltage ?? 0) - up) < 1e-12
        && abs((c.meanDischargeVoltage ?? 0) - down) < 1e-12)
    #expect(abs((c.polarisation ?? 0) - (up - down)) < 1e-12)
    #expect(abs((c.energyEfficiency ?? 0) - 0.99 * down / up) < 1e-12)
  }
}

@Suite("Energies against EC-Lab", SharedData.required)
struct EnergyAgainstECLabTests {
  /// EC-Lab's exported `Energy charge/W.h` and `Energy discharge/W.h` at the
  /// end of each cycle of the half cell (its .mpt), reproduced from the .mpr
  /// as Σ Ewe·dq to 1e-12 Wh.
  @Test func halfCellEnergies() throws {
    let name = "yadg_gcpl.pr_182.1.mpr"
    let t = try CyclerFile.read(
      Data(contentsOf: SharedData.url("cycling/biologic/\(name)")), source: name)
    let c = t.cycles().cycles
    let expected = [
      (0.0, 0.0004347392904), (0.0004263084326, 0.0003155979409),
      (0.0004159288033, 0.0003153996385),
      (0.0004164730936, 0.0003131928383), (0.0004189631600, 0.0),
    ]
    #expect(c.count == expected.count)
    for (x, (chg, dis)) in zip(c, expected) {
      #expect(abs(x.chargeWh - chg) < 2e-12 && abs(x.dischargeWh - dis) < 2e-12, "\(x)")
    }
  }
}
