import ArgumentParser
import Cycling
import Foundation
import IonicsCore
import Plots
import Workflows

/// `ionics cycling profiles`: charge–discharge curves and dQ/dV of chosen cycles.
struct CyclingProfilesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "profiles",
    abstract: "Voltage against capacity, and dQ/dV, of chosen cycles (as SVG and CSV).",
    usage: "ionics cycling profiles [<options>] <file>",
    discussion: """
      Each half cycle of the chosen cycles as voltage against the charge passed since it began (mAh/g with an active mass, else mAh): the curves of a charge–discharge figure. dQ/dV interpolates Q(V) onto a grid of --step mV, differentiates it and smooths it with a moving average of --smooth points; its peaks are the plateaus.

      Example:
      ionics cycling profiles cell.csv --cycles 1,10,100 --svg fig4a.svg
      """)

  @Argument(help: "Cycler file.")
  var file: String

  @Option(help: "Cycles to draw (repeat, or comma-separated; default: the first, second and last).")
  var cycles: [NumberList] = []

  @Option(help: "How cycles are numbered: by the instrument's counter, or a charge (discharge) after a discharge (charge) starts one.")
  var rule: CycleRule = .instrument

  @OptionGroup var activeMass: ActiveMassOption

  @Option(help: "dQ/dV grid step, mV.")
  var step = 5.0

  @Option(help: "dQ/dV moving-average width, grid points (odd; 1 for none).")
  var smooth = 5

  @Option(help: "Write the voltage profiles as an SVG figure.")
  var svg: String?

  @Option(help: "Write the voltage profiles as CSV (cycle, direction, capacity, voltage).")
  var csv: String?

  @Option(name: .customLong("dqdv-svg"), help: "Write dQ/dV as an SVG figure.")
  var dqdvSVG: String?

  @Option(
    name: .customLong("dqdv-csv"), help: "Write dQ/dV as CSV (cycle, direction, voltage, dQ/dV).")
  var dqdvCSV: String?

  @OptionGroup var columns: ColumnsOption

  @OptionGroup var output: OutputOptions

  struct Report: Encodable {
    let file: String
    let capacityUnit: String
    let profiles: [VoltageProfile]
    let differentialCapacity: [DifferentialCapacity]
  }

  func run() throws {
    let cycleRule = rule
    guard step > 0, smooth >= 1 else {
      throw CommandLineError(description: "--step > 0 mV and --smooth ≥ 1 expected")
    }
    let mass = try activeMass.milligrams()
    let table = try readCyclerTable(file, profile: try columns.cyclerProfile())
    let numbers = table.cycles(cycleRule).cycles.map(\.cycle)
    var wanted: [Int]
    if !cycles.isEmpty {
      wanted = try cycles.flattened.map { c in
        guard c == c.rounded(), abs(c) < 1e9 else {
          throw CommandLineError(description: "--cycles: expected cycle numbers such as 1,10,100")
        }
        return Int(c)
      }
    } else {
      wanted = Array(
        Set([numbers.first, numbers.dropFirst().first, numbers.last].compactMap { $0 })
      ).sorted()
    }
    let grams = mass.map { $0 / 1000 } ?? table.activeMassGrams
    let scale = grams.map { 1000 / $0 } ?? 1000
    let unit = grams == nil ? "mAh" : "mAh/g"
    let profiles = table.voltageProfiles(cycleRule, cycles: wanted)
    guard !profiles.isEmpty else {
      throw CommandLineError(
        description:
          "\(file): no half cycles in cycles \(wanted) (cycles here: \(numbers.prefix(10))…)")
    }
    let dqdv = profiles.compactMap {
      DifferentialCapacity($0, step: step / 1000, smoothing: smooth)
    }
    let group = Dictionary(uniqueKeysWithValues: wanted.enumerated().map { ($1, $0) })
    func label(_ cycle: Int, _ direction: Int) -> String {
      "cycle \(cycle) \(direction > 0 ? "charge" : "discharge")"
    }
    if let svg {
      let curves = profiles.map {
        CyclingPlots.Curve(
          label($0.cycle, $0.direction), x: $0.capacityAh.map { $0 * scale }, y: $0.voltage,
          group: group[$0.cycle] ?? 0, isDischarge: $0.direction < 0)
      }
      try writeAtomically(
        CyclingPlots.voltageProfiles(
          curves, capacityLabel: grams == nil ? "capacity / mAh" : "capacity / mAh g⁻¹").svg,
        to: svg, inputs: [file])
    }
    if let csv {
      var text = "cycle,direction,capacity_\(grams == nil ? "mAh" : "mAh_per_g"),voltage_V\n"
      for p in profiles {
        for (q, v) in zip(p.capacityAh, p.voltage) {
          text += "\(p.cycle),\(p.direction > 0 ? "charge" : "discharge"),\(q * scale),\(v)\n"
        }
      }
      try writeAtomically(text, to: csv, inputs: [file])
    }
    if let dqdvSVG {
      let curves = dqdv.map {
        CyclingPlots.Curve(
          label($0.cycle, $0.direction), x: $0.voltage,
          y: $0.ampHoursPerVolt.map { $0 * scale }, group: group[$0.cycle] ?? 0,
          isDischarge: $0.direction < 0)
      }
      try writeAtomically(
        CyclingPlots.differentialCapacity(
          curves, unitLabel: grams == nil ? "dQ/dV / mAh V⁻¹" : "dQ/dV / mAh g⁻¹ V⁻¹").svg,
        to: dqdvSVG, inputs: [file])
    }
    if let dqdvCSV {
      var text =
        "cycle,direction,voltage_V,dQdV_\(grams == nil ? "mAh_per_V" : "mAh_per_g_per_V")\n"
      for d in dqdv {
        for (v, y) in zip(d.voltage, d.ampHoursPerVolt) {
          text += "\(d.cycle),\(d.direction > 0 ? "charge" : "discharge"),\(v),\(y * scale)\n"
        }
      }
      try writeAtomically(text, to: dqdvCSV, inputs: [file])
    }
    let report = Report(
      file: file, capacityUnit: unit, profiles: profiles, differentialCapacity: dqdv)
    try output.emit(
      report, analysis: "cycling-profiles", inputs: try hashedInputs([file], when: output.json)
    ) {
      print("\(file): \(table.format); cycles \(wanted.map(String.init).joined(separator: ", "))")
      var t = TextTable(
        "cycle", "half cycle", "records", "capacity (\(unit))", "V start", "V end", "dQ/dV peak (V)"
      )
      for p in profiles {
        let d = dqdv.first { $0.cycle == p.cycle && $0.direction == p.direction }
        let peak = d.flatMap { d in
          d.ampHoursPerVolt.indices.max { d.ampHoursPerVolt[$0] < d.ampHoursPerVolt[$1] }.map {
            d.voltage[$0]
          }
        }
        t.add(
          "\(p.cycle)", p.direction > 0 ? "charge" : "discharge", "\(p.voltage.count)",
          fixed((p.capacityAh.last ?? 0) * scale, 3), fixed(p.voltage.first ?? 0, 4),
          fixed(p.voltage.last ?? 0, 4), peak.map { fixed($0, 3) } ?? "")
      }
      print(t.rendered)
    }
  }
}
