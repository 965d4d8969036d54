import Foundation

/// A space group in one setting: its number, Hermann–Mauguin and Hall
/// symbols, and every operation of the cell (centring translations included).
///
/// The 564 tabulated settings (``settings``) are those of International
/// Tables Vol. A, Table 4.3.2.1: the standard one of each of the 230 groups,
/// the other cell choices and axis labellings, both origin choices (`:1`,
/// `:2`) and hexagonal or rhombohedral axes (`:H`, `:R`). Operations come
/// from the Hall symbol (``HallSymbol``), so a Hall symbol outside the table
/// works as well.
public struct SpaceGroup: Sendable, Hashable, CustomStringConvertible {
  /// One row of the table.
  struct Setting: Sendable {
    let number: Int
    let symbol: String
    let hall: String
    let isReference: Bool
    let basis: String

    init(
      _ number: Int, _ symbol: String, _ hall: String, _ isReference: Bool,
      _ basis: String = "x,y,z"
    ) {
      self.number = number
      self.symbol = symbol
      self.hall = hall
      self.isReference = isReference
      self.basis = basis
    }
  }

  /// International Tables number, 1…230 (nil for a Hall symbol that the
  /// table does not hold).
  public let number: Int?
  /// Hermann–Mauguin symbol with the setting, e.g. `P 1 21/c 1`,
  /// `F d -3 m:2`, `R -3 m:H` (the Hall symbol when untabulated).
  public let symbol: String
  /// Hall symbol, e.g. `-P 2ybc`.
  public let hall: String
  /// Whether this is the reference setting of its number (origin choice 2,
  /// hexagonal axes, unique axis b, as International Tables lists first).
  public let isReferenceSetting: Bool
  /// Every operation of the cell, the identity first.
  public let operations: [SymmetryOperation]
  /// The change of basis P from the reference setting of the number to
  /// this one, as a triplet (`x-z,y,z` for P 1 21/n 1): coordinates in the
  /// reference setting are P⁻¹·x.
  public let changeOfBasis: String

  init(_ setting: Setting) throws(SpaceGroupError) {
    number = setting.number == 0 ? nil : setting.number
    symbol = setting.symbol
    hall = setting.hall
    isReferenceSetting = setting.isReference
    changeOfBasis = setting.basis
    do {
      operations = try HallSymbol.operations(setting.hall)
    } catch {
      throw SpaceGroupError(symbol: setting.hall, reason: error.reason)
    }
  }

