import Foundation
import IonicsCore

/// A measured powder pattern: 2θ (degrees), counts, and what the file said
/// about the radiation.
public struct MeasuredPattern: Sendable {
  /// 2θ, degrees, rising.
  public var twoTheta: [Double]
  /// Intensity (counts or counts per second as the file gives them).
  public var intensity: [Double]
  /// Wavelength named by the file, Å (Kα1), when it names one.
  public var wavelength: Double?
  /// The format read.
  public var format: String
  /// What the reader left out or assumed, one sentence each.
  public var notes: [String] = []
  /// Kα2/Kα1 intensity ratio the file states (0 for a Kα1 monochromator).
  public var kAlpha2Ratio: Double?
  /// The standard uncertainty of each intensity, when the file gives one
  /// (a third column, GSAS `ESD`, `ALT` and `FXYE`); nil means counting
  /// statistics, σ = √I.
  public var uncertainty: [Double]?

  /// A pattern from its columns (sorted by 2θ); `uncertainty`, when given,
  /// has one σ per point.
  public init(
    twoTheta: [Double], intensity: [Double], uncertainty: [Double]? = nil, wavelength: Double? = nil, format: String
  ) {
    let order = twoTheta.indices.sorted { twoTheta[$0] < twoTheta[$1] }
    self.twoTheta = order.map { twoTheta[$0] }
    self.intensity = order.map { intensity[$0] }
    if let uncertainty, uncertainty.count == twoTheta.count {
      self.uncertainty = order.map { uncertainty[$0] }
    }
    self.wavelength = wavelength
    self.format = format
  }

  /// Reads `.xy`, `.xye`, `.csv` and `.txt` columns (2θ, I[, σ]; any
  /// delimiter, decimal commas, comment and header lines skipped),
  /// PANalytical `.xrdml`, Rigaku `.ras`, Bruker `.raw` (RAW1.01, RAW4.00)
  /// and `.brml`, recognised from the content. `source` names the file in errors.
  public static func read(_ data: Data, source: String) throws(DiffractionError) -> MeasuredPattern
  {
    if isBrukerRaw(data) { return try brukerRaw(data, source: source) }
    if isZip(data) {
      return isRASX(data) ? try rasx(data, source: source) : try brml(data, source: source)
    }
    let text = TextDecoding.decode(data)
    if text.contains("xrdMeasurement"), text.contains("<") {
      return try xrdml(text, source: source)
    }
    if text.contains("*RAS_DATA_START") || text.contains("*RAS_INT_START") {
      return try ras(text, source: source)
    }
    if isGSAS(text) { return try gsas(text, source: source) }
    return try columns(text, source: source)
  }

  static func columns(_ text: String, source: String) throws(DiffractionError) -> MeasuredPattern {
    var x: [Double] = []
    var y: [Double] = []
    var e: [Double] = []
    var header: [String] = []
    for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated()
    {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("!") || line.hasPrefix("'") {
        if x.isEmpty, header.count < 200 { header.append(line) }
        continue
      }
      // A semicolon or tab separates fields when present, so a comma may be decimal.
      let separators: Set<Character> =
        line.contains(";") || line.contains("\t") ? [";", "\t", " "] : [",", " "]
      let fields = line.split(whereSeparator: { separators.contains($0) }).map {
        $0.replacingOccurrences(of: ",", with: ".")
      }
      guard fields.count >= 2, let a = Double(fields[0]), let b = Double(fields[1]) else {
        if x.isEmpty {  // a header line
          if header.count < 200 { header.append(line) }
          continue
        }
        throw .badInput(
          "\(source), line \(n + 1): expected 2θ and intensity, found '\(line.prefix(60))'")
      }
      x.append(a)
      y.append(b)
      // A third column is σ (.xye) only when every row has a positive one.
      if e.count == x.count - 1, fields.count >= 3, let c = Double(fields[2]), c > 0, c.isFinite { e.append(c) }
    }
    guard x.count >= 10 else {
      throw .badInput("\(source): \(x.count) data lines; expected columns of 2θ and intensity")
    }
    var pattern = MeasuredPattern(
      twoTheta: x, intensity: y, uncertainty: e.count == x.count ? e : nil,
      wavelength: statedWavelength(header) ?? anodeWavelength(header), format: "columns")
    // PANalytical's CSV states whether Kα2 was present ("Ratio K-Alpha2/K-Alpha1,0.000").
    if let line = header.first(where: { $0.hasPrefix("Ratio K-Alpha2/K-Alpha1") }),
      let ratio = line.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" }).last
        .flatMap({ Double($0) })
    {
      pattern.kAlpha2Ratio = ratio
    }
    return pattern
  }

