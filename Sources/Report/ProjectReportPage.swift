import Foundation
import IonicsCore

/// The page of a project report (`report.html`): a summary table of the
/// headline numbers with their uncertainties, each linked to its section;
/// then one section per figure of the paper with its caption, numbers,
/// tables (downloadable as CSV), method, inputs and every diagnostic; then
/// how the report was made.
public enum ProjectReportPage {
  /// What the page says about its own making.
  public struct Provenance: Sendable {
    /// The project's title.
    public var title: String
    /// A notice shown at the top (simulated data), nil for none.
    public var notice: String?
    /// The command line that made the report.
    public var command: String
    /// Ionics' version.
    public var version: String
    /// When, ISO 8601.
    public var date: String
    /// The manifest's SHA-256.
    public var manifestHash: String

    /// Provenance of one report.
    public init(
      title: String, notice: String?, command: String, version: String, date: String,
      manifestHash: String
    ) {
      self.title = title
      self.notice = notice
      self.command = command
      self.version = version
      self.date = date
      self.manifestHash = manifestHash
    }
  }

  /// The anchor id of a section.
  public static func anchor(_ section: ReportSection) -> String { "section-\(section.id)" }

  /// The whole page.
  public static func html(_ sections: [ReportSection], provenance: Provenance) -> String {
    var doc = HTMLDocument(title: provenance.title)
    if let notice = provenance.notice { doc.notice(notice) }
    doc.heading("Summary", id: "summary")
    var rows: [[String]] = []
    var anchors: [String?] = []
    for section in sections {
      if section.failure != nil {
        rows.append([section.title, "not made (see its section)", section.figureLabel])
        anchors.append(anchor(section))
        continue
      }
      for value in section.values where value.headline {
        rows.append([value.label, value.text, section.figureLabel])
        anchors.append(anchor(section))
      }
    }
    doc.table(
      header: ["quantity", "value (standard uncertainty)", "figure"], rows: rows,
      caption: "Headline numbers; uncertainties are one standard uncertainty in the last digits.",
      csvName: "summary", rowAnchors: anchors)
    let warnings = sections.flatMap { s in
      s.diagnostics.filter { $0.severity != .note }.map { "\(s.figureLabel) \(s.title): \($0.message)" }
    }
    let failures = sections.compactMap { s in s.failure.map { "\(s.figureLabel) \(s.title): \($0)" } }
    if !failures.isEmpty || !warnings.isEmpty {
      doc.paragraph("Failures and warnings (each is repeated in its section):")
      doc.list(failures.map { "failed — \($0)" } + warnings)
    }
    doc.links(
      [("Sections: ", nil)]
        + sections.enumerated().flatMap { k, s in
          [(k == 0 ? "" : " · ", nil), ("\(s.figureLabel) \(s.title)", anchor(s))]
        })
    for section in sections { render(section, into: &doc) }
    doc.heading("How this report was made", id: "provenance")
    doc.paragraph(
      "Ionics \(provenance.version), \(provenance.date); manifest SHA-256 \(provenance.manifestHash). Every input with its SHA-256, reader and dialect, and every parameter used, are in provenance.json; every number with its uncertainty in results.json; the data of each figure in figures/.")
    doc.code(provenance.command)
    doc.links([("Back to the ", nil), ("summary", "summary")])
    return doc.html
  }

  static func render(_ section: ReportSection, into doc: inout HTMLDocument) {
    doc.heading("\(section.figureLabel) — \(section.title)", id: anchor(section))
    if let failure = section.failure {
      doc.failure("This section could not be made: \(failure)")
    }
    for figure in section.figures {
      doc.figure(
        svg: figure.svg, caption: "\(section.figureLabel). \(figure.caption)",
        alternativeText: figure.alternativeText,
        files: [("SVG", "figures/\(figure.name).svg"), ("data (CSV)", "figures/\(figure.name).csv")])
    }
    if !section.values.isEmpty {
      doc.table(
        header: ["quantity", "value", "standard uncertainty", "unit"],
        rows: section.values.map {
          [$0.label, significant($0.value, 6), $0.uncertainty.map { significant($0, 3) } ?? "–", $0.unit]
        }, caption: "Numbers of this section", csvName: "\(section.id)-numbers")
    }
    for table in section.tables {
      doc.table(
        header: table.header, rows: table.rows, caption: table.caption,
        csvName: "\(section.id)-\(table.name)")
    }
    if !section.method.isEmpty { doc.paragraph("Method. \(section.method)") }
    if !section.parameters.isEmpty {
      doc.table(
        header: ["parameter", "value"], rows: section.parameters.sorted { $0.key < $1.key }.map { [$0.key, $0.value] },
        caption: "Parameters, defaults included", csvName: "\(section.id)-parameters")
    }
    if !section.inputs.isEmpty { doc.paragraph("Inputs: \(section.inputs.joined(separator: ", ")).") }
    doc.list(section.diagnostics.map { "\($0.severity.rawValue): \($0.message)" })
  }
}
