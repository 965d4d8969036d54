import Foundation
import IonicsCore

/// JCAMP-DX 4.24 and 5.x files: labelled data records, `##XYDATA=(X++(Y..Y))`
/// in AFFN, PAC or the compressed ASDF forms (SQZ, DIF, DUP, with the DIF
/// Y-check), `##XYPOINTS` and `##PEAK TABLE` pairs, and compound files
/// whose `LINK` block holds several spectra. NTUPLES (the form of NMR and
/// multi-page data) is refused with its name.
public enum JCAMPFile {
  /// Whether `head` starts like a JCAMP-DX file.
  public static func recognises(_ head: Data) -> Bool {
    let text = String(decoding: head.prefix(2048), as: UTF8.self)
    return text.contains("##JCAMP-DX=") || text.contains("##JCAMPDX=")
      || (text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("##TITLE="))
  }

  /// Every spectrum of the file (one per data block).
  public static func read(_ data: Data, source: String) throws(SpectroscopyError) -> [OpticalSpectrum] {
    let text = String(decoding: data, as: UTF8.self).contains("\u{FFFD}")
      ? String(decoding: data.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
      : String(decoding: data, as: UTF8.self)
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    var spectra: [OpticalSpectrum] = []
    var labels: [String: String] = [:]
    var dataStart: (form: String, line: Int)?
    var dataLines: [(Int, Substring)] = []
    var sawNTuples = false
    func finish() throws(SpectroscopyError) {
      guard let start = dataStart else { return }
      spectra.append(try block(labels, form: start.form, startLine: start.line, lines: dataLines, source: source))
      dataStart = nil
      dataLines = []
    }
    for (index, raw) in lines.enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("##") {
        guard let equals = line.firstIndex(of: "=") else { continue }
        let label = Self.normalised(line[line.index(line.startIndex, offsetBy: 2)..<equals])
        let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        if label.hasPrefix("$") { continue }
        if dataStart != nil { try finish() }
        switch label {
        case "TITLE": labels = ["TITLE": value]
        case "NTUPLES": sawNTuples = true
        case "XYDATA", "XYPOINTS", "PEAKTABLE":
          labels[label] = value
          dataStart = (label + " " + value.replacingOccurrences(of: " ", with: ""), index + 1)
        case "END": labels.removeAll()
        default: labels[label] = value
        }
      } else if dataStart != nil {
        // Comments after $$ are dropped.
        let body = raw.range(of: "$$").map { raw[..<$0.lowerBound] } ?? raw[...]
        if !body.trimmingCharacters(in: .whitespaces).isEmpty { dataLines.append((index + 1, body)) }
      }
    }
    try finish()
    guard !spectra.isEmpty else {
      throw sawNTuples
        ? .unsupported(file: source, "an NTUPLES file (JCAMP-DX 5 multi-page data, such as NMR): not read")
        : .malformed(file: source, line: 0, expected: "a ##XYDATA=, ##XYPOINTS= or ##PEAK TABLE= block")
    }
    return spectra
  }

  /// "DATA TYPE" → "DATATYPE", as the standard compares labels.
  static func normalised(_ label: Substring) -> String {
    label.uppercased().filter { !" -/_".contains($0) }
  }

  static func number(_ labels: [String: String], _ key: String) -> Double? {
    labels[key].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
  }

