import Foundation
import Testing

@testable import IonicsNumerics

@Suite("Symmetric eigenvalues and Cholesky")
struct EigenAndCholeskyTests {
  /// The second-difference matrix tridiag(−1, 2, −1) of order n has the
  /// closed-form eigenvalues 2 − 2cos(kπ/(n+1)), k = 1…n.
  @Test func secondDifferenceMatrixEigenvalues() throws {
    let n = 40
    var a = Matrix(rows: n, columns: n)
    for i in 0..<n {
      a[i, i] = 2
      if i > 0 {
        a[i, i - 1] = -1
        a[i - 1, i] = -1
      }
    }
    let c = (0..<n).map { Double($0 % 7) - 3 }
    let eigen = try SymmetricEigen(a, projecting: [c], computeVectors: true)
    for k in 1...n {
      let exact = 2 - 2 * cos(Double(k) * .pi / Double(n + 1))
      #expect(abs(eigen.values[k - 1] - exact) < 1e-13)
    }
    // A·v = λ·v, and the projections are Vᵀc.
    let v = try #require(eigen.vectors)
    for k in [0, 17, n - 1] {
      let column = v.column(k)
      let av = a.multiply(column)
      for i in 0..<n { #expect(abs(av[i] - eigen.values[k] * column[i]) < 1e-12) }
      let projection = zip(column, c).reduce(0) { $0 + $1.0 * $1.1 }
      #expect(abs(projection - eigen.projections[0][k]) < 1e-12)
    }
  }

  /// A dense random symmetric matrix: A·v = λ·v for every pair, V orthogonal,
  /// the eigenvalues sum to the trace, and Vᵀc matches the projections.
  @Test(arguments: [1, 2, 7, 30, 61])
  func denseSymmetricMatrix(order n: Int) throws {
    var state: UInt64 = 0x2545_F491_4F6C_DD1D &+ UInt64(n)
    func random() -> Double {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }
    var a = Matrix(rows: n, columns: n)
    for j in 0..<n {
      for i in j..<n {
        a[i, j] = random()
        a[j, i] = a[i, j]
      }
    }
    let c = (0..<n).map { _ in random() }
    let eigen = try SymmetricEigen(a, projecting: [c], computeVectors: true)
    let v = try #require(eigen.vectors)
    let trace = (0..<n).reduce(0) { $0 + a[$1, $1] }
    #expect(abs(eigen.values.reduce(0, +) - trace) < 1e-11)
    for k in 0..<n {
      let column = v.column(k)
      let av = a.multiply(column)
      for i in 0..<n { #expect(abs(av[i] - eigen.values[k] * column[i]) < 1e-11) }
      for l in 0..<n {
        let product = zip(column, v.column(l)).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(product - (k == l ? 1 : 0)) < 1e-12)
      }
      let projection = zip(column, c).reduce(0) { $0 + $1.0 * $1.1 }
      #expect(abs(projection - eigen.projections[0][k]) < 1e-12)
    }
    if n > 1 { for k in 1..<n { #expect(eigen.values[k - 1] <= eigen.values[k]) } }
  }

  /// The Hilbert matrix of order 6 is positive definite; L·Lᵀ rebuilds it and
  /// solving against A·1 returns 1 to the accuracy its condition (1.5e7) allows.
  @Test func choleskyOfHilbertMatrix() throws {
    let n = 6
    var h = Matrix(rows: n, columns: n)
    for i in 0..<n { for j in 0..<n { h[i, j] = 1 / Double(i + j + 1) } }
    let factor = try #require(Cholesky(h))
    for i in 0..<n {
      for j in 0..<n {
        var s = 0.0
        for p in 0..<n { s += factor.lower[i * n + p] * factor.lower[j * n + p] }
        #expect(abs(s - h[i, j]) < 1e-15)
      }
    }
    let x = factor.solve(h.multiply(Array(repeating: 1, count: n)))
    for value in x { #expect(abs(value - 1) < 1e-8) }
    var indefinite = h
    indefinite[0, 0] = -1
    #expect(Cholesky(indefinite) == nil)
  }
}
