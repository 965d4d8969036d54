import Foundation
import IonicsCore

extension JCAMPFile {
  /// A JCAMP-DX 4.24 file of one spectrum on an even grid, in the plain
  /// AFFN form `##XYDATA=(X++(Y..Y))` (eight ordinates per line), with
  /// `comments` as `$$` lines. The x values must be evenly spaced.
  public static func text(_ s: OpticalSpectrum, comments: [String] = []) -> String {
    var out = "##TITLE=\(s.title)\n##JCAMP-DX=4.24\n##DATA TYPE=\(s.dataType)\n"
    for c in comments { out += "$$ \(c)\n" }
    let n = s.x.count
    let first = s.x.first ?? 0, last = s.x.last ?? 0
    let step = n > 1 ? (last - first) / Double(n - 1) : 0
    out += "##XUNITS=\(s.xUnits)\n##YUNITS=\(s.yUnits)\n##XFACTOR=1\n##YFACTOR=1\n"
    out += "##FIRSTX=\(formatNumber(first))\n##LASTX=\(formatNumber(last))\n##NPOINTS=\(n)\n"
    out += "##FIRSTY=\(formatNumber(s.y.first ?? 0))\n##XYDATA=(X++(Y..Y))\n"
    var k = 0
    while k < n {
      let line = s.y[k..<min(k + 8, n)].map { String(format: "%.7g", $0) }.joined(separator: " ")
      out += formatNumber(first + Double(k) * step) + " " + line + "\n"
      k += 8
    }
    return out + "##END=\n"
  }
}
