import GRDB

/// Recognition imports and exports.
///
/// Columns: `unit` (code, `code@day` or name, resolved on 31 December of the year), `year`,
/// `title` (standard, advanced, model, smart), optional `note`. Records are applied villages
/// first, so a file may recognise a smart village and its model commune together. One record
/// per unit and title: a repeated one is an error.
extension RecognitionBook {
    static let importColumns = (required: ["unit", "year", "title"], optional: ["note"])

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
            var parsed: [(record: ImportRecord, unit: Unit, year: Int, title: RecognitionTitle, note: String?)] = []
            for record in records {
                let year = try record.parseRequired("year") { try RecordFile.year($0) }
                let unit = try record.parseRequired("unit") { try index.resolve($0, asOf: .endOfYear(year)) }
                let title = try record.parseRequired("title") { try RecognitionTitle(parsing: $0) }
                let key = "\(unit.key)/\(title.rawValue)"
                if let first = seen[key] {
                    throw record.error("title", "\(unit.name) (\(unit.code)) as \(title.rawValue) appears twice (first on line \(first))")
                }
                seen[key] = record.line
                parsed.append((record, unit, year, title, record.optional("note")))
            }
            // Villages before communes, then by line: smart villages exist before model communes need them.
            let ordered = parsed.enumerated().sorted { lhs, rhs in
                (lhs.element.unit.level == .village ? 0 : 1, lhs.offset) < (rhs.element.unit.level == .village ? 0 : 1, rhs.offset)
            }.map(\.element)
            for entry in ordered {
                let existed = try Bool.fetchOne(store.db, sql: "SELECT 1 FROM recognition WHERE unit_id = ? AND title = ?",
                                                arguments: [entry.unit.id, entry.title.rawValue]) ?? false
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
        let records = try list(in: area, year: year).sorted { ($0.year, $0.unit.code, $0.title) < ($1.year, $1.unit.code, $1.title) }
        return RecordTable(columns: ["unit", "year", "title", "note"], rows: records.map { record in
            [record.unit.code, String(record.year), record.title.rawValue, record.note]
        })
    }
}
