import Crystal
import Dispatch
import Foundation
import IonicsCore

/// A mobile ion: element and charge ("Na+", "Li1+", "Mg2+", "F-").
public struct MobileIon: Sendable, Equatable, CustomStringConvertible {
  /// The element.
  public let element: Element
  /// The charge, e.
  public let charge: Int

  /// Reads "Na+", "Na1+", "Mg2+", "F-"; nil for anything else.
  public init?(_ text: String) {
    guard let (element, charge) = AtomSite.species(from: text), let charge, charge != 0 else {
      return nil
    }
    self.element = element
    self.charge = charge
  }

  /// An ion from its parts.
  public init(element: Element, charge: Int) {
    self.element = element
    self.charge = charge
  }

  /// "Na+", "Mg2+".
  public var description: String {
    element.symbol + (abs(charge) == 1 ? "" : "\(abs(charge))") + (charge > 0 ? "+" : "-")
  }
}

/// Why a landscape cannot be computed.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
  /// A framework site has no oxidation state and none could be assigned.
  case missingOxidationState(structure: String, site: String)
  /// The parameter set has no Morse pair for the mobile ion and a counter-ion.
  case missingPair(mobile: String, partner: String, parameters: String)
  /// An element lacks a principal quantum number or covalent radius.
  case missingElementData(String)
  /// A grid spacing or cut-off that is not positive.
  case badSetting(String)
  /// A user's parameter file that cannot be read (file, line, what was expected).
  case badParameterFile(String)

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .missingOxidationState(let structure, let site):
      return
        "\(structure): site \(site) has no oxidation state (give it in _atom_type_symbol or _atom_site_type_symbol, e.g. Na1+)"
    case .missingPair(let mobile, let partner, let parameters):
      return
        "\(parameters) has no Morse parameters for \(mobile)–\(partner), and they cannot be derived (the table pairs no \(mobile) or no \(partner) with anything); give them in a parameter file (--parameters), set the oxidation state (--oxidation), or treat molecular ions as units (--charges molecular)"
    case .missingElementData(let what): return what
    case .badSetting(let what): return what
    case .badParameterFile(let what): return what
    }
  }
}

/// The bond-valence site energy of a mobile ion over a periodic grid of
/// the cell (Adams and co-workers; softBV): with the mobile ion taken out,
///
///     E(r) = Σ_X ½·D0·[(exp(α(R_min − R)) − 1)² − 1]
///          + Σ_M 14.4 eV·Å · q_A·q_M/√(n_A·n_M) · erfc(R / (f·(r_A + r_M))) / R
///
/// over counter-ions X (Morse attraction) and framework ions M of the mobile
/// ion's sign (screened Coulomb repulsion, f = 0.74) within the cut-off,
/// each weighted by its occupancy. The factor ½ on the Morse term is
/// bvlain's (0.25.1), whose results the tests compare against.
public struct BVSELandscape: Sendable {
  /// How the landscape is sampled.
  public struct Options: Sendable {
    /// Grid spacing, Å (each axis gets ⌈length/spacing⌉ points).
    public var spacing = 0.2
    /// Interaction cut-off, Å.
    public var cutoff = 10.0
    /// Coulomb screening factor f.
    public var screening = 0.74
    /// How molecular and cluster ions are charged.
    public var charges = ChargePolicy.formal
    /// Oxidation states that replace the file's or the guessed ones, by
    /// site label or element symbol (a label wins): ["Re": 4, "C1": 2].
    public var oxidationStates: [String: Int] = [:]
    /// Called with (planes done, planes in all) as the grid is computed, from
    /// the worker threads; for a progress display.
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    /// Default options.
    public init() {}
  }

  /// The most grid points a landscape may have (8 bytes each, about 40 more
  /// in the percolation search): 10 million, a 0.1 Å grid over a 21 Å cube.
  public static let maximumPoints = 10_000_000

  /// The mobile ion.
  public let mobile: MobileIon
  /// Site energies, eV, on the grid.
  public let grid: PeriodicGrid
  /// The parameter set's name.
  public let parameterSet: String
  /// The Morse pairs used, as "Na+–Cl-: R_min 2.748 Å, α 1.664/Å, D0 0.315 eV".
  public let pairsUsed: [String]
  /// The options the landscape was computed with.
  public let options: Options
  /// The oxidation state used for each site of the structure (nil where
  /// none was needed, for the mobile ion's own sites).
  public let oxidationStates: [Int?]

