import Foundation

/// The processing that CasaXPS keeps in a VAMAS block's comment: its
/// quantification regions (`CASA region`: limits, background type and
/// cross-section) and its fitted components (`CASA comp`: line shape, area,
/// FWHM and position, each with its bounds). CasaXPS writes energies on the
/// kinetic scale; ``bindingEnergy(kinetic:photonEnergy:)`` turns them into
/// binding energies (E_B = hν − E_K, as CasaXPS shows them).
///
/// This is CasaXPS' own fit, read so that a fit made here can be compared
/// with it; nothing is refitted on reading.
public struct CasaXPSProcessing: Sendable, Equatable {
  /// A value with CasaXPS' bounds and link.
  public struct Parameter: Sendable, Equatable, Codable {
    /// The value (eV for positions and widths, counts·eV/s for areas).
    public var value: Double
    /// Lower bound.
    public var lower: Double
    /// Upper bound.
    public var upper: Double
    /// Index of the component it is linked to (nil: free).
    public var linkedTo: Int?
    /// The link's factor or offset as CasaXPS writes it.
    public var linkFactor: Double

    /// Whether CasaXPS left the value on one of its bounds.
    public var atBound: Bool {
      abs(value - lower) <= 1e-9 * max(1, abs(value)) || abs(value - upper) <= 1e-9 * max(1, abs(value))
    }
  }

  /// A quantification region.
  public struct Region: Sendable, Equatable {
    /// Name ("Fe 2p").
    public var name: String
    /// CasaXPS' background type ("Shirley", "Linear", "U 3 Tougaard").
    public var background: String
    /// Low kinetic-energy limit, eV.
    public var startKinetic: Double
    /// High kinetic-energy limit, eV.
    public var endKinetic: Double
    /// Relative sensitivity factor.
    public var sensitivity: Double
    /// Width over which each end level is averaged, channels.
    public var averagingWidth: Double
    /// Offsets added to the two end levels, counts/s.
    public var offsets: (start: Double, end: Double)
    /// The background's parameters as written (for the Tougaard types:
    /// B, C, D and the loss threshold T₀).
    public var parameters: [Double]

    /// Regions are equal when every field is.
    public static func == (a: Region, b: Region) -> Bool {
      a.name == b.name && a.background == b.background && a.startKinetic == b.startKinetic
        && a.endKinetic == b.endKinetic && a.sensitivity == b.sensitivity && a.averagingWidth == b.averagingWidth
        && a.offsets.start == b.offsets.start && a.offsets.end == b.offsets.end && a.parameters == b.parameters
    }
  }

  /// A fitted component.
  public struct Component: Sendable, Equatable {
    /// Name ("Fe 2p").
    public var name: String
    /// CasaXPS' line shape ("SGL(30)", "LF(0.54,10,80,100,6)").
    public var lineShape: String
    /// Area, counts·eV/s.
    public var area: Parameter
    /// FWHM, eV.
    public var fwhm: Parameter
    /// Position on the kinetic scale, eV.
    public var positionKinetic: Parameter
    /// Relative sensitivity factor.
    public var sensitivity: Double?

    /// The shape as a ``LineShape``, when it is one this module evaluates
    /// (GL, SGL, V, DS); nil for CasaXPS' LA/LF shapes.
    public var evaluableShape: LineShape? { LineShape(lineShape) }
  }

  /// The regions.
  public var regions: [Region]
  /// The components.
  public var components: [Component]
  /// `CASA` lines that could not be read (counted, not fatal: the spectrum
  /// itself does not depend on them).
  public var unreadLines: Int

  /// E_B = hν − E_K, eV.
  public static func bindingEnergy(kinetic: Double, photonEnergy: Double) -> Double { photonEnergy - kinetic }

