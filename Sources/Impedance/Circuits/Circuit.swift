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
    var gradient = Array(repeating: Complex<Double>.zero, count: parameterCount)
    return parameters.withUnsafeBufferPointer { p in
      frequencies.map { evaluate(root, omega: 2 * Double.pi * $0, p, gradient: &gradient) }
    }
  }

  /// Z at angular frequency `omega` with ∂Z/∂pₖ in `gradient` (length ``parameterCount``).
  func impedance(omega: Double, _ p: UnsafeBufferPointer<Double>, gradient: inout [Complex<Double>])
    -> Complex<Double>
  {
    evaluate(root, omega: omega, p, gradient: &gradient)
  }

  private func evaluate(
    _ node: Node, omega: Double, _ p: UnsafeBufferPointer<Double>, gradient: inout [Complex<Double>]
  ) -> Complex<Double> {
    switch node {
    case .element(let element, _, let range):
      let slice = UnsafeBufferPointer(rebasing: p[range])
      return element.impedance(omega: omega, slice, offset: range.lowerBound, gradient: &gradient)
    case .series(let children, _):
      var z = Complex<Double>.zero
      for child in children { z = z + evaluate(child, omega: omega, p, gradient: &gradient) }
      return z
    case .parallel(let children, _):
      var branch: [Complex<Double>] = []
      branch.reserveCapacity(children.count)
      var admittance = Complex<Double>.zero
      for child in children {
        let zi = evaluate(child, omega: omega, p, gradient: &gradient)
        branch.append(zi)
        admittance = admittance + Complex(1, 0) / zi
      }
      let z = Complex(1, 0) / admittance
      // ∂Z/∂p = (Z/Zᵢ)²·∂Zᵢ/∂p for the parameters of branch i.
      for (child, zi) in zip(children, branch) {
        let ratio = z / zi
        let factor = ratio * ratio
        for k in child.parameterRange { gradient[k] = factor * gradient[k] }
      }
      return z
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
    var gradient = Array(repeating: Complex<Double>.zero, count: parameterCount)
    _ = parameters.withUnsafeBufferPointer { p in
      impedance(omega: 2 * Double.pi * frequency, p, gradient: &gradient)
    }
    return gradient
  }
}
