import Dispatch
import Foundation
import IonicsCore

/// PNG (600 dpi) and PDF copies of SVG figures through `rsvg-convert`
/// (Debian's librsvg2-bin), and a PDF of the HTML report through headless
/// Chromium. Each is skipped with a note when its program is not installed;
/// a program that fails or hangs (60 s) is a note too, never an abort: the
/// SVG and the HTML are the report, these are conveniences.
enum FigureConversion {
  /// The path of an executable on `PATH`, nil when there is none.
  static func program(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = "\(folder)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs `tool` with `arguments`, its output discarded; true when it exits 0 in time.
  static func run(_ tool: String, _ arguments: [String], seconds: Double = 60) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return false }
    let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: watchdog)
    process.waitUntilExit()
    watchdog.cancel()
    return process.terminationReason == .exit && process.terminationStatus == 0
  }

  /// Writes `NAME.png` (600 dpi) and `NAME.pdf` beside each SVG; returns notes.
  static func convert(_ svgPaths: [String]) -> [String] {
    guard !svgPaths.isEmpty else { return [] }
    guard let tool = program("rsvg-convert") else {
      return ["PNG and PDF figures skipped: rsvg-convert is not installed (Debian: apt-get install librsvg2-bin)"]
    }
    let jobs = svgPaths.flatMap { svg in ["png", "pdf"].map { (svg, $0) } }
    let failed = ConcurrentSlots<String>(count: jobs.count)
    DispatchQueue.concurrentPerform(iterations: jobs.count) { k in
      let (svg, format) = jobs[k]
      let target = (svg as NSString).deletingPathExtension + ".\(format)"
      let temporary = target + ".part"
      let dpi = format == "png" ? ["--dpi-x", "600", "--dpi-y", "600"] : []
      if run(tool, dpi + ["-f", format, "-o", temporary, svg]) {
        try? FileManager.default.removeItem(atPath: target)
        if (try? FileManager.default.moveItem(atPath: temporary, toPath: target)) != nil { return }
      }
      try? FileManager.default.removeItem(atPath: temporary)
      failed.set(k, "rsvg-convert could not make \((target as NSString).lastPathComponent)")
    }
    return failed.values
  }

  /// Prints the HTML page to PDF with headless Chromium; nil when done, else why not.
  static func printPDF(_ html: String, to pdf: String) -> String? {
    guard let tool = program("chromium") ?? program("chromium-browser") ?? program("google-chrome") else {
      return "report.pdf skipped: Chromium is not installed (Debian: apt-get install chromium)"
    }
    let temporary = pdf + ".part.pdf"
    let url = URL(fileURLWithPath: html).absoluteString
    guard
      run(
        tool,
        [
          "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
          "--print-to-pdf=\(temporary)", url,
        ], seconds: 120),
      FileManager.default.fileExists(atPath: temporary)
    else {
      try? FileManager.default.removeItem(atPath: temporary)
      return "report.pdf could not be printed by \(tool)"
    }
    try? FileManager.default.removeItem(atPath: pdf)
    do { try FileManager.default.moveItem(atPath: temporary, toPath: pdf) } catch {
      return "report.pdf could not be written: \(error.localizedDescription)"
    }
    return nil
  }
}
