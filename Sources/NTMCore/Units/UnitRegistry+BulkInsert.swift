import GRDB

/// The units an import has checked, written in bulk: many rows per INSERT, for the units and for
/// their audit rows, each statement prepared once per connection.
///
/// A unit gets its row id when it is taken — the id SQLite would give it, one more than the
/// largest, as the import holds the write lock — so the session's index holds it at once and
/// later rows of the same file can name it as a parent or clash with it. The rows are written
/// ``chunk`` at a time inside the import's savepoint: a bad row later in the file still leaves
/// nothing behind, and the kept index is dropped with the rest (see ``UnitCache/rolledBack(since:)``).
final class UnitInsertBatch {
    /// Rows per statement, largest first; what is left is written one row per statement.
    static let sizes = [64, 8, 1]
    /// Rows kept before they are written.
    static let chunk = 64

    private let registry: UnitRegistry
    private var pending: [(unit: Unit, folded: String)] = []
    private var nextID: Int64

    init(_ registry: UnitRegistry) throws {
        self.registry = registry
        var largest: Int64 = 0
        try RawRows.each(registry.store.db.cachedStatement(sql: "SELECT MAX(id) FROM unit")) { largest = $0.int64(0) }
        // SQLite would look for a free id below the largest possible one; an import refuses instead.
        guard largest < Int64.max - Int64(Int32.max) else {
            throw DomainError.invalid("the unit table's row ids are exhausted (largest id \(largest))")
        }
        nextID = largest + 1
        pending.reserveCapacity(Self.chunk)
    }

    /// Takes a checked unit (see ``UnitRegistry/validated(_:parent:index:)``): it gets its id and
    /// joins the session's index now, and is written with the next chunk.
    func add(_ unit: Unit, folded: String) throws -> Unit {
        let stored = Unit(id: nextID, code: unit.code, name: unit.name, level: unit.level, kind: unit.kind,
                          parentCode: unit.parentCode, validFrom: unit.validFrom, validTo: unit.validTo)
        nextID += 1
        registry.store.memo.neighbourhood = nil
        registry.store.workspace.unitCache.added(stored, folded: folded)
        pending.append((stored, folded))
        if pending.count >= Self.chunk { try flush() }
        return stored
    }

    /// Writes the units taken so far, and one audit row for each (as ``UnitRegistry/insert(_:folded:)`` does).
    func flush() throws {
        let store = registry.store
        let audit = store.audit
        guard let context = store.context else { throw DomainError.notInMutation(operation: "unit import") }
        var rest = pending[...]
        for size in Self.sizes where rest.count >= size {
            let units = RawStatement(try store.db.cachedStatement(sql: Self.unitSQLs[size]!))
            defer { units.reset() }
            let audits = RawStatement(try store.db.cachedStatement(sql: Self.auditSQLs[size]!))
            defer { audits.reset() }
            audits.bind(1, audit.timeText(context))
            audits.bind(2, context.actor)
            audits.bind(3, context.commandLine)
            while rest.count >= size {
                var base: Int32 = 0, auditBase: Int32 = 3
                for (unit, folded) in rest.prefix(size) {
                    units.bind(base + 1, unit.id)
                    UnitRegistry.bind(unit, folded: folded, to: units, after: base + 1)
                    base += 9
                    audits.bind(auditBase + 1, unit.key.description)
                    audits.bind(auditBase + 2, unit.code)
                    audits.bind(auditBase + 3, UnitRegistry.auditText(unit))
                    auditBase += 3
                }
                try units.execute()
                if let installation = store.installation {
                    installation.count("unit", rows: size)
                } else {
                    try audits.execute()
                }
                rest = rest.dropFirst(size)
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    static let unitSQLs = Dictionary(uniqueKeysWithValues: sizes.map { ($0, unitSQL(rows: $0)) })
    static let auditSQLs = Dictionary(uniqueKeysWithValues: sizes.map { ($0, auditSQL(rows: $0)) })

    /// `INSERT INTO unit` of `rows` rows, the id given.
    static func unitSQL(rows: Int) -> String {
        "INSERT INTO unit (id, code, name, level, kind, parent_code, valid_from, valid_to, folded_name) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
    }

    /// `INSERT INTO audit` of `rows` unit additions by one command: time, actor and command line
    /// are parameters 1–3, shared; each row's key, unit code and JSON follow.
    static func auditSQL(rows: Int) -> String {
        "INSERT INTO audit (time, actor, command, module, entity, key, unit, before, after, rows) VALUES "
            + (0..<rows).map { row in
                let base = 4 + row * 3
                return "(?1, ?2, ?3, 'core', 'unit', ?\(base), ?\(base + 1), NULL, ?\(base + 2), 1)"
            }.joined(separator: ", ")
    }
}
