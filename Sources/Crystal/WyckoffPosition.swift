/// A Wyckoff position of a space group in its reference setting: the
/// multiplicity in the conventional cell, the letter, and the first
/// coordinate triplet of International Tables Vol. A (`x,1/4,z`).
public struct WyckoffPosition: Sendable, Hashable, CustomStringConvertible {
  /// Points in the conventional cell.
  public let multiplicity: Int
  /// The letter (`a`, `b`, …; `α` for the 27th position of Pmmm).
  public let letter: String
  /// The first coordinate triplet, e.g. `x,2x,1/4`.
  public let coordinates: String
  /// The triplet as an affine map of the free parameters (x, y, z).
  let map: AffineMap

  /// `4e`-style symbol.
  public var description: String { "\(multiplicity)\(letter)" }

  /// The positions of a number, from `a` on; nil outside 1…230.
  public static func positions(number: Int) -> [WyckoffPosition]? {
    guard (1...230).contains(number) else { return nil }
    return parse(table[number - 1])
  }

  static func parse(_ row: String) -> [WyckoffPosition] {
    row.split(separator: ";").compactMap { entry in
      let parts = entry.split(separator: " ")
      guard parts.count == 2, let map = AffineMap(parsing: String(parts[1])) else { return nil }
      let symbol = parts[0]
      let digits = symbol.prefix { $0.isNumber }
      guard let multiplicity = Int(digits) else { return nil }
      return WyckoffPosition(
        multiplicity: multiplicity, letter: String(symbol.dropFirst(digits.count)),
        coordinates: String(parts[1]), map: map)
    }
  }

  /// Whether the fractional point `p` lies on this position's first
  /// triplet for some values of its parameters, modulo whole cells, within
  /// `tolerance` (fractions of the edges).
  func contains(_ p: SIMD3<Double>, tolerance: Double) -> Bool {
    // Every row of a tabulated triplet holds at most one parameter; a
    // parameter alone with coefficient c in some row is fixed by that row up
    // to a step of 1/|c|, and every candidate is tried.
    var choices: [[Double]] = [[0], [0], [0]]
    for k in 0..<3 {
      guard let row = (0..<3).first(where: { map.rows[$0][k] != 0 }) else { continue }
      let c = map.rows[row][k]
      let base = (p[row] - map.offset[row]) / c
      let steps = Int(abs(c).rounded())
      choices[k] = (0..<max(steps, 1)).map { base + Double($0) / abs(c) }
    }
    for x in choices[0] {
      for y in choices[1] {
        for z in choices[2] {
          let image = map.apply(SIMD3(x, y, z))
          var d = image - p
          d -= d.rounded(.toNearestOrAwayFromZero)
          if abs(d.x) < tolerance, abs(d.y) < tolerance, abs(d.z) < tolerance { return true }
        }
      }
    }
    return false
  }
}

/// x ↦ M·x + t with real coefficients, read from a coordinate triplet such
/// as `x-z,y,z`, `x/2+y/2,-x/2+y/2,z`, `2x,x,1/4` or `x+1/8,y+1/8,z+1/8`.
struct AffineMap: Sendable, Hashable {
  /// Rows of M.
  var rows: [SIMD3<Double>]
  /// t.
  var offset: SIMD3<Double>

  init(rows: [SIMD3<Double>], offset: SIMD3<Double>) {
    self.rows = rows
    self.offset = offset
  }

  init?(parsing text: String) {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 3 else { return nil }
    var rows = [SIMD3<Double>](repeating: .zero, count: 3)
    var offset = SIMD3<Double>.zero
    for (i, part) in parts.enumerated() {
      // Split into signed terms: "x/2+y/2" → ["+x/2", "+y/2"].
      var terms: [String] = []
      var current = ""
      for ch in part where ch != " " {
        if (ch == "+" || ch == "-"), !current.isEmpty {
          terms.append(current)
          current = ""
        }
        current.append(ch)
      }
      if !current.isEmpty { terms.append(current) }
      guard !terms.isEmpty else { return nil }
      for term in terms {
        var body = Substring(term)
        var sign = 1.0
        if body.first == "-" { sign = -1 }
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        guard let axisIndex = body.firstIndex(where: { "xyz".contains($0) }) else {
          guard let value = Self.number(body) else { return nil }
          offset[i] += sign * value
          continue
        }
        let axis = body[axisIndex] == "x" ? 0 : body[axisIndex] == "y" ? 1 : 2
        var coefficient = 1.0
        let before = body[..<axisIndex].filter { $0 != "*" }
        if !before.isEmpty {
          guard let c = Self.number(Substring(before)) else { return nil }
          coefficient = c
        }
        let after = body[body.index(after: axisIndex)...]
        if !after.isEmpty {
          guard after.first == "/", let d = Double(after.dropFirst()), d != 0 else { return nil }
          coefficient /= d
        }
        rows[i][axis] += sign * coefficient
      }
    }
    self.rows = rows
    self.offset = offset
  }

  private static func number(_ text: Substring) -> Double? {
    if let slash = text.firstIndex(of: "/") {
      guard let p = Double(text[..<slash]), let q = Double(text[text.index(after: slash)...]),
        q != 0
      else { return nil }
      return p / q
    }
    return Double(text)
  }

  func apply(_ p: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3((rows[0] * p).sum(), (rows[1] * p).sum(), (rows[2] * p).sum()) + offset
  }

  /// The inverse map (nil when M is singular).
  var inverse: AffineMap? {
    let (a, b, c) = (rows[0], rows[1], rows[2])
    let det =
      a.x * (b.y * c.z - b.z * c.y) - a.y * (b.x * c.z - b.z * c.x)
      + a.z * (b.x * c.y - b.y * c.x)
    guard abs(det) > 1e-12 else { return nil }
    let inv = [
      SIMD3(b.y * c.z - b.z * c.y, a.z * c.y - a.y * c.z, a.y * b.z - a.z * b.y) / det,
      SIMD3(b.z * c.x - b.x * c.z, a.x * c.z - a.z * c.x, a.z * b.x - a.x * b.z) / det,
      SIMD3(b.x * c.y - b.y * c.x, a.y * c.x - a.x * c.y, a.x * b.y - a.y * b.x) / det,
    ]
    let t = -SIMD3((inv[0] * offset).sum(), (inv[1] * offset).sum(), (inv[2] * offset).sum())
    return AffineMap(rows: inv, offset: t)
  }
}
