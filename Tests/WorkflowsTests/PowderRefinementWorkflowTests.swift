import Crystal
import Foundation
import TestSupport
import Testing
import Workflows

/// `ionics xrd refine` as a workflow: the refined cell goes out as a CIF
/// that reads back with its s.u., and the report carries the fit.
@Suite("Powder refinement workflow", SharedData.required("xrd"))
struct PowderRefinementWorkflowTests {
  /// NIST660CBI against the bundled LaB6 CIF, GSAS-II's laboratory Cu Kα lines.
  static func lab6Request() throws -> PowderRefinementWorkflow.Request {
    var request = PowderRefinementWorkflow.Request(
      measuredPath: SharedData.url("xrd/gsas2tut_NIST660CBI.gsas").path,
      structurePath: BundledProject.repository.appendingPathComponent("Examples/lab6/LaB6.cif").path)
    request.radiation = try .init("1.5405,1.5443,0.5")
    return request
  }

  @Test func refinedCIFReadsBack() throws {
    let request = try Self.lab6Request()
    let outcome = try PowderRefinementWorkflow.run(request)
    let a = try #require(outcome.result.values.first { $0.name == "a" })
    let text = outcome.refinedStructure.cif(expandedToP1: false)
    let back = try CrystalStructure(block: try #require(try CIFParser.parse(text, source: "refined.cif").blocks.first), source: "refined.cif")
    #expect(abs(back.cell.a.value - a.value) < 1e-6 && abs(back.cell.c.value - a.value) < 1e-6)
    #expect(abs(back.cell.a.standardUncertainty - (a.standardUncertainty ?? 0)) < 1e-6 && back.cell.a.standardUncertainty > 0)
    #expect(back.cell.alpha.value == 90 && back.sites.count == 2)
    #expect(outcome.report.method == "le-bail" && outcome.report.diagnostics.allSatisfy { $0.code != "fitDidNotSettle" })
    #expect(outcome.figure.svg.contains("reflections"))
  }

  /// With the atoms refined, the CIF carries the refined coordinates and
  /// U with their s.u., and reads back into the rest of Ionics.
  @Test func refinedAtomsReadBack() throws {
    var request = try Self.lab6Request()
    request.method = .rietveld
    request.refineAtoms = true
    let outcome = try PowderRefinementWorkflow.run(request)
    let x = try #require(outcome.result.phases[0].values.first { $0.name == "B1:x" })
    let text = outcome.refinedStructure.cif(expandedToP1: false)
    let back = try CrystalStructure(
      block: try #require(try CIFParser.parse(text, source: "refined.cif").blocks.first), source: "refined.cif")
    let boron = try #require(back.sites.first { $0.label == "B1" })
    // The CIF writes the value to the digits its s.u. justifies.
    #expect(abs(boron.x.value - x.value) < (x.standardUncertainty ?? 0) && x.value != 0.1996)
    #expect(boron.x.standardUncertainty > 0 && boron.uIso != nil)
    #expect(back.multiplicities == [1, 6])
    #expect(outcome.report.refined.contains { $0.name == "La1:Uiso" })
  }

  /// A phase named for --hold-atoms that is not among the CIFs is an error naming the phases there are.
  @Test func heldAtomsMustNameAPhase() throws {
    var request = try Self.lab6Request()
    request.method = .rietveld
    request.refineAtoms = true
    request.atomsHeld = ["CaF2"]
    #expect {
      try PowderRefinementWorkflow.run(request)
    } throws: { error in
      "\(error)".contains("CaF2") && "\(error)".contains("LaB6")
    }
  }

  /// Two phases go into one CIF as two data blocks, each with its refined cell.
  @Test func everyPhaseGoesIntoTheCIF() throws {
    var request = try Self.lab6Request()
    request.structurePaths.append(BundledProject.repository.appendingPathComponent("Examples/fluorite/CaF2.cif").path)
    let outcome = try PowderRefinementWorkflow.run(request)
    let blocks = try CIFParser.parse(outcome.refinedCIF, source: "refined.cif").blocks
    #expect(blocks.count == 2)
    let structures = try blocks.map { try CrystalStructure(block: $0, source: "refined.cif") }
    for (structure, phase) in zip(structures, outcome.result.phases) {
      #expect(structure.name == phase.name && abs(structure.cell.a.value - phase.lattice.a) < 1e-5)
    }
  }
}