  /// Computes the landscape of `mobile` in `structure`.
  public init(
    structure: CrystalStructure, mobile: MobileIon, parameters: BVSEParameters = .softBV,
    options: Options = Options()
  ) throws(MigrationError) {
    guard options.spacing > 0, options.cutoff > 0, options.screening > 0 else {
      throw .badSetting("the grid spacing, the cut-off and the screening factor must be positive")
    }
    let cell = structure.cell
    let points = [cell.a.value, cell.b.value, cell.c.value].reduce(1.0) {
      $0 * ($1 / options.spacing).rounded(.up)
    }
    guard points <= Double(Self.maximumPoints) else {
      throw .badSetting(
        "a \(fixed(options.spacing, 3)) Å spacing gives \(Int(min(points, 1e15))) grid points over this cell; at most \(Self.maximumPoints) (use a coarser spacing)"
      )
    }
    guard let mobileN = parameters.principalQuantumNumber(mobile.element),
      let mobileRadius = parameters.covalentRadius(mobile.element)
    else {
      throw .missingElementData("no principal quantum number or covalent radius for \(mobile)")
    }
    let states = Self.oxidationStates(of: structure, overrides: options.oxidationStates)
    let roles = try options.charges.roles(
      in: structure, mobile: mobile, states: states, parameters: parameters)

    // The framework: every occupant with a role, with its term.
    var ions: [FrameworkIon] = []
    var used: [String: String] = [:]
    for (p, position) in structure.positions.enumerated() {
      for (k, (site, occupancy)) in position.occupants.enumerated() {
        let atom = structure.sites[site]
        switch roles[p][k] {
        case .silent:
          continue
        case .attract(let q):
          let key = IonPair(
            mobile: mobile.element, mobileCharge: mobile.charge, partner: atom.element,
            partnerCharge: q)
          guard let (pair, origin) = parameters.resolve(key) else {
            throw .missingPair(
              mobile: mobile.description,
              partner: MobileIon(element: atom.element, charge: q).description,
              parameters: parameters.name)
          }
          used[key.description] =
            "\(key): R_min \(fixed(pair.rMin, 3)) Å, α \(fixed(pair.alpha, 3))/Å, D0 \(fixed(pair.d0, 3)) eV (\(origin))"
          ions.append(
            FrameworkIon(fractional: position.fractional, kind: .morse(pair), weight: occupancy))
        case .repel(let q):
          guard let n = parameters.principalQuantumNumber(atom.element),
            let radius = parameters.covalentRadius(atom.element)
          else {
            throw .missingElementData(
              "no principal quantum number or covalent radius for \(atom.element.symbol)")
          }
          let prefactor =
            PhysicalConstants.coulombElectronvoltAngstrom * Double(mobile.charge * q)
            / (Double(mobileN * n)).squareRoot()
          ions.append(
            FrameworkIon(
              fractional: position.fractional,
              kind: .coulomb(
                prefactor: prefactor, screeningLength: options.screening * (mobileRadius + radius)),
              weight: occupancy))
        }
      }
    }
    self.mobile = mobile
    self.oxidationStates = states
    self.parameterSet = parameters.name
    self.pairsUsed = used.keys.sorted().compactMap { used[$0] }
    self.options = options
    self.grid = Self.sample(structure.cell, ions: ions, options: options)
  }

  /// Each site's oxidation state: `overrides` by label, then by element,
  /// then the CIF's type symbol, then the charge-balancing guess.
  static func oxidationStates(of structure: CrystalStructure, overrides: [String: Int]) -> [Int?] {
    let guess = structure.oxidationStates()
    return structure.sites.enumerated().map { index, site in
      overrides[site.label] ?? overrides[site.element.symbol] ?? site.oxidationState
        ?? guess?[index] ?? nil
    }
  }

  /// One framework ion's term.
  struct FrameworkIon {
    enum Kind {
      case morse(MorsePair)
      case coulomb(prefactor: Double, screeningLength: Double)
    }
    let fractional: SIMD3<Double>
    let kind: Kind
    let weight: Double
  }

  /// The energy at every grid point, planes of the grid in parallel.
  static func sample(_ cell: UnitCell, ions: [FrameworkIon], options: Options) -> PeriodicGrid {
    let geometry = CellImages(cell)
    let images = geometry.images(of: ions.map(\.fractional), within: options.cutoff)
    // Flat per-image arrays: the inner loop runs over plain Doubles.
    let xs = images.map { $0.position.x }
    let ys = images.map { $0.position.y }
    let zs = images.map { $0.position.z }
    // Morse: weight·½·D0, α, R_min; Coulomb (α = 0): weight·prefactor, 1/screening length.
    var scales = [Double]()
    var alphas = [Double]()
    var lengths = [Double]()
    for image in images {
      let ion = ions[image.index]
      switch ion.kind {
      case .morse(let p):
        scales.append(ion.weight * 0.5 * p.d0)
        alphas.append(p.alpha)
        lengths.append(p.rMin)
      case .coulomb(let prefactor, let screeningLength):
        scales.append(ion.weight * prefactor)
        alphas.append(0)
        lengths.append(1 / screeningLength)
      }
    }
    let (cScales, cAlphas, cLengths) = (scales, alphas, lengths)
    let cutoffSquared = options.cutoff * options.cutoff
    let counts = geometry.counts(spacing: options.spacing)
    let counter = ProgressCounter(total: counts.x, handler: options.progress)
    let planeDone: (@Sendable () -> Void)? = counter.map { c in { @Sendable in c.advance() } }
    return geometry.grid(counts: counts, planeDone: planeDone) { point in
      let (px, py, pz) = (point.x, point.y, point.z)
      var energy = 0.0
      for k in 0..<xs.count {
        let dx = xs[k] - px
        let dy = ys[k] - py
        let dz = zs[k] - pz
        let r2 = dx * dx + dy * dy + dz * dz
        guard r2 <= cutoffSquared else { continue }
        let r = max(r2.squareRoot(), 1e-6)
        if cAlphas[k] > 0 {
          let e = exp(cAlphas[k] * (cLengths[k] - r)) - 1
          energy += cScales[k] * (e * e - 1)
        } else {
          energy += cScales[k] * erfc(r * cLengths[k]) / r
        }
      }
      return energy
    }
  }
}
