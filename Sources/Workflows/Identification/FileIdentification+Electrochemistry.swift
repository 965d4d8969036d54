import Foundation
import IonicsCore

extension FileIdentification {
  /// EC-Lab techniques that write impedance spectra.
  static let impedanceTechniques = [
    "Potentio Electrochemical Impedance Spectroscopy": "PEIS",
    "Galvano Electrochemical Impedance Spectroscopy": "GEIS",
    "IR compensation (PEIS)": "ZIR",
    "Staircase Potentio Electrochemical Impedance Spectroscopy": "SPEIS",
    "Staircase Galvano Electrochemical Impedance Spectroscopy": "SGEIS",
  ]
  /// EC-Lab techniques of cycling (capacity per cycle makes sense).
  static let cyclingTechniques = [
    "Galvanostatic Cycling with Potential Limitation": "GCPL",
    "Modulo Bat": "MB", "Chronopotentiometry": "CP",
  ]
  /// Other EC-Lab techniques with a time–potential–current table.
  static let otherTechniques = [
    "Cyclic Voltammetry": "CV", "Cyclic Voltammetry Advanced": "CVA",
    "Linear Sweep Voltammetry": "LSV", "Chronoamperometry / Chronocoulometry": "CA",
    "Open Circuit Voltage": "OCV",
  ]

  /// Impedance text exports.
  static func impedanceText(_ probe: FileProbe) -> FileIdentity? {
    let first = probe.firstLine
    if first.hasPrefix("EC-Lab ASCII FILE") || first.hasPrefix("BT-Lab ASCII FILE") {
      return bioLogicText(probe)
    }
    if first.hasPrefix(",0,1,2,3"), probe.contains("Date and time:") {
      return found(
        probe, .electrochemistry, "palmsens-csv-resaved", "PalmSens PSTrace CSV re-saved by pandas",
        instrument: "PalmSens", reader: nil, because: "index row ,0,1,2,… above PSTrace 'Date and time:'",
        refusal: "a PSTrace export re-saved with an index row and column: export it again from PSTrace")
    }
    if first.hasPrefix("freq/Hz\t") {
      return found(
        probe, .impedance, "biologic-table", "BioLogic impedance table without its header",
        instrument: "BioLogic", reader: .impedance, because: "column line 'freq/Hz Re(Z)/Ohm …' first")
    }
    if first.hasPrefix("EXPLAIN") {
      let tag = probe.value(after: "TAG") ?? ""
      let impedance = tag.contains("EIS")
      return found(
        probe, impedance ? .impedance : .electrochemistry, "gamry-dta", "Gamry Framework .DTA",
        instrument: "Gamry", technique: tag.isEmpty ? nil : tag,
        reader: impedance ? .impedance : nil, because: "first line EXPLAIN, TAG \(tag)",
        refusal: "a Gamry \(tag) file: only the impedance tables (EISPOT, GALVEIS) are read")
    }
    let signatures: [(test: Bool, format: String, name: String, instrument: String, why: String)] = [
      (first.hasPrefix("ZPLOT2 ASCII"), "zplot-z", "Scribner ZPlot .z (ZPLOT2)", "Scribner/Solartron", "first line ZPLOT2 ASCII"),
      (first.contains("ZPlotW Data File"), "zplot-z", "Scribner ZPlotW .z", "Scribner/Solartron", "ZPlotW Data File"),
      (first.contains("Z60W Data File"), "autolab-z60w", "ZView-style text (Autolab export)", "Metrohm Autolab", "Z60W Data File"),
      (first.hasPrefix("VERSION"), "autolab-dfr", "Eco Chemie/Autolab .dfr", "Metrohm Autolab", "first line VERSION and one value per line"),
      (probe.contains("\nprimary_data"), "ivium-idf", "Ivium .idf/.ids", "Ivium", "a primary_data block"),
      (probe.contains("<Application>") && probe.contains("VersaStudio"), "versastudio-par", "VersaStudio .par", "Princeton Applied Research", "<Application> VersaStudio"),
      (first.hasPrefix("RelaxIS"), "relaxis-text", "RelaxIS spectrum export", "rhd instruments RelaxIS", "first line '\(first.prefix(30))'"),
      (first.hasPrefix("MACCOR") && probe.contains("AC Impedance"), "maccor-fra", "Maccor FRA impedance export", "Maccor", "MACCOR, INC. AC Impedance Test"),
      (probe.contains("Measurement:,Impedance Spectroscopy") || probe.contains("Measurement:,Impedance spectroscopy"), "palmsens-csv", "PalmSens PSTrace CSV", "PalmSens", "Measurement:,Impedance Spectroscopy"),
      (first.contains("\"Type\":\"PalmSens") || first.contains("\"Type\": \"PalmSens"), "palmsens-pssession", "PalmSens PSTrace session (.pssession)", "PalmSens", "JSON Type PalmSens.DataFiles"),
      (first.hasPrefix("A.C. Impedance") || (probe.lines.count > 1 && probe.lines[1].hasPrefix("A.C. Impedance")), "chi-text", "CH Instruments text", "CH Instruments", "A.C. Impedance"),
    ]
    for s in signatures where s.test {
      let readable = s.format != "palmsens-pssession"
      return found(
        probe, .impedance, s.format, s.name, instrument: s.instrument,
        reader: readable ? .impedance : nil, because: s.why,
        refusal: "a PalmSens session file: export the curves from PSTrace as CSV")
    }
    return nil
  }

