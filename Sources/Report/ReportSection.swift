import Foundation
import IonicsCore

/// One number of a report: a value with its standard uncertainty and unit,
/// under a stable key (camelCase ending in the unit, as in every JSON
/// envelope of Ionics).
public struct ReportValue: Codable, Sendable, Equatable {
  /// Stable key, such as `conductivityAt25CSiemensPerCentimetre`.
  public var key: String
  /// What it is, for people: "σ(25 °C), bulk".
  public var label: String
  /// The value, in `unit`.
  public var value: Double
  /// Standard uncertainty (1σ) in `unit`; nil when none is known.
  public var uncertainty: Double?
  /// Unit as printed ("S/cm", "eV", "mAh/g", "%"); empty for pure numbers.
  public var unit: String
  /// Shown in the report's summary table.
  public var headline: Bool

  /// A value; `headline` puts it in the summary table.
  public init(
    _ key: String, _ label: String, _ value: Double, uncertainty: Double? = nil, unit: String,
    headline: Bool = false
  ) {
    self.key = key
    self.label = label
    self.value = value
    self.uncertainty = uncertainty
    self.unit = unit
    self.headline = headline
  }

  /// A measured quantity as a value.
  public init(_ key: String, _ label: String, _ measured: Measured, unit: String, headline: Bool = false) {
    self.init(
      key, label, measured.value,
      uncertainty: measured.standardUncertainty > 0 ? measured.standardUncertainty : nil,
      unit: unit, headline: headline)
  }

  /// The value as text with its uncertainty in parentheses, "1.05(3)e-5 S/cm".
  public var text: String {
    let counted = uncertainty == nil && value == value.rounded() && abs(value) < 1e9
    let number =
      uncertainty.map { "\(Measured(value, standardUncertainty: $0))" }
      ?? (counted ? "\(Int(value))" : significant(value, 4))
    return unit.isEmpty ? number : "\(number) \(unit)"
  }
}

/// A table of a report section; every table can be downloaded as CSV.
public struct ReportTable: Codable, Sendable, Equatable {
  /// File-name stem of its CSV.
  public var name: String
  /// What the table holds.
  public var caption: String
  /// Column names with their units.
  public var header: [String]
  /// Cells as text.
  public var rows: [[String]]

  /// A table.
  public init(name: String, caption: String, header: [String], rows: [[String]]) {
    self.name = name
    self.caption = caption
    self.header = header
    self.rows = rows
  }

  /// The table as CSV, header first.
  public var csv: String {
    ([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
  }
}

/// A figure of a report section: the SVG drawn and the data it draws.
public struct ReportFigure: Codable, Sendable, Equatable {
  /// File-name stem under `figures/` (`fig3c-arrhenius`).
  public var name: String
  /// The caption, as a paper writes it.
  public var caption: String
  /// Alternative text: what the figure shows, for readers who cannot see it.
  public var alternativeText: String
  /// The SVG document.
  public var svg: String
  /// Exactly the data drawn, units in the headers.
  public var csv: String

  /// A figure.
  public init(name: String, caption: String, alternativeText: String, svg: String, csv: String) {
    self.name = name
    self.caption = caption
    self.alternativeText = alternativeText
    self.svg = svg
    self.csv = csv
  }
}

/// One section of a project report: one figure of the paper with its
/// numbers, tables, method, inputs and diagnostics, or the reason it failed.
public struct ReportSection: Codable, Sendable, Equatable {
  /// Stable id (`conductivity`, `cells`, `interface-1`).
  public var id: String
  /// Heading.
  public var title: String
  /// The paper's figure it stands for ("Fig. 3c", "Fig. S6").
  public var figureLabel: String
  /// Every parameter the section ran with, defaults included, as text by name.
  public var parameters: [String: String]
  /// How the numbers were obtained, in a short paragraph.
  public var method: String
  /// Every number of the section.
  public var values: [ReportValue]
  /// Tables.
  public var tables: [ReportTable]
  /// Figures.
  public var figures: [ReportFigure]
  /// What was odd, assumed or left out.
  public var diagnostics: [Diagnostic]
  /// The files the section read, relative to the project folder.
  public var inputs: [String]
  /// Why the section could not be made; nil when it was.
  public var failure: String?

  /// A section.
  public init(
    id: String, title: String, figureLabel: String, parameters: [String: String] = [:], method: String = "",
    values: [ReportValue] = [], tables: [ReportTable] = [], figures: [ReportFigure] = [],
    diagnostics: [Diagnostic] = [], inputs: [String] = [], failure: String? = nil
  ) {
    self.id = id
    self.title = title
    self.figureLabel = figureLabel
    self.parameters = parameters
    self.method = method
    self.values = values
    self.tables = tables
    self.figures = figures
    self.diagnostics = diagnostics
    self.inputs = inputs
    self.failure = failure
  }
}
