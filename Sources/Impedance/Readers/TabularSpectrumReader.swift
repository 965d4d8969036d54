import ComplexModule
import Foundation
import IonicsCore
import RealModule

/// Reads impedance spectra from any text table: a header row naming the
/// frequency, real and imaginary columns (in the spellings of EC-Lab,
/// Gamry, ZView, Autolab, Parstat, PowerSuite, VersaStudio, CH Instruments,
/// Novocontrol, pyimpspec and plain CSV), or no header and the first three
/// numeric columns taken as f, Z′, Z″ (Im Z with its sign, impedance.py's
/// CSV convention). Delimiters (tab, comma, semicolon, spaces) and the
/// decimal comma are detected. A column named with a leading minus
/// (`-Im(Z)/Ohm`, `-Z'' (Ω)`) holds −Im Z and is negated. Rows with zero
/// frequency (the DC part of a Parstat run) are skipped; the table ends at
/// the first row that is not numeric (an aborted Gamry run). Several
/// spectra in one file are split where a "cycle number" column changes or,
/// without one, where the frequency sweep starts again.
struct TabularSpectrumReader {
  enum Role {
    case frequency, real, negatedReal, imaginary, negatedImaginary, modulus, phase, negatedPhase,
      cycle
  }

  let source: String
  let format: String
  let lines: [Substring]
  /// Index of the header line when the caller knows it (EC-Lab's header count, Gamry's ZCURVE).
  var headerLine: Int?
  /// Lines before this index are never data.
  var firstCandidateLine = 0
  /// Column positions (f, Re, Im) for formats that write no header row (ZPLOT2 `.z`).
  var fixedColumns: (f: Int, re: Int, im: Int)?
  var metadata: SpectrumMetadata

  init(text: String, source: String, format: String) {
    self.source = source
    self.format = format
    self.lines = splitLines(text)
    self.metadata = SpectrumMetadata(source: source, format: format)
  }

