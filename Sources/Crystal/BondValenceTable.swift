import Foundation
import IonicsCore

/// I. D. Brown's accumulated table of bond-valence parameters
/// (`bvparm2020.cif`, IUCr), read from the user's copy: its licence allows
/// non-profit use and redistribution only with its notice, so Ionics reads
/// the file rather than shipping it.
///
/// Rows are `cation valence anion valence R0 B ref note`, as the file's
/// loop or its fixed-format text (both forms circulate); comments, tags and
/// text fields are skipped. The bond valence is s = exp((R0 − R)/B).
public struct BondValenceTable: Sendable {
  /// One parameter set.
  public struct Entry: Sendable, Equatable {
    /// Cation symbol (`Na`, or `NH` for ammonium as the table writes it).
    public var cation: String
    /// Cation oxidation state (9: unspecified, applies to any).
    public var cationValence: Int
    /// Anion symbol.
    public var anion: String
    /// Anion oxidation state (negative).
    public var anionValence: Int
    /// R0, Å.
    public var r0: Double
    /// B, Å.
    public var b: Double
    /// Reference code of the table (`a` = Brown & Altermatt 1985, `b` =
    /// Brese & O'Keeffe 1991, …).
    public var reference: String
    /// The table's note (`unchecked` marks unreliable values).
    public var note: String
  }

  /// Every row, in the table's order (most reliable first for each pair).
  public var entries: [Entry]
  /// Where the table came from.
  public var source: String

  /// Reads the table text; `source` names it in errors.
  public init(parsing text: String, source: String) throws {
    var entries: [Entry] = []
    var inTextField = false
    for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if raw.hasPrefix(";") {
        inTextField.toggle()
        continue
      }
      if inTextField || line.isEmpty || line.hasPrefix("#") || line.hasPrefix("_")
        || line.lowercased().hasPrefix("loop_") || line.lowercased().hasPrefix("data_")
      {
        continue
      }
      let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      guard fields.count >= 6, let v1 = Int(fields[1]), let v2 = Int(fields[3]),
        let r0 = Double(fields[4]), let b = Double(fields[5]), r0 > 0, b > 0,
        fields[0].first?.isLetter == true, fields[2].first?.isLetter == true
      else { continue }
      let note = fields.count > 7 ? fields[7...].joined(separator: " ") : ""
      entries.append(
        Entry(
          cation: fields[0], cationValence: v1, anion: fields[2], anionValence: v2, r0: r0, b: b,
          reference: fields.count > 6 ? fields[6] : "",
          note: note.trimmingCharacters(in: CharacterSet(charactersIn: "'\"?"))))
    }
    guard !entries.isEmpty else {
      throw CIFError.syntax(
        source: source, line: 1, column: 1,
        "no bond-valence rows (cation valence anion valence R0 B) found")
    }
    self.entries = entries
    self.source = source
  }

  /// The first (most reliable) checked entry for the pair: the exact
  /// oxidation states, else the cation's entry with valence 9 (any).
  public func parameters(cation: Element, valence: Int, anion: Element, anionValence: Int)
    -> Entry?
  {
    let usable = entries.filter {
      $0.cation == cation.symbol && $0.anion == anion.symbol && $0.anionValence == anionValence
        && !$0.note.lowercased().contains("unchecked")
    }
    return usable.first { $0.cationValence == valence } ?? usable.first { $0.cationValence == 9 }
  }
}
