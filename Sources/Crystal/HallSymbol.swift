/// An interpreter of Hall's space-group notation (S. R. Hall, Acta Cryst.
/// A37, 517 (1981); International Tables Vol. B, §1.4, Table A1.4.2):
/// `-P 2ybc` is the lattice symbol (with `-` for a centre of symmetry at
/// the origin), then one symbol per generating matrix, then an optional
/// origin shift in twelfths, `(0 0 4)`.
///
/// A matrix symbol is `[-]N[screw][axis][translations]`: N ∈ {1, 2, 3, 4,
/// 6} (`-` for the rotoinversion), the screw as a digit (`61` is 6₁), the
/// axis `x`, `y`, `z`, `'` (a−b), `"` (a+b) or `*` (a+b+c), and the
/// translation letters `a b c n u v w d`. Default axes follow Hall's rules:
/// the first rotation about c; a 2 after a 2 or 4 about a, after a 3 or 6
/// about a−b; a 3 in third place about a+b+c.
enum HallSymbol {
  /// A Seitz operator with the translation in 1/24 of the cell edges.
  struct Seitz: Hashable {
    /// Rotation, row-major.
    var r: [Int]
    /// Translation, 1/24 of the edges, in [0, 24).
    var t: SIMD3<Int>

    static let identity = Seitz(r: [1, 0, 0, 0, 1, 0, 0, 0, 1], t: .zero)

    /// self ∘ other: x ↦ R₁(R₂x + t₂) + t₁.
    func after(_ other: Seitz) -> Seitz {
      var r = [Int](repeating: 0, count: 9)
      var t = SIMD3<Int>.zero
      for i in 0..<3 {
        for j in 0..<3 {
          r[3 * i + j] = (0..<3).reduce(0) { $0 + self.r[3 * i + $1] * other.r[3 * $1 + j] }
        }
        t[i] = (0..<3).reduce(self.t[i]) { $0 + self.r[3 * i + $1] * other.t[$1] }
      }
      return Seitz(r: r, t: Self.wrapped(t))
    }

    static func wrapped(_ t: SIMD3<Int>) -> SIMD3<Int> {
      SIMD3(((t.x % 24) + 24) % 24, ((t.y % 24) + 24) % 24, ((t.z % 24) + 24) % 24)
    }

    var operation: SymmetryOperation {
      SymmetryOperation(
        rotation: [Array(r[0..<3]), Array(r[3..<6]), Array(r[6..<9])],
        translation: SIMD3<Double>(t) / 24)
    }
  }

  /// Lattice centring translations (1/24) of each lattice symbol.
  static let centring: [Character: [SIMD3<Int>]] = [
    "P": [], "A": [SIMD3(0, 12, 12)], "B": [SIMD3(12, 0, 12)], "C": [SIMD3(12, 12, 0)],
    "I": [SIMD3(12, 12, 12)], "R": [SIMD3(16, 8, 8), SIMD3(8, 16, 16)],
    "S": [SIMD3(8, 8, 16), SIMD3(16, 16, 8)], "T": [SIMD3(8, 16, 8), SIMD3(16, 8, 16)],
    "F": [SIMD3(0, 12, 12), SIMD3(12, 0, 12), SIMD3(12, 12, 0)],
  ]

  /// Translation letters (1/24).
  static let translation: [Character: SIMD3<Int>] = [
    "a": SIMD3(12, 0, 0), "b": SIMD3(0, 12, 0), "c": SIMD3(0, 0, 12), "n": SIMD3(12, 12, 12),
    "u": SIMD3(6, 0, 0), "v": SIMD3(0, 6, 0), "w": SIMD3(0, 0, 6), "d": SIMD3(6, 6, 6),
  ]

  /// Proper rotation matrices (row-major) by order and axis.
  static func rotation(order n: Int, axis: Character, reference: Character) -> [Int]? {
    switch (n, axis) {
    case (1, _): return [1, 0, 0, 0, 1, 0, 0, 0, 1]
    case (2, "z"): return [-1, 0, 0, 0, -1, 0, 0, 0, 1]
    case (3, "z"): return [0, -1, 0, 1, -1, 0, 0, 0, 1]
    case (4, "z"): return [0, -1, 0, 1, 0, 0, 0, 0, 1]
    case (6, "z"): return [1, -1, 0, 1, 0, 0, 0, 0, 1]
    case (2, "x"): return [1, 0, 0, 0, -1, 0, 0, 0, -1]
    case (3, "x"): return [1, 0, 0, 0, 0, -1, 0, 1, -1]
    case (4, "x"): return [1, 0, 0, 0, 0, -1, 0, 1, 0]
    case (6, "x"): return [1, 0, 0, 0, 1, -1, 0, 1, 0]
    case (2, "y"): return [-1, 0, 0, 0, 1, 0, 0, 0, -1]
    case (3, "y"): return [-1, 0, 1, 0, 1, 0, -1, 0, 0]
    case (4, "y"): return [0, 0, 1, 0, 1, 0, -1, 0, 0]
    case (6, "y"): return [0, 0, 1, 0, 1, 0, -1, 0, 1]
    case (3, "*"): return [0, 0, 1, 1, 0, 0, 0, 1, 0]
    case (2, "'"):
      switch reference {
      case "x": return [-1, 0, 0, 0, 0, -1, 0, -1, 0]
      case "y": return [0, 0, -1, 0, -1, 0, -1, 0, 0]
      default: return [0, -1, 0, -1, 0, 0, 0, 0, -1]
      }
    case (2, "\""):
      switch reference {
      case "x": return [-1, 0, 0, 0, 0, 1, 0, 1, 0]
      case "y": return [0, 0, 1, 0, -1, 0, 1, 0, 0]
      default: return [0, 1, 0, 1, 0, 0, 0, 0, -1]
      }
    default: return nil
    }
  }

