import ComplexModule
import Foundation
import IonicsCore
import RealModule

/// BioLogic EC-Lab binary `.mpr` impedance files: the frequency, Re(Z) and
/// −Im(Z) columns of the data module (``BioLogicMPRFile`` holds the layout),
/// split into spectra where the cycle number changes or the frequency sweep
/// starts again.
enum BioLogicMPR {
  static func read(_ data: Data, source: String) throws -> [ImpedanceSpectrum] {
    let file: BioLogicMPRFile
    do {
      file = try BioLogicMPRFile(data)
    } catch {
      switch error {
      case .truncated(let offset, let expected):
        throw ImpedanceReadError.truncated(source: source, offset: offset, expected: expected)
      case .unknownFormat(let what):
        throw ImpedanceReadError.unknownFormat(source: source, what)
      case .noDataModule(let found):
        throw ImpedanceReadError.missingColumn(source: source, "'VMP data' module", found: found)
      case .noData:
        throw ImpedanceReadError.noData(source: source)
      }
    }
    guard let frequencies = file.values(32) else {
      throw ImpedanceReadError.missingColumn(
        source: source, "frequency (column id 32)", found: file.columnNames)
    }
    guard let real = file.values(37), let minusImaginary = file.values(38) else {
      throw ImpedanceReadError.missingColumn(
        source: source, "Re(Z) and -Im(Z) (column ids 37, 38)", found: file.columnNames)
    }
    let cycles = file.values(24)
    var groups: [(f: [Double], z: [Complex<Double>])] = []
    var f: [Double] = []
    var z: [Complex<Double>] = []
    var lastCycle: Double?
    for k in 0..<file.points {
      let freq = frequencies[k]
      let re = real[k]
      let minusIm = minusImaginary[k]
      let cycle = cycles?[k]
      var restart = cycle != nil && lastCycle != nil && cycle != lastCycle
      if !restart && f.count >= 2 {
        let descending = f[1] < f[0]
        let last = f[f.count - 1]
        restart = descending ? freq > last * 1.5 : freq < last / 1.5
      }
      if restart && !f.isEmpty {
        groups.append((f, z))
        f = []
        z = []
      }
      lastCycle = cycle
      guard freq > 0, freq.isFinite, re.isFinite, minusIm.isFinite else { continue }
      f.append(freq)
      z.append(Complex(re, -minusIm))
    }
    if !f.isEmpty { groups.append((f, z)) }
    guard !groups.isEmpty else { throw ImpedanceReadError.noData(source: source) }
    var metadata = SpectrumMetadata(
      source: source, format: "BioLogic .mpr (data module v\(file.dataVersion))")
    metadata.imaginaryColumn = "-Im(Z)/Ohm (column id 38)"
    metadata.date = file.settingsDate
    metadata.notes = file.notes
    return try groups.enumerated().map { k, g in
      var m = metadata
      if groups.count > 1 { m.spectrumIndex = k + 1 }
      return try ImpedanceSpectrum(frequencies: g.f, impedance: g.z, metadata: m)
    }
  }
}
