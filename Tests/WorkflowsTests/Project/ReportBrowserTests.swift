import Foundation
import Testing

/// The report opened in a real browser (headless Chromium, Debian's
/// `chromium`, installed by .ci/run): no console error; no element wider
/// than the viewport at 1280 px and at 390 px (wide tables scroll inside
/// their own box); every figure with a caption and alternative text; every
/// in-page link leading somewhere. A page built to break each rule shows
/// that the checks can fail.
@Suite("The report in headless Chromium", .enabled(if: ChromiumPage.program != nil, ChromiumPage.absence))
struct ReportBrowserTests {
  @Test(arguments: [1280, 390])
  func bundledReportPassesEveryCheck(width: Int) throws {
    let written = try BundledProject.written.get()
    let html = try String(contentsOfFile: written.reportPath, encoding: .utf8)
    let check = try ChromiumPage.check(html, width: width)
    #expect(check.problems.isEmpty, "at \(width) px: \(check.problems.prefix(10))")
    #expect(check.consoleErrors.isEmpty, "console: \(check.consoleErrors)")
    #expect(check.figures == written.outcome.sections.flatMap(\.figures).count)
    if width == 1280 {
      let shot = FileManager.default.temporaryDirectory.appendingPathComponent("ionics-report-1280.png").path
      if ChromiumPage.screenshot(written.reportPath, to: shot, width: 1280, height: 2400) {
        print("screenshot of the bundled report: \(shot)")
      }
    }
  }

  @Test func aBrokenPageIsCaught() throws {
    let broken = """
      <!DOCTYPE html><html><body>
      <table><tr><td style="white-space:nowrap">\(String(repeating: "wide ", count: 400))</td></tr></table>
      <figure><svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"></svg></figure>
      <a href="#nowhere">a link to nothing</a>
      <script>console.error("deliberate error")</script>
      </body></html>
      """
    let check = try ChromiumPage.check(broken, width: 390)
    #expect(check.problems.contains { $0.contains("wider than the viewport") })
    #expect(check.problems.contains { $0.contains("figure without caption") })
    #expect(check.problems.contains { $0.contains("figure without alternative text") })
    #expect(check.problems.contains { $0.contains("broken in-page link #nowhere") })
    #expect(check.consoleErrors.contains { $0.contains("deliberate error") })
  }
}

/// A page checked inside an iframe of a given width (headless Chromium's
/// window is at least 500 px wide; an iframe sets the viewport exactly).
enum ChromiumPage {
  struct Check {
    var problems: [String]
    var consoleErrors: [String]
    var figures: Int
  }

  static let program: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  static let absence: Comment = "headless Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)"

  /// The checks, run by the wrapper page on the framed document after it loads.
  static let script = """
    const frame = document.getElementById('page');
    frame.addEventListener('load', () => {
      const doc = frame.contentDocument, win = frame.contentWindow;
      const problems = [];
      const vw = doc.documentElement.clientWidth;
      for (const el of doc.querySelectorAll('body *')) {
        if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
        if (el.parentElement && el.parentElement.closest('.scroll')) continue;
        const r = el.getBoundingClientRect();
        if (r.right > vw + 1) problems.push('wider than the viewport (' + vw + ' px): <' + el.tagName.toLowerCase() + '> to ' + Math.round(r.right) + ' px');
      }
      if (doc.documentElement.scrollWidth > vw + 1) problems.push('the page scrolls sideways: ' + doc.documentElement.scrollWidth + ' px');
      const figures = doc.querySelectorAll('figure');
      for (const f of figures) {
        const caption = f.querySelector('figcaption');
        if (!caption || !caption.textContent.trim()) problems.push('figure without caption');
        const svg = f.querySelector('svg, img');
        const alt = svg && ((svg.getAttribute('aria-label') || svg.getAttribute('alt') || '').trim());
        if (!alt) problems.push('figure without alternative text');
      }
      for (const a of doc.querySelectorAll('a[href^="#"]')) {
        const id = decodeURIComponent(a.getAttribute('href').slice(1));
        if (!doc.getElementById(id)) problems.push('broken in-page link #' + id);
      }
      const out = document.createElement('pre');
      out.id = 'result';
      out.textContent = 'IONICS-CHECK ' + encodeURIComponent(JSON.stringify({ problems, figures: figures.length })) + ' END';
      document.body.appendChild(out);
    });
    """

  static func check(_ html: String, width: Int) throws -> Check {
    guard let program else { throw CocoaError(.fileNoSuchFile) }
    let escaped = html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
    let wrapper = """
      <!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0} iframe{border:0}</style></head><body>
      <iframe id="page" width="\(width)" height="900" srcdoc="\(escaped)"></iframe>
      <script>\(script)</script></body></html>
      """
    let folder = try BundledProject.temporaryFolder("browser")
    let page = folder.appendingPathComponent("wrapper.html")
    try wrapper.write(to: page, atomically: true, encoding: .utf8)
    let (out, err) = try run(
      program,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
        "--window-size=\(max(width + 40, 600)),1000", "--virtual-time-budget=10000", "--dump-dom", page.absoluteString,
      ])
    guard let line = out.split(separator: "\n").last(where: { $0.contains("IONICS-CHECK %7B") }),
      let start = line.range(of: "IONICS-CHECK ", options: .backwards)
    else {
      throw CocoaError(.coderReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: "no check result: \(err.suffix(500))"])
    }
    let encoded = String(line[start.upperBound...]).prefix { $0 != " " }
    let json = String(encoded).removingPercentEncoding ?? ""
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    // The report has no script of its own: any console message (Chromium logs
    // console.error and uncaught exceptions as CONSOLE lines) is a fault.
    let console = err.split(separator: "\n").filter { $0.contains(":CONSOLE") }
    return Check(
      problems: object?["problems"] as? [String] ?? ["unreadable result"], consoleErrors: console.map(String.init),
      figures: object?["figures"] as? Int ?? -1)
  }

  /// A PNG of the page at `width` px; false when Chromium could not make it.
  static func screenshot(_ path: String, to png: String, width: Int, height: Int) -> Bool {
    guard let program else { return false }
    _ = try? run(
      program,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=\(width),\(height)",
        "--screenshot=\(png)", URL(fileURLWithPath: path).absoluteString,
      ])
    return FileManager.default.fileExists(atPath: png)
  }

  /// Runs a program, its output and error collected (files, so no pipe can fill), 120 s at most.
  static func run(_ program: String, _ arguments: [String]) throws -> (String, String) {
    let folder = try BundledProject.temporaryFolder("chromium-run")
    let outURL = folder.appendingPathComponent("out")
    let errURL = folder.appendingPathComponent("err")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    let deadline = Date().addingTimeInterval(120)
    while process.isRunning && Date() < deadline { usleep(50_000) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    return (
      (try? String(contentsOf: outURL, encoding: .utf8)) ?? "", (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    )
  }
}
