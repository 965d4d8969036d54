import Foundation
import Testing

@testable import IonicsNumerics

@Suite("Student's t")
struct StudentTTests {
  /// Two-sided 95 % critical values from standard tables: 12.706 (ν = 1),
  /// 4.303 (2), 2.776 (4), 2.228 (10), 2.042 (30), and the Cauchy case
  /// t₀.₉₇₅ = tan(0.475π) exactly.
  @Test func tabulatedCriticalValues() {
    let table: [(Double, Double)] = [(1, 12.706), (2, 4.303), (4, 2.776), (10, 2.228), (30, 2.042)]
    for (nu, t) in table {
      #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: nu) - t) < 6e-4, "ν = \(nu)")
    }
    let cauchy = tan(0.475 * Double.pi)
    #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 1) - cauchy) < 1e-9)
    // ν = 2 has the closed form t = (2p − 1)·√(2/(4p(1 − p))).
    let p = 0.9
    let closed = (2 * p - 1) * (2 / (4 * p * (1 - p))).squareRoot()
    #expect(abs(StudentT.quantile(p, degreesOfFreedom: 2) - closed) < 1e-9)
    #expect(abs(StudentT.cumulative(0, degreesOfFreedom: 5) - 0.5) < 1e-15)
    #expect(abs(StudentT.quantile(0.025, degreesOfFreedom: 4) + 2.776) < 6e-4)
  }
}
