import Foundation

/// Why a number with uncertainty could not be read; columns count characters from 1.
public enum MeasuredParseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Empty text.
  case empty
  /// A character that cannot stand at this place in a number.
  case unexpectedCharacter(Character, column: Int, expected: String)
  /// The text ended inside the number (`9.43(`).
  case unexpectedEnd(expected: String)

  /// A sentence a user can act on.
  public var description: String {
    switch self {
    case .empty: return "empty number: expected a value such as 9.4363(3)"
    case .unexpectedCharacter(let c, let column, let expected):
      return "unexpected '\(c)' at column \(column): expected \(expected)"
    case .unexpectedEnd(let expected): return "the number ends too early: expected \(expected)"
    }
  }
}

extension Measured {
  /// Reads crystallographic notation, `9.4363(3)`, `-0.0123(15)`,
  /// `1.05(3)e-5`, `12(2)`; a plain number (`1.05e-5`, exact); or
  /// `value ± u` (also `+/-`). The digits in parentheses are the
  /// uncertainty in units of the last written decimal of the value
  /// (before any exponent, which then scales both).
  public init(parsing text: String) throws {
    let scalars = Array(text.unicodeScalars)
    var i = 0
    func skipSpace() { while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 } }
    skipSpace()
    guard i < scalars.count else { throw MeasuredParseError.empty }

    func fail(_ expected: String) -> MeasuredParseError {
      i < scalars.count
        ? .unexpectedCharacter(Character(scalars[i]), column: i + 1, expected: expected)
        : .unexpectedEnd(expected: expected)
    }
    func isDigit(_ k: Int) -> Bool {
      k < scalars.count && scalars[k].value >= 48 && scalars[k].value <= 57
    }
    /// Reads an optional sign (as "+" or "-").
    func readSign() -> String {
      guard i < scalars.count, scalars[i] == "-" || scalars[i] == "+" || scalars[i] == "−" else {
        return ""
      }
      defer { i += 1 }
      return scalars[i] == "+" ? "+" : "-"
    }
    /// Reads a run of ASCII digits.
    func readDigits() -> String {
      var digits = ""
      while isDigit(i) {
        digits.unicodeScalars.append(scalars[i])
        i += 1
      }
      return digits
    }

    // Mantissa: [sign] digits [. digits]
    let sign = readSign()
    let integerDigits = readDigits()
    var fractionDigits = ""
    if i < scalars.count, scalars[i] == "." {
      i += 1
      fractionDigits = readDigits()
    }
    guard !(integerDigits + fractionDigits).isEmpty else { throw fail("a digit") }
    let mantissa = sign + (integerDigits.isEmpty ? "0" : integerDigits) + "." + fractionDigits
    let decimals = fractionDigits.count

    // Uncertainty digits in parentheses.
    var uncertaintyDigits: String?
    if i < scalars.count, scalars[i] == "(" {
      i += 1
      let digits = readDigits()
      guard !digits.isEmpty else { throw fail("the uncertainty digits, as in 9.4363(3)") }
      guard i < scalars.count, scalars[i] == ")" else { throw fail("')'") }
      i += 1
      uncertaintyDigits = digits
    }

    // Exponent.
    var exponent = 0
    if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
      i += 1
      let expSign = readSign()
      let expDigits = readDigits()
      guard !expDigits.isEmpty, let e = Int(expSign + expDigits), abs(e) < 400 else {
        throw fail("exponent digits")
      }
      exponent = e
    }

    // Let the standard library round the decimal text once, so that
    // "1.05e-5" is the double nearest to 1.05e-5 and prints back the same.
    guard let value = Double(mantissa + "e\(exponent)") else { throw fail("a number") }
    var u = 0.0
    if let uncertaintyDigits {
      u = Double("\(uncertaintyDigits)e\(exponent - decimals)") ?? .nan
    }

    // Optional "± u" or "+/- u".
    skipSpace()
    if i < scalars.count, uncertaintyDigits == nil {
      var isPlusMinus = false
      if scalars[i] == "±" {
        i += 1
        isPlusMinus = true
      } else if i + 2 < scalars.count, scalars[i] == "+", scalars[i + 1] == "/",
        scalars[i + 2] == "-"
      {
        i += 3
        isPlusMinus = true
      }
      if isPlusMinus {
        let rest = String(String.UnicodeScalarView(scalars[i...]))
        let offset = i
        do {
          let uncertainty = try Measured(parsing: rest)
          guard uncertainty.standardUncertainty == 0 else {
            throw MeasuredParseError.unexpectedCharacter(
              "(", column: offset + 1, expected: "a plain uncertainty")
          }
          u = abs(uncertainty.value)
          i = scalars.count
        } catch MeasuredParseError.unexpectedCharacter(let c, let column, let expected) {
          throw MeasuredParseError.unexpectedCharacter(
            c, column: column + offset, expected: expected)
        }
      }
    }
    skipSpace()
    guard i == scalars.count else { throw fail("the end of the number") }
    guard value.isFinite, u.isFinite else { throw fail("a finite number") }
    self.init(value, standardUncertainty: u)
  }
}
