import NTMCore

/// `ehr import`: tells the file's shape from its header, reads it, and writes the figures — all of
/// them or none.
///
/// - **Figures per commune** (`unit_code,period,residents,with_ehr,...`): each row replaces the
///   figures it gives for its unit and period.
/// - **Person-level export** (`person_id,commune_code,birth_year,sex,has_ehr,insured`): streamed and
///   tallied per commune as it is read (see ``PersonExportScanner``); each commune in the file gets
///   its residents, residents with a record, insured residents and children under 5 for the period
///   replaced, while a stunting count recorded from a nutrition survey is kept. The period is
///   required: an export is a snapshot, and only the operator knows which period it stands for.
///
/// Reading happens before the database is touched; writing happens in one mutation, so a bad row
/// anywhere — even the last of two million — leaves the database as it was.
struct HealthRecordImport {
    enum Shape: Equatable {
        case aggregates
        case personLevel

        var description: String {
            switch self {
            case .aggregates: return "figures per commune"
            case .personLevel: return "person-level export"
            }
        }
    }

    /// What an import did.
    struct Outcome: Equatable {
        var shape: Shape
        var rowsRead: Int
        var periods: [Period]
        /// Communes whose figures were added or changed (for any period).
        var updatedUnits: Set<Int64> = []
        /// Figures (a commune and period) that were already as imported.
        var unchanged = 0
    }

    /// Where progress goes: for each phase (reading, checking ids, writing) `start` with what it
    /// does and its total (bytes or rows), then `update`s, then `finish`, so the screen is never blank.
    struct Progress {
        var start: (_ phase: String, _ total: Int?) -> Void = { _, _ in }
        var update: (Int) throws -> Void = { _ in }
        var finish: () -> Void = {}
        /// Called between passes that report no progress of their own; throws to stop (Ctrl-C).
        var check: () throws -> Void = {}
    }

    let path: String
    let displayName: String
    let period: Period?

