import GRDB

/// Targets: set, list, remove (`store.targets`).
public struct TargetBook {
    let store: DomainStore

    /// Targets, optionally for one indicator or year, ordered by year, indicator, scope.
    public func list(indicator: String? = nil, year: Int? = nil) throws -> [Target] {
        var conditions: [String] = []
        var arguments: [DatabaseValueConvertible] = []
        if let indicator { conditions.append("indicator = ?"); arguments.append(indicator) }
        if let year { conditions.append("year = ?"); arguments.append(year) }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try Row.fetchAll(store.db, sql: """
            SELECT * FROM target \(filter) ORDER BY year, indicator,
                CASE scope WHEN 'level:province' THEN 0 WHEN 'level:district' THEN 1 WHEN 'level:commune' THEN 2
                           WHEN 'level:village' THEN 3 ELSE 4 END, scope
            """, arguments: StatementArguments(arguments))
        return try rows.map(Self.target(from:))
    }

    static func target(from row: Row) throws -> Target {
        Target(id: row["id"], definition: TargetDefinition(
            indicatorID: row["indicator"], scope: try TargetScope(storageText: row["scope"]), year: row["year"],
            threshold: row["threshold"], direction: TargetDirection(rawValue: row["direction"]) ?? .atLeast,
            note: row["note"]), source: row["source"])
    }

    /// Sets (adds or replaces) the target for an indicator, scope and year; audited.
    ///
    /// The indicator must be registered; percentages lie in 0–100, counts are 0 or more; a unit
    /// scope must name a unit valid during the year (a district abolished on 2025-07-01 may still
    /// have a 2025 target).
    @discardableResult
    public func set(_ definition: TargetDefinition) throws -> Target {
        let context = try store.requireMutation("target set")
        return try write(definition, source: context.actor)
    }

    @discardableResult
    func write(_ definition: TargetDefinition, source: String) throws -> Target {
        let indicator = try store.workspace.indicators.indicator(definition.indicatorID)
        guard (2000...2100).contains(definition.year) else {
            throw DomainError.invalid("target year \(definition.year) is out of range (2000–2100)")
        }
        guard definition.threshold.isFinite else { throw DomainError.invalid("the threshold must be a number") }
        switch indicator.unit {
        case .percent:
            guard (0...100).contains(definition.threshold) else {
                throw DomainError.invalid("\(indicator.id) is a percentage: the threshold must lie in 0–100, not \(Self.format(definition.threshold))")
            }
        case .count:
            guard definition.threshold >= 0 else {
                throw DomainError.invalid("\(indicator.id) is a count: the threshold must be 0 or more, not \(Self.format(definition.threshold))")
            }
        }
        if case .unit(let code) = definition.scope {
            let index = try store.units.index()
            guard !index.versions(of: code, during: .year(definition.year)).isEmpty else {
                throw DomainError.invalid("target scope: no unit \(code) is valid in \(definition.year)")
            }
        }
        let existing = try Row.fetchOne(store.db, sql: "SELECT * FROM target WHERE indicator = ? AND scope = ? AND year = ?",
                                        arguments: [definition.indicatorID, definition.scope.storageText, definition.year])
        let before = try existing.map { try Self.target(from: $0) }
        if let before, before.definition == definition { return before }
        try store.db.execute(sql: """
            INSERT INTO target (indicator, scope, year, threshold, direction, source, note) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (indicator, scope, year) DO UPDATE SET
                threshold = excluded.threshold, direction = excluded.direction, source = excluded.source, note = excluded.note
            """, arguments: [definition.indicatorID, definition.scope.storageText, definition.year, definition.threshold,
                             definition.direction.rawValue, source, definition.note])
        let row = try Row.fetchOne(store.db, sql: "SELECT * FROM target WHERE indicator = ? AND scope = ? AND year = ?",
                                   arguments: [definition.indicatorID, definition.scope.storageText, definition.year])!
        let stored = try Self.target(from: row)
        try store.audit.record(module: "core", entity: "target", key: Self.key(definition),
                               unit: { if case .unit(let code) = definition.scope { return code } else { return nil } }(),
                               before: before.map(Self.auditValue), after: Self.auditValue(stored))
        return stored
    }

    /// Removes a target; an error when there is none.
    public func remove(indicator: String, scope: TargetScope, year: Int) throws {
        _ = try store.requireMutation("target remove")
        let row = try Row.fetchOne(store.db, sql: "SELECT * FROM target WHERE indicator = ? AND scope = ? AND year = ?",
                                   arguments: [indicator, scope.storageText, year])
        guard let row else {
            throw DomainError.notFound("no target for \(indicator) at \(scope) in \(year)")
        }
        let before = try Self.target(from: row)
        try store.db.execute(sql: "DELETE FROM target WHERE id = ?", arguments: [before.id])
        try store.audit.record(module: "core", entity: "target", key: Self.key(before.definition),
                               unit: { if case .unit(let code) = scope { return code } else { return nil } }(),
                               before: Self.auditValue(before), after: nil)
    }

    /// Stores a newly installed module's default targets, and the plan's targets for the
    /// indicators it brings; skips any whose indicator is not registered.
    func seedDefaults(of module: any DomainModule) throws {
        let ids = Set(module.indicators.map(\.id))
        let planned = ProvincialPlan.targets.filter { ids.contains($0.indicatorID) }
        for definition in planned {
            try write(definition, source: "plan")
        }
        for definition in module.defaultTargets where store.workspace.indicators.contains(definition.indicatorID) {
            try write(definition, source: "module \(module.name)")
        }
    }

    /// `commune level`, or the unit by the name it had in the target's year: `Tỉnh Bắc Giang (24)`
    /// for 2025 (the plan is Bắc Giang's), `unit 24` when no version of the code is valid then.
    public func scopeText(_ target: Target) throws -> String {
        guard case .unit(let code) = target.scope else { return target.scope.description }
        let index = try store.units.index()
        guard let unit = index.targetVersion(of: code, year: target.year) else { return target.scope.description }
        let label = index.periodVersion(of: unit, during: .year(target.year))
        return "\(label.name) (\(label.code))"
    }

    static func key(_ definition: TargetDefinition) -> String {
        "\(definition.indicatorID)/\(definition.scope.storageText)/\(definition.year)"
    }

    static func auditValue(_ target: Target) -> JSONValue {
        .object(["indicator": .string(target.indicatorID), "scope": .string(target.scope.storageText),
                 "year": .number(target.year), "threshold": .number(target.threshold),
                 "direction": .string(target.direction.rawValue), "source": .string(target.source),
                 "note": .text(target.definition.note)])
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension DomainStore {
    /// Targets.
    public var targets: TargetBook { TargetBook(store: self) }
}
