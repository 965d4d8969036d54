import Foundation
import IonicsNumerics
import Testing

/// NIST StRD linear-regression problems (public-domain data and certified
/// values, 15 significant digits). A QR solution in double precision is
/// expected to reproduce 9 or more digits on Norris and Longley and, on the
/// degree-5 Wampler polynomials (condition number ~6e6 on the raw design),
/// at least 7; we assert those counts as log relative errors (LRE).
struct NISTLinearRegressionTests {
  // Norris: y against x, 36 observations (y, x pairs).
  static let norris: [(y: Double, x: Double)] = [
    (0.1, 0.2), (338.8, 337.4), (118.1, 118.2), (888.0, 884.6), (9.2, 10.1), (228.1, 226.5),
    (668.5, 666.3), (998.5, 996.3), (449.1, 448.6), (778.9, 777.0), (559.2, 558.2), (0.3, 0.4),
    (0.1, 0.6), (778.1, 775.5), (668.8, 666.9), (339.3, 338.0), (448.9, 447.5), (10.8, 11.6),
    (557.7, 556.0), (228.3, 228.1), (998.0, 995.8), (888.8, 887.6), (119.6, 120.2), (0.3, 0.3),
    (0.6, 0.3), (557.6, 556.8), (339.3, 339.1), (888.0, 887.2), (998.5, 999.0), (778.9, 779.0),
    (10.2, 11.1), (117.6, 118.3), (228.9, 229.2), (668.4, 669.1), (449.2, 448.9), (0.2, 0.5),
  ]

  // Longley: y, x1 … x6 (16 observations).
  static let longley: [[Double]] = [
    [60323, 83.0, 234289, 2356, 1590, 107608, 1947],
    [61122, 88.5, 259426, 2325, 1456, 108632, 1948],
    [60171, 88.2, 258054, 3682, 1616, 109773, 1949],
    [61187, 89.5, 284599, 3351, 1650, 110929, 1950],
    [63221, 96.2, 328975, 2099, 3099, 112075, 1951],
    [63639, 98.1, 346999, 1932, 3594, 113270, 1952],
    [64989, 99.0, 365385, 1870, 3547, 115094, 1953],
    [63761, 100.0, 363112, 3578, 3350, 116219, 1954],
    [66019, 101.2, 397469, 2904, 3048, 117388, 1955],
    [67857, 104.6, 419180, 2822, 2857, 118734, 1956],
    [68169, 108.4, 442769, 2936, 2798, 120445, 1957],
    [66513, 110.8, 444546, 4681, 2637, 121950, 1958],
    [68655, 112.6, 482704, 3813, 2552, 123366, 1959],
    [69564, 114.2, 502601, 3931, 2514, 125368, 1960],
    [69331, 115.7, 518173, 4806, 2572, 127852, 1961],
    [70551, 116.9, 554894, 4007, 2827, 130081, 1962],
  ]

  // Wampler5 y for x = 0 … 20: 1 + x + … + x⁵ plus a perturbation orthogonal
  // to the polynomial, so the certified coefficients are all exactly 1.
  static let wampler5Y: [Double] = [
    7590001, -20479994, 20480063, -20479636, 25231365, -20476094, 20489331, -20460392, 18417449,
    -20413570, 20591111, -20302844, 18651453, -20077766, 21059195, -19666384, 26348481, -18971402,
    22480719, -17866340, 10958421,
  ]

  static func polynomialDesign(degree: Int) throws -> Matrix {
    try Matrix(rowArrays: (0...20).map { x in (0...degree).map { pow(Double(x), Double($0)) } })
  }

  static func expectDigits(
    _ value: Double, _ certified: Double, atLeast digits: Double, _ what: String
  ) {
    let lre = logRelativeError(value, certified)
    #expect(lre >= digits, "\(what) = \(value), certified \(certified), LRE \(lre)")
  }

  @Test func norrisByQRAndByStraightLine() throws {
    let design = try Matrix(rowArrays: Self.norris.map { [1, $0.x] })
    let y = Self.norris.map(\.y)
    let qr = try LinearLeastSquares.solve(design: design, observations: y)
    let line = try StraightLineFit(x: Self.norris.map(\.x), y: y)
    let errors = try #require(qr.standardErrors)
    for (intercept, slope, seI, seS, r2, sd, what) in [
      (
        qr.coefficients[0], qr.coefficients[1], errors[0], errors[1], qr.rSquared,
        qr.residualStandardDeviation, "QR"
      ),
      (
        line.intercept, line.slope, line.interceptStandardError, line.slopeStandardError,
        line.rSquared, line.residualStandardDeviation, "line"
      ),
    ] {
      Self.expectDigits(intercept, -0.262323073774029, atLeast: 9, "\(what) B0")
      Self.expectDigits(slope, 1.00211681802045, atLeast: 9, "\(what) B1")
      Self.expectDigits(seI, 0.232818234301152, atLeast: 9, "\(what) sd B0")
      Self.expectDigits(seS, 0.429796848199937e-03, atLeast: 9, "\(what) sd B1")
      Self.expectDigits(sd, 0.884796396144373, atLeast: 9, "\(what) residual sd")
      Self.expectDigits(r2, 0.999993745883712, atLeast: 9, "\(what) R²")
    }
  }

