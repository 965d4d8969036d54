import Foundation
import IonicsCore

/// Cycler exports saved as Excel workbooks: Arbin (`Channel_…` sheets with
/// the CSV export's columns, `Global_Info` beside them) and LANDdt (`Record`,
/// `Record_1`, … or `Record-Tab`, with units in the headers such as `Current/mA`,
/// `Capacity/mAh`). The record sheets are joined in order and read as the
/// capacity-column CSV would read them.
package enum CyclerWorkbook {
  /// Reads the bytes of an `.xlsx` named `source`.
  package static func read(_ data: Data, source: String) throws(CyclingError) -> CyclerTable {
    let book: SpreadsheetXLSX
    do { book = try SpreadsheetXLSX(data, source: source) } catch {
      switch error {
      case .unreadable(let why): throw .unreadable(source: source, why)
      case .missing(let what): throw .missing(source: source, what)
      }
    }
    let arbin = book.sheetNames.filter { $0.hasPrefix("Channel") }
    let land = book.sheetNames.filter {
      $0 == "Record" || $0.hasPrefix("Record_") || $0 == "Record-Tab" || $0.hasPrefix("Record-Tab_")
    }
    let sheets = !arbin.isEmpty ? arbin : land
    guard !sheets.isEmpty else {
      throw .missing(
        source: source,
        "record sheet (Arbin Channel_…, LAND Record…) among the sheets \(book.sheetNames.joined(separator: ", "))"
      )
    }
    var header: [String]?
    var text = ""
    for sheet in sheets {
      let rows = book.rows(sheet)
      guard let first = rows.first else { continue }
      if header == nil {
        header = first
        text += first.joined(separator: "\t") + "\n"
      }
      for row in rows.dropFirst(first == header ? 1 : 0) where row.contains(where: { !$0.isEmpty })
      {
        text += row.joined(separator: "\t") + "\n"
      }
    }
    guard header != nil else {
      throw .missing(source: source, "rows in \(sheets.joined(separator: ", "))")
    }
    var table = try CapacityColumnsCSV.read(Data(text.utf8), source: source)
    table.format =
      (!arbin.isEmpty ? "Arbin .xlsx" : "LAND .xlsx")
      + " (\(sheets.count) sheet\(sheets.count > 1 ? "s" : ""))"
    return table
  }

  /// Reads a Neware BTS Excel 97–2003 export (`.xls`): the `Detail_…`
  /// sheets hold the records (`Relative Time(h:min:s.ms)`, `Cur(mA)`,
  /// `CapaCity(mAh)`, `Voltage(V)`, `Status`), read as the capacity-column
  /// CSV would read them.
  package static func readBinary(_ data: Data, source: String) throws(CyclingError) -> CyclerTable {
    let book: ExcelBinaryWorkbook
    do { book = try ExcelBinaryWorkbook(data) } catch {
      throw .unreadable(source: source, "an Excel 97–2003 workbook cut short at byte \(error.offset): expected \(error.expected)")
    }
    let details = book.sheets.filter { $0.name.hasPrefix("Detail_") }
    guard !details.isEmpty else {
      throw .missing(
        source: source,
        "record sheet (Neware Detail_…) among the sheets \(book.sheets.map(\.name).joined(separator: ", "))")
    }
    // "Relative Time" restarts at every step; "Absolute Time" is an Excel
    // day number, turned here into seconds from the first record.
    var text = ""
    var header: [String]?
    var clock: Int?
    var start: Double?
    for sheet in details {
      for r in 0...max(sheet.lastRow, 0) {
        var cells = sheet.row(r).map { $0?.text ?? "" }
        if header == nil {
          header = cells
          clock = cells.firstIndex(of: "Absolute Time")
          if let k = clock { cells[k] = "Test Time (s)" }
          text += cells.joined(separator: "\t") + "\n"
          continue
        }
        guard cells != header ?? [], cells.contains(where: { !$0.isEmpty }) else { continue }
        if let k = clock, k < cells.count, let days = Double(cells[k]) {
          start = start ?? days
          cells[k] = String((days - (start ?? days)) * 86400)
        }
        text += cells.joined(separator: "\t") + "\n"
      }
    }
    var table = try CapacityColumnsCSV.read(Data(text.utf8), source: source)
    table.format = "Neware BTS .xls (\(details.count) Detail sheet\(details.count > 1 ? "s" : ""))"
    return table
  }
}
