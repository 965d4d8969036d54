import Foundation
import IonicsNumerics

/// What a TGA run shows: mass % on the first heating pass, its derivative
/// (DTG) and peaks, the steps with onset, midpoint, end and mass loss, the
/// residue, the fastest loss, and mass gains (buoyancy, uptake) reported
/// rather than hidden.
public struct ThermogravimetricAnalysis: Sendable {
  /// How the derivatives are taken.
  public struct Options: Sendable, Encodable {
    /// Temperature grid step for DTG, °C.
    public var temperatureStepCelsius = 1.0
    /// Savitzky–Golay window for DTG against temperature, °C (odd number of steps).
    public var dtgWindowCelsius = 21.0
    /// Polynomial order of the smoothing.
    public var order = 2
    /// Smallest DTG peak prominence that counts, %/°C.
    public var minimumProminence = 0.02
    /// Time grid step for the rate, min.
    public var timeStepMinutes = 0.1
    /// Savitzky–Golay window for the rate against time, points (odd).
    public var rateWindowPoints = 31
    /// A gain of at least this much (% of the initial mass) above the lowest
    /// mass before it is reported.
    public var reportedGainPercent = 0.2
    /// Default options (the reference method of ../shared/data/tga/SOURCES.md).
    public init() {}
  }

  /// A DTG maximum.
  public struct Peak: Sendable, Equatable, Encodable {
    /// Temperature, °C.
    public let temperatureCelsius: Double
    /// −d(mass %)/dT there, %/°C.
    public let ratePercentPerCelsius: Double
    /// Its prominence, %/°C.
    public let prominence: Double
  }

  /// A mass-loss step around one DTG peak.
  public struct Step: Sendable, Equatable, Encodable {
    /// Where the step starts and ends on the DTG (it falls to 1 % of the
    /// peak, or to the minimum between two peaks), °C.
    public let startCelsius: Double
    /// End, °C.
    public let endCelsius: Double
    /// Extrapolated onset: the tangent at the DTG peak meets the mass at the start, °C.
    public let onsetCelsius: Double
    /// Where half the step's mass is gone, °C.
    public let midpointCelsius: Double
    /// Extrapolated end: the same tangent meets the mass at the end, °C.
    public let endsetCelsius: Double
    /// The DTG peak, °C.
    public let peakCelsius: Double
    /// Mass lost in the step, % of the initial mass.
    public let lossPercent: Double
    /// Mass % at the start and at the end.
    public let startPercent: Double
    /// Mass % at the end.
    public let endPercent: Double
  }

  /// A rise of the mass.
  public struct Gain: Sendable, Equatable, Encodable {
    /// From this temperature and time (the lowest mass before it).
    public let fromCelsius: Double
    /// Time, min.
    public let fromMinutes: Double
    /// To the highest mass after it.
    public let toCelsius: Double
    /// Time, min.
    public let toMinutes: Double
    /// By this much, % of the initial mass.
    public let gainPercent: Double
  }

  /// The options used.
  public let options: Options
  /// The first heating pass on the temperature grid: °C.
  public let temperatureGrid: [Double]
  /// Mass % on that grid.
  public let massOnGrid: [Double]
  /// −d(mass %)/dT on that grid, %/°C.
  public let dtg: [Double]
  /// DTG peaks, in order of temperature.
  public let peaks: [Peak]
  /// Mass-loss steps, one per peak.
  public let steps: [Step]
  /// The fastest loss, −d(mass %)/dt, %/min, with its time and temperature.
  public let maximumRate: (percentPerMinute: Double, minutes: Double, celsius: Double)?
  /// The time grid of the rate, min.
  public let rateTimes: [Double]
  /// −d(mass %)/dt on that grid, %/min.
  public let rates: [Double]
  /// Mass % at the end of the run.
  public let finalPercent: Double
  /// The lowest mass % of the run.
  public let minimumPercent: Double
  /// Mass gains larger than ``Options/reportedGainPercent``.
  public let gains: [Gain]

  /// Analyses `run` with `options`.
  public init(_ run: ThermogravimetricRun, options: Options = Options()) {
    self.options = options
    let (t, m) = Self.firstHeatingPass(run)
    // The mass on a uniform temperature grid.
    let step = options.temperatureStepCelsius
    var grid: [Double] = []
    if let low = t.first, let high = t.last, high > low {
      var x = (low / step).rounded(.up) * step
      while x <= high {
        grid.append(x)
        x += step
      }
    }
    let mass = LinearInterpolation.values(x: t, y: m, at: grid)
    temperatureGrid = grid
    massOnGrid = mass
    var window = Int((options.dtgWindowCelsius / step).rounded())
    if window % 2 == 0 { window += 1 }
    let derivative =
      SavitzkyGolay.filter(mass, window: window, order: options.order, derivative: 1, delta: step)
      ?? []
    let perDegree = derivative.map { -$0 }
    dtg = perDegree
    let found = ProminentPeaks.find(perDegree, minimumProminence: options.minimumProminence)
    peaks = found.map {
      Peak(
        temperatureCelsius: grid[$0.index], ratePercentPerCelsius: perDegree[$0.index],
        prominence: $0.prominence)
    }
    steps = Self.steps(peaks: found.map(\.index), grid: grid, mass: mass, dtg: perDegree)
    let loss = Self.rateCurve(run, options: options)
    rateTimes = loss.times
    rates = loss.rates
    maximumRate = loss.maximum
    finalPercent = run.massPercent.last ?? .nan
    minimumPercent = run.massPercent.min() ?? .nan
    gains = Self.gains(run, threshold: options.reportedGainPercent)
  }

