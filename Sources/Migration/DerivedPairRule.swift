import Crystal
import Foundation
import IonicsCore
import IonicsNumerics

/// Morse parameters for a cation–anion pair that the softBV table lacks
/// (Na+–N3−, K+–N3−, Ag+–N3− …), derived from the table itself and from
/// O'Keeffe & Brese's bond-valence R0.
///
/// Each quantity is written as a cation term plus an anion term, fitted by
/// least squares over every cation–anion pair of the table:
///
///     b(A,X)                      = β_A + β_X            (b = 1/α, Å)
///     R_min(A,X) − R0_OB(A,X)     = ρ_A + ρ_X            (Å)
///     ln D0(A,X)                  = δ_A + δ_X            (D0 in eV)
///     ln s_min(A,X)               = σ_A + σ_X            (s_min = exp((R0 − R_min)/b))
///
/// R0_OB is O'Keeffe & Brese's R0 of the pair (B = 0.37 Å), so R_min sits
/// at the bond length of a bond of fixed valence for the pair's elements:
/// the bond-valence picture behind the softBV set. A pair is derived when
/// its cation (element and charge) and its anion each appear somewhere in
/// the table and both elements have O'Keeffe–Brese parameters.
///
/// The softBV table has 527 such pairs. Leaving each pair out in turn and
/// predicting it (488 can be; the rest hold an ion seen only there), the
/// rule's errors are 0.054 Å rms in b, 0.060 Å in R_min and 0.21 in ln D0
/// (24 % in D0); for the eight nitride pairs of the table they stay within
/// 0.084 Å, 0.059 Å and 0.53 in ln D0 (`DerivedPairRuleTests`). A derived
/// pair should not be trusted closer than that.
public struct DerivedPairRule: Sendable {
  /// One ion's four additive terms (β, ρ, δ, σ).
  typealias Terms = SIMD4<Double>

  private let cations: [IonKey: Terms]
  private let anions: [IonKey: Terms]
  /// How many table pairs the terms were fitted to.
  public let fittedPairs: Int

  struct IonKey: Hashable, Sendable {
    let element: Int
    let charge: Int
  }

  /// Fits the terms to every cation–anion pair of `parameters`' table except
  /// those in `leavingOut`.
  public init(parameters: BVSEParameters, leavingOut: Set<IonPair> = []) {
    var rows: [(cation: IonKey, anion: IonKey, y: Terms)] = []
    // In a fixed order: the sums of the normal equations, and so the derived
    // pairs to the last bit, must not depend on the dictionary's order.
    let ordered = parameters.tablePairs.sorted { a, b in
      let x = a.key
      let y = b.key
      return (x.mobile.atomicNumber, x.mobileCharge, x.partner.atomicNumber, x.partnerCharge)
        < (y.mobile.atomicNumber, y.mobileCharge, y.partner.atomicNumber, y.partnerCharge)
    }
    for (key, pair) in ordered {
      guard !leavingOut.contains(key), key.mobileCharge > 0, key.partnerCharge < 0,
        pair.alpha > 0, pair.d0 > 0,
        let r0OB = OKeeffeBrese.r0(cation: key.mobile, anion: key.partner)
      else { continue }
      let b = 1 / pair.alpha
      rows.append(
        (
          IonKey(element: key.mobile.atomicNumber, charge: key.mobileCharge),
          IonKey(element: key.partner.atomicNumber, charge: key.partnerCharge),
          Terms(b, pair.rMin - r0OB, log(pair.d0), (pair.r0 - pair.rMin) / b)
        ))
    }
    // Unknowns: one term per cation, then one per anion.
    var cationIndex: [IonKey: Int] = [:]
    var anionIndex: [IonKey: Int] = [:]
    for row in rows {
      if cationIndex[row.cation] == nil { cationIndex[row.cation] = cationIndex.count }
    }
    for row in rows {
      if anionIndex[row.anion] == nil {
        anionIndex[row.anion] = cationIndex.count + anionIndex.count
      }
    }
    let n = cationIndex.count + anionIndex.count
    // Normal equations of the two-way additive model; a small ridge fixes
    // the one free constant (adding t to every cation term and −t to every
    // anion term), which no prediction depends on.
    var normal = Matrix(rows: n, columns: n)
    var rightHandSides = [Terms](repeating: .zero, count: n)
    for row in rows {
      guard let i = cationIndex[row.cation], let j = anionIndex[row.anion] else { continue }
      normal[i, i] += 1
      normal[j, j] += 1
      normal[i, j] += 1
      normal[j, i] += 1
      rightHandSides[i] += row.y
      rightHandSides[j] += row.y
    }
    for i in 0..<n { normal[i, i] += 1e-9 }
    var solutions = [Terms](repeating: .zero, count: n)
    if n > 0, let factor = Cholesky(normal) {
      for component in 0..<4 {
        let x = factor.solve(rightHandSides.map { $0[component] })
        for i in 0..<n { solutions[i][component] = x[i] }
      }
    }
    cations = cationIndex.mapValues { solutions[$0] }
    anions = anionIndex.mapValues { solutions[$0] }
    fittedPairs = rows.count
  }

  /// The derived pair of cation `cation` (charge > 0) and anion `anion`
  /// (charge < 0); nil when either ion has no term or no O'Keeffe–Brese
  /// parameters.
  public func pair(_ key: IonPair) -> MorsePair? {
    guard
      let a = cations[IonKey(element: key.mobile.atomicNumber, charge: key.mobileCharge)],
      let x = anions[IonKey(element: key.partner.atomicNumber, charge: key.partnerCharge)],
      let r0OB = OKeeffeBrese.r0(cation: key.mobile, anion: key.partner)
    else { return nil }
    let t = a + x
    let b = t[0]
    guard b > 0 else { return nil }
    let rMin = r0OB + t[1]
    return MorsePair(rMin: rMin, alpha: 1 / b, d0: exp(t[2]), r0: rMin + b * t[3])
  }
}
