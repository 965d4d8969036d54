import Foundation
import Impedance

/// Which spectrum of a file that holds several (a temperature or bias
/// series written into one file) an analysis takes.
public enum SpectrumChoice: Sendable, Hashable {
  /// The last one (most often the final, equilibrated measurement).
  case last
  /// The first one.
  case first
  /// The n-th, counting from 1.
  case number(Int)

  /// The chosen spectrum of `all`, read from `path`.
  public func pick(_ all: [ImpedanceSpectrum], path: String) throws -> ImpedanceSpectrum {
    switch self {
    case .last: if let s = all.last { return s }
    case .first: if let s = all.first { return s }
    case .number(let k):
      if k >= 1, k <= all.count { return all[k - 1] }
      throw WorkflowError.inFile(path, "holds \(all.count) spectra; spectrum number \(k) was asked for")
    }
    throw WorkflowError.inFile(path, "holds no spectrum")
  }
}

/// The part of a spectrum an analysis uses: a frequency window and whether
/// inductive points (Im Z > 0) are dropped.
public struct SpectrumTrim: Sendable, Hashable {
  /// Lowest frequency kept, Hz (nil: no limit).
  public var minimumFrequencyHertz: Double?
  /// Highest frequency kept, Hz (nil: no limit).
  public var maximumFrequencyHertz: Double?
  /// Drop points with Im Z > 0.
  public var dropsInductivePoints: Bool

  /// A trim; the default keeps everything.
  public init(
    minimumFrequencyHertz: Double? = nil, maximumFrequencyHertz: Double? = nil,
    dropsInductivePoints: Bool = false
  ) {
    self.minimumFrequencyHertz = minimumFrequencyHertz
    self.maximumFrequencyHertz = maximumFrequencyHertz
    self.dropsInductivePoints = dropsInductivePoints
  }

  /// `spectrum` within the window, without inductive points when asked; a
  /// window whose lower limit lies above its upper one (or that is not a
  /// number) is an error.
  public func apply(to spectrum: ImpedanceSpectrum) throws -> ImpedanceSpectrum {
    var s = spectrum
    if minimumFrequencyHertz != nil || maximumFrequencyHertz != nil {
      let low = minimumFrequencyHertz ?? 0
      let high = maximumFrequencyHertz ?? .infinity
      guard !low.isNaN, !high.isNaN, low <= high else {
        throw WorkflowError.invalidParameter(
          "frequency window", value: "\(low)–\(high) Hz", expected: "a lower limit below the upper one")
      }
      s = s.restricted(toFrequencies: low...high)
    }
    return dropsInductivePoints ? s.droppingInductivePoints() : s
  }
}

/// Every spectrum of the files at `paths`, each with its path; a file that
/// cannot be read is named in the error.
public func readSpectra(_ paths: [String]) throws -> [(path: String, spectrum: ImpedanceSpectrum)] {
  try paths.flatMap { path in
    do {
      return try ImpedanceFile.read(contentsOf: URL(fileURLWithPath: path)).map { (path, $0) }
    } catch {
      throw WorkflowError.inFile(path, "\(error)")
    }
  }
}
