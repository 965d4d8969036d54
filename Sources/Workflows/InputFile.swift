import Crypto
import Foundation

/// One input of a result: its path as given, its SHA-256 and the format the
/// reader recognised (nil when the analysis did not read it as a file of a
/// known format, such as a CSV table).
public struct InputFile: Sendable, Hashable, Encodable {
  /// The path as the user gave it.
  public let path: String
  /// SHA-256 of the file's bytes, lower-case hexadecimal; nil for a pipe or
  /// a device, whose bytes cannot be read a second time.
  public let sha256: String?
  /// Size, bytes.
  public let sizeBytes: Int
  /// The recognised format and dialect, when known.
  public var format: String?

  /// An input already hashed (the project report hashes each file once).
  package init(path: String, sha256: String?, sizeBytes: Int, format: String?) {
    self.path = path
    self.sha256 = sha256
    self.sizeBytes = sizeBytes
    self.format = format
  }

  /// Hashes the file at `path`, reading it in 1 MiB chunks so that memory
  /// stays bounded whatever its size.
  public init(path: String, format: String? = nil) throws {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    guard let type = attributes?[.type] as? FileAttributeType else {
      throw WorkflowError.unreadableFile(path)
    }
    guard type == .typeRegular else {
      self.path = path
      self.sha256 = nil
      self.sizeBytes = 0
      self.format = format
      return
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw WorkflowError.unreadableFile(path)
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    var size = 0
    while true {
      let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
      if chunk.isEmpty { break }
      size += chunk.count
      hasher.update(data: chunk)
    }
    self.path = path
    self.sha256 = Self.hex(hasher.finalize())
    self.sizeBytes = size
    self.format = format
  }

  /// The SHA-256 of `bytes`, lower-case hexadecimal.
  public static func sha256(of bytes: Data) -> String {
    hex(SHA256.hash(data: bytes))
  }

  /// A digest as lower-case hexadecimal.
  static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
    digest.map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }

  /// Every regular file among `paths`, hashed; folders are listed by the
  /// files inside them (not recursively), sorted by name.
  public static func files(_ paths: [String], format: String? = nil) throws -> [InputFile] {
    var out: [InputFile] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw WorkflowError.unreadableFile(path)
      }
      if isDirectory.boolValue, !path.hasPrefix("/dev/") {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") {
          let child = (path as NSString).appendingPathComponent(name)
          var childIsDirectory: ObjCBool = false
          if FileManager.default.fileExists(atPath: child, isDirectory: &childIsDirectory),
            !childIsDirectory.boolValue
          {
            out.append(try InputFile(path: child, format: format))
          }
        }
      } else {
        out.append(try InputFile(path: path, format: format))
      }
    }
    return out
  }
}
