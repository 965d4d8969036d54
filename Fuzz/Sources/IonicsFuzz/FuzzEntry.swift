import Conductivity
import Crystal
import Cycling
import Diffraction
import Foundation
import Impedance
import IonicsCore
import Spectroscopy
import Thermal
import Workflows

/// One reader family under the fuzzer, chosen once from IONICS_FUZZ_TARGET.
/// Every input must end in a result or a thrown error: a trap, a sanitizer
/// report, more than 1 s or more than 1 GB is a finding.
enum FuzzTarget: String, CaseIterable {
  case impedance, cycling, cif, pattern, tga, manifest, formula, circuit, identify, spectroscopy

  static let current: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["IONICS_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      FileHandle.standardError.write(
        Data("set IONICS_FUZZ_TARGET to one of \(allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
      exit(2)
    }
    return target
  }()

  func run(_ data: Data) {
    switch self {
    case .impedance:
      if let spectra = try? ImpedanceFile.read(data, source: "fuzz") {
        for s in spectra { _ = s.droppingInductivePoints() }
      }
    case .cycling:
      if let table = try? CyclerFile.read(data, source: "fuzz") {
        _ = table.cycles()
        _ = table.cycles(.chargeAfterDischarge)
      }
    case .cif:
      if let document = try? CIFParser.parse(data, source: "fuzz") {
        for block in document.blocks.prefix(4) {
          if let s = try? CrystalStructure(block: block, source: "fuzz") {
            _ = s.formula
            _ = s.density
            // A small structure's atoms through one short Rietveld cycle
            // (site symmetry, U_ij constraints, structure factors).
            if s.sites.count <= 16, s.positions.count <= 200, s.cell.volume.value < 1000,
              let radiation = try? XRayRadiation("CuKa1"),
              let reflections = try? LeBailRefinement.reflections(of: s, radiation: radiation, range: 20...26),
              !reflections.isEmpty, reflections.count <= 30
            {
              let x = stride(from: 20.0, through: 26.0, by: 0.2).map { $0 }
              let pattern = MeasuredPattern(twoTheta: x, intensity: x.map { 100 + 50 * sin($0) }, format: "fuzz")
              var options = LeBailRefinement.Options()
              options.method = .rietveld
              options.refineAtoms = true
              options.refineOccupancies = true
              options.cycles = 1
              options.backgroundTerms = 2
              let lattice = LatticeParameters(
                system: .triclinic, a: s.cell.a.value, b: s.cell.b.value, c: s.cell.c.value, alpha: s.cell.alpha.value,
                beta: s.cell.beta.value, gamma: s.cell.gamma.value)
              let phase = LeBailRefinement.Phase(
                name: "fuzz", lattice: lattice, reflections: reflections, cellMass: s.cellMassGramsPerMole, structure: s)
              _ = try? LeBailRefinement.refine(
                pattern: pattern, instrument: PowderInstrument(radiation: radiation), phases: [phase], options: options)
            }
          }
        }
      }
    case .pattern:
      // The pattern readers, the instrument-file readers, and one short
      // Le Bail cycle of a small pattern against a fixed cubic cell.
      _ = try? PowderInstrument.read(data, source: "fuzz")
      if let pattern = try? MeasuredPattern.read(data, source: "fuzz"), (20...400).contains(pattern.twoTheta.count),
        let radiation = try? XRayRadiation("CuKa1")
      {
        var options = LeBailRefinement.Options()
        options.cycles = 1
        options.backgroundTerms = 2
        let cell = LatticeParameters(system: .cubic, a: 4, b: 4, c: 4, alpha: 90, beta: 90, gamma: 90)
        let reflections = [SIMD3(1, 0, 0), SIMD3(1, 1, 0), SIMD3(1, 1, 1)].map {
          LeBailRefinement.Reflection(hkl: $0, multiplicity: 6, structureFactorSquared: 100)
        }
        _ = try? LeBailRefinement.refine(
          pattern: pattern, radiation: radiation, lattice: cell, reflections: reflections, options: options)
      }
    case .tga:
      if let run = try? ThermogravimetricFile.read(data, source: "fuzz") {
        _ = ThermogravimetricAnalysis(run)
      }
    case .spectroscopy:
      // Every spectroscopy reader, a fit and the quantification of an XPS
      // region when one reads, and the IR analysis (conversion, baseline,
      // bands) of an optical spectrum.
      if let all = try? PhotoelectronFile.read(data, source: "fuzz"), let s = all.first,
        let energies = s.bindingEnergies, s.count >= 12, s.count <= 4096, let middle = energies.sorted().dropFirst(s.count / 2).first
      {
        _ = try? XPSFit.fit(energies: energies, signal: s.signal, components: [XPSFit.Component("peak", position: middle)])
        _ = try? XPSQuantification.atomicPercent(XPSQuantification.regionAreas(Array(all.prefix(8))))
      }
      if let optical = try? OpticalSpectrumFile.read(data, source: "fuzz").first, optical.x.count <= 8192,
        let processed = try? ProcessedIRSpectrum(optical, source: "fuzz")
      {
        _ = processed.bands()
      }
    case .manifest:
      // Both manifests: a series' temperature table and a project's ionics.toml.
      let text = String(decoding: data, as: UTF8.self)
      _ = try? TemperatureSource.manifest(text, source: "fuzz")
      _ = try? ProjectManifest.parse(text, path: "/fuzz/ionics.toml", checkFiles: false)
    case .formula:
      _ = try? Formula(String(decoding: data.prefix(4096), as: UTF8.self))
    case .circuit:
      _ = try? Circuit(String(decoding: data.prefix(4096), as: UTF8.self))
    case .identify:
      let identity = FileIdentification.identify(data, name: "fuzz")
      _ = FileIdentification.read(identity, data: data)
    }
  }
}
