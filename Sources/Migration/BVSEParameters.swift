import Foundation
import Synchronization
import IonicsCore

/// The Morse term of one mobile-ion–counter-ion pair:
/// E = ½·D0·[(exp(α(R_min − R)) − 1)² − 1], with R0 the bond-valence
/// parameter the pair was derived from.
public struct MorsePair: Sendable, Equatable {
  /// Distance of the energy minimum, Å.
  public let rMin: Double
  /// Softness, α = 1/b, 1/Å.
  public let alpha: Double
  /// Bond-breaking energy, eV.
  public let d0: Double
  /// Bond-valence R0, Å.
  public let r0: Double

  /// A pair from its four numbers.
  public init(rMin: Double, alpha: Double, d0: Double, r0: Double) {
    self.rMin = rMin
    self.alpha = alpha
    self.d0 = d0
    self.r0 = r0
  }
}

/// A mobile ion and a counter-ion, each an element with its charge.
public struct IonPair: Hashable, Sendable, CustomStringConvertible {
  /// The mobile ion's element.
  public let mobile: Element
  /// Its charge, e.
  public let mobileCharge: Int
  /// The counter-ion's element.
  public let partner: Element
  /// Its charge, e.
  public let partnerCharge: Int

  /// The pair from its parts.
  public init(mobile: Element, mobileCharge: Int, partner: Element, partnerCharge: Int) {
    self.mobile = mobile
    self.mobileCharge = mobileCharge
    self.partner = partner
    self.partnerCharge = partnerCharge
  }

  /// "Na+–N3-".
  public var description: String {
    "\(MobileIon(element: mobile, charge: mobileCharge))–\(MobileIon(element: partner, charge: partnerCharge))"
  }
}

/// Where a pair's Morse parameters came from.
public enum PairOrigin: Sendable, Equatable, CustomStringConvertible {
  /// The parameter set's own table.
  case table
  /// A user's parameter file (its path).
  case userFile(String)
  /// ``DerivedPairRule``.
  case derived

  /// "table", "file x.txt", or the derivation in short.
  public var description: String {
    switch self {
    case .table: return "table"
    case .userFile(let path): return "file \(path)"
    case .derived:
      return "derived: cation + anion terms of the table, R_min from O'Keeffe–Brese R0"
    }
  }
}

/// A bond-valence site-energy parameter set: Morse pairs by element and
/// oxidation state, principal quantum numbers and covalent radii for the
/// screened Coulomb repulsion.
///
/// Pairs are looked up in a user's file first, then in the table; a pair in
/// neither is derived by ``DerivedPairRule`` unless derivation is off.
public struct BVSEParameters: Sendable {
  /// The name printed with every result.
  public let name: String
  /// The table's pairs.
  let tablePairs: [IonPair: MorsePair]
  private var userPairs: [IonPair: (pair: MorsePair, file: String)] = [:]
  private let quantumNumbers: [Int: Int]
  private let radii: [Int: Double]
  /// Whether pairs missing from the table are derived (default true).
  public var derivesMissingPairs = true
  private let rule: DerivedPairRuleBox

  /// The softBV set (Chen, Wong & Adams 2019) as bvlain 0.25.1 ships it,
  /// with Cordero et al.'s covalent radii (bvlain's default).
  public static let softBV = BVSEParameters(
    name: "softBV (Chen, Wong & Adams 2019, via bvlain 0.25.1); covalent radii Cordero et al. 2008",
    pairs: SoftBVTable.pairs, quantumNumbers: SoftBVTable.principalQuantumNumbers,
    radii: SoftBVTable.covalentRadii)

  init(name: String, pairs: String, quantumNumbers: String, radii: String) {
    self.name = name
    var table: [IonPair: MorsePair] = [:]
    for line in pairs.split(separator: "\n") {
      let f = line.split(separator: " ")
      guard f.count == 8, let z = Int(f[0]), let q = Int(f[1]), let pz = Int(f[2]),
        let pq = Int(f[3]), let rMin = Double(f[4]), let alpha = Double(f[5]),
        let d0 = Double(f[6]), let r0 = Double(f[7]),
        let mobile = Element(atomicNumber: z), let partner = Element(atomicNumber: pz)
      else { continue }
      table[IonPair(mobile: mobile, mobileCharge: q, partner: partner, partnerCharge: pq)] =
        MorsePair(rMin: rMin, alpha: alpha, d0: d0, r0: r0)
    }
    self.tablePairs = table
    var n: [Int: Int] = [:]
    for line in quantumNumbers.split(separator: "\n") {
      let f = line.split(separator: " ")
      if f.count == 2, let z = Int(f[0]), let value = Int(f[1]) { n[z] = value }
    }
    self.quantumNumbers = n
    var r: [Int: Double] = [:]
    for line in radii.split(separator: "\n") {
      let f = line.split(separator: " ")
      if f.count == 2, let z = Int(f[0]), let value = Double(f[1]) { r[z] = value }
    }
    self.radii = r
    self.rule = DerivedPairRuleBox()
  }

