import GRDB
import NTMCore

/// The work-file figures per office and period (`store.documents`): read, write, audit.
struct DocumentBook {
    let store: DomainStore

    enum Source: String, Sendable {
        case entered = "entered"
        case figuresFile = "figures file"
    }

    struct Record: Equatable, Sendable {
        var unitID: Int64
        var period: Period
        var figures: DocumentFigures
        var source: Source
    }

    enum Change: Equatable {
        case added
        case changed(from: DocumentFigures)
        case unchanged
    }

    func record(unitID: Int64, period: Period) throws -> Record? {
        try Row.fetchOne(store.db, sql: "SELECT * FROM workflow_documents WHERE unit_id = ? AND period = ?",
                         arguments: [unitID, period.description]).map(Self.record(from:))
    }

    /// Every record whose period falls in `period`, for the given units (all when nil).
    func records(within period: Period, unitIDs: Set<Int64>? = nil) throws -> [Record] {
        try Row.fetchAll(store.db, sql: """
            SELECT * FROM workflow_documents WHERE period_start >= ? AND period_end <= ? ORDER BY unit_id, period_start
            """, arguments: [period.start.description, period.end.description])
            .map(Self.record(from:)).filter { unitIDs?.contains($0.unitID) ?? true }
    }

    /// Per unit, the figures that make up `period` without counting a file twice: the stored
    /// periods within it, leaving out any that lies inside another stored period of the same unit
    /// (a year's figures cover its months; the months are then a breakdown, not more files).
    func flowPerUnit(within period: Period, unitIDs: Set<Int64>? = nil) throws -> [Int64: [Record]] {
        var perUnit: [Int64: [Record]] = [:]
        for record in try records(within: period, unitIDs: unitIDs) { perUnit[record.unitID, default: []].append(record) }
        return perUnit.mapValues { records in
            records.filter { record in
                !records.contains { other in other.period != record.period && other.period.contains(record.period) }
            }
        }
    }

    /// The summed figures of each unit over `period` (see ``flowPerUnit(within:unitIDs:)``).
    func sums(within period: Period, unitIDs: Set<Int64>? = nil) throws -> [Int64: DocumentFigures] {
        try flowPerUnit(within: period, unitIDs: unitIDs).mapValues { records in
            records.reduce(DocumentFigures(total: 0, online: 0, classified: nil)) { sum, record in
                let classified = record.figures.classified.map { (sum.classified ?? 0) + $0 } ?? sum.classified
                return DocumentFigures(total: sum.total + record.figures.total, online: sum.online + record.figures.online,
                                       classified: classified)
            }
        }
    }

    func history(unitID: Int64) throws -> [Record] {
        try Row.fetchAll(store.db, sql: """
            SELECT * FROM workflow_documents WHERE unit_id = ? ORDER BY period_start, period_end DESC
            """, arguments: [unitID]).map(Self.record(from:))
    }

    func latestPeriodEnd() throws -> Day? {
        try String.fetchOne(store.db, sql: "SELECT MAX(period_end) FROM workflow_documents").map { try Day(parsing: $0) }
    }

    /// Stores an office's figures for a period (replacing what was there), audited.
    @discardableResult
    func write(_ figures: DocumentFigures, unit: Unit, period: Period, source: Source) throws -> Change {
        _ = try store.requireMutation("workflow documents set")
        if let violation = figures.violation { throw DomainError.invalid(violation.reason) }
        guard unit.level != .village else {
            throw DomainError.invalid("\(unit.name) (\(unit.code)) is a village: work files are recorded per office — "
                + "the province, a district or a commune, ward or township")
        }
        let existing = try record(unitID: unit.id, period: period)
        if let existing, existing.figures == figures { return .unchanged }
        try store.db.cachedStatement(sql: """
            INSERT INTO workflow_documents (unit_id, period, period_start, period_end, total, online, classified, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (unit_id, period) DO UPDATE SET
                total = excluded.total, online = excluded.online, classified = excluded.classified, source = excluded.source
            """).execute(arguments: [unit.id, period.description, period.start.description, period.end.description,
                                     figures.total, figures.online, figures.classified, source.rawValue])
        try store.audit.record(module: WorkflowPlugin.moduleName, entity: "documents", key: "\(unit.code)/\(period)",
                               unit: unit.code, before: existing?.figures.auditValue, after: figures.auditValue)
        return existing.map { .changed(from: $0.figures) } ?? .added
    }

    static func record(from row: Row) throws -> Record {
        Record(unitID: row["unit_id"], period: try Period(parsing: row["period"]),
               figures: DocumentFigures(total: row["total"], online: row["online"], classified: row["classified"]),
               source: Source(rawValue: row["source"]) ?? .entered)
    }
}

extension DomainStore {
    /// Work files processed online, per office and period.
    var documents: DocumentBook { DocumentBook(store: self) }
}
