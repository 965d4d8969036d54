import Diffraction
import Foundation
import IonicsCore

/// A measured powder pattern read for a workflow, with the radiation it was
/// measured with: the one given, or the one the file's wavelength stands
/// for; a file without a wavelength needs it given.
struct MeasuredPatternInput {
  let pattern: MeasuredPattern
  let radiation: XRayRadiation
  let notes: [Diagnostic]
  let range: ClosedRange<Double>

  init(path: String, radiation given: XRayRadiation?) throws {
    let data = try readInput(path)
    let name = URL(fileURLWithPath: path).lastPathComponent
    do {
      pattern = try MeasuredPattern.read(data, source: name)
    } catch {
      throw WorkflowError.inFile(path, "\(error)")
    }
    guard let first = pattern.twoTheta.first, let last = pattern.twoTheta.last, first.isFinite,
      last.isFinite, first < last, first >= 0, last <= 180
    else {
      throw WorkflowError.inFile(
        path,
        "its 2θ axis runs from \(pattern.twoTheta.first ?? .nan) to \(pattern.twoTheta.last ?? .nan); expected rising angles between 0 and 180°"
      )
    }
    range = first...last
    var notes: [Diagnostic] = []
    if let given {
      radiation = given
    } else if let lambda = pattern.wavelength {
      radiation = try XRayRadiation.stated(by: lambda, kAlpha2Ratio: pattern.kAlpha2Ratio)
      notes.append(
        .note(
          "radiationFromFile",
          "radiation from the file's wavelength λ = \(fixed(lambda, 5)) Å: \(radiation.description)", source: path))
    } else {
      throw WorkflowError.inFile(
        path,
        "the pattern file does not state its wavelength (\(pattern.format)): name the radiation of the measurement (CuKa12, MoKa1, … or λ in Å)")
    }
    self.notes = notes
  }
}
