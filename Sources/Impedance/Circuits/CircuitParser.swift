/// A mistake in a circuit string, with its column (from 1).
public enum CircuitSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The string was empty.
  case empty
  /// Something other than what the grammar allows at this column.
  case unexpected(String, column: Int, expected: String, circuit: String)
  /// An element type that the language does not know.
  case unknownElement(String, column: Int, circuit: String)
  /// The same label used twice.
  case duplicateLabel(String, column: Int, circuit: String)
  /// A parallel group with fewer than two branches.
  case singleBranch(column: Int, circuit: String)
  /// Parameters given for a circuit do not match its parameter count.
  case wrongParameterCount(circuit: String, expected: Int, got: Int)

  /// A message with the circuit and a caret under the mistake.
  public var description: String {
    func pointer(_ circuit: String, _ column: Int) -> String {
      "\n  \(circuit)\n  \(String(repeating: " ", count: max(0, column - 1)))^"
    }
    switch self {
    case .empty: return "empty circuit: expected elements such as R0-p(R1,C1)"
    case .unexpected(let found, let column, let expected, let circuit):
      return "circuit: unexpected \(found) at column \(column), expected \(expected)"
        + pointer(circuit, column)
    case .unknownElement(let name, let column, let circuit):
      let known = CircuitElement.allCases.map(\.rawValue).joined(separator: ", ")
      return "circuit: unknown element '\(name)' at column \(column) (known: \(known))"
        + pointer(circuit, column)
    case .duplicateLabel(let label, let column, let circuit):
      return
        "circuit: the label '\(label)' at column \(column) is used twice; number each element differently"
        + pointer(circuit, column)
    case .singleBranch(let column, let circuit):
      return "circuit: p(…) at column \(column) needs at least two branches separated by ','"
        + pointer(circuit, column)
    case .wrongParameterCount(let circuit, let expected, let got):
      return "circuit \(circuit) has \(expected) parameters, got \(got)"
    }
  }
}

/// Recursive-descent reader for impedance.py circuit strings.
struct CircuitParser {
  private let text: String
  private let chars: [Character]
  private var position = 0
  private var parameterCount = 0
  private var elements: [Circuit.ElementInstance] = []

  init(_ text: String) {
    self.text = text
    self.chars = Array(text)
  }

  mutating func parse() throws -> (Circuit.Node, [Circuit.ElementInstance]) {
    skipSpaces()
    guard position < chars.count else { throw CircuitSyntaxError.empty }
    let root = try parseSeries()
    skipSpaces()
    if position < chars.count { throw unexpected(expected: "'-' or the end of the circuit") }
    return (root, elements)
  }

  private mutating func skipSpaces() {
    while position < chars.count, chars[position] == " " { position += 1 }
  }

  private func unexpected(expected: String) -> CircuitSyntaxError {
    let found = position < chars.count ? "'\(chars[position])'" : "end of text"
    return .unexpected(found, column: position + 1, expected: expected, circuit: text)
  }

  private mutating func parseSeries() throws -> Circuit.Node {
    let start = parameterCount
    var children = [try parseTerm()]
    skipSpaces()
    while position < chars.count, chars[position] == "-" {
      position += 1
      skipSpaces()
      children.append(try parseTerm())
      skipSpaces()
    }
    if children.count == 1, let only = children.first { return only }
    return .series(children, parameterRange: start..<parameterCount)
  }

  private mutating func parseTerm() throws -> Circuit.Node {
    skipSpaces()
    let column = position + 1
    guard position < chars.count, chars[position].isLetter else {
      throw unexpected(expected: "an element (R0, C1, CPE1, …) or p(…)")
    }
    var identifier = ""
    while position < chars.count,
      chars[position].isLetter || chars[position].isNumber || chars[position] == "_"
    {
      identifier.append(chars[position])
      position += 1
    }
    skipSpaces()
    if identifier == "p", position < chars.count, chars[position] == "(" {
      position += 1
      let start = parameterCount
      var branches = [try parseSeries()]
      skipSpaces()
      while position < chars.count, chars[position] == "," {
        position += 1
        branches.append(try parseSeries())
        skipSpaces()
      }
      guard position < chars.count, chars[position] == ")" else {
        throw unexpected(expected: "',' or ')'")
      }
      position += 1
      guard branches.count >= 2 else {
        throw CircuitSyntaxError.singleBranch(column: column, circuit: text)
      }
      return .parallel(branches, parameterRange: start..<parameterCount)
    }
    // The type is the leading letters (impedance.py drops digits and
    // underscores); the label may go on with a digit or an underscore.
    let prefix = String(identifier.prefix { $0.isLetter })
    let rest = identifier.dropFirst(prefix.count)
    guard let element = CircuitElement(prefix: prefix),
      rest.isEmpty || rest.first?.isNumber == true || rest.first == "_"
    else {
      throw CircuitSyntaxError.unknownElement(identifier, column: column, circuit: text)
    }
    if elements.contains(where: { $0.label == identifier }) {
      throw CircuitSyntaxError.duplicateLabel(identifier, column: column, circuit: text)
    }
    let range = parameterCount..<(parameterCount + element.parameters.count)
    parameterCount = range.upperBound
    elements.append(
      Circuit.ElementInstance(element: element, label: identifier, parameterRange: range))
    return .element(element, label: identifier, parameterRange: range)
  }
}
