import Foundation
import IonicsCore

/// SPECS SpecsLab 2 XML ("CORBA XML document created by XMLSerializer"):
/// region groups of regions, each with its definition (kinetic energy of
/// the first point, step, points, pass energy, dwell, excitation energy,
/// scan mode), the multichannel detector (each channel's energy `shift` as
/// a fraction of the pass energy, and `mcd_head`/`mcd_tail` extra steps)
/// and cycles of scans of raw counts.
///
/// The counts of a scan are recorded per analyser step, all channels of a
/// step together (channel fastest), over head + points + tail steps. At
/// step j the analyser is at E_start + (j − head)·ΔE and channel d counts
/// electrons of that energy plus o_d = shift_d × pass energy. Point i
/// (E_start + i·ΔE) is therefore the sum over channels of the counts at
/// step j = i + head − round(o_d/ΔE): the channels are aligned before they
/// are summed, then the scans are summed. Only the fixed-analyser-
/// transmission mode (constant pass energy, so constant o_d) is read; other
/// scan modes are refused by name.
///
/// pynxtools-xps 0.x sums the channels at the same step instead (no
/// alignment), which smears a C 1s line over the ±1.5 eV spread of the
/// channels, and puts its binding-energy axis 1 eV above hν − E_kin;
/// `alignChannels: false` reproduces its counts.
public enum SpecsLabXMLFile {
  /// Whether the file's start looks like a SpecsLab 2 XML document.
  public static func recognises(_ head: String) -> Bool {
    head.hasPrefix("<?xml") && head.contains("XMLSerializer") && head.contains("<!DOCTYPE any")
  }

  /// Every region (and cycle, when a region has several) of the file.
  public static func read(_ data: Data, source: String, alignChannels: Bool = true) throws(SpectroscopyError)
    -> [PhotoelectronSpectrum]
  {
    var regions: [RawRegion] = []
    var group = ""
    var current: RawRegion?
    var regionDepth = -1
    var parser = XMLScanner(bytes: [UInt8](data), source: source)
    while let event = try parser.next() {
      switch event {
      case .open(let element, let depth):
        if element.typeName == "RegionData" {
          current = RawRegion(line: parser.line)
          regionDepth = depth
        } else if current != nil, element.typeName == "Cycle" {
          current?.cycles.append([])
        } else if current != nil, element.name == "counts" {
          current?.countsOpen = true
        }
      case .leaf(let element, let text, let path):
        if current == nil {
          if element.name == "name", path.last?.typeName == "RegionGroup" { group = text }
          continue
        }
        current?.take(element, text, path: path)
      case .close(let element, let depth):
        if depth == regionDepth, element.typeName == "RegionData", let done = current {
          regions.append(done)
          current = nil
          regionDepth = -1
        } else if element.name == "counts" {
          current?.countsOpen = false
        }
      }
    }
    guard !regions.isEmpty else {
      throw .malformed(file: source, line: 1, expected: "a SpecsLab RegionData struct")
    }
    var spectra: [PhotoelectronSpectrum] = []
    for region in regions {
      spectra += try region.spectra(group: group, source: source, align: alignChannels)
    }
    return spectra
  }
}

/// What one RegionData holds, gathered while scanning.
struct RawRegion {
  var line: Int
  var name = ""
  var values: [String: String] = [:]
  var shifts: [Double] = []
  var anode = ""
  var lastParameter = ""
  var cycles: [[[Double]]] = []
  var countsOpen = false
  var transmission: [Double] = []
  var cycleTimes: [Double] = []

  mutating func take(_ element: XMLScanner.Element, _ text: String, path: [XMLScanner.Element]) {
    let parent = path.last
    switch element.name {
    case "name" where parent?.typeName == "RegionData": name = text
    case "name" where parent?.name == "scan_mode": values["scan_mode"] = text
    case "name" where parent?.typeName == "Parameter": lastParameter = text
    case "shift" where path.contains { $0.name == "detectors" }:
      if let v = Double(text), v.isFinite { shifts.append(v) }
    case "time" where parent?.typeName == "Cycle":
      if let v = Double(text) { cycleTimes.append(v) }
    default:
      if countsOpen, element.tag == "ulong", !cycles.isEmpty {
        cycles[cycles.count - 1].append(XMLScanner.numbers(text))
      } else if parent?.name == "transmission", element.tag == "double" {
        transmission = XMLScanner.numbers(text)
      } else if element.tag == "enum", lastParameter == "Anode" {
        anode = text
      } else if let key = element.name, parent?.name == "region" || parent?.typeName == "RegionData",
        values[key] == nil
      {
        values[key] = text
      }
    }
  }

