import ComplexModule
import Foundation
import Impedance
import RealModule
import Testing

struct CircuitTests {
  static let frequencies = [1e-3, 0.1, 1, 37, 1e3, 2e5, 3e6]

  static func z(_ circuit: String, _ p: [Double], _ f: [Double] = frequencies) throws -> [Complex<
    Double
  >] {
    try Circuit(circuit).impedance(frequencies: f, parameters: p)
  }

  static func expectClose(
    _ a: [Complex<Double>], _ b: [Complex<Double>], relative: Double = 1e-12, _ what: String = ""
  ) {
    for (x, y) in zip(a, b) {
      let scale = max(x.length, y.length, 1e-300)
      #expect((x - y).length <= relative * scale, "\(what): \(x) vs \(y)")
    }
  }

  @Test func resistorCapacitorInductor() throws {
    let f = Self.frequencies
    Self.expectClose(try Self.z("R0", [42]), f.map { _ in Complex(42, 0) })
    Self.expectClose(try Self.z("C0", [1e-6]), f.map { Complex(0, -1 / (2 * .pi * $0 * 1e-6)) })
    Self.expectClose(try Self.z("L0", [1e-6]), f.map { Complex(0, 2 * .pi * $0 * 1e-6) })
  }

  /// CPE with α = 1 is a capacitor; with α = 0 a resistor of 1/Q.
  @Test func constantPhaseLimits() throws {
    Self.expectClose(try Self.z("CPE1", [2e-7, 1]), try Self.z("C1", [2e-7]))
    Self.expectClose(try Self.z("CPE1", [0.01, 0]), try Self.z("R1", [100]))
    // Phase is −α·90° at every frequency.
    for z in try Self.z("CPE1", [1e-6, 0.8]) {
      #expect(abs(atan2(z.imaginary, z.real) + 0.8 * .pi / 2) < 1e-12)
    }
  }

  /// Semi-infinite Warburg: Re Z = −Im Z = A_W/√ω.
  @Test func warburg() throws {
    for (f, z) in zip(Self.frequencies, try Self.z("W1", [50])) {
      let expected = 50 / (2 * .pi * f).squareRoot()
      #expect(abs(z.real - expected) < 1e-12 * expected)
      #expect(abs(z.imaginary + expected) < 1e-12 * expected)
    }
  }

  /// Finite Warburgs: Wo → Z₀/3 + Z₀/(jωτ) and Ws → Z₀ at low frequency;
  /// both → Z₀/√(jωτ) at high frequency.
  @Test func finiteWarburgLimits() throws {
    let low = [1e-7]
    let open = try Self.z("Wo1", [10, 2], low)[0]
    let omega = 2 * Double.pi * 1e-7
    #expect(abs(open.real - 10.0 / 3) < 1e-6)
    #expect(abs(open.imaginary + 10 / (omega * 2)) < 1e-6 * 10 / (omega * 2))
    #expect(abs(try Self.z("Ws1", [10, 2], low)[0].real - 10) < 1e-6)
    let high = [1e6]
    let w = 2 * Double.pi * 1e6
    let semi = Complex<Double>(10, 0) / Complex.sqrt(Complex(0, w * 2))
    Self.expectClose(try Self.z("Wo1", [10, 2], high), [semi], relative: 1e-10)
    Self.expectClose(try Self.z("Ws1", [10, 2], high), [semi], relative: 1e-10)
  }

  /// Across eleven decades of ωτ, the finite Warburgs equal their textbook
  /// forms Z₀·coth(√(jωτ))/√(jωτ) and Z₀·tanh(√(jωτ))/√(jωτ) evaluated with
  /// the complex functions (the circuit code takes tanh and coth of the
  /// diagonal argument from real functions instead).
  @Test func finiteWarburgsEqualTheirComplexForms() throws {
    let frequencies = (0...70).map { pow(10, -6 + Double($0) * 0.2) }
    for tau in [2.0, 3e-5] {
      let open = try Self.z("Wo1", [10, tau], frequencies)
      let short = try Self.z("Ws1", [10, tau], frequencies)
      for (i, f) in frequencies.enumerated() {
        let s = Complex.sqrt(Complex<Double>(0, 2 * .pi * f * tau))
        let tanh = Complex.tanh(s)
        let expectedOpen = Complex<Double>(10, 0) / (tanh * s)
        let expectedShort = Complex<Double>(10, 0) * tanh / s
        Self.expectClose([open[i]], [expectedOpen], relative: 1e-13, "Wo at \(f) Hz, τ \(tau)")
        Self.expectClose([short[i]], [expectedShort], relative: 1e-13, "Ws at \(f) Hz, τ \(tau)")
      }
    }
  }

  /// La with α = 1 is an inductor; its phase is α·90° (Z = L·(jω)^α).
  @Test func modifiedInductor() throws {
    Self.expectClose(try Self.z("La1", [3e-7, 1]), try Self.z("L1", [3e-7]))
    let z = try Self.z("La1", [3e-7, 0.7], [1000])[0]
    #expect(abs(z.length - 3e-7 * pow(2 * .pi * 1000, 0.7)) < 1e-12 * z.length)
    #expect(abs(atan2(z.imaginary, z.real) - 0.7 * .pi / 2) < 1e-12)
  }

