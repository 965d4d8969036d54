import ComplexModule
import RealModule

/// An equivalent circuit written in impedance.py's syntax:
/// `R0-p(R1,CPE1)-Wo1`. `-` joins elements in series, `p(a,b,…)` in
/// parallel; groups nest. An element is a type prefix (R, C, L, CPE, W, Wo,
/// Ws, La, G, Gs, K, Zarc, HN) followed by a label of digits, letters or
/// underscores (`R0`, `R_bulk`, `CPE1`). Parameters are named like
/// impedance.py: the element's label for one-parameter elements (`R0`),
/// `label_k` otherwise (`CPE1_0` = Q, `CPE1_1` = α).
public struct Circuit: Sendable, CustomStringConvertible {
  /// A node of the circuit tree.
  public indirect enum Node: Sendable {
    /// One element; its parameters occupy `parameterRange` of the parameter vector.
    case element(CircuitElement, label: String, parameterRange: Range<Int>)
    /// Children in series.
    case series([Node], parameterRange: Range<Int>)
    /// Children in parallel.
    case parallel([Node], parameterRange: Range<Int>)

    /// The parameters of this subtree.
    public var parameterRange: Range<Int> {
      switch self {
      case .element(_, _, let r), .series(_, let r), .parallel(_, let r): return r
      }
    }
  }

  /// One element as it appears in the circuit.
  public struct ElementInstance: Sendable {
    /// The element type.
    public let element: CircuitElement
    /// Its label as written ("R0", "CPE1").
    public let label: String
    /// Its parameters in the parameter vector.
    public let parameterRange: Range<Int>
  }

  /// The circuit text as written.
  public let text: String
  /// The circuit tree.
  public let root: Node
  /// Elements in order of appearance.
  public let elements: [ElementInstance]

  /// Reads a circuit string; throws ``CircuitSyntaxError`` with the column of a mistake.
  public init(_ text: String) throws {
    var parser = CircuitParser(text)
    let (root, elements) = try parser.parse()
    self.text = text
    self.root = root
    self.elements = elements
  }

  /// The circuit string.
  public var description: String { text }

  /// Number of parameters.
  public var parameterCount: Int { root.parameterRange.upperBound }

  /// Parameter names in impedance.py's convention, in vector order.
  public var parameterNames: [String] {
    elements.flatMap { e in
      e.element.parameters.count == 1
        ? [e.label] : (0..<e.element.parameters.count).map { "\(e.label)_\($0)" }
    }
  }

  /// Parameter units, in vector order.
  public var parameterUnits: [String] { elements.flatMap { $0.element.parameters.map(\.unit) } }

  /// Parameter kinds (positive scale, exponent, free), in vector order.
  public var parameterKinds: [CircuitElement.ParameterKind] {
    elements.flatMap { $0.element.parameters.map(\.kind) }
  }

  /// Impedance in Ω at each frequency (Hz) for `parameters`; throws when the
  /// number of parameters is wrong.
  public func impedance(frequencies: [Double], parameters: [Double]) throws -> [Complex<Double>] {
    guard parameters.count == parameterCount else {
      throw CircuitSyntaxError.wrongParameterCount(
        circuit: text, expected: parameterCount, got: parameters.count)
    }
    var z = Array(repeating: Complex<Double>.zero, count: frequencies.count)
    evaluate(
      grid: FrequencyGrid(frequencies: frequencies), parameters: parameters, z: &z, gradient: nil)
    return z
  }

  /// Z on `grid` into `z`; with `gradient`, ∂Z/∂pₖ at point i into
  /// `gradient[k·n + i]` (n points, length ``parameterCount``·n).
  func evaluate(
    grid: FrequencyGrid, parameters: [Double], z: inout [Complex<Double>],
    gradient: UnsafeMutablePointer<[Complex<Double>]>?
  ) {
    parameters.withUnsafeBufferPointer { p in
      z.withUnsafeMutableBufferPointer { zBuffer in
        if let gradient {
          gradient.pointee.withUnsafeMutableBufferPointer { gBuffer in
            evaluate(root, grid: grid, p, z: zBuffer, gradient: gBuffer)
          }
        } else {
          evaluate(root, grid: grid, p, z: zBuffer, gradient: nil)
        }
      }
    }
  }

  /// The same on raw buffers (the fitter's workspace): no copies, no checks
  /// of exclusive access.
  func evaluate(
    grid: FrequencyGrid, parameters p: UnsafeBufferPointer<Double>,
    z: UnsafeMutableBufferPointer<Complex<Double>>,
    gradient: UnsafeMutableBufferPointer<Complex<Double>>?
  ) {
    evaluate(root, grid: grid, p, z: z, gradient: gradient)
  }

  private func evaluate(
    _ node: Node, grid: FrequencyGrid, _ p: UnsafeBufferPointer<Double>,
    z: UnsafeMutableBufferPointer<Complex<Double>>,
    gradient: UnsafeMutableBufferPointer<Complex<Double>>?
  ) {
    let n = grid.count
    switch node {
    case .element(let element, _, let range):
      element.evaluate(
        grid: grid, UnsafeBufferPointer(rebasing: p[range]), z: z, gradient: gradient,
        offset: range.lowerBound)
    case .series(let children, _):
      var part = [Complex<Double>](repeating: .zero, count: n)
      for i in 0..<n { z[i] = .zero }
      part.withUnsafeMutableBufferPointer { partBuffer in
        for child in children {
          evaluate(child, grid: grid, p, z: partBuffer, gradient: gradient)
          for i in 0..<n { z[i] = z[i] + partBuffer[i] }
        }
      }
    case .parallel(let children, let range):
      // Y = Σ 1/Zᵢ and Z = 1/Y, so ∂Z/∂p = (Z/Zᵢ)²·∂Zᵢ/∂p: scale each branch
      // by 1/Zᵢ² and the whole group by Z².
      var part = [Complex<Double>](repeating: .zero, count: n)
      for i in 0..<n { z[i] = .zero }  // accumulates the admittance
      part.withUnsafeMutableBufferPointer { partBuffer in
        for child in children {
          evaluate(child, grid: grid, p, z: partBuffer, gradient: gradient)
          for i in 0..<n {
            let y = reciprocal(partBuffer[i])
            z[i] = z[i] + y
            if let gradient {
              let factor = y * y
              for k in child.parameterRange { gradient[k * n + i] = factor * gradient[k * n + i] }
            }
          }
        }
      }
      for i in 0..<n {
        let value = reciprocal(z[i])
        z[i] = value
        if let gradient {
          let factor = value * value
          for k in range { gradient[k * n + i] = factor * gradient[k * n + i] }
        }
      }
    }
  }
}

extension Circuit {
  /// ∂Z/∂pₖ at one frequency (Hz), for every parameter.
  public func jacobian(frequency: Double, parameters: [Double]) throws -> [Complex<Double>] {
    guard parameters.count == parameterCount else {
      throw CircuitSyntaxError.wrongParameterCount(
        circuit: text, expected: parameterCount, got: parameters.count)
    }
    var z = [Complex<Double>.zero]
    var gradient = Array(repeating: Complex<Double>.zero, count: parameterCount)
    evaluate(
      grid: FrequencyGrid(frequencies: [frequency]), parameters: parameters, z: &z,
      gradient: &gradient)
    return gradient
  }
}
