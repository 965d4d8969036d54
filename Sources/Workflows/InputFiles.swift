import Foundation
import IonicsCore

/// A file's bytes: mapped when it is a regular file, read to its end when
/// it is a pipe or a device; the path is named in any error.
public func readInput(_ path: String) throws -> Data {
  let url = URL(fileURLWithPath: path)
  if let mapped = try? Data(contentsOf: url, options: .alwaysMapped) { return mapped }
  if let read = try? Data(contentsOf: url) { return read }
  // Pipes (process substitution, /dev/stdin) are read to their end.
  if let handle = FileHandle(forReadingAtPath: path) {
    defer { try? handle.close() }
    if let data = try? handle.readToEnd() { return data }
  }
  throw WorkflowError.unreadableFile(path)
}

/// A text file's contents, decoded by ``TextDecoding`` (UTF-8, UTF-16 with
/// a byte-order mark, else Latin-1).
public func readText(_ path: String) throws -> String {
  TextDecoding.decode(try readInput(path))
}

/// The files named in `inputs`, every folder replaced by the regular,
/// non-hidden files in it (sorted by name), leaving out `skipping` and files
/// that are plainly not data (reports, figures, notes, manifests).
public func expandFolders(_ inputs: [String], skipping manifest: String? = nil) throws -> [String] {
  let notData: Set<String> = [
    "md", "html", "svg", "png", "jpg", "pdf", "json", "toml", "py", "log",
  ]
  let manifestURL = manifest.map { URL(fileURLWithPath: $0).standardizedFileURL }
  return try filesIn(inputs, recursive: false).filter { path in
    let url = URL(fileURLWithPath: path)
    return !notData.contains(url.pathExtension.lowercased())
      && url.standardizedFileURL != manifestURL
  }
}

/// The files named in `inputs`, every folder replaced by its regular,
/// non-hidden files (with `recursive`, those of its sub-folders too),
/// sorted by path within each folder; each path starts as the folder was
/// given. A path that does not exist is an error.
public func filesIn(_ inputs: [String], recursive: Bool) throws -> [String] {
  let manager = FileManager.default
  var files: [String] = []
  for input in inputs {
    var isFolder: ObjCBool = false
    guard manager.fileExists(atPath: input, isDirectory: &isFolder) else {
      throw WorkflowError.unreadableFile(input)
    }
    guard isFolder.boolValue else {
      files.append(input)
      continue
    }
    let root = URL(fileURLWithPath: input)
    var options: FileManager.DirectoryEnumerationOptions = [.skipsHiddenFiles]
    if !recursive { options.insert(.skipsSubdirectoryDescendants) }
    guard
      let walker = manager.enumerator(
        at: root, includingPropertiesForKeys: nil, options: options)
    else { throw WorkflowError.unreadableFile(input) }
    var found: [String] = []
    for case let url as URL in walker {
      // A file, or a link to one (a link to a folder is not walked).
      var isSubfolder: ObjCBool = false
      guard manager.fileExists(atPath: url.path, isDirectory: &isSubfolder), !isSubfolder.boolValue
      else { continue }
      let full = url.standardizedFileURL.path
      let base = root.standardizedFileURL.path
      let relative = full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : url.lastPathComponent
      found.append(input.hasSuffix("/") ? input + relative : input + "/" + relative)
    }
    files += found.sorted()
  }
  return files
}

/// Errors of writing an output.
public enum OutputError: Error, Equatable, CustomStringConvertible {
  /// The output path is one of the inputs.
  case wouldOverwriteInput(String)
  /// The file system refused the write.
  case cannotWrite(String, reason: String)

  /// A sentence a user can act on.
  public var description: String {
    switch self {
    case .wouldOverwriteInput(let path): return "\(path): refusing to overwrite an input file"
    case .cannotWrite(let path, let reason): return "\(path): cannot write (\(reason))"
    }
  }
}

/// Writes `text` to a temporary file beside `path` and renames it into
/// place, refusing to overwrite one of `inputs`.
public func writeAtomically(_ text: String, to path: String, inputs: [String] = []) throws {
  try writeAtomically(Data(text.utf8), to: path, inputs: inputs)
}

/// Writes `data` to a temporary file beside `path` and renames it into
/// place, refusing to overwrite one of `inputs`.
public func writeAtomically(_ data: Data, to path: String, inputs: [String] = []) throws {
  let target = URL(fileURLWithPath: path).standardizedFileURL
  if inputs.contains(where: { URL(fileURLWithPath: $0).standardizedFileURL == target }) {
    throw OutputError.wouldOverwriteInput(path)
  }
  do {
    try data.write(to: target, options: .atomic)
  } catch {
    throw OutputError.cannotWrite(path, reason: error.localizedDescription)
  }
}

/// "fit.svg" → "fit-2.svg": the k-th of several outputs asked for under one name.
public func numbered(_ path: String, _ k: Int) -> String {
  let url = URL(fileURLWithPath: path)
  let ext = url.pathExtension
  let base = url.deletingPathExtension().path
  return ext.isEmpty ? "\(base)-\(k)" : "\(base)-\(k).\(ext)"
}