  @Test func longley() throws {
    let design = try Matrix(rowArrays: Self.longley.map { [1] + $0.dropFirst() })
    let fit = try LinearLeastSquares.solve(design: design, observations: Self.longley.map { $0[0] })
    let certified = [
      -3482258.63459582, 15.0618722713733, -0.358191792925910E-01, -2.02022980381683,
      -1.03322686717359, -0.511041056535807E-01, 1829.15146461355,
    ]
    let certifiedSD = [
      890420.383607373, 84.9149257747669, 0.334910077722432E-01, 0.488399681651699,
      0.214274163161675, 0.226073200069370, 455.478499142212,
    ]
    let errors = try #require(fit.standardErrors)
    for k in 0..<7 {
      Self.expectDigits(fit.coefficients[k], certified[k], atLeast: 9, "Longley B\(k)")
      Self.expectDigits(errors[k], certifiedSD[k], atLeast: 9, "Longley sd B\(k)")
    }
    Self.expectDigits(fit.residualStandardDeviation, 304.854073561965, atLeast: 9, "residual sd")
    Self.expectDigits(fit.rSquared, 0.995479004577296, atLeast: 9, "R²")
    #expect(fit.rank == 7)
  }

  /// Wampler1: y = 1 + x + … + x⁵ exactly; Wampler2: y = 1 + 0.1x + … + 1e-5 x⁵
  /// exactly (the decimal data are exact). Residual SD and the standard
  /// errors are certified as 0: we require them below 1e-6 of the data scale.
  @Test(arguments: [1, 2])
  func wamplerExactPolynomials(number: Int) throws {
    let coefficients: [Double] =
      number == 1 ? [1, 1, 1, 1, 1, 1] : [1, 0.1, 0.01, 0.001, 0.0001, 0.00001]
    let y = (0...20).map { x in
      (0...5).reduce(0.0) { $0 + coefficients[$1] * pow(Double(x), Double($1)) }
    }
    let fit = try LinearLeastSquares.solve(
      design: try Self.polynomialDesign(degree: 5), observations: y)
    for k in 0...5 {
      Self.expectDigits(fit.coefficients[k], coefficients[k], atLeast: 7, "Wampler\(number) B\(k)")
    }
    #expect(fit.residualStandardDeviation < 1e-6 * (y.max() ?? 1) * 1e-6)
    #expect(abs(fit.rSquared - 1) < 1e-12)
  }

  /// Wampler3, 4 and 5 share the perturbation e of Wampler5 scaled by 1e-4,
  /// 1e-2 and 1: y = (1 + x + … + x⁵) + s·e. The coefficients stay 1 and the
  /// standard deviations scale with s; the Wampler5 values are certified.
  @Test(arguments: [(3, 1e-4), (4, 1e-2), (5, 1.0)])
  func wamplerPerturbedPolynomials(number: Int, scale: Double) throws {
    let exact = (0...20).map { x in (0...5).reduce(0.0) { $0 + pow(Double(x), Double($1)) } }
    let y = zip(exact, Self.wampler5Y).map { $0 + scale * ($1 - $0) }
    let fit = try LinearLeastSquares.solve(
      design: try Self.polynomialDesign(degree: 5), observations: y)
    let certifiedSD = [
      21523262.4678170, 23635517.3469681, 7793435.24331583, 1014755.07550350, 56456.6512170752,
      1123.24854679312,
    ]
    let errors = try #require(fit.standardErrors)
    for k in 0...5 {
      // Coefficients are 1 against standard deviations up to 2e7·s: their
      // absolute error is what double precision limits, relative to that SD.
      #expect(
        abs(fit.coefficients[k] - 1) < 1e-7 * certifiedSD[k] * scale + 1e-7,
        "Wampler\(number) B\(k) = \(fit.coefficients[k])")
      Self.expectDigits(errors[k], certifiedSD[k] * scale, atLeast: 7, "Wampler\(number) sd B\(k)")
    }
    Self.expectDigits(
      fit.residualStandardDeviation, 23601450.2379268 * scale, atLeast: 7, "residual sd")
    if number == 5 {
      Self.expectDigits(fit.rSquared, 0.224668921574940E-02, atLeast: 7, "Wampler5 R²")
    }
    if number == 4 { Self.expectDigits(fit.rSquared, 0.957478440825662, atLeast: 7, "Wampler4 R²") }
  }

  @Test func dependentColumnsAreDetectedNotHidden() throws {
    // Third column = first + second: rank 2, no covariance.
    let design = try Matrix(rowArrays: (0..<10).map { i in [1, Double(i), 1 + Double(i)] })
    let fit = try LinearLeastSquares.solve(
      design: design, observations: (0..<10).map { 2 + 3 * Double($0) })
    #expect(fit.rank == 2)
    #expect(fit.standardErrors == nil)
    let predicted = design.multiply(fit.coefficients)
    for (i, p) in predicted.enumerated() { #expect(abs(p - (2 + 3 * Double(i))) < 1e-10) }
  }

  @Test func mismatchedSizesThrow() throws {
    let design = Matrix(rows: 3, columns: 2)
    #expect(throws: NumericsError.self) {
      try LinearLeastSquares.solve(design: design, observations: [1, 2])
    }
    #expect(throws: NumericsError.self) { try StraightLineFit(x: [1, 1, 1], y: [1, 2, 3]) }
  }
}
