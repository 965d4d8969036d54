import IonicsCore
import Foundation

/// A thermogravimetric run normalised from any instrument's export: time,
/// sample temperature and mass, with the segments of the programme and
/// what the file says about the sample.
public struct ThermogravimetricRun: Sendable {
  /// What the file says about the run.
  public struct Metadata: Sendable, Equatable, Encodable {
    /// Sample name or identity.
    public var sample: String?
    /// Initial sample mass from the header, mg.
    public var sampleMassMilligrams: Double?
    /// Heating rate of the first heating segment, K/min (from the header,
    /// else from the data).
    public var heatingRateKelvinPerMinute: Double?
    /// Purge gas or atmosphere, as the file names it.
    public var atmosphere: String?
    /// Instrument.
    public var instrument: String?
    /// Date and time as the file writes them.
    public var date: String?
    /// The programme's steps as the file lists them.
    public var programme: [String] = []

    /// Nothing known.
    public init() {}
  }

  /// A stretch of the temperature programme.
  public struct Segment: Sendable, Equatable, Encodable {
    /// What the furnace does.
    public enum Kind: String, Sendable, Encodable {
      case heating, isothermal, cooling
    }
    /// Heating, isothermal or cooling.
    public var kind: Kind
    /// First and last index into the columns.
    public var first: Int
    /// Last index (inclusive).
    public var last: Int
    /// Mean rate over the segment, K/min.
    public var rateKelvinPerMinute: Double
    /// The file's name for it, when it has one ("2) TGA Temperature Scan").
    public var name: String?

    /// A named segment of the file over points `first...last`: isothermal
    /// when its name says so, else heating or cooling by the sign of the
    /// mean rate of `temperature` (°C) over `time` (min).
    static func named(
      _ name: String, first: Int, last: Int, time: [Double], temperature: [Double]
    ) -> Segment {
      let dt = time[last] - time[first]
      let rate = dt > 0 ? (temperature[last] - temperature[first]) / dt : 0
      let kind: Kind = name.contains("Isothermal") ? .isothermal : rate < 0 ? .cooling : .heating
      return Segment(kind: kind, first: first, last: last, rateKelvinPerMinute: rate, name: name)
    }
  }

  /// Time, min.
  public var timeMinutes: [Double]
  /// Sample temperature, °C.
  public var temperatureCelsius: [Double]
  /// Mass, mg (nil when the file gives only %).
  public var massMilligrams: [Double]?
  /// Mass, % of the initial sample mass.
  public var massPercent: [Double]
  /// The programme's segments, in order.
  public var segments: [Segment]
  /// Header facts.
  public var metadata: Metadata
  /// The export format ("NETZSCH Proteus ASCII").
  public var format: String
  /// What the reader noticed (sentinel rows dropped, a DSC curve skipped, …).
  public var notes: [Diagnostic]
  /// Other columns of the file by name (gas flows, DSC, …).
  public var otherColumns: [String: [Double]]

  /// A run from its columns: mass % from `massPercent`, or from
  /// `massMilligrams` over the header's sample mass (else the first mass).
  /// Segments are found from the temperature when `segments` is empty.
  public init(
    timeMinutes: [Double], temperatureCelsius: [Double], massMilligrams: [Double]?,
    massPercent: [Double]?, metadata: Metadata, format: String, notes: [Diagnostic] = [],
    segments: [Segment] = [], otherColumns: [String: [Double]] = [:]
  ) throws(ThermalError) {
    let n = timeMinutes.count
    guard n >= 2 else { throw .tooFewPoints(format: format, points: n) }
    guard temperatureCelsius.count == n, massMilligrams.map({ $0.count == n }) ?? true,
      massPercent.map({ $0.count == n }) ?? true
    else { throw .columnMismatch(format: format) }
    // No thermobalance heats below absolute zero or beyond 3000 °C, and no
    // time or mass is infinite: such a value is a misread column.
    if let k = temperatureCelsius.firstIndex(where: { !($0 >= -273.15 && $0 <= 3000) }) {
      throw .badInput(
        "\(format): temperature \(temperatureCelsius[k]) °C at point \(k + 1) is outside −273.15…3000 °C: not a measured temperature")
    }
    if let k = timeMinutes.firstIndex(where: { !$0.isFinite }) {
      throw .badInput("\(format): time \(timeMinutes[k]) min at point \(k + 1) is not a number")
    }
    if let k = (massMilligrams ?? massPercent ?? []).firstIndex(where: { !$0.isFinite }) {
      throw .badInput("\(format): mass at point \(k + 1) is not a finite number")
    }
    var notes = notes
    var meta = metadata
    let percent: [Double]
    if let massPercent {
      percent = massPercent
      if meta.sampleMassMilligrams == nil, let mg = massMilligrams?.first,
        let p = massPercent.first, p > 0
      {
        meta.sampleMassMilligrams = mg * 100 / p
      }
    } else if let mg = massMilligrams {
      let initial: Double
      if let header = meta.sampleMassMilligrams, header > 0 {
        initial = header
      } else {
        guard let first = mg.first, first > 0 else { throw .noInitialMass(format: format) }
        initial = first
        meta.sampleMassMilligrams = first
        notes.append(
          .note(
            "sampleMassFromFirstPoint",
            "no sample mass in the header: % of the first mass, \(String(format: "%.4f", first)) mg"))
      }
      percent = mg.map { 100 * $0 / initial }
    } else {
      throw .noMassColumn(format: format)
    }
    self.timeMinutes = timeMinutes
    self.temperatureCelsius = temperatureCelsius
    self.massMilligrams = massMilligrams
    self.massPercent = percent
    self.metadata = meta
    self.format = format
    self.notes = notes
    self.otherColumns = otherColumns
    self.segments =
      segments.isEmpty
      ? Self.segments(time: timeMinutes, temperature: temperatureCelsius) : segments
    if meta.heatingRateKelvinPerMinute == nil,
      let heating = self.segments.first(where: { $0.kind == .heating })
    {
      self.metadata.heatingRateKelvinPerMinute = heating.rateKelvinPerMinute
    }
  }

