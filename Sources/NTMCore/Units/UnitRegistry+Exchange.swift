import GRDB

/// Unit imports and exports.
///
/// Columns: `code`, `name`, `kind`, `parent_code` (a code, `code@day` or name; empty for a
/// province), and optionally `level` (checked against the kind), `valid_from`, `valid_to`. The
/// parent is resolved on `valid_from`, else on the reference day. Exports write the same columns,
/// so an export imports back: records identical to stored versions are counted as unchanged.
extension UnitRegistry {
    static let importColumns = (required: ["code", "name", "kind"], optional: ["level", "parent_code", "valid_from", "valid_to"])

    /// Imports units from a CSV or JSON file, all or nothing; errors are `FILE:LINE: column 'x': reason`.
    public func importFile(_ path: String, format: ExchangeFormat? = nil, name: String? = nil) throws -> ImportReport {
        try store.importFile(path, format: format, name: name, operation: "unit import", columns: Self.importColumns,
                             importRecords)
    }

    /// Imports already-read records (see ``RecordFile``), all or nothing.
    public func importRecords(_ records: [ImportRecord], file: String) throws -> ImportReport {
        _ = try store.requireMutation("unit import")
        var report = ImportReport(file: file, entity: "units")
        try store.db.inSavepoint {
            let index = try index()
            // Rows are checked one by one against the index (which gains each at once) and written in bulk.
            let batch = try UnitInsertBatch(self)
            var seen: [UnitKey: Int] = [:]
            for record in records {
                let code = try record.require("code")
                let name = try record.require("name")
                let kind = try record.parseRequired("kind") { try UnitKind(parsing: $0) }
                if let level = try record.parse("level", { try $0.map(UnitLevel.init(parsing:)) }), level != kind.level {
                    throw record.error("level", "a \(kind.rawValue) is at \(kind.level.rawValue) level, not \(level.rawValue)")
                }
                let validFrom = try record.parse("valid_from") { try $0.map(Day.init(parsing:)) }
                let validTo = try record.parse("valid_to") { try $0.map(Day.init(parsing:)) }
                let parent = try record.parse("parent_code") { text in
                    try text.map { try index.resolve($0, asOf: validFrom ?? Day.programmeReference) }
                }
                let key = UnitKey(code: code, validFrom: validFrom ?? parent?.validFrom ?? Day.programmeReference)
                if let first = seen[key] {
                    throw record.error("code", "unit \(key) appears twice (first on line \(first))")
                }
                seen[key] = record.line
                if let existing = index.unit(key: key) {
                    guard Self.isSame(existing, name: name, kind: kind, parentCode: parent?.code, validTo: validTo) else {
                        throw record.error("code", "unit \(existing.code) already exists as \(existing.name) "
                            + "(\(existing.kind.rawValue), valid \(existing.validityText)); imports add units, they do not change them")
                    }
                    report.unchanged += 1
                    continue
                }
                let checked: (unit: Unit, folded: String)
                do {
                    checked = try validated(NewUnit(code: code, name: name, kind: kind, parentCode: parent?.code,
                                                    validFrom: validFrom, validTo: validTo), parent: parent, index: index)
                } catch let error as DomainError {
                    throw record.error("code", error.message)
                }
                let unit = try batch.add(checked.unit, folded: checked.folded)
                // The session's index gained the unit in `add`; an index from elsewhere gains it here.
                if index.unit(id: unit.id) == nil { index.storage.append(unit, folded: checked.folded) }
                report.added += 1
            }
            try batch.flush()
            return .commit
        }
        return report
    }

    private static func isSame(_ unit: Unit, name: String, kind: UnitKind, parentCode: String?, validTo: Day?) -> Bool {
        guard unit.name == name, unit.kind == kind, unit.parentCode == parentCode else { return false }
        guard let validTo else { return true }
        return unit.validTo == validTo
    }

    /// Every unit version (or those valid on `asOf`), in the import columns, ordered by code and date.
    public func exportTable(asOf: Day? = nil, level: UnitLevel? = nil) throws -> RecordTable {
        let index = try index()
        let units = index.units.filter { unit in
            (asOf.map { unit.isValid(on: $0) } ?? true) && (level == nil || unit.level == level)
        }
        return RecordTable(columns: ["code", "name", "level", "kind", "parent_code", "valid_from", "valid_to"],
                           rows: units.map { unit in
                               [unit.code, unit.name, unit.level.rawValue, unit.kind.rawValue, unit.parentCode,
                                unit.validFrom.description, unit.validTo?.description]
                           })
    }

    /// Every succession link: predecessor and successor as `code@day`, the day it took effect, and why.
    public func exportSuccessions() throws -> RecordTable {
        let index = try index()
        let links = index.allLinks.sorted { ($0.predecessor.key, $0.successor.key) < ($1.predecessor.key, $1.successor.key) }
        return RecordTable(columns: ["predecessor", "predecessor_name", "successor", "successor_name", "effective", "basis"],
                           rows: links.map { link in
                               [link.predecessor.key.description, link.predecessor.name, link.successor.key.description,
                                link.successor.name, link.effective.description, link.basis.rawValue]
                           })
    }
}
