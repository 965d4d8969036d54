/// Unit conversions the field uses, as plain functions and as a table of
/// named units for free-form conversion (``PhysicalUnit``).
public enum Units {
  /// kJ/mol per eV: e·N_A/1000 = 96.485 332 12.
  public static let kilojoulesPerMolePerElectronvolt =
    PhysicalConstants.elementaryCharge * PhysicalConstants.avogadro / 1000

  /// An energy per particle in eV as a molar energy in kJ/mol.
  public static func kilojoulesPerMole(fromElectronvolts energy: Double) -> Double {
    energy * kilojoulesPerMolePerElectronvolt
  }

  /// A molar energy in kJ/mol as an energy per particle in eV.
  public static func electronvolts(fromKilojoulesPerMole energy: Double) -> Double {
    energy / kilojoulesPerMolePerElectronvolt
  }

  /// °C → K.
  public static func kelvin(fromCelsius t: Double) -> Double {
    t + PhysicalConstants.zeroCelsiusInKelvin
  }

  /// K → °C.
  public static func celsius(fromKelvin t: Double) -> Double {
    t - PhysicalConstants.zeroCelsiusInKelvin
  }

  /// mm → cm.
  public static func centimetres(fromMillimetres x: Double) -> Double { x / 10 }
  /// µm → cm.
  public static func centimetres(fromMicrometres x: Double) -> Double { x / 10_000 }
  /// mg → g.
  public static func grams(fromMilligrams m: Double) -> Double { m / 1000 }
  /// mAh/g → C/g (1 mAh = 3.6 C).
  public static func coulombsPerGram(fromMilliampHoursPerGram q: Double) -> Double { q * 3.6 }
  /// C/g → mAh/g.
  public static func milliampHoursPerGram(fromCoulombsPerGram q: Double) -> Double { q / 3.6 }
}

/// A named unit of one physical dimension, convertible to any other unit of
/// that dimension: `try PhysicalUnit.convert(0.32, from: "eV", to: "kJ/mol")`.
public struct PhysicalUnit: Sendable, Hashable {
  /// What the unit measures.
  public enum Dimension: String, Sendable, Hashable, CaseIterable {
    /// Energy per particle or per mole (SI: J/mol; eV counts per particle).
    case molarEnergy = "energy"
    /// Temperature (SI: K).
    case temperature
    /// Length (SI: m).
    case length
    /// Area (SI: m²).
    case area
    /// Mass (SI: kg).
    case mass
    /// Electric charge (SI: C).
    case charge
    /// Charge per mass (SI: C/kg).
    case specificCapacity = "specific capacity"
    /// Electric current (SI: A).
    case current
    /// Current per area (SI: A/m²).
    case currentDensity = "current density"
    /// Electric conductivity (SI: S/m).
    case conductivity
    /// Electric resistance (SI: Ω).
    case resistance
    /// Time (SI: s).
    case time
    /// Pressure (SI: Pa).
    case pressure
  }

  /// The symbol as printed ("mAh/g").
  public let symbol: String
  /// The dimension.
  public let dimension: Dimension
  /// SI value = value × scale + offset.
  let scale: Double
  let offset: Double

  /// This value in SI units of the dimension.
  public func toSI(_ value: Double) -> Double { value * scale + offset }
  /// An SI value in this unit.
  public func fromSI(_ value: Double) -> Double { (value - offset) / scale }

  /// The unit with this symbol or one of its usual spellings ("um" for µm,
  /// "degC" for °C, "Ohm" for Ω); nil when unknown.
  public init?(symbol: String) {
    let key = symbol.trimmingSpaces()
    guard
      let unit = PhysicalUnit.table.first(where: {
        $0.unit.symbol == key || $0.aliases.contains(key)
      })?.unit
    else { return nil }
    self = unit
  }

  init(_ symbol: String, _ dimension: Dimension, _ scale: Double, offset: Double = 0) {
    self.symbol = symbol
    self.dimension = dimension
    self.scale = scale
    self.offset = offset
  }

