import GRDB

/// The append-only log of every change: who, when, with which command, what before and after.
///
/// Rows are written by domain operations (and by modules, through ``record(module:entity:key:unit:before:after:rows:)``)
/// and never updated or deleted: SQLite triggers raise on `UPDATE` and `DELETE` of the table.
public struct AuditLog {
    /// The SQLite table.
    public static let table = "audit"

    let db: Database
    let context: MutationContext?
    /// Set while a module is installed: rows are counted into one entry per module (see
    /// ``Workspace``'s migration), so the log shows the user's changes, not ~600 seed rows.
    var installation: InstallationTally? = nil
    /// The access's memo, where the command's timestamp text is kept once written (nil: formatted per row).
    var memo: DomainStore.Memo? = nil

    /// Appends one row describing a change.
    ///
    /// - Parameters:
    ///   - module: the owning module (`core`, `ehr`).
    ///   - entity: what kind of thing changed (`unit`, `assessment`, `records`).
    ///   - key: which one (`07324`, `07324/2023/8.4`).
    ///   - unit: the code of the unit concerned, if any: `audit list --unit` filters on it.
    ///   - before: the previous value; nil when the thing was added.
    ///   - after: the new value; nil when the thing was removed.
    ///   - rows: how many rows the entry stands for — 1, or the size of a bulk import recorded as
    ///     one entry (dry-run summaries count it so).
    public func record(module: String, entity: String, key: String, unit: String? = nil,
                       before: JSONValue?, after: JSONValue?, rows: Int = 1) throws {
        try record(module: module, entity: entity, key: key, unit: unit, beforeText: before?.jsonText,
                   afterText: after?.jsonText, rows: rows)
    }

    /// Appends one row whose values are JSON text already (see ``record(module:entity:key:unit:before:after:rows:)``).
    func record(module: String, entity: String, key: String, unit: String?, beforeText: String?, afterText: String?,
                rows: Int = 1) throws {
        guard let context else { throw DomainError.notInMutation(operation: "record \(module) \(entity) \(key)") }
        if let installation {
            installation.count(entity, rows: rows)
            return
        }
        let statement = RawStatement(try db.cachedStatement(sql: """
            INSERT INTO audit (time, actor, command, module, entity, key, unit, before, after, rows)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """))
        defer { statement.reset() }
        statement.bind(1, timeText(context))
        statement.bind(2, context.actor)
        statement.bind(3, context.commandLine)
        statement.bind(4, module)
        statement.bind(5, entity)
        statement.bind(6, key)
        statement.bind(7, unit)
        statement.bind(8, beforeText)
        statement.bind(9, afterText)
        statement.bind(10, Int64(rows))
        try statement.execute()
    }

    /// The command's timestamp as stored (`2025-07-01T08:30:00Z`), formatted once per command.
    func timeText(_ context: MutationContext) -> String {
        if let kept = memo?.auditTime, kept.time == context.time { return kept.text }
        let text = UTCClock.iso8601(context.time)
        memo?.auditTime = (context.time, text)
        return text
    }
}

/// What a module's installation wrote, per entity in first-written order: recorded as one audit
/// entry (`module` / the module's name) with these counts.
final class InstallationTally {
    private(set) var counts: [(entity: String, rows: Int)] = []

    func count(_ entity: String, rows: Int) {
        if let index = counts.firstIndex(where: { $0.entity == entity }) {
            counts[index].rows += rows
        } else {
            counts.append((entity, rows))
        }
    }

    /// `{"unit": 641, "criterion": 23}`.
    var json: JSONValue {
        .object(JSONObject(counts.map { JSONObject.Entry(key: $0.entity, value: .number($0.rows), line: 0) }))
    }
}

/// One audit row.
public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    /// UTC, ISO 8601 (`2025-07-01T08:30:00Z`).
    public var time: String
    public var actor: String
    public var commandLine: String
    public var module: String
    public var entity: String
    public var key: String
    public var unit: String?
    /// JSON text; nil when the thing was added.
    public var before: String?
    /// JSON text; nil when the thing was removed.
    public var after: String?
    public var rows: Int

    /// `added`, `changed` or `removed`.
    public var change: String {
        switch (before, after) {
        case (nil, _): return "added"
        case (_, nil): return "removed"
        default: return "changed"
        }
    }
}
