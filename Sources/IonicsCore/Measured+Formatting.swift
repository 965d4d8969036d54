import Foundation

extension Measured {
  /// Crystallographic notation: the uncertainty is rounded to two significant
  /// digits when they read 10–19 and to one otherwise (the IUCr convention),
  /// the value to the same decimal place, and the uncertainty printed in
  /// parentheses in units of that place: 9.4363(3), -0.0123(15), 1234.5(12).
  /// Values below 1e-4 or from 1e6 up print with an exponent, 1.05(3)e-5.
  /// An exact value prints as its shortest decimal form.
  public var description: String {
    guard value.isFinite, standardUncertainty.isFinite else { return "\(value)" }
    if standardUncertainty == 0 { return Measured.shortest(value) }

    let magnitude = Swift.max(abs(value), standardUncertainty)
    // Outside the range where powers of ten stay normal, print plainly.
    guard magnitude >= 1e-290, magnitude <= 1e290, standardUncertainty >= 1e-290 * magnitude else {
      return Measured.shortest(value) + " ± " + Measured.shortest(standardUncertainty)
    }
    let decade = Int(Foundation.floor(Foundation.log10(magnitude)))
    let useExponent = decade >= 6 || decade <= -5
    let v = useExponent ? value / pow10(decade) : value
    let s = useExponent ? standardUncertainty / pow10(decade) : standardUncertainty

    var e = Int(Foundation.floor(Foundation.log10(s)))
    var leadingTwo = (s / pow10(e - 1)).rounded()
    if leadingTwo >= 100 {
      e += 1
      leadingTwo = (s / pow10(e - 1)).rounded()
    }
    let decimals: Int
    let uncertaintyDigits: Double
    if leadingTwo < 20 {
      decimals = 1 - e
      uncertaintyDigits = leadingTwo
    } else {
      decimals = -e
      uncertaintyDigits = (s / pow10(e)).rounded()
    }
    var text: String
    if decimals >= 0 {
      text = String(format: "%.\(decimals)f", v) + "(\(Int(uncertaintyDigits)))"
    } else {
      let unit = pow10(-decimals)
      text =
        String(format: "%.0f", (v / unit).rounded() * unit)
        + "(\(Int(uncertaintyDigits * unit)))"
    }
    if useExponent { text += "e\(decade)" }
    return text
  }

  /// Shortest round-tripping decimal text of `x`, without a trailing ".0"
  /// and with a plain exponent ("1.05e-5", not "1.05e-05").
  static func shortest(_ x: Double) -> String {
    var text = "\(x)"
    if text.hasSuffix(".0") { text.removeLast(2) }
    if let eIndex = text.firstIndex(of: "e") {
      let mantissa = String(text[..<eIndex])
      let exponentText = text[text.index(after: eIndex)...]
      if let exponent = Int(exponentText) {
        let trimmed = mantissa.hasSuffix(".0") ? String(mantissa.dropLast(2)) : mantissa
        text = trimmed + "e\(exponent)"
      }
    }
    return text
  }
}

/// 10^k computed exactly for the decades that doubles represent exactly.
private func pow10(_ k: Int) -> Double {
  k >= 0 ? Foundation.pow(10.0, Double(k)) : 1 / Foundation.pow(10.0, Double(-k))
}
