import Dispatch
import Impedance
import IonicsCore

/// Many spectra fitted with one circuit, in parallel on every core, as
/// `ionics eis fit` runs them; results in the order of the spectra.
public enum CircuitFitBatch {
  /// One spectrum's fit (`ionics/eis-fit/1` lists these).
  public struct Report: Encodable, Sendable {
    /// The file it came from.
    public let file: String
    /// Its index in a file that holds several.
    public let spectrumIndex: Int?
    /// Time of one fit (the median over repetitions), ms.
    public let fitMilliseconds: Double
    /// The fit.
    public let fit: CircuitFitResult
  }

  /// Fits `circuit` to every spectrum; `repetitions` > 1 times each fit and
  /// reports the median (for benchmarks). A spectrum that cannot be fitted
  /// is an error naming its file.
  public static func fit(
    _ circuit: Circuit, to spectra: [(path: String, spectrum: ImpedanceSpectrum)],
    options: CircuitFitOptions, repetitions: Int = 1,
    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) throws -> [Report] {
    guard repetitions >= 1 else {
      throw WorkflowError.invalidParameter(
        "repetitions", value: "\(repetitions)", expected: "at least 1")
    }
    let results = ConcurrentSlots<Result<Report, WorkflowError>>(count: spectra.count)
    let counter = ProgressCounter(total: spectra.count, handler: progress)
    DispatchQueue.concurrentPerform(iterations: spectra.count) { i in
      let (path, spectrum) = spectra[i]
      var times: [Double] = []
      var last: Result<CircuitFitResult, WorkflowError> = .failure(.inFile(path, "not fitted"))
      for _ in 0..<repetitions {
        let start = DispatchTime.now()
        do {
          last = .success(try CircuitFitter.fit(circuit, to: spectrum, options: options))
        } catch {
          last = .failure(.inFile(path, "\(error)"))
          break
        }
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
      }
      let median = times.isEmpty ? 0 : times.sorted()[times.count / 2]
      results.set(
        i,
        last.map {
          Report(
            file: path, spectrumIndex: spectrum.metadata.spectrumIndex, fitMilliseconds: median,
            fit: $0)
        })
      counter?.advance()
    }
    return try results.values.map { try $0.get() }
  }
}
