import Foundation
import IonicsCore
import Testing

@testable import Migration

/// A user's Morse parameter file: its pairs come first, its mistakes are
/// located.
struct ParameterFileTests {
  static func pair(_ partner: String, _ charge: Int) throws -> IonPair {
    IonPair(
      mobile: try #require(Element(symbol: "Na")), mobileCharge: 1,
      partner: try #require(Element(symbol: partner)), partnerCharge: charge)
  }

  @Test func userPairsTakePrecedenceAndAreNamed() throws {
    let text = """
      # my pairs
      Na 1 N -3  2.50 1.80 0.90 1.70   # from a DFT fit
      Na,+1,O,-2,2.40,2.00,0.60
      """
    let set = try BVSEParameters.softBV.adding(parameterFile: text, source: "mine.txt")
    let (pair, origin) = try #require(set.resolve(Self.pair("N", -3)))
    #expect(pair == MorsePair(rMin: 2.50, alpha: 1.80, d0: 0.90, r0: 1.70))
    #expect(origin == .userFile("mine.txt"))
    let oxide = try Self.pair("O", -2)
    #expect(set.resolve(oxide)?.pair.d0 == 0.60)
    #expect(set.resolve(oxide)?.pair.r0.isNaN == true)
    // The table is untouched.
    #expect(BVSEParameters.softBV.resolve(oxide)?.origin == .table)
  }

  @Test func mistakesNameTheFileAndLine() {
    let cases: [(String, String)] = [
      ("Na 1 N -3 2.5 1.8", "line 1: expected"),
      ("\nXx 1 N -3 2.5 1.8 0.9", "line 2: 'Xx'"),
      ("Na 1 N 3 2.5 1.8 0.9", "opposite sign"),
      ("Na 1 N -3 2.5 abc 0.9", "must be numbers"),
      ("Na 1 N -3 2.5 1.8 -0.9", "must be positive"),
    ]
    for (text, message) in cases {
      #expect {
        try BVSEParameters.softBV.adding(parameterFile: text, source: "bad.txt")
      } throws: { error in
        "\(error)".contains("bad.txt") && "\(error)".contains(message)
      }
    }
  }
}
