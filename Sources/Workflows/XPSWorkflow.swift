import Foundation
import IonicsCore
import Plots
import Spectroscopy

/// Photoelectron spectra: the regions of a VAMAS file, and the peak fit of
/// one region (`ionics xps`).
public enum XPSWorkflow {
  /// What to read and fit.
  public struct Request: Sendable {
    /// The VAMAS file.
    public var path: String
    /// The region: its 1-based number, name or label ("N 1s"); nil for the only one.
    public var region: String?
    /// Components to fit; empty lists the regions only.
    public var components: [XPSFit.Component] = []
    /// The background.
    public var background = XPSFit.Background.shirley
    /// Charge correction added to every binding energy, eV (for example
    /// 284.8 − the measured adventitious C 1s).
    public var shiftElectronvolts = 0.0
    /// Photon energy, eV, for files that state none (or a wrong one).
    public var photonEnergyElectronvolts: Double?
    /// Charge correction by a reference line of the same file: the region
    /// (label or name, "C 1s") whose main peak is set to the energy (eV,
    /// 284.8 for adventitious carbon); the shift then applies to the fitted
    /// region. Excludes `shiftElectronvolts`.
    public var chargeReference: (region: String, electronvolts: Double)?
    /// Whether to give every region's atomic percent (areas above a Shirley
    /// background, Scofield sensitivities).
    public var quantify = false
    /// Sensitivity factors that override or extend Scofield's ("F 1s": 4.43).
    public var sensitivities: [String: Double] = [:]
    /// Exponent of E_kin in the mean free path (0.6; 0 turns it off).
    public var meanFreePathExponent = 0.6
    /// Exponent of E_kin in the analyser transmission (0: corrected).
    public var transmissionExponent = 0.0
    /// Whether each component is a spin–orbit doublet of the region's core
    /// level (splitting from ``SpinOrbitDoublets`` or `splittingElectronvolts`).
    public var doublets = false
    /// The doublet splitting, eV, overriding the table.
    public var splittingElectronvolts: Double?

    /// A request for `path`.
    public init(path: String) { self.path = path }
  }

  /// One region of the file.
  public struct Region: Encodable, Sendable {
    /// 1-based number in the file.
    public let number: Int
    /// The block's name.
    public let name: String
    /// Species and transition ("N 1s"), or the name.
    public let label: String
    /// Technique.
    public let technique: String
    /// Source label.
    public let source: String
    /// Photon energy, eV.
    public let photonEnergyElectronvolts: Double?
    /// Pass energy, eV.
    public let passEnergyElectronvolts: Double?
    /// Points.
    public let points: Int
    /// Binding-energy range, eV (nil for Auger spectra).
    public let bindingEnergyLowElectronvolts: Double?
    /// Upper end of the binding-energy range, eV.
    public let bindingEnergyHighElectronvolts: Double?
    /// The scanned axis.
    public let recordedAxis: PhotoelectronSpectrum.Axis
    /// Dwell per point and scan, s.
    public let dwellSeconds: Double?
    /// Scans summed.
    public let scans: Int?
    /// Largest signal per second, counts/s.
    public let maximumCountsPerSecond: Double?
    /// The fit the file itself carries (CasaXPS' processing in a VAMAS
    /// block), to compare with; nil when there is none.
    public var storedFit: StoredFit? = nil
  }

  /// CasaXPS' own fit of a region, as stored in the file.
  public struct StoredFit: Encodable, Sendable {
    /// The program that made it.
    public let program: String
    /// Each quantification region: its background type and binding-energy limits, eV.
    public let backgrounds: [StoredBackground]
    /// The components, binding energies in eV.
    public let components: [StoredComponent]
    /// Lines of the processing that could not be read.
    public let unreadLines: Int
  }

  /// A stored region's background.
  public struct StoredBackground: Encodable, Sendable {
    /// Region name.
    public let name: String
    /// Background type ("U 3 Tougaard").
    public let type: String
    /// Parameters as written (B, C, D, T₀ for the Tougaard types).
    public let parameters: [Double]
    /// Lower binding-energy limit, eV (nil without a photon energy).
    public let bindingEnergyLowElectronvolts: Double?
    /// Upper binding-energy limit, eV.
    public let bindingEnergyHighElectronvolts: Double?
  }

  /// A stored component.
  public struct StoredComponent: Encodable, Sendable {
    /// Name.
    public let name: String
    /// The program's line-shape name.
    public let shape: String
    /// Position, binding energy, eV (nil without a photon energy).
    public let positionElectronvolts: Double?
    /// Position, kinetic energy, eV.
    public let positionKineticElectronvolts: Double
    /// FWHM, eV.
    public let fwhmElectronvolts: Double
    /// Area, counts·eV/s.
    public let area: Double
    /// Parameters the program left on a bound ("position", "fwhm", "area").
    public let onBound: [String]
  }

