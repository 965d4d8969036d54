import ComplexModule
import Foundation
import RealModule

/// Angular frequencies of a spectrum with their logarithms, computed once per fit.
struct FrequencyGrid: Sendable {
  let omega: [Double]
  let logOmega: [Double]
  var count: Int { omega.count }

  init(frequencies: [Double]) {
    omega = frequencies.map { 2 * Double.pi * $0 }
    logOmega = omega.map { Double.log($0) }
  }
}

/// 1/z without the overflow guards of the general division: impedances in
/// a circuit are far from the range where |z|² overflows.
@inline(__always) func reciprocal(_ z: Complex<Double>) -> Complex<Double> {
  let inverse = 1 / (z.real * z.real + z.imaginary * z.imaginary)
  return Complex(z.real * inverse, -z.imaginary * inverse)
}

/// tanh(s) and coth(s) for s = a·(1 + j), a ≥ 0, from E = e^(−2a):
/// tanh s = [(1 − E²) + 2jE·sin 2a] / [(1 + E²) + 2E·cos 2a] and
/// coth s = [(1 − E²) − 2jE·sin 2a] / [(1 + E²) − 2E·cos 2a], with
/// 1 − E² = −m(2 + m), m = e^(−2a) − 1 (expm1), and the coth denominator
/// written (1 − E)² + 2E(1 − cos 2a) so that neither loses digits as a → 0.
/// One expm1, one sin and one cos, where the complex functions need several
/// more; E underflows harmlessly for large a, where both tend to 1.
@inline(__always) func diagonalTanhAndCoth(_ a: Double) -> (Complex<Double>, Complex<Double>) {
  let m = Double.expMinusOne(-2 * a)
  let e = 1 + m
  let oneMinusE2 = -m * (2 + m)
  let onePlusE2 = 1 + e * e
  let sine = Double.sin(2 * a)
  let cosine = Double.cos(2 * a)
  // 1 − cos 2a without cancellation near cos 2a = 1.
  let oneMinusCos = cosine > 0 ? sine * sine / (1 + cosine) : 1 - cosine
  let tanhDenominator = onePlusE2 + 2 * e * cosine
  let cothDenominator = m * m + 2 * e * oneMinusCos
  let imaginary = 2 * e * sine
  return (
    Complex(oneMinusE2 / tanhDenominator, imaginary / tanhDenominator),
    Complex(oneMinusE2 / cothDenominator, -imaginary / cothDenominator)
  )
}

