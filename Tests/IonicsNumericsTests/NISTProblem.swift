import Foundation
import IonicsNumerics

/// One NIST StRD nonlinear-regression problem as stored in
/// Fixtures/NISTNonlinear.txt (numbers converted from the public-domain
/// NIST .dat files: both starting points, certified values and standard
/// deviations, residual sum of squares, and the data as y, x [, x2]).
struct NISTProblem: Sendable, CustomStringConvertible {
  let name: String
  let start1: [Double]
  let start2: [Double]
  let certified: [Double]
  let certifiedStandardDeviations: [Double]
  let residualSumOfSquares: Double
  let y: [Double]
  let x: [Double]
  let x2: [Double]

  var description: String { name }

  static let all: [NISTProblem] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/NISTNonlinear.txt")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    var problems: [NISTProblem] = []
    var lines = text.split(separator: "\n").map(String.init)[...]
    func numbers(_ line: String) -> [Double] {
      line.split(separator: " ").dropFirst().compactMap { Double($0) }
    }
    while let line = lines.popFirst() {
      guard line.hasPrefix("problem ") else { continue }
      let name = String(line.dropFirst(8))
      let s1 = numbers(lines.popFirst() ?? "")
      let s2 = numbers(lines.popFirst() ?? "")
      let cert = numbers(lines.popFirst() ?? "")
      let sd = numbers(lines.popFirst() ?? "")
      let rss = numbers(lines.popFirst() ?? "").first ?? .nan
      let count = Int(numbers(lines.popFirst() ?? "").first ?? 0)
      var y: [Double] = []
      var x: [Double] = []
      var x2: [Double] = []
      for _ in 0..<count {
        let row = (lines.popFirst() ?? "").split(separator: " ").compactMap { Double($0) }
        y.append(row[0])
        x.append(row[1])
        if row.count > 2 { x2.append(row[2]) }
      }
      problems.append(
        NISTProblem(
          name: name, start1: s1, start2: s2, certified: cert, certifiedStandardDeviations: sd,
          residualSumOfSquares: rss, y: y, x: x, x2: x2))
    }
    return problems
  }()

  static func named(_ name: String) -> NISTProblem? { all.first { $0.name == name } }

  /// Model value and gradient at observation i.
  func model(_ i: Int, _ b: [Double], _ g: inout [Double]) -> Double {
    let x = self.x[i]
    switch name {
    case "Misra1a", "BoxBOD":
      let e = exp(-b[1] * x)
      g[0] = 1 - e
      g[1] = b[0] * x * e
      return b[0] * (1 - e)
    case "Misra1b":
      let u = 1 + b[1] * x / 2
      g[0] = 1 - pow(u, -2)
      g[1] = b[0] * x * pow(u, -3)
      return b[0] * (1 - pow(u, -2))
    case "Misra1c":
      let u = 1 + 2 * b[1] * x
      g[0] = 1 - pow(u, -0.5)
      g[1] = b[0] * x * pow(u, -1.5)
      return b[0] * (1 - pow(u, -0.5))
    case "Misra1d":
      let u = 1 + b[1] * x
      g[0] = b[1] * x / u
      g[1] = b[0] * x / (u * u)
      return b[0] * b[1] * x / u
    case "Chwirut1", "Chwirut2":
      let e = exp(-b[0] * x)
      let d = b[1] + b[2] * x
      g[0] = -x * e / d
      g[1] = -e / (d * d)
      g[2] = -x * e / (d * d)
      return e / d
    case "DanWood":
      let p = pow(x, b[1])
      g[0] = p
      g[1] = b[0] * p * log(x)
      return b[0] * p
    case "Lanczos1", "Lanczos2", "Lanczos3":
      var f = 0.0
      for k in stride(from: 0, to: 6, by: 2) {
        let e = exp(-b[k + 1] * x)
        g[k] = e
        g[k + 1] = -b[k] * x * e
        f += b[k] * e
      }
      return f
    case "Gauss1", "Gauss2", "Gauss3":
      let e0 = exp(-b[1] * x)
      g[0] = e0
      g[1] = -b[0] * x * e0
      var f = b[0] * e0
      for k in [2, 5] {
        let d = x - b[k + 1]
        let w = b[k + 2]
        let e = exp(-d * d / (w * w))
        g[k] = e
        g[k + 1] = b[k] * e * 2 * d / (w * w)
        g[k + 2] = b[k] * e * 2 * d * d / (w * w * w)
        f += b[k] * e
      }
      return f
    case "Kirby2":
      let n = b[0] + b[1] * x + b[2] * x * x
      let d = 1 + b[3] * x + b[4] * x * x
      g[0] = 1 / d
      g[1] = x / d
      g[2] = x * x / d
      g[3] = -n * x / (d * d)
      g[4] = -n * x * x / (d * d)
      return n / d
    case "Hahn1", "Thurber":
      let n = b[0] + b[1] * x + b[2] * x * x + b[3] * x * x * x
      let d = 1 + b[4] * x + b[5] * x * x + b[6] * x * x * x
      g[0] = 1 / d
      g[1] = x / d
      g[2] = x * x / d
      g[3] = x * x * x / d
      g[4] = -n * x / (d * d)
      g[5] = -n * x * x / (d * d)
      g[6] = -n * x * x * x / (d * d)
      return n / d
    case "Nelson":
      // log(y) = b1 - b2*x1*exp(-b3*x2); y is stored already as given, the
      // response used is log(y) (see response(_:)).
      let e = exp(-b[2] * x2[i])
      g[0] = 1
      g[1] = -x * e
      g[2] = b[1] * x * x2[i] * e
      return b[0] - b[1] * x * e
    case "MGH17":
      let e1 = exp(-x * b[3])
      let e2 = exp(-x * b[4])
      g[0] = 1
      g[1] = e1
      g[2] = e2
      g[3] = -b[1] * x * e1
      g[4] = -b[2] * x * e2
      return b[0] + b[1] * e1 + b[2] * e2
    case "Roszman1":
      let d = x - b[3]
      let q = b[2] / d
      let s = 1 / (1 + q * q)
      g[0] = 1
      g[1] = -x
      g[2] = -s / (d * Double.pi)
      g[3] = -s * b[2] / (d * d * Double.pi)
      return b[0] - b[1] * x - atan(q) / Double.pi
    case "ENSO":
      let w = 2 * Double.pi * x
      let f0 = b[0] + b[1] * cos(w / 12) + b[2] * sin(w / 12)
      g[0] = 1
      g[1] = cos(w / 12)
      g[2] = sin(w / 12)
      let c4 = cos(w / b[3])
      let s4 = sin(w / b[3])
      let c7 = cos(w / b[6])
      let s7 = sin(w / b[6])
      g[4] = c4
      g[5] = s4
      g[3] = (b[4] * s4 - b[5] * c4) * w / (b[3] * b[3])
      g[7] = c7
      g[8] = s7
      g[6] = (b[7] * s7 - b[8] * c7) * w / (b[6] * b[6])
      return f0 + b[4] * c4 + b[5] * s4 + b[7] * c7 + b[8] * s7
    case "MGH09":
      let n = x * x + x * b[1]
      let d = x * x + x * b[2] + b[3]
      g[0] = n / d
      g[1] = b[0] * x / d
      g[2] = -b[0] * n * x / (d * d)
      g[3] = -b[0] * n / (d * d)
      return b[0] * n / d
    case "Rat42":
      let e = exp(b[1] - b[2] * x)
      let d = 1 + e
      g[0] = 1 / d
      g[1] = -b[0] * e / (d * d)
      g[2] = b[0] * x * e / (d * d)
      return b[0] / d
    case "MGH10":
      let e = exp(b[1] / (x + b[2]))
      g[0] = e
      g[1] = b[0] * e / (x + b[2])
      g[2] = -b[0] * b[1] * e / ((x + b[2]) * (x + b[2]))
      return b[0] * e
    case "Eckerle4":
      let u = (x - b[2]) / b[1]
      let e = exp(-0.5 * u * u)
      g[0] = e / b[1]
      g[1] = b[0] * e * (u * u - 1) / (b[1] * b[1])
      g[2] = b[0] * e * u / (b[1] * b[1])
      return b[0] / b[1] * e
    case "Rat43":
      let e = exp(b[1] - b[2] * x)
      let d = 1 + e
      let p = pow(d, -1 / b[3])
      g[0] = p
      g[1] = -b[0] / b[3] * p / d * e
      g[2] = b[0] / b[3] * p / d * e * x
      g[3] = b[0] * p * log(d) / (b[3] * b[3])
      return b[0] * p
    case "Bennett5":
      let u = b[1] + x
      let p = pow(u, -1 / b[2])
      g[0] = p
      g[1] = -b[0] / b[2] * p / u
      g[2] = b[0] * p * log(u) / (b[2] * b[2])
      return b[0] * p
    default:
      return .nan
    }
  }

  /// The response the model describes: log(y) for Nelson, y otherwise.
  var response: [Double] { name == "Nelson" ? y.map { log($0) } : y }

  /// Fits from `start` with the analytic Jacobian or finite differences.
  func fit(from start: [Double], analytic: Bool, options: LevenbergMarquardt.Options = .init())
    throws
    -> LevenbergMarquardt.Result
  {
    let parameters = start.enumerated().map { FitParameter("b\($0.offset + 1)", $0.element) }
    let observed = response
    let m = y.count
    let residuals: ([Double], inout [Double]) throws -> Void = { b, r in
      var g = Array(repeating: 0.0, count: b.count)
      for i in 0..<m { r[i] = self.model(i, b, &g) - observed[i] }
    }
    let jacobian: ([Double], inout Matrix) throws -> Void = { b, j in
      var g = Array(repeating: 0.0, count: b.count)
      for i in 0..<m {
        _ = self.model(i, b, &g)
        for k in 0..<b.count { j[i, k] = g[k] }
      }
    }
    return try LevenbergMarquardt.fit(
      parameters: parameters, residualCount: m, options: options, residuals: residuals,
      jacobian: analytic ? jacobian : nil)
  }
}

/// Number of significant digits in which `value` agrees with `reference`:
/// the log relative error, LRE = −log10(|value − reference|/|reference|),
/// the score NIST uses for StRD results (McCullough 1998).
func logRelativeError(_ value: Double, _ reference: Double) -> Double {
  if value == reference { return 16 }
  let relative = reference == 0 ? abs(value) : abs(value - reference) / abs(reference)
  return min(16, -log10(relative))
}
