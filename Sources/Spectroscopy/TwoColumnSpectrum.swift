import Foundation
import IonicsCore

/// A spectrum as a two-column text table (x, y), with or without a header
/// line, separated by commas, semicolons, tabs or spaces. A header's words
/// name the units ("Wavenumber (cm-1),Absorbance", "BE/eV,Intensity");
/// without one the units are unknown and said to be.
public enum TwoColumnSpectrum {
  /// The columns of the table and the header words, if any.
  public struct Table: Sendable, Equatable {
    /// First column, file order.
    public var x: [Double]
    /// Second column.
    public var y: [Double]
    /// The header's first and second column names ("" when there is none).
    public var xName: String
    /// See `xName`.
    public var yName: String
    /// Comment or header lines skipped before the numbers.
    public var skippedLines: Int
  }

  /// Reads the first two numeric columns. Lines before the first numeric
  /// line are a header (the last such line names the columns); a
  /// non-numeric line after it is an error with its line number.
  public static func read(_ text: String, source: String) throws(SpectroscopyError) -> Table {
    let lines = splitLines(text)
    var x: [Double] = [], y: [Double] = []
    x.reserveCapacity(lines.count)
    y.reserveCapacity(lines.count)
    var header: [Substring] = []
    var skipped = 0
    for (index, line) in lines.enumerated() where !isBlank(line) {
      let fields = line.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" || $0 == " " })
      let a = fields.count >= 2 ? Double(fields[0]) : nil
      let b = fields.count >= 2 ? Double(fields[1]) : nil
      guard let a, let b else {
        guard x.isEmpty else {
          throw .malformed(file: source, line: index + 1, expected: "two numbers (x, y) like the lines before")
        }
        skipped += 1
        header = line.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" })
        continue
      }
      guard a.isFinite, b.isFinite else {
        throw .malformed(file: source, line: index + 1, expected: "finite numbers")
      }
      x.append(a)
      y.append(b)
    }
    guard x.count >= 2 else {
      throw .malformed(file: source, line: 0, expected: "at least two lines of two numbers (x, y)")
    }
    let name: (Int) -> String = { header.count > $0 ? header[$0].trimmingCharacters(in: .whitespaces.union(["\""])) : "" }
    return Table(x: x, y: y, xName: name(0), yName: name(1), skippedLines: skipped)
  }

  /// The table as an optical spectrum: x in cm⁻¹ unless the header says
  /// nm or µm, y in the units the header names (unknown without one).
  public static func opticalSpectrum(_ text: String, source: String) throws(SpectroscopyError) -> OpticalSpectrum {
    let table = try read(text, source: source)
    let xName = table.xName.lowercased()
    let xUnits = xName.contains("nm") ? "nm" : (xName.contains("µm") || xName.contains("um")) ? "um" : "cm-1"
    return OpticalSpectrum(
      title: "", dataType: table.yName, xUnits: xUnits, yUnits: table.yName, x: table.x, y: table.y,
      origin: table.skippedLines == 0 ? "CSV without header" : "CSV")
  }
}
