import IonicsCore

extension XRDSimulateCommand {
  struct Peak: Encodable {
    let twoThetaDegrees: Double
    let dAngstrom: Double
    let hkl: String
    let multiplicity: Int
    let structureFactor: Double
    let intensity: Double
    let line: String?
  }

  struct Report: Encodable {
    let file: String
    let block: String
    let radiation: String
    let assumptions: [String]
    let peaks: [Peak]
  }

  /// A simulated pattern as text: radiation, assumptions, reflections.
  static func render(_ r: Report) -> String {
    var lines = ["\(r.file), data_\(r.block): \(r.radiation)"]
    lines += r.assumptions.map { "  \($0)" }
    var table = TextTable("2θ (°)", "d (Å)", "hkl", "mult.", "|F|", "I")
    for p in r.peaks {
      table.add(
        fixed(p.twoThetaDegrees, 3), fixed(p.dAngstrom, 4), p.hkl, "\(p.multiplicity)",
        fixed(p.structureFactor, 1), fixed(p.intensity, 1))
    }
    lines.append(table.rendered)
    return lines.joined(separator: "\n")
  }
}