  /// The table's Morse pair of a mobile ion and a counter-ion, nil when the
  /// table lacks it (user pairs and derived pairs not included).
  public func pair(mobile: Element, charge: Int, partner: Element, partnerCharge: Int)
    -> MorsePair?
  {
    tablePairs[
      IonPair(mobile: mobile, mobileCharge: charge, partner: partner, partnerCharge: partnerCharge)]
  }

  /// The pair's parameters and where they came from: the user's file, the
  /// table, or (when ``derivesMissingPairs``) ``DerivedPairRule``; nil when
  /// none has it.
  public func resolve(_ key: IonPair) -> (pair: MorsePair, origin: PairOrigin)? {
    if let user = userPairs[key] { return (user.pair, .userFile(user.file)) }
    if let pair = tablePairs[key] { return (pair, .table) }
    guard derivesMissingPairs, let pair = rule.rule(for: self).pair(key) else { return nil }
    return (pair, .derived)
  }

  /// The principal quantum number of the element's valence shell.
  public func principalQuantumNumber(_ element: Element) -> Int? {
    quantumNumbers[element.atomicNumber]
  }

  /// The covalent radius, Å.
  public func covalentRadius(_ element: Element) -> Double? { radii[element.atomicNumber] }

  /// This set with the pairs of a user's parameter file, which take
  /// precedence over the table. One pair per line,
  ///
  ///     Na 1 N -3  2.55 1.78 0.90 1.80     # mobile, charge, partner, charge, R_min Å, α 1/Å, D0 eV, R0 Å
  ///
  /// separated by spaces, tabs or commas; `#` starts a comment; R0 may be
  /// left out. `source` names the file in errors and in the results.
  public func adding(parameterFile text: String, source: String) throws(MigrationError)
    -> BVSEParameters
  {
    var copy = self
    for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated()
    {
      let line =
        raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
      let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
      if f.isEmpty { continue }
      let place = "\(source), line \(index + 1)"
      guard f.count == 7 || f.count == 8 else {
        throw .badParameterFile(
          "\(place): expected 'mobile charge partner charge R_min alpha D0 [R0]', found \(f.count) fields"
        )
      }
      guard let mobile = Element(symbol: String(f[0])), let partner = Element(symbol: String(f[2]))
      else { throw .badParameterFile("\(place): '\(f[0])' or '\(f[2])' is not an element symbol") }
      guard let q = Int(f[1].replacingOccurrences(of: "+", with: "")),
        let p = Int(f[3].replacingOccurrences(of: "+", with: "")), q != 0, p != 0, q * p < 0
      else {
        throw .badParameterFile(
          "\(place): the charges '\(f[1])' and '\(f[3])' must be non-zero integers of opposite sign"
        )
      }
      let numbers = f[4...].map { Double($0) }
      guard numbers.allSatisfy({ $0 != nil }) else {
        throw .badParameterFile("\(place): R_min, alpha, D0 and R0 must be numbers")
      }
      let values = numbers.compactMap { $0 }
      guard values[0] > 0, values[1] > 0, values[2] > 0, values.allSatisfy(\.isFinite) else {
        throw .badParameterFile("\(place): R_min, alpha and D0 must be positive")
      }
      let key = IonPair(mobile: mobile, mobileCharge: q, partner: partner, partnerCharge: p)
      copy.userPairs[key] = (
        MorsePair(
          rMin: values[0], alpha: values[1], d0: values[2], r0: values.count > 3 ? values[3] : .nan),
        source
      )
    }
    return copy
  }
}

/// Fits ``DerivedPairRule`` once, on first use, for the set that owns it.
final class DerivedPairRuleBox: Sendable {
  private let cached = Mutex<DerivedPairRule?>(nil)

  func rule(for parameters: BVSEParameters) -> DerivedPairRule {
    cached.withLock { cached in
      if let cached { return cached }
      let rule = DerivedPairRule(parameters: parameters)
      cached = rule
      return rule
    }
  }
}