  func number(_ key: String, source: String) throws(SpectroscopyError) -> Double {
    guard let text = values[key], let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
      throw .malformed(file: source, line: line, expected: "a number for '\(key)' in region \(name.isEmpty ? "?" : name)")
    }
    return v
  }

  func count(_ key: String, source: String, limit: Int) throws(SpectroscopyError) -> Int {
    let v = try number(key, source: source)
    guard v >= 0, v <= Double(limit), v == v.rounded() else {
      throw .malformed(file: source, line: line, expected: "a whole '\(key)' from 0 to \(limit) in region \(name)")
    }
    return Int(v)
  }

  func spectra(group: String, source: String, align: Bool) throws(SpectroscopyError) -> [PhotoelectronSpectrum] {
    let label = name.isEmpty ? "region" : name
    let mode = values["scan_mode"] ?? "FixedAnalyzerTransmission"
    guard mode == "FixedAnalyzerTransmission" else {
      throw .unsupported(file: source, "region \(label): scan mode \(mode) is not read (only FixedAnalyzerTransmission)")
    }
    let points = try count("values_per_curve", source: source, limit: 10_000_000)
    let curves = values["curves_per_scan"] == nil ? 1 : try count("curves_per_scan", source: source, limit: 1_000_000)
    guard curves == 1 else {
      throw .unsupported(file: source, "region \(label): \(curves) curves per scan (snapshot or imaging data) are not read")
    }
    let head = try count("mcd_head", source: source, limit: 1_000_000)
    let tail = try count("mcd_tail", source: source, limit: 1_000_000)
    let start = try number("kinetic_energy", source: source)
    let step = try number("scan_delta", source: source)
    let pass = try number("pass_energy", source: source)
    let hv = try number("excitation_energy", source: source)
    let base = values["kinetic_energy_base"] == nil ? 0 : try number("kinetic_energy_base", source: source)
    guard base == 0 else {
      throw .unsupported(file: source, "region \(label): a kinetic_energy_base of \(base) eV is not read")
    }
    guard points >= 2, step > 0, step < 1000, pass >= 0 else {
      throw .malformed(file: source, line: line, expected: "at least 2 points and a positive step in region \(label)")
    }
    let channels = max(shifts.count, 1)
    let steps = points + head + tail
    // Step of each channel's first point; each must keep all points inside the recorded steps.
    let offsets = (shifts.isEmpty ? [0] : shifts).map { shift -> Int in
      align ? Int((shift * pass / step).rounded()) : 0
    }
    for o in offsets where head - o < 0 || head - o + points > steps {
      throw .malformed(
        file: source, line: line,
        expected: "channel offsets within the \(head) head and \(tail) tail steps in region \(label) (an offset of \(o) steps)")
    }
    let dwell = values["dwell_time"].flatMap(Double.init)
    var out: [PhotoelectronSpectrum] = []
    let present = cycles.filter { !$0.isEmpty }
    guard !present.isEmpty else {
      throw .malformed(file: source, line: line, expected: "at least one scan of counts in region \(label)")
    }
    for (c, scans) in present.enumerated() {
      var signal = [Double](repeating: 0, count: points)
      for scan in scans {
        guard scan.count == steps * channels else {
          throw .malformed(
            file: source, line: line,
            expected: "\(steps * channels) counts per scan in region \(label) ((\(points) + \(head) + \(tail)) steps × \(channels) channels), not \(scan.count)")
        }
        for (d, o) in offsets.enumerated() {
          for i in 0..<points { signal[i] += scan[(i + head - o) * channels + d] }
        }
      }
      let energies = (0..<points).map { start + Double($0) * step }
      let core = PhotoelectronSpectrum.coreLevel(in: name)
      var spectrum = PhotoelectronSpectrum(
        name: present.count > 1 ? "\(label) cycle \(c + 1)" : label, sample: group,
        technique: values["analysis_method"] ?? "XPS", species: core?.species ?? "", transition: core?.transition ?? "",
        photonEnergy: hv > 0 ? hv : nil, source: anode, passEnergy: pass,
        workFunction: values["effective_workfunction"].flatMap(Double.init), recordedAxis: .kinetic,
        energies: energies, signal: signal, signalLabel: "counts", dwellSeconds: dwell, scans: scans.count,
        transmission: transmission.count == points ? transmission : nil, date: nil)
      if c < cycleTimes.count {
        spectrum.date = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: cycleTimes[c]))
      }
      out.append(spectrum)
    }
    return out
  }
}