  /// EC-Lab and BT-Lab text exports: the technique line decides the reader.
  static func bioLogicText(_ probe: FileProbe) -> FileIdentity {
    let program = probe.firstLine.hasPrefix("BT-Lab") ? "BT-Lab" : "EC-Lab"
    let header = probe.value(after: "Nb header lines").map { "\($0) header lines" }
    let format = "biologic-mpt"
    let name = "BioLogic \(program) text export (.mpt)"
    let line = probe.lines.dropFirst(2).prefix(4).first { !$0.isEmpty } ?? ""
    guard !line.contains("\t") else {
      // No settings: the column line follows the header count.
      let impedance = line.hasPrefix("freq/Hz")
      return found(
        probe, impedance ? .impedance : .cycling, format, name, instrument: "BioLogic",
        dialect: "without settings (\(header ?? "?"))", reader: impedance ? .impedance : .cycling,
        because: "\(program) ASCII FILE with the columns \(line.prefix(30))… right after the header count")
    }
    let technique = line
    if let short = impedanceTechniques[technique] {
      return found(
        probe, .impedance, format, name, instrument: "BioLogic", technique: short,
        dialect: header, reader: .impedance, because: "\(program) ASCII FILE, technique \(technique)")
    }
    let short = cyclingTechniques[technique] ?? otherTechniques[technique] ?? technique
    let kind: FileKind = cyclingTechniques[technique] != nil ? .cycling : .electrochemistry
    return found(
      probe, kind, format, name, instrument: "BioLogic", technique: short, dialect: header,
      reader: .cycling, because: "\(program) ASCII FILE, technique \(technique)")
  }

  /// An EC-Lab settings file (.mps): the technique sequence and the active
  /// mass it names are given as facts; it holds no data points.
  static func bioLogicSettings(_ probe: FileProbe) -> FileIdentity {
    let lines = probe.lines
    var techniques: [String] = []
    for (k, line) in lines.enumerated() where line.hasPrefix("Technique :") && k + 1 < lines.count {
      let name = lines[k + 1]
      techniques.append(cyclingTechniques[name] ?? otherTechniques[name] ?? impedanceTechniques[name] ?? name)
    }
    var facts = FileFacts()
    facts.techniques = techniques.isEmpty ? nil : techniques
    if let mass = probe.value(after: "Mass of active material :") {
      let parts = mass.split(separator: " ")
      let factor = ["mg": 1.0, "g": 1000, "µg": 0.001, "\u{3BC}g": 0.001][parts.count > 1 ? String(parts[1]) : "mg"]
      if let number = parts.first.flatMap({ Double($0.replacingOccurrences(of: ",", with: ".")) }),
        let factor, number > 0
      {
        facts.massMilligrams = number * factor
      }
    }
    let sequence = techniques.isEmpty ? "" : " of \(techniques.joined(separator: " → "))"
    let mass = facts.massMilligrams.map { ", active mass \(significant($0, 4)) mg" } ?? ""
    var identity = found(
      probe, .settings, "biologic-mps", "BioLogic settings file (.mps)", instrument: "BioLogic",
      technique: techniques.first, reader: nil, because: "first line '\(probe.firstLine)'",
      refusal:
        "EC-Lab settings\(sequence)\(mass): the plan of an experiment, no data points; read its .mpr or .mpt")
    identity.facts = facts
    return identity
  }