  /// The points of the region the file stores for `spectrum` (its first
  /// CasaXPS region) and the background computed there with the region's own
  /// type and parameters.
  static func storedRegion(_ spectrum: PhotoelectronSpectrum, binding: [Double], shift: Double, file: String) throws -> (
    energies: [Double], signal: [Double], background: [Double]
  ) {
    guard let region = spectrum.casaXPS?.regions.first, let hv = spectrum.photonEnergy else {
      throw WorkflowError.missingParameter(
        "stored background",
        why: "\(spectrum.label) carries no CasaXPS region with a photon energy; choose \(XPSFit.Background.names.filter { $0 != "stored" }.joined(separator: ", "))")
    }
    let kinetic = binding.map { hv - $0 }
    do {
      let (indices, background) = try region.background(kinetic: kinetic, signal: spectrum.signal)
      return (indices.map { binding[$0] + shift }, indices.map { spectrum.signal[$0] }, background)
    } catch {
      throw WorkflowError.inFile(file, "\(error)")
    }
  }

  /// The stored fit of `spectrum`, in binding energies where the photon energy is known.
  static func storedFit(_ spectrum: PhotoelectronSpectrum) -> StoredFit? {
    guard let casa = spectrum.casaXPS else { return nil }
    let hv = spectrum.photonEnergy
    func binding(_ kinetic: Double) -> Double? { hv.map { CasaXPSProcessing.bindingEnergy(kinetic: kinetic, photonEnergy: $0) } }
    return StoredFit(
      program: "CasaXPS",
      backgrounds: casa.regions.map {
        StoredBackground(
          name: $0.name, type: $0.background, parameters: $0.parameters,
          bindingEnergyLowElectronvolts: binding($0.endKinetic), bindingEnergyHighElectronvolts: binding($0.startKinetic))
      },
      components: casa.components.map { c in
        StoredComponent(
          name: c.name, shape: c.lineShape, positionElectronvolts: binding(c.positionKinetic.value),
          positionKineticElectronvolts: c.positionKinetic.value, fwhmElectronvolts: c.fwhm.value, area: c.area.value,
          onBound: [("position", c.positionKinetic), ("fwhm", c.fwhm), ("area", c.area)].filter { $0.1.atBound }.map(\.0))
      },
      unreadLines: casa.unreadLines)
  }

  /// The fit of one region.
  public struct Fit: Encodable, Sendable {
    /// The region fitted.
    public let region: String
    /// The background.
    public let background: XPSFit.Background
    /// The charge correction applied, eV.
    public let shiftElectronvolts: Double
    /// Where the correction came from: "given", or the reference line and
    /// its measured position ("C 1s main peak at 285.62 eV set to 284.8 eV").
    public let shiftSource: String
    /// The components.
    public let components: [XPSFit.FittedComponent]
    /// χ² with Poisson weights on the counts.
    public let chiSquared: Double
    /// χ² per degree of freedom.
    public let reducedChiSquared: Double
    /// Whether the minimiser converged.
    public let converged: Bool
    /// The spin–orbit doublet each component was made into, when asked.
    public var doublet: SpinOrbitDoublets.Doublet? = nil
  }

  /// The regions' atomic percent.
  public struct Quantification: Encodable, Sendable {
    /// One share per quantified region.
    public let shares: [XPSQuantification.Share]
    /// Regions left out, and why.
    public let skipped: [String]
    /// Exponent of E_kin in the mean free path.
    public let meanFreePathExponent: Double
    /// Exponent of E_kin in the transmission.
    public let transmissionExponent: Double
  }

  /// What `run` gives.
  public struct Outcome: Sendable {
    /// Every region of the file.
    public let regions: [Region]
    /// The atomic percent of the regions, when asked for.
    public var quantification: Quantification? = nil
    /// The fit, when components were given.
    public let fit: Fit?
    /// The full fit result (curves), when fitted.
    public let result: XPSFit.Result?
  }

