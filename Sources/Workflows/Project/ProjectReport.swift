import Crypto
import Dispatch
import Foundation
import IonicsCore
import Report

/// A project's report (`ionics report`): every section the manifest asks
/// for, each made by the same workflow the single command runs, each
/// failing on its own (an unreadable file or a fit that does not converge
/// is reported in that section and in the summary; the rest is still made),
/// and each cached under the hashes of its inputs and its parameters.
public enum ProjectReport {
  /// One section to make: what it is, what it reads, its parameters, and how.
  struct Plan: Sendable {
    let id: String
    let title: String
    let figureLabel: String
    /// Files read, as resolved paths.
    let inputs: [String]
    /// Every parameter of the section, in one canonical text (the cache key's part).
    let parameters: String
    let make: @Sendable () throws -> ReportSection
  }

  /// One input of the report, as provenance records it.
  public struct Input: Codable, Sendable, Equatable {
    /// Path relative to the project folder.
    public let path: String
    /// SHA-256 of its bytes, hex.
    public let sha256: String
    /// Size, bytes.
    public let sizeBytes: Int
    /// The format that reads it, as `ionics identify` names it.
    public let format: String
    /// The dialect within the format, when one is told apart.
    public let dialect: String?
    /// The sections that read it.
    public let sections: [String]
  }

  /// Every input as the JSON envelope lists it (path relative to the project).
  public static func envelopeInputs(_ inputs: [Input]) -> [InputFile] {
    inputs.map {
      InputFile(
        path: $0.path, sha256: $0.sha256, sizeBytes: $0.sizeBytes,
        format: $0.format + ($0.dialect.map { ", \($0)" } ?? ""))
    }
  }

  /// What a run made.
  public struct Outcome: Sendable {
    /// Every section, in the paper's order.
    public let sections: [ReportSection]
    /// The ids of the sections taken from the cache.
    public let reused: [String]
    /// Every input with its hash.
    public let inputs: [Input]
    /// The parameters of each section, by id.
    public let parameters: [String: String]
  }

  /// Makes every section of `manifest`; `cacheFolder` (nil for none)
  /// holds the sections of earlier runs, reused when their inputs and
  /// parameters are unchanged.
  public static func make(_ manifest: ProjectManifest, cacheFolder: String?) -> Outcome {
    let plans = self.plans(manifest)
    // Hash every input once (files shared by sections are read once).
    let paths = Array(Set(plans.flatMap(\.inputs))).sorted()
    let hashed = ConcurrentSlots<(sha: String, size: Int, format: String, dialect: String?)>(
      count: paths.count)
    DispatchQueue.concurrentPerform(iterations: paths.count) { k in
      guard let data = FileManager.default.contents(atPath: paths[k]) else { return }
      let identity = FileIdentification.identify(data, name: (paths[k] as NSString).lastPathComponent)
      hashed.set(k, (InputFile.sha256(of: data), data.count, identity.formatName, identity.dialect))
    }
    let hashes = Dictionary(
      uniqueKeysWithValues: paths.indices.map { (paths[$0], hashed.value($0)?.sha ?? "unreadable") })
    let results = ConcurrentSlots<(section: ReportSection, reused: Bool)>(count: plans.count)
    DispatchQueue.concurrentPerform(iterations: plans.count) { k in
      let plan = plans[k]
      let key = cacheKey(plan, hashes: hashes)
      if let cacheFolder, let cached = SectionCache.load(plan.id, key: key, from: cacheFolder) {
        results.set(k, (cached, true))
        return
      }
      var section: ReportSection
      do {
        section = try plan.make()
      } catch {
        section = ReportSection(id: plan.id, title: plan.title, figureLabel: plan.figureLabel, failure: "\(error)")
      }
      // Repeated sections (`interface-2`) number their figures the same way.
      if let number = plan.id.split(separator: "-").last, Int(number) != nil {
        for f in section.figures.indices { section.figures[f].name += "-\(number)" }
      }
      for guess in manifest.guesses where guess.section == plan.id {
        section.diagnostics.append(
          .warning(
            "placeholderValue",
            "\(guess.key) is a value guessed by ionics init (ionics.toml line \(guess.line), marked PLACEHOLDER): check it and remove the mark"))
      }
      section.id = plan.id
      section.title = plan.title
      section.figureLabel = plan.figureLabel
      section.inputs = plan.inputs.map { ProjectFiles.relative($0, to: manifest) }
      for value in section.values where !value.value.isFinite {
        section.diagnostics.append(.warning("nonFiniteValue", "\(value.label) is not a finite number and is left out"))
      }
      section.values.removeAll { !$0.value.isFinite }
      if let cacheFolder, section.failure == nil {
        SectionCache.store(section, key: key, in: cacheFolder)
      }
      results.set(k, (section, false))
    }
    let made = results.values
    var users: [String: [String]] = [:]
    for plan in plans { for input in plan.inputs { users[input, default: []].append(plan.id) } }
    let inputs = paths.enumerated().map { k, path in
      let entry = hashed.value(k)
      return Input(
        path: ProjectFiles.relative(path, to: manifest), sha256: entry?.sha ?? "unreadable",
        sizeBytes: entry?.size ?? 0, format: entry?.format ?? "unreadable",
        dialect: entry?.dialect, sections: users[path] ?? [])
    }
    return Outcome(
      sections: made.map(\.section), reused: made.filter(\.reused).map(\.section.id), inputs: inputs,
      parameters: Dictionary(uniqueKeysWithValues: plans.map { ($0.id, $0.parameters) }))
  }

