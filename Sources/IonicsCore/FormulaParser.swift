/// Recursive-descent reader for ``Formula``; see the grammar in its docs.
struct FormulaParser {
  private struct Symbol {
    let scalar: Unicode.Scalar
    let column: Int
    let spaceBefore: Bool
  }

  private let text: String
  private let symbols: [Symbol]
  private var position = 0

  init(_ text: String) {
    self.text = text
    var symbols: [Symbol] = []
    var space = false
    for (i, scalar) in text.unicodeScalars.enumerated() {
      if scalar.properties.isWhitespace {
        space = true
        continue
      }
      symbols.append(Symbol(scalar: scalar, column: i + 1, spaceBefore: space))
      space = false
    }
    self.symbols = symbols
  }

  // MARK: Character classes

  private static let separators: Set<Unicode.Scalar> = ["·", "•", "∙", "⋅", "*", "."]
  private static let plusSigns: Set<Unicode.Scalar> = ["+", "⁺"]
  private static let minusSigns: Set<Unicode.Scalar> = ["-", "−", "⁻", "–"]
  private static let openers: [Unicode.Scalar: Unicode.Scalar] = ["(": ")", "[": "]", "{": "}"]
  private static let closers: Set<Unicode.Scalar> = [")", "]", "}"]
  private static let superscriptDigits: [Unicode.Scalar: Int] = [
    "⁰": 0, "¹": 1, "²": 2, "³": 3, "⁴": 4, "⁵": 5, "⁶": 6, "⁷": 7, "⁸": 8, "⁹": 9,
  ]
  private static let subscriptDigits: [Unicode.Scalar: Character] = [
    "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8",
    "₉": "9",
  ]

  private func scalar(at i: Int) -> Unicode.Scalar? {
    i < symbols.count ? symbols[i].scalar : nil
  }

  private var current: Unicode.Scalar? { scalar(at: position) }

  private var column: Int {
    position < symbols.count ? symbols[position].column : text.unicodeScalars.count + 1
  }

  private static func isDigit(_ s: Unicode.Scalar?) -> Bool {
    guard let s else { return false }
    return s.value >= 48 && s.value <= 57
  }

  private static func isSign(_ s: Unicode.Scalar?) -> Bool {
    guard let s else { return false }
    return plusSigns.contains(s) || minusSigns.contains(s)
  }

  private static func isUpper(_ s: Unicode.Scalar) -> Bool { s.value >= 65 && s.value <= 90 }
  private static func isLower(_ s: Unicode.Scalar) -> Bool { s.value >= 97 && s.value <= 122 }

  /// A '.' between two digits is a decimal point; elsewhere it separates parts.
  private func isSeparator(at i: Int) -> Bool {
    guard let s = scalar(at: i), Self.separators.contains(s) else { return false }
    if s == "." && i > 0 && Self.isDigit(scalar(at: i - 1)) && Self.isDigit(scalar(at: i + 1)) {
      return false
    }
    return true
  }

  private func isEndOfPart(at i: Int) -> Bool { i >= symbols.count || isSeparator(at: i) }

  // MARK: Grammar

  mutating func parse() throws -> [Formula.Part] {
    guard !symbols.isEmpty else { throw FormulaError.empty }
    var parts: [Formula.Part] = []
    while true {
      if isEndOfPart(at: position) { throw FormulaError.emptyPart(column: column) }
      parts.append(try parsePart())
      if position >= symbols.count { break }
      // At a separator: there must be something after it.
      let separatorColumn = column
      position += 1
      if isEndOfPart(at: position) { throw FormulaError.emptyPart(column: separatorColumn) }
    }
    return parts
  }

  private mutating func parsePart() throws -> Formula.Part {
    let start = position
    var multiplier = 1.0
    if Self.isDigit(current) {
      multiplier = try parseNumber()
    }
    let bodyStart = position
    let counts = try parseSequence(closing: nil, openedAt: nil)
    let bodyEnd = position
    let charge = try parseCharge()
    guard isEndOfPart(at: position) else {
      throw unexpected(expected: "an element symbol, a bracket, a charge or a separator")
    }
    if counts.entries.isEmpty {
      guard let s = scalar(at: bodyStart) else {
        throw FormulaError.emptyPart(column: symbols[start].column)
      }
      throw FormulaError.unexpectedCharacter(
        Character(s), column: symbols[bodyStart].column, expected: "an element symbol")
    }
    let partText = String(String.UnicodeScalarView(symbols[bodyStart..<bodyEnd].map(\.scalar)))
    return Formula.Part(
      text: partText, multiplier: multiplier, composition: counts.entries, charge: charge)
  }

