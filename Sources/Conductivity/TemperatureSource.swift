import Foundation
import TOMLKit
import Impedance
import IonicsCore

/// Where each spectrum's temperature comes from: its file name
/// (`s04147-140deg.txt`, `NRASCN_25C.mpt`, `pellet_298K.csv`, `T=85.5°C`),
/// its header (what the reader found), or a manifest that names it.
public enum TemperatureSource {
  /// The temperatures written in a file name, °C: a number directly followed
  /// by `°C`, `degC`, `deg`, `C` or `K` (kelvin converted), not inside a
  /// longer word. A minus sign counts only after `_`, `=`, a space or at the
  /// start (`-` also separates words, as in `s04147-140deg`).
  public static func celsius(fromFileName path: String) -> [Double] {
    celsius(inName: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
  }

  /// The temperature a spectrum's header gives, °C: the reader's value
  /// (a Gamry thermocouple), else one written in the header's sample or run
  /// name ("s04147_ex-situ_EIS-160deg") by the rules of file names.
  public static func celsius(fromHeader metadata: SpectrumMetadata) -> Double? {
    if let t = metadata.temperatureCelsius { return t }
    guard let title = metadata.title else { return nil }
    let found = Set(celsius(inName: title))
    return found.count == 1 ? found.first : nil
  }

  /// The temperatures written in a name (no path, no extension), °C.
  public static func celsius(inName name: String) -> [Double] {
    let scalars = Array(name.unicodeScalars)
    var results: [Double] = []
    var i = 0
    func isLetter(_ k: Int) -> Bool {
      k >= 0 && k < scalars.count && CharacterSet.letters.contains(scalars[k])
    }
    func isDigit(_ k: Int) -> Bool {
      k >= 0 && k < scalars.count && ("0"..."9").contains(scalars[k])
    }
    while i < scalars.count {
      guard isDigit(i), !isDigit(i - 1), !(i > 0 && scalars[i - 1] == ".") else {
        i += 1
        continue
      }
      // A number that starts a word (not "EIS1" or "2ZARC1").
      if isLetter(i - 1)
        && !(i >= 1 && "Tt".unicodeScalars.contains(scalars[i - 1]) && !isLetter(i - 2))
      {
        while isDigit(i) { i += 1 }
        continue
      }
      var j = i
      while isDigit(j) { j += 1 }
      if j < scalars.count, scalars[j] == "." || scalars[j] == "," || scalars[j] == "p",
        isDigit(j + 1)
      {
        j += 1
        while isDigit(j) { j += 1 }
      }
      let number = String(String.UnicodeScalarView(scalars[i..<j]))
        .replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "p", with: ".")
      var negative = false
      if i > 0, scalars[i - 1] == "-" {
        negative = i == 1 || ["_", "=", " "].contains(scalars[i - 2])
      }
      var k = j
      while k < scalars.count, scalars[k] == " " { k += 1 }
      let rest = String(String.UnicodeScalarView(scalars[k...])).lowercased()
      var unitLength = 0
      var kelvin = false
      for (unit, isKelvin) in [
        ("°c", false), ("degc", false), ("deg", false), ("c", false), ("k", true),
      ]
      where rest.hasPrefix(unit) {
        unitLength = unit.unicodeScalars.count
        kelvin = isKelvin
        break
      }
      if unitLength > 0, !isLetter(k + unitLength), let value = Double(number), value.isFinite {
        let signed = negative ? -value : value
        results.append(kelvin ? signed - PhysicalConstants.zeroCelsiusInKelvin : signed)
      }
      i = j
    }
    return results
  }

