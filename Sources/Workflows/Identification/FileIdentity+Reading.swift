import Crystal
import Cycling
import Diffraction
import Foundation
import Impedance
import Spectroscopy
import IonicsCore
import Thermal

extension FileIdentification {
  /// `identity` after reading `data` with its reader: the key facts, or why
  /// the reader refused the file. A file without a reader is returned as is.
  public static func read(_ identity: FileIdentity, data: Data) -> FileIdentity {
    guard let reader = identity.reader else { return identity }
    var result = identity
    let name = URL(fileURLWithPath: identity.file).lastPathComponent
    do {
      var facts = FileFacts()
      switch reader {
      case .impedance:
        let spectra = try ImpedanceFile.read(data, source: name)
        let f = spectra.flatMap(\.frequencies)
        facts.points = f.count
        facts.curves = spectra.count
        facts.rangeOf = "frequency"
        facts.rangeLow = f.min()
        facts.rangeHigh = f.max()
        facts.rangeUnit = "Hz"
        facts.techniques = spectra.first?.metadata.technique.map { [$0] }
        result.diagnostics = spectra.flatMap(\.metadata.notes)
      case .cycling:
        let table = try CyclerFile.read(data, source: name)
        facts.points = table.count
        facts.cycles = table.instrumentCycle.flatMap { cycles in
          cycles.isEmpty ? nil : Set(cycles).count
        }
        facts.rangeOf = "voltage"
        facts.rangeLow = table.voltage.min()
        facts.rangeHigh = table.voltage.max()
        facts.rangeUnit = "V"
        facts.massMilligrams = table.activeMassGrams.map { $0 * 1000 }
        result.diagnostics = table.warnings
      case .structure:
        let document = try CIFParser.parse(data, source: name)
        var formulas: [String] = []
        var warnings: [Diagnostic] = []
        for block in document.blocks {
          let structure = try CrystalStructure(block: block, source: name)
          formulas.append(structure.formula)
          warnings += structure.warnings
        }
        facts.curves = document.blocks.count
        facts.sample = formulas.prefix(3).joined(separator: "; ")
        facts.points = nil
        result.diagnostics = warnings
      case .photoelectron:
        let blocks = try PhotoelectronFile.read(data, source: name)
        let energies = blocks.flatMap { $0.bindingEnergies ?? [] }
        facts.curves = blocks.count
        facts.points = blocks.map(\.count).reduce(0, +)
        if !energies.isEmpty {
          facts.rangeOf = "binding energy"
          facts.rangeLow = energies.min()
          facts.rangeHigh = energies.max()
          facts.rangeUnit = "eV"
        }
        facts.techniques = Array(Set(blocks.map(\.technique))).sorted()
        facts.sample = blocks.prefix(6).map(\.label).joined(separator: ", ")
      case .infrared:
        let spectra = try OpticalSpectrumFile.read(data, source: name)
        let x = spectra.flatMap(\.x)
        facts.curves = spectra.count
        facts.points = x.count
        facts.rangeOf = "wavenumber"
        facts.rangeLow = x.min()
        facts.rangeHigh = x.max()
        facts.rangeUnit = spectra.first.map { $0.xUnits.isEmpty ? "" : $0.xUnits.lowercased() } ?? ""
        facts.sample = spectra.first?.title
        facts.techniques = Array(Set(spectra.map(\.dataType).filter { !$0.isEmpty })).sorted()
      case .diffraction:
        let pattern = try MeasuredPattern.read(data, source: name)
        facts.points = pattern.twoTheta.count
        facts.rangeOf = "2θ"
        facts.rangeLow = pattern.twoTheta.first
        facts.rangeHigh = pattern.twoTheta.last
        facts.rangeUnit = "°"
        facts.wavelengthAngstrom = pattern.wavelength
        result.diagnostics = pattern.notes.map { .note("readerNote", $0) }
      case .thermal:
        let run = try ThermogravimetricFile.read(data, source: name)
        facts.points = run.count
        facts.rangeOf = "temperature"
        facts.rangeLow = run.temperatureCelsius.min()
        facts.rangeHigh = run.temperatureCelsius.max()
        facts.rangeUnit = "°C"
        facts.massMilligrams = run.metadata.sampleMassMilligrams
        facts.sample = run.metadata.sample
        result.diagnostics = run.notes
      case .massSpectrometry:
        let trace = try PfeifferQuaderaASCII.read(data, source: name)
        let times = trace.channels.flatMap(\.timeSeconds)
        facts.points = trace.channels.map(\.timeSeconds.count).max()
        facts.curves = trace.channels.count
        facts.rangeOf = "time"
        facts.rangeLow = times.min()
        facts.rangeHigh = times.max()
        facts.rangeUnit = "s"
        facts.techniques = trace.channels.map { channel in
          channel.massToCharge.map { "m/z \($0) (\(channel.label))" } ?? channel.label
        }
      }
      result.facts = facts
      result.outcome = .read
    } catch {
      result.outcome = .refused
      result.problem = "\(error)"
    }
    return result
  }
}
