import Foundation

/// VAMAS files (ISO 14976, "Surface Chemical Analysis Standard Data Transfer
/// Format"), as CasaXPS, SPECS Prodigy, Kratos, PHI MultiPak (`.npl`) and
/// Staib write them: a header, then blocks (regions), each field on its own
/// line, fields present or absent by the experiment mode, the scan mode and
/// the technique. REGULAR blocks give the abscissa as start and step;
/// IRREGULAR ones as the first corresponding variable. Values of 1e37 and
/// above mean "not specified". CasaXPS keeps its regions and components in
/// the block comment, returned as ``Block/comment``.
public enum VAMASFile {
  /// A block: the spectrum and the comment lines that came with it.
  public struct Block: Sendable, Equatable {
    /// The region.
    public var spectrum: PhotoelectronSpectrum
    /// The block's comment lines (CasaXPS writes its processing here).
    public var comment: [String]
  }

  static let experimentModes: Set<String> = ["MAP", "MAPDP", "MAPSV", "MAPSVDP", "NORM", "SDP", "SDPSV", "SEM"]
  static let mapping: Set<String> = ["MAP", "MAPDP", "MAPSV", "MAPSVDP", "SEM"]
  static let depthProfile: Set<String> = ["MAPDP", "MAPSVDP", "SDP", "SDPSV"]
  static let ionTechniques: Set<String> = [
    "FABMS", "FABMS energy spec", "ISS", "SIMS", "SIMS energy spec", "SNMS", "SNMS energy spec",
  ]
  static let electronTechniques: Set<String> = ["AES diff", "AES dir", "EDX", "ELS", "UPS", "XPS", "XRF"]

  /// Whether `head` (the first bytes) is a VAMAS file: its identifier line,
  /// after any blank lines.
  public static func recognises(_ head: Data) -> Bool {
    let text = String(decoding: head.prefix(512), as: UTF8.self)
    return text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("VAMAS Surface Chemical Analysis Standard")
  }

  /// Every block of the file at `data`; `source` names it in errors.
  public static func read(_ data: Data, source: String) throws(SpectroscopyError) -> [Block] {
    var lines = Lines(data, source: source)
    try lines.skipBlankStart()
    let identifier = try lines.next("the VAMAS identifier line")
    guard identifier.hasPrefix("VAMAS Surface Chemical Analysis Standard") else {
      throw .malformed(file: source, line: lines.number, expected: "'VAMAS Surface Chemical Analysis Standard Data Transfer Format 1988 May 4'")
    }
    for what in ["the institution", "the instrument model", "the operator", "the experiment identifier"] {
      _ = try lines.next(what)
    }
    try lines.skip(try lines.count("the number of comment lines"), "comment lines")
    let mode = try lines.next("the experiment mode (NORM, SDP, MAP …)")
    guard experimentModes.contains(mode) else {
      throw .malformed(file: source, line: lines.number, expected: "an experiment mode (MAP, MAPDP, MAPSV, MAPSVDP, NORM, SDP, SDPSV, SEM), not '\(mode)'")
    }
    let scan = try lines.next("the scan mode (REGULAR or IRREGULAR)")
    guard scan == "REGULAR" || scan == "IRREGULAR" else {
      throw scan == "MAPPING"
        ? .unsupported(file: source, "a MAPPING (image) file: only spectra are read")
        : .malformed(file: source, line: lines.number, expected: "REGULAR or IRREGULAR, not '\(scan)'")
    }
    if mode != "SEM" { _ = try lines.count("the number of spectral regions") }
    if mapping.contains(mode) {
      for what in ["the number of analysis positions", "the number of x coordinates", "the number of y coordinates"] {
        _ = try lines.count(what)
      }
    }
    let variables = try lines.count("the number of experimental variables")
    try lines.skip(2 * variables, "experimental variable labels and units")
    let inclusion = try lines.integer("the number of entries in the parameter inclusion list")
    guard inclusion == 0 else {
      throw .unsupported(file: source, "a parameter inclusion or exclusion list (\(inclusion) entries) leaves fields out of every block: not read")
    }
    try lines.skip(try lines.count("the number of manually entered items"), "manually entered items")
    let experimentFuture = try lines.count("the number of future upgrade experiment entries")
    let blockFuture = try lines.count("the number of future upgrade block entries")
    try lines.skip(experimentFuture, "future upgrade experiment entries")
    let count = try lines.count("the number of blocks")
    var blocks: [Block] = []
    for _ in 0..<count {
      blocks.append(
        try block(
          &lines, mode: mode, regular: scan == "REGULAR", variables: variables, future: blockFuture))
    }
    return blocks
  }

