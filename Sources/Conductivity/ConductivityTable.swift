import Foundation
import IonicsCore

/// A table of conductivities (or resistances) against temperature, as users
/// keep them in a spreadsheet: a header row, then one row per temperature,
/// comma, semicolon or tab separated (decimal commas with semicolons or tabs).
///
/// Columns are found by their names, units in the name:
/// - temperature: a name starting with `T` or `temp`; kelvin when it says
///   `K` (`T_K`, `T (K)`, `T/K`, `[K]`), otherwise °C;
/// - conductivity: `sigma`, `σ` or `conductivity`, in S/cm unless it says
///   `mS/cm`, `µS/cm`, `uS/cm`, `S/m` or `mS/m`; or resistance: `R` or
///   `resistance`, in Ω unless it says `kOhm`/`kΩ` or `MOhm`/`MΩ`;
/// - optional standard uncertainty: a name with `err`, `sd`, `u(` or `±`,
///   in the same unit as its value column unless it names its own.
public struct ConductivityTable: Sendable {
  /// What the value column holds.
  public enum Quantity: String, Sendable, Codable {
    /// σ, S/cm.
    case conductivity
    /// R, Ω (needs a geometry for σ).
    case resistance
  }

  /// Temperatures, K.
  public var temperaturesKelvin: [Double]
  /// Values: σ in S/cm or R in Ω.
  public var values: [Double]
  /// Standard uncertainties in the same unit (0 when the table has none).
  public var uncertainties: [Double]
  /// Which quantity `values` holds.
  public var quantity: Quantity

  /// Reads `text`; `source` names the file in errors.
  public init(parsing text: String, source: String) throws {
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .map(String.init)
    guard
      let headerIndex = lines.firstIndex(where: {
        !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#")
      })
    else { throw ConductivityError.table(file: source, line: 1, "the table is empty") }
    let header = lines[headerIndex]
    let separator: Character = header.contains("\t") ? "\t" : header.contains(";") ? ";" : ","
    let names = Self.fields(header, separator: separator)
    let lower = names.map { $0.lowercased() }
    func fail(_ what: String) -> ConductivityError {
      .table(
        file: source, line: headerIndex + 1,
        what + "; the header has: " + names.joined(separator: ", "))
    }
    func isError(_ n: String) -> Bool {
      n.contains("err") || n.hasPrefix("sd") || n.contains("u(") || n.contains("±")
        || n.hasPrefix("delta") || n.hasPrefix("std")
    }
    guard
      let tColumn = lower.firstIndex(where: {
        ($0.hasPrefix("t") || $0.hasPrefix("temp")) && !isError($0)
      })
    else { throw fail("expected a temperature column (T_C, T (K), temperature)") }
    let kelvin = Self.saysKelvin(lower[tColumn])
    let sigmaColumn = lower.firstIndex {
      ($0.hasPrefix("sigma") || $0.hasPrefix("σ") || $0.hasPrefix("conductivity")) && !isError($0)
    }
    let rColumn = lower.firstIndex {
      ($0 == "r" || $0.hasPrefix("r ") || $0.hasPrefix("r_") || $0.hasPrefix("r(")
        || $0.hasPrefix("r/") || $0.hasPrefix("r [") || $0.hasPrefix("resistance")) && !isError($0)
    }
    guard let valueColumn = sigmaColumn ?? rColumn else {
      throw fail("expected a conductivity (sigma_S_per_cm, σ (mS/cm)) or resistance (R_Ohm) column")
    }
    let quantity: Quantity = sigmaColumn != nil ? .conductivity : .resistance
    self.quantity = quantity
    let valueScale = Self.scale(names[valueColumn], quantity) ?? 1
    // The uncertainty of the value column: one named like it (sigma_err), else
    // one that does not belong to the other quantity (R_err beside sigma).
    func isConductivityName(_ n: String) -> Bool {
      n.hasPrefix("sigma") || n.hasPrefix("σ") || n.hasPrefix("conductivity")
        || n.hasPrefix("u(σ") || n.hasPrefix("u(sigma")
    }
    func isResistanceName(_ n: String) -> Bool {
      n.hasPrefix("r_") || n.hasPrefix("r ") || n.hasPrefix("resistance") || n.hasPrefix("u(r")
    }
    let errorCandidates = lower.indices.filter {
      $0 != tColumn && $0 != valueColumn && isError(lower[$0])
    }
    let own = quantity == .conductivity ? isConductivityName : isResistanceName
    let other = quantity == .conductivity ? isResistanceName : isConductivityName
    let errorColumn =
      errorCandidates.first { own(lower[$0]) } ?? errorCandidates.first { !other(lower[$0]) }
    let errorScale = errorColumn.map { Self.scale(names[$0], quantity) ?? valueScale } ?? 1

    var t: [Double] = []
    var v: [Double] = []
    var u: [Double] = []
    for n in (headerIndex + 1)..<lines.count {
      let line = lines[n]
      if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
      let cells = Self.fields(line, separator: separator)
      func number(_ column: Int, _ what: String) throws -> Double {
        guard column < cells.count else {
          throw ConductivityError.table(
            file: source, line: n + 1, "expected \(names.count) columns, found \(cells.count)")
        }
        let text =
          separator == "," ? cells[column] : cells[column].replacingOccurrences(of: ",", with: ".")
        guard let x = Double(text), x.isFinite else {
          throw ConductivityError.table(
            file: source, line: n + 1,
            "\(what) '\(cells[column])' (column \(column + 1)) is not a number")
        }
        return x
      }
      let temperature = try number(tColumn, "temperature")
      let value = try number(valueColumn, quantity.rawValue) * valueScale
      let error = try errorColumn.map { try number($0, "uncertainty") * errorScale } ?? 0
      let kelvinValue = kelvin ? temperature : Units.kelvin(fromCelsius: temperature)
      guard kelvinValue > 0 else {
        throw ConductivityError.table(
          file: source, line: n + 1,
          "temperature \(temperature) \(kelvin ? "K" : "°C") is below absolute zero")
      }
      guard value > 0 else {
        throw ConductivityError.table(
          file: source, line: n + 1, "\(quantity.rawValue) must be positive")
      }
      guard error >= 0 else {
        throw ConductivityError.table(file: source, line: n + 1, "uncertainty must not be negative")
      }
      t.append(kelvinValue)
      v.append(value)
      u.append(error)
    }
    guard !t.isEmpty else {
      throw ConductivityError.table(
        file: source, line: headerIndex + 2, "no data rows after the header")
    }
    temperaturesKelvin = t
    values = v
    uncertainties = u
  }

