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

/// `value` with `digits` significant digits, exactly as C's `%.{digits}g`
/// prints it, through the C library's formatter rather than Foundation's
/// `String(format:)` (which costs microseconds a call on Linux).
public func significant(_ value: Double, _ digits: Int) -> String {
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
