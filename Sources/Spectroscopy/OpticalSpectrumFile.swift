import Foundation
import IonicsCore

/// Reads an optical (IR, Raman) spectrum file of any supported format,
/// chosen from its content: JCAMP-DX, Bruker OPUS, Thermo OMNIC `.spa`,
/// PerkinElmer `.sp`, Galactic `.spc`, Agilent `.asp`, or a two-column
/// table.
public enum OpticalSpectrumFile {
  /// The format a file's first bytes show, or nil when none fits.
  public static func format(of head: Data) -> String? {
    if OPUSFile.recognises(head) { return "Bruker OPUS" }
    if OMNICFile.recognises(head) { return "Thermo OMNIC .spa" }
    if PerkinElmerSPFile.recognises(head) { return "PerkinElmer .sp" }
    if GalacticSPCFile.recognises(head) { return "Galactic .spc" }
    if JCAMPFile.recognises(head) { return "JCAMP-DX" }
    if AgilentASPFile.recognises(TextDecoding.decode(head.prefix(512))) { return "Agilent .asp" }
    return nil
  }

  /// Every spectrum of the file, the main one first.
  public static func read(_ data: Data, source: String) throws(SpectroscopyError) -> [OpticalSpectrum] {
    switch format(of: data.prefix(4096)) {
    case "Bruker OPUS": return try OPUSFile.read(data, source: source)
    case "Thermo OMNIC .spa": return [try OMNICFile.read(data, source: source)]
    case "PerkinElmer .sp": return [try PerkinElmerSPFile.read(data, source: source)]
    case "Galactic .spc": return try GalacticSPCFile.read(data, source: source)
    case "JCAMP-DX": return try JCAMPFile.read(data, source: source)
    case "Agilent .asp": return [try AgilentASPFile.read(TextDecoding.decode(data), source: source)]
    default:
      guard !data.prefix(4096).contains(0) else {
        throw .unsupported(
          file: source,
          "not an optical spectrum format Ionics reads (JCAMP-DX, Bruker OPUS, OMNIC .spa, PerkinElmer .sp, Galactic .spc, Agilent .asp, two-column text)")
      }
      return [try TwoColumnSpectrum.opticalSpectrum(TextDecoding.decode(data), source: source)]
    }
  }
}