  /// The processing in a block's comment lines; nil when there is none.
  public static func parse(_ lines: [String]) -> CasaXPSProcessing? {
    var regions: [Region] = []
    var components: [Component] = []
    var unread = 0
    for line in lines {
      if line.hasPrefix("CASA region") {
        if let r = region(tokens(line)) { regions.append(r) } else { unread += 1 }
      } else if line.hasPrefix("CASA comp") {
        if let c = component(tokens(line)) { components.append(c) } else { unread += 1 }
      }
    }
    guard !regions.isEmpty || !components.isEmpty || unread > 0 else { return nil }
    return CasaXPSProcessing(regions: regions, components: components, unreadLines: unread)
  }

  /// Splits a CASA line into words and `(*quoted*)` strings (without the marks).
  static func tokens(_ line: String) -> [String] {
    var out: [String] = []
    var rest = Substring(line)
    while true {
      rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
      guard !rest.isEmpty else { return out }
      if rest.hasPrefix("(*") {
        let body = rest.dropFirst(2)
        guard let end = body.range(of: "*)") else { out.append(String(body)); return out }
        out.append(String(body[..<end.lowerBound]))
        rest = body[end.upperBound...]
      } else {
        let word = rest.prefix { $0 != " " && $0 != "\t" && $0 != "\r" }
        out.append(String(word))
        rest = rest.dropFirst(word.count)
      }
    }
  }

  /// `CASA region (*name*) (*background*) start end RSF width offset offset p1 p2 p3 p4 …`.
  static func region(_ t: [String]) -> Region? {
    guard t.count >= 14 else { return nil }
    let numbers = t[4..<14].map { finite($0) }
    guard numbers.allSatisfy({ $0 != nil }) else { return nil }
    let v = numbers.compactMap { $0 }
    return Region(
      name: t[2], background: t[3], startKinetic: min(v[0], v[1]), endKinetic: max(v[0], v[1]), sensitivity: v[2],
      averagingWidth: v[3], offsets: (v[4], v[5]), parameters: Array(v[6..<10]))
  }

  /// `CASA comp (*name*) (*shape*) Area v lo hi link f MFWHM … Position … RSF r …`.
  static func component(_ t: [String]) -> Component? {
    guard t.count >= 4 else { return nil }
    func parameter(_ key: String) -> Parameter? {
      guard let k = t.firstIndex(of: key), k + 5 < t.count,
        let value = finite(t[k + 1]), let lower = finite(t[k + 2]), let upper = finite(t[k + 3]),
        let link = finite(t[k + 4]), let factor = finite(t[k + 5])
      else { return nil }
      let linked = link >= 0 && link < 10_000 ? Int(link) : nil
      return Parameter(value: value, lower: lower, upper: upper, linkedTo: linked, linkFactor: factor)
    }
    guard let area = parameter("Area"), let fwhm = parameter("MFWHM") ?? parameter("FWHM"),
      let position = parameter("Position")
    else { return nil }
    var rsf: Double?
    if let k = t.firstIndex(of: "RSF"), k + 1 < t.count { rsf = finite(t[k + 1]) }
    return Component(name: t[2], lineShape: t[3], area: area, fwhm: fwhm, positionKinetic: position, sensitivity: rsf)
  }

  static func finite(_ s: String) -> Double? {
    guard let v = Double(s), v.isFinite else { return nil }
    return v
  }
}

extension CasaXPSProcessing.Region {
  /// The region's background on the recorded points, by its type: the
  /// Tougaard types as ``tougaardBackground(kinetic:signal:)``; "Shirley"
  /// and "Linear" by ``XPSBackground`` on the points inside the region with
  /// the ends averaged over width + 1 points (CasaXPS' exported Shirley
  /// was not available to check this averaging against). Returns the
  /// indices of the points inside the region and the background there.
  public func background(kinetic: [Double], signal: [Double]) throws(SpectroscopyError) -> (
    indices: [Int], background: [Double]
  ) {
    if background.hasSuffix("Tougaard") { return try tougaardBackground(kinetic: kinetic, signal: signal) }
    let kind = background.lowercased()
    guard kind == "shirley" || kind == "linear" else {
      throw SpectroscopyError.unsupported(
        file: "CasaXPS region \(name)", "background \"\(background)\" is not one Ionics computes (Shirley, Linear, U 2/3/4 Tougaard)")
    }
    // Binding energy rises as kinetic energy falls: sort by falling kinetic energy.
    let inside = kinetic.indices.filter { kinetic[$0] >= startKinetic - 1e-6 && kinetic[$0] <= endKinetic + 1e-6 }
      .sorted { kinetic[$0] > kinetic[$1] }
    guard inside.count >= 3, let top = inside.first else {
      throw SpectroscopyError.unsupported(
        file: "CasaXPS region \(name)", "fewer than 3 points lie between \(startKinetic) and \(endKinetic) eV")
    }
    let binding = inside.map { kinetic[top] - kinetic[$0] }
    let y = inside.map { signal[$0] }
    let averaging = max(1, Int(averagingWidth.rounded()) + 1)
    let values =
      kind == "shirley"
      ? XPSBackground.shirley(binding, y, averaging: averaging).background
      : XPSBackground.linear(binding, y, averaging: averaging)
    return (inside, values)
  }

