import Foundation
import IonicsCore

/// A cycler file of any supported kind, recognised from its content.
public enum CyclerFile {
  /// EC-Lab `.mpr` (its magic string) or `.mpt` (first line `EC-Lab ASCII
  /// FILE`), a Maccor text export
  /// (a `Rec#` header within the first lines), Neware's "regular" BTS CSV
  /// (cycle, step and record header lines), or a CSV with capacity columns
  /// (Battery Data Format, Arbin, Neware, LAND CSV and TXT).
  public static func read(_ data: Data, source: String) throws(CyclingError) -> CyclerTable {
    if data.starts(with: Array("BIO-LOGIC MODULAR FILE".utf8)) {
      return try BioLogicCyclingBinary.read(data, source: source)
    }
    if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      if let problem = ZipEntries.problem(data) {
        throw .unreadable(
          source: source, "a zip archive (.ndax, .xlsx) that is cut short or damaged: \(problem)")
      }
      if SpreadsheetXLSX.isWorkbook(data) { return try CyclerWorkbook.read(data, source: source) }
      return try NewareNDAX.read(data, source: source)
    }
    if CompoundFile.recognises(data) { return try CyclerWorkbook.readBinary(data, source: source) }
    if NewareNDA.isNDA(data) {
      return try NewareNDA.read(data, source: source)
    }
    if ArbinResDatabase.isAccessDatabase(data) {
      return try ArbinResDatabase.read(data, source: source)
    }
    let head = String(decoding: data.prefix(4096), as: UTF8.self)
    if head.hasPrefix("EC-Lab ASCII FILE") || head.hasPrefix("BT-Lab ASCII FILE")
      || (head.hasPrefix("mode\t") && head.contains("time/s")) || head.hasPrefix(";mode;")
    {
      return try BioLogicCyclingText.read(data, source: source)
    }
    if head.contains("\nRec#\t") || head.hasPrefix("Rec#\t") || head.contains("\nRec\tCycle") {
      return try MaccorText.read(data, source: source)
    }
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
      let text = TextDecoding.decode(data.prefix(8192))
      if PalmSensCSV.matches(Substring(text)) { return try PalmSensCSV.read(data, source: source) }
    }
    if NewareBTSRegularCSV.matches(head) {
      return try NewareBTSRegularCSV.read(data, source: source)
    }
    return try CapacityColumnsCSV.read(data, source: source)
  }
}
