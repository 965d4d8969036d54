import Foundation
import IonicsCore

/// Where a structure's symmetry operations came from, and the space group
/// they were identified as.
struct ResolvedSymmetry {
  var operations: [SymmetryOperation]
  var spaceGroup: SpaceGroup?
  var source: String
  var warnings: [Diagnostic] = []
}

extension CrystalStructure {
  /// The symmetry of a block, in the order a CIF reader should trust it:
  /// the operator list, else the Hall symbol, else the Hermann–Mauguin
  /// symbol, else the space-group number; else P1 with a warning. When a
  /// symbol leaves a choice open (origin choice 1 or 2, hexagonal or
  /// rhombohedral axes) the cell and the atoms decide, and a warning says
  /// which was taken and why. An operator list is named by the setting of
  /// the file's symbol or number whose operations it equals, and a list
  /// that matches none of them is reported.
  static func resolveSymmetry(
    _ block: CIFBlock, cell: UnitCell, sites: [AtomSite], source: String
  ) throws -> ResolvedSymmetry {
    func text(_ tags: String...) -> String? {
      for tag in tags {
        if let s = block.value(tag)?.string?.trimmingCharacters(in: .whitespaces), !s.isEmpty {
          return s
        }
      }
      return nil
    }
    let hall = text("_space_group_name_Hall", "_symmetry_space_group_name_Hall")
    let symbol = text("_space_group_name_H-M_alt", "_symmetry_space_group_name_H-M")
    let number =
      (block.value("_space_group_IT_number") ?? block.value("_symmetry_Int_Tables_number"))?
      .number.flatMap { Int(fileValue: $0.value) }
    var named: [SpaceGroup] = []
    var nameWarnings: [Diagnostic] = []
    if let hall {
      do {
        named = [try SpaceGroup(hall: hall)]
      } catch {
        nameWarnings.append(.warning("hallSymbolUnreadable", "\(error)"))
      }
    }
    if named.isEmpty, let symbol {
      named = SpaceGroup.settings(symbol: symbol)
      if named.isEmpty {
        nameWarnings.append(
          .warning("spaceGroupSymbolUnknown", "space-group symbol '\(symbol)' not recognised"))
      }
    }
    if named.isEmpty, let number {
      let all = SpaceGroup.settings(number: number) ?? []
      // A number alone means the reference setting (or its origin/axes twin).
      named = all.filter {
        $0.symbol.split(separator: ":").first == all.first?.symbol.split(separator: ":").first
      }
      if all.isEmpty {
        nameWarnings.append(
          .warning("spaceGroupNumberInvalid", "space-group number \(number) is not 1…230"))
      }
    }
    let nameSource =
      hall.map { "Hall symbol '\($0)'" } ?? symbol.map { "symbol '\($0)'" }
      ?? number.map { "space-group number \($0)" } ?? ""

    // 1. The operator list.
    for tag in [
      "_space_group_symop_operation_xyz", "_symmetry_equiv_pos_as_xyz",
      "_space_group_symop.operation_xyz",
    ] {
      guard let column = block.values(tag) else { continue }
      var operations: [SymmetryOperation] = []
      for value in column {
        guard let text = value.string else { continue }
        do {
          operations.append(try SymmetryOperation(parsing: text))
        } catch {
          throw CrystalError.symmetry(source: source, block: block.name, "\(error)")
        }
      }
      guard !operations.isEmpty else { continue }
      var resolved = ResolvedSymmetry(
        operations: operations, spaceGroup: nil,
        source: "\(tag) (\(operations.count) operations)")
      let listed = Set(operations.map(ExactOperation.init))
      var candidates = named
      if let number, !candidates.contains(where: { $0.number == number }) {
        candidates += SpaceGroup.settings(number: number) ?? []
      }
      if let match = candidates.first(where: {
        Set($0.operations.map(ExactOperation.init)) == listed
      }) {
        resolved.spaceGroup = match
      } else if !candidates.isEmpty {
        resolved.warnings.append(
          .warning("operationsContradictSymbol", "the \(operations.count) listed operations are not those of \(nameSource) "
            + "(\(candidates[0].description)): the listed operations are used"))
      }
      return resolved
    }

    // 2–4. A symbol or number, the choice left open settled by the structure.
    guard !named.isEmpty else {
      return ResolvedSymmetry(
        operations: [.identity], spaceGroup: nil, source: "none: P1 assumed",
        warnings: nameWarnings + [
          .warning("assumedP1", "no usable symmetry in the file (no operator list, Hall or Hermann–Mauguin symbol or "
            + "space-group number): the structure is treated as P1, so the formula, Z and "
            + "density rest on P1")
        ])
    }
    var chosen = named[0]
    var warnings = nameWarnings
    if named.count > 1 {
      let (pick, why) = choose(among: named, cell: cell, sites: sites)
      chosen = pick
      warnings.append(
        .warning(
          "settingChosen", "\(nameSource) leaves the setting open: \(chosen.symbol) taken, \(why)"))
    }
    return ResolvedSymmetry(
      operations: chosen.operations, spaceGroup: chosen,
      source: "\(nameSource): \(chosen.description), \(chosen.operations.count) operations",
      warnings: warnings)
  }