  /// Cycler text exports.
  static func cyclingText(_ probe: FileProbe) -> FileIdentity? {
    let first = probe.firstLine
    if first.hasPrefix("Today's Date") || first.hasPrefix("Date of Test") {
      let csv = probe.lines.contains { $0.hasPrefix("Rec,") }
      let modes = probe.lines.contains { $0.hasPrefix("Rec\t") && $0.contains("\tMd\t") }
      let minutes = probe.contains("Test (Min)")
      let dialect =
        csv ? "CSV (Rec,Cycle C,…)" : modes ? "text with Cycle C and Md" : minutes ? "text, times in minutes" : "text"
      return found(
        probe, .cycling, csv ? "maccor-csv" : "maccor-text", "Maccor export", instrument: "Maccor",
        dialect: dialect, reader: .cycling,
        because: "Today's Date header and a \(csv ? "Rec," : "Rec#") column line")
    }
    if first == "[Summary]", probe.contains("Novonix") {
      return found(
        probe, .cycling, "novonix-csv", "Novonix HPC/UHPC CSV", instrument: "Novonix",
        reader: .cycling, because: "[Summary] section naming Novonix")
    }
    if first.hasPrefix("~Resultfile from Basytec") || first.hasPrefix("~Resultfile from BaSyTec") {
      return found(
        probe, .cycling, "basytec-text", "BaSyTec result file", instrument: "BaSyTec",
        reader: .cycling, because: "first line ~Resultfile from Basytec")
    }
    if probe.contains("TestRegime Name:") || probe.contains("Test Regime Name:") {
      return found(
        probe, .cycling, "pec-csv", "PEC SBT export", instrument: "PEC",
        dialect: probe.lines.prefix(60).contains { $0.hasPrefix("Test,Cell,Rack") } ? "45-line preamble" : "classic",
        reader: .cycling, because: "Key:,value preamble with TestRegime Name")
    }
    if first.hasPrefix("BT-Lab LOG FILE") || first.hasPrefix("EC-Lab LOG FILE") {
      return found(
        probe, .settings, "biologic-mpl", "BioLogic log file (.mpl)", instrument: "BioLogic",
        reader: nil, because: "first line '\(first)'",
        refusal: "a BioLogic log: the settings and events of a run, no data points; read the .mpr or .mpt beside it")
    }
    if first.hasPrefix("EC-LAB SETTING FILE") || first.hasPrefix("BT-LAB SETTING FILE") {
      return bioLogicSettings(probe)
    }
    if first.contains("Data Point,") == false, first.hasPrefix(",Test_ID") || first.lowercased().hasPrefix(",test_id") {
      return found(
        probe, .settings, "arbin-metadata-csv", "Arbin test metadata CSV", instrument: "Arbin",
        reader: nil, because: "header ,Test_ID,Device_ID,…",
        refusal: "Arbin test metadata (schedule, channel, start time), no data points; the records are in the CSV without _Metadata")
    }
    let header = probe.lines.prefix(3).joined(separator: "\n")
    if header.lowercased().hasPrefix("cycle id") || header.hasPrefix("Cycle Index,Chg. Cap") {
      return found(
        probe, .cycling, "neware-regular-csv", "Neware BTS CSV (cycle/step/record layers)",
        instrument: "Neware BTS", reader: .cycling, because: "three interleaved header lines")
    }
    if probe.starts(with: [0xFF, 0xFE]) || probe.starts(with: [0xFE, 0xFF]),
      probe.contains("Date and time:") || probe.contains("Measurement:")
    {
      let technique = probe.value(after: "Measurement:")
      return found(
        probe, .electrochemistry, "palmsens-csv", "PalmSens PSTrace CSV (UTF-16)",
        instrument: "PalmSens", technique: technique, reader: .cycling,
        because: "UTF-16 text with PSTrace 'Date and time:' header")
    }
    if first.hasPrefix("Cycle_Index,"), first.contains("Q_chg"), first.contains("Q_dis") {
      return found(
        probe, .cycling, "batterydata-summary", "BatteryData per-cycle summary CSV",
        instrument: "batterydata.energy.gov", reader: nil, because: "Cycle_Index with Q_chg and Q_dis",
        refusal: "per-cycle totals that another program computed, not records; give the matching -raw.csv")
    }
    if first.hasPrefix("mode\tox/red") || first.hasPrefix(";mode;ox") || first.hasPrefix("mode;ox/red") {
      return found(
        probe, .cycling, "biologic-table", "BioLogic data table without its header",
        instrument: "BioLogic", reader: .cycling, because: "column line 'mode ox/red …' first")
    }
    return nil
  }
}