  /// Reads elements and bracket groups until `closing`, a charge, or the end of the part.
  private mutating func parseSequence(closing: Unicode.Scalar?, openedAt: Symbol?) throws
    -> ElementCounts
  {
    var counts = ElementCounts()
    while true {
      guard let s = current, !isSeparator(at: position) else {
        if let openedAt {
          throw FormulaError.unclosedBracket(Character(openedAt.scalar), column: openedAt.column)
        }
        return counts
      }
      if Self.isUpper(s) {
        let symbolColumn = column
        var symbol = String(Character(s))
        position += 1
        while let next = current, Self.isLower(next), !symbols[position].spaceBefore {
          symbol.append(Character(next))
          position += 1
        }
        guard let element = Element(symbol: symbol) else {
          throw FormulaError.unknownElement(symbol, column: symbolColumn)
        }
        let n = try parseCount(allowChargeLookahead: false)
        counts.add(element, n)
      } else if let close = Self.openers[s], !isChargeInParentheses() {
        let opened = symbols[position]
        position += 1
        let inner = try parseSequence(closing: close, openedAt: opened)
        if inner.entries.isEmpty { throw FormulaError.emptyGroup(column: opened.column) }
        let n = try parseCount(allowChargeLookahead: closing == nil)
        counts.add(inner, times: n)
      } else if Self.closers.contains(s) {
        if s == closing {
          position += 1
          return counts
        }
        throw FormulaError.unmatchedBracket(Character(s), column: column)
      } else if closing == nil && startsCharge() {
        return counts
      } else if Self.isLower(s) {
        throw unexpected(expected: "an element symbol starting with a capital letter")
      } else {
        throw unexpected(expected: "an element symbol or a bracket")
      }
    }
  }

  /// Whether the text at the current position is a charge that ends the part.
  private func startsCharge() -> Bool {
    guard let s = current else { return false }
    if s == "^" || Self.isSign(s) || Self.superscriptDigits[s] != nil { return true }
    if isChargeInParentheses() { return true }
    // Digits directly followed by signs and the end of the part: "6-" after "]".
    if Self.isDigit(s) {
      var i = position
      while Self.isDigit(scalar(at: i)) { i += 1 }
      guard Self.isSign(scalar(at: i)) else { return false }
      while Self.isSign(scalar(at: i)) { i += 1 }
      return isEndOfPart(at: i)
    }
    return false
  }

  /// "(2-)" or "(+)" at the end of a part.
  private func isChargeInParentheses() -> Bool {
    guard current == "(" else { return false }
    var i = position + 1
    var sawSign = false
    while let s = scalar(at: i), Self.isDigit(s) || Self.isSign(s) {
      sawSign = sawSign || Self.isSign(s)
      i += 1
    }
    return sawSign && scalar(at: i) == ")" && isEndOfPart(at: i + 1)
  }

  /// A count after an element or group: digits, decimals, or subscript digits; 1 when absent.
  private mutating func parseCount(allowChargeLookahead: Bool) throws -> Double {
    if let s = current, Self.subscriptDigits[s] != nil {
      let startColumn = column
      var digits = ""
      while let s = current, let d = Self.subscriptDigits[s] {
        digits.append(d)
        position += 1
      }
      guard let n = Double(digits), n > 0 else {
        throw FormulaError.invalidNumber(digits, column: startColumn)
      }
      return n
    }
    guard Self.isDigit(current), !symbols[position].spaceBefore else { return 1 }
    if allowChargeLookahead && startsCharge() { return 1 }
    return try parseNumber()
  }

  /// Digits with an optional decimal part; must be positive and finite.
  private mutating func parseNumber() throws -> Double {
    let startColumn = column
    var digits = ""
    while let s = current, Self.isDigit(s) || (s == "." && !isSeparator(at: position)),
      digits.isEmpty || !symbols[position].spaceBefore
    {
      digits.append(Character(s))
      position += 1
    }
    guard let n = Double(digits), n > 0, n.isFinite else {
      throw FormulaError.invalidNumber(digits, column: startColumn)
    }
    return n
  }

  /// An optional trailing charge; returns it in elementary charges.
  private mutating func parseCharge() throws -> Int {
    guard startsCharge() else { return 0 }
    var wrapped = false
    if current == "^" { position += 1 }
    if current == "(" {
      wrapped = true
      position += 1
    }
    var magnitudeDigits = ""
    var sign = 0
    var signCount = 0
    while let s = current {
      if Self.isDigit(s) {
        magnitudeDigits.append(Character(s))
      } else if let d = Self.superscriptDigits[s] {
        magnitudeDigits.append(String(d))
      } else if Self.plusSigns.contains(s) || Self.minusSigns.contains(s) {
        let thisSign = Self.plusSigns.contains(s) ? 1 : -1
        if sign != 0 && sign != thisSign { throw unexpected(expected: "one sign for the charge") }
        sign = thisSign
        signCount += 1
      } else {
        break
      }
      position += 1
    }
    if wrapped {
      guard current == ")" else { throw unexpected(expected: "')' closing the charge") }
      position += 1
    }
    guard sign != 0 else { throw unexpected(expected: "'+' or '-' in the charge") }
    if magnitudeDigits.isEmpty { return sign * signCount }
    guard signCount == 1, let magnitude = Int(magnitudeDigits), magnitude > 0, magnitude < 1000
    else {
      throw FormulaError.invalidNumber(magnitudeDigits, column: column)
    }
    return sign * magnitude
  }

  private func unexpected(expected: String) -> FormulaError {
    .unexpectedCharacter(Character(current ?? " "), column: column, expected: expected)
  }
}
