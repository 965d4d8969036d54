import Foundation
import IonicsCore
import Testing

@testable import Crystal

/// O'Keeffe & Brese's R0 from element parameters.
struct OKeeffeBreseTests {
  /// Na (r 1.36, c 1.01) with N (r 0.72, c 2.61): the formula by hand.
  @Test func sodiumNitrogenByHand() throws {
    let na = try #require(Element(symbol: "Na"))
    let n = try #require(Element(symbol: "N"))
    let d = 1.01.squareRoot() - 2.61.squareRoot()
    let expected = 1.36 + 0.72 - 1.36 * 0.72 * d * d / (1.01 * 1.36 + 2.61 * 0.72)
    #expect(abs(try #require(OKeeffeBrese.r0(cation: na, anion: n)) - expected) < 1e-12)
    #expect(abs(expected - 1.968) < 0.001)
  }

  /// Rock salt (a = 5.6401 Å): six Cl at a/2 give pymatgen's Na bond-valence
  /// sum of 0.840 with these R0 and its b = 0.31 Å (../shared/data/cif/SOURCES.md).
  @Test func rockSaltSumMatchesPymatgen() throws {
    let na = try #require(Element(symbol: "Na"))
    let cl = try #require(Element(symbol: "Cl"))
    let r0 = try #require(OKeeffeBrese.r0(cation: na, anion: cl))
    let sum = 6 * exp((r0 - 5.6401 / 2) / 0.31)
    #expect(abs(sum - 0.840) < 0.001)
  }

  @Test func unknownElementsGiveNil() throws {
    let og = try #require(Element(symbol: "Og"))
    let o = try #require(Element(symbol: "O"))
    #expect(OKeeffeBrese.r0(cation: og, anion: o) == nil)
  }
}
