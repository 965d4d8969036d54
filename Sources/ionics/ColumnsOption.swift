import ArgumentParser
import Cycling
import Foundation
import Thermal
import Workflows

/// `--columns`: which columns of a CSV that Ionics does not recognise hold
/// what, in one syntax for every reader that takes one: inline
/// `name=column[:unit],…` (`time=Elapsed:min,voltage=Ewe:V`), or the path of
/// a JSON profile (`{"time": {"column": "Elapsed", "unit": "min"}, …}`).
struct ColumnsOption: ParsableArguments {
  @Option(
    name: .customLong("columns"),
    help:
      "Columns of a CSV Ionics does not recognise: name=column[:unit],… inline, or a JSON profile file."
  )
  var text: String?

  /// The columns by name, nil without --columns.
  func assignments() throws -> [String: ColumnProfile.Column]? {
    guard let text else { return nil }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: text, isDirectory: &isFolder), !isFolder.boolValue {
      let data = try readInput(text)
      do {
        return try JSONDecoder().decode([String: ColumnProfile.Column].self, from: data)
      } catch {
        throw CommandLineError(
          description:
            "--columns \(text): expected a JSON profile such as {\"time\": {\"column\": \"Elapsed\", \"unit\": \"min\"}} (\(error))"
        )
      }
    }
    var result: [String: ColumnProfile.Column] = [:]
    for item in text.split(separator: ",") {
      let pair = item.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
        throw CommandLineError(
          description: "--columns '\(item)': expected name=column or name=column:unit")
      }
      let columnAndUnit = pair[1].split(separator: ":", maxSplits: 1).map(String.init)
      result[pair[0]] = ColumnProfile.Column(
        column: columnAndUnit[0], unit: columnAndUnit.count > 1 ? columnAndUnit[1] : nil)
    }
    return result
  }

  /// A cycler column profile (time and voltage required).
  func cyclerProfile() throws -> ColumnProfile? {
    guard let columns = try assignments() else { return nil }
    let known = [
      "time", "voltage", "current", "chargeCapacity", "dischargeCapacity", "capacity", "cycle",
      "step",
    ]
    if let unknown = columns.keys.sorted().first(where: { !known.contains($0) }) {
      throw CommandLineError(
        description: "--columns: '\(unknown)' is not a cycler column; expected \(known.joined(separator: ", "))")
    }
    guard let time = columns["time"], let voltage = columns["voltage"] else {
      throw CommandLineError(description: "--columns: a cycler file needs time and voltage")
    }
    var profile = ColumnProfile(time: time, voltage: voltage)
    profile.current = columns["current"]
    profile.chargeCapacity = columns["chargeCapacity"]
    profile.dischargeCapacity = columns["dischargeCapacity"]
    profile.capacity = columns["capacity"]
    profile.cycle = columns["cycle"]
    profile.step = columns["step"]
    return profile
  }

  /// A TGA column mapping (time, temperature and mass required).
  func thermogramMapping() throws -> ColumnMapping? {
    guard let columns = try assignments() else { return nil }
    let known = ["time", "temperature", "mass"]
    if let unknown = columns.keys.sorted().first(where: { !known.contains($0) }) {
      throw CommandLineError(
        description: "--columns: '\(unknown)' is not a TGA column; expected time, temperature, mass")
    }
    guard let time = columns["time"], let temperature = columns["temperature"],
      let mass = columns["mass"]
    else {
      throw CommandLineError(description: "--columns: a TGA export needs time, temperature and mass")
    }
    return ColumnMapping(time: time.column, temperature: temperature.column, mass: mass.column)
  }
}