  /// Mass % at `temperature` on the first heating pass (linear between
  /// points); nil outside it.
  public func massPercent(at temperature: Double) -> Double? {
    guard let first = temperatureGrid.first, let last = temperatureGrid.last,
      temperature >= first, temperature <= last
    else { return nil }
    return LinearInterpolation.values(x: temperatureGrid, y: massOnGrid, at: [temperature]).first
  }

  /// The points where the temperature reaches a new maximum: the first
  /// heating pass, whatever isotherms and cooling follow.
  static func firstHeatingPass(_ run: ThermogravimetricRun) -> ([Double], [Double]) {
    var t: [Double] = []
    var m: [Double] = []
    var highest = -Double.infinity
    for (temperature, mass) in zip(run.temperatureCelsius, run.massPercent)
    where temperature > highest {
      highest = temperature
      t.append(temperature)
      m.append(mass)
    }
    return (t, m)
  }

  /// One step per DTG peak: bounded where the DTG falls to 1 % of the peak
  /// or at the lowest DTG between two peaks.
  static func steps(peaks: [Int], grid: [Double], mass: [Double], dtg: [Double]) -> [Step] {
    var result: [Step] = []
    for (k, p) in peaks.enumerated() {
      let rate = dtg[p]
      guard rate > 0 else { continue }
      let lowerLimit = k > 0 ? Self.lowest(dtg, peaks[k - 1]...p) : 0
      let upperLimit = k < peaks.count - 1 ? Self.lowest(dtg, p...peaks[k + 1]) : dtg.count - 1
      var start = p
      while start > lowerLimit, dtg[start] > 0.01 * rate { start -= 1 }
      var end = p
      while end < upperLimit, dtg[end] > 0.01 * rate { end += 1 }
      let (m0, m1, mp) = (mass[start], mass[end], mass[p])
      let half = (m0 + m1) / 2
      var mid = grid[p]
      for i in start..<end where (mass[i] - half) * (mass[i + 1] - half) <= 0 {
        let d = mass[i + 1] - mass[i]
        mid = grid[i] + (d != 0 ? (half - mass[i]) / d : 0) * (grid[i + 1] - grid[i])
        break
      }
      result.append(
        Step(
          startCelsius: grid[start], endCelsius: grid[end],
          onsetCelsius: grid[p] - (m0 - mp) / rate, midpointCelsius: mid,
          endsetCelsius: grid[p] + (mp - m1) / rate, peakCelsius: grid[p],
          lossPercent: m0 - m1, startPercent: m0, endPercent: m1))
    }
    return result
  }

  static func lowest(_ y: [Double], _ range: ClosedRange<Int>) -> Int {
    var best = range.lowerBound
    for i in range where y[i] < y[best] { best = i }
    return best
  }

  /// −d(mass %)/dt on a uniform time grid, and its largest value.
  static func rateCurve(_ run: ThermogravimetricRun, options: Options) -> (
    times: [Double], rates: [Double],
    maximum: (percentPerMinute: Double, minutes: Double, celsius: Double)?
  ) {
    // Time must increase; keep the points that move it forward.
    var time: [Double] = []
    var mass: [Double] = []
    var temperature: [Double] = []
    for i in 0..<run.count where time.last.map({ run.timeMinutes[i] > $0 }) ?? true {
      time.append(run.timeMinutes[i])
      mass.append(run.massPercent[i])
      temperature.append(run.temperatureCelsius[i])
    }
    guard let t0 = time.first, let t1 = time.last, t1 > t0 else { return ([], [], nil) }
    // At most 200 000 grid points: a run of weeks (or a damaged time) is
    // sampled more coarsely instead of filling memory and time.
    let step = max(options.timeStepMinutes, (t1 - t0) / 200_000)
    let grid = stride(from: t0, through: t1, by: step).map { $0 }
    let m = LinearInterpolation.values(x: time, y: mass, at: grid)
    guard
      let slope = SavitzkyGolay.filter(
        m, window: options.rateWindowPoints, order: options.order, derivative: 1, delta: step)
    else { return ([], [], nil) }
    let rates = slope.map { -$0 }
    guard let i = rates.indices.max(by: { rates[$0] < rates[$1] }) else {
      return (grid, rates, nil)
    }
    let celsius = LinearInterpolation.values(x: time, y: temperature, at: [grid[i]]).first ?? .nan
    return (grid, rates, (rates[i], grid[i], celsius))
  }

  /// Rises of the mass above the lowest value before them by more than
  /// `threshold` % (buoyancy, gas uptake, oxidation).
  static func gains(_ run: ThermogravimetricRun, threshold: Double) -> [Gain] {
    var gains: [Gain] = []
    var low = 0
    var i = 1
    let m = run.massPercent
    while i < run.count {
      if m[i] < m[low] { low = i }
      if m[i] - m[low] >= threshold {
        // Follow the rise to its top.
        var top = i
        while top + 1 < run.count, m[top + 1] >= m[top] - threshold / 4 {
          top += 1
          if m[top] > m[i] { i = top }
        }
        let peak = (low...top).max { m[$0] < m[$1] } ?? top
        gains.append(
          Gain(
            fromCelsius: run.temperatureCelsius[low], fromMinutes: run.timeMinutes[low],
            toCelsius: run.temperatureCelsius[peak], toMinutes: run.timeMinutes[peak],
            gainPercent: m[peak] - m[low]))
        low = peak
        i = peak + 1
        continue
      }
      i += 1
    }
    return gains
  }
}
