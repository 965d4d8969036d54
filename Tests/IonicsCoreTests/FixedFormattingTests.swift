import Foundation
import IonicsCore
import Testing

/// The table formatter agrees with printf's %.nf (but prints 0.000, not
/// −0.000, for a negative number that rounds to zero).
struct FixedFormattingTests {
  @Test func agreesWithPrintf() {
    var state: UInt64 = 99
    for _ in 0..<20_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let x = (Double(state >> 11) / Double(1 << 53) - 0.5) * pow(10, Double(state % 9))
      for d in [0, 1, 3, 4] {
        let ours = fixed(x, d)
        var printf = String(format: "%.\(d)f", x)
        // printf keeps the sign of a negative number that rounds to zero.
        if printf.hasPrefix("-"), printf.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
          printf.removeFirst()
        }
        // Halfway cases round away from zero here and to even in printf.
        if ours != printf {
          let scaled = abs(x) * pow(10, Double(d))
          #expect(
            abs(scaled - scaled.rounded(.down) - 0.5) < 1e-6, "\(x) \(d): \(ours) vs \(printf)")
        }
      }
    }
    #expect(
      fixed(-0.00004, 4) == "0.0000" && fixed(2.5, 0) == "3" && fixed(12.345678, 3) == "12.346")
  }
}
