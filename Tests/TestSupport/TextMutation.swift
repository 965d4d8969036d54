/// Test helpers shared by the test targets.
public enum TextMutation {
  /// `seed` with one edit per pick: insert, delete or replace a character
  /// (chosen from `alphabet` by the pick), at a position the pick and its
  /// index spread over the text. Deterministic, so a failing case reproduces.
  public static func mutated(_ seed: String, edits picks: [Int], alphabet: [Character]) -> String {
    var chars = Array(seed)
    for (k, p) in picks.enumerated() {
      let position = chars.isEmpty ? 0 : (p * 7 + k * 13) % (chars.count + 1)
      let ch = alphabet[p % alphabet.count]
      switch p % 3 {
      case 0: chars.insert(ch, at: position)
      case 1: if !chars.isEmpty { chars.remove(at: min(position, chars.count - 1)) }
      default: if !chars.isEmpty { chars[min(position, chars.count - 1)] = ch }
      }
    }
    return String(chars)
  }
}