  static func block(
    _ labels: [String: String], form: String, startLine: Int, lines: [(Int, Substring)], source: String
  ) throws(SpectroscopyError) -> OpticalSpectrum {
    let xFactor = number(labels, "XFACTOR") ?? 1
    let yFactor = number(labels, "YFACTOR") ?? 1
    var x: [Double] = []
    var y: [Double] = []
    if form.contains("X++(Y..Y)") || form.contains("X++(R..R)") || form.contains("X++(I..I)") {
      guard let count = number(labels, "NPOINTS").map(Int.init(fileValue:)) ?? nil, count > 0,
        let first = number(labels, "FIRSTX"), let last = number(labels, "LASTX")
      else {
        throw .malformed(file: source, line: startLine, expected: "##NPOINTS, ##FIRSTX and ##LASTX before (X++(Y..Y)) data")
      }
      guard count <= 64 * max(lines.reduce(0) { $0 + $1.1.count }, 1) else {
        throw .malformed(file: source, line: startLine, expected: "##NPOINTS that the data lines can hold, not \(count)")
      }
      var previousEndedInDifference = false
      for (number, line) in lines {
        let tokens = try tokenize(line, line: number, source: source)
        guard let head = tokens.first, !head.isDifference else {
          throw .malformed(file: source, line: number, expected: "an X value at the start of the line")
        }
        var values: [Double] = []
        for token in tokens.dropFirst() {
          if token.isDifference {
            guard let last = values.last ?? y.last else {
              throw .malformed(file: source, line: number, expected: "a Y value before the first difference")
            }
            values.append(last + token.value)
          } else {
            values.append(token.value)
          }
        }
        // DIF's Y-check: a line that follows one ending in a difference repeats its last Y.
        if previousEndedInDifference, !values.isEmpty { values.removeFirst() }
        previousEndedInDifference = tokens.last?.isDifference == true
        y += values
      }
      guard y.count >= count else {
        throw .malformed(file: source, line: lines.last?.0 ?? startLine, expected: "\(count) Y values (##NPOINTS), not \(y.count)")
      }
      if y.count > count { y.removeLast(y.count - count) }
      let step = count > 1 ? (last - first) / Double(count - 1) : 0
      x = (0..<count).map { first + Double($0) * step }
      y = y.map { $0 * yFactor }
    } else if form.contains("(XY..XY)") {
      for (number, line) in lines {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "\t" })
        guard fields.count % 2 == 0 else {
          throw .malformed(file: source, line: number, expected: "X,Y pairs")
        }
        for k in stride(from: 0, to: fields.count, by: 2) {
          guard let a = Double(fields[k]), let b = Double(fields[k + 1]), a.isFinite, b.isFinite else {
            throw .malformed(file: source, line: number, expected: "numbers in X,Y pairs")
          }
          x.append(a * xFactor)
          y.append(b * yFactor)
        }
      }
    } else {
      throw .unsupported(file: source, "the data form '\(form)' is not read")
    }
    return OpticalSpectrum(
      title: labels["TITLE"] ?? "", dataType: labels["DATATYPE"] ?? "", xUnits: labels["XUNITS"] ?? "",
      yUnits: labels["YUNITS"] ?? "", x: x, y: y, origin: "JCAMP-DX \(labels["JCAMPDX"] ?? "")".trimmingCharacters(in: .whitespaces))
  }

  /// One number of a data line: a value, or a difference from the previous one.
  struct Token {
    var value: Double
    var isDifference: Bool
  }

  /// The numbers of one data line in AFFN, PAC, SQZ, DIF and DUP forms.
  static func tokenize(_ line: Substring, line number: Int, source: String) throws(SpectroscopyError) -> [Token] {
    var tokens: [Token] = []
    var text = ""
    var isDifference = false
    var pendingDuplicate = ""
    func close() throws(SpectroscopyError) {
      if !pendingDuplicate.isEmpty {
        guard let n = Int(pendingDuplicate), n >= 1, n <= 1_000_000, let last = tokens.last else {
          throw .malformed(file: source, line: number, expected: "a repeat count after a value (DUP)")
        }
        tokens += Array(repeating: last, count: n - 1)
        pendingDuplicate = ""
      }
      guard !text.isEmpty else { return }
      guard let v = Double(text), v.isFinite else {
        throw .malformed(file: source, line: number, expected: "a number, not '\(text.prefix(30))'")
      }
      tokens.append(Token(value: v, isDifference: isDifference))
      text = ""
    }
    let characters = Array(line)
    var i = 0
    while i < characters.count {
      let c = characters[i]
      let next: Character? = i + 1 < characters.count ? characters[i + 1] : nil
      i += 1
      // An exponent in an AFFN number ("1.5E-07") is not the SQZ digit E or e.
      if (c == "E" || c == "e"), !text.isEmpty, !isDifference, text.last?.isNumber == true,
        next == "+" || next == "-"
      {
        text.append("E")
        if let sign = next { text.append(sign) }
        i += 1
        continue
      }
      if let d = Self.sqz[c] {
        try close()
        text = d
        isDifference = false
      } else if let d = Self.dif[c] {
        try close()
        text = d
        isDifference = true
      } else if let d = Self.dup[c] {
        try close()
        pendingDuplicate = d
      } else if c.isNumber || c == "." {
        if pendingDuplicate.isEmpty { text.append(c) } else { pendingDuplicate.append(c) }
      } else if c == "+" || c == "-" {
        try close()
        text = c == "-" ? "-" : ""
        isDifference = false
      } else if c == " " || c == "\t" || c == "," || c == ";" {
        try close()
      } else if c == "?" {
        try close()  // a missing value: skipped
      } else {
        throw .malformed(file: source, line: number, expected: "AFFN or ASDF characters, not '\(c)'")
      }
    }
    try close()
    return tokens
  }

  static let sqz: [Character: String] = [
    "@": "0", "A": "1", "B": "2", "C": "3", "D": "4", "E": "5", "F": "6", "G": "7", "H": "8", "I": "9",
    "a": "-1", "b": "-2", "c": "-3", "d": "-4", "e": "-5", "f": "-6", "g": "-7", "h": "-8", "i": "-9",
  ]
  static let dif: [Character: String] = [
    "%": "0", "J": "1", "K": "2", "L": "3", "M": "4", "N": "5", "O": "6", "P": "7", "Q": "8", "R": "9",
    "j": "-1", "k": "-2", "l": "-3", "m": "-4", "n": "-5", "o": "-6", "p": "-7", "q": "-8", "r": "-9",
  ]
  static let dup: [Character: String] = [
    "S": "1", "T": "2", "U": "3", "V": "4", "W": "5", "X": "6", "Y": "7", "Z": "8", "s": "9",
  ]
}
