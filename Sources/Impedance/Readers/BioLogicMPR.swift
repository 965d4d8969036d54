import Foundation

/// BioLogic EC-Lab binary `.mpr` files.
enum BioLogicMPR {
  static func read(_ data: Data, source: String) throws -> [ImpedanceSpectrum] {
    throw ImpedanceReadError.unknownFormat(
      source: source, "BioLogic .mpr (binary) is not read yet: export it as .mpt from EC-Lab")
  }
}
