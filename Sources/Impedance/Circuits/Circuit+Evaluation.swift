import ComplexModule
import RealModule

extension Circuit.Node {
  /// Rows of scratch (n points each) that evaluating this subtree needs:
  /// a series group one row for the branch being added, a parallel group
  /// one row per branch for the branch admittances, and each group the most
  /// that any of its children needs, since children run one after another.
  var scratchRows: Int {
    switch self {
    case .element: return 0
    case .series(let children, _): return 1 + children.reduce(0) { max($0, $1.scratchRows) }
    case .parallel(let children, _):
      return children.count + children.reduce(0) { max($0, $1.scratchRows) }
    }
  }
}

extension Circuit {
  /// Impedance in Ω at each frequency (Hz) for `parameters`; throws when the
  /// number of parameters is wrong.
  public func impedance(frequencies: [Double], parameters: [Double]) throws -> [Complex<Double>] {
    guard parameters.count == parameterCount else {
      throw CircuitSyntaxError.wrongParameterCount(
        circuit: text, expected: parameterCount, got: parameters.count)
    }
    let grid = FrequencyGrid(frequencies: frequencies)
    var z = Array(repeating: Complex<Double>.zero, count: frequencies.count)
    var scratch = Array(repeating: Complex<Double>.zero, count: scratchRows * grid.count)
    parameters.withUnsafeBufferPointer { p in
      z.withUnsafeMutableBufferPointer { zBuffer in
        scratch.withUnsafeMutableBufferPointer { s in
          evaluate(grid: grid, parameters: p, z: zBuffer, gradient: nil, scratch: s)
        }
      }
    }
    return z
  }

  /// ∂Z/∂pₖ at one frequency (Hz), for every parameter.
  public func jacobian(frequency: Double, parameters: [Double]) throws -> [Complex<Double>] {
    guard parameters.count == parameterCount else {
      throw CircuitSyntaxError.wrongParameterCount(
        circuit: text, expected: parameterCount, got: parameters.count)
    }
    var z = [Complex<Double>.zero]
    var gradient = Array(repeating: Complex<Double>.zero, count: parameterCount)
    var scratch = Array(repeating: Complex<Double>.zero, count: scratchRows)
    parameters.withUnsafeBufferPointer { p in
      z.withUnsafeMutableBufferPointer { zBuffer in
        gradient.withUnsafeMutableBufferPointer { g in
          scratch.withUnsafeMutableBufferPointer { s in
            evaluate(
              grid: FrequencyGrid(frequencies: [frequency]), parameters: p, z: zBuffer,
              gradient: g, scratch: s)
          }
        }
      }
    }
    return gradient
  }

  /// Z on `grid` into `z` and, with `gradient`, ∂Z/∂pₖ at point i into
  /// `gradient[k·n + i]` (n points; every entry is written). `scratch` holds
  /// at least ``scratchRows``·n values; nothing is allocated, so a fitter can
  /// call this in its inner loop with buffers of its own.
  func evaluate(
    grid: FrequencyGrid, parameters p: UnsafeBufferPointer<Double>,
    z: UnsafeMutableBufferPointer<Complex<Double>>,
    gradient: UnsafeMutableBufferPointer<Complex<Double>>?,
    scratch: UnsafeMutableBufferPointer<Complex<Double>>
  ) {
    precondition(scratch.count >= scratchRows * grid.count, "scratch too small for the circuit")
    guard grid.count > 0, let base = z.baseAddress else { return }
    // A lone element needs no scratch (and an empty buffer may have no address).
    evaluate(root, grid: grid, p, z: base, gradient: gradient, scratch: scratch.baseAddress ?? base)
  }

  private func evaluate(
    _ node: Node, grid: FrequencyGrid, _ p: UnsafeBufferPointer<Double>,
    z: UnsafeMutablePointer<Complex<Double>>,
    gradient: UnsafeMutableBufferPointer<Complex<Double>>?,
    scratch: UnsafeMutablePointer<Complex<Double>>
  ) {
    let n = grid.count
    switch node {
    case .element(let element, _, let range):
      element.evaluate(
        grid: grid, UnsafeBufferPointer(rebasing: p[range]),
        z: UnsafeMutableBufferPointer(start: z, count: n), gradient: gradient,
        offset: range.lowerBound)
    case .series(let children, _):
      // The first branch straight into z, the others through one scratch row.
      // ∂Z/∂p of a series group is that of the branch holding p: nothing to scale.
      let part = scratch
      let rest = scratch + n
      for (c, child) in children.enumerated() {
        if c == 0 {
          evaluate(child, grid: grid, p, z: z, gradient: gradient, scratch: rest)
        } else {
          evaluate(child, grid: grid, p, z: part, gradient: gradient, scratch: rest)
          for i in 0..<n { z[i] = z[i] + part[i] }
        }
      }
    case .parallel(let children, _):
      // Y = Σ 1/Zᵢ, Z = 1/Y and ∂Z/∂p = (Z/Zᵢ)²·∂Zᵢ/∂p = (Z·Yᵢ)²·∂Zᵢ/∂p for the
      // parameters of branch i: each branch's admittance is kept in its own
      // row until Z is known, then turned into that factor.
      let rest = scratch + children.count * n
      for i in 0..<n { z[i] = .zero }
      for (c, child) in children.enumerated() {
        let y = scratch + c * n
        evaluate(child, grid: grid, p, z: y, gradient: gradient, scratch: rest)
        for i in 0..<n {
          y[i] = reciprocal(y[i])
          z[i] = z[i] + y[i]
        }
      }
      for i in 0..<n { z[i] = reciprocal(z[i]) }
      guard let gradient else { return }
      for (c, child) in children.enumerated() {
        let factor = scratch + c * n
        for i in 0..<n {
          let ratio = z[i] * factor[i]
          factor[i] = ratio * ratio
        }
        for k in child.parameterRange {
          let row = gradient.baseAddress.map { $0 + k * n }
          guard let row else { continue }
          for i in 0..<n { row[i] = factor[i] * row[i] }
        }
      }
    }
  }
}
