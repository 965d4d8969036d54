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
    var y = Array(repeating: 0.0, count: rows)
    multiply(x, into: &y)
    return y
  }

  /// A·x into `y` (length ``rows``), overwriting it: no allocation, for the
  /// inner loops of iterative solvers.
  public func multiply(_ x: [Double], into y: inout [Double]) {
    precondition(x.count == columns, "vector length must equal the column count")
    precondition(y.count == rows, "output length must equal the row count")
    let m = rows
    elements.withUnsafeBufferPointer { e in
      y.withUnsafeMutableBufferPointer { out in
        out.update(repeating: 0)
        for j in 0..<columns where x[j] != 0 {
          let xj = x[j]
          let base = j * m
          for i in 0..<m { out[i] += e[base + i] * xj }
        }
      }
    }
  }

  /// Aᵀ·y.
  public func transposeMultiply(_ y: [Double]) -> [Double] {
    var x = Array(repeating: 0.0, count: columns)
    transposeMultiply(y, into: &x)
    return x
  }

  /// Aᵀ·y into `x` (length ``columns``), overwriting it.
  public func transposeMultiply(_ y: [Double], into x: inout [Double]) {
    precondition(y.count == rows, "vector length must equal the row count")
    precondition(x.count == columns, "output length must equal the column count")
    let m = rows
    elements.withUnsafeBufferPointer { e in
      y.withUnsafeBufferPointer { v in
        for j in 0..<columns {
          var s = 0.0
          let base = j * m
          for i in 0..<m { s += e[base + i] * v[i] }
          x[j] = s
        }
      }
    }
  }

  /// The Gram matrix AᵀA (columns × columns).
  public func gram() -> Matrix {
    var g = Matrix(rows: columns, columns: columns)
    gram(into: &g)
    return g
  }

  /// AᵀA into `g` (a ``columns`` × ``columns`` matrix), overwriting it.
  public func gram(into g: inout Matrix) {
    precondition(g.rows == columns && g.columns == columns, "the Gram matrix is columns × columns")
    let n = columns
    let m = rows
    elements.withUnsafeBufferPointer { e in
      g.elements.withUnsafeMutableBufferPointer { out in
        for a in 0..<n {
          for b in a..<n {
            // Four partial sums, one per lane of a SIMD4 (sum k holds the
            // products at i ≡ k mod 4): independent chains, vector loads.
            let ca = a * m
            let cb = b * m
            var lanes = SIMD4<Double>()
            var i = 0
            if let base = e.baseAddress {
              let raw = UnsafeRawPointer(base)
              let stride = MemoryLayout<Double>.stride
              while i + 4 <= m {
                let x = raw.loadUnaligned(fromByteOffset: (ca + i) * stride, as: SIMD4<Double>.self)
                let y = raw.loadUnaligned(fromByteOffset: (cb + i) * stride, as: SIMD4<Double>.self)
                lanes += x * y
                i += 4
              }
            }
            var s0 = lanes[0]
            let (s1, s2, s3) = (lanes[1], lanes[2], lanes[3])
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