/// A scanner of the XML that SpecsLab writes: elements with `name` and
/// `type_name` attributes, text in leaves, no mixed content. Comments,
/// the declaration and the DOCTYPE are skipped. Nesting is limited to 256.
struct XMLScanner {
  /// An element's tag and the two attributes that matter.
  struct Element {
    var tag: String
    var name: String?
    var typeName: String?
  }

  enum Event {
    case open(Element, depth: Int)
    case leaf(Element, text: String, path: [Element])
    case close(Element, depth: Int)
  }

  let bytes: [UInt8]
  let source: String
  var position = 0
  var line = 1
  var stack: [Element] = []
  var pendingText: Int?

  init(bytes: [UInt8], source: String) {
    self.bytes = bytes
    self.source = source
  }

  /// The whitespace-separated numbers of `text` (non-numbers skipped).
  static func numbers(_ text: String) -> [Double] {
    text.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
  }

  mutating func next() throws(SpectroscopyError) -> Event? {
    while position < bytes.count {
      guard bytes[position] == UInt8(ascii: "<") else {
        if bytes[position] == UInt8(ascii: "\n") { line += 1 }
        position += 1
        continue
      }
      let tagStart = position
      if starts("<!--") {
        try skip(past: "-->")
        continue
      }
      if starts("<!DOCTYPE") {
        try skip(past: "]>")
        continue
      }
      if starts("<?") {
        try skip(past: "?>")
        continue
      }
      guard let end = bytes[position...].firstIndex(of: UInt8(ascii: ">")) else {
        throw .malformed(file: source, line: line, expected: "'>' closing the tag opened here")
      }
      let inner = bytes[(position + 1)..<end]
      for b in inner where b == UInt8(ascii: "\n") { line += 1 }
      position = end + 1
      if inner.first == UInt8(ascii: "/") {
        let tag = String(decoding: inner.dropFirst().prefix { $0 != UInt8(ascii: " ") }, as: UTF8.self)
        guard let open = stack.popLast(), open.tag == tag else {
          throw .malformed(file: source, line: line, expected: "</\(stack.last?.tag ?? "nothing")>, not </\(tag)>")
        }
        if let textStart = pendingText {
          pendingText = nil
          let text = String(decoding: bytes[textStart..<tagStart], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
          return .leaf(open, text: SpreadsheetXLSX.unescape(text), path: stack)
        }
        return .close(open, depth: stack.count)
      }
      let selfClosing = inner.last == UInt8(ascii: "/")
      let element = parse(selfClosing ? inner.dropLast() : inner)
      if selfClosing {
        pendingText = nil
        return .leaf(element, text: "", path: stack)
      }
      guard stack.count < 256 else {
        throw .malformed(file: source, line: line, expected: "elements nested at most 256 deep")
      }
      pendingText = nil
      stack.append(element)
      // A leaf's text starts here; an opened child clears it.
      if let next = bytes[position...].firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
        bytes[next] == UInt8(ascii: "<"), next + 1 < bytes.count, bytes[next + 1] != UInt8(ascii: "/")
      {
        return .open(element, depth: stack.count - 1)
      }
      pendingText = position
      return .open(element, depth: stack.count - 1)
    }
    guard stack.isEmpty else {
      throw .malformed(file: source, line: line, expected: "</\(stack.last?.tag ?? "")> before the end of the file")
    }
    return nil
  }

  func starts(_ text: String) -> Bool {
    let t = Array(text.utf8)
    return position + t.count <= bytes.count && Array(bytes[position..<(position + t.count)]) == t
  }

  mutating func skip(past marker: String) throws(SpectroscopyError) {
    let m = Array(marker.utf8)
    var i = position
    while i + m.count <= bytes.count {
      if bytes[i] == m[0], Array(bytes[i..<(i + m.count)]) == m {
        position = i + m.count
        return
      }
      if bytes[i] == UInt8(ascii: "\n") { line += 1 }
      i += 1
    }
    throw .malformed(file: source, line: line, expected: "'\(marker)' closing the declaration")
  }

  func parse(_ inner: ArraySlice<UInt8>) -> Element {
    let text = String(decoding: inner, as: UTF8.self)
    let tag = String(text.prefix { !$0.isWhitespace })
    func attribute(_ key: String) -> String? {
      guard let r = text.range(of: " \(key)=\"") else { return nil }
      let rest = text[r.upperBound...]
      return String(rest.prefix { $0 != "\"" })
    }
    return Element(tag: tag, name: attribute("name"), typeName: attribute("type_name"))
  }
}