  /// Number of points.
  public var count: Int { timeMinutes.count }

  /// Segments from the temperature: the rate over about a minute decides
  /// heating (> 0.5 K/min), cooling (< −0.5 K/min) or isothermal; runs
  /// shorter than a minute join their neighbour.
  static func segments(time: [Double], temperature: [Double]) -> [Segment] {
    let n = time.count
    var kinds: [Segment.Kind] = []
    kinds.reserveCapacity(n)
    var back = 0
    var ahead = 0
    for i in 0..<n {
      while back < i, time[i] - time[back] > 0.5 { back += 1 }
      while ahead < n - 1, time[ahead] - time[i] < 0.5 { ahead += 1 }
      let dt = time[max(ahead, i)] - time[min(back, i)]
      let rate = dt > 0 ? (temperature[max(ahead, i)] - temperature[min(back, i)]) / dt : 0
      kinds.append(rate > 0.5 ? .heating : rate < -0.5 ? .cooling : .isothermal)
    }
    var runs: [(kind: Segment.Kind, first: Int, last: Int)] = []
    for (i, kind) in kinds.enumerated() {
      if let last = runs.last, last.kind == kind {
        runs[runs.count - 1].last = i
      } else {
        runs.append((kind, i, i))
      }
    }
    // Short runs join the previous one (or the next, at the start).
    var merged: [(kind: Segment.Kind, first: Int, last: Int)] = []
    for run in runs {
      let duration = time[run.last] - time[run.first]
      if duration < 1, var last = merged.popLast() {
        last.last = run.last
        merged.append(last)
      } else if let last = merged.last, last.kind == run.kind {
        merged[merged.count - 1].last = run.last
      } else {
        merged.append(run)
      }
    }
    return merged.map { run in
      let dt = time[run.last] - time[run.first]
      let rate = dt > 0 ? (temperature[run.last] - temperature[run.first]) / dt : 0
      return Segment(
        kind: run.kind, first: run.first, last: run.last, rateKelvinPerMinute: rate, name: nil)
    }
  }
}

/// Why a thermogravimetric file cannot be read or analysed.
public enum ThermalError: Error, Equatable, CustomStringConvertible {
  /// Fewer than two points.
  case tooFewPoints(format: String, points: Int)
  /// Columns of different lengths.
  case columnMismatch(format: String)
  /// No mass column.
  case noMassColumn(format: String)
  /// No sample mass to express the mass in %.
  case noInitialMass(format: String)
  /// The file is not laid out as its format says (file, line, what was expected).
  case malformed(file: String, line: Int, expected: String)
  /// No reader recognises the file.
  case unknownFormat(file: String)
  /// A formula or an option that cannot be used.
  case badInput(String)

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .tooFewPoints(let format, let points):
      return "\(format): \(points) data points; at least 2 are needed"
    case .columnMismatch(let format): return "\(format): the columns differ in length"
    case .noMassColumn(let format): return "\(format): no mass column (mg or %)"
    case .noInitialMass(let format):
      return "\(format): no sample mass in the header and the first mass is not positive"
    case .malformed(let file, let line, let expected):
      return "\(file), line \(line): expected \(expected)"
    case .unknownFormat(let file):
      return
        "\(file): not a NETZSCH Proteus, Mettler STARe, PerkinElmer Pyris or TA Universal Analysis export; for a CSV give its column mapping (time, temperature, mass)"
    case .badInput(let what): return what
    }
  }
}
