import Foundation
import IonicsCore

/// A self-contained HTML report: headings, paragraphs, tables and inline SVG
/// figures in one file with its own style sheet, no scripts and no external
/// resources, so that it opens the same way in any browser years later.
/// Tables scroll inside their own box on a narrow screen, and each table
/// given a name can be downloaded as CSV from the page (a data link).
public struct HTMLDocument: Sendable {
  /// Title, shown in the browser tab and as the first heading.
  public var title: String
  private var body: [String] = []
  private var figureCount = 0

  /// An empty report titled `title`.
  public init(title: String) {
    self.title = title
  }

  /// A section heading (level 2), with an anchor `id` for in-page links.
  public mutating func heading(_ text: String, id: String? = nil) {
    let anchor = id.map { " id=\"\(Self.escape($0))\"" } ?? ""
    body.append("<h2\(anchor)>\(Self.escape(text))</h2>")
  }

  /// A paragraph whose parts link to anchors of this page: (text, anchor id or nil).
  public mutating func links(_ parts: [(text: String, anchor: String?)]) {
    let inner = parts.map { part in
      part.anchor.map { "<a href=\"#\(Self.escape($0))\">\(Self.escape(part.text))</a>" }
        ?? Self.escape(part.text)
    }
    body.append("<p>\(inner.joined())</p>")
  }

  /// A paragraph of plain text.
  public mutating func paragraph(_ text: String) {
    body.append("<p>\(Self.escape(text))</p>")
  }

  /// A highlighted note (for example: "the data are simulated").
  public mutating func notice(_ text: String) {
    body.append("<p class=\"notice\">\(Self.escape(text))</p>")
  }

  /// A definition list of name–value pairs (the headline numbers).
  public mutating func keyValues(_ pairs: [(String, String)]) {
    var s = "<dl>"
    for (key, value) in pairs {
      s += "<dt>\(Self.escape(key))</dt><dd>\(Self.escape(value))</dd>"
    }
    body.append(s + "</dl>")
  }

  /// A table; `header` names the columns with their units.
  /// With `csvName`, a link under the table downloads it as `csvName.csv`;
  /// `rowAnchors` links each row's first cell to an anchor of the page.
  public mutating func table(
    header: [String], rows: [[String]], caption: String? = nil, csvName: String? = nil,
    rowAnchors: [String?] = []
  ) {
    var s = "<div class=\"scroll\"><table>"
    if let caption { s += "<caption>\(Self.escape(caption))</caption>" }
    s += "<thead><tr>" + header.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr></thead>"
    s += "<tbody>"
    for (r, row) in rows.enumerated() {
      s += "<tr>"
      for (c, cell) in row.enumerated() {
        if c == 0, r < rowAnchors.count, let anchor = rowAnchors[r] {
          s += "<td><a href=\"#\(Self.escape(anchor))\">\(Self.escape(cell))</a></td>"
        } else {
          s += "<td>\(Self.escape(cell))</td>"
        }
      }
      s += "</tr>"
    }
    s += "</tbody></table></div>"
    if let csvName {
      let csv = ([header] + rows).map { $0.map(csvField).joined(separator: ",") }
        .joined(separator: "\n") + "\n"
      let encoded =
        csv.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
      s +=
        "<p class=\"download\"><a download=\"\(Self.escape(csvName)).csv\" href=\"data:text/csv;charset=utf-8,\(encoded)\">download this table as CSV</a></p>"
    }
    body.append(s)
  }

  /// An SVG figure (a complete `<svg>` document from `Plots`) with a caption.
  /// Clip-path ids are renamed per figure, as ids must be unique in one page.
  /// `alternativeText` says what it shows to readers who cannot see it
  /// (the caption when nil); `files` are links shown under the caption
  /// (text, relative path), such as its SVG and CSV.
  public mutating func figure(
    svg: String, caption: String, alternativeText: String? = nil,
    files: [(text: String, path: String)] = []
  ) {
    figureCount += 1
    let prefix = "fig\(figureCount)-"
    let label = Self.escape(alternativeText ?? caption)
    let unique = svg.replacingOccurrences(of: "id=\"clip", with: "id=\"\(prefix)clip")
      .replacingOccurrences(of: "url(#clip", with: "url(#\(prefix)clip")
      .replacingOccurrences(
        of: "<svg xmlns=\"http://www.w3.org/2000/svg\"",
        with: "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(label)\"")
    let links = files.map { "<a href=\"\(Self.escape($0.path))\">\(Self.escape($0.text))</a>" }
    let extra = links.isEmpty ? "" : " <span class=\"files\">" + links.joined(separator: " · ") + "</span>"
    body.append(
      "<figure>\(unique)<figcaption>\(Self.escape(caption))\(extra)</figcaption></figure>")
  }

  /// A paragraph marking a failure (a section that could not be made).
  public mutating func failure(_ text: String) {
    body.append("<p class=\"failure\">\(Self.escape(text))</p>")
  }

  /// A bulleted list of plain-text items.
  public mutating func list(_ items: [String]) {
    guard !items.isEmpty else { return }
    body.append("<ul>" + items.map { "<li>\(Self.escape($0))</li>" }.joined() + "</ul>")
  }

  /// Preformatted text (the command that made the report).
  public mutating func code(_ text: String) {
    body.append("<pre>\(Self.escape(text))</pre>")
  }

  /// The whole document.
  public var html: String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>\(Self.escape(title))</title>
    <style>
    body { font-family: Helvetica, Arial, sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #111; line-height: 1.4; overflow-wrap: break-word; }
    td, th { overflow-wrap: normal; }
    .scroll { overflow-x: auto; max-width: 100%; } .download, .files { font-size: 0.85em; }
    .failure { background: #fde8e8; border-left: 4px solid #b00020; padding: 0.5em 0.8em; }
    h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.8em; border-bottom: 1px solid #ccc; }
    table { border-collapse: collapse; margin: 0.8em 0; font-variant-numeric: tabular-nums; }
    caption { text-align: left; font-style: italic; padding-bottom: 0.3em; }
    th, td { padding: 0.25em 0.7em; text-align: right; border-bottom: 1px solid #e4e4e4; }
    th { border-bottom: 1px solid #333; } td:first-child, th:first-child { text-align: left; }
    dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1.2em; }
    dt { font-weight: bold; } dd { margin: 0; }
    figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; }
    figcaption { font-size: 0.9em; color: #333; }
    .notice { background: #fff4d6; border-left: 4px solid #e0a800; padding: 0.5em 0.8em; }
    pre { background: #f4f4f4; padding: 0.6em; overflow-x: auto; white-space: pre-wrap; }
    </style>
    </head>
    <body>
    <h1>\(Self.escape(title))</h1>
    \(body.joined(separator: "\n"))
    </body>
    </html>

    """
  }

  /// Text with &, <, > and " escaped for HTML.
  public static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
