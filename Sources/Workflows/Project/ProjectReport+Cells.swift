import Cycling
import Foundation
import IonicsCore
import Plots
import Report

extension ProjectReport {
  /// A cell's records with its active mass, g (from the manifest, else the file).
  static func cellTable(_ c: ProjectManifest.Cell, _ m: ProjectManifest) throws -> (CyclerTable, Double) {
    let path = m.resolve(c.file)
    let table = try readCyclerTable(path, profile: nil)
    guard let grams = c.activeMass.map({ $0 / 1000 }) ?? table.activeMassGrams, grams > 0 else {
      throw WorkflowError.missingParameter("active-mass", why: "\(c.file) states no active mass (mg)")
    }
    guard table.current != nil else {
      throw WorkflowError.inFile(path, "no current column: the C-rate cannot be told")
    }
    return (table, grams)
  }

  /// Mean and standard uncertainty of the mean (sample standard deviation / √n).
  static func meanWithUncertainty(_ x: [Double]) -> Measured {
    guard !x.isEmpty else { return Measured(.nan) }
    let mean = x.reduce(0, +) / Double(x.count)
    guard x.count > 1 else { return Measured(mean) }
    let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
    return Measured(mean, standardUncertainty: (variance / Double(x.count)).squareRoot())
  }

  /// Fig. 4a–c: voltage profiles per C-rate, the rate test, long-term capacity
  /// and coulombic efficiency with the comparison cells on the same axes.
  static func cellSection(_ c: ProjectManifest.Cell, comparisons: [ProjectManifest.Cell], _ m: ProjectManifest)
    throws -> ReportSection
  {
    let (table, grams) = try cellTable(c, m)
    guard let oneC = c.oneC else {
      throw WorkflowError.missingParameter("one-c", why: "the capacity of 1 C (mAh/g) sets each cycle's C-rate")
    }
    let rule = CycleRule.instrument
    let steps = table.rateCapability(rule, activeMassGrams: grams, oneC: oneC)
    let summary = CyclingSummary(table, file: c.file, activeMassGrams: grams, rule: rule)
    let byCycle = Dictionary(summary.cycles.map { ($0.cycle, $0) }, uniquingKeysWith: { a, _ in a })
    guard !steps.isEmpty else { throw WorkflowError.inFile(m.resolve(c.file), "no complete cycle") }
    // The long run is the last block when it is the longest; the blocks before it are the rate test.
    let longest = steps.map(\.cycles.count).max() ?? 0
    let longRun = steps.count > 1 && steps.last?.cycles.count == longest ? steps.last : nil
    let rateTest = longRun == nil ? steps : Array(steps.dropLast())
    var values: [ReportValue] = []
    var rows: [[String]] = []
    for step in rateTest {
      let capacities = step.cycles.compactMap { byCycle[$0]?.dischargeMilliampHoursPerGram }
      let mean = meanWithUncertainty(capacities)
      values.append(
        ReportValue(
          "dischargeAt\(formatNumber(step.cRate).replacingOccurrences(of: ".", with: "p"))CMilliampHoursPerGram",
          "discharge capacity at \(formatNumber(step.cRate)) C", mean, unit: "mAh/g", headline: true))
      rows.append([
        formatNumber(step.cRate), "\(step.cycles.first ?? 0)–\(step.cycles.last ?? 0)", "\(mean)",
        fixed(step.lastDischargeMilliampHoursPerGram, 1), fixed(100 * step.fractionOfTheoretical, 1),
      ])
    }
    var diagnostics = summary.diagnostics
    let reference = c.retentionFrom ?? longRun?.cycles.first ?? 1
    if let long = longRun {
      if let retention = table.retention(rule, reference: reference) {
        values.append(
          ReportValue(
            "retentionPercent", "capacity retention, last cycle against cycle \(reference)", 100 * retention, unit: "%",
            headline: true))
      }
      if let last = long.cycles.last.flatMap({ byCycle[$0]?.dischargeMilliampHoursPerGram }) {
        values.append(
          ReportValue(
            "finalDischargeMilliampHoursPerGram", "discharge capacity after \(long.cycles.count) cycles at \(formatNumber(long.cRate)) C",
            last, unit: "mAh/g", headline: true))
      }
      let efficiencies = long.cycles.compactMap { byCycle[$0]?.coulombicEfficiencyPercent }
      if !efficiencies.isEmpty {
        values.append(
          ReportValue("meanCoulombicEfficiencyPercent", "mean coulombic efficiency of the long run", meanWithUncertainty(efficiencies), unit: "%"))
      }
    } else {
      diagnostics.append(.note("noLongRun", "no block of cycles is longer than the rate steps: no long-term run is reported"))
    }
    // Comparison cells: their own long-run capacity on the same axes.
    var others: [(name: String, summary: CyclingSummary)] = []
    for (k, other) in comparisons.enumerated() {
      do {
        let (t, g) = try cellTable(other, m)
        let s = CyclingSummary(t, file: other.file, activeMassGrams: g, rule: rule)
        others.append((other.name, s))
        if let last = s.cycles.last?.dischargeMilliampHoursPerGram {
          values.append(
            ReportValue(
              "comparison\(k + 1)FinalDischargeMilliampHoursPerGram", "final discharge capacity, \(other.name)", last,
              unit: "mAh/g", headline: true))
        }
      } catch {
        diagnostics.append(.warning("comparisonCellFailed", "\(other.name) is left out: \(error)"))
      }
    }
    let figures = [
      profilesFigure(table, rule: rule, steps: rateTest, grams: grams, name: c.name),
      rateFigure(rateTest, byCycle: byCycle, name: c.name),
    ] + (longRun.map { [longRunFigure($0, byCycle: byCycle, name: c.name, others: others)] } ?? [])
    return ReportSection(
      id: "cells", title: "", figureLabel: "",
      parameters: [
        "cycle rule": "\(rule)", "1 C (mAh/g)": "\(oneC)", "active mass (mg)": "\(grams * 1000)",
        "retention reference cycle": "\(reference)", "comparison cells": comparisons.map(\.name).joined(separator: "; "),
      ],
      method:
        "Capacities are integrated from the records (\(summary.cycleRule); \(summary.efficiencyConvention)) over an active mass of \(formatNumber(grams * 1000)) mg; each cycle's C-rate is its mean discharge current over 1 C = \(formatNumber(oneC)) mAh/g; consecutive cycles at one rate form a step, given as the mean ± standard error of its discharge capacities.",
      values: values,
      tables: [
        ReportTable(
          name: "rates", caption: "Rate test",
          header: ["C-rate", "cycles", "mean Q_dis (mAh/g)", "last Q_dis (mAh/g)", "of 1 C (%)"], rows: rows)
      ], figures: figures, diagnostics: diagnostics)
  }

