import Crystal

/// A local minimum of a site-energy landscape: where the mobile ion sits.
public struct LandscapeSite: Sendable, Equatable {
  /// Fractional coordinates of the grid point.
  public let fractional: SIMD3<Double>
  /// Energy above the landscape's lowest point, eV.
  public let energy: Double
  /// The crystallographic site of the mobile ion it falls on (its label),
  /// nil when none lies within the matching distance.
  public let crystallographicSite: String?
  /// Distance to the nearest crystallographic site of the mobile ion, Å
  /// (nil when the structure lists none).
  public let distanceToSite: Double?
}

extension BVSELandscape {
  /// The local minima of the landscape (lower than all 26 grid neighbours),
  /// lowest first, a minimum within `mergeWithin` Å of a lower one counted
  /// with it, up to `limit` eV above the lowest; each is matched to the
  /// nearest site of the mobile ion in `structure` within `matchWithin` Å.
  public func sites(
    in structure: CrystalStructure, mergeWithin: Double = 0.5, matchWithin: Double = 0.5,
    limit: Double = .infinity
  ) -> [LandscapeSite] {
    let counts = grid.counts
    let values = grid.values
    let lowest = values.min() ?? 0
    let minima = grid.localMinima(upTo: lowest + limit)

    let m = structure.cell.matrix
    func distance(_ f: SIMD3<Double>, _ g: SIMD3<Double>) -> Double {
      var d = f - g
      d -= d.rounded(.toNearestOrEven)
      let x = m[0][0] * d.x + m[0][1] * d.y + m[0][2] * d.z
      let y = m[1][0] * d.x + m[1][1] * d.y + m[1][2] * d.z
      let z = m[2][0] * d.x + m[2][1] * d.y + m[2][2] * d.z
      return (x * x + y * y + z * z).squareRoot()
    }
    let mobileSites = structure.positions.compactMap { position -> (String, SIMD3<Double>)? in
      guard
        let occupant = position.occupants.first(where: {
          structure.sites[$0.site].element == mobile.element
        })
      else { return nil }
      return (structure.sites[occupant.site].label, position.fractional)
    }
    var found: [LandscapeSite] = []
    for point in minima {
      let c = grid.coordinates(point)
      let f = SIMD3(
        Double(c.x) / Double(counts.x), Double(c.y) / Double(counts.y),
        Double(c.z) / Double(counts.z))
      if found.contains(where: { distance($0.fractional, f) < mergeWithin }) { continue }
      let nearest = mobileSites.map { ($0.0, distance($0.1, f)) }.min { $0.1 < $1.1 }
      found.append(
        LandscapeSite(
          fractional: f, energy: values[point] - lowest,
          crystallographicSite: nearest.flatMap { $0.1 <= matchWithin ? $0.0 : nil },
          distanceToSite: nearest?.1))
    }
    return found
  }
}

extension PeriodicGrid {
  /// The points lower than all 26 of their neighbours (ties broken by
  /// index, so that a flat bottom counts once) with values up to `maximum`,
  /// lowest first (values equal to 1 neV in index order).
  public func localMinima(upTo maximum: Double = .infinity) -> [Int] {
    let offsets = Self.neighbourOffsets(all26: true)
    var minima: [Int] = []
    for point in values.indices where values[point].isFinite && values[point] <= maximum {
      let p = coordinates(point)
      // Ties go to the lower index.
      let isMinimum = offsets.allSatisfy { o in
        let q = index(p.x + o.x, p.y + o.y, p.z + o.z)
        return values[q] > values[point] || (values[q] == values[point] && q > point)
      }
      if isMinimum { minima.append(point) }
    }
    // Symmetry-equivalent minima differ only in the last bits, which depend
    // on the order of the sums; compare at 1 neV, then by index, so that the
    // list is the same on every run.
    let key = { (point: Int) in (values[point] * 1e9).rounded() }
    return minima.sorted { key($0) != key($1) ? key($0) < key($1) : $0 < $1 }
  }
}