  static func block(_ lines: inout Lines, mode: String, regular: Bool, variables: Int, future: Int)
    throws(SpectroscopyError) -> Block
  {
    let name = try lines.next("the block identifier")
    let sample = try lines.next("the sample identifier")
    var stamp: [Int] = []
    for what in ["year", "month", "day", "hours", "minutes", "seconds", "hours ahead of GMT"] {
      stamp.append(try lines.integer("the \(what)"))
    }
    let comment = try lines.take(try lines.count("the number of block comment lines"), "block comment lines")
    let technique = try lines.next("the technique (XPS, AES diff …)")
    if mapping.contains(mode) { try lines.skip(2, "the x and y coordinates") }
    try lines.skip(variables, "experimental variable values")
    let sourceLabel = try lines.next("the analysis source label")
    if depthProfile.contains(mode) || ionTechniques.contains(technique) {
      try lines.skip(3, "the sputtering particle's atomic number, size and charge")
    }
    let photon = try lines.value("the analysis source energy (eV)")
    for what in ["the source strength", "the beam width x", "the beam width y"] { _ = try lines.value(what) }
    if mapping.contains(mode) { try lines.skip(2, "the field of view") }
    if ["MAPSV", "MAPSVDP", "SEM"].contains(mode) { try lines.skip(6, "the linescan coordinates") }
    for what in ["the source polar angle", "the source azimuth"] { _ = try lines.value(what) }
    _ = try lines.next("the analyser mode")
    let pass = try lines.value("the analyser pass energy")
    if technique == "AES diff" { _ = try lines.value("the differential width") }
    _ = try lines.value("the analyser lens magnification")
    let workFunction = try lines.value("the analyser work function")
    for what in ["the target bias", "the analysis width x", "the analysis width y", "the take-off polar angle", "the take-off azimuth"] {
      _ = try lines.value(what)
    }
    let species = try lines.next("the species label")
    let transition = try lines.next("the transition label")
    _ = try lines.integer("the charge of the detected particle")
    var axisLabel = ""
    var start = 0.0
    var step = 0.0
    if regular {
      axisLabel = try lines.next("the abscissa label")
      _ = try lines.next("the abscissa unit")
      start = try lines.number("the abscissa start")
      step = try lines.number("the abscissa increment")
    }
    let correspondingCount = try lines.count("the number of corresponding variables")
    guard correspondingCount >= (regular ? 1 : 2) else {
      throw .malformed(file: lines.source, line: lines.number, expected: regular ? "at least one corresponding variable" : "the abscissa and at least one signal as corresponding variables")
    }
    var labels: [String] = []
    for _ in 0..<correspondingCount {
      labels.append(try lines.next("a corresponding variable's label"))
      _ = try lines.next("a corresponding variable's unit")
    }
    _ = try lines.next("the signal mode")
    let dwell = try lines.value("the signal collection time (s)")
    let scans = try lines.integer("the number of scans")
    _ = try lines.value("the signal time correction")
    if electronTechniques.contains(technique) && depthProfile.contains(mode) {
      try lines.skip(7, "the sputtering source's energy, current, widths, angles and mode")
    }
    try lines.skip(3, "the sample tilt, azimuth and rotation")
    try lines.skip(3 * (try lines.count("the number of additional numerical parameters")), "additional numerical parameters")
    try lines.skip(future, "future upgrade block entries")
    let ordinates = try lines.count("the number of ordinate values")
    guard ordinates % correspondingCount == 0 else {
      throw .malformed(file: lines.source, line: lines.number, expected: "a number of ordinate values divisible by the \(correspondingCount) corresponding variables, not \(ordinates)")
    }
    try lines.skip(2 * correspondingCount, "the minimum and maximum of each corresponding variable")
    let values = try lines.numbers(ordinates, "ordinate values")
    let points = ordinates / correspondingCount
    func column(_ k: Int) -> [Double] { (0..<points).map { values[$0 * correspondingCount + k] } }
    let energies: [Double]
    let signalColumn: Int
    if regular {
      energies = (0..<points).map { start + Double($0) * step }
      signalColumn = 0
    } else {
      axisLabel = labels[0]
      energies = column(0)
      signalColumn = 1
    }
    let transmissionColumn = labels.indices.first { $0 > signalColumn && labels[$0].lowercased().contains("transmission") }
    let date: String? =
      stamp[0] > 0 && stamp[1] > 0 && stamp[2] > 0
      ? String(format: "%04d-%02d-%02d", stamp[0], stamp[1], stamp[2])
        + (stamp[3] >= 0 && stamp[4] >= 0 && stamp[5] >= 0 ? String(format: " %02d:%02d:%02d", stamp[3], stamp[4], stamp[5]) : "")
      : nil
    var spectrum = PhotoelectronSpectrum(
      name: name, sample: sample, technique: technique, species: species, transition: transition,
      photonEnergy: photon, source: sourceLabel, passEnergy: pass, workFunction: workFunction,
      recordedAxis: axisLabel.lowercased().contains("binding") ? .binding : .kinetic, energies: energies,
      signal: column(signalColumn), signalLabel: labels[signalColumn], dwellSeconds: dwell,
      scans: scans > 0 ? scans : nil, transmission: transmissionColumn.map(column), date: date)
    spectrum.casaXPS = CasaXPSProcessing.parse(comment)
    return Block(spectrum: spectrum, comment: comment)
  }
}