  static func profilesFigure(_ table: CyclerTable, rule: CycleRule, steps: [RateStep], grams: Double, name: String)
    -> ReportFigure
  {
    // The second cycle of each step (the first when it has one), away from the rate change.
    let chosen = steps.compactMap { $0.cycles.dropFirst().first ?? $0.cycles.first }
    let profiles = table.voltageProfiles(rule, cycles: chosen)
    let group = Dictionary(chosen.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let rate = Dictionary(zip(chosen, steps.map(\.cRate)), uniquingKeysWith: { a, _ in a })
    let curves = profiles.map {
      CyclingPlots.Curve(
        "\(formatNumber(rate[$0.cycle] ?? 0)) C \($0.direction > 0 ? "charge" : "discharge") (cycle \($0.cycle))",
        x: $0.capacityAh.map { $0 * 1000 / grams }, y: $0.voltage, group: group[$0.cycle] ?? 0,
        isDischarge: $0.direction < 0)
    }
    let figure = CyclingPlots.voltageProfiles(curves, capacityLabel: "capacity / mAh g⁻¹").printed()
    return ReportFigure(
      name: "fig4a-profiles", caption: "Charge (solid) and discharge (dashed) profiles of \(name) at each C-rate.",
      alternativeText: "Voltage against specific capacity for one cycle at each C-rate.", svg: figure.svg,
      csv: figure.csv)
  }

  static func rateFigure(_ steps: [RateStep], byCycle: [Int: CyclingSummary.Cycle], name: String) -> ReportFigure {
    let series = steps.enumerated().map { k, step in
      Series(
        "\(formatNumber(step.cRate)) C", x: step.cycles.map(Double.init),
        y: step.cycles.map { byCycle[$0]?.dischargeMilliampHoursPerGram ?? .nan }, style: .markers,
        color: JournalPalette.color(k))
    }
    var panel = Panel(xAxis: Axis("cycle number"), yAxis: Axis("discharge capacity / mAh g⁻¹"), series: series)
    panel.legendCorner = .automatic
    var figure = Figure(width: 340, height: 300)
    figure.add(panel, x: 0, y: 0, width: 340, height: 300)
    let printed = figure.printed()
    return ReportFigure(
      name: "fig4b-rate", caption: "Rate capability of \(name): discharge capacity of each cycle, coloured by C-rate.",
      alternativeText: "Discharge capacity against cycle number during the rate test, one colour per C-rate.",
      svg: printed.svg, csv: printed.csv)
  }

  static func longRunFigure(
    _ step: RateStep, byCycle: [Int: CyclingSummary.Cycle], name: String,
    others: [(name: String, summary: CyclingSummary)]
  ) -> ReportFigure {
    let cycles = step.cycles
    var capacity = Panel(
      xAxis: Axis("cycle number"), yAxis: Axis("discharge capacity / mAh g⁻¹"),
      series: [
        Series(
          name, x: cycles.map(Double.init), y: cycles.map { byCycle[$0]?.dischargeMilliampHoursPerGram ?? .nan },
          style: .line, color: JournalPalette.color(0))
      ], title: "capacity at \(formatNumber(step.cRate)) C")
    for (k, other) in others.enumerated() {
      let first = cycles.first ?? 1
      let theirs = other.summary.cycles.filter { $0.cycle >= first }
      capacity.series.append(
        Series(
          other.name, x: theirs.map { Double($0.cycle) }, y: theirs.map { $0.dischargeMilliampHoursPerGram ?? .nan },
          style: .line, color: JournalPalette.color(k + 1)))
    }
    capacity.legendCorner = .automatic
    // A range that shows 99.9 % as near 100 % (not magnified noise), and any real drop.
    let ce = cycles.compactMap { byCycle[$0]?.coulombicEfficiencyPercent }.filter(\.isFinite)
    let low = min((ce.min() ?? 98) - 1, 98)
    let high = max((ce.max() ?? 100) + 0.5, 100.5)
    let efficiency = Panel(
      xAxis: Axis("cycle number"), yAxis: Axis("coulombic efficiency / %", range: low...high),
      series: [
        Series(
          name, x: cycles.map(Double.init), y: cycles.map { byCycle[$0]?.coulombicEfficiencyPercent ?? .nan },
          style: .line, color: JournalPalette.color(0))
      ], title: "coulombic efficiency")
    var figure = Figure(width: 712, height: 300)
    figure.add(capacity, x: 0, y: 0, width: 356, height: 300)
    figure.add(efficiency, x: 356, y: 0, width: 356, height: 300)
    let printed = figure.printed()
    return ReportFigure(
      name: "fig4c-long-run",
      caption: "Long-term cycling of \(name) at \(formatNumber(step.cRate)) C\(others.isEmpty ? "" : " with \(others.map(\.name).joined(separator: ", ")) for comparison"): discharge capacity (left) and coulombic efficiency (right).",
      alternativeText: "Discharge capacity and coulombic efficiency against cycle number over the long run.",
      svg: printed.svg, csv: printed.csv)
  }

  /// Fig. S12: plating and stripping of a symmetric cell.
  static func symmetricSection(_ s: ProjectManifest.SymmetricCell, _ m: ProjectManifest) throws -> ReportSection {
    let path = m.resolve(s.file)
    let table = try readCyclerTable(path, profile: nil)
    let a: SymmetricCellAnalysis
    let (erratic, short) = (0.05, 0.2)
    do {
      a = try SymmetricCellAnalysis(
        table, areaSquareCentimetres: s.area, erraticFraction: erratic, shortFraction: short)
    } catch {
      throw WorkflowError.inFile(path, "\(error)")
    }
    var values = [
      ReportValue("overpotentialMillivolts", "overpotential (mean plateau), \(s.name)", 1000 * a.meanPlateauVolts, unit: "mV", headline: true),
      ReportValue("durationHours", "time cycled, \(s.name)", a.durationHours, unit: "h", headline: true),
    ]
    if let j = a.currentDensityMilliampsPerSquareCentimetre {
      values.append(ReportValue("currentDensityMilliampsPerSquareCentimetre", "current density", j, unit: "mA/cm²"))
    }
    if let hours = a.failureHours {
      values.append(ReportValue("failureHours", "failure after, \(s.name)", hours, unit: "h", headline: true))
    }
    if let trend = a.plateauTrendMillivoltsPerHour {
      values.append(ReportValue("plateauTrendMillivoltsPerHour", "drift of the plateau", trend, unit: "mV/h"))
    }
    let stride = max(1, table.count / 4000)
    let indices = Swift.stride(from: 0, to: table.count, by: stride)
    var panel = Panel(
      xAxis: Axis("time / h"), yAxis: Axis("voltage / mV"),
      series: [
        Series(
          s.name, x: indices.map { table.time[$0] / 3600 }, y: indices.map { table.voltage[$0] * 1000 }, style: .line,
          color: JournalPalette.color(0))
      ])
    panel.legendCorner = .automatic
    var figure = Figure(width: 712, height: 280)
    figure.add(panel, x: 0, y: 0, width: 712, height: 280)
    let printed = figure.printed()
    return ReportSection(
      id: "symmetric", title: "", figureLabel: "",
      parameters: [
        "area (cm²)": s.area.map { "\($0)" } ?? "not given", "erratic noise fraction": "\(erratic)",
        "short-circuit fraction": "\(short)",
      ],
      method:
        "Each run of one current sign is a half cycle; its plateau is the median |V| of its second half, its noise the median |ΔV| between records; a half cycle is erratic when its noise exceeds 5 % of the plateau or its plateau jumps by half, and the cell is short-circuited when the plateau falls below 20 % of the first ones. \(a.verdict)",
      values: values,
      tables: [
        ReportTable(
          name: "half-cycles", caption: "Half cycles",
          header: ["start (h)", "I (mA)", "peak (mV)", "plateau (mV)", "noise (mV)", "ASR (Ω·cm²)", "flag"],
          rows: a.halfCycles.map {
            [
              fixed($0.startHours, 2), fixed($0.currentAmps * 1000, 4), fixed($0.peakVolts * 1000, 1),
              fixed($0.plateauVolts * 1000, 1), fixed($0.noiseVolts * 1000, 2),
              $0.areaSpecificResistanceOhmSquareCentimetres.map { fixed($0, 0) } ?? "", $0.flag,
            ]
          })
      ],
      figures: [
        ReportFigure(
          name: "figS12-plating",
          caption: "Voltage of \(s.name) during plating and stripping\(stride > 1 ? " (every \(stride)th record drawn)" : "").",
          alternativeText: "Cell voltage against time for the symmetric cell's plating and stripping.",
          svg: printed.svg, csv: printed.csv)
      ], diagnostics: table.warnings)
  }
}