  /// Picks between hexagonal and rhombohedral axes from the cell, and
  /// between origin choices from the atoms: the choice that puts fewer pairs
  /// of atoms closer than 0.5 Å (the reference setting when they tie).
  static func choose(among settings: [SpaceGroup], cell: UnitCell, sites: [AtomSite])
    -> (SpaceGroup, String)
  {
    let hexagonal = settings.first { $0.symbol.hasSuffix(":H") }
    let rhombohedral = settings.first { $0.symbol.hasSuffix(":R") }
    if let hexagonal, let rhombohedral {
      let (a, b, c) = (cell.a.value, cell.b.value, cell.c.value)
      let equalEdges = abs(a - b) < 1e-3 * a && abs(a - c) < 1e-3 * a
      let equalAngles =
        abs(cell.alpha.value - cell.beta.value) < 0.05
        && abs(cell.alpha.value - cell.gamma.value) < 0.05
      if equalEdges, equalAngles, abs(cell.alpha.value - 90) > 0.05 {
        return (rhombohedral, "as the cell has a = b = c and α = β = γ")
      }
      return (hexagonal, "as the cell is not rhombohedral (a = b = c, α = β = γ)")
    }
    let clashes = settings.map { setting -> Int in
      let (positions, _) = expand(sites, setting.operations, cell: cell)
      var count = 0
      forEachContact(among: positions.map(\.fractional), cell: cell, within: 0.5) { _, _, _, _ in
        count += 1
      }
      return count
    }
    let best = clashes.indices.min { (clashes[$0], $0) < (clashes[$1], $1) } ?? 0
    let others = clashes.indices.filter { $0 != best }.map {
      "\(settings[$0].symbol) puts \(clashes[$0]) pairs of atoms closer than 0.5 Å"
    }
    let reason =
      clashes.allSatisfy({ $0 == clashes[best] })
      ? "the reference setting, as the atoms fit every choice equally (give :1 or :2 to choose)"
      : "as \(others.joined(separator: ", ")) (against \(clashes[best]))"
    return (settings[best], reason)
  }
}

/// An operation as exact integers (translations in 1/24 of the edges,
/// reduced to [0, 24)), to compare operator lists as sets.
struct ExactOperation: Hashable {
  let rotation: [Int]
  let translation: SIMD3<Int>

  init(_ op: SymmetryOperation) {
    rotation = op.rotation.flatMap { $0 }
    var t = SIMD3<Int>.zero
    for i in 0..<3 {
      // Translations are reduced modulo 1 first: a file may write any.
      let fraction = op.translation[i] - op.translation[i].rounded(.down)
      let k = Int(fileValue: fraction * 24) ?? 0
      t[i] = ((k % 24) + 24) % 24
    }
    translation = t
  }
}