  /// The conductivity points; resistances need the sample `geometry`.
  public func points(geometry: CellGeometry?) throws -> [ConductivityPoint] {
    switch quantity {
    case .conductivity:
      return temperaturesKelvin.indices.map {
        ConductivityPoint(
          temperatureKelvin: temperaturesKelvin[$0], conductivity: values[$0],
          uncertainty: uncertainties[$0])
      }
    case .resistance:
      guard let geometry else {
        throw ConductivityError.bulk(
          "the table holds resistances: give the sample geometry (--diameter or --area, and --thickness)"
        )
      }
      return temperaturesKelvin.indices.map {
        let sigma = geometry.conductivity(
          resistance: Measured(values[$0], standardUncertainty: uncertainties[$0]))
        return ConductivityPoint(
          temperatureKelvin: temperaturesKelvin[$0], conductivity: sigma.value,
          uncertainty: sigma.standardUncertainty)
      }
    }
  }

  /// The fields of one CSV line, trimmed; a field in double quotes may hold
  /// the separator, and "" inside it is one quote (RFC 4180).
  static func fields(_ line: String, separator: Character) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var chars = line.makeIterator()
    var pending: Character? = nil
    while let c = pending ?? chars.next() {
      pending = nil
      if quoted {
        if c == "\"" {
          let next = chars.next()
          if next == "\"" {
            current.append("\"")
          } else {
            quoted = false
            pending = next
          }
        } else {
          current.append(c)
        }
      } else if c == "\"" && current.trimmingCharacters(in: .whitespaces).isEmpty {
        quoted = true
        current = ""
      } else if c == separator {
        fields.append(current.trimmingCharacters(in: .whitespaces))
        current = ""
      } else {
        current.append(c)
      }
    }
    fields.append(current.trimmingCharacters(in: .whitespaces))
    return fields
  }

  /// Whether a temperature column's name gives kelvin.
  static func saysKelvin(_ name: String) -> Bool {
    let n = name.replacingOccurrences(of: " ", with: "")
    return n.hasSuffix("_k") || n.hasSuffix("(k)") || n.hasSuffix("/k") || n.hasSuffix("[k]")
      || n == "t_k" || n.hasSuffix("kelvin") || n.hasSuffix("(kelvin)")
  }

  /// The factor to S/cm or Ω that a column name's unit asks for; nil when it
  /// names none. The unit is looked up in the one registry
  /// (``PhysicalUnit/stated(in:dimension:)``), case kept: `mΩ` is a
  /// milliohm and `MΩ` a megaohm.
  static func scale(_ name: String, _ quantity: Quantity) -> Double? {
    switch quantity {
    case .conductivity:
      guard let unit = PhysicalUnit.stated(in: name, dimension: .conductivity) else { return nil }
      return unit.toSI(1) / 100  // S/m → S/cm
    case .resistance:
      return PhysicalUnit.stated(in: name, dimension: .resistance)?.toSI(1)
    }
  }
}
