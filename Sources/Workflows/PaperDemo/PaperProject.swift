import Conductivity
import Crystal
import Cycling
import Diffraction
import Foundation
import Impedance
import IonicsCore
import Migration
import Spectroscopy
import Thermal

/// The bundled project `Examples/nrascn-paper/`: raw files in real
/// instrument formats, simulated by Ionics from the paper's published
/// values, with the manifest that turns them into the paper's report.
/// Every file says in its header that it is simulated, and the report
/// carries a notice. `ionics demo` reports on it; a test checks that the
/// bundled files are exactly what this writes.
package enum PaperProject {
  /// The notice at the top of the report.
  static let notice =
    "Every raw file of this project is simulated by Ionics from the values the NRASCN paper publishes (Inorg. Chem. Front. 2024, 11, 6671), with noise: the report shows the pipeline from raw files to figures, not a measurement. Values the paper does not give (the films' activation energy, the comparison cell's start, the storage series) are assumptions, named in the files' headers."

  /// Every file of the project: path relative to the project folder, and contents.
  package static func files() throws -> [(path: String, contents: String)] {
    var out: [(String, String)] = [("ionics.toml", manifest)]
    out.append(("structure/NRASCN-like.cif", NRASCNModel.cif))
    out.append(("xrd/NRASCN-like_CuKa.xy", try pattern()))
    out.append(("tga/NRASCN-solvate_10Kmin.txt", try thermogram()))
    for input in try SimulatedSeries.blockingPellet() {
      out.append(
        (
          String(format: "eis/pellet/NRASCN_pellet_%gC.csv", input.temperatureCelsius),
          "# simulated by Ionics: NRASCN pellet, 12 mm × 4 mm, Ea 0.32 eV, sigma(25 C) 1.05e-5 S/cm, 0.5 % noise\n"
            + spectrumCSV(input.spectrum)
        ))
    }
    for (k, film) in PaperExample.films.enumerated() {
      for (j, celsius) in [25.0, 40, 55, 70, 85].enumerated() {
        let spectrum = try filmSpectrum(conductivityAt25C: film.conductivity, celsius: celsius, seed: UInt64(100 * k + j))
        let stem = film.name.replacingOccurrences(of: "–", with: "-")
        out.append(
          (
            String(format: "eis/films/%@/%@_%gC.csv", stem, stem, celsius),
            "# simulated by Ionics: \(stem) film, 50 um on a 19 mm disc, sigma(25 C) \(film.conductivity) S/cm (paper), Ea \(filmActivationEnergy) eV (assumed)\n"
              + spectrumCSV(spectrum)
          ))
      }
    }
    out.append(
      (
        "eis/interface/NVP-NRASCN-Na_60C.csv",
        "# simulated by Ionics: NVP | NRASCN | Na cell, R0 150 ohm, interface arcs 1250 + 2462 = 3712 ohm (paper: about 3712 ohm)\n"
          + spectrumCSV(try twoArcSpectrum(r0: 150, r1: 1250, r2: 2462, seed: 31))
      ))
    for (k, hours) in storageHours.enumerated() {
      out.append(
        (
          String(format: "eis/storage/Na-NRASCN-PEO-Na_%gh.csv", hours),
          "# simulated by Ionics: Na | PEO-NaTFSI-NRASCN | Na stored \(formatNumber(hours)) h; R2 = 600 + 90*sqrt(t/h) ohm (assumed)\n"
            + spectrumCSV(try twoArcSpectrum(r0: 40, r1: 300, r2: 600 + 90 * hours.squareRoot(), seed: 40 + UInt64(k)))
        ))
    }
    let cell = PaperExample.simulatedCell(longCycles: 1000, activeMassGrams: 0.002, points: 8)
    out.append(
      (
        "cells/NVP_PEO-NaTFSI-NRASCN_Na_rate-then-1000-cycles.csv",
        "# simulated by Ionics: Na | PEO-NaTFSI-NRASCN | NVP, 2 mg NVP, 1 C = 117 mAh/g; rate test 0.1-2 C (5 cycles each), then 1000 cycles at 0.3 C (paper's capacities)\n"
          + cell.batteryDataFormatCSV
      ))
    let control = CellSimulator.cycling(
      [CellSimulator.Block(cRate: 0.3, dischargeMilliampHoursPerGram: (0..<1000).map { 100.0 - 28.0 * Double($0) / 999 })],
      activeMassGrams: 0.002, oneC: PaperExample.nominalMilliampHoursPerGram, window: 2.5...3.9, points: 8)
    out.append(
      (
        "cells/NVP_PEO-NaTFSI_Na_1000-cycles.csv",
        "# simulated by Ionics: Na | PEO-NaTFSI | NVP without NRASCN, 1000 cycles at 0.3 C from 100.0 (assumed) to 72.0 mAh/g (paper)\n"
          + control.batteryDataFormatCSV
      ))
    out.append(("xps/Na-anode_200-cycles_F1s_N1s.vms", photoelectronFile()))
    out += infraredFiles()
    for (failing, name) in [(false, "Na_PEO-NaTFSI-NRASCN_Na"), (true, "Na_PEO-NaTFSI_Na")] {
      var symmetric = PaperExample.simulatedSymmetricCell(failing: failing)
      symmetric.pointsPerHalfCycle = 24
      out.append(
        (
          "symmetric/\(name).csv",
          "# simulated by Ionics: \(name.replacingOccurrences(of: "_", with: " | ")), 0.05 mA/cm2 on 19 mm discs, 112 mV plateau\(failing ? ", erratic after 24 h" : "")\n"
            + symmetric.table().batteryDataFormatCSV
        ))
    }
    return out
  }

  /// Writes every file into `folder` (atomically; folders made as needed).
  package static func write(to folder: String) throws {
    for (path, contents) in try files() {
      let target = (folder as NSString).appendingPathComponent(path)
      do {
        try FileManager.default.createDirectory(
          atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      } catch {
        throw OutputError.cannotWrite(target, reason: error.localizedDescription)
      }
      try writeAtomically(contents, to: target)
    }
  }

  static let filmActivationEnergy = 0.5
  static let storageHours: [Double] = [0, 24, 48, 96, 168]

  /// A film between blocking electrodes: R in series with the electrodes' CPE
  /// (its bulk arc lies above 3 MHz).
  static func filmSpectrum(conductivityAt25C: Double, celsius: Double, seed: UInt64) throws -> ImpedanceSpectrum {
    let geometry = try CellGeometry.disc(
      diameterMillimetres: PaperExample.discDiameterMillimetres, thicknessMillimetres: PaperExample.filmThicknessMillimetres)
    let k = PhysicalConstants.boltzmannElectronvoltsPerKelvin
    let sigma = conductivityAt25C * exp(-filmActivationEnergy / k * (1 / Units.kelvin(fromCelsius: celsius) - 1 / 298.15))
    let r = geometry.resistance(conductivity: Measured(sigma)).value
    let grid = try CircuitSimulator.logarithmicGrid(from: 1e6, to: 0.1, pointsPerDecade: 10)
    var spectrum = try CircuitSimulator.simulate(
      try Circuit("R1-CPE1"), parameters: [r, 5e-6, 0.85], frequencies: grid, relativeNoise: 0.005, seed: seed)
    spectrum.metadata.temperatureCelsius = celsius
    return spectrum
  }

  /// A cell with an electrolyte resistance and two interface arcs.
  static func twoArcSpectrum(r0: Double, r1: Double, r2: Double, seed: UInt64) throws -> ImpedanceSpectrum {
    let grid = try CircuitSimulator.logarithmicGrid(from: 1e6, to: 0.01, pointsPerDecade: 10)
    return try CircuitSimulator.simulate(
      try Circuit("R0-p(R1,CPE1)-p(R2,CPE2)"), parameters: [r0, r1, 1e-6, 0.85, r2, 1e-4, 0.8], frequencies: grid,
      relativeNoise: 0.005, seed: seed)
  }

  /// The NRASCN-like structure's Cu Kα pattern, 5–50° 2θ by 0.02°, with a
  /// sloping background and counting noise (seeded), as `2θ intensity` text.
  static func pattern() throws -> String {
    let structure = try structure(fromCIF: NRASCNModel.cif, name: "NRASCN-like.cif")
    let powder = try PowderSimulation(radiation: try XRayRadiation("CuKa")).pattern(of: structure)
    let curve = try powder.profile(PeakProfile(width: .fixed(0.12)), range: 5...50, step: 0.02)
    var random = SplitMix64(seed: 3)
    var text = "# simulated by Ionics: NRASCN-like model (structure/NRASCN-like.cif), Cu Ka, FWHM 0.12 deg, background and Poisson-like noise\n"
    for point in curve {
      let counts = 40 + 30 * exp(-(point.twoTheta - 5) / 15) + 20 * point.intensity
      let noisy = counts + counts.squareRoot() * random.gaussian()
      text += fixed(point.twoTheta, 2) + " " + fixed(max(noisy, 0), 1) + "\n"
    }
    return text
  }

  /// The Na anode after 200 cycles (Fig. 5): F 1s with NaF at 683.5 eV
  /// beside the C–F3 of TFSI⁻, N 1s with Na3N at 396.7 eV beside a cyanide
  /// N, as a VAMAS file on a kinetic-energy axis (Al Kα, 0.05 eV steps,
  /// 0.1 s dwell), counts simulated with noise.
  static func photoelectronFile() -> String {
    let shape = LineShape.gaussianLorentzianProduct(mixing: 30)
    let regions: [(name: String, species: String, transition: String, range: ClosedRange<Double>, parts: [SimulatedRegion.Component])] = [
      ("F 1s", "F", "1s", 676...696, [.init(position: 683.5, width: 1.6, area: 30000), .init(position: 688.7, width: 1.8, area: 9000)]),
      ("N 1s", "N", "1s", 390...406, [.init(position: 396.7, width: 1.4, area: 6000), .init(position: 398.2, width: 1.5, area: 4000)]),
    ]
    let hv = 1486.6
    let spectra = regions.enumerated().map { k, r -> PhotoelectronSpectrum in
      let count = Int(((r.range.upperBound - r.range.lowerBound) / 0.05).rounded()) + 1
      // Kinetic energy rising = binding energy falling from the top of the range.
      let binding = (0..<count).map { r.range.upperBound - Double($0) * 0.05 }
      let counts = SimulatedRegion.counts(binding.reversed(), r.parts, shape: shape, seed: UInt64(50 + k)).reversed()
      return PhotoelectronSpectrum(
        name: r.name, sample: "Na anode after 200 cycles (simulated by Ionics)", technique: "XPS", species: r.species,
        transition: r.transition, photonEnergy: hv, source: "Al", passEnergy: 20, workFunction: nil,
        recordedAxis: .kinetic, energies: binding.map { hv - $0 }, signal: Array(counts), signalLabel: "counts",
        dwellSeconds: 0.1, scans: 1, transmission: nil, date: "2024-03-01 10:00:00")
    }
    return VAMASFile.text(
      spectra,
      comment: [
        "simulated by Ionics: F 1s NaF 683.5 eV + CF3 688.7 eV; N 1s Na3N 396.7 eV + cyanide 398.2 eV (paper: NaF 683.5, Na3N 396.7)"
      ])
  }

  /// Fig. S1: IR of the solvate as made and after drying at 200 °C, as
  /// JCAMP-DX transmittance. Drying removes the O–H stretch and H–O–H bend
  /// of water and the O–H and C–O stretches of methanol; the C≡N stretch of
  /// the cyanide framework stays.
  static func infraredFiles() -> [(String, String)] {
    typealias Band = SimulatedIRSpectrum.Band
    let framework = [Band(centre: 2125, fwhm: 35, height: 0.9), Band(centre: 2085, fwhm: 30, height: 0.35), Band(centre: 480, fwhm: 40, height: 0.2)]
    let solvent = [
      Band(centre: 3420, fwhm: 330, height: 0.32), Band(centre: 3590, fwhm: 90, height: 0.08),
      Band(centre: 1625, fwhm: 55, height: 0.14), Band(centre: 1020, fwhm: 35, height: 0.09),
      Band(centre: 2940, fwhm: 40, height: 0.03),
    ]
    let header = [
      "simulated by Ionics from the NRASCN paper's Fig. S1: C≡N 2125/2085 cm-1 (framework); as made also O–H 3420/3590, H–O–H 1625, C–O 1020, C–H 2940 cm-1 (water, methanol)"
    ]
    let asMade = SimulatedIRSpectrum.transmittance(framework + solvent, title: "NRASCN as made (simulated by Ionics)", seed: 61)
    let dried = SimulatedIRSpectrum.transmittance(framework, title: "NRASCN dried at 200 C (simulated by Ionics)", seed: 62)
    return [
      ("ir/NRASCN_as-made.jdx", JCAMPFile.text(asMade, comments: header)),
      ("ir/NRASCN_dried-200C.jdx", JCAMPFile.text(dried, comments: header)),
    ]
  }

  /// The solvate's TGA as a NETZSCH Proteus ASCII export.
  static func thermogram() throws -> String {
    let run = try SimulatedThermogram.paperSolvate(formula: try Formula(PaperExample.solvate))
    var text = """
      #EXPORTTYPE:DATA ALL
      #FORMAT:NETZSCH5
      #IDENTITY:NRASCN solvate (simulated by Ionics)
      #SAMPLE:Na6[Re4As2S2(CN)12].0.75CH3OH.6H2O, simulated by Ionics from the paper's formula
      #SAMPLE MASS /mg:\(formatNumber(run.metadata.sampleMassMilligrams ?? 10))
      #SEG. 1:25C/10.0(K/min)/900C
      #ATMOSPHERE:N2 (simulated)
      #SEPARATOR:SEMICOLON
      #DECIMAL:POINT
      ##Temp./°C;Time/min;Mass/%

      """
    for k in 0..<run.count {
      text += "\(fixed(run.temperatureCelsius[k], 3));\(fixed(run.timeMinutes[k], 4));\(fixed(run.massPercent[k], 5))\n"
    }
    return text
  }

  /// The manifest of the bundled project.
  static let manifest = """
    # The NRASCN paper (Inorg. Chem. Front. 2024, 11, 6671) as an Ionics project.
    # Every raw file here is simulated by Ionics from the paper's values (see each file's header).
    # Run: ionics report ionics.toml     (or: ionics demo)

    [project]
    title = "NRASCN, Na6[Re4As2S2(CN)12]: from raw files to the paper's figures"
    sample = "NRASCN"
    formula = "Na6[Re4As2S2(CN)12]·0.75CH3OH·6H2O"
    notice = "\(notice)"

    [structure]
    file = "structure/NRASCN-like.cif"
    mobile-ion = "Na+"
    charges = "molecular"
    spacing = 0.2

    [pattern]
    file = "xrd/NRASCN-like_CuKa.xy"
    radiation = "CuKa"

    [tga]
    file = "tga/NRASCN-solvate_10Kmin.txt"

    [conductivity]
    name = "NRASCN pellet"
    files = ["eis/pellet/*.csv"]
    circuit = "p(R1,CPE1)-CPE2"
    diameter = 12
    thickness = 4

    [[comparison]]
    name = "PEO–NaTFSI–NRASCN film"
    files = ["eis/films/PEO-NaTFSI-NRASCN/*.csv"]
    circuit = "R1-CPE1"
    bulk = "R1"
    diameter = 19
    thickness = 0.05

    [[comparison]]
    name = "PEO–NaTFSI film"
    files = ["eis/films/PEO-NaTFSI/*.csv"]
    circuit = "R1-CPE1"
    bulk = "R1"
    diameter = 19
    thickness = 0.05

    [[interface]]
    name = "NVP | NRASCN | Na"
    file = "eis/interface/NVP-NRASCN-Na_60C.csv"
    circuit = "R0-p(R1,CPE1)-p(R2,CPE2)"

    [storage]
    name = "Na | PEO–NaTFSI–NRASCN | Na"
    files = ["eis/storage/*.csv"]
    circuit = "R0-p(R1,CPE1)-p(R2,CPE2)"
    element = "R2"

    [[cell]]
    name = "Na | PEO–NaTFSI–NRASCN | NVP"
    file = "cells/NVP_PEO-NaTFSI-NRASCN_Na_rate-then-1000-cycles.csv"
    active-mass = 2
    one-c = 117

    [[cell]]
    name = "Na | PEO–NaTFSI | NVP"
    file = "cells/NVP_PEO-NaTFSI_Na_1000-cycles.csv"
    active-mass = 2
    one-c = 117
    comparison = true

    [[xps]]
    name = "the Na anode after 200 cycles at 0.3 C"
    file = "xps/Na-anode_200-cycles_F1s_N1s.vms"
    region = "F 1s"
    components = ["NaF@683.3", "CF3 of TFSI@688.9"]

    [[xps]]
    name = "the Na anode after 200 cycles at 0.3 C"
    file = "xps/Na-anode_200-cycles_F1s_N1s.vms"
    region = "N 1s"
    components = ["Na3N@396.9", "cyanide N@398.4"]

    [[ir]]
    name = "NRASCN"
    before = "ir/NRASCN_as-made.jdx"
    after = "ir/NRASCN_dried-200C.jdx"
    label-before = "as made"
    label-after = "dried at 200 °C"
    normalise = "2040-2200"

    [[symmetric]]
    name = "Na | PEO–NaTFSI–NRASCN | Na"
    file = "symmetric/Na_PEO-NaTFSI-NRASCN_Na.csv"
    area = 2.835

    [[symmetric]]
    name = "Na | PEO–NaTFSI | Na"
    file = "symmetric/Na_PEO-NaTFSI_Na.csv"
    area = 2.835

    """
}
