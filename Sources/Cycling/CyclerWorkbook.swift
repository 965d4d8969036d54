import Foundation

/// Cycler exports saved as Excel workbooks: Arbin (`Channel_…` sheets with
/// the CSV export's columns, `Global_Info` beside them) and LANDdt (`Record`,
/// `Record_1`, … with units in the headers such as `Current/mA`,
/// `Capacity/mAh`). The record sheets are joined in order and read as the
/// capacity-column CSV would read them.
package enum CyclerWorkbook {
  /// Reads the bytes of an `.xlsx` named `source`.
  package static func read(_ data: Data, source: String) throws(CyclingError) -> CyclerTable {
    let book = try SpreadsheetXLSX(data, source: source)
    let arbin = book.sheetNames.filter { $0.hasPrefix("Channel") }
    let land = book.sheetNames.filter { $0 == "Record" || $0.hasPrefix("Record_") }
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
}