extension CircuitElement {
  /// Z at every frequency of `grid` into `z`, and ∂Z/∂pₖ into
  /// `gradient[(offset + k)·n + i]` when `gradient` is given. Constants of
  /// the parameter set (phase factors) are computed once, not per point.
  func evaluate(
    grid: FrequencyGrid, _ p: UnsafeBufferPointer<Double>,
    z: UnsafeMutableBufferPointer<Complex<Double>>,
    gradient: UnsafeMutableBufferPointer<Complex<Double>>?, offset: Int
  ) {
    let n = grid.count
    let halfPi = Double.pi / 2
    @inline(__always) func g(_ k: Int, _ i: Int) -> Int { (offset + k) * n + i }

    switch self {
    case .resistor:
      for i in 0..<n { z[i] = Complex(p[0], 0) }
      if let gradient { for i in 0..<n { gradient[g(0, i)] = Complex(1, 0) } }
    case .capacitor:
      let inverseC = 1 / p[0]
      for i in 0..<n {
        let reactance = inverseC / grid.omega[i]
        z[i] = Complex(0, -reactance)
        gradient?[g(0, i)] = Complex(0, reactance * inverseC)
      }
    case .inductor:
      for i in 0..<n {
        z[i] = Complex(0, grid.omega[i] * p[0])
        gradient?[g(0, i)] = Complex(0, grid.omega[i])
      }
    case .constantPhase:
      // Z = Q⁻¹·ω^(−α)·e^(−jαπ/2).
      let inverseQ = 1 / p[0]
      let alpha = p[1]
      let (c, s) = (Double.cos(alpha * halfPi), -Double.sin(alpha * halfPi))
      for i in 0..<n {
        let magnitude = Double.exp(-alpha * grid.logOmega[i]) * inverseQ
        let value = Complex(c * magnitude, s * magnitude)
        z[i] = value
        if let gradient {
          gradient[g(0, i)] = Complex(-value.real * inverseQ, -value.imaginary * inverseQ)
          gradient[g(1, i)] = -value * Complex(grid.logOmega[i], halfPi)
        }
      }
    case .warburg:
      for i in 0..<n {
        let unit = Complex<Double>(1, -1) * Complex(1 / grid.omega[i].squareRoot(), 0)
        z[i] = unit * Complex(p[0], 0)
        gradient?[g(0, i)] = unit
      }
    case .warburgOpen, .warburgShort:
      // s = √(jωτ) = a·(1 + j) with a = √(ωτ/2): tanh and coth of s from
      // real functions of a (see `diagonalTanhAndCoth`).
      let isOpen = self == .warburgOpen
      let r = p[0]
      let halfTau = 0.5 * p[1]
      let inverseTwoTau = 1 / (2 * p[1])
      for i in 0..<n {
        let a = (grid.omega[i] * halfTau).squareRoot()
        let s = Complex(a, a)
        let inverseS = Complex(0.5 / a, -0.5 / a)
        let (t, coth) = diagonalTanhAndCoth(a)
        let shape: Complex<Double>
        let dShape: Complex<Double>
        if isOpen {
          shape = coth * inverseS
          dShape = -(coth * coth - Complex(1, 0)) * inverseS - coth * inverseS * inverseS
        } else {
          shape = t * inverseS
          dShape = (Complex(1, 0) - t * t) * inverseS - t * inverseS * inverseS
        }
        z[i] = Complex(shape.real * r, shape.imaginary * r)
        if let gradient {
          gradient[g(0, i)] = shape
          gradient[g(1, i)] = Complex(r * inverseTwoTau, 0) * dShape * s
        }
      }
    case .modifiedInductor:
      let phase = Complex<Double>(Double.cos(p[1] * halfPi), Double.sin(p[1] * halfPi))
      for i in 0..<n {
        let power = phase * Complex(Double.exp(p[1] * grid.logOmega[i]), 0)
        let value = power * Complex(p[0], 0)
        z[i] = value
        if let gradient {
          gradient[g(0, i)] = power
          gradient[g(1, i)] = value * Complex(grid.logOmega[i], halfPi)
        }
      }
    case .gerischer:
      for i in 0..<n {
        let u = Complex<Double>(1, grid.omega[i] * p[1])
        let value = Complex(p[0], 0) * reciprocal(Complex.sqrt(u))
        z[i] = value
        if let gradient {
          gradient[g(0, i)] = value * Complex(1 / p[0], 0)
          gradient[g(1, i)] = -value * Complex(0, grid.omega[i]) * reciprocal(Complex(2, 0) * u)
        }
      }
    case .finiteGerischer:
      for i in 0..<n {
        let u = Complex<Double>(1, grid.omega[i] * p[1])
        let v = Complex.sqrt(u)
        let t = Complex.tanh(v * Complex(p[2], 0))
        let inverseD = reciprocal(v * t)
        let value = Complex(p[0], 0) * inverseD
        z[i] = value
        if let gradient {
          let sech2 = Complex(1, 0) - t * t
          gradient[g(0, i)] = value * Complex(1 / p[0], 0)
          let dDdv = t + v * Complex(p[2], 0) * sech2
          gradient[g(1, i)] =
            -value * inverseD * dDdv * Complex(0, grid.omega[i]) * reciprocal(Complex(2, 0) * v)
          gradient[g(2, i)] = -value * inverseD * v * v * sech2
        }
      }
    case .timeConstantRC:
      for i in 0..<n {
        let inverse = reciprocal(Complex<Double>(1, grid.omega[i] * p[1]))
        let value = Complex(p[0], 0) * inverse
        z[i] = value
        if let gradient {
          gradient[g(0, i)] = inverse
          gradient[g(1, i)] = -value * Complex(0, grid.omega[i]) * inverse
        }
      }
    case .zarc:
      let phase = Complex<Double>(Double.cos(p[2] * halfPi), Double.sin(p[2] * halfPi))
      let logTau = Double.log(p[1])
      for i in 0..<n {
        let logWT = grid.logOmega[i] + logTau
        let x = phase * Complex(Double.exp(p[2] * logWT), 0)
        let inverse = reciprocal(Complex(1, 0) + x)
        let value = Complex(p[0], 0) * inverse
        z[i] = value
        if let gradient {
          let common = -value * inverse * x
          gradient[g(0, i)] = inverse
          gradient[g(1, i)] = common * Complex(p[2] / p[1], 0)
          gradient[g(2, i)] = common * Complex(logWT, halfPi)
        }
      }
    case .havriliakNegami:
      let phase = Complex<Double>(Double.cos(p[2] * halfPi), Double.sin(p[2] * halfPi))
      let logTau = Double.log(p[1])
      for i in 0..<n {
        let logWT = grid.logOmega[i] + logTau
        let x = phase * Complex(Double.exp(p[2] * logWT), 0)
        let onePlusX = Complex(1, 0) + x
        let logOnePlusX = Complex.log(onePlusX)
        let value = Complex(p[0], 0) * Complex.exp(logOnePlusX * Complex(-p[3], 0))
        z[i] = value
        if let gradient {
          let common = -value * Complex(p[3], 0) * reciprocal(onePlusX) * x
          gradient[g(0, i)] = value * Complex(1 / p[0], 0)
          gradient[g(1, i)] = common * Complex(p[2] / p[1], 0)
          gradient[g(2, i)] = common * Complex(logWT, halfPi)
          gradient[g(3, i)] = -value * logOnePlusX
        }
      }
    }
  }
}
