import GRDB
import NTMCore

/// The stored figures per commune-level unit and period (`store.healthRecords`): read, write, audit.
///
/// Every write goes through ``write(_:unit:period:source:)``, which checks the figures, records an
/// audit row with the aggregates before and after, and skips rows that would not change.
struct HealthRecordBook {
    let store: DomainStore

    /// Where figures came from; stored with them so a later reader knows what they rest on.
    enum Source: String, Sendable {
        case entered = "entered"
        case aggregateFile = "aggregate file"
        case personExport = "person-level export"
    }

    /// One stored row.
    struct Record: Equatable, Sendable {
        var unitID: Int64
        var period: Period
        var figures: HealthRecordFigures
        var source: Source
    }

    /// What a write did.
    enum Change: Equatable {
        case added
        case changed(from: HealthRecordFigures)
        case unchanged
    }

    /// The record of a unit for exactly this period, if any.
    func record(unitID: Int64, period: Period) throws -> Record? {
        try Row.fetchOne(store.db.cachedStatement(sql: "SELECT * FROM ehr_record WHERE unit_id = ? AND period = ?"),
                         arguments: [unitID, period.description]).map(Self.record(from:))
    }

    /// Every record whose period falls in `period` (a year holds its quarters and months), for the
    /// given units or all. Stock questions pick the latest per unit (see ``latestPerUnit(within:)``).
    ///
    /// With `unitIDs`, only their rows are read, through the primary key (one commune of a
    /// breakdown reads its own rows, not the province's).
    func records(within period: Period, unitIDs: Set<Int64>? = nil) throws -> [Record] {
        let bounds: StatementArguments = [period.start.description, period.end.description]
        // Many units (a province with its villages): one pass over the period's rows beats a
        // primary-key probe per unit.
        guard let unitIDs, unitIDs.count <= 256 else {
            return try Row.fetchAll(store.db.cachedStatement(sql: """
                SELECT \(Self.columns) FROM ehr_record WHERE period_start >= ? AND period_end <= ? ORDER BY unit_id, period_start
                """), arguments: bounds).map(Self.record(fromPositions:)).filter { unitIDs?.contains($0.unitID) ?? true }
        }
        let ids = "[" + unitIDs.sorted().map(String.init).joined(separator: ",") + "]"
        return try Row.fetchAll(store.db.cachedStatement(sql: """
            SELECT \(Self.columns) FROM ehr_record
            WHERE unit_id IN (SELECT value FROM json_each(?)) AND period_start >= ? AND period_end <= ?
            ORDER BY unit_id, period_start
            """), arguments: StatementArguments([ids]) + bounds).map(Self.record(fromPositions:))
    }

    /// The columns ``record(fromPositions:)`` reads, in order: reports read thousands of rows, and a
    /// column found by position costs nothing, by name a lookup per value.
    static let columns = "unit_id, period, residents, with_ehr, insured, under5, stunted_under5, source"

    static func record(fromPositions row: Row) throws -> Record {
        Record(unitID: row[0], period: try Period(parsing: row[1]),
               figures: HealthRecordFigures(residents: row[2], withRecord: row[3], insured: row[4], underFive: row[5],
                                            stuntedUnderFive: row[6]),
               source: Source(rawValue: row[7]) ?? .entered)
    }

    /// Per unit, the record of the latest period within `period`: what a stock measure reads.
    func latestPerUnit(within period: Period, unitIDs: Set<Int64>? = nil) throws -> [Int64: Record] {
        var latest = LatestPerKey<Int64, Record>(within: period)
        for record in try records(within: period, unitIDs: unitIDs) {
            latest.offer(key: record.unitID, period: record.period, row: record)
        }
        return latest.rows.mapValues(\.row)
    }

    /// Every record of one unit, oldest period first.
    func history(unitID: Int64) throws -> [Record] {
        try Row.fetchAll(store.db, sql: "SELECT * FROM ehr_record WHERE unit_id = ? ORDER BY period_start, period_end DESC",
                         arguments: [unitID]).map(Self.record(from:))
    }

    /// The latest period end with any figures: the default question is "as of the latest data".
    func latestPeriodEnd() throws -> Day? {
        try String.fetchOne(store.db, sql: "SELECT MAX(period_end) FROM ehr_record").map { try Day(parsing: $0) }
    }

    /// Stores figures for a commune-level unit and period (replacing what was there), audited.
    ///
    /// - Throws: ``HealthRecordFigures/Violation`` for inconsistent figures; `DomainError` when the
    ///   unit is not commune-level or the store is not mutable.
    /// - Parameter stored: the unit's record for the period when the caller has just read it (nil: there
    ///   is none); not given, it is read here.
    @discardableResult
    func write(_ figures: HealthRecordFigures, unit: Unit, period: Period, source: Source,
               stored: Record?? = .none) throws -> Change {
        _ = try store.requireMutation("ehr set")
        guard unit.level == .commune else {
            throw DomainError.invalid("\(unit.name) (\(unit.code)) is a \(unit.level.rawValue): figures are recorded per "
                + "commune, ward or township, and \(unit.level.rawValue) figures are their sums")
        }
        if let violation = figures.violation { throw violation }
        let existing = try stored ?? record(unitID: unit.id, period: period)
        if let existing, existing.figures == figures { return .unchanged }
        let statement = try store.db.cachedStatement(sql: """
            INSERT INTO ehr_record (unit_id, period, period_start, period_end, residents, with_ehr, insured, under5,
                                    stunted_under5, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (unit_id, period) DO UPDATE SET
                residents = excluded.residents, with_ehr = excluded.with_ehr, insured = excluded.insured,
                under5 = excluded.under5, stunted_under5 = excluded.stunted_under5, source = excluded.source
            """)
        try statement.execute(arguments: [
            unit.id, period.description, period.start.description, period.end.description,
            figures.residents, figures.withRecord, figures.insured, figures.underFive, figures.stuntedUnderFive,
            source.rawValue,
        ])
        try store.audit.record(module: EHealthPlugin.moduleName, entity: "record", key: "\(unit.code)/\(period)",
                               unit: unit.code, before: existing?.figures.auditValue, after: figures.auditValue)
        return existing.map { .changed(from: $0.figures) } ?? .added
    }

    static func record(from row: Row) throws -> Record {
        Record(unitID: row["unit_id"], period: try Period(parsing: row["period"]),
               figures: HealthRecordFigures(residents: row["residents"], withRecord: row["with_ehr"],
                                            insured: row["insured"], underFive: row["under5"],
                                            stuntedUnderFive: row["stunted_under5"]),
               source: Source(rawValue: row["source"]) ?? .entered)
    }
}

extension DomainStore {
    /// The e-health figures per commune-level unit and period.
    var healthRecords: HealthRecordBook { HealthRecordBook(store: self) }
}
