import Crystal
import Foundation
import IonicsCore
import Testing

@testable import Migration

/// The rule that derives Morse pairs the softBV table lacks: exact on an
/// exactly additive table, and within its stated errors when real pairs of
/// the table are left out and predicted.
struct DerivedPairRuleTests {
  static func element(_ symbol: String) throws -> Element {
    try #require(Element(symbol: symbol))
  }

  static func key(_ a: String, _ q: Int, _ x: String, _ p: Int) throws -> IonPair {
    IonPair(mobile: try element(a), mobileCharge: q, partner: try element(x), partnerCharge: p)
  }

  /// A table whose four quantities are exactly cation term + anion term:
  /// the rule must give back a pair it was not shown, to rounding.
  @Test func anExactlyAdditiveTableIsReproduced() throws {
    let cations: [(String, Int, SIMD4<Double>)] = [
      ("Li", 1, SIMD4(0.30, 0.40, -0.2, -1.0)), ("Na", 1, SIMD4(0.25, 0.55, -0.5, -1.2)),
      ("K", 1, SIMD4(0.20, 0.70, -0.9, -1.5)), ("Mg", 2, SIMD4(0.28, 0.35, 0.3, -0.8)),
    ]
    let anions: [(String, Int, SIMD4<Double>)] = [
      ("O", -2, SIMD4(0.21, 0.02, 0.1, -0.3)), ("F", -1, SIMD4(0.20, -0.05, -0.6, -0.2)),
      ("Cl", -1, SIMD4(0.35, 0.01, -0.55, -0.1)), ("N", -3, SIMD4(0.33, 0.08, 0.4, -0.4)),
    ]
    var lines: [String] = []
    var expected: [IonPair: MorsePair] = [:]
    for (a, q, ta) in cations {
      for (x, p, tx) in anions {
        let t = ta + tx
        let r0OB = try #require(
          OKeeffeBrese.r0(cation: try Self.element(a), anion: try Self.element(x)))
        let rMin = r0OB + t[1]
        let pair = MorsePair(rMin: rMin, alpha: 1 / t[0], d0: exp(t[2]), r0: rMin + t[0] * t[3])
        expected[try Self.key(a, q, x, p)] = pair
        lines.append(
          "\(try Self.element(a).atomicNumber) \(q) \(try Self.element(x).atomicNumber) \(p) "
            + "\(pair.rMin) \(pair.alpha) \(pair.d0) \(pair.r0)")
      }
    }
    let set = BVSEParameters(
      name: "additive", pairs: lines.joined(separator: "\n"), quantumNumbers: "", radii: "")
    let left = try Self.key("Na", 1, "N", -3)
    let rule = DerivedPairRule(parameters: set, leavingOut: [left])
    #expect(rule.fittedPairs == 15)
    let derived = try #require(rule.pair(left))
    let truth = try #require(expected[left])
    #expect(abs(derived.rMin - truth.rMin) < 1e-6)
    #expect(abs(derived.alpha - truth.alpha) < 1e-6)
    #expect(abs(derived.d0 / truth.d0 - 1) < 1e-6)
    #expect(abs(derived.r0 - truth.r0) < 1e-6)
  }

  /// The eight nitride pairs of the softBV table (Li+, Mg2+, Cr6+, Sr2+,
  /// Nb5+, Eu2+, Eu3+, Gd3+ with N3−), each left out and predicted: b
  /// within 0.09 Å, R_min within 0.08 Å and D0 within a factor e^0.55
  /// (worst measured: 0.084 Å, 0.059 Å, e^0.53).
  /// These bound what a derived Na+–N3− pair can be trusted to.
  @Test func leftOutNitridePairsArePredicted() throws {
    let nitrides: [(String, Int)] = [
      ("Li", 1), ("Mg", 2), ("Cr", 6), ("Sr", 2), ("Nb", 5), ("Eu", 2), ("Eu", 3), ("Gd", 3),
    ]
    for (cation, charge) in nitrides {
      let key = try Self.key(cation, charge, "N", -3)
      let truth = try #require(BVSEParameters.softBV.resolve(key))
      #expect(truth.origin == .table)
      let rule = DerivedPairRule(parameters: .softBV, leavingOut: [key])
      let derived = try #require(rule.pair(key), "\(key)")
      #expect(abs(1 / derived.alpha - 1 / truth.pair.alpha) < 0.09, "\(key) b")
      #expect(abs(derived.rMin - truth.pair.rMin) < 0.08, "\(key) R_min")
      #expect(abs(log(derived.d0 / truth.pair.d0)) < 0.55, "\(key) D0")
    }
  }

  /// Every tenth cation–anion pair of the table left out in turn: the rms
  /// errors stay near the whole table's (0.054 Å in b, 0.060 Å in R_min,
  /// 0.21 in ln D0).
  @Test func leaveOneOutErrorsOverTheTable() throws {
    let pairs = BVSEParameters.softBV.tablePairs
      .filter { $0.key.mobileCharge > 0 && $0.key.partnerCharge < 0 && $0.value.alpha > 0 }
      .sorted { "\($0.key)" < "\($1.key)" }
    var errors: [SIMD3<Double>] = []
    for (index, entry) in pairs.enumerated() where index % 10 == 0 {
      let rule = DerivedPairRule(parameters: .softBV, leavingOut: [entry.key])
      guard let derived = rule.pair(entry.key) else { continue }  // an ion seen only here
      errors.append(
        SIMD3(
          1 / derived.alpha - 1 / entry.value.alpha, derived.rMin - entry.value.rMin,
          log(derived.d0 / entry.value.d0)))
    }
    #expect(errors.count > 40)
    let rms = (errors.reduce(SIMD3<Double>.zero) { $0 + $1 * $1 } / Double(errors.count))
      .squareRoot()
    #expect(rms.x < 0.08, "b rms \(rms.x)")
    #expect(rms.y < 0.08, "R_min rms \(rms.y)")
    #expect(rms.z < 0.3, "ln D0 rms \(rms.z)")
  }

  /// Na+–N3−, which the table lacks, is derived; Na+–O2−, which it has, is
  /// the table's; with derivation off Na+–N3− is absent.
  @Test func sodiumNitrideIsDerivedAndNamed() throws {
    let nitride = try Self.key("Na", 1, "N", -3)
    let (pair, origin) = try #require(BVSEParameters.softBV.resolve(nitride))
    #expect(origin == .derived)
    #expect("\(origin)".contains("O'Keeffe–Brese"))
    // A Na–N bond (2.4–2.6 Å in sodium cyanometallates) lies near R_min.
    #expect(pair.rMin > 2.45 && pair.rMin < 2.75)
    let oxide = try Self.key("Na", 1, "O", -2)
    #expect(BVSEParameters.softBV.resolve(oxide)?.origin == .table)
    // Fitted to every cation–anion pair whose elements O'Keeffe & Brese list.
    #expect(DerivedPairRule(parameters: .softBV).fittedPairs == 527)
    var off = BVSEParameters.softBV
    off.derivesMissingPairs = false
    #expect(off.resolve(nitride) == nil)
    // An anion the table never pairs (As3−) cannot be derived.
    #expect(BVSEParameters.softBV.resolve(try Self.key("Na", 1, "As", -3)) == nil)
  }
}