  /// The unit a column name states, of `dimension`: the text in brackets
  /// (`σ (mS/cm)`, `R [kΩ]`), after a slash (`T/K`), or after the quantity
  /// and an underscore (`sigma_S_per_cm`, `R_Ohm`, `T_C`), looked up with its
  /// case kept, so that mΩ and MΩ, mS and MS stay apart; nil when the name
  /// states none of that dimension.
  public static func stated(in columnName: String, dimension: Dimension) -> PhysicalUnit? {
    let name = columnName.trimmingSpaces()
    var candidates: [String] = []
    for (open, close) in [("(", ")"), ("[", "]"), ("{", "}")] {
      if let a = name.lastIndex(of: Character(open)),
        let b = name[a...].firstIndex(of: Character(close)), a < b
      {
        candidates.append(String(name[name.index(after: a)..<b]))
      }
    }
    if let slash = name.firstIndex(of: "/") {
      candidates.append(String(name[name.index(after: slash)...]))
    }
    if let underscore = name.firstIndex(of: "_") {
      let tail = String(name[name.index(after: underscore)...])
      candidates.append(tail.replacingOccurrences(of: "_per_", with: "/"))
      if let last = tail.split(separator: "_").last { candidates.append(String(last)) }
    }
    for candidate in candidates {
      let key = candidate.trimmingSpaces().replacingOccurrences(of: "μ", with: "µ")
      if key == "C" && dimension == .temperature {
        return PhysicalUnit(symbol: "°C")
      }
      if let unit = PhysicalUnit(symbol: key), unit.dimension == dimension { return unit }
    }
    return nil
  }

  /// Converts `value` between two units of the same dimension.
  public static func convert(_ value: Double, from source: String, to target: String) throws
    -> Double
  {
    guard let from = PhysicalUnit(symbol: source) else { throw UnitError.unknownUnit(source) }
    guard let to = PhysicalUnit(symbol: target) else { throw UnitError.unknownUnit(target) }
    guard from.dimension == to.dimension else {
      throw UnitError.incompatible(from: from.symbol, from.dimension, to: to.symbol, to.dimension)
    }
    return to.fromSI(from.toSI(value))
  }

  /// Every known unit, grouped by dimension in table order.
  public static var all: [PhysicalUnit] { table.map(\.unit) }