  /// The region's background on the recorded points, as CasaXPS computes it
  /// for the Tougaard types: with E the kinetic energy,
  /// B(E) = J_end + ∫_{E′ > E, E′ − E ≥ T₀} K(E′ − E)·[J(E′) − J_end] dE′
  /// (``XPSBackground/tougaard(_:_:crossSection:averaging:scaled:lowLevel:)``),
  /// K(T) = B·T/((C − T²)² + D·T²) (U 3; U 2: B·T/(C + T²)²), and J_end
  /// the mean of the signal within ±width/2 channels of the high-kinetic-
  /// energy end. B is the region's own value, not rescaled. Verified against
  /// CasaXPS' exported background of a U 3 region; the threshold T₀ is the
  /// fourth number of the region line. Returns the indices of the points
  /// inside the region and the background there.
  ///
  /// `kinetic` must be ascending or descending with a constant step.
  public func tougaardBackground(kinetic: [Double], signal: [Double]) throws(SpectroscopyError) -> (
    indices: [Int], background: [Double]
  ) {
    guard background.hasPrefix("U "), background.hasSuffix("Tougaard"), parameters.count == 4 else {
      throw SpectroscopyError.unsupported(file: "CasaXPS region \(name)", "CasaXPS background \"\(background)\" is not a Tougaard type")
    }
    guard kinetic.count == signal.count, kinetic.count >= 3 else {
      throw SpectroscopyError.unsupported(file: "CasaXPS region \(name)", "the region has fewer than 3 points")
    }
    let inside = kinetic.indices.filter { kinetic[$0] >= startKinetic - 1e-6 && kinetic[$0] <= endKinetic + 1e-6 }
      .sorted { kinetic[$0] < kinetic[$1] }
    guard inside.count >= 3, let last = inside.last else {
      throw SpectroscopyError.unsupported(file: "CasaXPS region \(name)", "fewer than 3 points lie between \(startKinetic) and \(endKinetic) eV")
    }
    let step = abs(kinetic[inside[1]] - kinetic[inside[0]])
    let half = Int((averagingWidth / 2).rounded())
    let around = kinetic.indices.filter { abs(kinetic[$0] - kinetic[last]) <= (Double(half) + 0.5) * step }
    let level = around.map { signal[$0] }.reduce(0, +) / Double(max(around.count, 1)) + offsets.end
    let b = parameters[0], c = parameters[1], d = parameters[2]
    let threshold = background.hasPrefix("U 2") ? 0 : parameters[3]
    let section = XPSBackground.CrossSection(
      b: b, c: c, d: background.hasPrefix("U 2") ? nil : d, threshold: threshold)
    // XPSBackground integrates on a rising binding-energy axis: the points
    // by falling kinetic energy, E_B − E_B,0 = E_K,0 − E_K.
    let falling = Array(inside.reversed())
    let values = XPSBackground.tougaard(
      falling.map { kinetic[last] - kinetic[$0] }, falling.map { signal[$0] }, crossSection: section, scaled: false,
      lowLevel: level)
    return (inside, Array(values.reversed()))
  }
}
