import Foundation
import IonicsNumerics
import Testing

@Suite("Gauss–Legendre quadrature")
struct GaussLegendreTests {
  /// n nodes integrate x^(2n−1) and x^(2n−2) exactly on [0, 1]: 1/(k + 1).
  @Test(arguments: [1, 2, 5, 12, 40])
  func exactForPolynomialsOfDegreeTwoNMinusOne(n: Int) {
    let rule = GaussLegendre(count: n)
    for k in [2 * n - 2, 2 * n - 1] {
      let value = rule.integrate(over: 0...1) { pow($0, Double(k)) }
      #expect(abs(value - 1 / Double(k + 1)) < 1e-14, "n = \(n), x^\(k): \(value)")
    }
    #expect(abs(rule.weights.reduce(0, +) - 2) < 1e-14)
  }

  /// Five-node nodes are the published ±0.9061798459, ±0.5384693101, 0.
  @Test func fiveNodesAreTheTabulatedOnes() {
    let rule = GaussLegendre(count: 5)
    let expected = [
      -0.906_179_845_938_664, -0.538_469_310_105_683, 0, 0.538_469_310_105_683,
      0.906_179_845_938_664,
    ]
    for (x, e) in zip(rule.nodes, expected) { #expect(abs(x - e) < 1e-14) }
    #expect(abs(rule.weights[2] - 128.0 / 225) < 1e-14)
  }

  /// ∫₀^π sin = 2 and ∫₋₁¹ e^x = e − 1/e to 1e-14 with 20 nodes.
  @Test func smoothIntegrandsConvergeFast() {
    let rule = GaussLegendre(count: 20)
    #expect(abs(rule.integrate(over: 0...Double.pi, sin) - 2) < 1e-14)
    #expect(abs(rule.integrate(over: -1...1, exp) - (M_E - 1 / M_E)) < 1e-14)
  }
}