/// The lines of a VAMAS file, read one field at a time, each error naming the line.
struct Lines {
  let source: String
  private let lines: [Substring]
  private var index = 0

  init(_ data: Data, source: String) {
    self.source = source
    let text = String(decoding: data, as: UTF8.self)
    lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
  }

  /// The 1-based number of the line read last.
  var number: Int { index }

  mutating func skipBlankStart() throws(SpectroscopyError) {
    while index < lines.count && Self.clean(lines[index]).isEmpty { index += 1 }
  }

  /// A field without its line ending, surrounding blanks and NUL padding.
  static func clean(_ line: Substring) -> String {
    // Character tests, not a CharacterSet: building that set per line cost
    // more than the rest of reading.
    func blank(_ c: Character) -> Bool { c.isWhitespace || c == "\0" }
    guard let first = line.firstIndex(where: { !blank($0) }), let last = line.lastIndex(where: { !blank($0) }) else {
      return ""
    }
    return String(line[first...last])
  }

  mutating func next(_ what: String) throws(SpectroscopyError) -> String {
    guard index < lines.count else {
      throw .malformed(file: source, line: lines.count, expected: "\(what), but the file ends")
    }
    index += 1
    return Self.clean(lines[index - 1])
  }

  mutating func number(_ what: String) throws(SpectroscopyError) -> Double {
    let text = try next(what)
    guard let x = Double(text), x.isFinite else {
      throw .malformed(file: source, line: index, expected: "\(what) as a number, not '\(text.prefix(40))'")
    }
    return x
  }

  /// A number where 1e37 and above mean "not specified" (nil).
  mutating func value(_ what: String) throws(SpectroscopyError) -> Double? {
    let x = try number(what)
    return abs(x) >= 1e37 ? nil : x
  }

  mutating func integer(_ what: String) throws(SpectroscopyError) -> Int {
    let text = try next(what)
    guard let n = Int(text) else {
      throw .malformed(file: source, line: index, expected: "\(what) as a whole number, not '\(text.prefix(40))'")
    }
    return n
  }

  /// A count that the rest of the file can hold (one line per item at least).
  mutating func count(_ what: String) throws(SpectroscopyError) -> Int {
    let n = try integer(what)
    guard n >= 0, n <= lines.count - index else {
      throw .malformed(file: source, line: index, expected: "\(what) between 0 and the \(lines.count - index) lines left, not \(n)")
    }
    return n
  }

  mutating func skip(_ n: Int, _ what: String) throws(SpectroscopyError) {
    guard n >= 0, n <= lines.count - index else {
      throw .malformed(file: source, line: lines.count, expected: "\(n) lines of \(what), but the file ends")
    }
    index += n
  }

  mutating func take(_ n: Int, _ what: String) throws(SpectroscopyError) -> [String] {
    let start = index
    try skip(n, what)
    return lines[start..<index].map(Self.clean)
  }

  /// `n` numbers, one or more per line.
  mutating func numbers(_ n: Int, _ what: String) throws(SpectroscopyError) -> [Double] {
    var out: [Double] = []
    out.reserveCapacity(min(n, lines.count - index))
    while out.count < n {
      let line = try next("\(n) \(what) (\(out.count) read)")
      for field in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) {
        guard let x = Double(field), x.isFinite else {
          throw .malformed(file: source, line: index, expected: "\(what) as numbers, not '\(field.prefix(40))'")
        }
        out.append(x)
      }
    }
    guard out.count == n else {
      throw .malformed(file: source, line: index, expected: "\(n) \(what), not \(out.count)")
    }
    return out
  }
}
