import NTMCore

/// `workflow documents import`: work-file figures per office and period
/// (`unit_code,period,total,online,classified`), all rows or none.
struct DocumentImport {
    static let header = "unit_code,period,total,online,classified"

    struct Outcome: Equatable {
        var rowsRead = 0
        var added = 0
        var changed = 0
        var unchanged = 0
        var periods: [Period] = []
    }

    let path: String
    let displayName: String
    /// The period of every row when the file has no `period` column.
    let period: Period?

    /// One row per work file (`file_id,unit_code,closed_at,online,classified`), counted per office
    /// for the import's period: the shape a document-management system exports.
    static let perFileHeader = "file_id,unit_code,closed_at,online,classified"

    func run(_ access: some DomainAccess) throws -> Outcome {
        if try Self.isPerFile(path, displayName: displayName) { return try runPerFile(access) }
        let records = try RecordFile.read(path: path, format: .csv, name: displayName,
                                          required: ["unit_code", "total", "online"],
                                          optional: ["period", "classified", "unit_name"])
        let index = try access.read { try $0.units.index() }
        return try access.mutate { store in
            var outcome = Outcome(rowsRead: records.count)
            var seen: [String: Int] = [:]
            for record in records {
                let given = self.period
                let period = try record.parse("period") { text -> Period in
                    if let text { return try Period(parsing: text) }
                    guard let given else { throw DomainError.invalid("a period is required (or give --period)") }
                    return given
                }
                if let given = self.period, given != period {
                    throw record.error("period", "the row is for \(period), the import for \(given) (--period)")
                }
                let code = try record.require("unit_code")
                guard let unit = index.unit(code: code, on: period.end) ?? index.unit(code: code, on: period.start) else {
                    throw record.error("unit_code", "no unit has code '\(code)' during \(period)")
                }
                if let line = seen["\(code)/\(period)"] {
                    throw record.error("unit_code", "\(unit.name) (\(code)) for \(period) is already on line \(line)")
                }
                seen["\(code)/\(period)"] = record.line
                func count(_ column: String) throws -> Int? {
                    try record.parse(column) { text -> Int? in
                        guard let text else { return nil }
                        guard let value = Int(text), value >= 0 else {
                            throw DomainError.invalid("expected a whole number, 0 or more (got '\(text)')")
                        }
                        return value
                    }
                }
                guard let total = try count("total") else { throw record.error("total", "a value is required") }
                guard let online = try count("online") else { throw record.error("online", "a value is required") }
                let figures = DocumentFigures(total: total, online: online, classified: try count("classified"))
                if let violation = figures.violation { throw record.error(violation.option, violation.reason) }
                do {
                    switch try store.documents.write(figures, unit: unit, period: period, source: .figuresFile) {
                    case .added: outcome.added += 1
                    case .changed: outcome.changed += 1
                    case .unchanged: outcome.unchanged += 1
                    }
                } catch let error as DomainError {
                    throw record.error("unit_code", error.message)
                }
                if !outcome.periods.contains(period) { outcome.periods.append(period) }
            }
            outcome.periods.sort()
            return outcome
        }
    }

    static func isPerFile(_ path: String, displayName: String) throws -> Bool {
        let reader: CSVReader
        do { reader = try CSVReader(path: path, name: displayName) } catch let error as ImportError {
            throw UnreadableFile("cannot read '\(displayName)': " + error.reason.replacing("cannot open: ", with: ""))
        }
        guard try reader.next() else { return false }
        return try reader.fields().contains { CSVHeader.normalise($0) == "file_id" }
    }

    /// Counts a per-file export into figures per office for the period (required: only the
    /// operator knows which period the export stands for), then writes them like a figures file.
    func runPerFile(_ access: some DomainAccess) throws -> Outcome {
        let records = try RecordFile.read(path: path, format: .csv, name: displayName,
                                          required: ["file_id", "unit_code", "closed_at", "online"],
                                          optional: ["classified", "unit_name"])
        guard let period else {
            throw ImportError(file: displayName, line: 1, reason: "a file per row is counted for one period: give it "
                + "with --period (for example --period 2024)")
        }
        let index = try access.read { try $0.units.index() }
        var counts: [Int64: DocumentFigures] = [:]
        var units: [Int64: Unit] = [:]
        var seen: [String: Int] = [:]
        for record in records {
            let id = try record.require("file_id")
            if let line = seen[id] { throw record.error("file_id", "the same work file as line \(line)") }
            seen[id] = record.line
            let closed = try record.parseRequired("closed_at") { text -> Int32 in
                guard let day = DayNumber.parse(text) else { throw DomainError.invalid("expected a date YYYY-MM-DD (got '\(text)')") }
                return day
            }
            guard period.contains(DayNumber.day(closed)) else {
                throw record.error("closed_at", "\(DayNumber.day(closed)) is outside the import's period \(period)")
            }
            let code = try record.require("unit_code")
            guard let unit = index.unit(code: code, on: DayNumber.day(closed)) else {
                throw record.error("unit_code", "no unit has code '\(code)' on \(DayNumber.day(closed))")
            }
            let online = try record.parseRequired("online") { try RecordFile.flag($0) }
            let classified = try record.parse("classified") { try $0.map(RecordFile.flag) ?? false }
            if online && classified {
                throw record.error("online", "a classified work file stays on paper: it cannot be processed online")
            }
            var figures = counts[unit.id] ?? DocumentFigures(total: 0, online: 0, classified: 0)
            figures.total += 1
            if online { figures.online += 1 }
            if classified { figures.classified! += 1 }
            counts[unit.id] = figures
            units[unit.id] = unit
        }
        return try access.mutate { store in
            var outcome = Outcome(rowsRead: records.count, periods: [period])
            for (id, figures) in counts.sorted(by: { $0.key < $1.key }) {
                switch try store.documents.write(figures, unit: units[id]!, period: period, source: .figuresFile) {
                case .added: outcome.added += 1
                case .changed: outcome.changed += 1
                case .unchanged: outcome.unchanged += 1
                }
            }
            return outcome
        }
    }
}
