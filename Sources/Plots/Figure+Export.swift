import IonicsCore
import Foundation

/// The colour-blind-safe palette of Okabe and Ito (2008), in the order a
/// figure uses it: blue, vermillion, bluish green, orange, reddish purple,
/// sky blue, yellow, black. Distinguishable under the common colour-vision
/// deficiencies and in grey print.
public enum JournalPalette {
  /// CSS colours, in order of use.
  public static let colors = [
    "#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
  ]

  /// The `index`-th colour, repeating after the last.
  public static func color(_ index: Int) -> String {
    colors[((index % colors.count) + colors.count) % colors.count]
  }
}

/// A journal's figure widths.
public enum JournalWidth: Sendable {
  /// One column, 8.5 cm.
  case singleColumn
  /// The full page width, 17.8 cm.
  case doubleColumn

  /// The printed width, cm.
  public var centimetres: Double {
    switch self {
    case .singleColumn: return 8.5
    case .doubleColumn: return 17.8
    }
  }
}

extension Figure {
  /// The `width` and `height` attributes of the SVG element: px, or cm
  /// when a printed width is set.
  var sizeAttributes: String {
    guard let cm = printedWidthCentimetres, cm > 0, width > 0 else {
      return "width=\"\(fmt(width))\" height=\"\(fmt(height))\""
    }
    return "width=\"\(fmt(cm))cm\" height=\"\(fmt(cm * height / width))cm\""
  }

  /// The data drawn, as CSV: for each series of each panel (left axis,
  /// then right) a column of x and a column of y (and of its error bars
  /// when drawn), headed "series: axis label" so that each header carries
  /// its unit ("σ form: 1000/T / K⁻¹"). Shorter series leave their cells
  /// empty below their last row; non-finite values are empty cells.
  public var csv: String {
    var columns: [(header: String, values: [Double])] = []
    let titled = panels.count > 1
    for (k, entry) in panels.enumerated() {
      let panel = entry.panel
      let prefix = titled ? "\(panel.title ?? "panel \(k + 1)") – " : ""
      let sides = [(panel.series, panel.yAxis)] + (panel.rightAxis.map { [(panel.rightSeries, $0)] } ?? [])
      for (series, yAxis) in sides {
        for s in series {
          let name = prefix + (s.name.isEmpty ? "unnamed series \(columns.count / 2 + 1)" : s.name)
          columns.append(("\(name): \(panel.xAxis.label)", s.x))
          columns.append(("\(name): \(yAxis.label)", s.y))
          if let errors = s.yErrors {
            columns.append(("\(name): standard uncertainty of \(yAxis.label)", errors))
          }
        }
      }
    }
    var out = columns.map { csvField($0.header) }.joined(separator: ",") + "\n"
    let rows = columns.map(\.values.count).max() ?? 0
    for r in 0..<rows {
      out +=
        columns.map { column in
          r < column.values.count && column.values[r].isFinite ? "\(column.values[r])" : ""
        }.joined(separator: ",") + "\n"
    }
    return out
  }

  /// The figure printed at the journal width its design width suits: one
  /// column (8.5 cm) up to 400 px, else the page (17.8 cm), so that its
  /// 12 px text prints at 8–12 pt.
  public func printed() -> Figure {
    printed(width <= 400 ? .singleColumn : .doubleColumn)
  }

  /// The figure printed `width` wide (the aspect ratio kept).
  public func printed(_ width: JournalWidth) -> Figure {
    var copy = self
    copy.printedWidthCentimetres = width.centimetres
    return copy
  }
}
