import Conductivity
import Cycling
import Foundation
import IonicsCore
import Report
import Testing
import Workflows

/// The bundled project's report recovers the paper's published values from
/// raw files simulated with them, and every number in it is the number the
/// single workflow gives on the same file.
@Suite("The NRASCN paper from the bundled raw files")
struct BundledReportTests {
  @Test func everySectionOfThePaperIsMade() throws {
    let sections = try BundledProject.written.get().outcome.sections
    #expect(
      sections.map(\.id) == [
        "structure", "migration", "pattern", "tga", "ir-1", "conductivity", "comparison", "interface-1", "storage",
        "cells", "xps-1", "xps-2", "symmetric-1", "symmetric-2",
      ])
    for s in sections {
      #expect(s.failure == nil, "\(s.id): \(s.failure ?? "")")
      #expect(!s.method.isEmpty, "\(s.id) has no method paragraph")
      for f in s.figures {
        #expect(!f.caption.isEmpty && !f.alternativeText.isEmpty, "\(f.name) needs a caption and alt text")
      }
    }
  }

  /// Fig. S1: the simulated solvate loses all of its O–H stretch and H–O–H
  /// bend on drying (the spectra were made so); the C≡N band, the
  /// normalisation's reference, stays; and the section's verdicts are those
  /// of `ionics ir compare` on the same files.
  @Test func dryingRemovesTheSolventBandsAndKeepsTheCyanide() throws {
    let section = try #require(try BundledProject.written.get().outcome.sections.first { $0.id == "ir-1" })
    let rows = try #require(section.tables.first?.rows)
    func verdict(_ prefix: String) -> String? { rows.first { $0[0].hasPrefix(prefix) }?[4] }
    #expect(verdict("O–H stretch, hydrogen-bonded") == "absent")
    #expect(verdict("H–O–H bend") == "absent")
    #expect(verdict("C≡N stretch, metal cyanide") == "present")
    let lost = try #require(section.values.first { $0.label.hasPrefix("O–H stretch, hydrogen-bonded") })
    #expect(abs(lost.value - 100) < 1)
    let manifest = try ProjectManifest.read(BundledProject.manifestPath)
    var request = IRWorkflow.ComparisonRequest(
      before: manifest.resolve("ir/NRASCN_as-made.jdx"), after: manifest.resolve("ir/NRASCN_dried-200C.jdx"))
    request.normalisation = .band(low: 2040, high: 2200)
    let single = try IRWorkflow.compare(request)
    #expect(single.summary.changes.map(\.verdict.rawValue) == rows.map { $0[4] })
  }

  /// Fig. 3c: σ(25 °C) = 1.05e-5 S/cm and Ea = 0.32 eV went into the
  /// spectra; the fits of the noisy spectra must give them back.
  @Test func pelletGivesThePapersConductivityAndActivationEnergy() throws {
    let sigma = try BundledProject.value("conductivity", "conductivityAt25CSiemensPerCentimetre").value
    #expect(abs(sigma / 1.05e-5 - 1) < 0.02)
    let ea = try BundledProject.value("conductivity", "activationEnergyElectronvolts")
    #expect(abs(ea.value - 0.32) < 0.005)
    #expect((ea.uncertainty ?? 0) > 0 && (ea.uncertainty ?? 1) < 0.01)
    // σT form: Ea(σT) − Ea(σ) ≈ k·T̄ (≈ 0.029 eV at 60 °C) for an exactly Arrhenius σ.
    let eaT = try BundledProject.value("conductivity", "activationEnergySigmaTElectronvolts").value
    #expect(abs((eaT - ea.value) - 8.617e-5 * 333) < 0.004)
  }

  /// The same numbers as `ionics conductivity series` on the same files.
  @Test func conductivityEqualsTheSeriesWorkflow() throws {
    let manifest = try ProjectManifest.read(BundledProject.manifestPath)
    var request = ConductivitySeriesWorkflow.Request(
      paths: try ProjectFiles.expand(["eis/pellet/*.csv"], in: manifest), circuit: "p(R1,CPE1)-CPE2")
    request.geometry = try CellGeometry.disc(diameterMillimetres: 12, thicknessMillimetres: 4)
    let single = try ConductivitySeriesWorkflow.run(request).result
    #expect(request.paths.count == 6)
    #expect(
      try BundledProject.value("conductivity", "conductivityAt25CSiemensPerCentimetre").value
        == single.conductivityAt25C.conductivity)
    #expect(
      try BundledProject.value("conductivity", "activationEnergyElectronvolts").value
        == single.arrhenius.activationEnergyElectronvolts.value)
  }

  /// Fig. S9: the films' σ(25 °C) as published (5.43e-5 and 9.60e-6 S/cm).
  @Test func filmsGiveThePapersConductivities() throws {
    let composite = try BundledProject.value("comparison", "sample2ConductivityAt25CSiemensPerCentimetre").value
    let plain = try BundledProject.value("comparison", "sample3ConductivityAt25CSiemensPerCentimetre").value
    #expect(abs(composite / 5.43e-5 - 1) < 0.02)
    #expect(abs(plain / 9.60e-6 - 1) < 0.02)
    #expect(abs(try BundledProject.value("comparison", "sample2ActivationEnergyElectronvolts").value - 0.5) < 0.01)
  }

  /// Fig. S6: about 3712 Ω at the NVP | NRASCN | Na interfaces; S11: R2
  /// grows as 600 + 90·√t Ω over the storage series.
  @Test func interfaceResistances() throws {
    let r = try BundledProject.value("interface-1", "interfaceResistanceOhm")
    #expect(abs(r.value / 3712 - 1) < 0.02)
    #expect((r.uncertainty ?? 0) > 0)
    let stored = try BundledProject.value("storage", "finalInterfaceResistanceOhm").value
    #expect(abs(stored / (600 + 90 * 168.0.squareRoot()) - 1) < 0.02)
    #expect(abs(try BundledProject.value("storage", "initialInterfaceResistanceOhm").value / 600 - 1) < 0.03)
  }

  /// Fig. 4: the paper's rate capacities, the 91.8 % retention, the
  /// 100.5 mAh/g end of the long run and the 72.0 mAh/g of the cell
  /// without NRASCN; and the same rate steps as `ionics cycling rate`.
  @Test func cellsGiveThePapersCapacities() throws {
    for (rate, capacity) in [("0p1", 116.1), ("0p3", 104.9), ("0p5", 97.4), ("1", 86.4), ("2", 66.4)] {
      let v = try BundledProject.value("cells", "dischargeAt\(rate)CMilliampHoursPerGram").value
      #expect(abs(v - capacity) < 0.2, "\(rate) C: \(v) mAh/g")
    }
    #expect(abs(try BundledProject.value("cells", "retentionPercent").value - 91.8) < 0.2)
    #expect(abs(try BundledProject.value("cells", "finalDischargeMilliampHoursPerGram").value - 100.5) < 0.2)
    #expect(abs(try BundledProject.value("cells", "comparison1FinalDischargeMilliampHoursPerGram").value - 72.0) < 0.2)
    let manifest = try ProjectManifest.read(BundledProject.manifestPath)
    let table = try readCyclerTable(
      manifest.resolve("cells/NVP_PEO-NaTFSI-NRASCN_Na_rate-then-1000-cycles.csv"), profile: nil)
    let steps = table.rateCapability(.instrument, activeMassGrams: 0.002, oneC: 117)
    #expect(steps.count == 6)
    #expect(
      try BundledProject.value("cells", "dischargeAt0p5CMilliampHoursPerGram").value
        == steps[2].meanDischargeMilliampHoursPerGram)
  }

  /// Fig. S12: 112 mV held over 200 h; the control fails after about 24 h.
  @Test func symmetricCells() throws {
    #expect(abs(try BundledProject.value("symmetric-1", "overpotentialMillivolts").value - 112) < 3)
    #expect(abs(try BundledProject.value("symmetric-1", "durationHours").value - 200) < 1)
    #expect((try? BundledProject.value("symmetric-1", "failureHours")) == nil)
    #expect(abs(try BundledProject.value("symmetric-2", "failureHours").value - 24) < 1.5)
  }

  /// Fig. 5: NaF (F 1s 683.5 eV) and Na3N (N 1s 396.7 eV) on the anode,
  /// fitted back from the simulated VAMAS file and assigned by the table.
  @Test func anodeInterphaseComponents() throws {
    let naf = try BundledProject.value("xps-1", "component1PositionElectronvolts")
    let na3n = try BundledProject.value("xps-2", "component1PositionElectronvolts")
    #expect(abs(naf.value - 683.5) < 0.05 && (naf.uncertainty ?? 1) < 0.02)
    #expect(abs(na3n.value - 396.7) < 0.05)
    let shares = try BundledProject.value("xps-1", "component1AreaPercent").value
    #expect(abs(shares - 100 * 30000 / 39000.0) < 2)
    let table = try BundledProject.section("xps-1").tables.first?.rows.first?.last ?? ""
    #expect(table.hasPrefix("NaF (683.5 eV"))
  }

  /// Fig. 3b: the solvate loses 0.75 CH3OH + 6 H2O, the mass fraction of
  /// its formula.
  @Test func thermogravimetryAssignsTheSolvents() throws {
    let formula = try Formula("Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O")
    let loss = try BundledProject.value("tga", "solventLossPercent")
    #expect(abs(loss.value - 100 * formula.solventMassFraction) < 0.3)
    #expect(loss.label.contains("CH3OH") && loss.label.contains("H2O"))
  }

  /// Fig. 3a and migration: the pattern is the structure's own (Rwp small),
  /// and Na⁺ percolates in three dimensions.
  @Test func patternAndMigration() throws {
    #expect(try BundledProject.value("pattern", "rwpPercent").value < 20)
    let barrier3D = try BundledProject.value("migration", "barrier3DElectronvolts").value
    let barrier1D = try BundledProject.value("migration", "barrier1DElectronvolts").value
    #expect(barrier3D >= barrier1D && barrier3D > 0 && barrier3D < 2)
    #expect(abs(try BundledProject.value("structure", "volumeCubicAngstrom").value - 1000) < 1e-6)
  }

  /// Each figure's CSV holds exactly its data: as many numeric rows as the
  /// longest series, units in the headers.
  @Test func figuresAndTheirDataAreWritten() throws {
    let written = try BundledProject.written.get()
    let folder = (written.reportPath as NSString).deletingLastPathComponent
    for figure in written.outcome.sections.flatMap(\.figures) {
      let svg = try String(contentsOfFile: "\(folder)/figures/\(figure.name).svg", encoding: .utf8)
      let csv = try String(contentsOfFile: "\(folder)/figures/\(figure.name).csv", encoding: .utf8)
      #expect(svg.hasPrefix("<svg") && svg.contains("cm\" height="), "\(figure.name) has no printed size")
      let header = csv.split(separator: "\n").first.map(String.init) ?? ""
      #expect(header.contains(" / "), "\(figure.name).csv: no unit in \(header)")
    }
    let results = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/results.json"))) as? [String: Any]
    #expect(results?["schema"] as? String == "ionics/report/1")
    let provenance = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/provenance.json"))) as? [String: Any]
    let inputs = provenance?["inputs"] as? [[String: Any]] ?? []
    #expect(inputs.count == 32)
    let tga = inputs.first { ($0["path"] as? String) == "tga/NRASCN-solvate_10Kmin.txt" }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: try ProjectManifest.read(BundledProject.manifestPath).resolve("tga/NRASCN-solvate_10Kmin.txt")))
    #expect(tga?["sha256"] as? String == InputFile.sha256(of: bytes))
    #expect(tga?["format"] as? String == "NETZSCH Proteus text export")
  }

  /// The bundled files are exactly what the generator writes (so that they
  /// can be remade, and say they are simulated).
  @Test func bundledFilesAreTheSimulation() throws {
    let root = BundledProject.repository.appendingPathComponent("Examples/nrascn-paper")
    for (path, contents) in try PaperProject.files() {
      let bundled = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
      #expect(bundled == contents, "Examples/nrascn-paper/\(path) differs: ionics demo --export-project remakes it")
      if path != "structure/NRASCN-like.cif" {
        #expect(contents.lowercased().contains("simulated"), "\(path) does not say it is simulated")
      }
    }
  }
}
