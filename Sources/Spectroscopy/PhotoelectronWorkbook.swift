import Foundation
import IonicsCore

/// XPS spectra in Excel workbooks: Thermo Avantage exports (one sheet per
/// region, "<name> Scan", a "Binding Energy (E)" header, a units row and
/// counts per second; the fit's components, background and envelope beside
/// them; a "Quantifications" sheet with Avantage's peak table) and the same
/// data re-saved by KherveFitting ("Binding Energy", "Raw Data"). Every
/// sheet with a binding-energy column is one region; Avantage's
/// quantification, when present, is kept to compare with.
public enum PhotoelectronWorkbook {
  /// A row of Avantage's "Quantifications" sheet.
  public struct QuantifiedPeak: Sendable, Equatable {
    /// Name ("C1s sp2 C").
    public var name: String
    /// Peak binding energy, eV.
    public var bindingEnergy: Double
    /// FWHM, eV.
    public var fwhm: Double
    /// Area, CPS·eV.
    public var area: Double
    /// Atomic percent.
    public var atomicPercent: Double
  }

  /// The workbook's regions and quantification.
  public struct Contents: Sendable, Equatable {
    /// One spectrum per region sheet.
    public var spectra: [PhotoelectronSpectrum]
    /// Avantage's quantification table (empty when absent).
    public var quantification: [QuantifiedPeak]
  }

  /// Reads every region sheet of the workbook in `data`.
  public static func read(_ data: Data, source: String) throws(SpectroscopyError) -> Contents {
    let book: SpreadsheetXLSX
    do {
      book = try SpreadsheetXLSX(data, source: source)
    } catch {
      throw .malformed(file: source, line: 0, expected: "an Excel workbook (\(error))")
    }
    var spectra: [PhotoelectronSpectrum] = []
    var quantification: [QuantifiedPeak] = []
    for sheet in book.sheetNames {
      let rows = book.rows(sheet)
      if sheet == "Quantifications" {
        for row in rows.dropFirst() where row.count >= 6 {
          let n = row[2...5].map { Double($0) }
          guard let be = n[0], let w = n[1], let a = n[2], let p = n[3] else { continue }
          quantification.append(
            QuantifiedPeak(
              name: row[1].trimmingCharacters(in: .whitespaces), bindingEnergy: be, fwhm: w, area: a, atomicPercent: p))
        }
        continue
      }
      guard let header = rows.firstIndex(where: { ($0.first ?? "").lowercased().hasPrefix("binding energy") }) else {
        continue
      }
      var energies: [Double] = [], signal: [Double] = []
      var column: Int?
      for (k, row) in rows.enumerated().dropFirst(header + 1) {
        guard let first = row.first, let e = Double(first) else {
          if energies.isEmpty { continue } else { break }
        }
        if column == nil { column = row.indices.dropFirst().first { Double(row[$0]) != nil } }
        guard let c = column, c < row.count, let y = Double(row[c]), e.isFinite, y.isFinite else {
          throw .malformed(file: source, line: k + 1, expected: "a number beside binding energy \(first) in sheet '\(sheet)'")
        }
        energies.append(e)
        signal.append(y)
      }
      guard energies.count >= 2 else { continue }
      let perSecond = rows.dropFirst(header + 1).first.map { $0.contains { $0.lowercased().contains("counts / s") } } ?? false
      let name = sheet.hasSuffix(" Scan") ? String(sheet.dropLast(5)) : sheet
      spectra.append(
        .fromExport(
          name: name, sample: "", photonEnergy: nil, passEnergy: nil, axis: .binding, energies: energies,
          signal: signal, signalLabel: perSecond ? "counts/s" : "intensity", dwellSeconds: nil, scans: nil))
    }
    guard !spectra.isEmpty else {
      throw .unsupported(file: source, "a workbook without a sheet whose first column is 'Binding Energy'")
    }
    return Contents(spectra: spectra, quantification: quantification)
  }
}
