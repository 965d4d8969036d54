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
  /// Rows of n points of scratch that one evaluation of the tree needs.
  let scratchRows: Int

  /// Reads a circuit string; throws ``CircuitSyntaxError`` with the column of a mistake.
  public init(_ text: String) throws {
    var parser = CircuitParser(text)
    let (root, elements) = try parser.parse()
    self.text = text
    self.root = root
    self.elements = elements
    self.scratchRows = root.scratchRows
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
}
