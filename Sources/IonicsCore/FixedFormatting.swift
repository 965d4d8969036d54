import Foundation

/// `value` with `decimals` digits after the point, exactly as `%.{decimals}f`
/// prints it, without Foundation's formatter in the common case (which
/// dominates long tables): integer arithmetic for |value|·10^decimals below
/// 10¹⁵ away from a rounding tie, the formatter for ties and the rest.
public func fixed(_ value: Double, _ decimals: Int) -> String {
  let d = min(max(decimals, 0), 9)
  var scale = 1
  for _ in 0..<d { scale *= 10 }
  let scaled = abs(value) * Double(scale)
  let fractionPart = scaled - scaled.rounded(.down)
  guard value.isFinite, scaled < 1e15, abs(fractionPart - 0.5) > 1e-6 else {
    return String(format: "%.\(d)f", value)
  }
  let whole = Int(scaled.rounded())
  guard whole > 0 || value >= 0 else { return String(format: "%.\(d)f", value) }  // "-0.00"
  var text = (value < 0 ? "-" : "") + String(whole / scale)
  if d > 0 {
    let fraction = String(whole % scale)
    text += "." + String(repeating: "0", count: d - fraction.count) + fraction
  }
  return text
}

/// `value` with `digits` significant digits for a table or a sentence: the
/// one formatter of numbers for people. Trailing zeros are kept (0.2150 has
/// four significant digits), and an exponent is used outside 1e-3…1e6
/// (1.050e-05).
public func significant(_ value: Double, _ digits: Int = 4) -> String {
  if value == 0 { return "0" }
  guard value.isFinite else { return "\(value)" }
  let d = min(max(digits, 1), 17)
  let magnitude = abs(value)
  if magnitude < 1e-3 || magnitude >= 1e6 { return String(format: "%.\(d - 1)e", value) }
  let decimals = max(0, d - 1 - Int(log10(magnitude).rounded(.down)))
  return fixed(value, decimals)
}

/// `value` with `digits` significant digits, exactly as C's `%.{digits}g`
/// prints it (the shortest form, for CSV columns), through the C library's
/// formatter rather than Foundation's `String(format:)` (which costs
/// microseconds a call on Linux).
public func gFormatted(_ value: Double, _ digits: Int) -> String {
  let d = min(max(digits, 1), 17)
  var buffer = [CChar](repeating: 0, count: 40)
  let written = withVaList([value]) { arguments in
    buffer.withUnsafeMutableBufferPointer { out in
      vsnprintf(out.baseAddress, out.count, "%.\(d)g", arguments)
    }
  }
  guard written > 0, written < buffer.count else { return String(format: "%.\(d)g", value) }
  return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// A count without trailing zeros (shortest form for very small or large values).
public func formatNumber(_ x: Double) -> String {
  if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
  if abs(x) < 1e-3 || !x.isFinite { return "\(x)" }
  var s = String(format: "%.4f", x)
  while s.hasSuffix("0") { s.removeLast() }
  return s
}
