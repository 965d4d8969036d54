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
}

/// A bond-valence site-energy parameter set: Morse pairs by element and
/// oxidation state, principal quantum numbers and covalent radii for the
/// screened Coulomb repulsion.
public struct BVSEParameters: Sendable {
  /// The name printed with every result.
  public let name: String
  private let pairs: [Key: MorsePair]
  private let quantumNumbers: [Int: Int]
  private let radii: [Int: Double]

  struct Key: Hashable, Sendable {
    let mobile: Int
    let mobileCharge: Int
    let partner: Int
    let partnerCharge: Int
  }

  /// The softBV set (Chen, Wong & Adams 2019) as bvlain 0.25.1 ships it,
  /// with Cordero et al.'s covalent radii (bvlain's default).
  public static let softBV = BVSEParameters(
    name: "softBV (Chen, Wong & Adams 2019, via bvlain 0.25.1); covalent radii Cordero et al. 2008",
    pairs: SoftBVTable.pairs, quantumNumbers: SoftBVTable.principalQuantumNumbers,
    radii: SoftBVTable.covalentRadii)

  init(name: String, pairs: String, quantumNumbers: String, radii: String) {
    self.name = name
    var table: [Key: MorsePair] = [:]
    for line in pairs.split(separator: "\n") {
      let f = line.split(separator: " ")
      guard f.count == 8, let z = Int(f[0]), let q = Int(f[1]), let pz = Int(f[2]),
        let pq = Int(f[3]), let rMin = Double(f[4]), let alpha = Double(f[5]),
        let d0 = Double(f[6]), let r0 = Double(f[7])
      else { continue }
      table[Key(mobile: z, mobileCharge: q, partner: pz, partnerCharge: pq)] = MorsePair(
        rMin: rMin, alpha: alpha, d0: d0, r0: r0)
    }
    self.pairs = table
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
  }

  /// The Morse pair of a mobile ion and a counter-ion, nil when the set lacks it.
  public func pair(mobile: Element, charge: Int, partner: Element, partnerCharge: Int)
    -> MorsePair?
  {
    pairs[
      Key(
        mobile: mobile.atomicNumber, mobileCharge: charge, partner: partner.atomicNumber,
        partnerCharge: partnerCharge)]
  }

  /// The principal quantum number of the element's valence shell.
  public func principalQuantumNumber(_ element: Element) -> Int? {
    quantumNumbers[element.atomicNumber]
  }

  /// The covalent radius, Å.
  public func covalentRadius(_ element: Element) -> Double? { radii[element.atomicNumber] }
}
