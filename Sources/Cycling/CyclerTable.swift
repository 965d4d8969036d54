import IonicsCore
import Foundation

/// A cycler file normalised to columns, one entry per record: time (s),
/// voltage (V), current (A, positive while the working electrode charges),
/// the charge passed since the previous record (Ah, signed as the current),
/// and the instrument's own counters where the file has them.
public struct CyclerTable: Sendable {
  /// Time since the start, s.
  public var time: [Double]
  /// Working-electrode voltage, V.
  public var voltage: [Double]
  /// Current, A, positive for charge (oxidation of the working electrode);
  /// nil when the file records none.
  public var current: [Double]?
  /// Charge passed since the previous record, Ah, positive for charge.
  public var chargeStep: [Double]
  /// The instrument's cycle number of each record, when it writes one.
  public var instrumentCycle: [Int]?
  /// Active mass, g, when the file states it.
  public var activeMassGrams: Double?
  /// The format read, e.g. "BioLogic .mpt (GCPL)".
  public var format: String
  /// What was odd about the file.
  public var warnings: [Diagnostic]

  /// Number of records.
  public var count: Int { time.count }
}

/// Why a cycler file could not be read or analysed.
public enum CyclingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file lacks something it needs, named.
  case missing(source: String, String)
  /// A value could not be read: file, line, what was expected.
  case badValue(source: String, line: Int, String)
  /// A binary file that cannot be read, and why.
  case unreadable(source: String, String)

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .missing(let source, let what): return "\(source): no \(what)"
    case .badValue(let source, let line, let what): return "\(source), line \(line): \(what)"
    case .unreadable(let source, let why): return "\(source): \(why)"
    }
  }
}
