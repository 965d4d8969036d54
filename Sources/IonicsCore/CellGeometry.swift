/// The geometry of a sample between two electrodes: thickness l and
/// electrode area A, with their standard uncertainties.
public struct CellGeometry: Sendable, Codable, Equatable {
  /// Thickness l, cm.
  public var thicknessCentimetres: Double
  /// Standard uncertainty of l, cm.
  public var thicknessUncertaintyCentimetres: Double
  /// Electrode area A, cm².
  public var areaSquareCentimetres: Double
  /// Standard uncertainty of A, cm².
  public var areaUncertaintySquareCentimetres: Double

  /// A sample of area A (cm²) and thickness l (cm).
  public init(
    areaSquareCentimetres: Double, thicknessCentimetres: Double,
    areaUncertainty: Double = 0, thicknessUncertainty: Double = 0
  ) throws {
    guard areaSquareCentimetres > 0, areaSquareCentimetres.isFinite else {
      throw GeometryError.notPositive("area", areaSquareCentimetres)
    }
    guard thicknessCentimetres > 0, thicknessCentimetres.isFinite else {
      throw GeometryError.notPositive("thickness", thicknessCentimetres)
    }
    guard areaUncertainty >= 0, thicknessUncertainty >= 0 else {
      throw GeometryError.notPositive("uncertainty", min(areaUncertainty, thicknessUncertainty))
    }
    self.areaSquareCentimetres = areaSquareCentimetres
    self.thicknessCentimetres = thicknessCentimetres
    areaUncertaintySquareCentimetres = areaUncertainty
    thicknessUncertaintyCentimetres = thicknessUncertainty
  }

  /// A disc of diameter d and thickness l, both in mm (as pellets are
  /// described), with their standard uncertainties in mm.
  public static func disc(
    diameterMillimetres d: Double, thicknessMillimetres l: Double,
    diameterUncertainty: Double = 0, thicknessUncertainty: Double = 0
  ) throws -> CellGeometry {
    guard d > 0, d.isFinite else { throw GeometryError.notPositive("diameter", d) }
    let radiusCm = d / 20
    let area = Double.pi * radiusCm * radiusCm
    // dA/dd = π d/2 (mm) → in cm²: π·(d/10)/2·(δd/10).
    let areaError = Double.pi * (d / 10) / 2 * (diameterUncertainty / 10)
    return try CellGeometry(
      areaSquareCentimetres: area, thicknessCentimetres: l / 10, areaUncertainty: areaError,
      thicknessUncertainty: thicknessUncertainty / 10)
  }

  /// The cell constant l/A, cm⁻¹.
  public var cellConstantPerCentimetre: Double { thicknessCentimetres / areaSquareCentimetres }

  /// The capacitance of the empty cell, ε0·A/l, F.
  public var vacuumCapacitanceFarads: Double {
    PhysicalConstants.vacuumPermittivity / 100 / cellConstantPerCentimetre
  }
}

extension CellGeometry {
  /// The area as a measured value, cm².
  public var area: Measured {
    Measured(areaSquareCentimetres, standardUncertainty: areaUncertaintySquareCentimetres)
  }
  /// The thickness as a measured value, cm.
  public var thickness: Measured {
    Measured(thicknessCentimetres, standardUncertainty: thicknessUncertaintyCentimetres)
  }

  /// σ = l/(A·R), S/cm, for a resistance R in Ω, with the uncertainty of R,
  /// l and A propagated (independent, first order).
  public func conductivity(resistance r: Measured) -> Measured {
    let sigma = thicknessCentimetres / (areaSquareCentimetres * r.value)
    let relative = [
      r.relativeUncertainty, thickness.relativeUncertainty, area.relativeUncertainty,
    ].reduce(0) { $0 + $1 * $1 }.squareRoot()
    return Measured(sigma, standardUncertainty: abs(sigma) * relative)
  }

  /// R = l/(A·σ), Ω, for a conductivity σ in S/cm, with uncertainties propagated.
  public func resistance(conductivity sigma: Measured) -> Measured {
    let r = thicknessCentimetres / (areaSquareCentimetres * sigma.value)
    let relative = [
      sigma.relativeUncertainty, thickness.relativeUncertainty, area.relativeUncertainty,
    ].reduce(0) { $0 + $1 * $1 }.squareRoot()
    return Measured(r, standardUncertainty: abs(r) * relative)
  }
}

/// A geometry that makes no sense.
public enum GeometryError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A dimension that must be positive and finite.
  case notPositive(String, Double)

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .notPositive(let what, let value): return "the \(what) must be positive, got \(value)"
    }
  }
}
