import Foundation
import Impedance
import IonicsCore

/// `ionics init`: a first manifest for a folder of raw files. Every file is
/// recognised from its content (as `ionics identify` does) and read for its
/// facts; files are grouped by technique and sample (spectra by folder, a
/// folder of several spectra being a temperature series; cycler files by
/// their voltage window, a window around 0 V being a symmetric cell). What a
/// file states (geometry in a Novocontrol header, the active mass of an
/// `.mpr`, the wavelength of an `.xrdml`) is used; what no file can say
/// (pellet thickness, the circuit, 1 C) is a commented placeholder marked
/// `PLACEHOLDER`, so that the section that needs it fails with a clear
/// reason until it is filled in.
public enum ProjectInit {
  /// What `init` found and wrote.
  public struct Outcome: Sendable {
    /// The manifest's text.
    public let manifest: String
    /// The files recognised, by the section they were put in.
    public let assigned: [(section: String, files: [String])]
    /// Files no section takes (settings, notes, unknown formats), with why.
    public let unused: [(file: String, why: String)]
    /// Number of placeholders left to fill in.
    public let placeholders: Int
  }

  /// The manifest for the files under `folder`.
  public static func make(folder: String) throws -> Outcome {
    let files = try IdentifyWorkflow.files(under: [folder]).filter {
      !$0.hasSuffix("/ionics.toml") && !$0.contains("/report/")
    }
    let identities = IdentifyWorkflow.identify(files, reading: true)
    func relative(_ path: String) -> String {
      let base = folder.hasSuffix("/") ? folder : folder + "/"
      return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
    var structures: [FileIdentity] = []
    var patterns: [FileIdentity] = []
    var thermal: [FileIdentity] = []
    var spectrometers: [FileIdentity] = []
    var spectra: [FileIdentity] = []
    var cyclers: [FileIdentity] = []
    var photoelectron: [FileIdentity] = []
    var infrared: [FileIdentity] = []
    var unused: [(String, String)] = []
    for identity in identities {
      guard identity.outcome == .read || identity.outcome == .recognised, let reader = identity.reader else {
        unused.append((relative(identity.file), identity.problem ?? "\(identity.formatName): no analysis reads it"))
        continue
      }
      switch reader {
      case .structure: structures.append(identity)
      case .diffraction: patterns.append(identity)
      case .thermal: thermal.append(identity)
      case .massSpectrometry: spectrometers.append(identity)
      case .impedance: spectra.append(identity)
      case .cycling: cyclers.append(identity)
      case .photoelectron: photoelectron.append(identity)
      case .infrared: infrared.append(identity)
      }
    }
    var out = ManifestText()
    var assigned: [(String, [String])] = []
    out.line("# Ionics project manifest, written by `ionics init` from the files of this folder.")
    out.line("# Paths are relative to this file; lines marked PLACEHOLDER need a value only you know.")
    out.line("# Then: ionics report ionics.toml")
    out.line("")
    out.line("[project]")
    out.line("title = \(quoted("Report: \((folder as NSString).lastPathComponent)"))")
    out.placeholder("sample = \"…\"", "the sample's name")
    out.placeholder("formula = \"…\"", "the formula as made, solvates after · (for the TGA's solvent assignment)")
    if let cif = structures.first {
      assigned.append(("structure", [relative(cif.file)]))
      out.line("")
      out.line("[structure]")
      out.line("file = \(quoted(relative(cif.file)))")
      out.placeholder("mobile-ion = \"Na\"", "the mobile ion, for the migration map and barriers")
    }
    if let pattern = patterns.first {
      assigned.append(("pattern", [relative(pattern.file)]))
      out.line("")
      out.line("[pattern]")
      out.line("file = \(quoted(relative(pattern.file)))")
      if let lambda = pattern.facts?.wavelengthAngstrom {
        out.line("# the file states its wavelength, \(formatNumber(lambda)) Å: no radiation needed")
      } else {
        out.placeholder("radiation = \"CuKa\"", "the file states no wavelength")
      }
      if structures.isEmpty { out.line("# a [structure] CIF is needed to compare the pattern with") }
    }
    if let run = thermal.first {
      assigned.append(("tga", [relative(run.file)] + spectrometers.prefix(1).map { relative($0.file) }))
      out.line("")
      out.line("[tga]")
      out.line("file = \(quoted(relative(run.file)))")
      if let ms = spectrometers.first { out.line("ms = \(quoted(relative(ms.file)))") }
    }
    try writeImpedance(spectra, relative: relative, into: &out, assigned: &assigned)
    writeCells(cyclers, relative: relative, into: &out, assigned: &assigned)
    writePhotoelectron(photoelectron, relative: relative, into: &out, assigned: &assigned)
    writeInfrared(infrared, relative: relative, into: &out, assigned: &assigned, unused: &unused)
    return Outcome(
      manifest: out.text, assigned: assigned, unused: unused, placeholders: out.placeholders)
  }

  /// Spectra grouped by folder: the largest group of several is the
  /// conductivity series, other groups are compared with it, single spectra
  /// are interface spectra; names with hours ("_48h") make a storage series.
  static func writeImpedance(
    _ spectra: [FileIdentity], relative: (String) -> String, into out: inout ManifestText,
    assigned: inout [(String, [String])]
  ) throws {
    let byFolder = Dictionary(grouping: spectra) { ($0.file as NSString).deletingLastPathComponent }
    let storage = spectra.filter { (try? ProjectReport.storageHours($0.file, index: 0, listed: [])) != nil }
    let stored = Set(storage.map(\.file))
    var groups: [[FileIdentity]] = []
    for folderFiles in byFolder.values {
      let kept = folderFiles.filter { !stored.contains($0.file) }
      if kept.count > 1 { groups.append(kept) }
    }
    groups.sort { a, b in a.count != b.count ? a.count > b.count : a[0].file < b[0].file }
    for (k, group) in groups.enumerated() {
      let files = group.map { relative($0.file) }.sorted()
      assigned.append((k == 0 ? "conductivity" : "comparison", files))
      out.line("")
      out.line(k == 0 ? "[conductivity]" : "[[comparison]]")
      out.line("name = \(quoted(((group[0].file as NSString).deletingLastPathComponent as NSString).lastPathComponent))")
      out.line("files = [\(files.map(quoted).joined(separator: ", "))]")
      out.guess("circuit = \"p(R1,CPE1)-CPE2\"", "a guess: bulk arc and blocking electrodes; check it fits")
      let paths: [String] = group.map { $0.file }
      if headerGeometry(paths) {
        out.line("# diameter and thickness: from the files' headers")
      } else {
        out.placeholder("diameter = 12", "sample diameter, mm")
        out.placeholder("thickness = 1", "sample thickness, mm")
      }
      out.line("# each file's temperature comes from its name or header (or temperatures = \"table.csv\")")
    }
    var singles: [FileIdentity] = []
    for folderFiles in byFolder.values where folderFiles.count == 1 && !stored.contains(folderFiles[0].file) {
      singles.append(folderFiles[0])
    }
    singles.sort { $0.file < $1.file }
    for single in singles {
      assigned.append(("interface", [relative(single.file)]))
      out.line("")
      out.line("[[interface]]")
      out.line("name = \(quoted(((single.file as NSString).lastPathComponent as NSString).deletingPathExtension))")
      out.line("file = \(quoted(relative(single.file)))")
      out.guess("circuit = \"R0-p(R1,CPE1)-p(R2,CPE2)\"", "a guess: electrolyte, two arcs; check it fits")
    }
    if !storage.isEmpty {
      let files = storage.map { relative($0.file) }.sorted()
      assigned.append(("storage", files))
      out.line("")
      out.line("[storage]")
      out.line("files = [\(files.map(quoted).joined(separator: ", "))]")
      out.line("# storage times: from the file names")
      out.guess("circuit = \"R0-p(R1,CPE1)-p(R2,CPE2)\"", "a guess: electrolyte, two arcs; check it fits")
      out.guess("element = \"R2\"", "a guess: the element whose resistance is the interface's")
    }
  }

  /// Whether every spectrum's header gives the electrode area and thickness.
  static func headerGeometry(_ files: [String]) -> Bool {
    guard let spectra = try? readSpectra(files), !spectra.isEmpty else { return false }
    return spectra.allSatisfy {
      $0.spectrum.metadata.areaSquareCentimetres != nil && $0.spectrum.metadata.thicknessMillimetres != nil
    }
  }

  /// Cycler files: a voltage window around 0 V is a symmetric cell, any
  /// other a full cell (the first is the main one, the rest comparisons).
  static func writeCells(
    _ cyclers: [FileIdentity], relative: (String) -> String, into out: inout ManifestText,
    assigned: inout [(String, [String])]
  ) {
    var first = true
    for cycler in cyclers.sorted(by: { $0.file < $1.file }) {
      let facts = cycler.facts
      let symmetric = (facts?.rangeLow ?? 0) < 0 && (facts?.rangeHigh ?? 0) < 1.5
      out.line("")
      if symmetric {
        assigned.append(("symmetric", [relative(cycler.file)]))
        out.line("[[symmetric]]")
        out.line("name = \(quoted(((cycler.file as NSString).lastPathComponent as NSString).deletingPathExtension))")
        out.line("file = \(quoted(relative(cycler.file)))")
        out.placeholder("area = 2.835", "electrode area, cm² (a 19 mm disc: 2.835)")
        continue
      }
      assigned.append(("cell", [relative(cycler.file)]))
      out.line("[[cell]]")
      out.line("name = \(quoted(((cycler.file as NSString).lastPathComponent as NSString).deletingPathExtension))")
      out.line("file = \(quoted(relative(cycler.file)))")
      if let mass = facts?.massMilligrams {
        out.line("# active mass: \(formatNumber(mass)) mg, from the file")
      } else {
        out.placeholder("active-mass = 2", "active mass, mg")
      }
      out.placeholder("one-c = 117", "the capacity of 1 C, mAh/g")
      if !first { out.line("comparison = true") }
      first = false
    }
  }

  /// One `[[xps]]` per region of each VAMAS file; the components are only the user's to say.
  static func writePhotoelectron(
    _ files: [FileIdentity], relative: (String) -> String, into out: inout ManifestText,
    assigned: inout [(String, [String])]
  ) {
    for file in files.sorted(by: { $0.file < $1.file }) {
      let regions = (file.facts?.sample ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      assigned.append(("xps", [relative(file.file)]))
      for region in regions.isEmpty ? [""] : regions {
        out.line("")
        out.line("[[xps]]")
        out.line("file = \(quoted(relative(file.file)))")
        if !region.isEmpty { out.line("region = \(quoted(region))") }
        out.placeholder("components = [\"NAME@BINDING-ENERGY\"]", "the components to fit, such as \"NaF@683.5\"")
      }
    }
  }

  /// IR spectra in pairs by name (the first of a pair taken as "before"),
  /// one `[[ir]]` comparison each; an odd one out is left unused.
  static func writeInfrared(
    _ files: [FileIdentity], relative: (String) -> String, into out: inout ManifestText,
    assigned: inout [(String, [String])], unused: inout [(String, String)]
  ) {
    let sorted = files.sorted { $0.file < $1.file }
    var k = 0
    while k + 1 < sorted.count {
      let before = relative(sorted[k].file), after = relative(sorted[k + 1].file)
      assigned.append(("ir", [before, after]))
      out.line("")
      out.line("[[ir]]")
      out.line("before = \(quoted(before))")
      out.line("after = \(quoted(after))")
      out.line("# label-before = \"as made\" and label-after = \"dried\" name them in the figure;")
      out.line("# normalise = \"2040-2200\" scales both to a band the treatment leaves alone")
      k += 2
    }
    if k < sorted.count {
      unused.append((relative(sorted[k].file), "a single IR spectrum: an [[ir]] comparison needs a second one"))
    }
  }

  static func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }
}

/// The manifest's lines as `init` writes them, counting placeholders.
struct ManifestText {
  private(set) var text = ""
  private(set) var placeholders = 0

  mutating func line(_ s: String) { text += s + "\n" }

  /// A commented key with a value only the user knows:
  /// `# key = value   # PLACEHOLDER: why`; the section that needs it fails until it is set.
  mutating func placeholder(_ assignment: String, _ why: String) {
    placeholders += 1
    line("# \(assignment)   # PLACEHOLDER: \(why)")
  }

  /// A key set to a guess: `key = value   # PLACEHOLDER: why`; the report
  /// warns in its section until the comment is removed.
  mutating func guess(_ assignment: String, _ why: String) {
    placeholders += 1
    line("\(assignment)   # PLACEHOLDER: \(why)")
  }
}
