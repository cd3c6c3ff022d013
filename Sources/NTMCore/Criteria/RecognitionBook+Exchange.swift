import GRDB

/// Recognition imports and exports.
///
/// Columns: `unit` (code, `code@day` or name, resolved on 31 December of the year), `year`,
/// `title` (standard, advanced, model, smart, completed), optional `note`, and optional
/// `revoked_on` and `revoked_by` (the day and decision of a revocation: both or neither). Records
/// are applied villages first, so a file may recognise a smart village and its model commune
/// together. One record per unit, title and year: a repeated one is an error.
extension RecognitionBook {
    static let importColumns = (required: ["unit", "year", "title"], optional: ["note", "revoked_on", "revoked_by"])

    /// Imports recognitions from a CSV or JSON file, all or nothing.
    public func importFile(_ path: String, format: ExchangeFormat? = nil, name: String? = nil) throws -> ImportReport {
        try store.importFile(path, format: format, name: name, operation: "recognition import", columns: Self.importColumns,
                             importRecords)
    }

    /// Imports already-read records, all or nothing.
    public func importRecords(_ records: [ImportRecord], file: String) throws -> ImportReport {
        _ = try store.requireMutation("recognition import")
        var report = ImportReport(file: file, entity: "recognitions")
        try store.db.inSavepoint {
            let index = try store.units.index()
            var seen: [String: Int] = [:]
            var parsed: [(record: ImportRecord, unit: Unit, year: Int, title: RecognitionTitle, note: String?,
                          revocation: (day: Day, decision: String)?)] = []
            for record in records {
                let year = try record.parseRequired("year") { try RecordFile.year($0) }
                let unit = try record.parseRequired("unit") { try index.resolve($0, asOf: .endOfYear(year)) }
                let title = try record.parseRequired("title") { try RecognitionTitle(parsing: $0) }
                let key = "\(unit.key)/\(title.rawValue)/\(year)"
                if let first = seen[key] {
                    throw record.error("title", "\(unit.name) (\(unit.code)) as \(title.rawValue) in \(year) appears twice (first on line \(first))")
                }
                seen[key] = record.line
                let revokedOn = try record.optional("revoked_on").map { text in
                    do { return try Day(parsing: text) } catch { throw record.error("revoked_on", error.domainMessage) }
                }
                let revokedBy = record.optional("revoked_by")
                if (revokedOn == nil) != (revokedBy == nil) {
                    throw record.error(revokedOn == nil ? "revoked_on" : "revoked_by",
                                       "a revocation needs both its day (revoked_on) and its decision (revoked_by)")
                }
                parsed.append((record, unit, year, title, record.optional("note"), revokedOn.map { ($0, revokedBy!) }))
            }
            // Villages before communes, then by line: smart villages exist before model communes need them.
            let ordered = parsed.enumerated().sorted { lhs, rhs in
                (lhs.element.unit.level == .village ? 0 : 1, lhs.offset) < (rhs.element.unit.level == .village ? 0 : 1, rhs.offset)
            }.map(\.element)
            // Revoked grants first: a title revoked and granted again comes back in force.
            let sequenced = ordered.filter { $0.revocation != nil } + ordered.filter { $0.revocation == nil }
            for entry in sequenced {
                if let revocation = entry.revocation {
                    let same = try Bool.fetchOne(store.db, sql: """
                        SELECT 1 FROM recognition WHERE unit_id = ? AND title = ? AND year = ? AND revoked_on = ? AND revoked_by = ?
                          AND note IS ?
                        """, arguments: [entry.unit.id, entry.title.rawValue, entry.year, revocation.day.description,
                                         revocation.decision, entry.note]) ?? false
                    if same { report.unchanged += 1; continue }
                    do {
                        _ = try write(unit: entry.unit, year: entry.year, title: entry.title, note: entry.note, index: index)
                        try revoke(unit: entry.unit, title: entry.title, on: revocation.day, decision: revocation.decision)
                    } catch let error as DomainError {
                        throw entry.record.error("revoked_on", error.message)
                    }
                    report.added += 1
                    continue
                }
                let existed = try Bool.fetchOne(store.db, sql: """
                    SELECT 1 FROM recognition WHERE unit_id = ? AND title = ? AND revoked_on IS NULL
                    """, arguments: [entry.unit.id, entry.title.rawValue]) ?? false
                let changed: Bool
                do {
                    changed = try write(unit: entry.unit, year: entry.year, title: entry.title, note: entry.note, index: index)
                } catch let error as DomainError {
                    throw entry.record.error("title", error.message)
                }
                if !changed { report.unchanged += 1 } else if existed { report.changed += 1 } else { report.added += 1 }
            }
            return .commit
        }
        return report
    }

    /// Stored recognitions (granted in `year` or before when given) within an area, in the import columns.
    public func exportTable(year: Int? = nil, in area: Unit? = nil) throws -> RecordTable {
        let records = try list(in: area, year: year).enumerated()
            .sorted { ($0.element.year, $0.element.unit.code, $0.element.title, $0.offset) < ($1.element.year, $1.element.unit.code, $1.element.title, $1.offset) }
            .map(\.element)
        return RecordTable(columns: ["unit", "year", "title", "note", "revoked_on", "revoked_by"], rows: records.map { record in
            [record.unit.code, String(record.year), record.title.rawValue, record.note, record.revokedOn?.description, record.revokedBy]
        })
    }
}