  /// PANalytical XRDML (1.x and 2.x): the 2θ `<positions>` element (a
  /// `<listPositions>` or `<startPosition>`/`<endPosition>`) and `<counts>`
  /// or `<intensities>`; namespace prefixes and CDATA sections are read.
  static func xrdml(_ text: String, source: String) throws(DiffractionError) -> MeasuredPattern {
    let all = Substring(text)
    guard let counts = XMLScan.element("counts", in: all) ?? XMLScan.element("intensities", in: all)
    else { throw .badInput("\(source): XRDML without <counts> or <intensities>") }
    let y = XMLScan.numbers(counts.content)
    // The 2θ axis: the <positions axis="2Theta"> element, whichever comes first.
    var rest = all
    var axis: Substring?
    while let positions = XMLScan.element("positions", in: rest) {
      if positions.attributes.contains("axis=\"2Theta\"")
        || positions.attributes.contains("axis='2Theta'")
      {
        axis = positions.content
        break
      }
      rest = rest[positions.end...]
    }
    guard let axis else { throw .badInput("\(source): XRDML without a 2Theta positions axis") }
    var x: [Double] = []
    if let list = XMLScan.element("listPositions", in: axis) {
      x = XMLScan.numbers(list.content)
    } else if let start = XMLScan.element("startPosition", in: axis).flatMap({
      XMLScan.numbers($0.content).first
    }),
      let end = XMLScan.element("endPosition", in: axis).flatMap({
        XMLScan.numbers($0.content).first
      }),
      y.count > 1
    {
      x = (0..<y.count).map { start + (end - start) * Double($0) / Double(y.count - 1) }
    }
    guard x.count == y.count, y.count >= 10 else {
      throw .badInput("\(source): XRDML with \(x.count) 2θ positions for \(y.count) intensities")
    }
    let lambda = XMLScan.element("kAlpha1", in: all).flatMap { XMLScan.numbers($0.content).first }
    return MeasuredPattern(twoTheta: x, intensity: y, wavelength: lambda, format: "XRDML")
  }

  /// Rigaku RAS: `*RAS_INT_START` … `*RAS_INT_END`, lines of 2θ, counts and
  /// an attenuator factor (counts × factor); `*HW_XG_WAVE_LENGTH_ALPHA1`.
  static func ras(_ text: String, source: String) throws(DiffractionError) -> MeasuredPattern {
    var x: [Double] = []
    var y: [Double] = []
    var inside = false
    var lambda: Double?
    for line in text.split(whereSeparator: \.isNewline) {
      if line.hasPrefix("*RAS_INT_START") {
        inside = true
        continue
      }
      if line.hasPrefix("*RAS_INT_END") { break }
      if line.hasPrefix("*HW_XG_WAVE_LENGTH_ALPHA1") {
        lambda = line.split(separator: " ").dropFirst().first.flatMap {
          Double($0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
      }
      guard inside else { continue }
      let f = line.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
      guard f.count >= 2 else { continue }
      x.append(f[0])
      y.append(f[1] * (f.count >= 3 ? f[2] : 1))
    }
    guard x.count >= 10 else { throw .badInput("\(source): RAS file without *RAS_INT data") }
    return MeasuredPattern(twoTheta: x, intensity: y, wavelength: lambda, format: "RAS")
  }
}

/// Just enough XML for instrument files: the first element of a local name
/// (any namespace prefix), its attribute text and its content.
enum XMLScan {
  static func element(_ name: String, in text: Substring)
    -> (attributes: Substring, content: Substring, end: Substring.Index)?
  {
    var search = text[...]
    while let open = search.firstIndex(of: "<") {
      let afterBracket = search.index(after: open)
      let tagEnd =
        search[afterBracket...].firstIndex {
          $0 == ">" || $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "/"
        } ?? search.endIndex
      let tag = search[afterBracket..<tagEnd]
      let local = tag.split(separator: ":").last.map(String.init) ?? ""
      guard local == name, let close = search[tagEnd...].firstIndex(of: ">") else {
        search = search[afterBracket...]
        continue
      }
      let attributes = search[tagEnd..<close]
      if attributes.hasSuffix("/") {  // <name/>: empty
        return (attributes, search[close..<close], search.index(after: close))
      }
      let bodyStart = search.index(after: close)
      // Searched in UTF-8 by the standard library: Foundation's range(of:)
      // copies the rest of the document at each call (quadratic on a
      // .brml's thousands of <Datum> elements).
      guard let end = search[bodyStart...].utf8.firstRange(of: Array("</\(tag)>".utf8)) else {
        return nil
      }
      return (attributes, search[bodyStart..<end.lowerBound], end.upperBound)
    }
    return nil
  }

  /// The numbers in an element's text, CDATA markers removed.
  static func numbers(_ content: Substring) -> [Double] {
    content.replacingOccurrences(of: "<![CDATA[", with: " ").replacingOccurrences(
      of: "]]>", with: " "
    )
    .split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
  }
}
