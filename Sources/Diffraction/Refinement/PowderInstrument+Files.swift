import Foundation
import IonicsCore

extension PowderInstrument {
  /// Reads an instrument-parameter file of GSAS (`.prm`/`.iprm`: `INS`
  /// records) or GSAS-II (`.instprm`: `key:value` lines), recognised from
  /// the content. From a GSAS file: the wavelengths and Kα2 ratio (`ICONS`;
  /// zero in centidegrees), the polarisation, and the first profile
  /// function when it is type 3 or 4 (GU, GV, GW, LX, LY, S/L, H/L; GSAS
  /// and Ionics share these units). From GSAS-II: `Lam`/`Lam1`/`Lam2`,
  /// `I(L2)/I(L1)`, `Zero`, `Polariz.`, U, V, W, X, Y and SH/L (taken as S/L
  /// = H/L). `source` names the file in errors.
  public static func read(_ data: Data, source: String) throws(DiffractionError) -> PowderInstrument {
    let text = TextDecoding.decode(data)
    let lines = text.split(whereSeparator: \.isNewline).map(String.init)
    if lines.contains(where: { $0.hasPrefix("INS ") }) { return try gsas(lines, source: source) }
    if lines.contains(where: { $0.hasPrefix("Type:") }) { return try gsasII(lines, source: source) }
    throw .badInput(
      "\(source): not an instrument-parameter file: expected GSAS 'INS' records (.prm) or GSAS-II 'key:value' lines with 'Type:' (.instprm)"
    )
  }

  /// A GSAS `.prm`: fixed-column `INS` records, bank 1.
  static func gsas(_ lines: [String], source: String) throws(DiffractionError) -> PowderInstrument {
    var records: [String: (line: Int, value: String)] = [:]
    for (n, line) in lines.enumerated() where line.hasPrefix("INS ") && line.count > 12 {
      let key = String(line.prefix(12)).replacingOccurrences(of: " ", with: "")
      if records[key] == nil { records[key] = (n + 1, String(line.dropFirst(12))) }
    }
    func column(_ s: String, _ from: Int, _ to: Int) -> Double? {
      let chars = Array(s)
      guard from < chars.count else { return nil }
      return Double(String(chars[from..<min(to, chars.count)]).trimmingCharacters(in: .whitespaces))
    }
    if let type = records["INSHTYPE"]?.value.trimmingCharacters(in: .whitespaces), !type.hasPrefix("PXC"),
      !type.hasPrefix("PNC")
    {
      throw .badInput("\(source): histogram type \(type): only constant-wavelength instruments (PXC, PNC) are read")
    }
    guard let icons = records["INS1ICONS"], let lambda1 = column(icons.value, 0, 10), lambda1 > 0.05, lambda1 < 20
    else {
      throw .badInput("\(source): expected an 'INS  1 ICONS' record whose first 10 columns hold λ1 in Å")
    }
    let lambda2 = column(icons.value, 10, 20) ?? 0
    let zero = (column(icons.value, 20, 30) ?? 0) / 100
    let polarization = column(icons.value, 40, 50)
    let ratio = column(icons.value, 55, 65) ?? 0.5
    let radiation: XRayRadiation
    if lambda2 > 0.05 {
      radiation = try XRayRadiation("\(lambda1),\(lambda2),\(ratio)")
    } else {
      radiation = try XRayRadiation(String(lambda1))
    }
    var instrument = PowderInstrument(
      radiation: radiation, geometry: lambda2 > 0.05 ? .braggBrentano : .debyeScherrer, zero: zero,
      polarization: polarization, source: source)
    guard let kind = records["INS1PRCF1"] else { return instrument }
    let header = kind.value.split(separator: " ")
    guard let type = header.first.flatMap({ Int($0) }) else {
      throw .badInput("\(source), line \(kind.line): expected the profile type after 'PRCF1'")
    }
    guard type == 3 || type == 4 else {
      throw .badInput(
        "\(source), line \(kind.line): profile function \(type) is not read (types 3 and 4, the TCH pseudo-Voigt with FCJ asymmetry, are)")
    }
    var terms: [Double] = []
    for k in 1...2 {
      guard let record = records["INS1PRCF1\(k)"] else { break }
      let values = record.value.split(separator: " ").compactMap { Double($0.replacingOccurrences(of: "D", with: "E")) }
      guard values.count == 4 else {
        throw .badInput("\(source), line \(record.line): expected 4 profile terms in 'PRCF1\(k)'")
      }
      terms += values
    }
    guard terms.count == 8, terms.allSatisfy(\.isFinite) else {
      throw .badInput("\(source): expected the profile terms GU GV GW GP (PRCF11) and LX LY S/L H/L (PRCF12)")
    }
    instrument.profile = PowderProfile(u: terms[0], v: terms[1], w: terms[2], x: terms[4], y: terms[5])
    instrument.asymmetry = AxialDivergence(sampleOverRadius: terms[6], detectorOverRadius: terms[7])
    return instrument
  }