  /// The group of a Hall symbol (`-P 2ybc`, `P 31 2 (0 0 4)`), named from
  /// the table when it holds the symbol.
  public init(hall: String) throws(SpaceGroupError) {
    let key = hall.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "_" }).joined(
      separator: " ")
    try self.init(
      Self.settings.first(where: { $0.hall == key }) ?? Setting(0, key, key, false))
  }

  /// The symbol and number, e.g. `P 1 21/c 1 (No. 14)`.
  public var description: String { number.map { "\(symbol) (No. \($0))" } ?? "Hall \(hall)" }

  /// The crystal system of the number.
  public var crystalSystem: String {
    guard let n = number else { return "unknown" }
    switch n {
    case 1...2: return "triclinic"
    case 3...15: return "monoclinic"
    case 16...74: return "orthorhombic"
    case 75...142: return "tetragonal"
    case 143...167: return "trigonal"
    case 168...194: return "hexagonal"
    default: return "cubic"
    }
  }

  /// The reference setting of a number; nil outside 1…230.
  public static func reference(number: Int) -> SpaceGroup? {
    settings.first { $0.number == number && $0.isReference }.flatMap { try? SpaceGroup($0) }
  }

  /// Every setting of a number, the reference one first; nil outside 1…230.
  public static func settings(number: Int) -> [SpaceGroup]? {
    let rows = settings.filter { $0.number == number }.sorted { $0.isReference && !$1.isReference }
    let groups = rows.compactMap { try? SpaceGroup($0) }
    return groups.isEmpty ? nil : groups
  }

  /// The settings a Hermann–Mauguin symbol can mean, the reference one
  /// first: one when the symbol fixes the setting (`P 1 21/n 1`,
  /// `F d -3 m:1`), two when it leaves an origin choice or the axes of a
  /// rhombohedral group open (`F d -3 m`, `R -3 m`). Spelling is free:
  /// `P21/c`, `P 21/c`, `P2_1/c`, `P 1 21/c 1`, `Fm-3m`, `F m 3 m` (the old
  /// cubic form), full symbols such as `P 21/n 21/m 21/a`, and the `e`
  /// glides (`C m c e`). Empty when the symbol is unknown.
  public static func settings(symbol: String) -> [SpaceGroup] {
    var text = symbol.trimmingCharacters(in: CharacterSet(charactersIn: " \t'\""))
    var choice: String?
    if let colon = text.lastIndex(of: ":") {
      choice = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces).uppercased()
      text = String(text[..<colon])
    } else {
      let words = text.split(separator: " ")
      if words.count >= 2, let last = words.last, ["H", "R", "S", "Z"].contains(last) {
        choice = last == "S" || last == "Z" ? "2" : String(last)
        text = words.dropLast().joined(separator: " ")
      }
    }
    let all = lookup(text)
    var rows = all.filter { row in
      guard let choice else { return true }
      return row.symbol.hasSuffix(":" + choice)
    }
    // An origin choice written for a group that has none (COD writes
    // `C m m e :1` for No. 67) changes nothing.
    if rows.isEmpty, !all.contains(where: { $0.symbol.contains(":") }) { rows = all }
    return rows.sorted { $0.isReference && !$1.isReference }.compactMap { try? SpaceGroup($0) }
  }

  static func lookup(_ text: String) -> [Setting] {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    var keys = [key(text)]
    // Full symbols: 21/n 21/m 21/a → n m a; the first position keeps 4/m,
    // 6/m, 63/m except in cubic symbols (4/m -3 2/m → m -3 m).
    if words.count > 2 {
      let cubic = words[2].hasSuffix("3")
      let short = words.enumerated().map { k, word -> String in
        guard k > 0, k > 1 || cubic || word.hasPrefix("2"),
          let slash = word.firstIndex(of: "/")
        else { return word }
        return String(word[word.index(after: slash)...])
      }
      keys.append(key(short.joined(separator: " ")))
    }
    for k in keys {
      if let rows = byKey[k] { return rows }
      // The old cubic form without the bar: Fm3m, P n 3.
      var chars = Array(k)
      if chars.count > 2, "mnadb".contains(chars[1]), chars[2] == "3" {
        chars.insert("-", at: 2)
        if let rows = byKey[String(chars)] { return rows }
      }
      if let alias = eGlides[k], let rows = byKey[alias] { return rows }
    }
    // The e glide of any setting (`A e m m`, `B b e b :2`) is the double
    // glide plane, both of the glides it replaces: the older symbol with
    // either letter names the same operations.
    if let k = keys.first, k.contains("e") {
      for letter in ["a", "b", "c"] {
        if let rows = byKey[k.replacingOccurrences(of: "e", with: letter)] { return rows }
      }
    }
    return []
  }

  /// Lower case without spaces or underscores: `P 21/c` → `p21/c`.
  static func key(_ text: String) -> String {
    String(text.lowercased().filter { $0 != " " && $0 != "_" && $0 != "\t" })
  }

  /// The `e` glide symbols of International Tables (2002 on) and the
  /// older symbols the table holds.
  static let eGlides: [String: String] = [
    "cmce": "cmca", "cmme": "cmma", "ccce": "ccca", "aem2": "abm2", "aea2": "aba2",
  ]

  /// Table rows by the key of their symbol without the setting suffix, and
  /// of the short monoclinic symbol for unique axis b (`P 1 21/c 1` is also
  /// `P 21/c`).
  static let byKey: [String: [Setting]] = {
    var index: [String: [Setting]] = [:]
    for row in settings {
      let bare = row.symbol.split(separator: ":").first.map(String.init) ?? row.symbol
      index[key(bare), default: []].append(row)
      let words = bare.split(separator: " ")
      if (3...15).contains(row.number), words.count == 4, words[1] == "1", words[3] == "1" {
        index[key("\(words[0]) \(words[2])"), default: []].append(row)
      }
    }
    return index
  }()
}

/// A space-group symbol that could not be used.
public struct SpaceGroupError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The symbol as written.
  public let symbol: String
  /// What was wrong.
  public let reason: String

  /// A sentence for the user.
  public var description: String { "space group '\(symbol)': \(reason)" }
}
