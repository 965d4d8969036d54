import IonicsCore
/// One conductivity at one temperature.
public struct ConductivityPoint: Sendable, Codable, Equatable {
  /// Temperature, K.
  public var temperatureKelvin: Double
  /// σ, S/cm.
  public var conductivity: Double
  /// Standard uncertainty of σ, S/cm (0 when unknown).
  public var uncertainty: Double

  /// A point; `uncertainty` 0 means unknown (the fit then weights it equally).
  public init(temperatureKelvin: Double, conductivity: Double, uncertainty: Double = 0) {
    self.temperatureKelvin = temperatureKelvin
    self.conductivity = conductivity
    self.uncertainty = uncertainty
  }

  /// Temperature, °C.
  private enum CodingKeys: String, CodingKey {
    case temperatureKelvin
    case conductivity = "conductivitySiemensPerCentimetre"
    case uncertainty = "uncertaintySiemensPerCentimetre"
  }

  public var temperatureCelsius: Double { temperatureKelvin - PhysicalConstants.zeroCelsiusInKelvin }
}

/// Why a conductivity analysis could not run.
public enum ConductivityError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Too few points for the model.
  case tooFewPoints(needed: Int, got: Int, model: String)
  /// A temperature or conductivity that is not positive and finite.
  case invalidPoint(index: Int, String)
  /// Temperatures that could not be found, or that disagree, file by file.
  case temperatures([String])
  /// A manifest or table that could not be read.
  case table(file: String, line: Int, String)
  /// No arc or element to take the bulk resistance from.
  case bulk(String)

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .tooFewPoints(let needed, let got, let model):
      return "\(model) needs at least \(needed) temperatures, got \(got)"
    case .invalidPoint(let i, let what): return "point \(i + 1): \(what)"
    case .temperatures(let lines):
      return "temperatures:\n  " + lines.joined(separator: "\n  ")
    case .table(let file, let line, let what): return "\(file), line \(line): \(what)"
    case .bulk(let what): return what
    }
  }
}
