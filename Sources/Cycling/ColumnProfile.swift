import Foundation

/// Which columns of a CSV hold what, for files Ionics does not recognise:
/// the header names (matched ignoring case and surrounding spaces), their
/// units, and the sign of the current. Written by users as JSON:
///
///     {"time": {"column": "Elapsed", "unit": "min"},
///      "voltage": {"column": "Ewe", "unit": "mV"},
///      "current": {"column": "I", "unit": "mA", "sign": -1},
///      "chargeCapacity": {"column": "Qc", "unit": "mAh"},
///      "dischargeCapacity": {"column": "Qd", "unit": "mAh"},
///      "cycle": {"column": "Cycle"}}
///
/// Time and voltage are required. Capacities come from charge and
/// discharge columns, or one `capacity` column split by the current's
/// sign, or, with neither, from ∫I dt. `sign: -1` turns a current that is
/// positive on discharge into Ionics' convention (positive = charge).
public struct ColumnProfile: Sendable, Codable {
  /// One column: its header name, unit and sign.
  public struct Column: Sendable, Codable {
    /// The header text.
    public var column: String
    /// Unit: s, min, h; V, mV; A, mA, uA; Ah, mAh, uAh, C (A·s), mC.
    public var unit: String?
    /// +1 or −1 (current only).
    public var sign: Double?

    /// A column named `column` in `unit`.
    public init(column: String, unit: String? = nil, sign: Double? = nil) {
      self.column = column
      self.unit = unit
      self.sign = sign
    }
  }

  public var time: Column
  public var voltage: Column
  public var current: Column?
  public var chargeCapacity: Column?
  public var dischargeCapacity: Column?
  public var capacity: Column?
  public var cycle: Column?
  public var step: Column?

  /// A profile with the two required columns.
  public init(time: Column, voltage: Column) {
    self.time = time
    self.voltage = voltage
  }

  /// Reads a profile from JSON, naming the file in errors.
  public static func decode(_ data: Data, source: String) throws(CyclingError) -> ColumnProfile {
    do {
      return try JSONDecoder().decode(ColumnProfile.self, from: data)
    } catch {
      throw .badValue(
        source: source, line: 1,
        "expected a column profile: {\"time\": {\"column\": …, \"unit\": \"s\"}, \"voltage\": {…}, …} (\(error))"
      )
    }
  }

  /// The factor to SI (s, V, A, Ah) of `column`'s unit for a quantity of `kind`.
  func factor(_ column: Column, _ kind: String, source: String) throws(CyclingError) -> Double {
    let unit = (column.unit ?? "").lowercased().replacingOccurrences(of: "µ", with: "u")
    let table: [String: [String: Double]] = [
      "time": ["": 1, "s": 1, "min": 60, "h": 3600],
      "voltage": ["": 1, "v": 1, "mv": 1e-3],
      "current": ["": 1, "a": 1, "ma": 1e-3, "ua": 1e-6],
      "capacity": ["": 1, "ah": 1, "mah": 1e-3, "uah": 1e-6, "c": 1 / 3600, "mc": 1e-3 / 3600],
    ]
    guard let f = table[kind]?[unit] else {
      throw .badValue(
        source: source, line: 1,
        "unit '\(column.unit ?? "")' of column '\(column.column)' is not a \(kind) unit (\(table[kind]?.keys.filter { !$0.isEmpty }.sorted().joined(separator: ", ") ?? ""))"
      )
    }
    return f * (kind == "current" ? (column.sign ?? 1) : 1)
  }
}