  /// The running program's size and modification time: a rebuilt Ionics
  /// (same version number, other code) does not reuse another build's sections.
  static let buildIdentity: String = {
    guard let path = Bundle.main.executablePath,
      let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    else { return "unknown build" }
    let size = (attributes[.size] as? Int) ?? 0
    let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    return "\(size) \(date)"
  }()

  /// The cache key of a section: Ionics' version and build, the section,
  /// its parameters and the SHA-256 of every input it reads.
  static func cacheKey(_ plan: Plan, hashes: [String: String]) -> String {
    var text = "\(IonicsVersion.current) \(buildIdentity)\n\(plan.id)\n\(plan.parameters)\n"
    for input in plan.inputs { text += "\(input) \(hashes[input] ?? "?")\n" }
    return InputFile.sha256(of: Data(text.utf8))
  }

  /// The sections the manifest asks for, in the paper's order.
  static func plans(_ m: ProjectManifest) -> [Plan] {
    var plans: [Plan] = []
    func files(_ patterns: [String]) -> [String] { (try? ProjectFiles.expand(patterns, in: m)) ?? [] }
    if let s = m.structure {
      plans.append(
        Plan(
          id: "structure", title: "Crystal structure", figureLabel: "Structure",
          inputs: [m.resolve(s.file)], parameters: "\(s)") { try structureSection(s, m) })
      if s.mobileIon != nil {
        plans.append(
          Plan(
            id: "migration", title: "\(s.mobileIon ?? "") migration map and barriers",
            figureLabel: "Migration", inputs: [m.resolve(s.file)], parameters: "\(s)"
          ) { try migrationSection(s, m) })
      }
    }
    if let p = m.pattern {
      let cif = m.structure.map { [m.resolve($0.file)] } ?? []
      plans.append(
        Plan(
          id: "pattern",
          title: p.refine == nil
            ? "Powder pattern against the structure" : "Whole-pattern fit of the powder pattern (\(p.refine?.displayName ?? ""))",
          figureLabel: "Fig. 3a",
          inputs: [m.resolve(p.file)] + cif + (p.instrument.map { [m.resolve($0)] } ?? []),
          parameters: "\(p)|\(m.structure.map { "\($0)" } ?? "")"
        ) { p.refine == nil ? try patternSection(p, m) : try refinementSection(p, m) })
    }
    if let t = m.thermogravimetry {
      plans.append(
        Plan(
          id: "tga", title: "Thermogravimetry and solvent loss", figureLabel: "Fig. 3b",
          inputs: [m.resolve(t.file)] + (t.ms.map { [m.resolve($0)] } ?? []),
          parameters: "\(t)|\(m.project.formula ?? "")") { try thermalSection(t, m) })
    }
    for (k, r) in m.infraredComparisons.enumerated() {
      plans.append(
        Plan(
          id: "ir-\(k + 1)", title: "IR of \(r.name): \(r.labelBefore) and \(r.labelAfter)", figureLabel: "Fig. S1",
          inputs: [m.resolve(r.before), m.resolve(r.after)], parameters: "\(r)") { try infraredSection(r, m) })
    }
    if let c = m.conductivity {
      plans.append(
        Plan(
          id: "conductivity", title: "Ionic conductivity of \(c.name)", figureLabel: "Fig. 3c, S2",
          inputs: files(c.files) + (c.temperatures.map { [m.resolve($0)] } ?? []), parameters: "\(c)"
        ) { try conductivitySection(c, m) })
    }
    if !m.comparisons.isEmpty {
      let all = (m.conductivity.map { [$0] } ?? []) + m.comparisons
      plans.append(
        Plan(
          id: "comparison", title: "Conductivity of the samples compared", figureLabel: "Fig. S9",
          inputs: all.flatMap { files($0.files) + ($0.temperatures.map { [m.resolve($0)] } ?? []) },
          parameters: "\(all)") { try comparisonSection(all, m) })
    }
    for (k, i) in m.interfaces.enumerated() {
      plans.append(
        Plan(
          id: "interface-\(k + 1)", title: "Interface impedance of \(i.name)", figureLabel: "Fig. S6",
          inputs: [m.resolve(i.file)], parameters: "\(i)") { try interfaceSection(i, m) })
    }
    if let s = m.storage {
      plans.append(
        Plan(
          id: "storage", title: "Interface resistance of \(s.name) over storage time",
          figureLabel: "Fig. S11", inputs: files(s.files), parameters: "\(s)"
        ) { try storageSection(s, m) })
    }
    if let main = m.cells.first(where: { !$0.comparison }) ?? m.cells.first {
      let comparisons = m.cells.filter { $0 != main }
      plans.append(
        Plan(
          id: "cells", title: "Full cells: profiles, rate capability and long-term cycling",
          figureLabel: "Fig. 4a–c", inputs: ([main] + comparisons).map { m.resolve($0.file) },
          parameters: "\(main)|\(comparisons)") { try cellSection(main, comparisons: comparisons, m) })
    }
    for (k, x) in m.photoelectronRegions.enumerated() {
      plans.append(
        Plan(
          id: "xps-\(k + 1)", title: "XPS of \(x.name)", figureLabel: "Fig. 5",
          inputs: [m.resolve(x.file)], parameters: "\(x)") { try photoelectronSection(x, m) })
    }
    for (k, s) in m.symmetricCells.enumerated() {
      plans.append(
        Plan(
          id: "symmetric-\(k + 1)", title: "Plating and stripping of \(s.name)", figureLabel: "Fig. S12",
          inputs: [m.resolve(s.file)], parameters: "\(s)") { try symmetricSection(s, m) })
    }
    return plans
  }
}
