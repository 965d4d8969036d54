import Foundation
import TestSupport
import Testing
import ZIPFoundation

@testable import Cycling

@Suite("Cycler workbooks (.xlsx)")
struct CyclerWorkbookTests {
  /// A workbook written here: `sheets` of rows, text cells as shared strings.
  static func workbook(_ sheets: [(String, [[String]])]) throws -> Data {
    var strings: [String] = []
    func cell(_ text: String, _ ref: String) -> String {
      if Double(text) != nil { return "<c r=\"\(ref)\"><v>\(text)</v></c>" }
      strings.append(text)
      return "<c r=\"\(ref)\" t=\"s\"><v>\(strings.count - 1)</v></c>"
    }
    let archive = try Archive(accessMode: .create)
    func add(_ path: String, _ text: String) throws {
      let data = Data(text.utf8)
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
      ) { position, size in data.subdata(in: Int(position)..<(Int(position) + size)) }
    }
    var sheetTags = ""
    var rels = ""
    for (k, (name, rows)) in sheets.enumerated() {
      sheetTags += "<sheet name=\"\(name)\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>"
      rels +=
        "<Relationship Id=\"rId\(k + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(k + 1).xml\"/>"
      var xml = "<?xml version=\"1.0\"?><worksheet><sheetData>"
      for (r, row) in rows.enumerated() {
        xml += "<row r=\"\(r + 1)\">"
        for (c, text) in row.enumerated() {
          xml += cell(text, "\(Character(Unicode.Scalar(65 + c)!))\(r + 1)")
        }
        xml += "</row>"
      }
      try add("xl/worksheets/sheet\(k + 1).xml", xml + "</sheetData></worksheet>")
    }
    try add(
      "xl/workbook.xml",
      "<?xml version=\"1.0\"?><workbook xmlns:r=\"r\"><sheets>\(sheetTags)</sheets></workbook>")
    try add(
      "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships>\(rels)</Relationships>")
    try add(
      "xl/sharedStrings.xml",
      "<?xml version=\"1.0\"?><sst>"
        + strings.map { "<si><t>\($0.replacingOccurrences(of: "&", with: "&amp;"))</t></si>" }
        .joined()
        + "</sst>")
    return try #require(archive.data)
  }

  /// A LANDdt-style export in two record sheets, current in mA, one
  /// capacity column in mAh: 2 mAh charged and 1.9 mAh discharged.
  @Test func landRecordSheets() throws {
    let header = [
      "Index", "TestTime/s", "Current/mA", "Voltage/V", "Capacity/mAh", "Cycle", "Step",
    ]
    var first = [header]
    var second = [header]
    for k in 0..<10 {
      first.append([
        "\(k + 1)", "\(360 * (k + 1))", "2", "\(3.0 + 0.05 * Double(k))", "\(0.2 * Double(k + 1))",
        "1", "1",
      ])
    }
    for k in 0..<10 {
      second.append([
        "\(k + 11)", "\(3600 + 342 * (k + 1))", "-2", "\(3.5 - 0.05 * Double(k))",
        "\(0.19 * Double(k + 1))", "1", "2",
      ])
    }
    let data = try Self.workbook([
      ("Info", [["Mass", "2"]]), ("Record", first), ("Record_1", second),
    ])
    let t = try CyclerFile.read(data, source: "land.xlsx")
    #expect(t.format == "LAND .xlsx (2 sheets)")
    #expect(t.count == 20)
    #expect(t.current?.first == 0.002)
    let c = try #require(t.cycles().cycles.first)
    #expect(abs(c.chargeAh - 0.002) < 1e-12 && abs(c.dischargeAh - 0.0019) < 1e-12)
  }

  /// No record sheet: the error names the sheets found; a cut file is refused.
  @Test func wrongWorkbooks() throws {
    let data = try Self.workbook([("Sheet1", [["a", "b"]]), ("Summary", [["c"]])])
    do {
      _ = try CyclerFile.read(data, source: "other.xlsx")
      Issue.record("read a workbook without records")
    } catch {
      #expect(error.description.contains("Sheet1, Summary"), "\(error)")
    }
    #expect(throws: CyclingError.self) { try CyclerFile.read(data.prefix(200), source: "cut.xlsx") }
  }

  /// navani's Arbin export (Cycle_Index never advances): SOURCES.md's
  /// cumulative 5.7027 / 11.0549 mAh by the counter; by half cycles
  /// (a new cycle at a discharge after a charge) navani's 5.798 / 5.698 and 5.257 mAh.
  @Test(.enabled(if: SharedData.isAvailable("cycling"), "shared cycling data absent"))
  func arbinWorkbook() throws {
    let name = "navani_bs542_004_gr_li_50ua_50mv_1v_191020_Channel_11.xlsx"
    let t = try CyclerFile.read(
      Data(contentsOf: SharedData.url("cycling/arbin/\(name)")), source: name)
    #expect(t.count == 4_526)
    let counted = try #require(t.cycles().cycles.first)
    #expect(
      abs(counted.chargeAh * 1000 - 5.7027) < 6e-5
        && abs(counted.dischargeAh * 1000 - 11.0549) < 6e-5)
    let halves = t.cycles(.dischargeAfterCharge).cycles
    #expect(
      abs(halves[0].dischargeAh * 1000 - 5.798) < 6e-4
        && abs(halves[0].chargeAh * 1000 - 5.698) < 6e-4)
    #expect(abs(halves[1].dischargeAh * 1000 - 5.257) < 6e-4)
  }
}
