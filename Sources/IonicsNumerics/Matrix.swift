/// A small dense real matrix in column-major order, for least-squares
/// problems with up to a few tens of columns and any number of rows.
public struct Matrix: Sendable, Hashable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// Elements, column after column: element (i, j) at `j * rows + i`.
  public var elements: [Double]

  /// A `rows` × `columns` matrix filled with `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
    self.rows = rows
    self.columns = columns
    self.elements = Array(repeating: value, count: rows * columns)
  }

  /// A matrix from rows of equal length; throws when the rows differ in length.
  public init(rowArrays: [[Double]]) throws {
    let columns = rowArrays.first?.count ?? 0
    self.init(rows: rowArrays.count, columns: columns)
    for (i, row) in rowArrays.enumerated() {
      guard row.count == columns else {
        throw NumericsError.dimensionMismatch(
          "row \(i + 1) has \(row.count) entries, row 1 has \(columns)")
      }
      for (j, x) in row.enumerated() { self[i, j] = x }
    }
  }

  /// A matrix whose columns are the given arrays; throws when they differ in length.
  public init(columnArrays: [[Double]]) throws {
    let rows = columnArrays.first?.count ?? 0
    self.init(rows: rows, columns: columnArrays.count)
    for (j, column) in columnArrays.enumerated() {
      guard column.count == rows else {
        throw NumericsError.dimensionMismatch(
          "column \(j + 1) has \(column.count) entries, column 1 has \(rows)")
      }
      elements.replaceSubrange(j * rows..<(j + 1) * rows, with: column)
    }
  }

  /// The n × n identity.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m[i, i] = 1 }
    return m
  }

  /// Element at row `i`, column `j` (0-based). Indices are checked by the
  /// array in debug and release builds.
  public subscript(i: Int, j: Int) -> Double {
    get { elements[j * rows + i] }
    set { elements[j * rows + i] = newValue }
  }

  /// Column `j` as an array.
  public func column(_ j: Int) -> [Double] { Array(elements[j * rows..<(j + 1) * rows]) }

  /// The transpose.
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for j in 0..<columns {
      for i in 0..<rows { t[j, i] = self[i, j] }
    }
    return t
  }

  /// Matrix–vector product A·x.
  public func multiply(_ x: [Double]) -> [Double] {
    precondition(x.count == columns, "vector length must equal the column count")
    var y = Array(repeating: 0.0, count: rows)
    for j in 0..<columns where x[j] != 0 {
      let xj = x[j]
      let base = j * rows
      for i in 0..<rows { y[i] += elements[base + i] * xj }
    }
    return y
  }

  /// Aᵀ·y.
  public func transposeMultiply(_ y: [Double]) -> [Double] {
    precondition(y.count == rows, "vector length must equal the row count")
    var x = Array(repeating: 0.0, count: columns)
    for j in 0..<columns {
      var s = 0.0
      let base = j * rows
      for i in 0..<rows { s += elements[base + i] * y[i] }
      x[j] = s
    }
    return x
  }

  /// The Gram matrix AᵀA (columns × columns).
  public func gram() -> Matrix {
    var g = Matrix(rows: columns, columns: columns)
    let n = columns
    let m = rows
    elements.withUnsafeBufferPointer { e in
      g.elements.withUnsafeMutableBufferPointer { out in
        for a in 0..<n {
          for b in a..<n {
            // Four partial sums: independent chains the processor can overlap.
            var s0 = 0.0
            var s1 = 0.0
            var s2 = 0.0
            var s3 = 0.0
            let ca = a * m
            let cb = b * m
            var i = 0
            while i + 4 <= m {
              s0 += e[ca + i] * e[cb + i]
              s1 += e[ca + i + 1] * e[cb + i + 1]
              s2 += e[ca + i + 2] * e[cb + i + 2]
              s3 += e[ca + i + 3] * e[cb + i + 3]
              i += 4
            }
            while i < m {
              s0 += e[ca + i] * e[cb + i]
              i += 1
            }
            let s = (s0 + s1) + (s2 + s3)
            out[b * n + a] = s
            out[a * n + b] = s
          }
        }
      }
    }
    return g
  }

  /// Euclidean norm of column `j`.
  public func columnNorm(_ j: Int) -> Double {
    euclideanNorm(elements[j * rows..<(j + 1) * rows])
  }
}

/// Euclidean norm: the plain sum of squares when it neither overflows nor
/// underflows, else the scaled accumulation that is safe from both (as
/// LAPACK's dnrm2 guards against). Concrete over buffers: it runs in the
/// innermost loops of every fit.
func euclideanNorm(_ x: UnsafeBufferPointer<Double>) -> Double {
  var plain = 0.0
  for v in x { plain += v * v }
  if plain.isFinite && plain > 1e-280 { return plain.squareRoot() }
  var scale = 0.0
  var sum = 1.0
  for v in x where v != 0 {
    let a = abs(v)
    if a > scale {
      sum = 1 + sum * (scale / a) * (scale / a)
      scale = a
    } else {
      sum += (a / scale) * (a / scale)
    }
  }
  return scale == 0 ? 0 : scale * sum.squareRoot()
}

/// Euclidean norm of an array.
func euclideanNorm(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { euclideanNorm($0) } }

/// Euclidean norm of an array slice.
func euclideanNorm(_ x: ArraySlice<Double>) -> Double {
  x.withUnsafeBufferPointer { euclideanNorm($0) }
}
