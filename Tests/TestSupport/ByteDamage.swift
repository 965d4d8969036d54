/// Damaged copies of a file for fuzz tests, deterministic per seed: trial
/// k cuts the bytes short (k % 3 == 0), overwrites up to eight bytes with
/// ones that mean something to parsers (k % 3 == 1), or removes a run of up
/// to 200 bytes (k % 3 == 2).
public struct ByteDamage {
  private var state: UInt64
  private let interesting: [UInt8]

  /// A generator seeded with `seed`; overwritten bytes come from `interesting`.
  public init(seed: UInt64, interesting: [UInt8]) {
    state = seed
    self.interesting = interesting.isEmpty ? [0] : interesting
  }

  private mutating func next(_ bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(max(bound, 1)))
  }

  /// The damaged copy of `original` for trial `trial`.
  public mutating func damaged(_ original: [UInt8], trial: Int) -> [UInt8] {
    var bytes = original
    switch trial % 3 {
    case 0: bytes = Array(bytes.prefix(next(bytes.count)))
    case 1:
      for _ in 0..<(1 + next(8)) where !bytes.isEmpty {
        bytes[next(bytes.count)] = interesting[next(interesting.count)]
      }
    default:
      let start = next(bytes.count)
      bytes.removeSubrange(start..<min(bytes.count, start + next(200)))
    }
    return bytes
  }
}