  /// A GSAS-II `.instprm`: `key:value` pairs, one per line or several
  /// separated by ';', `#` comments.
  static func gsasII(_ lines: [String], source: String) throws(DiffractionError) -> PowderInstrument {
    var values: [String: Double] = [:]
    var type = ""
    // A line may hold several `key:value` pairs separated by ';'.
    for line in lines.flatMap({ $0.split(separator: ";").map(String.init) }) where !line.hasPrefix("#") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let key = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
      let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
      if key == "Type" { type = value }
      if let number = Double(value), number.isFinite { values[key] = number }
    }
    guard type.hasPrefix("PXC") || type.hasPrefix("PNC") else {
      throw .badInput("\(source): instrument type '\(type)': only constant-wavelength instruments (PXC, PNC) are read")
    }
    let radiation: XRayRadiation
    if let l1 = values["Lam1"], let l2 = values["Lam2"] {
      radiation = try XRayRadiation("\(l1),\(l2),\(values["I(L2)/I(L1)"] ?? 0.5)")
    } else if let lambda = values["Lam"] {
      radiation = try XRayRadiation(String(lambda))
    } else {
      throw .badInput("\(source): expected 'Lam:' or 'Lam1:' and 'Lam2:' (wavelengths in Å)")
    }
    let profile = PowderProfile(
      u: values["U"] ?? 0, v: values["V"] ?? 0, w: values["W"] ?? 10, x: values["X"] ?? 0, y: values["Y"] ?? 0)
    return PowderInstrument(
      radiation: radiation, geometry: values["Lam2"] != nil ? .braggBrentano : .debyeScherrer,
      zero: values["Zero"] ?? 0, profile: profile, asymmetry: AxialDivergence(shOverL: values["SH/L"] ?? 0),
      polarization: values["Polariz."], source: source)
  }
}

extension PowderInstrument {
  /// The instrument as a GSAS-II `.instprm`, for later runs: wavelengths
  /// and Kα2 ratio, zero, polarisation (0.5, unpolarised, when unknown),
  /// U, V, W, X, Y and SH/L (= S/L + H/L), in the units ``read(_:source:)``
  /// takes back. The displacement is the sample's and is not written.
  public var instprm: String {
    var lines = ["#GSAS-II instrument parameter file; written by Ionics from a refinement", "Type:PXC", "Bank:1"]
    let waves = radiation.components
    if waves.count >= 2 {
      lines.append("Lam1:\(waves[0].wavelength)")
      lines.append("Lam2:\(waves[1].wavelength)")
      lines.append("I(L2)/I(L1):\(waves[0].weight > 0 ? waves[1].weight / waves[0].weight : 0)")
    } else if let lambda = waves.first?.wavelength {
      lines.append("Lam:\(lambda)")
    }
    lines.append("Zero:\(zero)")
    lines.append("Polariz.:\(polarization ?? 0.5)")
    lines.append("Azimuth:0.0")
    lines.append("U:\(profile.u)")
    lines.append("V:\(profile.v)")
    lines.append("W:\(profile.w)")
    lines.append("X:\(profile.x)")
    lines.append("Y:\(profile.y)")
    lines.append("Z:0.0")
    lines.append("SH/L:\(asymmetry.shOverL)")
    return lines.joined(separator: "\n") + "\n"
  }
}
