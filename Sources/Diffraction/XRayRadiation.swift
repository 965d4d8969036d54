import Foundation

/// The X-rays of a diffraction experiment: one or more wavelengths with
/// their relative weights, named as diffractometers and pymatgen name them.
///
/// `CuKa1`, `CuKa2`, `CuKb1` and the like are single lines; `CuKa` is the
/// weighted mean of Kα1 and Kα2 as one wavelength (1.54184 Å, pymatgen's
/// "CuKa"); `CuKa12` is the doublet, Kα1 and Kα2 at the usual 2 : 1 ratio.
/// Cu, Mo, Cr, Fe, Co and Ag are known; any other wavelength is given in Å.
public struct XRayRadiation: Sendable, Equatable, CustomStringConvertible {
  /// One wavelength: Å, relative weight, and its line's index in the
  /// anomalous-dispersion table (nil for a wavelength given by number).
  public struct Component: Sendable, Equatable {
    /// Wavelength, Å.
    public var wavelength: Double
    /// Relative weight (Kα2 is 0.5 in a doublet).
    public var weight: Double
    /// The line's name, e.g. `CuKa1`.
    public var line: String?
  }

  /// The name as given.
  public var name: String
  /// The wavelengths.
  public var components: [Component]

  /// A named line, a doublet (`CuKa12`), a wavelength in Å (`1.5406`),
  /// or two wavelengths and the second's weight (`1.5405,1.5443,0.5`, as an
  /// instrument file gives them; the weight is 0.5 when left out).
  public init(_ name: String) throws(DiffractionError) {
    self.name = name
    if name.contains(",") {
      let parts = name.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard parts.count == 2 || parts.count == 3, let l1 = parts[0], let l2 = parts[1],
        l1 > 0.05, l1 < 20, l2 > 0.05, l2 < 20
      else {
        throw .badInput("radiation '\(name)': expected two wavelengths in Å and an optional weight, such as 1.5405,1.5443,0.5")
      }
      let ratio = parts.count == 3 ? parts[2] ?? .nan : 0.5
      guard ratio.isFinite, ratio >= 0, ratio <= 2 else {
        throw .badInput("radiation '\(name)': the second line's weight must be from 0 to 2")
      }
      components = [
        Component(wavelength: l1, weight: 1, line: nil), Component(wavelength: l2, weight: ratio, line: nil),
      ]
      return
    }
    if let lambda = Double(name) {
      guard lambda > 0.05, lambda < 20 else {
        throw .badInput("wavelength \(name) Å is outside 0.05–20 Å")
      }
      components = [Component(wavelength: lambda, weight: 1, line: nil)]
      return
    }
    let key = name.replacingOccurrences(of: "α", with: "a").replacingOccurrences(of: "β", with: "b")
      .replacingOccurrences(of: " ", with: "")
    func line(_ n: String) -> Component? {
      ScatteringTables.lines.first { $0.name.lowercased() == n.lowercased() }.map {
        Component(wavelength: $0.wavelength, weight: 1, line: $0.name)
      }
    }
    if key.lowercased().hasSuffix("ka12") {
      let anode = String(key.dropLast(4))
      guard var k1 = line(anode + "Ka1"), var k2 = line(anode + "Ka2") else {
        throw .badInput("no Kα doublet known for '\(name)' (Cu, Mo, Cr, Fe, Co, Ag)")
      }
      k1.weight = 1
      k2.weight = 0.5
      components = [k1, k2]
      return
    }
    guard let single = line(key) else {
      throw .badInput(
        "radiation '\(name)': expected a line such as CuKa1, CuKa (weighted Kα), CuKa12 (doublet), MoKa1, or a wavelength in Å"
      )
    }
    components = [single]
  }

  /// The radiation a pattern file's wavelength stands for: a laboratory
  /// tube's Kα doublet when λ is within 0.0005 Å of a known Kα1 line (files
  /// state Kα1; the tube emits both), else that single wavelength.
  /// A Kα2 ratio of 0 (a Kα1 monochromator) keeps the single line.
  public static func stated(by wavelength: Double, kAlpha2Ratio: Double? = nil) throws(DiffractionError)
    -> XRayRadiation
  {
    if kAlpha2Ratio != 0, let line = ScatteringTables.lines.first(where: {
      $0.name.hasSuffix("Ka1") && abs($0.wavelength - wavelength) < 0.0005
    }) {
      return try XRayRadiation(String(line.name.dropLast(3)) + "Ka12")
    }
    return try XRayRadiation(String(wavelength))
  }

  /// The name and wavelengths.
  public var description: String {
    components.map {
      "\($0.line ?? "λ") \(String(format: "%.5f", $0.wavelength)) Å"
        + ($0.weight != 1 ? " × \(String(format: "%g", $0.weight))" : "")
    }.joined(separator: " + ")
  }
}

/// Why a diffraction calculation or file could not be done or read.
public enum DiffractionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An argument or file value that cannot be used, with the reason.
  case badInput(String)

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .badInput(let why): return why
    }
  }
}
