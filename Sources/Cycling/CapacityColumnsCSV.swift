import Dispatch
import Foundation
import IonicsCore

/// Cycler CSV exports that carry capacity columns: the Battery Data Format
/// (`Test Time / h`, `Charge Capacity / Ah`, …), Arbin (`Test_Time`,
/// `Charge_Capacity`, …), Neware BTS (`Cumulative Time`, `Chg. Cap.(Ah)`,
/// …) and the normalised LAND layout (`test_time_s`, `charge_capacity_Ah`,
/// …). The header is the first line that names at least four known columns
/// (preambles are skipped). Charge and discharge capacity may restart at
/// every step, every cycle or never: each record's charge is the rise of
/// its column since the previous record of the same step and cycle, or the
/// column itself where it restarted, so a CC+CV charge is the sum of its parts.
public enum CapacityColumnsCSV {
  /// A column role, the header names it goes by (lower case), and the
  /// factor to SI (s, A, V, Ah).
  struct Role {
    let names: [(String, Double)]
  }

  static let time = Role(names: [
    ("test time / h", 3600), ("test time / s", 1), ("test_time_s", 1), ("test_time", 1),
    ("test time", 1), ("test_time(s)", 1), ("cumulative time", 1), ("test time (s)", 1),
    ("total time (seconds)", 1), ("run time (h)", 3600), ("testtime", 1), ("testtime/s", 1),
    ("test time/s", 1), ("test time/h", 3600), ("testtime/sec", 1), ("test time/sec", 1),
    ("testtime/h", 3600), ("time_s", 1), ("test_time_second", 1), ("time[s]", 1), ("time[h]", 3600),
    ("test time (sec)", 1), ("total time (hours in hh:mm:ss.xxx)", 1), ("testtime/sec", 1),
  ])
  static let current = Role(names: [
    ("current / a", 1), ("current_a", 1), ("current", 1), ("current(a)", 1), ("current(ma)", 1e-3),
    ("current / ma", 1e-3), ("current (ma)", 1e-3), ("current (a)", 1), ("current/ma", 1e-3),
    ("current/ua", 1e-6), ("current/a", 1), ("current_ampere", 1), ("i[a]", 1),
    ("cur(ma)", 1e-3),
  ])
  static let voltage = Role(names: [
    ("voltage / v", 1), ("voltage_v", 1), ("voltage", 1), ("voltage(v)", 1), ("voltage / mv", 1e-3),
    ("voltage (mv)", 1e-3), ("voltage (v)", 1), ("potential (v)", 1), ("voltage/v", 1),
    ("voltage/mv", 1e-3), ("voltage_volt", 1), ("u[v]", 1),
  ])
  static let cycle = Role(names: [
    ("cycle count / 1", 1), ("cycle_index", 1), ("cycle index", 1), ("cycle", 1),
    ("cycle number", 1), ("cycle-index", 1), ("cycle id", 1), ("cycle_count", 1), ("cycle c", 1),
  ])
  static let step = Role(names: [
    ("step index / 1", 1), ("step_index", 1), ("step index", 1), ("step", 1),
    ("step number", 1), ("step-index", 1), ("step id", 1),
  ])
  static let charge = Role(names: [
    ("charge capacity / ah", 1), ("charge_capacity_ah", 1), ("charge_capacity", 1),
    ("chg. cap.(ah)", 1), ("charge_capacity(ah)", 1), ("charge capacity / mah", 1e-3),
    ("charge capacity (mah)", 1e-3), ("charge capacity (ah)", 1), ("charging_capacity_ah", 1),
    ("ah-cyc-charge", 1),
  ])
  static let discharge = Role(names: [
    ("discharge capacity / ah", 1), ("discharge_capacity_ah", 1), ("discharge_capacity", 1),
    ("dchg. cap.(ah)", 1), ("discharge_capacity(ah)", 1), ("discharge capacity / mah", 1e-3),
    ("discharge capacity (mah)", 1e-3), ("discharge capacity (ah)", 1),
    ("discharging_capacity_ah", 1), ("ah-cyc-discharge", 1),
  ])
  /// One capacity column for both directions (Novonix): charge while the
  /// current is positive, discharge while it is negative.
  static let capacity = Role(names: [
    ("capacity (ah)", 1), ("capacity (mah)", 1e-3), ("capacity/mah", 1e-3), ("capacity/uah", 1e-6),
    ("capacity/ah", 1), ("capacity", 1), ("capacity(mah)", 1e-3),
  ])