  /// A manifest: CSV (comma, semicolon or tab) whose header names a file
  /// column (`file`, `filename`, `path`) and a temperature column (a name
  /// starting with T) in °C, or in K when its name ends in `_K`, `/K`,
  /// `(K)` or `[K]`.
  /// Returns temperature in °C by file name as written. A `.toml` file (or
  /// text that looks like TOML) is read by ``tomlManifest(_:source:)``.
  public static func manifest(_ text: String, source: String) throws -> [String: Double] {
    let firstLine = text.split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces)
    }.first { !$0.isEmpty && !$0.hasPrefix("#") }
    if source.lowercased().hasSuffix(".toml") || firstLine?.hasPrefix("[") == true
      || firstLine?.contains("=") == true
    {
      return try tomlManifest(text, source: source)
    }
    let lines = text.split(whereSeparator: \.isNewline).map(String.init)
    guard let header = lines.first else {
      throw ConductivityError.table(file: source, line: 1, "the manifest is empty")
    }
    let separator: Character = header.contains(";") ? ";" : header.contains("\t") ? "\t" : ","
    let names = ConductivityTable.fields(header, separator: separator).map { $0.lowercased() }
    guard
      let fileColumn = names.firstIndex(where: {
        ["file", "filename", "path", "spectrum"].contains($0)
      })
    else {
      throw ConductivityError.table(
        file: source, line: 1, "expected a column named file, filename or path")
    }
    guard let tColumn = names.indices.first(where: { $0 != fileColumn && names[$0].hasPrefix("t") })
    else {
      throw ConductivityError.table(
        file: source, line: 1,
        "expected a temperature column such as temperature_C or temperature_K")
    }
    // Kelvin when the column says so (temperature_K, T/K, T (K), T [K]); °C otherwise.
    let kelvin = ["_k", "(k)", "/k", "[k]", " k"].contains { names[tColumn].hasSuffix($0) }
    var result: [String: Double] = [:]
    for (n, line) in lines.enumerated().dropFirst() {
      let cells = ConductivityTable.fields(line, separator: separator)
      if cells.allSatisfy(\.isEmpty) { continue }
      guard cells.count > max(fileColumn, tColumn), !cells[fileColumn].isEmpty else {
        throw ConductivityError.table(
          file: source, line: n + 1, "expected a file name and a temperature")
      }
      let text = cells[tColumn].replacingOccurrences(of: ",", with: ".")
      guard let t = Double(text), t.isFinite else {
        throw ConductivityError.table(
          file: source, line: n + 1, "'\(cells[tColumn])' is not a temperature")
      }
      result[cells[fileColumn]] = kelvin ? t - PhysicalConstants.zeroCelsiusInKelvin : t
    }
    return result
  }

  /// A TOML manifest (any valid TOML, read with TOMLKit after
  /// ``TOMLPrecheck`` has refused what would crash it), in either of two
  /// shapes:
  ///
  ///     [temperatures_C]            # or [temperatures_K]
  ///     "NRASCN_25C.mpt" = 25
  ///
  ///     [[spectrum]]                # or [[file]], [[spectra]], [[files]]
  ///     file = "pellet_a.mpt"
  ///     temperature_C = 25          # or temperature_K = 298.15
  ///
  /// Other keys of a `[[spectrum]]` entry (notes, sample names) are allowed;
  /// an unknown table, a value that is not a finite number, or an entry
  /// without a file or a temperature is an error naming the line.
  public static func tomlManifest(_ text: String, source: String) throws -> [String: Double] {
    do {
      try TOMLPrecheck.check(text)
    } catch {
      throw ConductivityError.table(file: source, line: error.line, "not valid TOML: \(error.message)")
    }
    let document: TOMLTable
    do {
      document = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw ConductivityError.table(
        file: source, line: error.source.begin.line, "not valid TOML: \(error.description)")
    }
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(
      String.init)
    // TOMLKit gives no positions for values: the first line that names the
    // key (after `start`) stands for it.
    func line(of key: String, after start: Int = 0) -> Int {
      for n in max(start, 0)..<lines.count {
        let l = lines[n]
        if l.contains("\"\(key)\"") || l.contains("'\(key)'")
          || l.trimmingCharacters(in: .whitespaces).hasPrefix(key)
        {
          return n + 1
        }
      }
      return 1
    }
    func temperature(_ value: TOMLValueConvertible, key: String, after: Int = 0) throws -> Double {
      let number = value.double ?? value.int.map(Double.init)
      guard let t = number, t.isFinite else {
        throw ConductivityError.table(
          file: source, line: line(of: key, after: after), "'\(key)' is not a finite temperature")
      }
      return t
    }
    var result: [String: Double] = [:]
    for (name, value) in document {
      switch name.lowercased() {
      case "temperatures_c", "temperatures", "temperature_c", "temperatures_k", "temperature_k":
        let kelvin = name.lowercased().hasSuffix("_k")
        guard let table = value.table else {
          throw ConductivityError.table(
            file: source, line: line(of: name),
            "[\(name)] must be a table of \"file\" = temperature")
        }
        for (file, t) in table {
          let celsius = try temperature(t, key: file, after: line(of: name) - 1)
          result[file] = kelvin ? Units.celsius(fromKelvin: celsius) : celsius
        }
      case "spectrum", "spectra", "file", "files":
        guard let entries = value.array else {
          throw ConductivityError.table(
            file: source, line: line(of: name), "[[\(name)]] must be an array of tables")
        }
        var start = 0
        for entry in entries {
          let entryLine = line(of: "[[\(name)]]", after: start)
          start = entryLine
          guard let table = entry.table else { continue }
          var file: String?
          var celsius: Double?
          for (key, v) in table {
            switch key.lowercased() {
            case "file", "path", "filename": file = v.string
            case "temperature_c", "t_c", "temperature":
              celsius = try temperature(v, key: key, after: entryLine - 1)
            case "temperature_k", "t_k":
              celsius = Units.celsius(
                fromKelvin: try temperature(v, key: key, after: entryLine - 1))
            default: continue  // other keys (notes, sample names) are allowed and ignored
            }
          }
          guard let file, let celsius else {
            throw ConductivityError.table(
              file: source, line: entryLine,
              "a [[spectrum]] entry needs file = \"…\" and temperature_C or temperature_K")
          }
          result[file] = celsius
        }
      default:
        if value.table != nil || value.array != nil {
          throw ConductivityError.table(
            file: source, line: line(of: name),
            "unknown table [\(name)]: expected [temperatures_C], [temperatures_K] or [[spectrum]]")
        }
        throw ConductivityError.table(
          file: source, line: line(of: name),
          "'\(name)' outside a table: start with [temperatures_C] or [[spectrum]]")
      }
    }
    guard !result.isEmpty else {
      throw ConductivityError.table(file: source, line: 1, "the manifest names no file")
    }
    return result
  }

  /// One temperature per file, °C, from a manifest entry (matched by the
  /// path as written or its last component), else the file name and header,
  /// which must agree within `tolerance` (°C). Throws one error listing
  /// every file whose temperature is missing or contradictory.
  public static func resolve(
    files: [(path: String, headerCelsius: Double?)], manifest: [String: Double]? = nil,
    tolerance: Double = 2
  ) throws -> [(celsius: Double, source: String)] {
    var resolved: [(Double, String)] = []
    var problems: [String] = []
    // Entries also match by their last path component ("data/a.mpt" names a.mpt
    // wherever the folder is), unless two entries share it.
    var byName: [String: Double?] = [:]
    for (key, t) in manifest ?? [:] {
      let name = URL(fileURLWithPath: key).lastPathComponent
      byName[name] = byName[name] == nil ? t : .some(nil)
    }
    for (path, header) in files {
      let base = URL(fileURLWithPath: path).lastPathComponent
      if let manifest, let t = manifest[path] ?? manifest[base] ?? byName[base] ?? nil {
        resolved.append((t, "manifest"))
        continue
      }
      let fromName = Array(Set(celsius(fromFileName: path)))
      if fromName.count > 1 {
        problems.append(
          "\(path): the name holds several temperatures (\(fromName.sorted().map { format($0) }.joined(separator: ", ")) °C)"
        )
        continue
      }
      switch (fromName.first, header) {
      case (let n?, let h?) where abs(n - h) > tolerance:
        problems.append(
          "\(path): the name says \(format(n)) °C but the header says \(format(h)) °C")
      case (let n?, _): resolved.append((n, "file name"))
      case (nil, let h?): resolved.append((h, "header"))
      case (nil, nil):
        problems.append(
          "\(path): no temperature in the name (such as _25C or -140deg) or header"
            + (manifest == nil ? "; give a manifest (file,temperature_C)" : " or the manifest"))
      }
    }
    guard problems.isEmpty else { throw ConductivityError.temperatures(problems) }
    return resolved
  }

  static func format(_ t: Double) -> String { String(format: "%g", t) }
}
