import Foundation
import IonicsCore
import IonicsNumerics

/// A symmetric cell (Na | electrolyte | Na) plated and stripped at constant
/// current: the overpotential of every half cycle, its trend, the
/// area-specific resistance, and when the cell fails.
///
/// Each half cycle is a run of records with one current sign. Its peak is
/// the largest |V| (the nucleation spike); its plateau the median |V| of
/// the second half of the run. The area-specific resistance is
/// plateau / current density (Ω·cm²). A half cycle is *erratic* when |V|
/// jumps about: the median of |ΔV| between neighbouring records, a robust
/// measure of noise, exceeds `erraticFraction` of its plateau, or its
/// plateau moves by more than half from the previous one. A *short circuit*
/// is |V| below `shortFraction` of the first plateaus while current flows.
/// The failure time is the start of the first such half cycle.
public struct SymmetricCellAnalysis: Sendable, Encodable {
  /// One plating or stripping half cycle.
  public struct HalfCycle: Sendable, Encodable {
    /// Start and end, h.
    public var startHours: Double
    public var endHours: Double
    /// Current, A (signed).
    public var currentAmps: Double
    /// Largest |V|, V.
    public var peakVolts: Double
    /// Median |V| of the second half, V.
    public var plateauVolts: Double
    /// Median |ΔV| between neighbouring records over the plateau, V.
    public var noiseVolts: Double
    /// Plateau / current density, Ω·cm² (nil without an area).
    public var areaSpecificResistanceOhmSquareCentimetres: Double?
    /// "", "erratic" or "short circuit".
    public var flag: String
  }

  /// The half cycles in time order.
  public var halfCycles: [HalfCycle]
  /// Current density, mA/cm² (nil without an area).
  public var currentDensityMilliampsPerSquareCentimetre: Double?
  /// Mean plateau of the half cycles before failure, V.
  public var meanPlateauVolts: Double
  /// Straight-line trend of the plateau before failure, mV/h (nil for fewer than three).
  public var plateauTrendMillivoltsPerHour: Double?
  /// When the cell failed, h (nil: it held).
  public var failureHours: Double?
  /// How it failed: "short circuit", "erratic voltage" or nil.
  public var failure: String?
  /// Hours of cycling analysed.
  public var durationHours: Double
  /// A plain sentence: held for … at … mV, or failed after … h.
  public var verdict: String

  /// Analyses `table` (time, voltage and current required); `areaSquareCentimetres`
  /// gives the current density and the ASR.
  public init(
    _ table: CyclerTable, areaSquareCentimetres: Double? = nil, erraticFraction: Double = 0.05,
    shortFraction: Double = 0.2
  ) throws(CyclingError) {
    guard let current = table.current else {
      throw .missing(source: table.format, "current column (a symmetric cell needs one)")
    }
    let n = table.count
    // Runs of one current sign (records with no current end a run).
    var runs: [Range<Int>] = []
    var i = 0
    while i < n {
      let sign = current[i] > 0 ? 1 : (current[i] < 0 ? -1 : 0)
      var j = i + 1
      while j < n, (current[j] > 0 ? 1 : (current[j] < 0 ? -1 : 0)) == sign { j += 1 }
      if sign != 0, j - i >= 3 { runs.append(i..<j) }
      i = j
    }
    guard !runs.isEmpty else { throw .missing(source: table.format, "plating or stripping steps") }
    var halves: [HalfCycle] = []
    for run in runs {
      let v = table.voltage[run].map { abs($0) }
      let second = Array(v[(v.count / 2)...])
      let plateau = Self.median(second)
      var steps: [Double] = []
      for k in (run.lowerBound + run.count / 2 + 1)..<run.upperBound {
        steps.append(abs(table.voltage[k] - table.voltage[k - 1]))
      }
      let amps = Self.median(Array(current[run]))
      halves.append(
        HalfCycle(
          startHours: table.time[run.lowerBound] / 3600,
          endHours: table.time[run.upperBound - 1] / 3600, currentAmps: amps,
          peakVolts: v.max() ?? 0, plateauVolts: plateau, noiseVolts: Self.median(steps),
          areaSpecificResistanceOhmSquareCentimetres: areaSquareCentimetres.map {
            plateau / (abs(amps) / $0)
          }, flag: ""))
    }
    // The reference plateau: the median of the first few half cycles.
    let reference = Self.median(halves.prefix(4).map(\.plateauVolts))
    var failureIndex: Int?
    for k in halves.indices {
      let h = halves[k]
      if h.plateauVolts < shortFraction * reference {
        halves[k].flag = "short circuit"
      } else if h.noiseVolts > erraticFraction * h.plateauVolts
        || (k > 0
          && abs(h.plateauVolts - halves[k - 1].plateauVolts) > 0.5 * halves[k - 1].plateauVolts)
      {
        halves[k].flag = "erratic"
      }
      if failureIndex == nil, !halves[k].flag.isEmpty { failureIndex = k }
    }
    let healthy = Array(halves[..<(failureIndex ?? halves.count)])
    halfCycles = halves
    currentDensityMilliampsPerSquareCentimetre = areaSquareCentimetres.map {
      Self.median(halves.map { abs($0.currentAmps) }) * 1000 / $0
    }
    meanPlateauVolts =
      healthy.isEmpty ? 0 : healthy.map(\.plateauVolts).reduce(0, +) / Double(healthy.count)
    if healthy.count >= 3,
      let fit = try? StraightLineFit(
        x: healthy.map { ($0.startHours + $0.endHours) / 2 },
        y: healthy.map { $0.plateauVolts * 1000 })
    {
      plateauTrendMillivoltsPerHour = fit.slope
    } else {
      plateauTrendMillivoltsPerHour = nil
    }
    durationHours = (table.time.last ?? 0) / 3600
    if let f = failureIndex {
      failureHours = halves[f].startHours
      failure = halves[f].flag == "short circuit" ? "short circuit" : "erratic voltage"
      verdict =
        "failed after \(fixed(halves[f].startHours, 1)) h (\(failure ?? "")); before that \(fixed(meanPlateauVolts * 1000, 1)) mV"
    } else {
      failureHours = nil
      failure = nil
      verdict =
        "held for \(fixed(durationHours, 1)) h at \(fixed(meanPlateauVolts * 1000, 1)) mV"
        + (plateauTrendMillivoltsPerHour.map {
          " (trend \(fixed(abs($0) < 5e-4 ? 0 : $0, 3)) mV/h)"
        } ?? "")
    }
  }

  static func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
}
