import Foundation

/// A self-contained HTML report: headings, paragraphs, tables and inline SVG
/// figures in one file with its own style sheet, no scripts and no external
/// resources, so that it opens the same way in any browser years later.
public struct HTMLDocument: Sendable {
  /// Title, shown in the browser tab and as the first heading.
  public var title: String
  private var body: [String] = []
  private var figureCount = 0

  /// An empty report titled `title`.
  public init(title: String) {
    self.title = title
  }

  /// A section heading (level 2).
  public mutating func heading(_ text: String) {
    body.append("<h2>\(Self.escape(text))</h2>")
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
  public mutating func table(header: [String], rows: [[String]], caption: String? = nil) {
    var s = "<table>"
    if let caption { s += "<caption>\(Self.escape(caption))</caption>" }
    s += "<thead><tr>" + header.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr></thead>"
    s += "<tbody>"
    for row in rows {
      s += "<tr>" + row.map { "<td>\(Self.escape($0))</td>" }.joined() + "</tr>"
    }
    body.append(s + "</tbody></table>")
  }

  /// An SVG figure (a complete `<svg>` document from `Plots`) with a caption.
  /// Clip-path ids are renamed per figure, as ids must be unique in one page.
  public mutating func figure(svg: String, caption: String) {
    figureCount += 1
    let prefix = "fig\(figureCount)-"
    let unique = svg.replacingOccurrences(of: "id=\"clip", with: "id=\"\(prefix)clip")
      .replacingOccurrences(of: "url(#clip", with: "url(#\(prefix)clip")
    body.append("<figure>\(unique)<figcaption>\(Self.escape(caption))</figcaption></figure>")
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
    body { font-family: Helvetica, Arial, sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #111; line-height: 1.4; }
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
