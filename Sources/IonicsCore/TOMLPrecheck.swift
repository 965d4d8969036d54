// Found by fuzzing TOMLKit 0.6.0 with mutated manifests in a scratch
// package: toml++'s parser asserts (and so aborts the process, debug and
// release alike) at toml.hpp:15481 (parse_key) and toml.hpp:14994
// (parse_value) on such input, instead of returning a parse error.

/// Refuses, with the line, the malformed TOML that would reach an assertion
/// inside toml++ (which aborts the process instead of reporting): a key that
/// starts with a character no key can start with (`[(x]`, `a.(b = 1`, `{ (x = 1 }`),
/// and a value position that holds a terminator (`a = ]`, `[1, }]`, `[,]`).
/// Everything it refuses is invalid TOML anyway; valid TOML passes untouched.
package enum TOMLPrecheck {
  /// Where the text goes wrong, and how.
  package struct Problem: Error, Equatable {
    /// 1-based line.
    package let line: Int
    /// What was expected.
    package let message: String
  }

  /// Throws the first such problem; returns for everything toml++ parses
  /// (or rejects) without aborting.
  package static func check(_ text: String) throws(Problem) {
    enum Context { case array, inlineTable }
    enum Expect { case keyOrHeader, key, value, other }
    var stack: [Context] = []
    var expect = Expect.keyOrHeader
    var line = 1
    let s = Array(text.unicodeScalars)
    var i = 0
    func bare(_ c: Unicode.Scalar) -> Bool {
      (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
        || c == "-"
    }
    func startsKey(_ c: Unicode.Scalar) -> Bool { bare(c) || c == "\"" || c == "'" }
    func fail(_ message: String) -> Problem { Problem(line: line, message: message) }
    func skipString(_ quote: Unicode.Scalar) {
      let multi = i + 2 < s.count && s[i + 1] == quote && s[i + 2] == quote
      if multi {
        i += 3
        while i < s.count {
          if s[i] == "\n" { line += 1 }
          if quote == "\"" && s[i] == "\\" { i += 2; continue }
          if i + 2 < s.count && s[i] == quote && s[i + 1] == quote && s[i + 2] == quote {
            i += 3
            while i < s.count && s[i] == quote { i += 1 }
            return
          }
          i += 1
        }
        return
      }
      i += 1
      while i < s.count && s[i] != "\n" {
        if quote == "\"" && s[i] == "\\" { i += 2; continue }
        if s[i] == quote { i += 1; return }
        i += 1
      }
    }
    while i < s.count {
      let c = s[i]
      if c == " " || c == "\t" || c == "\r" { i += 1; continue }
      if c == "#" {
        while i < s.count && s[i] != "\n" { i += 1 }
        continue
      }
      if c == "\n" {
        line += 1
        i += 1
        if stack.isEmpty { expect = .keyOrHeader }
        continue
      }
      switch expect {
      case .keyOrHeader where c == "[":
        i += 1
        if i < s.count && s[i] == "[" { i += 1 }
        while i < s.count && (s[i] == " " || s[i] == "\t") { i += 1 }
        guard i < s.count, startsKey(s[i]) else { throw fail("a table header needs a key") }
        expect = .key
        continue
      case .keyOrHeader, .key:
        if c == "}" , stack.last == .inlineTable, expect == .key {
          stack.removeLast()
          expect = .other
          i += 1
          continue
        }
        guard startsKey(c) else { throw fail("expected a key, found '\(Character(c))'") }
        // Through the key and its dotted parts up to '=' or ']'.
        while i < s.count {
          let k = s[i]
          if k == "\"" || k == "'" { skipString(k); continue }
          if bare(k) || k == " " || k == "\t" { i += 1; continue }
          if k == "." {
            i += 1
            while i < s.count && (s[i] == " " || s[i] == "\t") { i += 1 }
            guard i < s.count, startsKey(s[i]) else { throw fail("a dotted key needs a key after '.'") }
            continue
          }
          break
        }
        guard i < s.count else { return }
        if s[i] == "=" {
          expect = .value
          i += 1
        } else if s[i] == "]" {
          i += 1
          if i < s.count && s[i] == "]" { i += 1 }
          expect = .other
        } else {
          throw fail("expected '=' after a key, found '\(Character(s[i]))'")
        }
        continue
      case .value:
        if c == "," || c == "]" || c == "}" || c == "=" {
          if c == "]", stack.last == .array { stack.removeLast(); expect = .other; i += 1; continue }
          throw fail("expected a value, found '\(Character(c))'")
        }
        if c == "\"" || c == "'" { skipString(c); expect = .other; continue }
        if c == "[" { stack.append(.array); expect = .value; i += 1; continue }
        if c == "{" { stack.append(.inlineTable); expect = .key; i += 1; continue }
        // A bare value: through its characters.
        while i < s.count, !" \t\r\n,]}#".unicodeScalars.contains(s[i]) { i += 1 }
        expect = .other
        continue
      case .other:
        if c == "," {
          guard let top = stack.last else { throw fail("unexpected ','") }
          expect = top == .array ? .value : .key
          i += 1
          if top == .inlineTable {
            while i < s.count && (s[i] == " " || s[i] == "\t") { i += 1 }
            guard i < s.count, startsKey(s[i]) else { throw fail("expected a key after ','") }
          }
          continue
        }
        if c == "]" {
          guard stack.last == .array else { throw fail("unexpected ']'") }
          stack.removeLast()
          i += 1
          continue
        }
        if c == "}" {
          guard stack.last == .inlineTable else { throw fail("unexpected '}'") }
          stack.removeLast()
          i += 1
          continue
        }
        throw fail("unexpected '\(Character(c))'")
      }
    }
  }
}
