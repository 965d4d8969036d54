import Conductivity
import Foundation
import IonicsCore
import Testing

@testable import Report

struct ConductivityReportTests {
  /// The report of the simulated series is one self-contained HTML file: the
  /// notice, both Arrhenius forms with their Ea, σ(25 °C) with its interval,
  /// two figures whose clip-path ids do not collide, and the command.
  @Test func seriesReportIsSelfContained() throws {
    let inputs = try SimulatedSeries.blockingPellet()
    let options = TemperatureSeries.Options(
      circuit: SimulatedSeries.circuit,
      geometry: try CellGeometry.disc(diameterMillimetres: 12, thicknessMillimetres: 4))
    let result = try TemperatureSeries.analyse(inputs, options: options)
    let html = ConductivityReport.html(
      result, inputs: inputs, options: options,
      provenance: .init(
        command: "ionics demo <test>", version: "0.1.0", notice: "simulated & so on"))
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("simulated &amp; so on"))
    #expect(html.contains("ionics demo &lt;test&gt;"))
    #expect(html.contains("\(result.arrhenius.activationEnergyElectronvolts) eV"))
    #expect(html.contains("\(result.arrheniusSigmaT.activationEnergyElectronvolts) eV"))
    #expect(html.components(separatedBy: "<svg").count - 1 == 2)
    #expect(!html.contains("http://") || !html.contains("src="))
    // Every clip-path id is defined once.
    let ids = html.components(separatedBy: "<clipPath id=\"").dropFirst().map {
      String($0.prefix { $0 != "\"" })
    }
    #expect(ids.count == 4)
    #expect(Set(ids).count == ids.count)
    for p in result.points { #expect(html.contains(p.name)) }
  }

  @Test func escaping() {
    var doc = HTMLDocument(title: "a < b")
    doc.table(header: ["x & y"], rows: [["\"q\""]])
    #expect(doc.html.contains("<title>a &lt; b</title>"))
    #expect(doc.html.contains("<th>x &amp; y</th>") && doc.html.contains("&quot;q&quot;"))
  }
}
