import Foundation

/// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014): a small, fast, seedable
/// generator, so that the same seed gives the same multi-start, the same
/// simulated noise and the same test cases on every machine.
package struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator that starts from `seed`.
  package init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1), from the top 53 bits.
  package mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }

  /// A standard normal deviate (Box–Muller, the cosine branch).
  package mutating func gaussian() -> Double {
    let u1 = max(nextUnit(), .leastNormalMagnitude)
    let u2 = nextUnit()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}
