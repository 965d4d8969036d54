import Foundation
import Spectroscopy
import TestSupport
import Testing

/// CasaXPS' own FeO Fe 2p fit, kept in the VAMAS file's block comment,
/// against what pynxtools-xps parses from it and against the curves CasaXPS
/// itself exported for that fit (`FeO_analyzed_lineshapes_cols.txt`:
/// counts, each component on the background, the background, the envelope).
@Suite("CasaXPS processing in VAMAS", SharedData.required("spectroscopy"))
struct CasaXPSProcessingTests {
  static let hv = 1486.61

  static func feo() throws -> PhotoelectronSpectrum {
    let name = "pynxtoolsxps_FeO_analyzed.vms"
    let blocks = try VAMASFile.read(try Data(contentsOf: SharedData.url("spectroscopy/xps/\(name)")), source: name)
    return try #require(blocks.first?.spectrum)
  }

  /// CasaXPS' exported columns: kinetic energy, counts, the four components
  /// on the background, the background, the envelope (all in counts).
  static func exportedColumns() throws -> [[Double]] {
    let url = SharedData.url("spectroscopy/xps/pynxtoolsxps_FeO_analyzed_lineshapes_cols.txt")
    let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
    var rows: [[Double]] = []
    var inData = false
    for line in text.split(whereSeparator: \.isNewline) {
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
      if cells.first == "K.E." { inData = true; continue }
      guard inData, cells.count >= 8 else { continue }
      let values = cells.prefix(8).compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
      if values.count == 8 { rows.append(values) }
    }
    return rows
  }

  /// The region and the four components as pynxtools-xps parses them
  /// (SOURCES.md): binding energy = 1486.61 − kinetic energy.
  @Test func regionAndComponentsAreRead() throws {
    let casa = try #require(try Self.feo().casaXPS)
    #expect(casa.unreadLines == 0)
    let region = try #require(casa.regions.first)
    #expect(region.background == "U 3 Tougaard")
    #expect(region.parameters == [335.44588, 551, 436, 3])
    #expect(abs(region.startKinetic - 737.52081) < 1e-9 && abs(region.endKinetic - 786.7632) < 1e-9)
    #expect(casa.components.map(\.lineShape) == ["LF(0.54,10,80,100,6)", "SGL(30)", "LF(0.54,10,80,100,6)", "SGL(30)"])
    let positions = casa.components.map { CasaXPSProcessing.bindingEnergy(kinetic: $0.positionKinetic.value, photonEnergy: Self.hv) }
    for (p, expected) in zip(positions, [709.05, 716.0, 722.13, 729.89]) { #expect(abs(p - expected) < 0.005) }
    for (c, expected) in zip(casa.components, [3.86, 8.0, 4.87, 7.83]) { #expect(abs(c.fwhm.value - expected) < 0.005) }
    for (c, expected) in zip(casa.components, [63507.37, 35837.06, 49042.13, 17705.16]) { #expect(abs(c.area.value - expected) < 0.01) }
    // The first satellite's FWHM and position sit on their bounds (8 eV, 716.00 eV).
    #expect(casa.components[1].fwhm.atBound && casa.components[1].positionKinetic.atBound)
    #expect(!casa.components[0].positionKinetic.atBound)
    #expect(casa.components[0].evaluableShape == nil && casa.components[1].evaluableShape == .gaussianLorentzianSum(mixing: 30))
  }

  /// The U 3 Tougaard background of the region, computed from the counts
  /// with the region's B, C, D and T₀, is CasaXPS' exported background: within
  /// 0.06 % of its 9 500-count rise everywhere (the cross-section without the
  /// 3 eV threshold misses by 1 %).
  @Test func tougaardBackgroundIsCasaXPSs() throws {
    let spectrum = try Self.feo()
    let region = try #require(spectrum.casaXPS?.regions.first)
    let columns = try Self.exportedColumns()
    #expect(columns.count == spectrum.count)
    let (indices, background) = try region.tougaardBackground(kinetic: spectrum.energies, signal: spectrum.signal)
    #expect(indices.count == 985)
    let exported = Dictionary(uniqueKeysWithValues: columns.map { ($0[0], $0[6]) })
    let rise = (exported.values.max() ?? 0) - (exported.values.min() ?? 0)
    var worst = 0.0
    for (i, k) in indices.enumerated() {
      let e = try #require(exported[spectrum.energies[k]])
      worst = max(worst, abs(background[i] - e))
    }
    #expect(rise > 9000 && worst < 0.0006 * rise, "worst \(worst) of \(rise)")

    var plain = region
    plain.parameters[3] = 0
    let (_, without) = try plain.tougaardBackground(kinetic: spectrum.energies, signal: spectrum.signal)
    let worstWithout = zip(indices, without).map { abs($1 - (exported[spectrum.energies[$0]] ?? 0)) }.max() ?? 0
    #expect(worstWithout > 0.005 * rise)
  }

  /// The two SGL(30) satellites evaluated here from CasaXPS' position, FWHM
  /// and area are CasaXPS' own curves to 0.5 % of their height: SGL mixes
  /// Gaussian and Lorentzian by height at one FWHM, and the area is the
  /// integral over all energies (area mixing would miss by 3 %).
  @Test func sumShapesAreCasaXPSs() throws {
    let spectrum = try Self.feo()
    let casa = try #require(spectrum.casaXPS)
    let columns = try Self.exportedColumns()
    let perSecond = try #require(spectrum.countsPerSecond)
    let countsPerCPS = spectrum.signal[0] / perSecond[0]
    #expect(abs(countsPerCPS - 2) < 1e-9)
    let region = try #require(casa.regions.first)
    for (k, component) in casa.components.enumerated() {
      guard let shape = component.evaluableShape else { continue }
      let f = component.fwhm.value
      let height = component.area.value / shape.area(width: f) * countsPerCPS
      let position = component.positionKinetic.value
      var worst = 0.0
      for row in columns where row[0] >= region.startKinetic && row[0] <= region.endKinetic {
        let exported = row[2 + k] - row[6]
        // Kinetic and binding distances from the position differ only in sign; SGL is symmetric.
        worst = max(worst, abs(height * shape.value(row[0] - position, width: f) - exported))
      }
      #expect(worst < 0.005 * height, "component \(k + 1): worst \(worst) of \(height)")
    }
  }

  /// Lines that are not CASA processing give nothing; a damaged CASA line is
  /// counted as unread, not fatal.
  @Test func otherCommentsAndDamagedLines() {
    #expect(CasaXPSProcessing.parse(["Sum of 2 spectra", "XPS"]) == nil)
    let damaged = CasaXPSProcessing.parse(["CASA comp (*Fe 2p*) (*SGL(30)*) Area nan", "CASA region (*x"])
    #expect(damaged?.unreadLines == 2 && damaged?.components.isEmpty == true)
  }
}