  /// Reads the file, and fits the chosen region when components are given.
  public static func run(_ request: Request) throws -> Outcome {
    let data = try readInput(request.path)
    let name = URL(fileURLWithPath: request.path).lastPathComponent
    var spectra: [PhotoelectronSpectrum]
    do {
      spectra = try PhotoelectronFile.read(data, source: name)
    } catch {
      throw WorkflowError.inFile(request.path, "\(error)")
    }
    if let hv = request.photonEnergyElectronvolts {
      guard hv > 0, hv < 1e6 else {
        throw WorkflowError.invalidParameter("photon energy", value: "\(hv)", expected: "a positive energy in eV")
      }
      for k in spectra.indices { spectra[k].photonEnergy = hv }
    }
    let regions = spectra.enumerated().map { k, s in
      let be = s.bindingEnergies
      return Region(
        number: k + 1, name: s.name, label: s.label, technique: s.technique, source: s.source,
        photonEnergyElectronvolts: s.photonEnergy, passEnergyElectronvolts: s.passEnergy, points: s.count,
        bindingEnergyLowElectronvolts: be?.min(), bindingEnergyHighElectronvolts: be?.max(),
        recordedAxis: s.recordedAxis, dwellSeconds: s.dwellSeconds, scans: s.scans,
        maximumCountsPerSecond: s.countsPerSecond?.max(), storedFit: storedFit(s))
    }
    var quantification: Quantification?
    if request.quantify {
      let known = XPSQuantification.scofieldAlKalpha.merging(request.sensitivities) { $1 }
      let lines = XPSQuantification.regionAreas(spectra)
      let usable = lines.filter { known[$0.label] != nil }
      let skipped = spectra.map(\.label).filter { label in !usable.contains { $0.label == label } }
        .map { "\($0): no sensitivity factor or no binding energies" }
      let hv = spectra.compactMap(\.photonEnergy).first ?? 1486.6
      do {
        quantification = Quantification(
          shares: try XPSQuantification.atomicPercent(
            usable, photonEnergy: hv, sensitivities: request.sensitivities,
            meanFreePathExponent: request.meanFreePathExponent, transmissionExponent: request.transmissionExponent),
          skipped: skipped, meanFreePathExponent: request.meanFreePathExponent,
          transmissionExponent: request.transmissionExponent)
      } catch {
        throw WorkflowError.invalidParameter("quantification", value: request.path, expected: "\(error)")
      }
    }
    guard !request.components.isEmpty else {
      return Outcome(regions: regions, quantification: quantification, fit: nil, result: nil)
    }
    let index = try pick(request.region, in: spectra, file: request.path)
    let spectrum = spectra[index]
    guard let binding = spectrum.bindingEnergies else {
      throw WorkflowError.missingParameter(
        "photon energy", why: "\(spectrum.label) is on a kinetic-energy axis and the file states no photon energy")
    }
    var shift = request.shiftElectronvolts
    var shiftSource = shift == 0 ? "none" : "given"
    if let reference = request.chargeReference {
      guard shift == 0 else {
        throw WorkflowError.invalidParameter(
          "charge correction", value: "a shift and a reference line", expected: "one of the two")
      }
      let k = try pick(reference.region, in: spectra, file: request.path)
      let measured = try referencePosition(spectra[k])
      shift = reference.electronvolts - measured
      shiftSource = "\(spectra[k].label) main peak at \(fixed(measured, 2)) eV set to \(formatNumber(reference.electronvolts)) eV"
    }
    guard shift.isFinite, abs(shift) < 100 else {
      throw WorkflowError.invalidParameter("charge correction", value: "\(shift) eV", expected: "a shift within ±100 eV")
    }
    var components = request.components
    var doublet: SpinOrbitDoublets.Doublet?
    if request.doublets {
      guard
        let d = SpinOrbitDoublets.doublet(
          element: spectrum.species, level: spectrum.transition, splitting: request.splittingElectronvolts)
      else {
        throw WorkflowError.missingParameter(
          "splitting",
          why: "\(spectrum.label) is not a p, d or f level with a tabulated spin–orbit splitting; give the splitting in eV")
      }
      doublet = d
      components = SpinOrbitDoublets.expand(components, d)
    }
    var shifted = binding.map { $0 + shift }
    var signal = spectrum.signal
    var stored: [Double]?
    if request.background == .stored {
      (shifted, signal, stored) = try storedRegion(spectrum, binding: binding, shift: shift, file: request.path)
    }
    let result: XPSFit.Result
    do {
      result = try XPSFit.fit(
        energies: shifted, signal: signal, components: components, background: request.background,
        storedBackground: stored)
    } catch let error as XPSFit.ModelError {
      throw WorkflowError.invalidParameter("components", value: components.map(\.name).joined(separator: ", "), expected: error.description)
    }
    let fit = Fit(
      region: spectrum.label, background: request.background, shiftElectronvolts: shift, shiftSource: shiftSource,
      components: result.components, chiSquared: result.chiSquared, reducedChiSquared: result.reducedChiSquared,
      converged: result.converged, doublet: doublet)
    return Outcome(regions: regions, quantification: quantification, fit: fit, result: result)
  }

