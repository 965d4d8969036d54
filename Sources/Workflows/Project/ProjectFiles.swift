import Foundation
import IonicsCore

/// The files a manifest names: paths relative to its folder, where the last
/// component may hold `*` and `?` wildcards ("eis/pellet/*.csv").
public enum ProjectFiles {
  /// The files `pattern` matches, sorted by name; a plain path gives itself
  /// when it exists.
  public static func expand(_ pattern: String, in manifest: ProjectManifest) throws -> [String] {
    let resolved = manifest.resolve(pattern)
    let last = (resolved as NSString).lastPathComponent
    guard last.contains("*") || last.contains("?") else {
      return FileManager.default.fileExists(atPath: resolved) ? [resolved] : []
    }
    let folder = (resolved as NSString).deletingLastPathComponent
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
    return names.filter { matches($0, last) }.sorted().map {
      folder.isEmpty ? $0 : (folder as NSString).appendingPathComponent($0)
    }
  }

  /// Every file of `patterns`, in order, without repeats.
  public static func expand(_ patterns: [String], in manifest: ProjectManifest) throws -> [String] {
    var seen = Set<String>()
    return try patterns.flatMap { try expand($0, in: manifest) }.filter { seen.insert($0).inserted }
  }

  /// Whether `name` matches `pattern` (`*` any run, `?` one character).
  static func matches(_ name: String, _ pattern: String) -> Bool {
    let n = Array(name)
    let p = Array(pattern)
    // Iterative wildcard matching with one backtrack point: linear in practice.
    var (i, j) = (0, 0)
    var star: Int?
    var mark = 0
    while i < n.count {
      if j < p.count && (p[j] == "?" || p[j] == n[i]) {
        i += 1
        j += 1
      } else if j < p.count && p[j] == "*" {
        star = j
        mark = i
        j += 1
      } else if let s = star {
        j = s + 1
        mark += 1
        i = mark
      } else {
        return false
      }
    }
    while j < p.count && p[j] == "*" { j += 1 }
    return j == p.count
  }

  /// A path as the report shows it: relative to the manifest's folder.
  public static func relative(_ path: String, to manifest: ProjectManifest) -> String {
    let base = manifest.folder
    guard !base.isEmpty, path.hasPrefix(base + "/") else { return path }
    return String(path.dropFirst(base.count + 1))
  }
}
