import Foundation
import IonicsCore

/// Which gases a TGA's mass-loss steps give off, from a coupled mass
/// spectrometer: each channel's signal is put on the TGA's time axis (the
/// spectrometer's relative time plus an offset), and a channel counts as
/// released in a step when its highest signal within the step's
/// temperature window of the first heating pass reaches `minimumRatio`
/// times its baseline, the median before the first step begins.
public struct EvolvedGasAnalysis: Sendable, Encodable {
  /// One channel's release in one step.
  public struct Release: Sendable, Encodable, Equatable {
    /// The channel's name in the file.
    public let channel: String
    /// Its m/z, when known.
    public let massToCharge: Int?
    /// What the m/z usually stands for in evolved-gas analysis ("H2O").
    public let assignment: String?
    /// Highest signal in the step over the baseline.
    public let ratio: Double
    /// Temperature of that highest signal, °C.
    public let peakCelsius: Double
  }

  /// The releases of one mass-loss step.
  public struct StepGases: Sendable, Encodable {
    /// The step's number, from 1.
    public let step: Int
    /// Its temperature window on the first heating pass, °C.
    public let fromCelsius: Double
    /// Upper end of the window, °C.
    public let toCelsius: Double
    /// Released channels, strongest first.
    public let releases: [Release]
  }

  /// Seconds added to the spectrometer's relative time to give the TGA's time.
  public let offsetSeconds: Double
  /// Smallest ratio to baseline that counts as a release.
  public let minimumRatio: Double
  /// The steps with their gases.
  public let steps: [StepGases]
  /// Each channel against the TGA's temperature on the first heating pass,
  /// divided by its largest value there (for figures).
  public let curves: [Curve]

  /// One channel against temperature.
  public struct Curve: Sendable, Encodable {
    /// The channel's name.
    public let channel: String
    /// Its m/z, when known.
    public let massToCharge: Int?
    /// Temperature, °C.
    public let temperatureCelsius: [Double]
    /// Signal over its largest value on the first heating pass.
    public let relativeSignal: [Double]
  }

  /// What an m/z usually stands for in the evolved gases of solvates,
  /// cyanides and carbonates.
  public static let assignments: [Int: String] = [
    2: "H2", 12: "C", 14: "N", 15: "CH3/NH", 16: "O/CH4/NH2", 17: "OH/NH3", 18: "H2O",
    26: "CN/C2H2", 27: "HCN", 28: "N2/CO", 30: "NO/CH2O", 31: "CH3OH", 32: "O2/CH3OH",
    34: "H2S", 40: "Ar", 44: "CO2", 46: "NO2/C2H5OH", 52: "(CN)2", 64: "SO2",
  ]

  /// Puts `trace` on the time of `run` and finds each step's gases.
  public init(
    run: ThermogravimetricRun, analysis: ThermogravimetricAnalysis, trace: MassSpectrometerTrace,
    offsetSeconds: Double = 0, minimumRatio: Double = 2
  ) {
    self.offsetSeconds = offsetSeconds
    self.minimumRatio = minimumRatio
    // The first heating pass as (time, temperature): temperature rising.
    var passTime: [Double] = []
    var passCelsius: [Double] = []
    var highest = -Double.infinity
    for (minutes, celsius) in zip(run.timeMinutes, run.temperatureCelsius) where celsius > highest {
      highest = celsius
      passTime.append(minutes * 60)
      passCelsius.append(celsius)
    }
    func celsius(atSeconds t: Double) -> Double? {
      guard let first = passTime.first, let last = passTime.last, t >= first, t <= last else {
        return nil
      }
      var low = 0
      var high = passTime.count - 1
      while high - low > 1 {
        let mid = (low + high) / 2
        if passTime[mid] <= t { low = mid } else { high = mid }
      }
      let span = passTime[high] - passTime[low]
      let f = span > 0 ? (t - passTime[low]) / span : 0
      return passCelsius[low] + f * (passCelsius[high] - passCelsius[low])
    }
    let firstStart = analysis.steps.map(\.startCelsius).min() ?? .infinity
    var curves: [Curve] = []
    var onPass: [(channel: MassSpectrometerTrace.Channel, celsius: [Double], signal: [Double])] = []
    for channel in trace.channels {
      var t: [Double] = []
      var y: [Double] = []
      for (seconds, value) in zip(channel.timeSeconds, channel.signal) {
        if let c = celsius(atSeconds: seconds + offsetSeconds) {
          t.append(c)
          y.append(value)
        }
      }
      onPass.append((channel, t, y))
      let top = y.max() ?? 0
      curves.append(
        Curve(
          channel: channel.label, massToCharge: channel.massToCharge, temperatureCelsius: t,
          relativeSignal: top > 0 ? y.map { $0 / top } : y))
    }
    self.curves = curves
    steps = analysis.steps.enumerated().map { k, step in
      var releases: [Release] = []
      for (channel, t, y) in onPass {
        let before = zip(t, y).filter { $0.0 < firstStart }.map(\.1).sorted()
        guard !before.isEmpty else { continue }
        let baseline = before[before.count / 2]
        guard baseline > 0 else { continue }
        let inside = zip(t, y).filter { $0.0 >= step.startCelsius && $0.0 <= step.endCelsius }
        guard let top = inside.max(by: { $0.1 < $1.1 }) else { continue }
        let ratio = top.1 / baseline
        guard ratio >= minimumRatio else { continue }
        releases.append(
          Release(
            channel: channel.label, massToCharge: channel.massToCharge,
            assignment: channel.massToCharge.flatMap { Self.assignments[$0] }, ratio: ratio,
            peakCelsius: top.0))
      }
      return StepGases(
        step: k + 1, fromCelsius: step.startCelsius, toCelsius: step.endCelsius,
        releases: releases.sorted { $0.ratio > $1.ratio })
    }
  }
}
