import Diffraction
import Foundation
import IonicsCore
import Spectroscopy
import TOMLKit

/// A manifest that cannot be used: the file, the line, and what was expected.
public struct ProjectManifestError: Error, Equatable, CustomStringConvertible {
  /// The manifest.
  public let file: String
  /// 1-based line.
  public let line: Int
  /// What is wrong and what was expected.
  public let message: String

  /// "ionics.toml:12: …".
  public var description: String { "\(file):\(line): \(message)" }
}

extension ProjectManifest {
  /// The tables a manifest may hold, the keys of each, and whether the
  /// table may repeat (`[[…]]`).
  static let schema: [String: (keys: Set<String>, repeated: Bool)] = [
    "project": (["title", "sample", "formula", "notice"], false),
    "structure": (["file", "mobile-ion", "charges", "spacing"], false),
    "pattern": (["file", "radiation", "fwhm", "refine", "instrument", "background-terms", "atoms"], false),
    "tga": (["file", "mass", "ms", "ms-offset"], false),
    "conductivity": (["name", "files", "circuit", "diameter", "thickness", "bulk", "temperatures", "fmin", "fmax"], false),
    "comparison": (["name", "files", "circuit", "diameter", "thickness", "bulk", "temperatures", "fmin", "fmax"], true),
    "interface": (["name", "file", "circuit", "element", "fmin", "fmax"], true),
    "storage": (["name", "files", "circuit", "element", "hours", "fmin", "fmax"], false),
    "cell": (["name", "file", "active-mass", "one-c", "retention-from", "comparison"], true),
    "symmetric": (["name", "file", "area"], true),
    "xps": (
      ["name", "file", "region", "components", "shape", "background", "shift", "charge-reference", "doublets", "splitting"],
      true
    ),
    "ir": (["name", "before", "after", "label-before", "label-after", "normalise", "baseline"], true),
  ]

  /// Reads the manifest at `path`: every table and key checked, every file
  /// and glob resolved (a glob must match at least one file). Errors name
  /// the line.
  public static func read(_ path: String) throws -> ProjectManifest {
    let text = try readText(path)
    return try parse(text, path: path, checkFiles: true)
  }

  /// Parses a manifest's text; `path` locates the files it names (checked
  /// to exist when `checkFiles`).
  public static func parse(_ text: String, path: String, checkFiles: Bool = true) throws
    -> ProjectManifest
  {
    let name = (path as NSString).lastPathComponent
    do {
      try TOMLPrecheck.check(text)
    } catch {
      throw ProjectManifestError(file: name, line: error.line, message: "not valid TOML: \(error.message)")
    }
    let document: TOMLTable
    do {
      document = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw ProjectManifestError(
        file: name, line: error.source.begin.line, message: "not valid TOML: \(error.description)")
    }
    let lines = TOMLKeyLines(text)
    var manifest = ProjectManifest(path: path)
    var reader = TableReader(file: name, lines: lines, manifest: manifest, checkFiles: checkFiles)
    for (table, value) in document {
      guard let spec = schema[table] else {
        throw ProjectManifestError(
          file: name, line: lines.line(table: table),
          message:
            "unknown table [\(table)]: expected one of \(schema.keys.sorted().map { "[\($0)]" }.joined(separator: ", "))"
        )
      }
      let entries: [TOMLTable]
      if spec.repeated {
        guard let array = value.array else {
          throw ProjectManifestError(
            file: name, line: lines.line(table: table), message: "write [[\(table)]]: it may repeat")
        }
        entries = array.compactMap(\.table)
      } else {
        guard let single = value.table else {
          throw ProjectManifestError(
            file: name, line: lines.line(table: table), message: "write [\(table)] once, as a table")
        }
        entries = [single]
      }
      for (index, entry) in entries.enumerated() {
        reader.at(table: table, index: index)
        for key in entry.keys where !spec.keys.contains(key) {
          throw reader.error(
            key, "unknown key '\(key)' in [\(table)]: expected one of \(spec.keys.sorted().joined(separator: ", "))")
        }
        try reader.read(entry, table: table, into: &manifest)
      }
    }
    manifest.guesses = lines.placeholders.map { p in
      let repeated = schema[p.table]?.repeated == true
      let section = p.table == "cell" ? "cells" : p.table == "tga" ? "tga" : repeated ? "\(p.table)-\(p.index + 1)" : p.table
      return ProjectManifest.Guess(section: section, key: p.key, line: p.line)
    }
    return manifest
  }
}

