import Foundation
import IonicsCore

/// Agilent (Varian Resolutions / MicroLab) `.asp` text spectra: one number
/// per line — the point count, the first and last wavenumber, three integer
/// settings — then the ordinates, first to last.
public enum AgilentASPFile {
  /// Whether `text` has the `.asp` preamble: an integer count, two
  /// wavenumbers and then that many more numbers than six.
  public static func recognises(_ text: String) -> Bool {
    let lines = splitLines(text).prefix(7).map { $0.trimmingCharacters(in: .whitespaces) }
    guard lines.count == 7, let n = Int(lines[0]), n > 1, Double(lines[1]) != nil, Double(lines[2]) != nil,
      lines[3...5].allSatisfy({ Int($0) != nil }), Double(lines[6]) != nil
    else { return false }
    return true
  }

  /// The spectrum of the file.
  public static func read(_ text: String, source: String) throws(SpectroscopyError) -> OpticalSpectrum {
    let lines = splitLines(text)
    var numbers: [Double] = []
    numbers.reserveCapacity(lines.count)
    for (index, line) in lines.enumerated() where !isBlank(line) {
      guard let value = Double(line.trimmingCharacters(in: .whitespaces)), value.isFinite else {
        throw .malformed(file: source, line: index + 1, expected: "one number per line (Agilent .asp)")
      }
      numbers.append(value)
    }
    guard numbers.count >= 8, let n = Int(fileValue: numbers[0]), n > 1, numbers.count - 6 >= n else {
      throw .malformed(
        file: source, line: 1, expected: "a point count on line 1 that the \(max(numbers.count - 6, 0)) values after the preamble hold")
    }
    let first = numbers[1], last = numbers[2]
    let step = (last - first) / Double(n - 1)
    return OpticalSpectrum(
      title: "", dataType: "", xUnits: "cm-1", yUnits: "", x: (0..<n).map { first + Double($0) * step },
      y: Array(numbers[6..<(6 + n)]), origin: "Agilent .asp")
  }
}
