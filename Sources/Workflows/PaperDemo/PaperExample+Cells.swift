import Cycling

extension PaperExample {
  /// Symmetric cells: 112 mV held for 200 h; the control fails after about 24 h.
  static let symmetricPlateauVolts = 0.112
  static let controlFailureHours = 24.0

  /// The paper's Na | PEO–NaTFSI–NRASCN | NVP cell as Ionics simulates it:
  /// five cycles at each rate with the paper's capacities, then `long`
  /// cycles at 0.3 C fading linearly to 100.5 mAh/g (91.8 % retention),
  /// 2.5–3.9 V, 1 C = 117 mAh/g; `points` records per half cycle.
  package static func simulatedCell(longCycles long: Int, activeMassGrams: Double, points: Int = 20)
    -> CyclerTable
  {
    var blocks = rateCapacities.map {
      CellSimulator.Block(
        cRate: $0.rate, dischargeMilliampHoursPerGram: Array(repeating: $0.capacity, count: 5))
    }
    let start = finalMilliampHoursPerGram / (reportedRetentionPercent / 100)
    blocks.append(
      CellSimulator.Block(
        cRate: 0.3,
        dischargeMilliampHoursPerGram: (0..<long).map {
          start + (finalMilliampHoursPerGram - start) * Double($0) / Double(max(long - 1, 1))
        }))
    return CellSimulator.cycling(
      blocks, activeMassGrams: activeMassGrams, oneC: nominalMilliampHoursPerGram,
      window: 2.5...3.9, points: points)
  }

  /// The symmetric cell (or, with `failing`, the control) on a 19 mm disc.
  package static func simulatedSymmetricCell(failing: Bool) -> SymmetricCellSimulator {
    var cell = SymmetricCellSimulator()
    cell.currentDensityMilliampsPerSquareCentimetre = currentDensityMilliampsPerSquareCentimetre
    let radius = discDiameterMillimetres / 20
    cell.areaSquareCentimetres = Double.pi * radius * radius
    cell.plateauVolts = symmetricPlateauVolts
    if failing { cell.failureHours = controlFailureHours }
    return cell
  }
}
