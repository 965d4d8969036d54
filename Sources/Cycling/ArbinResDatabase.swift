import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import IonicsCore

/// Arbin MITS Pro `.res` files: MS-Access (JET4) databases. Ionics reads
/// them through `mdb-export` from mdbtools (Debian package `mdbtools`):
/// `Channel_Normal_Table` holds the records (Test_Time s, Current A,
/// Voltage V, Charge_/Discharge_Capacity Ah that restart each cycle,
/// Cycle_Index, Step_Index) and `Global_Table` the test (MASS in g,
/// Test_Name, Channel_Index, Schedule_File_Name).
package enum ArbinResDatabase {
  /// Whether `data` is an MS-Access database ("Standard Jet DB" or "Standard ACE DB" at byte 4).
  package static func isAccessDatabase(_ data: Data) -> Bool {
    guard data.count > 20 else { return false }
    let name = String(decoding: data[data.startIndex + 4..<data.startIndex + 19], as: UTF8.self)
    return name == "Standard Jet DB" || name == "Standard ACE DB"
  }

  /// The path of `mdb-export`, nil when mdbtools is not installed.
  package static var exporter: String? {
    let paths =
      (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
      .split(separator: ":") + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
    return paths.map { "\($0)/mdb-export" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// Reads the bytes of a `.res` named `source`.
  package static func read(_ data: Data, source: String) throws(CyclingError) -> CyclerTable {
    guard let tool = exporter else {
      throw .unreadable(
        source: source,
        "an Arbin .res (MS-Access) file; reading it needs mdb-export from mdbtools (Debian/Ubuntu: apt install mdbtools; macOS: brew install mdbtools), or export CSV/xlsx from MITS Pro"
      )
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ionics-res-\(UUID().uuidString)")
    let copy = folder.appendingPathComponent("file.res")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try data.write(to: copy)
    } catch {
      throw .unreadable(
        source: source, "could not copy it to \(folder.path) for mdb-export: \(error)")
    }
    defer { try? FileManager.default.removeItem(at: folder) }
    let records = inDataPointOrder(
      try export(tool, copy.path, table: "Channel_Normal_Table", source: source))
    var table = try CapacityColumnsCSV.read(records, source: source)
    table.format = "Arbin .res (MS-Access, read with mdb-export)"
    if let global = try? export(tool, copy.path, table: "Global_Table", source: source) {
      let lines = TextDecoding.decode(global).split(whereSeparator: \.isNewline)
      if lines.count >= 2 {
        let header = CSVFields.split(lines[0])
        let values = CSVFields.split(lines[1])
        if let k = header.firstIndex(of: "MASS"), k < values.count, let grams = Double(values[k]),
          grams > 0
        {
          table.activeMassGrams = grams
        }
      }
    }
    return table
  }

  /// The rows sorted by (Test_ID, Data_Point): the database keeps them in
  /// storage order, which need not be the order of measurement.
  static func inDataPointOrder(_ csv: Data) -> Data {
    let text = TextDecoding.decode(csv)
    var lines = text.split(whereSeparator: \.isNewline)
    guard let headerLine = lines.first else { return csv }
    let header = CSVFields.split(headerLine)
    guard let point = header.firstIndex(of: "Data_Point") else { return csv }
    let test = header.firstIndex(of: "Test_ID")
    lines.removeFirst()
    let keyed = lines.map { line -> (Int, Int, Substring) in
      let f = line.split(separator: ",", omittingEmptySubsequences: false)
      let id = test.flatMap { $0 < f.count ? Int(f[$0]) : nil } ?? 0
      let n = point < f.count ? Int(f[point]) ?? 0 : 0
      return (id, n, line)
    }
    let sorted = keyed.enumerated().sorted {
      ($0.element.0, $0.element.1, $0.offset) < ($1.element.0, $1.element.1, $1.offset)
    }
    return Data(([headerLine] + sorted.map { $0.element.2 }).joined(separator: "\n").utf8)
  }

  /// `mdb-export path table` as bytes; a clear error when it fails.
  static func export(_ tool: String, _ path: String, table: String, source: String)
    throws(CyclingError) -> Data
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = [path, table]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch {
      throw .unreadable(source: source, "mdb-export could not be started: \(error)")
    }
    // A damaged database must not hang the program: mdb-export gets 60 s
    // plus 10 s per MB of file, then it is stopped. Standard error is read
    // beside standard output so that neither pipe can fill and block it.
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let limit = 60 + 10 * Double(size) / 1e6
    let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: watchdog)
    let errors = Mutex(Data())
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
      let read = Self.readToEnd(err.fileHandleForReading.fileDescriptor)
      errors.withLock { $0 = read }
    }
    let data = Self.readToEnd(out.fileHandleForReading.fileDescriptor)
    group.wait()
    process.waitUntilExit()
    watchdog.cancel()
    let message = errors.withLock { $0 }
    if process.terminationReason == .uncaughtSignal {
      throw .unreadable(
        source: source, "mdb-export did not finish within \(Int(limit)) s: a damaged database?")
    }
    guard process.terminationStatus == 0, !data.isEmpty else {
      throw .unreadable(
        source: source,
        "mdb-export found no \(table) (\(String(decoding: message.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))); not an Arbin .res?"
      )
    }
    return data
  }
}

extension ArbinResDatabase {
  /// Everything a pipe delivers until it closes, read with read(2) and
  /// retried when a signal interrupts it (Foundation's readDataToEndOfFile
  /// traps on EINTR).
  static func readToEnd(_ descriptor: Int32) -> Data {
    var result = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        result.append(contentsOf: buffer[0..<count])
      } else if count == 0 || errno != EINTR {
        return result
      }
    }
  }
}

/// Comma-separated fields with double-quoted text, as mdb-export writes them.
enum CSVFields {
  static func split(_ line: Substring) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    for c in line {
      if c == "\"" {
        quoted.toggle()
      } else if c == ",", !quoted {
        fields.append(field)
        field = ""
      } else {
        field.append(c)
      }
    }
    fields.append(field)
    return fields
  }
}
