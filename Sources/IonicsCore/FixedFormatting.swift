/// `value` with `decimals` digits after the point (0…9), as `%.{decimals}f`
/// prints it for the magnitudes of tables (|value| < 10¹⁵), without going
/// through Foundation's formatter, which dominates long tables.
public func fixed(_ value: Double, _ decimals: Int) -> String {
  let d = min(max(decimals, 0), 9)
  var scale = 1
  for _ in 0..<d { scale *= 10 }
  guard value.isFinite, abs(value) * Double(scale) < 9e15 else {
    return value.isNaN ? "nan" : value > 0 ? "inf" : value < 0 ? "-inf" : "0"
  }
  let scaled = Int((abs(value) * Double(scale)).rounded())
  let whole = scaled / scale
  var text = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
  if d > 0 {
    let fraction = String(scaled % scale)
    text += "." + String(repeating: "0", count: d - fraction.count) + fraction
  }
  return text
}
