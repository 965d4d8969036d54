import Foundation
import IonicsCore

extension IdentifyWorkflow {
  /// One block per file: what it is and why, then its facts or its problem.
  public static func render(_ identities: [FileIdentity]) -> String {
    var out: [String] = []
    for identity in identities {
      var what = [identity.formatName]
      if let dialect = identity.dialect { what.append(dialect) }
      if let technique = identity.technique { what.append(technique) }
      out.append("\(identity.file)")
      out.append("  \(identity.kind.rawValue): \(what.joined(separator: ", "))")
      if let instrument = identity.instrument { out.append("  instrument: \(instrument)") }
      out.append("  recognised by: \(identity.evidence)")
      switch identity.outcome {
      case .read:
        out.append("  read by: \(identity.reader?.rawValue ?? "-") reader; \(describe(identity.facts))")
      case .recognised:
        out.append("  reader: \(identity.reader?.rawValue ?? "-")")
      case .refused:
        out.append("  not usable: \(identity.problem ?? "-")")
      case .unrecognised:
        out.append("  not recognised: \(identity.problem ?? "-")")
      }
    }
    let counts = Dictionary(grouping: identities, by: \.outcome).mapValues(\.count)
    let summary = [FileIdentity.Outcome.read, .recognised, .refused, .unrecognised].compactMap {
      outcome in counts[outcome].map { "\($0) \(outcome.rawValue)" }
    }
    out.append("")
    out.append("\(identities.count) files: \(summary.joined(separator: ", "))")
    return out.joined(separator: "\n")
  }

  /// The facts in one line.
  static func describe(_ facts: FileFacts?) -> String {
    guard let facts else { return "no facts" }
    var parts: [String] = []
    if let curves = facts.curves { parts.append("\(curves) \(facts.rangeOf == "frequency" ? "spectra" : facts.rangeOf == "time" ? "channels" : "blocks")") }
    if let points = facts.points { parts.append("\(points) points") }
    if let cycles = facts.cycles { parts.append("\(cycles) cycles") }
    if let name = facts.rangeOf, let low = facts.rangeLow, let high = facts.rangeHigh {
      parts.append("\(name) \(significant(low, 4))–\(significant(high, 4)) \(facts.rangeUnit ?? "")")
    }
    if let lambda = facts.wavelengthAngstrom { parts.append("λ \(significant(lambda, 6)) Å") }
    if let mass = facts.massMilligrams { parts.append("mass \(significant(mass, 4)) mg") }
    if let sample = facts.sample, !sample.isEmpty { parts.append(sample) }
    if let techniques = facts.techniques, !techniques.isEmpty {
      parts.append(techniques.joined(separator: ", "))
    }
    return parts.joined(separator: ", ")
  }
}
