/// A symmetry operation x′ = R·x + t on fractional coordinates, read from
/// the CIF form `-x+1/2, y, -z+1/2` (also `x-y`, `1/2+x`, `+y`, `0.5-z`,
/// upper case, no spaces).
public struct SymmetryOperation: Sendable, Hashable, CustomStringConvertible {
  /// Rows of the integer rotation part.
  public var rotation: [[Int]]
  /// The translation, fractions of the cell edges.
  public var translation: SIMD3<Double>

  /// The identity.
  public static let identity = SymmetryOperation(
    rotation: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], translation: .zero)

  /// An operation from its parts.
  public init(rotation: [[Int]], translation: SIMD3<Double>) {
    self.rotation = rotation
    self.translation = translation
  }

  /// Parses `text`; the error says which character was not expected.
  public init(parsing text: String) throws(SymmetryOperationError) {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 3 else {
      throw .init(text: text, "expected three comma-separated components such as x, y, z")
    }
    var rotation = [[Int]](repeating: [0, 0, 0], count: 3)
    var translation = SIMD3<Double>.zero
    for (row, part) in parts.enumerated() {
      var sign = 1.0
      var number = ""
      var sawTerm = false
      var pendingNumber: Double?
      func flushNumber() throws(SymmetryOperationError) {
        guard !number.isEmpty else { return }
        let value: Double?
        if let slash = number.firstIndex(of: "/") {
          let p = Double(number[..<slash])
          let q = Double(number[number.index(after: slash)...])
          value = p.flatMap { p in q.flatMap { $0 == 0 ? nil : p / $0 } }
        } else {
          value = Double(number)
        }
        guard let value else { throw .init(text: text, "'\(number)' is not a number or fraction") }
        pendingNumber = sign * value
        number = ""
      }
      for ch in part.lowercased() {
        switch ch {
        case " ", "\t": continue
        case "+", "-":
          try flushNumber()
          if let p = pendingNumber {
            translation[row] += p
            pendingNumber = nil
          }
          sign = ch == "-" ? -1 : 1
        case "x", "y", "z":
          try flushNumber()
          let column = ch == "x" ? 0 : ch == "y" ? 1 : 2
          // "2x" or "1/2x" style coefficients are not crystallographic: only ±1.
          if pendingNumber != nil {
            throw .init(text: text, "a number directly before \(ch): write it as a separate term")
          }
          rotation[row][column] += sign < 0 ? -1 : 1
          sign = 1
          sawTerm = true
        case "0"..."9", ".", "/":
          number.append(ch)
        default:
          throw .init(text: text, "unexpected '\(ch)'")
        }
      }
      try flushNumber()
      if let p = pendingNumber { translation[row] += p }
      guard sawTerm || translation[row] != 0 || pendingNumber != nil else {
        throw .init(text: text, "component \(row + 1) is empty")
      }
    }
    // A translation is a fraction of a cell edge: a huge one (1e23) is a
    // broken file, not a shift by 10²³ cells.
    for row in 0..<3 where !(translation[row].isFinite && abs(translation[row]) <= 1000) {
      throw .init(
        text: text,
        "translation \(translation[row]) of component \(row + 1) is not a fraction of the cell")
    }
    self.rotation = rotation
    self.translation = translation
  }

  /// The image of a fractional point.
  public func apply(_ p: SIMD3<Double>) -> SIMD3<Double> {
    var out = translation
    for i in 0..<3 {
      out[i] +=
        Double(rotation[i][0]) * p.x + Double(rotation[i][1]) * p.y
        + Double(rotation[i][2]) * p.z
    }
    return out
  }

  /// The operation in CIF form.
  public var description: String {
    (0..<3).map { i -> String in
      var s = ""
      for (k, axis) in ["x", "y", "z"].enumerated() where rotation[i][k] != 0 {
        s += (rotation[i][k] < 0 ? "-" : (s.isEmpty ? "" : "+")) + axis
      }
      let t = translation[i]
      if t != 0 { s += (t < 0 ? "-" : "+") + fraction(abs(t)) }
      return s.isEmpty ? "0" : s
    }.joined(separator: ",")
  }

  private func fraction(_ v: Double) -> String {
    for d in [2, 3, 4, 6, 8, 12] {
      let n = (v * Double(d)).rounded()
      if abs(n / Double(d) - v) < 1e-9 { return "\(Int(n))/\(d)" }
    }
    return "\(v)"
  }
}

/// A symmetry operation that could not be read.
public struct SymmetryOperationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The operation as written.
  public let text: String
  /// What was wrong.
  public let reason: String

  init(text: String, _ reason: String) {
    self.text = text
    self.reason = reason
  }

  /// A sentence for the user.
  public var description: String { "symmetry operation '\(text)': \(reason)" }
}
