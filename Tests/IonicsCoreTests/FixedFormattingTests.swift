import Foundation
import IonicsCore
import Testing

/// The table formatter prints what printf's %.nf prints, character for character.
struct FixedFormattingTests {
  @Test func agreesWithPrintf() {
    var state: UInt64 = 99
    for _ in 0..<20_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let x = (Double(state >> 11) / Double(1 << 53) - 0.5) * pow(10, Double(state % 9))
      for d in [0, 1, 3, 4] {
        #expect(fixed(x, d) == String(format: "%.\(d)f", x), "\(x) \(d)")
      }
    }
    #expect(fixed(-0.00004, 4) == "-0.0000" && fixed(2.5, 0) == "2")
    #expect(fixed(12.345678, 3) == "12.346" && fixed(0.125, 2) == "0.12")
    #expect(fixed(1e20, 1) == String(format: "%.1f", 1e20) && fixed(.nan, 2) == "nan")
  }
}