  /// Why a Hall symbol could not be read.
  struct Failure: Error, CustomStringConvertible {
    let symbol: String
    let reason: String
    var description: String { "Hall symbol '\(symbol)': \(reason)" }
  }

  /// The group the symbol generates, every operation (centring included),
  /// translations in [0, 1), the identity first.
  static func operations(_ symbol: String) throws(Failure) -> [SymmetryOperation] {
    try group(symbol).map(\.operation)
  }

  /// The group as Seitz operators.
  static func group(_ symbol: String) throws(Failure) -> [Seitz] {
    func fail(_ reason: String) -> Failure { Failure(symbol: symbol, reason: reason) }
    var text = Substring(symbol)
    var shift = SIMD3<Int>.zero
    if let open = text.firstIndex(of: "(") {
      guard let close = text.lastIndex(of: ")"), close > open else {
        throw fail("the origin shift opened with '(' is not closed")
      }
      let numbers = text[text.index(after: open)..<close].split(whereSeparator: { $0 == " " })
      let values = numbers.compactMap { Int($0) }
      guard values.count == 3, numbers.count == 3 else {
        throw fail("the origin shift must be three whole numbers of twelfths, as (0 0 4)")
      }
      shift = SIMD3(values[0], values[1], values[2]) &* 2
      text = text[..<open]
    }
    let words = text.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "\t" })
    guard var lattice = words.first else { throw fail("empty") }
    var generators: [Seitz] = []
    if lattice.hasPrefix("-") {
      generators.append(Seitz(r: [-1, 0, 0, 0, -1, 0, 0, 0, -1], t: .zero))
      lattice = lattice.dropFirst()
    }
    guard lattice.count == 1, let letter = lattice.first?.uppercased().first,
      let centring = centring[letter]
    else {
      throw fail("'\(lattice)' is not a lattice symbol (P, A, B, C, I, R, S, T or F)")
    }
    generators += centring.map { Seitz(r: Seitz.identity.r, t: $0) }
    var previous: (order: Int, axis: Character)?
    for (position, word) in words.dropFirst().enumerated() {
      var chars = Array(word)
      var improper = false
      if chars.first == "-" {
        improper = true
        chars.removeFirst()
      }
      guard let first = chars.first, let order = first.wholeNumberValue,
        [1, 2, 3, 4, 6].contains(order)
      else { throw fail("'\(word)' does not start with a rotation order 1, 2, 3, 4 or 6") }
      chars.removeFirst()
      var screw = 0
      var axis: Character?
      var t = SIMD3<Int>.zero
      for ch in chars {
        if let digit = ch.wholeNumberValue, screw == 0, axis == nil, digit > 0, digit < order {
          screw = digit
        } else if "xyz'\"*".contains(ch), axis == nil {
          axis = ch
        } else if let v = translation[ch] {
          t &+= v
        } else {
          throw fail("'\(ch)' in '\(word)' is not an axis or translation symbol")
        }
      }
      let reference: Character = {
        guard let p = previous?.axis, "xyz".contains(p) else { return "z" }
        return p
      }()
      if axis == nil {
        switch (position, order) {
        case (_, 1): axis = "z"
        case (0, _): axis = "z"
        case (1, 2):
          guard let p = previous?.order else { break }
          axis = p == 2 || p == 4 ? "x" : p == 3 || p == 6 ? "'" : nil
        case (2, 3): axis = "*"
        default: break
        }
      }
      guard let axis, var r = rotation(order: order, axis: axis, reference: reference) else {
        throw fail("no axis for '\(word)' and no default one applies")
      }
      if screw > 0 {
        let step = 24 * screw / order
        switch axis {
        case "x": t &+= SIMD3(step, 0, 0)
        case "y": t &+= SIMD3(0, step, 0)
        case "z": t &+= SIMD3(0, 0, step)
        default: throw fail("a screw component along the diagonal axis of '\(word)'")
        }
      }
      if improper { r = r.map { -$0 } }
      generators.append(Seitz(r: r, t: Seitz.wrapped(t)))
      previous = (order, axis)
    }
    // Close the set under composition.
    var members: [Seitz] = [.identity]
    var seen: Set<Seitz> = [.identity]
    var k = 0
    while k < members.count {
      for g in generators {
        let product = g.after(members[k])
        if seen.insert(product).inserted {
          members.append(product)
          guard members.count <= 192 else { throw fail("generates more than 192 operations") }
        }
      }
      k += 1
    }
    guard shift != .zero else { return members }
    // Origin shift V = (I|v): S′ = V·S·V⁻¹, t′ = t + v − R·v.
    return members.map { s in
      var t = s.t &+ shift
      for i in 0..<3 { t[i] -= (0..<3).reduce(0) { $0 + s.r[3 * i + $1] * shift[$1] } }
      return Seitz(r: s.r, t: Seitz.wrapped(t))
    }
  }
}
