import Dispatch
import Foundation
import IonicsCore
import Report

extension ProjectReport {
  /// How the report is written.
  public struct OutputOptions: Sendable {
    /// The report folder.
    public var folder: String
    /// Ignore (and rebuild) the cache.
    public var clean = false
    /// Also print `report.pdf` through headless Chromium.
    public var pdf = false
    /// Convert each figure to PNG (600 dpi) and PDF with `rsvg-convert` when installed.
    public var convertFigures = true
    /// The command line, for provenance.
    public var command: String
    /// When the report is made (provenance; fixed in tests).
    public var date = Date()

    /// Options writing into `folder`.
    public init(folder: String, command: String) {
      self.folder = folder
      self.command = command
    }
  }

  /// What was written.
  public struct Written: Sendable {
    /// The sections, as made or reused.
    public let outcome: Outcome
    /// `report.html`.
    public let reportPath: String
    /// Every file written, relative to the report folder.
    public let files: [String]
    /// Steps skipped (no converter installed) or failed, in words.
    public let notes: [String]
  }

  /// One section as the JSON of `results.json` and of `ionics report --json`
  /// gives it: every number with its uncertainty, its tables, figures and inputs.
  public struct SectionResults: Encodable, Sendable {
    let id: String
    let title: String
    let figure: String
    let failure: String?
    let values: [ReportValue]
    let tables: [ReportTable]
    let figures: [String]
    let inputs: [String]
    let parameters: [String: String]

    /// The results of `section`.
    public init(_ section: ReportSection) {
      id = section.id
      title = section.title
      figure = section.figureLabel
      failure = section.failure
      values = section.values
      tables = section.tables
      figures = section.figures.map { "figures/\($0.name).svg" }
      inputs = section.inputs
      parameters = section.parameters
    }
  }

  /// The JSON of `results.json`.
  struct Results: Encodable {
    let title: String
    let manifest: String
    let sections: [SectionResults]
  }

  /// The JSON of `provenance.json`.
  struct Provenance: Encodable {
    let ionics: String
    let date: String
    let command: String
    let manifest: String
    let manifestSha256: String
    let inputs: [Input]
    /// Every section's parameters as the manifest gives them.
    let manifestParameters: [String: String]
    /// Every section's parameters as it ran, defaults included.
    let parameters: [String: [String: String]]
    let reusedFromCache: [String]
  }

  /// Makes the report of `manifest` and writes it into `options.folder`:
  /// `report.html`, `figures/*.svg|csv` (and PNG/PDF when a converter is
  /// installed), `results.json`, `provenance.json`, and `report.pdf` when asked.
  public static func write(_ manifest: ProjectManifest, options: OutputOptions) throws -> Written {
    let folder = options.folder
    let figures = (folder as NSString).appendingPathComponent("figures")
    let cache = (folder as NSString).appendingPathComponent(".cache")
    do {
      try FileManager.default.createDirectory(atPath: figures, withIntermediateDirectories: true)
      if options.clean, FileManager.default.fileExists(atPath: cache) {
        try FileManager.default.removeItem(atPath: cache)
      }
    } catch {
      throw OutputError.cannotWrite(folder, reason: error.localizedDescription)
    }
    let outcome = make(manifest, cacheFolder: cache)
    let protected = outcome.inputs.map { manifest.resolve($0.path) } + [manifest.path]
    var written: [String] = []
    var notes: [String] = []
    func put(_ text: String, _ relative: String) throws {
      try writeAtomically(text, to: (folder as NSString).appendingPathComponent(relative), inputs: protected)
      written.append(relative)
    }
    var changed: [String] = []
    for figure in outcome.sections.flatMap(\.figures) {
      let svgPath = (figures as NSString).appendingPathComponent("\(figure.name).svg")
      if FileManager.default.contents(atPath: svgPath) != Data(figure.svg.utf8) { changed.append(svgPath) }
      try put(figure.svg, "figures/\(figure.name).svg")
      try put(figure.csv, "figures/\(figure.name).csv")
    }
    if options.convertFigures {
      notes += FigureConversion.convert(changed)
      for figure in outcome.sections.flatMap(\.figures) {
        for ext in ["png", "pdf"]
        where FileManager.default.fileExists(atPath: (figures as NSString).appendingPathComponent("\(figure.name).\(ext)")) {
          written.append("figures/\(figure.name).\(ext)")
        }
      }
    }
    let manifestData = try readInput(manifest.path)
    let manifestHash = InputFile.sha256(of: manifestData)
    let date = ISO8601DateFormatter().string(from: options.date)
    let page = ProjectReportPage.html(
      outcome.sections,
      provenance: .init(
        title: manifest.project.title, notice: manifest.project.notice, command: options.command,
        version: IonicsVersion.current, date: date, manifestHash: manifestHash))
    try put(page, "report.html")
    let results = Results(
      title: manifest.project.title, manifest: (manifest.path as NSString).lastPathComponent,
      sections: outcome.sections.map(SectionResults.init))
    let envelope = ResultEnvelope(
      analysis: "report", inputs: envelopeInputs(outcome.inputs), results: results,
      diagnostics: outcome.sections.flatMap { s in
        s.diagnostics.map { $0.source == nil ? $0.from(s.id) : $0 }
          + (s.failure.map { [Diagnostic(.error, "sectionFailed", "\(s.title): \($0)", source: s.id)] } ?? [])
      })
    try put(try JSONTextEncoder().encode(envelope), "results.json")
    let provenance = Provenance(
      ionics: IonicsVersion.current, date: date, command: options.command,
      manifest: (manifest.path as NSString).lastPathComponent, manifestSha256: manifestHash, inputs: outcome.inputs,
      manifestParameters: outcome.parameters,
      parameters: Dictionary(uniqueKeysWithValues: outcome.sections.map { ($0.id, $0.parameters) }),
      reusedFromCache: outcome.reused)
    try put(try JSONTextEncoder().encode(provenance), "provenance.json")
    let reportPath = (folder as NSString).appendingPathComponent("report.html")
    if options.pdf {
      if let note = FigureConversion.printPDF(reportPath, to: (folder as NSString).appendingPathComponent("report.pdf")) {
        notes.append(note)
      } else {
        written.append("report.pdf")
      }
    }
    return Written(outcome: outcome, reportPath: reportPath, files: written, notes: notes)
  }
}