/// Reads the values of one table, with the line of each key for errors.
private struct TableReader {
  let file: String
  let lines: TOMLKeyLines
  let manifest: ProjectManifest
  let checkFiles: Bool
  var table = ""
  var index = 0

  init(file: String, lines: TOMLKeyLines, manifest: ProjectManifest, checkFiles: Bool) {
    self.file = file
    self.lines = lines
    self.manifest = manifest
    self.checkFiles = checkFiles
  }

  mutating func at(table: String, index: Int) {
    self.table = table
    self.index = index
  }

  func error(_ key: String?, _ message: String) -> ProjectManifestError {
    ProjectManifestError(file: file, line: lines.line(table: table, index: index, key: key), message: message)
  }

  func string(_ t: TOMLTable, _ key: String) throws -> String? {
    guard let value = t[key] else { return nil }
    guard let s = value.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw error(key, "'\(key)' must be a non-empty string in quotes")
    }
    return s
  }

  func required(_ t: TOMLTable, _ key: String, _ what: String) throws -> String {
    guard let s = try string(t, key) else {
      throw error(nil, "[\(table)] needs \(key) = \"…\" (\(what))")
    }
    return s
  }

  func positive(_ t: TOMLTable, _ key: String, unit: String) throws -> Double? {
    guard let value = t[key] else { return nil }
    guard let x = value.double ?? value.int.map(Double.init), x.isFinite, x > 0 else {
      throw error(key, "'\(key)' must be a positive number (\(unit))")
    }
    return x
  }

  func file(_ t: TOMLTable, _ key: String, required needed: Bool = true, what: String) throws -> String? {
    guard let path = needed ? try required(t, key, what) : try string(t, key) else { return nil }
    if checkFiles && !FileManager.default.fileExists(atPath: manifest.resolve(path)) {
      throw error(key, "'\(path)' does not exist (paths are relative to the manifest's folder)")
    }
    return path
  }

  /// A string or a list of strings (`what` names them in the error).
  func strings(_ value: TOMLValueConvertible, _ key: String, _ what: String) throws -> [String] {
    if let one = value.string { return [one] }
    guard let array = value.array else { throw error(key, "'\(key)' must be a list of \(what) in quotes") }
    return try array.map {
      guard let s = $0.string else { throw error(key, "'\(key)' must list \(what) in quotes") }
      return s
    }
  }

  func files(_ t: TOMLTable, _ key: String) throws -> [String] {
    guard let value = t[key] else { throw error(nil, "[\(table)] needs \(key) = [\"…\"] (spectrum files or globs)") }
    let items = try strings(value, key, "paths")
    guard !items.isEmpty else { throw error(key, "'\(key)' lists no file") }
    if checkFiles {
      for item in items where try ProjectFiles.expand(item, in: manifest).isEmpty {
        throw error(key, "'\(item)' matches no file (paths are relative to the manifest's folder)")
      }
    }
    return items
  }

  /// `fmin` and `fmax` (Hz), the lower below the upper.
  func trim(_ t: TOMLTable) throws -> SpectrumTrim {
    let window = SpectrumTrim(
      minimumFrequencyHertz: try positive(t, "fmin", unit: "Hz"), maximumFrequencyHertz: try positive(t, "fmax", unit: "Hz"))
    if let lo = window.minimumFrequencyHertz, let hi = window.maximumFrequencyHertz, lo >= hi {
      throw error("fmax", "'fmax' must lie above 'fmin'")
    }
    return window
  }

  func series(_ t: TOMLTable, defaultName: String) throws -> ProjectManifest.ConductivitySeries {
    ProjectManifest.ConductivitySeries(
      name: try string(t, "name") ?? defaultName, files: try files(t, "files"),
      circuit: try required(t, "circuit", "the equivalent circuit, such as \"p(R1,CPE1)-CPE2\""),
      diameter: try positive(t, "diameter", unit: "mm"), thickness: try positive(t, "thickness", unit: "mm"),
      bulk: try string(t, "bulk"), temperatures: try file(t, "temperatures", required: false, what: "a temperature table"),
      trim: try trim(t))
  }

  func read(_ t: TOMLTable, table: String, into m: inout ProjectManifest) throws {
    switch table {
    case "project":
      m.project.title = try string(t, "title") ?? m.project.title
      m.project.sample = try string(t, "sample")
      m.project.formula = try string(t, "formula")
      m.project.notice = try string(t, "notice")
    case "structure":
      let charges = try string(t, "charges")
      if let charges, !["formal", "molecular"].contains(charges) {
        throw error("charges", "'charges' must be \"formal\" or \"molecular\"")
      }
      m.structure = .init(
        file: try file(t, "file", what: "the CIF") ?? "", mobileIon: try string(t, "mobile-ion"),
        charges: charges, spacing: try positive(t, "spacing", unit: "Å"))
    case "pattern":
      var pattern = ProjectManifest.Pattern(
        file: try file(t, "file", what: "the powder pattern") ?? "", radiation: try string(t, "radiation"),
        fwhm: try positive(t, "fwhm", unit: "degrees 2θ"))
      if let method = try string(t, "refine") {
        guard let parsed = LeBailRefinement.Method(rawValue: method) else {
          throw error("refine", "'refine' must be \"le-bail\", \"pawley\" or \"rietveld\"")
        }
        pattern.refine = parsed
      }
      pattern.instrument = try file(t, "instrument", required: false, what: "the instrument-parameter file")
      if let terms = t["background-terms"] {
        guard let n = terms.int, (1...36).contains(n) else {
          throw error("background-terms", "'background-terms' must be a whole number from 1 to 36")
        }
        pattern.backgroundTerms = n
      }
      if let value = t["atoms"] {
        guard let b = value.bool, !b || pattern.refine == .rietveld else {
          throw error("atoms", "'atoms' must be true or false, and true only with refine = \"rietveld\"")
        }
        pattern.refineAtoms = b
      }
      m.pattern = pattern
    case "tga":
      var section = ProjectManifest.Thermogravimetry(file: try file(t, "file", what: "the TGA export") ?? "")
      section.mass = try positive(t, "mass", unit: "mg")
      section.ms = try file(t, "ms", required: false, what: "the mass spectrometer's export")
      if let value = t["ms-offset"] {
        guard let x = value.double ?? value.int.map(Double.init), x.isFinite, abs(x) < 1e7 else {
          throw error("ms-offset", "'ms-offset' must be a number of seconds")
        }
        section.msOffset = x
      }
      m.thermogravimetry = section
    case "conductivity":
      m.conductivity = try series(t, defaultName: m.project.sample ?? "sample")
    case "comparison":
      m.comparisons.append(try series(t, defaultName: "comparison \(index + 1)"))
    case "interface":
      m.interfaces.append(
        .init(
          name: try string(t, "name") ?? "interface \(index + 1)",
          file: try file(t, "file", what: "the spectrum") ?? "",
          circuit: try required(t, "circuit", "the equivalent circuit"), element: try string(t, "element"),
          trim: try trim(t)))
    case "storage":
      var hours: [Double] = []
      if let value = t["hours"] {
        guard let array = value.array else { throw error("hours", "'hours' must be a list of numbers (h)") }
        hours = try array.map {
          guard let x = $0.double ?? $0.int.map(Double.init), x.isFinite, x >= 0 else {
            throw error("hours", "'hours' must list storage times ≥ 0 (h)")
          }
          return x
        }
      }
      m.storage = .init(
        name: try string(t, "name") ?? "symmetric cell", files: try files(t, "files"),
        circuit: try required(t, "circuit", "the equivalent circuit"),
        element: try required(t, "element", "the element whose resistance is the interface's, such as \"R2\""),
        hours: hours, trim: try trim(t))
    case "cell":
      let oneC = try positive(t, "one-c", unit: "mAh/g")
      var retention: Int?
      if let value = t["retention-from"] {
        guard let n = value.int, n >= 1, n < 10_000_000 else {
          throw error("retention-from", "'retention-from' must be a cycle number ≥ 1")
        }
        retention = n
      }
      var comparison = false
      if let value = t["comparison"] {
        guard let b = value.bool else { throw error("comparison", "'comparison' must be true or false") }
        comparison = b
      }
      m.cells.append(
        .init(
          name: try string(t, "name") ?? "cell \(index + 1)",
          file: try file(t, "file", what: "the cycler file") ?? "",
          activeMass: try positive(t, "active-mass", unit: "mg"), oneC: oneC, retentionFrom: retention,
          comparison: comparison))
    case "symmetric":
      m.symmetricCells.append(
        .init(
          name: try string(t, "name") ?? "symmetric cell \(index + 1)",
          file: try file(t, "file", what: "the cycler file") ?? "",
          area: try positive(t, "area", unit: "cm²")))
    case "xps":
      var components: [String] = []
      if let value = t["components"] {
        components = try strings(value, "components", "\"NAME@POSITION\" components, such as \"NaF@683.5\",")
      }
      let shape = try string(t, "shape") ?? "GL(30)"
      guard LineShape(shape) != nil else {
        throw error("shape", "'shape' must be GL(m) or SGL(m) (m from 0 to 100), V(ρ), DS(α,r) or AL(α,β,r)")
      }
      let background = try string(t, "background") ?? "shirley"
      guard XPSFit.Background(name: background) != nil else {
        throw error("background", "'background' must be one of \(XPSFit.Background.names.joined(separator: ", "))")
      }
      var shift = 0.0
      if let value = t["shift"] {
        guard let x = value.double ?? value.int.map(Double.init), x.isFinite, abs(x) < 100 else {
          throw error("shift", "'shift' must be a charge correction within ±100 eV")
        }
        shift = x
      }
      let reference = try string(t, "charge-reference")
      if let reference {
        guard (try? XPSWorkflow.chargeReference(reference)) != nil, shift == 0 else {
          throw error("charge-reference", "'charge-reference' must be \"REGION=ENERGY\" (\"C 1s=284.8\"), and not given with 'shift'")
        }
      }
      var doublets = false
      if let value = t["doublets"] {
        guard let b = value.bool else { throw error("doublets", "'doublets' must be true or false") }
        doublets = b
      }
      let splitting = try positive(t, "splitting", unit: "eV")
      m.photoelectronRegions.append(
        .init(
          name: try string(t, "name") ?? "XPS region \(index + 1)", file: try file(t, "file", what: "the XPS file") ?? "",
          region: try string(t, "region"), components: components, shape: shape, background: background, shift: shift,
          chargeReference: reference, doublets: doublets || splitting != nil, splitting: splitting))
    case "ir":
      let normalise = try string(t, "normalise") ?? "maximum"
      guard (try? IRWorkflow.normalisation(normalise)) != nil else {
        throw error("normalise", "'normalise' must be maximum, area, none or a band \"LOW-HIGH\" in cm⁻¹")
      }
      let baseline = try string(t, "baseline") ?? "arpls"
      guard (try? IRWorkflow.baseline(named: baseline)) != nil else {
        throw error("baseline", "'baseline' must be arpls, als, rubber-band or none")
      }
      m.infraredComparisons.append(
        .init(
          name: try string(t, "name") ?? "IR comparison \(index + 1)",
          before: try file(t, "before", what: "the spectrum before") ?? "",
          after: try file(t, "after", what: "the spectrum after") ?? "",
          labelBefore: try string(t, "label-before") ?? "before", labelAfter: try string(t, "label-after") ?? "after",
          normalise: normalise, baseline: baseline))
    default:
      break
    }
  }
}
