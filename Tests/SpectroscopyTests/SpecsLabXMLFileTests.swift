import Foundation
import Spectroscopy
import TestSupport
import Testing

/// SpecsLab 2 XML (in-situ PBTTT, Mg Kα): the survey and C 1s regions
/// against pynxtools-xps' reference NeXus file (SOURCES.md), and the
/// multichannel-detector alignment that pynxtools-xps leaves out.
@Suite("SpecsLab 2 XML", SharedData.required("spectroscopy"))
struct SpecsLabXMLFileTests {
  static let name = "pynxtoolsxps_In-situ_PBTTT_XPS_SPECS.xml"

  static func read(align: Bool = true) throws -> [PhotoelectronSpectrum] {
    let data = try Data(contentsOf: SharedData.url("spectroscopy/xps/\(name)"))
    #expect(PhotoelectronFile.format(of: data) == "SpecsLab 2 XML")
    return try SpecsLabXMLFile.read(data, source: name, alignChannels: align)
  }

  /// Points, energies and acquisition as the region definitions state them;
  /// the C 1s region holds 2 of its 15 planned scans.
  @Test func regionsAndAcquisition() throws {
    let spectra = try Self.read()
    #expect(spectra.map(\.label) == ["Survey", "C 1s"])
    let survey = spectra[0], carbon = spectra[1]
    #expect(survey.count == 1403 && carbon.count == 201)
    #expect(survey.energies.first == 553.6 && abs((survey.energies.last ?? 0) - 1254.6) < 1e-9)
    #expect(abs((carbon.bindingEnergies?.first ?? 0) - 290) < 1e-9 && abs((carbon.bindingEnergies?.last ?? 0) - 280) < 1e-9)
    #expect(survey.photonEnergy == 1253.6 && survey.source == "Mg" && carbon.passEnergy == 20 && survey.passEnergy == 50)
    #expect(carbon.dwellSeconds == 0.2 && carbon.scans == 2 && survey.scans == 1)
    #expect(survey.workFunction == 4.37 && survey.sample == "PBTTT 1.2 V")
    #expect(survey.transmission?.count == 1403 && abs((survey.transmission?.first ?? 0) - 15.0861312194335) < 1e-12)
  }

  /// pynxtools-xps sums the five channels at the same analyser step: with
  /// the alignment off, its counts come back (survey first/last/max
  /// 472/11/777; C 1s mean of the scans 130.5/81/541).
  @Test func unalignedSumIsPynxtoolsXPS() throws {
    let spectra = try Self.read(align: false)
    let survey = spectra[0].signal, carbon = spectra[1].signal.map { $0 / 2 }
    #expect(survey.first == 472 && survey.last == 11 && survey.max() == 777)
    #expect(carbon.first == 130.5 && carbon.last == 81 && carbon.max() == 541)
  }

  /// The channels see energies up to ±1.6 eV apart at pass energy 20 eV;
  /// summed at their own energies, the C 1s line is narrower and taller than
  /// pynxtools-xps' sum at one step (1.7 against 3.6 eV FWHM), and holds the same counts away from
  /// the edges.
  @Test func alignedChannelsSharpenTheLine() throws {
    let aligned = try Self.read()[1], plain = try Self.read(align: false)[1]
    func fwhm(_ s: PhotoelectronSpectrum) -> Double {
      let y = s.signal, e = s.energies
      let floor = min(y.prefix(10).reduce(0, +), y.suffix(10).reduce(0, +)) / 10
      guard let top = y.indices.max(by: { y[$0] < y[$1] }) else { return 0 }
      let half = floor + (y[top] - floor) / 2
      var lo = top, hi = top
      while lo > 0, y[lo] > half { lo -= 1 }
      while hi < y.count - 1, y[hi] > half { hi += 1 }
      return e[hi] - e[lo]
    }
    #expect(fwhm(aligned) < fwhm(plain) - 1.0, "aligned \(fwhm(aligned)) eV, unaligned \(fwhm(plain)) eV")
    #expect((aligned.signal.max() ?? 0) > 1.5 * (plain.signal.max() ?? 0))
    let total = aligned.signal.reduce(0, +), plainTotal = plain.signal.reduce(0, +)
    #expect(abs(total / plainTotal - 1) < 0.05)
  }

  /// Cut or damaged files give located errors.
  @Test func damagedFilesGiveLocatedErrors() throws {
    let original = try Data(contentsOf: SharedData.url("spectroscopy/xps/\(Self.name)"))
    #expect(throws: SpectroscopyError.self) { try SpecsLabXMLFile.read(original.prefix(50_000), source: "cut.xml") }
    let text = String(decoding: original, as: UTF8.self)
    let wrongCount = text.replacingOccurrences(of: "<ulong name=\"values_per_curve\">201", with: "<ulong name=\"values_per_curve\">202")
    do {
      _ = try SpecsLabXMLFile.read(Data(wrongCount.utf8), source: "count.xml")
      Issue.record("a wrong point count was accepted")
    } catch {
      #expect(error.description.hasPrefix("count.xml:") && error.description.contains("counts per scan"))
    }
    let huge = text.replacingOccurrences(of: "<ulong name=\"mcd_head\">33", with: "<ulong name=\"mcd_head\">99999999999")
    #expect(throws: SpectroscopyError.self) { try SpecsLabXMLFile.read(Data(huge.utf8), source: "huge.xml") }
    var damage = ByteDamage(seed: 2013, interesting: Array("<>/\"0123456789".utf8))
    let bytes = Array(original)
    for trial in 0..<100 {
      do {
        _ = try SpecsLabXMLFile.read(Data(damage.damaged(bytes, trial: trial)), source: "damaged.xml")
      } catch {
        #expect(error.description.hasPrefix("damaged.xml"))
      }
    }
  }
}
