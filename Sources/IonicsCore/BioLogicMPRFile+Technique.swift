import Foundation

extension BioLogicMPRFile {
  /// EC-Lab's technique numbers, the first byte of the "VMP Set" module's
  /// data (checked on 31 real `.mpr` files against their `.mpt` exports).
  package static let techniques: [Int: (short: String, name: String)] = [
    0x04: ("GCPL", "Galvanostatic Cycling with Potential Limitation"),
    0x06: ("CV", "Cyclic Voltammetry"),
    0x18: ("CA", "Chronoamperometry"),
    0x19: ("CP", "Chronopotentiometry"),
    0x1D: ("PEIS", "Potentio Electrochemical Impedance Spectroscopy"),
    0x1E: ("GEIS", "Galvano Electrochemical Impedance Spectroscopy"),
    0x32: ("ZIR", "IR compensation (PEIS)"),
    0x33: ("CVA", "Cyclic Voltammetry Advanced"),
    0x6C: ("LSV", "Linear Sweep Voltammetry"),
    0x7F: ("MB", "Modulo Bat"),
  ]

  /// The technique number of the `.mpr` bytes `data`, read from the module
  /// list alone (so also for files whose data columns are not all known);
  /// nil when the file has no settings module.
  package static func techniqueID(_ data: Data) -> Int? {
    let bytes = Bytes(bytes: [UInt8](data))
    guard let list = try? modules(bytes),
      let settings = list.first(where: { $0.name == "VMP Set" }), settings.length > 0
    else { return nil }
    return try? bytes.u8(settings.start, "the technique number")
  }
}