  /// Gerischer → R_G at low frequency; finite Gerischer → Gerischer as φ grows.
  @Test func gerischer() throws {
    #expect(abs(try Self.z("G1", [20, 1e-3], [1e-6])[0].real - 20) < 1e-6)
    Self.expectClose(
      try Self.z("Gs1", [20, 1e-3, 50]), try Self.z("G1", [20, 1e-3]), relative: 1e-12)
  }

  /// K, p(R,C), ZARC with γ = 1 and HN with α = β = 1 are the same RC element.
  @Test func rcForms() throws {
    let rc = try Self.z("p(R1,C1)", [100, 1e-5])
    Self.expectClose(try Self.z("K1", [100, 1e-3]), rc)
    Self.expectClose(try Self.z("Zarc1", [100, 1e-3, 1]), rc)
    Self.expectClose(try Self.z("HN1", [100, 1e-3, 1, 1]), rc)
    // HN with β = 1 is a ZARC.
    Self.expectClose(
      try Self.z("HN1", [100, 1e-3, 0.8, 1]), try Self.z("Zarc1", [100, 1e-3, 0.8]))
    // At ωτ = 1 a ZARC with γ = 1 is R/2·(1 − j).
    let apex = try Self.z("Zarc1", [100, 1e-3, 1], [1 / (2 * .pi * 1e-3)])[0]
    #expect(abs(apex.real - 50) < 1e-10 && abs(apex.imaginary + 50) < 1e-10)
  }

  @Test func seriesAndParallelCombine() throws {
    let f = Self.frequencies
    let expected = f.map { f -> Complex<Double> in
      let omega = 2 * Double.pi * f
      let arc = Complex<Double>(1, 0) / (Complex(1 / 200, 0) + Complex(0, omega * 1e-6))
      return Complex(50, 0) + arc + Complex(0, -1 / (omega * 1e-3))
    }
    Self.expectClose(try Self.z("R0-p(R1,C1)-C2", [50, 200, 1e-6, 1e-3]), expected)
    Self.expectClose(try Self.z("R0 - p(R1, C1) - C2", [50, 200, 1e-6, 1e-3]), expected)
  }

  @Test func parameterNamesFollowImpedancePy() throws {
    let c = try Circuit("R0-p(R1,CPE1)-Wo1")
    #expect(c.parameterNames == ["R0", "R1", "CPE1_0", "CPE1_1", "Wo1_0", "Wo1_1"])
    #expect(c.parameterUnits == ["Ohm", "Ohm", "Ohm^-1 s^a", "", "Ohm", "s"])
    #expect(try Circuit("R_0-p(R_1,C_1)").parameterNames == ["R_0", "R_1", "C_1"])
  }

  /// Every element's analytic derivative against central differences.
  @Test(arguments: [
    ("R1", [12.0]), ("C1", [3e-6]), ("L1", [2e-6]), ("CPE1", [4e-6, 0.83]), ("W1", [30.0]),
    ("Wo1", [25.0, 0.7]), ("Ws1", [25.0, 0.7]), ("La1", [2e-6, 0.8]), ("G1", [40.0, 2e-3]),
    ("Gs1", [40.0, 2e-3, 1.3]), ("K1", [80.0, 1e-4]), ("Zarc1", [80.0, 1e-4, 0.85]),
    ("HN1", [80.0, 1e-4, 0.85, 0.7]),
    ("R0-p(R1,CPE1)-p(R2-Wo1,C2)", [10, 100, 1e-6, 0.9, 50, 30, 2, 1e-4]),
  ])
  func analyticGradientMatchesFiniteDifferences(circuit: String, parameters: [Double]) throws {
    let c = try Circuit(circuit)
    for f in [0.05, 3.0, 800.0, 1e5] {
      let analytic = try c.jacobian(frequency: f, parameters: parameters)
      for k in parameters.indices {
        let h = 1e-6 * abs(parameters[k])
        var up = parameters
        var down = parameters
        up[k] += h
        down[k] -= h
        let zUp = try c.impedance(frequencies: [f], parameters: up)[0]
        let zDown = try c.impedance(frequencies: [f], parameters: down)[0]
        let numeric = (zUp - zDown) / Complex(2 * h, 0)
        // Truncation error ~1e-12 relative for this h; rounding error ~ε·|Z|/h.
        let z = try c.impedance(frequencies: [f], parameters: parameters)[0]
        let tolerance =
          1e-7 * max(numeric.length, analytic[k].length) + 10 * Double.ulpOfOne * z.length / h
        #expect(
          (numeric - analytic[k]).length <= tolerance,
          "\(circuit) ∂Z/∂\(c.parameterNames[k]) at \(f) Hz")
      }
    }
  }

  @Test(arguments: [
    ("R0-p(R1,C1", 11), ("R0--R1", 4), ("R0-Q1", 4), ("p(R1)", 1), ("R0-p(R1,C1)x", 12),
    ("R0-R0", 4), ("", 0),
  ])
  func syntaxErrorsGiveTheColumn(circuit: String, column: Int) {
    do {
      _ = try Circuit(circuit)
      Issue.record("\(circuit) should not parse")
    } catch let error as CircuitSyntaxError {
      switch error {
      case .unexpected(_, let c, _, _), .unknownElement(_, let c, _), .duplicateLabel(_, let c, _),
        .singleBranch(let c, _):
        #expect(c == column, "\(circuit): \(error)")
      case .empty: #expect(column == 0)
      case .wrongParameterCount: Issue.record("unexpected \(error)")
      }
    } catch {
      Issue.record("untyped error \(error)")
    }
  }
}
