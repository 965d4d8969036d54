import Foundation

extension VAMASFile {
  /// A VAMAS file (NORM, REGULAR, XPS) of `spectra`, each on a kinetic-energy
  /// axis (hν − binding energy) with its counts, as instruments write it;
  /// `comment` goes into the experiment's comment lines.
  public static func text(_ spectra: [PhotoelectronSpectrum], comment: [String]) -> String {
    var out: [String] = [
      "VAMAS Surface Chemical Analysis Standard Data Transfer Format 1988 May 4",
      "Not Specified", "Not Specified", "Not Specified", "Not Specified", "\(comment.count)",
    ]
    out += comment
    out += ["NORM", "REGULAR", "\(spectra.count)", "0", "0", "0", "0", "0", "\(spectra.count)"]
    for s in spectra {
      let hv = s.photonEnergy ?? 1486.6
      let kinetic = s.recordedAxis == .kinetic ? s.energies : s.energies.map { hv - $0 }
      let step = kinetic.count > 1 ? kinetic[1] - kinetic[0] : 0.1
      out += [s.name, s.sample]
      let date = s.date.map { Array($0.split(whereSeparator: { "- :".contains($0) }).map(String.init)) } ?? []
      out += date.count == 6 ? date : ["2024", "1", "1", "0", "0", "0"]
      out += ["0", "0", s.technique, s.source, "\(hv)", "1e+37", "1e+37", "1e+37", "1e+37", "1e+37", "FAT"]
      out += ["\(s.passEnergy ?? 1e37)", "1e+37", "\(s.workFunction ?? 1e37)", "1e+37", "1e+37", "1e+37", "1e+37", "1e+37"]
      out += [s.species, s.transition, "-1", "Kinetic Energy", "eV", "\(kinetic.first ?? 0)", "\(step)"]
      out += ["1", s.signalLabel, "d", "pulse counting", "\(s.dwellSeconds ?? 1e37)", "\(s.scans ?? 1)", "1e+37"]
      out += ["1e+37", "1e+37", "1e+37", "0", "\(s.count)", "\(s.signal.min() ?? 0)", "\(s.signal.max() ?? 0)"]
      out += s.signal.map { "\($0)" }
    }
    out.append("end of experiment")
    return out.joined(separator: "\n") + "\n"
  }
}
