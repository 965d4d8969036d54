extension CrystalStructure {
  /// The Wyckoff position of each site (in ``sites`` order), nil where the
  /// space group is not identified or no tabulated position holds the site.
  ///
  /// The site is taken to the reference setting of its number through the
  /// setting's change of basis (so `P 1 21/n 1`, origin choice 1 and
  /// rhombohedral axes get the letters of International Tables), and the
  /// position is the first, from `a` on, with the site's multiplicity
  /// (counted in the conventional cell) whose triplet holds some image of
  /// the site within 10⁻³ of the edges.
  public var wyckoffPositions: [WyckoffPosition?] {
    guard let group = spaceGroup, let number = group.number,
      let table = WyckoffPosition.positions(number: number),
      let reference = SpaceGroup.reference(number: number),
      let toReference = AffineMap(parsing: group.changeOfBasis)?.inverse
    else { return sites.map { _ in nil } }
    // A primitive rhombohedral cell holds a third of the hexagonal one.
    let factor = Double(reference.operations.count) / Double(group.operations.count)
    let count = Dictionary(table.map { ($0.multiplicity, 1) }, uniquingKeysWith: +)
    return sites.indices.map { s in
      let target = Int((Double(multiplicities[s]) * factor).rounded())
      // A multiplicity that one position alone has names it (the general
      // position of a P1 supercell needs no search).
      if count[target] == 1 { return table.first { $0.multiplicity == target } }
      let p = toReference.apply(sites[s].position)
      let orbit = reference.operations.map { $0.apply(p) }
      return table.first { w in
        w.multiplicity == target && orbit.contains { w.contains($0, tolerance: 1e-3) }
      }
    }
  }
}
