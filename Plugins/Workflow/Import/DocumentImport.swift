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

    func run(_ access: some DomainAccess) throws -> Outcome {
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
}
