import Foundation
import IonicsCore

extension MeasuredPattern {
  /// Whether `text` is a GSAS powder data file: a `BANK` line among its
  /// first 40 lines.
  static func isGSAS(_ text: String) -> Bool {
    text.split(whereSeparator: \.isNewline).prefix(40).contains { $0.hasPrefix("BANK ") }
  }

  /// GSAS constant-wavelength powder data: a title line, optional comment
  /// lines, then `BANK n nchan nrec CONST start step 0 0 TYPE` with 2θ start
  /// and step in centidegrees, and `nchan` points in the TYPE's layout:
  /// `STD` ten 8-character fields per record (a 2-character counter count
  /// before a 6-character intensity), `ESD` five (I, σ) pairs, `ALT` four
  /// (2θ, I, σ) triples with 2θ in centidegrees, `FXYE` free-format lines of
  /// 2θ (centidegrees), I, σ. The first bank is read. A `# … wavelength = λ`
  /// comment (APS 11-BM) gives λ; GSAS itself keeps λ in the instrument
  /// file, so most banks state none.
  static func gsas(_ text: String, source: String) throws(DiffractionError) -> MeasuredPattern {
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
      $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
    guard let bankLine = lines.prefix(40).firstIndex(where: { $0.hasPrefix("BANK ") }) else {
      throw .badInput("\(source): no BANK line in the first 40 lines (GSAS powder data)")
    }
    let bank = lines[bankLine].split(separator: " ")
    func fail(_ why: String) -> DiffractionError {
      .badInput("\(source), line \(bankLine + 1): \(why) in '\(lines[bankLine].prefix(80))'")
    }
    guard bank.count >= 6, let count = Int(bank[2]), count > 0 else {
      throw fail("expected BANK n nchan nrec BINTYP …")
    }
    let binning = String(bank[4])
    guard binning == "CONST" || binning == "CONS" else {
      throw fail("binning \(binning): only constant-step (CONST) banks of a constant-wavelength pattern are read")
    }
    guard let start = Double(bank[5]), bank.count > 6, let step = Double(bank[6]), step > 0 else {
      throw fail("expected the start and step of 2θ (centidegrees) after CONST")
    }
    let known = ["STD", "ESD", "ALT", "FXYE"]
    let layout = bank.last.map(String.init).flatMap { known.contains($0) ? $0 : nil } ?? "STD"
    // A count the file cannot hold is refused before anything is allocated.
    let bytesLeft = lines[(bankLine + 1)...].reduce(0) { $0 + $1.count + 1 }
    guard count <= bytesLeft else {
      throw fail("\(count) points declared but only \(bytesLeft) bytes follow")
    }
    var x: [Double] = []
    var y: [Double] = []
    var e: [Double] = []
    x.reserveCapacity(count)
    y.reserveCapacity(count)
    func field(_ line: Substring, _ k: Int, width: Int, skip: Int = 0) -> Double? {
      let chars = Array(line)
      let from = k * width + skip
      let to = min((k + 1) * width, chars.count)
      guard from < to else { return nil }
      return Double(String(chars[from..<to]).trimmingCharacters(in: .whitespaces))
    }
    var n = bankLine + 1
    while x.count < count, n < lines.count {
      let line = lines[n]
      n += 1
      if line.hasPrefix("BANK ") { break }
      if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      func bad() -> DiffractionError {
        .badInput("\(source), line \(n): expected \(layout) data, found '\(line.prefix(80))'")
      }
      switch layout {
      case "FXYE":
        let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Double($0) }
        guard f.count >= 2 else { throw bad() }
        x.append(f[0] / 100)
        y.append(f[1])
        if f.count >= 3 { e.append(f[2]) }
      case "ALT":
        for k in 0..<4 where x.count < count {
          guard let t = field(line, 3 * k, width: 8), let i = field(line, 3 * k + 1, width: 8) else {
            if k == 0 { throw bad() }
            break
          }
          x.append(t / 100)
          y.append(i)
          if let sigma = field(line, 3 * k + 2, width: 8) { e.append(sigma) }
        }
      case "ESD":
        for k in 0..<5 where x.count < count {
          guard let i = field(line, 2 * k, width: 8) else {
            if k == 0 { throw bad() }
            break
          }
          x.append((start + Double(x.count) * step) / 100)
          y.append(i)
          if let sigma = field(line, 2 * k + 1, width: 8) { e.append(sigma) }
        }
      default:
        for k in 0..<10 where x.count < count {
          guard let i = field(line, k, width: 8, skip: 2) else {
            if k == 0 { throw bad() }
            break
          }
          x.append((start + Double(x.count) * step) / 100)
          y.append(i)
        }
      }
    }
    guard x.count == count else {
      throw .badInput("\(source): the bank declares \(count) points but \(x.count) were found")
    }
    guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
      throw .badInput("\(source): a 2θ or an intensity that is not a finite number")
    }
    let lambda = statedWavelength(lines.prefix(bankLine).map(String.init))
    // σ only when every point has a finite, positive one.
    let sigmas = e.count == x.count && e.allSatisfy { $0 > 0 && $0.isFinite } ? e : nil
    var pattern = MeasuredPattern(
      twoTheta: x, intensity: y, uncertainty: sigmas, wavelength: lambda, format: "GSAS \(layout) (CONST)")
    if lambda == nil {
      pattern.notes.append(
        "GSAS data files keep the wavelength in the instrument-parameter file: it must be given")
    }
    return pattern
  }
}
