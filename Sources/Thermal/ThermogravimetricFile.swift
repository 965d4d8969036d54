import Foundation
import IonicsCore

/// Reads a thermogravimetric export, recognising the format from its text.
public enum ThermogravimetricFile {
  /// The run in `data`; `source` names the file in errors.
  public static func read(_ data: Data, source: String) throws(ThermalError)
    -> ThermogravimetricRun
  {
    if CompoundFile.recognises(data) { return try TATRIOSWorkbook.read(data, source: source) }
    let text = TextDecoding.decode(data)
    let head = Data(text.utf8.prefix(200_000))
    if NetzschProteusText.recognises(head) {
      return try NetzschProteusText.read(text, source: source)
    }
    if TAUniversalText.recognises(head) { return try TAUniversalText.read(text, source: source) }
    if PerkinElmerPyrisText.recognises(head) {
      return try PerkinElmerPyrisText.read(text, source: source)
    }
    if MettlerSTAReText.recognises(head) { return try MettlerSTAReText.read(text, source: source) }
    throw .unknownFormat(file: source)
  }
}
