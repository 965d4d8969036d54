import Foundation
import IonicsCore

/// The parts of a file that identification looks at: its first bytes, their
/// text, its size and (for containers) the names inside. Built once per file.
struct FileProbe {
  /// The file name, for messages.
  let name: String
  /// The whole file (memory-mapped where possible).
  let data: Data
  /// The first ``headLength`` bytes.
  let head: [UInt8]
  /// The head decoded as text (UTF-16 with a BOM, UTF-8, else Latin-1).
  let text: String
  /// The first lines of ``text`` with surrounding white space removed.
  let lines: [String]
  /// The extension in lower case, used only to phrase messages and to break
  /// ties between layouts that content alone cannot tell apart.
  let fileExtension: String

  /// How many bytes are looked at for text signatures.
  static let headLength = 16_384

  init(data: Data, name: String) {
    self.name = name
    self.data = data
    head = [UInt8](data.prefix(Self.headLength))
    // A cut in the middle of a UTF-8 or UTF-16 sequence decodes the head as
    // Latin-1; trimming to the last line break keeps it whole.
    var body = Data(head)
    if data.count > Self.headLength, let last = body.lastIndex(of: 10), last > 0 {
      body = body.prefix(last + (body.starts(with: [0xFF, 0xFE]) ? 2 : 1))
    }
    text = TextDecoding.decode(body)
    lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .prefix(120).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\u{FEFF}\0")) }
    fileExtension = URL(fileURLWithPath: name).pathExtension.lowercased()
  }

  /// Whether the file starts with `bytes`.
  func starts(with bytes: [UInt8]) -> Bool { head.starts(with: bytes) }

  /// Whether the file starts with the ASCII text `prefix`.
  func starts(with prefix: String) -> Bool { head.starts(with: Array(prefix.utf8)) }

  /// Whether the head's text contains `word`.
  func contains(_ word: String) -> Bool { text.contains(word) }

  /// The first line that is not empty.
  var firstLine: String { lines.first { !$0.isEmpty } ?? "" }

  /// Whether most bytes of the head are text (printable, tabs, line breaks,
  /// or UTF-16 with its BOM).
  var looksLikeText: Bool {
    if starts(with: [0xFF, 0xFE]) || starts(with: [0xFE, 0xFF]) { return true }
    guard !head.isEmpty else { return false }
    let control = head.prefix(4096).filter { $0 < 9 || ($0 > 13 && $0 < 32) }.count
    return control * 100 <= min(head.count, 4096)
  }

  /// Names of the entries of a zip archive; empty when the file is not one
  /// or its directory cannot be read.
  var zipEntryNames: [String] {
    guard starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return [] }
    return ((try? ZipEntries.entries(data)) ?? []).map(\.path)
  }

  /// The text after `key` on the first head line that holds it.
  func value(after key: String) -> String? {
    for line in lines {
      guard let range = line.range(of: key) else { continue }
      let rest = line[range.upperBound...].trimmingCharacters(
        in: CharacterSet(charactersIn: " \t:=,;\""))
      return rest.isEmpty ? nil : rest
    }
    return nil
  }
}