  /// The binding energy of a reference region's main peak: one GL(30)
  /// component started at the largest signal, on a Shirley background.
  static func referencePosition(_ s: PhotoelectronSpectrum) throws -> Double {
    guard let binding = s.bindingEnergies, let top = s.signal.indices.max(by: { s.signal[$0] < s.signal[$1] }) else {
      throw WorkflowError.missingParameter("photon energy", why: "the reference region \(s.label) has no binding energies")
    }
    var component = XPSFit.Component("reference", position: binding[top])
    component.positionRange = (binding[top] - 1.5)...(binding[top] + 1.5)
    do {
      return try XPSFit.fit(energies: binding, signal: s.signal, components: [component]).components[0]
        .positionElectronvolts
    } catch {
      throw WorkflowError.invalidParameter("charge reference", value: s.label, expected: "a region with one main peak (\(error))")
    }
  }

  /// The region named by `choice`: a 1-based number, a name or a label.
  static func pick(_ choice: String?, in spectra: [PhotoelectronSpectrum], file: String) throws -> Int {
    guard let choice else {
      guard spectra.count == 1 else {
        throw WorkflowError.missingParameter(
          "region", why: "\(file) holds \(spectra.count) regions: \(spectra.map(\.label).joined(separator: ", "))")
      }
      return 0
    }
    if let n = Int(choice), n >= 1, n <= spectra.count { return n - 1 }
    let wanted = choice.lowercased().replacingOccurrences(of: " ", with: "")
    if let k = spectra.firstIndex(where: {
      $0.label.lowercased().replacingOccurrences(of: " ", with: "") == wanted
        || $0.name.lowercased().replacingOccurrences(of: " ", with: "") == wanted
    }) {
      return k
    }
    throw WorkflowError.invalidParameter(
      "region", value: choice, expected: "a number 1–\(spectra.count) or one of \(spectra.map(\.label).joined(separator: ", "))")
  }

  /// A charge reference written "REGION=ENERGY" ("C 1s=284.8").
  public static func chargeReference(_ text: String) throws -> (region: String, electronvolts: Double) {
    guard let (region, e) = regionValue(text), e < 2000 else {
      throw WorkflowError.invalidParameter(
        "charge reference", value: text, expected: "REGION=ENERGY in eV, such as \"C 1s=284.8\"")
    }
    return (region, e)
  }

  /// A sensitivity factor written "REGION=S" ("Mo 3d=9.5").
  public static func sensitivity(_ text: String) throws -> (region: String, factor: Double) {
    guard let (region, s) = regionValue(text) else {
      throw WorkflowError.invalidParameter("sensitivity factor", value: text, expected: "REGION=S, such as \"Mo 3d=9.5\"")
    }
    return (region, s)
  }

  /// "REGION=VALUE" with a positive finite value.
  static func regionValue(_ text: String) -> (String, Double)? {
    let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2, !parts[0].isEmpty, let v = Double(parts[1]), v.isFinite, v > 0 else { return nil }
    return (parts[0], v)
  }

  /// A component written "NAME@POSITION" or "NAME@POSITION:WIDTH" (eV).
  public static func component(_ text: String, shape: LineShape) throws -> XPSFit.Component {
    let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
    let numbers = parts.count == 2 ? parts[1].split(separator: ":").map { Double($0) } : []
    guard parts.count == 2, !parts[0].isEmpty, let first = numbers.first, let position = first, position.isFinite,
      numbers.count <= 2, numbers.allSatisfy({ $0.map { $0.isFinite && $0 > 0 } ?? false })
    else {
      throw WorkflowError.invalidParameter(
        "component", value: text, expected: "NAME@POSITION or NAME@POSITION:WIDTH in eV, such as NaF@683.5:1.4")
    }
    var component = XPSFit.Component(parts[0], shape: shape, position: position)
    if numbers.count == 2, let width = numbers[1] {
      guard width >= 0.1, width <= 10 else {
        throw WorkflowError.invalidParameter("component width", value: "\(width) eV", expected: "0.1–10 eV")
      }
      component.width = width
      component.widthRange = (width / 3)...(width * 3)
    }
    return component
  }
}

extension XPSWorkflow.Outcome {
  /// The fit drawn on a binding-energy axis growing to the left, with its residuals.
  public var figure: Figure? {
    guard let r = result, let fit else { return nil }
    return SpectroscopyPlots.photoelectronFit(
      energies: r.energies, signal: r.signal, background: r.background,
      components: zip(fit.components, r.curves).map { c, curve in
        .init(
          name: "\(c.name) \(fixed(c.positionElectronvolts, 2)) eV",
          values: zip(curve, r.background).map(+))
      }, envelope: r.envelope, residuals: r.residuals, signalLabel: "intensity / counts", title: fit.region)
  }
}