    /// Tells the shape from the header line.
    static func shape(ofHeader line: [UInt8], file: String) throws -> Shape {
        let names = String(decoding: line, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
            .map { CSVHeader.normalise(String($0).replacing("\"", with: "")) }
        if names.contains(PersonExportScanner.Column.personID.rawValue) { return .personLevel }
        if names.contains(AggregateFileReader.Column.unitCode.rawValue) { return .aggregates }
        if line.isEmpty { throw ImportError(file: file, line: 1, reason: "the file is empty: expected a header row") }
        throw ImportError(file: file, line: 1, reason: "cannot tell what the file holds from its header: expected "
            + "'\(AggregateFileReader.header)' (figures per commune) or '\(PersonExportScanner.header)' "
            + "(a person-level export, one row per resident)")
    }

    /// Runs the import: reads the file, then writes through one atomic, audited mutation of `access`.
    func run(_ access: some DomainAccess, progress: Progress = Progress()) throws -> Outcome {
        let file = try ByteFile(path: path, displayName: displayName)
        switch try Self.shape(ofHeader: file.firstLine(), file: displayName) {
        case .personLevel:
            guard let period else {
                throw ImportError(file: displayName, line: 1, reason: "a person-level export is a snapshot: give the "
                    + "period it describes with --period (for example --period 2023-05)")
            }
            let index = try access.read { try $0.units.index() }
            let tally = try tallyPersons(file, period: period, index: index, progress: progress)
            try progress.check()
            progress.start("writing", nil)
            defer { progress.finish() }
            return try access.mutate { store in try writeTally(tally, period: period, store: store) }
        case .aggregates:
            let lines = try file.lineCount()
            progress.start("reading", max(lines - 1, 0))
            let rows = try {
                defer { progress.finish() }
                return try AggregateFileReader(path: path, displayName: displayName, period: period)
                    .read(progress: progress.update)
            }()
            try progress.check()
            progress.start("writing", nil)
            defer { progress.finish() }
            let index = try access.read { try $0.units.index() }
            return try access.mutate { store in try writeRows(rows, index: index, store: store) }
        }
    }

    // MARK: Person-level exports

    /// The per-commune tally of a person-level export, with the commune table it was counted on.
    struct PersonTally {
        var codes: CommuneCodeTable
        var counts: PersonExportScanner.Tally
    }

    /// Scans the export, then looks for repeated person ids (more passes over the file, see
    /// ``DuplicateFinder``).
    func tallyPersons(_ file: ByteFile, period: Period, index: UnitIndex, progress: Progress) throws -> PersonTally {
        let day = period.end
        let units = index.units(on: day, level: .commune).sorted { $0.code < $1.code }
        let codes = CommuneCodeTable(units: units.map { .init(unitID: $0.id, code: $0.code, name: $0.name) },
                                     validityDescription: "valid on \(day)")
        let scanner = PersonExportScanner(file: file, codes: codes, periodYear: period.year)
        progress.start("reading", file.size)
        let (counts, duplicates) = try {
            defer { progress.finish() }
            return try scanner.scan(progress: progress.update)
        }()
        try progress.check()
        // The duplicate search re-reads the file (see DuplicateFinder): seconds on a large export.
        let passes = duplicates.passes().count
        let suspects = try {
            guard duplicates.rows > 1 else { return Set<UInt64>() }
            progress.start("checking for repeated ids" + (passes > 1 ? " (\(passes) passes)" : ""),
                           file.size.map { passes * max($0, 1) })
            defer { progress.finish() }
            return try scanner.repeatedFingerprints(duplicates) { done, _ in try progress.update(done) }
        }()
        try progress.check()
        let repeated = try {
            guard !suspects.isEmpty else { return [[Int]]() }
            progress.start("confirming repeated ids", file.size)
            defer { progress.finish() }
            return try scanner.linesOfRepeatedPersons(fingerprints: suspects, progress: progress.update)
        }()
        if let first = repeated.first {
            throw Self.duplicateError(repeated, first: first, file: displayName)
        }
        return PersonTally(codes: codes, counts: counts)
    }

    /// `FILE:LINE: column 'person_id': the same person id as line N` — line numbers only, never the id.
    static func duplicateError(_ groups: [[Int]], first: [Int], file: String) -> ImportError {
        var reason = "the same person id as line \(first[0]): each resident must appear once"
        var others: [String] = first.dropFirst(2).map { "\($0) (= \(first[0]))" }
        for group in groups.dropFirst() {
            others += group.dropFirst().map { "\($0) (= \(group[0]))" }
        }
        if !others.isEmpty {
            let shown = others.prefix(8).joined(separator: ", ")
            let more = others.count > 8 ? " and \(others.count - 8) more" : ""
            reason += "; repeated ids also on line\(others.count == 1 ? "" : "s") \(shown)\(more)"
        }
        return ImportError(file: file, line: first[1], column: PersonExportScanner.Column.personID.rawValue, reason: reason)
    }

    /// Replaces each counted commune's figures for the period (stunting kept).
    func writeTally(_ tally: PersonTally, period: Period, store: DomainStore) throws -> Outcome {
        var outcome = Outcome(shape: .personLevel, rowsRead: tally.counts.rows, periods: [period])
        let book = store.healthRecords
        let index = try store.units.index()
        for (slot, entry) in tally.codes.units.enumerated() where tally.counts.residents[slot] > 0 {
            guard let unit = index.unit(id: entry.unitID) else { continue }
            let update = FiguresUpdate(residents: tally.counts.residents[slot], withRecord: tally.counts.withRecord[slot],
                                       insured: tally.counts.insured[slot], underFive: tally.counts.underFive[slot])
            let stored = try book.record(unitID: unit.id, period: period)?.figures
            let figures = stored.map { $0.merging(update) } ?? update.asNewFigures()!
            if let violation = figures.violation {
                // Only the kept stunting count can disagree with counted figures.
                throw DomainError.invalid("\(unit.name) (\(unit.code)), \(period): \(violation.reason) — the stunting "
                    + "count recorded earlier no longer fits the children under 5 in '\(displayName)'; correct it "
                    + "with 'ehr set' first")
            }
            outcome.count(try book.write(figures, unit: unit, period: period, source: .personExport), unit: unit)
        }
        return outcome
    }

    // MARK: Figures per commune

    /// Writes each row over what is stored (given fields replace, the rest stay).
    func writeRows(_ rows: [AggregateFileReader.Row], index: UnitIndex, store: DomainStore) throws -> Outcome {
        var periods: [Period] = []
        var outcome = Outcome(shape: .aggregates, rowsRead: rows.count, periods: [])
        let book = store.healthRecords
        for row in rows {
            if !periods.contains(row.period) { periods.append(row.period) }
            func fail(_ column: String?, _ reason: String) -> ImportError {
                ImportError(file: displayName, line: row.line, column: column, reason: reason)
            }
            guard let unit = index.unit(code: row.unitCode, on: row.period.end) ?? index.unit(code: row.unitCode, on: row.period.start) else {
                throw fail(AggregateFileReader.Column.unitCode.rawValue,
                           "no commune, ward or township has code '\(row.unitCode)' on \(row.period.end)")
            }
            guard unit.level == .commune else {
                throw fail(AggregateFileReader.Column.unitCode.rawValue,
                           "\(unit.name) (\(unit.code)) is a \(unit.level.rawValue): figures are recorded per commune, ward or township")
            }
            let stored = try book.record(unitID: unit.id, period: row.period)?.figures
            let figures = stored.map { $0.merging(row.update) } ?? row.update.asNewFigures()!
            if let violation = figures.violation {
                let kept = stored != nil && row.update.value(of: violation.field) == nil
                throw fail(violation.field.rawValue, violation.reason + (kept ? " (the stored value, kept)" : ""))
            }
            outcome.count(try book.write(figures, unit: unit, period: row.period, source: .aggregateFile), unit: unit)
        }
        outcome.periods = periods.sorted()
        return outcome
    }
}

extension HealthRecordImport.Outcome {
    mutating func count(_ change: HealthRecordBook.Change, unit: Unit) {
        if change == .unchanged { unchanged += 1 } else { updatedUnits.insert(unit.id) }
    }
}

extension ByteFile {
    /// The number of lines (a last line without a line end counts).
    func lineCount() throws -> Int {
        var lines = 0
        try forEachBlock { start, count, _ in lines += ByteFile.countNewlines(start, count) }
        return lines
    }
}