  static func role(of rawName: String) -> Role? {
    // The standard library's replacing, not Foundation's: this runs for
    // every token of every candidate header line.
    var name = String(
      rawName.drop { $0 == " " || $0 == "\t" || $0 == "\"" }.reversed()
        .drop { $0 == " " || $0 == "\t" || $0 == "\"" }.reversed()
    ).lowercased()
    name = name.replacing("\u{2032}", with: "'").replacing("\u{2033}", with: "''")
    name = name.replacing("\u{2212}", with: "-").replacing("\"", with: "''")
    // "-Im(Z)" and PalmSens' "neg. Phase" name negated quantities.
    let negated = name.hasPrefix("-") || name.hasPrefix("neg.")
    if name.hasPrefix("-") { name.removeFirst() }
    if name.hasPrefix("neg.") { name.removeFirst(4) }
    name = String(name.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    if name.hasPrefix("cycle") { return .cycle }
    if name.hasPrefix("freq") || name == "f" || name.hasPrefix("f/") || name.hasPrefix("f (")
      || name.hasPrefix("f(")
      || name == "frequency" || name.hasPrefix("frequency")
    {
      return .frequency
    }
    let imaginaryPrefixes = [
      "im(z)", "z''", "zs''", "zimag", "zimg", "zim", "z imag", "imag", "im z", "z_imag",
      "zimaginary", "imaginary", "z2",
    ]
    if imaginaryPrefixes.contains(where: { name.hasPrefix($0) }) {
      return negated ? .negatedImaginary : .imaginary
    }
    let realPrefixes = [
      "re(z)", "z'", "zs'", "zreal", "zre", "z real", "real", "re z", "z_real", "z1",
    ]
    if realPrefixes.contains(where: { name.hasPrefix($0) }) {
      return negated ? .negatedReal : .real
    }
    if name.hasPrefix("|z|") || name.hasPrefix("mod") || name == "z" || name.hasPrefix("z/")
      || name.hasPrefix("z (") || name.hasPrefix("zmod")
    {
      return .modulus
    }
    if name.hasPrefix("phase") || name.hasPrefix("phz") || name.hasPrefix("zphz")
      || name.hasPrefix("phi")
    {
      return negated ? .negatedPhase : .phase
    }
    return nil
  }

  /// Splits a line into fields with `delimiter` (nil: runs of white space).
  static func fields(_ line: Substring, _ delimiter: Character?) -> [Substring] {
    if let delimiter, let byte = delimiter.asciiValue {
      return line.utf8.split(separator: byte, omittingEmptySubsequences: false).map {
        Substring($0)
      }
    }
    return line.utf8.split(whereSeparator: { $0 == 32 || $0 == 9 }).map { Substring($0) }
  }

  /// The delimiter of a data line: tab, semicolon, comma, or spaces.
  static func delimiter(of line: Substring) -> Character? {
    let utf8 = line.utf8
    if utf8.contains(9) { return "\t" }
    if utf8.contains(59) { return ";" }
    if utf8.contains(44) {
      // "1,5 2,3 4,1" (decimal commas between spaces) is space-delimited.
      let spaced = line.split(whereSeparator: { $0 == " " })
      if spaced.count >= 3
        && spaced.allSatisfy({ Double($0.replacingOccurrences(of: ",", with: ".")) != nil })
      {
        return nil
      }
      return ","
    }
    return nil
  }

  /// Numeric fields of a line, or nil when any of the first `needed` is not a number.
  static func numbers(_ line: Substring, _ delimiter: Character?, decimalComma: Bool) -> [Double?] {
    // Straight from the bytes: this runs once per row of files with many spectra.
    let fast = line.utf8.withContiguousStorageIfAvailable { bytes -> [Double?] in
      let raw = UnsafeRawBufferPointer(bytes)
      let n = raw.count
      var values: [Double?] = []
      func parse(_ start: Int, _ end: Int) -> Double? {
        parseNumber(raw, start, end, decimalComma: decimalComma)
      }
      if let separator = delimiter?.asciiValue {
        var start = 0
        for i in 0...n where i == n || raw[i] == separator {
          values.append(parse(start, i))
          start = i + 1
        }
      } else {
        var i = 0
        while i < n {
          while i < n, raw[i] == 32 || raw[i] == 9 { i += 1 }
          guard i < n else { break }
          let start = i
          while i < n, raw[i] != 32 && raw[i] != 9 { i += 1 }
          values.append(parse(start, i))
        }
      }
      return values
    }
    return fast ?? fields(line, delimiter).map { parseNumber($0, decimalComma: decimalComma) }
  }

  func read() throws -> [ImpedanceSpectrum] {
    // The first data line at or after each line of the head of the file,
    // up to the first two consecutive data lines (or the end), found in one
    // forward and one backward pass: asking it line by line made a file
    // without data quadratic (96 KB of words took minutes). Every question
    // below is about a line inside that head.
    let start = max(firstCandidateLine, 0)
    var end = lines.count
    var previousWasData = false
    var flags: [Bool] = []
    var i = start
    while i < lines.count {
      let data = isDataLine(i)
      flags.append(data)
      if data && previousWasData {
        end = i + 1
        break
      }
      previousWasData = data
      i += 1
    }
    var firstDataFrom = [Int?](repeating: nil, count: flags.count + 1)
    for k in stride(from: flags.count - 1, through: 0, by: -1) {
      firstDataFrom[k] = flags[k] ? start + k : firstDataFrom[k + 1]
    }
    func nextDataLine(after index: Int) -> Int? {
      let k = index + 1 - start
      if k >= 0 && k < firstDataFrom.count { return firstDataFrom[k] }
      // Past the head (never asked today): the plain search.
      return k < 0 ? firstDataFrom.first ?? nil : self.nextDataLine(after: max(index, end - 1))
    }
    // 1. Find the header: a line naming a frequency column followed by numeric rows.
    var header: Int?
    if let headerLine { header = headerLine }
    if header == nil {
      // A header stands before the data; the search ends at the first run of
      // two numeric rows (a lone numeric settings line may precede the header).
      var firstData = lines.count
      var probe = firstCandidateLine - 1
      while let candidate = nextDataLine(after: probe) {
        if nextDataLine(after: candidate) == candidate + 1 {
          firstData = candidate
          break
        }
        probe = candidate
      }
      for index in firstCandidateLine..<firstData {
        let line = lines[index]
        if isBlank(line) { continue }
        let tokens = headerTokens(line, dataLine: nextDataLine(after: index))
        let roles = tokens.map { Self.role(of: String($0)) }
        if roles.contains(.frequency),
          roles.contains(where: {
            [.real, .negatedReal, .imaginary, .negatedImaginary].contains($0)
          })
            || (roles.contains(.modulus)
              && (roles.contains(.phase) || roles.contains(.negatedPhase)))
        {
          header = index
          break
        }
      }
    }

    var columns: Columns
    var dataStart: Int
    if let header {
      guard let firstData = nextDataLine(after: header) else {
        throw ImpedanceReadError.noData(source: source)
      }
      let tokens = headerTokens(lines[header], dataLine: firstData)
      let roles = tokens.map { Self.role(of: String($0)) }
      let names = tokens.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"")) }
        .filter { !$0.isEmpty }
      guard let f = roles.firstIndex(of: .frequency) else {
        throw ImpedanceReadError.missingColumn(source: source, "frequency", found: names)
      }
      let re = roles.firstIndex(of: .real) ?? roles.firstIndex(of: .negatedReal)
      let im = roles.firstIndex(of: .imaginary) ?? roles.firstIndex(of: .negatedImaginary)
      var m = metadata
      if let re, let im {
        columns = Columns(
          f: f, first: re, second: im, negateFirst: roles[re] == .negatedReal,
          negateSecond: roles[im] == .negatedImaginary, polar: false,
          cycle: roles.firstIndex(of: .cycle))
        m.imaginaryColumn = String(tokens[im]).trimmingCharacters(
          in: CharacterSet(charactersIn: " \t\""))
      } else if let modulus = roles.firstIndex(of: .modulus),
        let phase = roles.firstIndex(of: .phase) ?? roles.firstIndex(of: .negatedPhase)
      {
        let radians = tokens[phase].lowercased().contains("rad")
        columns = Columns(
          f: f, first: modulus, second: phase, negateFirst: false,
          negateSecond: roles[phase] == .negatedPhase, polar: true, phaseInRadians: radians,
          cycle: roles.firstIndex(of: .cycle))
        m.imaginaryColumn =
          "from |Z| and \(String(tokens[phase]).trimmingCharacters(in: CharacterSet(charactersIn: " \t\"")))"
      } else if re == nil {
        throw ImpedanceReadError.missingColumn(source: source, "real-part (Re Z, Z')", found: names)
      } else {
        throw ImpedanceReadError.missingColumn(
          source: source, "imaginary-part (Im Z, Z'')", found: names)
      }
      dataStart = firstData
      var spectra = try readRows(from: dataStart, columns: columns, metadata: m)
      if !columns.polar, let phase = roles.firstIndex(of: .phase) ?? roles.firstIndex(of: .negatedPhase) {
        let negate = roles[phase] == .negatedPhase
        // A phase column that cannot be read leaves the spectra as they are.
        let phases = (try? readRows(
          from: dataStart,
          columns: Columns(
            f: f, first: phase, second: phase, negateFirst: negate, negateSecond: negate,
            polar: false, cycle: columns.cycle),
          metadata: m
        ))?.flatMap { $0.real } ?? []
        Self.orientImaginary(&spectra, phasesDegrees: phases)
      }
      return spectra
    }
    // 2. No header: the first line with three or more numbers is f, Z′, Z″
    //    unless the format fixes the columns.
    guard let first = nextDataLine(after: firstCandidateLine - 1) else {
      if lines.contains(where: {
        Self.containsASCII($0, "re(z)") || Self.containsASCII($0, "zreal")
      }) {
        throw ImpedanceReadError.missingColumn(source: source, "frequency", found: [])
      }
      throw ImpedanceReadError.noData(source: source)
    }
    // A named header above the data that names no frequency is another
    // kind of table (a cycler export, say): refused, not read as f, Z′, Z″.
    if fixedColumns == nil {
      var above = first - 1
      while above >= 0 && isBlank(lines[above]) { above -= 1 }
      if above >= 0 {
        let names = headerTokens(lines[above], dataLine: first).map {
          $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\""))
        }.filter { !$0.isEmpty }
        let dataFields = Self.numbers(
          lines[first], Self.delimiter(of: lines[first]),
          decimalComma: decimalComma(lines[first], Self.delimiter(of: lines[first]))
        ).count
        let named = names.filter { Double($0) == nil && $0.contains(where: \.isLetter) }
        if names.count >= 3, names.count == dataFields, named.count == names.count {
          throw ImpedanceReadError.missingColumn(source: source, "frequency", found: names)
        }
      }
    }
    let fixed = fixedColumns ?? (0, 1, 2)
    columns = Columns(
      f: fixed.f, first: fixed.re, second: fixed.im, negateFirst: false, negateSecond: false,
      polar: false, cycle: nil)
    dataStart = first
    var m = metadata
    if m.imaginaryColumn == nil { m.imaginaryColumn = "column 3 (Im Z, no header)" }
    return try readRows(from: dataStart, columns: columns, metadata: m)
  }

  /// Header fields split like the data line below it when possible.
  func headerTokens(_ rawLine: Substring, dataLine: Int?) -> [Substring] {
    // A header quoted as a whole ("  Freq(Hz)  Ampl …") loses its outer quotes.
    var line = rawLine
    if line.first == "\"" && line.last == "\"" && line.filter({ $0 == "\"" }).count == 2 {
      line = line.dropFirst().dropLast()
    }
    let dataDelimiter = dataLine.map { Self.delimiter(of: lines[$0]) } ?? Self.delimiter(of: line)
    // Split on white space, joining a bracketed unit to its name ("Freq (Hz)").
    var whitespace: [Substring] = []
    for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
      if let last = whitespace.last, token.first == "(" || token.first == "[",
        let start = last.startIndex as String.Index?, let end = token.endIndex as String.Index?
      {
        whitespace[whitespace.count - 1] = line[start..<end]
      } else {
        whitespace.append(token)
      }
    }
    guard let d = dataDelimiter, line.contains(d) else {
      // ZView/Autolab headers are space-aligned above comma-separated data.
      return whitespace
    }
    // Prefer the split whose field count matches the data rows (headers
    // padded with doubled tabs, "Freq.[Hz]\t\t Zs'[ohm]").
    let kept = Self.fields(line, d)
    let dropped = line.split(separator: d).filter {
      !$0.trimmingCharacters(in: .whitespaces).isEmpty
    }
    if let dataLine {
      let count = Self.fields(lines[dataLine], d).count
      for candidate in [kept, dropped, whitespace] where candidate.count == count {
        return candidate
      }
    }
    return kept
  }

  /// Whether line `i` holds at least three numeric fields.
  func isDataLine(_ i: Int) -> Bool {
    let line = lines[i]
    let delimiter = Self.delimiter(of: line)
    let comma = decimalComma(line, delimiter)
    return Self.numbers(line, delimiter, decimalComma: comma).lazy.compactMap { $0 }.count >= 3
  }

  /// The first line after `index` with at least three numeric fields.
  func nextDataLine(after index: Int) -> Int? {
    var i = max(index + 1, 0)
    while i < lines.count {
      if isDataLine(i) { return i }
      i += 1
    }
    return nil
  }

  func decimalComma(_ line: Substring, _ delimiter: Character?) -> Bool {
    delimiter != "," && line.utf8.contains(44)
  }

  /// Where the numbers are: Re and Im, or |Z| and phase when `polar`.
  struct Columns {
    let f: Int
    let first: Int
    let second: Int
    let negateFirst: Bool
    let negateSecond: Bool
    let polar: Bool
    var phaseInRadians = false
    let cycle: Int?
  }

  func readRows(from start: Int, columns: Columns, metadata: SpectrumMetadata) throws
    -> [ImpedanceSpectrum]
  {
    var groups: [(cycle: Double?, f: [Double], z: [Complex<Double>])] = []
    var f: [Double] = []
    var z: [Complex<Double>] = []
    var currentCycle: Double?
    let delimiter = Self.delimiter(of: lines[start])
    let comma = decimalComma(lines[start], delimiter)
    let needed = max(columns.f, columns.first, columns.second) + 1
    var index = start
    var truncatedAt: Int?
    while index < lines.count {
      let line = lines[index]
      if isBlank(line) {
        index += 1
        continue
      }
      let values = Self.numbers(line, delimiter, decimalComma: comma)
      guard values.count >= needed, let freq = values[columns.f], let a = values[columns.first],
        let b = values[columns.second]
      else {
        // A row shaped like data but not numeric ("......" in an aborted Gamry run) is worth a note; a footer is not.
        if values.count >= needed && values.contains(where: { $0 != nil }) {
          truncatedAt = index + 1
        }
        break
      }
      let first = columns.negateFirst ? -a : a
      let second = columns.negateSecond ? -b : b
      var re = first
      var im = second
      if columns.polar {
        let phase = columns.phaseInRadians ? second : second * Double.pi / 180
        re = first * cos(phase)
        im = first * sin(phase)
      }
      index += 1
      guard freq > 0, freq.isFinite, re.isFinite, im.isFinite else { continue }
      let cycle = columns.cycle.flatMap { $0 < values.count ? values[$0] : nil }
      var restarts = columns.cycle != nil && !f.isEmpty && cycle != currentCycle
      if !restarts && f.count >= 2 {
        // Without a cycle column, or within one cycle, a sweep that starts again begins a new spectrum.
        let descending = f[1] < f[0]
        let last = f[f.count - 1]
        restarts = descending ? freq > last * 1.5 : freq < last / 1.5
      }
      if restarts {
        groups.append((currentCycle, f, z))
        f = []
        z = []
      }
      currentCycle = cycle
      f.append(freq)
      z.append(Complex(re, im))
    }
    if !f.isEmpty { groups.append((currentCycle, f, z)) }
    guard !groups.isEmpty else { throw ImpedanceReadError.noData(source: source) }
    return try groups.enumerated().map { (k, group) in
      var m = metadata
      if groups.count > 1 { m.spectrumIndex = k + 1 }
      if let truncatedAt, k == groups.count - 1, truncatedAt <= lines.count,
        lines[(truncatedAt - 1)...].contains(where: {
          !$0.trimmingCharacters(in: .whitespaces).isEmpty
        })
      {
        m.notes.append(
          .warning("tableTruncated", "table ends at line \(truncatedAt) (run aborted or footer)"))
      }
      return try ImpedanceSpectrum(frequencies: group.f, impedance: group.z, metadata: m)
    }
  }

  /// Some programs write Z″ with the capacitive side positive (PalmSens);
  /// where a phase column stands beside it, the phase's sign decides: when
  /// most points with a clear phase (beyond 1°) disagree with Im Z, the
  /// imaginary part is negated and a note says so.
  static func orientImaginary(_ spectra: inout [ImpedanceSpectrum], phasesDegrees: [Double]) {
    let imaginary = spectra.flatMap { $0.imaginary }
    guard imaginary.count == phasesDegrees.count else { return }
    var agree = 0
    var disagree = 0
    for (im, phase) in zip(imaginary, phasesDegrees) where abs(phase) > 1 && im != 0 {
      if (im > 0) == (phase > 0) { agree += 1 } else { disagree += 1 }
    }
    guard disagree > 2 * agree, disagree >= 3 else { return }
    for k in spectra.indices {
      spectra[k].impedance = spectra[k].impedance.map { $0.conjugate }
      spectra[k].metadata.notes.append(
        .note(
          "imaginaryNegated",
          "the file's imaginary column has the sign opposite to its phase column (capacitive written positive): Im Z is its negative"
        ))
    }
  }

  /// Whether `line` holds `word` (lower-case ASCII) in any case, compared
  /// byte by byte: Foundation's case-folding search is slow on long lines
  /// of binary noise.
  static func containsASCII(_ line: Substring, _ word: StaticString) -> Bool {
    let needle = word.withUTF8Buffer { Array($0) }
    guard let first = needle.first else { return true }
    let bytes = Array(line.utf8)
    guard bytes.count >= needle.count else { return false }
    func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
    for start in 0...(bytes.count - needle.count) where lower(bytes[start]) == first {
      var k = 1
      while k < needle.count && lower(bytes[start + k]) == needle[k] { k += 1 }
      if k == needle.count { return true }
    }
    return false
  }
}