  /// Reads the bytes of a file named `source`. The header is found in the
  /// text of the first lines; the records are read straight from the bytes
  /// (plain decimals without going through text), in parallel chunks.
  public static func read(_ data: Data, source: String, profile: ColumnProfile? = nil)
    throws(CyclingError) -> CyclerTable
  {
    var bytes = data
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
      bytes = Data(TextDecoding.decode(data).utf8)
    } else if data.starts(with: [0xEF, 0xBB, 0xBF]) {
      bytes = data.dropFirst(3)
    }
    let headText = TextDecoding.decode(bytes.prefix(262_144))
    let lines = headText.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    let roles = [time, current, voltage, cycle, step, charge, discharge, capacity]
    func columns(_ line: Substring) -> [String] {
      let separator: Character = line.contains("\t") ? "\t" : line.contains(";") ? ";" : ","
      return line.split(separator: separator, omittingEmptySubsequences: false).map {
        // BaSyTec starts its column line with the comment mark "~".
        $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"~\u{FEFF}")).lowercased()
      }
    }
    var mapped: [String: (String, Double)] = [:]
    var integrate = false
    if let profile {
      mapped["time"] = (
        profile.time.column, try profile.factor(profile.time, "time", source: source)
      )
      mapped["voltage"] = (
        profile.voltage.column, try profile.factor(profile.voltage, "voltage", source: source)
      )
      if let c = profile.current {
        mapped["current"] = (c.column, try profile.factor(c, "current", source: source))
      }
      if let c = profile.chargeCapacity {
        mapped["charge"] = (c.column, try profile.factor(c, "capacity", source: source))
      }
      if let c = profile.dischargeCapacity {
        mapped["discharge"] = (c.column, try profile.factor(c, "capacity", source: source))
      }
      if let c = profile.capacity {
        mapped["capacity"] = (c.column, try profile.factor(c, "capacity", source: source))
      }
      if let c = profile.cycle { mapped["cycle"] = (c.column, 1) }
      if let c = profile.step { mapped["step"] = (c.column, 1) }
      integrate = mapped["charge"] == nil && mapped["discharge"] == nil && mapped["capacity"] == nil
      guard !integrate || mapped["current"] != nil else {
        throw .missing(source: source, "capacity or current column in the column profile")
      }
    }
    // With a profile, its names replace the built-in ones.
    func locate(_ role: Role, in header: [String]) -> (Int, Double)? {
      guard profile != nil else { return builtIn(role, in: header) }
      let key =
        role.names.first?.0 == time.names.first?.0
        ? "time"
        : role.names.first?.0 == voltage.names.first?.0
          ? "voltage"
          : role.names.first?.0 == current.names.first?.0
            ? "current"
            : role.names.first?.0 == charge.names.first?.0
              ? "charge"
              : role.names.first?.0 == discharge.names.first?.0
                ? "discharge"
                : role.names.first?.0 == capacity.names.first?.0
                  ? "capacity"
                  : role.names.first?.0 == cycle.names.first?.0 ? "cycle" : "step"
      guard let (name, factor) = mapped[key] else { return nil }
      return header.firstIndex(of: name.lowercased().trimmingCharacters(in: .whitespaces)).map {
        ($0, factor)
      }
    }
    func builtIn(_ role: Role, in header: [String]) -> (Int, Double)? {
      for (name, factor) in role.names {
        if let k = header.firstIndex(of: name) { return (k, factor) }
      }
      return nil
    }
    guard
      let headerLine = lines.prefix(60).firstIndex(where: { line in
        let h = columns(line)
        if profile != nil {
          return locate(time, in: h) != nil && locate(voltage, in: h) != nil
        }
        return roles.filter { locate($0, in: h) != nil }.count >= 4
      })
    else {
      throw .missing(
        source: source,
        "header naming time, current, voltage and capacity columns in the first 60 lines")
    }
    let header = columns(lines[headerLine])
    let single =
      locate(charge, in: header) == nil && locate(discharge, in: header) == nil
        && locate(current, in: header) != nil ? locate(capacity, in: header) : nil
    let timeColumn = locate(time, in: header)
    // Time, voltage and current without any capacity column: charge is ∫I dt.
    if profile == nil, locate(charge, in: header) == nil, locate(discharge, in: header) == nil,
      single == nil, locate(capacity, in: header) == nil, locate(current, in: header) != nil
    {
      integrate = true
    }
    let integrated = integrate ? timeColumn : nil
    guard let (timeK, timeF) = timeColumn,
      let (voltK, voltF) = locate(voltage, in: header),
      let (chgK, chgF) = integrated ?? single ?? locate(charge, in: header),
      let (disK, disF) = integrated ?? single ?? locate(discharge, in: header)
    else {
      throw .missing(
        source: source,
        "time, voltage, charge- and discharge-capacity columns on line \(headerLine + 1) (found: \(header.joined(separator: ", ")))"
      )
    }
    let currentColumn = locate(current, in: header)
    let cycleColumn = locate(cycle, in: header)
    let stepColumn = locate(step, in: header)
    let separator: UInt8 =
      lines[headerLine].contains("\t") ? 9 : lines[headerLine].contains(";") ? 59 : 44
    let layout = RowLayout(
      separator: separator, time: (timeK, timeF), voltage: (voltK, voltF),
      current: currentColumn, charge: (chgK, chgF), discharge: (disK, disF),
      cycle: cycleColumn?.0, step: stepColumn?.0, names: header)
    let parsed = bytes.withUnsafeBytes { raw -> Result<ParsedRows, CyclingError> in
      // The data start: after the header line's newline.
      var offset = 0
      var newlines = 0
      while offset < raw.count, newlines <= headerLine {
        if raw[offset] == 10 { newlines += 1 }
        offset += 1
      }
      do {
        return .success(
          try parseRows(raw, from: offset, firstLine: headerLine + 2, layout, source: source))
      } catch {
        return .failure(error as? CyclingError ?? .unreadable(source: source, "\(error)"))
      }
    }
    var integrationWarnings: [Diagnostic] = []
    var rows: ParsedRows
    switch parsed {
    case .success(let r): rows = r
    case .failure(let e): throw e
    }
    if integrate {
      let backwards = zip(rows.time.dropFirst(), rows.time).filter { $0 < $1 }.count
      integrationWarnings.append(
        .note("capacityFromCurrent", "no capacity columns: capacity is the integral of the current over time"))
      if backwards > 0 {
        integrationWarnings.append(
          .warning(
            "timeRunsBackwards",
            "the test time runs backwards \(backwards) times: capacities integrated from the current are unreliable"))
      }
      // No capacity columns: each record adds I·Δt, kept as running totals.
      var previous = rows.time.first ?? 0
      var (charged, discharged) = (0.0, 0.0)
      for k in 0..<rows.count {
        let ah = rows.current[k] * (rows.time[k] - previous) / 3600
        previous = rows.time[k]
        if ah > 0 { charged += ah } else { discharged -= ah }
        rows.charge[k] = charged
        rows.discharge[k] = discharged
      }
    }
    guard rows.count > 0 else {
      throw .missing(source: source, "data rows after line \(headerLine + 1)")
    }
    var table = CyclerTable(
      time: rows.time, voltage: rows.voltage, current: currentColumn == nil ? nil : rows.current,
      chargeStep: [], instrumentCycle: nil, activeMassGrams: nil,
      format: profile == nil
        ? "cycler CSV with capacity columns"
        : "CSV read with a column profile" + (integrate ? " (capacity from ∫I dt)" : ""),
      warnings: integrationWarnings)
    var cycles = rows.cycle
    rows.cycle = []  // one owner, no copy on write below
    var emptyCycles = 0
    if cycleColumn != nil {
      var last = 0
      for k in cycles.indices {
        if cycles[k] == Int.min {
          emptyCycles += 1
          cycles[k] = last
        } else {
          last = cycles[k]
        }
      }
      if emptyCycles < rows.count { table.instrumentCycle = cycles }
      if emptyCycles > 0 { table.warnings.append(
          .warning("recordsWithoutCycle", "\(emptyCycles) records without a cycle number")) }
    }
    // Increments in place, then charge minus discharge in the charge column.
    var chargeRestarts = false
    var dischargeRestarts = false
    if single != nil {
      Self.singleColumnIncrements(
        charge: &rows.charge, discharge: &rows.discharge, current: rows.current, steps: rows.step,
        cycles: cycles)
    } else {
      chargeRestarts = Self.replaceByIncrements(&rows.charge, steps: rows.step, cycles: cycles)
      dischargeRestarts = Self.replaceByIncrements(
        &rows.discharge, steps: rows.step, cycles: cycles)
    }
    rows.charge.withUnsafeMutableBufferPointer { q in
      rows.discharge.withUnsafeBufferPointer { d in
        for k in q.indices { q[k] -= d[k] }
      }
    }
    table.chargeStep = rows.charge
    rows.charge = []
    if chargeRestarts || dischargeRestarts {
      table.format += " (capacities restart at every step)"
    }
    return table
  }

  /// Where the columns are and how to scale them.
  struct RowLayout: Sendable {
    let separator: UInt8
    let time: (Int, Double)
    let voltage: (Int, Double)
    let current: (Int, Double)?
    let charge: (Int, Double)
    let discharge: (Int, Double)
    let cycle: Int?
    let step: Int?
    let names: [String]
    var lastColumn: Int {
      max(time.0, voltage.0, current?.0 ?? 0, charge.0, discharge.0, cycle ?? 0, step ?? 0)
    }
  }

  /// The records' columns; cycle Int.min where the field is empty; step
  /// and cycle as numbers (or a hash of text).
  struct ParsedRows: Sendable {
    var time: [Double] = []
    var voltage: [Double] = []
    var current: [Double] = []
    var charge: [Double] = []
    var discharge: [Double] = []
    var cycle: [Int] = []
    var step: [Int] = []
    var count: Int { time.count }

    /// Columns of `n` rows left unwritten: the parse writes every row it
    /// keeps (the rest are cut off), so the pages are first touched, and
    /// zeroed by the kernel, in the parallel parse rather than here.
    init(count n: Int) {
      func column<T>(_: T.Type) -> [T] {
        [T](unsafeUninitializedCapacity: n) { _, initialized in initialized = n }
      }
      time = column(Double.self)
      voltage = column(Double.self)
      current = column(Double.self)
      charge = column(Double.self)
      discharge = column(Double.self)
      cycle = column(Int.self)
      step = column(Int.self)
    }

    /// Keeps the first `n` records.
    mutating func truncate(_ n: Int) {
      guard n < count else { return }
      time.removeLast(count - n)
      voltage.removeLast(voltage.count - n)
      current.removeLast(current.count - n)
      charge.removeLast(charge.count - n)
      discharge.removeLast(discharge.count - n)
      cycle.removeLast(cycle.count - n)
      step.removeLast(step.count - n)
    }
  }

  /// Pointers to the columns, for chunks that write disjoint rows.
  struct Columns: @unchecked Sendable {
    let time, voltage, current, charge, discharge: UnsafeMutablePointer<Double>
    let cycle, step: UnsafeMutablePointer<Int>

    /// Moves `n` records from row `from` to row `to`.
    func move(_ n: Int, from: Int, to: Int) {
      for p in [time, voltage, current, charge, discharge] {
        (p + to).update(from: p + from, count: n)
      }
      for p in [cycle, step] { (p + to).update(from: p + from, count: n) }
    }
  }

  /// What one chunk did: records written, lines covered, the first bad line (chunk-relative).
  struct ChunkResult: Sendable {
    var records = 0
    var lines = 0
    var failure: (line: Int, what: String)?
  }

  /// The rows from byte `start` on, in chunks that end at newlines, read in
  /// parallel straight into the columns (each chunk at the row where its
  /// lines start; blank lines closed up afterwards).
  static func parseRows(
    _ raw: UnsafeRawBufferPointer, from start: Int, firstLine: Int, _ layout: RowLayout,
    source: String
  ) throws(CyclingError) -> ParsedRows {
    let length = raw.count - start
    let chunks = length < 1_000_000 ? 1 : 4 * max(ProcessInfo.processInfo.activeProcessorCount, 1)
    var bounds = [start]
    for c in 1..<chunks {
      var b = max(start + length * c / chunks, bounds[bounds.count - 1])
      while b < raw.count, raw[b] != 10 { b += 1 }
      bounds.append(min(b + 1, raw.count))
    }
    bounds.append(raw.count)
    let edges = bounds
    let buffer = UnsafeSendable(raw)
    // Lines per chunk, then each chunk's first row.
    let counts = ConcurrentSlots<Int>(count: chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      var n = 0
      guard let base = buffer.value.baseAddress else { return counts.set(c, 0) }
      var p = edges[c]
      while p < edges[c + 1], let hit = memchr(base + p, 10, edges[c + 1] - p) {
        n += 1
        p = base.distance(to: UnsafeRawPointer(hit)) + 1
      }
      if edges[c + 1] > edges[c], buffer.value[edges[c + 1] - 1] != 10 { n += 1 }
      counts.set(c, n)
    }
    let lineCounts = counts.values
    var firstRow = [0]
    for n in lineCounts { firstRow.append(firstRow[firstRow.count - 1] + n) }
    var rows = ParsedRows(count: firstRow[firstRow.count - 1])
    let results = ConcurrentSlots<ChunkResult>(count: chunks)
    rows.time.withUnsafeMutableBufferPointer { t in
      rows.voltage.withUnsafeMutableBufferPointer { v in
        rows.current.withUnsafeMutableBufferPointer { i in
          rows.charge.withUnsafeMutableBufferPointer { q in
            rows.discharge.withUnsafeMutableBufferPointer { d in
              rows.cycle.withUnsafeMutableBufferPointer { cy in
                rows.step.withUnsafeMutableBufferPointer { st in
                  guard let t = t.baseAddress, let v = v.baseAddress, let i = i.baseAddress,
                    let q = q.baseAddress, let d = d.baseAddress, let cy = cy.baseAddress,
                    let st = st.baseAddress
                  else { return }
                  let columns = Columns(
                    time: t, voltage: v, current: i, charge: q, discharge: d, cycle: cy, step: st)
                  let starts = firstRow
                  DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    results.set(
                      c,
                      parseChunk(
                        buffer.value, edges[c], edges[c + 1], layout, into: columns, at: starts[c]))
                  }
                  // Close up the rows of skipped blank lines.
                  var written = 0
                  for (c, r) in results.values.enumerated() {
                    if written != starts[c] {
                      columns.move(r.records, from: starts[c], to: written)
                    }
                    written += r.records
                  }
                }
              }
            }
          }
        }
      }
    }
    var line = firstLine
    var total = 0
    for r in results.values {
      if let failure = r.failure {
        throw .badValue(source: source, line: line + failure.line, failure.what)
      }
      line += r.lines
      total += r.records
    }
    rows.truncate(total)
    return rows
  }

  /// One chunk of lines, written from row `row` on.
  static func parseChunk(
    _ raw: UnsafeRawBufferPointer, _ from: Int, _ to: Int, _ layout: RowLayout,
    into out: Columns, at row: Int
  ) -> ChunkResult {
    var result = ChunkResult()
    let needed = layout.lastColumn + 1
    let starts = UnsafeMutablePointer<Int>.allocate(capacity: needed + 1)
    defer { starts.deallocate() }
    starts.initialize(repeating: 0, count: needed + 1)
    let separator = layout.separator
    let comma = separator != 44
    var lineStart = from
    var lineIndex = 0
    var n = row
    // Eight bytes at a time: a byte equal to b makes its high bit set in
    // (x ^ b·0x01…01) − 0x01…01 & ~(x ^ b·0x01…01) & 0x80…80. The trick may
    // also flag a 0x01 byte above a match (a borrow), so every flagged byte
    // is checked; it never misses one.
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let separatorBytes = ones &* UInt64(separator)
    let newlineBytes = ones &* 10
    @inline(__always) func flags(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
      let v = word ^ pattern
      return (v &- ones) & ~v & highs
    }
    while lineStart < to {
      // One pass finds the field starts (field k is starts[k] ..< starts[k + 1] − 1)
      // and the end of the line.
      var fields = 1
      starts[0] = lineStart
      var lineEnd = to
      var k = lineStart
      scan: while k + 8 <= to {
        let word = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
        // Once the needed fields are found, only the newline is looked for.
        var mask =
          fields <= needed
          ? flags(word, separatorBytes) | flags(word, newlineBytes) : flags(word, newlineBytes)
        while mask != 0 {
          let position = k + mask.trailingZeroBitCount / 8
          mask &= mask &- 1
          let b = raw[position]
          if b == 10 {
            lineEnd = position
            break scan
          }
          if b == separator && fields <= needed {
            starts[fields] = position + 1
            fields += 1
          }
        }
        k += 8
      }
      if lineEnd == to {
        while k < to {
          let b = raw[k]
          if b == 10 {
            lineEnd = k
            break
          }
          if b == separator && fields <= needed {
            starts[fields] = k + 1
            fields += 1
          }
          k += 1
        }
      }
      defer {
        lineStart = lineEnd + 1
        lineIndex += 1
      }
      // Blank lines are skipped.
      var blank = true
      for k in lineStart..<lineEnd where raw[k] != 32 && raw[k] != 13 && raw[k] != 9 {
        blank = false
        break
      }
      if blank { continue }
      if fields <= needed { starts[fields] = lineEnd + 1 }
      func end(_ f: Int) -> Int { f + 1 < fields || fields > needed ? starts[f + 1] - 1 : lineEnd }
      func number(_ column: (Int, Double)) -> Double? {
        guard column.0 < fields else { return nil }
        let (s, e) = (starts[column.0], end(column.0))
        // "nan" and "inf" are text, not measurements.
        if let v = DecimalBytes.parse(raw, s, e, decimalComma: comma) {
          return v.isFinite ? v * column.1 : nil
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: raw[s..<e]), as: UTF8.self)
        return clock(text.trimmingCharacters(in: CharacterSet(charactersIn: " \"\r"))).map {
          $0 * column.1
        }
      }
      func key(_ column: Int?) -> Int {
        guard let column, column < fields else { return Int.min }
        let (s, e) = (starts[column], end(column))
        var value = 0
        var digits = 0
        var text = false
        for i in s..<e {
          let b = raw[i]
          if b >= 48 && b <= 57 {
            value = value &* 10 &+ Int(b &- 48)
            digits += 1
          } else if b != 32 && b != 34 && b != 13 {
            text = true
          }
        }
        if digits == 0 && !text { return Int.min }
        if !text { return value }
        if let v = DecimalBytes.parse(raw, s, e), v.isFinite, abs(v) < 9e18 { return Int(v) }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in s..<e { hash = (hash ^ UInt64(raw[i])) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash)
      }
      func failed(_ column: Int, _ role: String) -> ChunkResult {
        var r = result
        r.failure = (
          lineIndex,
          "expected a number for \(layout.names[column]) (\(role)) in column \(column + 1)"
        )
        r.lines = lineIndex + 1
        return r
      }
      guard let t = number(layout.time) else { return failed(layout.time.0, "time") }
      guard let v = number(layout.voltage) else { return failed(layout.voltage.0, "voltage") }
      guard let q = number(layout.charge) else { return failed(layout.charge.0, "charge capacity") }
      guard let d = number(layout.discharge) else {
        return failed(layout.discharge.0, "discharge capacity")
      }
      var amps = 0.0
      if let c = layout.current {
        guard let i = number(c) else { return failed(c.0, "current") }
        amps = i
      }
      out.time[n] = t
      out.voltage[n] = v
      out.charge[n] = q
      out.discharge[n] = d
      out.current[n] = amps
      out.cycle[n] = key(layout.cycle)
      let s = key(layout.step)
      out.step[n] = s == Int.min ? 0 : s
      n += 1
      result.records += 1
    }
    result.lines = lineIndex
    return result
  }

  /// The capacity each record adds, from a column that may restart at every
  /// step (Neware), at every cycle (Arbin) or never. Whether it restarts at
  /// steps is read off the file: it does when, at most step changes within
  /// a cycle after some capacity, the column falls. A record adds its rise
  /// over the previous one, or its whole value where the column restarted
  /// (a fall, a new step of a restarting column), so a CC+CV charge is the
  /// sum of its parts and nothing is counted twice.
  static func increments<Key: Equatable>(_ column: [Double], steps: [Key], cycles: [Key])
    -> (values: [Double], restartsEachStep: Bool)
  {
    var values = column
    let perStep = replaceByIncrements(&values, steps: steps, cycles: cycles)
    return (values, perStep)
  }

  /// ``increments(_:steps:cycles:)`` written over the column itself (from
  /// the last record back, so each record still sees its predecessor's
  /// recorded value); returns whether the column restarts at every step.
  static func replaceByIncrements<Key: Equatable>(
    _ column: inout [Double], steps: [Key], cycles: [Key]
  ) -> Bool {
    var falls = 0
    var boundaries = 0
    for k in column.indices.dropFirst()
    where steps[k] != steps[k - 1] && cycles[k] == cycles[k - 1] && column[k - 1] > 0 {
      boundaries += 1
      if column[k] < 0.5 * column[k - 1] { falls += 1 }
    }
    let perStep = boundaries > 0 && 2 * falls > boundaries
    for k in column.indices.reversed() where k > 0 {
      // At a new step of a per-step column, a value that carries on from
      // where the last step ended (a CC step running into its CV step, as
      // BatteryData writes) continues; anything else starts again.
      let carriesOn = column[k - 1] > 0 && column[k] >= column[k - 1]
      let restarted =
        column[k] < column[k - 1] || (perStep && steps[k] != steps[k - 1] && !carriesOn)
        || (cycles[k] != cycles[k - 1] && column[k] < column[k - 1])
      if !restarted { column[k] -= column[k - 1] }
    }
    return perStep
  }

  /// One capacity column for both directions (Novonix, LAND): the current's
  /// sign says which way each record goes. Within a step the column runs on
  /// and starts again when it falls; at a new step of the same direction and
  /// cycle it runs on only where it carries the previous value exactly
  /// (LAND keeps it through a rest between two discharge steps), and starts
  /// again otherwise (Novonix counts each step from zero). On entry both
  /// arrays hold the column; on return, the increments of charge and of
  /// discharge.
  static func singleColumnIncrements<Key: Equatable>(
    charge: inout [Double], discharge: inout [Double], current: [Double], steps: [Key],
    cycles: [Int]
  ) {
    var last: (direction: Int, cycle: Int, step: Key, value: Double)?
    for k in charge.indices {
      let value = charge[k]
      let direction = current[k] > 0 ? 1 : current[k] < 0 ? -1 : 0
      var increment = 0.0
      if direction != 0 {
        if let l = last, l.direction == direction, l.cycle == cycles[k], value >= l.value,
          l.step == steps[k] || abs(value - l.value) <= 1e-9 * max(1, abs(value))
        {
          increment = value - l.value
        } else {
          increment = value
        }
        last = (direction, cycles[k], steps[k], value)
      }
      charge[k] = direction > 0 ? increment : 0
      discharge[k] = direction < 0 ? increment : 0
    }
  }

  /// Seconds from `hh:mm:ss(.s)` or `d-hh:mm:ss` clock text.
  static func clock(_ text: String) -> Double? {
    var days = 0.0
    var rest = Substring(text)
    if let dash = rest.firstIndex(of: "-"), let d = Double(rest[..<dash]) {
      days = d
      rest = rest[rest.index(after: dash)...]
    }
    let parts = rest.split(separator: ":").compactMap { Double($0) }
    guard parts.count == 3 else { return nil }
    return days * 86400 + parts[0] * 3600 + parts[1] * 60 + parts[2]
  }
}
