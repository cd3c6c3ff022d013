import GRDB

/// Assessment imports and exports.
///
/// Columns: `unit` (code, `code@day` or name, resolved on 31 December of the year), `year`,
/// `criterion` (`1`–`19`, `8.1`–`8.4`), `met` (1/0, yes/no, true/false, met/unmet), optional `note`.
/// One record per commune, year and criterion: a repeated one is an error. A direct result for
/// criterion 8 and its sub-indicators may come together: the sub-indicators decide (see
/// ``CriteriaBook``), and both are kept.
extension CriteriaBook {
    static let importColumns = (required: ["unit", "year", "criterion", "met"], optional: ["note"])

    /// Imports assessments from a CSV or JSON file, all or nothing.
    public func importFile(_ path: String, format: ExchangeFormat? = nil, name: String? = nil) throws -> ImportReport {
        try store.importFile(path, format: format, name: name, operation: "criteria import", columns: Self.importColumns,
                             importRecords)
    }

    /// Imports already-read records, all or nothing.
    public func importRecords(_ records: [ImportRecord], file: String) throws -> ImportReport {
        _ = try store.requireMutation("criteria import")
        var report = ImportReport(file: file, entity: "assessments")
        try store.db.inSavepoint {
            let index = try store.units.index()
            var seen: [String: Int] = [:]
            var parsed: [(record: ImportRecord, unit: Unit, year: Int, criterion: Criterion, met: Bool, note: String?)] = []
            for record in records {
                let year = try record.parseRequired("year") { try RecordFile.year($0) }
                let unit = try record.parseRequired("unit") { try index.resolve($0, asOf: .endOfYear(year)) }
                let criterion = try record.parseRequired("criterion") { try CriteriaCatalogue.parse($0) }
                let met = try record.parseRequired("met") { try RecordFile.flag($0) }
                let key = Self.key(unit, year, criterion.id)
                if let first = seen[key] {
                    throw record.error("criterion", "\(unit.name) (\(unit.code)), \(year), criterion \(criterion.id) appears twice "
                        + "(first on line \(first))")
                }
                seen[key] = record.line
                parsed.append((record, unit, year, criterion, met, record.optional("note")))
            }
            for entry in parsed {
                let existed = try Bool.fetchOne(store.db, sql: """
                    SELECT 1 FROM assessment WHERE unit_id = ? AND year = ? AND criterion_id = ?
                    """, arguments: [entry.unit.id, entry.year, entry.criterion.id]) ?? false
                let changed: Bool
                do {
                    changed = try write(unit: entry.unit, year: entry.year, criterion: entry.criterion, met: entry.met,
                                        note: entry.note, index: index)
                } catch let error as DomainError {
                    throw entry.record.error("unit", error.message)
                }
                if !changed { report.unchanged += 1 } else if existed { report.changed += 1 } else { report.added += 1 }
            }
            return .commit
        }
        return report
    }

    /// Stored assessments for a year (or all years) within an area, in the import columns.
    public func exportTable(year: Int? = nil, in area: Unit? = nil) throws -> RecordTable {
        let index = try store.units.index()
        let rows = try Row.fetchAll(store.db, sql: """
            SELECT unit_id, year, criterion_id, met, note FROM assessment \(year == nil ? "" : "WHERE year = ?")
            """, arguments: year.map { [$0] } ?? [])
        let order = Dictionary(uniqueKeysWithValues: CriteriaCatalogue.all.enumerated().map { ($1.id, $0) })
        var records: [(unit: Unit, year: Int, criterion: String, met: Bool, note: String?)] = []
        for row in rows {
            guard let unit = index.unit(id: row["unit_id"]) else { continue }
            let rowYear: Int = row["year"]
            if let area, !index.isWithin(unit, area, on: .endOfYear(rowYear)) { continue }
            records.append((unit, rowYear, row["criterion_id"], (row["met"] as Int) == 1, row["note"]))
        }
        records.sort { ($0.year, $0.unit.code, order[$0.criterion] ?? 0) < ($1.year, $1.unit.code, order[$1.criterion] ?? 0) }
        return RecordTable(columns: ["unit", "year", "criterion", "met", "note"], rows: records.map { record in
            [record.unit.code, String(record.year), record.criterion, record.met ? "1" : "0", record.note]
        })
    }
}
