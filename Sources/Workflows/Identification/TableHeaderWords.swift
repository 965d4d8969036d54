import Foundation

/// What a table holds, judged from the words of its header row.
enum TableHeaderWords {
  /// The kind a header names, with the words that told; nil when the
  /// words name no known quantity pair.
  static func classify(_ header: String) -> (kind: FileKind, evidence: String)? {
    let tokens = header.lowercased().split(whereSeparator: { ",;\t".contains($0) }).map {
      $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"\u{FEFF}"))
    }.filter { !$0.isEmpty }
    func first(_ test: (String) -> Bool) -> String? { tokens.first(where: test) }
    let frequency = first {
      $0.hasPrefix("freq") || $0 == "f" || $0.contains("(hz)") || $0.contains("/hz") || $0 == "hz"
        || $0.hasPrefix("f (")
    }
    let impedance = first {
      $0.contains("z'") || $0.contains("zre") || $0.contains("re(z)") || $0.contains("zreal")
        || $0.contains("z_real") || $0 == "real" || $0.contains("zim") || $0.contains("z''")
    }
    let voltage = first {
      $0.contains("voltage") || $0.hasPrefix("volt") || $0.contains("ecell") || $0.contains("ewe")
        || $0 == "u[v]" || $0.hasPrefix("potential")
    }
    let chargeOrCurrent = first {
      $0.contains("current") || $0.hasPrefix("amp") || $0.contains("capacity")
        || $0.contains("i/ma") || $0.contains("(ah)") || $0.hasSuffix("_ah") || $0.contains("cap.")
    }
    let capacity = first { $0.contains("capacity") || $0.contains("amphr") || $0.contains("cap.") }
    let cycleOrCapacity = capacity ?? (frequency == nil ? first { $0.contains("cycle") } : nil)
    // A cycler table may carry impedance columns too (BatteryData); an
    // impedance table may carry the DC potential and current (Parstat).
    if let v = voltage, let q = cycleOrCapacity { return (.cycling, "'\(v)', '\(q)'") }
    if let f = frequency, let z = impedance { return (.impedance, "'\(f)', '\(z)'") }
    if let v = voltage, let q = chargeOrCurrent { return (.cycling, "'\(v)', '\(q)'") }
    let angle = first {
      $0.contains("2theta") || $0.contains("2θ") || $0.contains("two_theta") || $0 == "theta"
        || $0.hasPrefix("angle")
    }
    let counts = first { $0.hasPrefix("intensity") || $0.hasPrefix("counts") || $0 == "cps" }
    if let a = angle, let c = counts { return (.diffraction, "'\(a)', '\(c)'") }
    let temperature = first { $0.contains("temp") || $0.hasPrefix("ts") || $0.hasPrefix("tr") }
    let mass = first { $0.contains("weight") || $0.contains("mass") || $0 == "tg" }
    if let t = temperature, let m = mass { return (.thermogravimetry, "'\(t)', '\(m)'") }
    if let e = first({
      $0.hasPrefix("be/ev") || $0.hasPrefix("ke/ev") || $0.contains("binding energy")
        || $0.contains("kinetic energy") || $0.hasPrefix("#e_kin")
    }) {
      return (.photoelectron, "'\(e)'")
    }
    if let w = first({
      $0.contains("wavenumber") || $0.contains("cm-1") || $0.contains("cm^-1")
        || $0.contains("1/cm") || $0.hasPrefix("absorbance") || $0.hasPrefix("transmittance")
    }) {
      return (.infrared, "'\(w)'")
    }
    if let tau = first({ $0 == "tau" || $0.hasPrefix("tau ") }), let g = first({ $0.hasPrefix("gamma") }) {
      return (.fitResult, "'\(tau)', '\(g)'")
    }
    return nil
  }
}