  private static let table: [(unit: PhysicalUnit, aliases: [String])] = {
    let eVPerMole = PhysicalConstants.elementaryCharge * PhysicalConstants.avogadro
    let wavenumber =
      PhysicalConstants.planck * PhysicalConstants.speedOfLight * 100
      * PhysicalConstants.avogadro
    return [
      (PhysicalUnit("eV", .molarEnergy, eVPerMole), []),
      (PhysicalUnit("meV", .molarEnergy, eVPerMole / 1000), []),
      (PhysicalUnit("kJ/mol", .molarEnergy, 1000), ["kJ mol-1"]),
      (PhysicalUnit("J/mol", .molarEnergy, 1), ["J mol-1"]),
      (PhysicalUnit("kcal/mol", .molarEnergy, 4184), ["kcal mol-1"]),
      (PhysicalUnit("cm-1", .molarEnergy, wavenumber), ["cm^-1", "1/cm"]),
      (PhysicalUnit("K", .temperature, 1), ["kelvin"]),
      (
        PhysicalUnit("°C", .temperature, 1, offset: PhysicalConstants.zeroCelsiusInKelvin),
        ["degC", "celsius", "oC"]
      ),
      (
        PhysicalUnit("°F", .temperature, 5.0 / 9.0, offset: PhysicalConstants.zeroCelsiusInKelvin - 32 * 5.0 / 9.0), ["F", "degF"]
      ),
      (PhysicalUnit("m", .length, 1), []),
      (PhysicalUnit("cm", .length, 1e-2), []),
      (PhysicalUnit("mm", .length, 1e-3), []),
      (PhysicalUnit("µm", .length, 1e-6), ["um", "μm", "micron"]),
      (PhysicalUnit("nm", .length, 1e-9), []),
      (PhysicalUnit("Å", .length, 1e-10), ["A", "Angstrom", "angstrom", "Å"]),
      (PhysicalUnit("m²", .area, 1), ["m2", "m^2"]),
      (PhysicalUnit("cm²", .area, 1e-4), ["cm2", "cm^2"]),
      (PhysicalUnit("mm²", .area, 1e-6), ["mm2", "mm^2"]),
      (PhysicalUnit("kg", .mass, 1), []),
      (PhysicalUnit("g", .mass, 1e-3), []),
      (PhysicalUnit("mg", .mass, 1e-6), []),
      (PhysicalUnit("µg", .mass, 1e-9), ["ug", "μg"]),
      (PhysicalUnit("C", .charge, 1), ["As"]),
      (PhysicalUnit("Ah", .charge, 3600), []),
      (PhysicalUnit("mAh", .charge, 3.6), []),
      (PhysicalUnit("µAh", .charge, 3.6e-3), ["uAh", "μAh"]),
      (PhysicalUnit("mAh/g", .specificCapacity, 3600), ["Ah/kg", "mAh g-1"]),
      (PhysicalUnit("C/g", .specificCapacity, 1000), []),
      (PhysicalUnit("C/kg", .specificCapacity, 1), []),
      (PhysicalUnit("A", .current, 1), []),
      (PhysicalUnit("mA", .current, 1e-3), []),
      (PhysicalUnit("µA", .current, 1e-6), ["uA", "μA"]),
      (PhysicalUnit("A/m²", .currentDensity, 1), ["A/m2"]),
      (PhysicalUnit("mA/cm²", .currentDensity, 10), ["mA/cm2", "mA cm-2"]),
      (PhysicalUnit("µA/cm²", .currentDensity, 1e-2), ["uA/cm2", "µA/cm2", "μA/cm2"]),
      (PhysicalUnit("S/m", .conductivity, 1), []),
      (PhysicalUnit("S/cm", .conductivity, 100), ["S cm-1"]),
      (PhysicalUnit("mS/cm", .conductivity, 0.1), ["mS cm-1"]),
      (PhysicalUnit("µS/cm", .conductivity, 1e-4), ["uS/cm", "μS/cm", "µS cm-1", "uS cm-1"]),
      (PhysicalUnit("nS/cm", .conductivity, 1e-7), ["nS cm-1"]),
      (PhysicalUnit("mS/m", .conductivity, 1e-3), []),
      (PhysicalUnit("mΩ", .resistance, 1e-3), ["mOhm", "mohm"]),
      (PhysicalUnit("Ω", .resistance, 1), ["Ohm", "ohm", "Ω", "OHM"]),
      (PhysicalUnit("kΩ", .resistance, 1e3), ["kOhm", "kohm", "KOhm", "kOHM"]),
      (PhysicalUnit("MΩ", .resistance, 1e6), ["MOhm", "Mohm", "MOHM"]),
      (PhysicalUnit("GΩ", .resistance, 1e9), ["GOhm", "Gohm"]),
      (PhysicalUnit("s", .time, 1), []),
      (PhysicalUnit("min", .time, 60), []),
      (PhysicalUnit("h", .time, 3600), []),
      (PhysicalUnit("Pa", .pressure, 1), []),
      (PhysicalUnit("kPa", .pressure, 1e3), []),
      (PhysicalUnit("MPa", .pressure, 1e6), []),
      (PhysicalUnit("bar", .pressure, 1e5), []),
    ]
  }()
}

/// Why a unit conversion could not be done.
public enum UnitError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The symbol is not in the unit table.
  case unknownUnit(String)
  /// The two units measure different things.
  case incompatible(from: String, PhysicalUnit.Dimension, to: String, PhysicalUnit.Dimension)

  /// A sentence a user can act on.
  public var description: String {
    switch self {
    case .unknownUnit(let s):
      let known = PhysicalUnit.all.map(\.symbol).joined(separator: " ")
      return "unknown unit '\(s)': known units are \(known)"
    case .incompatible(let a, let da, let b, let db):
      return "cannot convert \(a) (\(da.rawValue)) to \(b) (\(db.rawValue))"
    }
  }
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return String(s)
  }
}
