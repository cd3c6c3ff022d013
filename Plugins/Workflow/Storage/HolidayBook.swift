import GRDB
import NTMCore

/// The holiday table (`store.holidays`): the exceptions to Monday-to-Friday that the working-day
/// calendar is built from. Every change is audited.
struct HolidayBook {
    let store: DomainStore

    func all() throws -> [Holiday] {
        try Row.fetchAll(store.db, sql: "SELECT * FROM workflow_holiday ORDER BY day").map { row in
            Holiday(day: try Day(parsing: row["day"]), name: row["name"], kind: Holiday.Kind(rawValue: row["kind"]) ?? .dayOff)
        }
    }

    /// The working-day calendar as the table now stands.
    func calendar() throws -> WorkingCalendar { WorkingCalendar(try all()) }

    func entry(on day: Day) throws -> Holiday? {
        try all().first { $0.day == day }
    }

    /// Writes the bundled 2021–2026 table (on install), as one audited bulk entry.
    func seedBundled() throws {
        let statement = try store.db.cachedStatement(sql: "INSERT OR IGNORE INTO workflow_holiday (day, name, kind) VALUES (?, ?, ?)")
        for entry in BundledHolidays.entries {
            try statement.execute(arguments: [entry.day.description, entry.name, entry.kind.rawValue])
        }
        try store.audit.record(module: WorkflowPlugin.moduleName, entity: "holiday", key: "bundled 2021-2026",
                               before: nil, after: .number(BundledHolidays.entries.count), rows: BundledHolidays.entries.count)
    }

    /// Adds (or corrects) the entry of a day; returns the entry it replaced, if any.
    @discardableResult
    func add(_ entry: Holiday) throws -> Holiday? {
        _ = try store.requireMutation("workflow holiday add")
        let weekday = DayNumber.weekday(entry.number)
        let weekend = weekday == 0 || weekday == 6
        if entry.kind == .dayOff && weekend {
            throw DomainError.invalid("\(entry.day) is a \(weekday == 0 ? "Sunday" : "Saturday"): it is not a working day "
                + "anyway; record the weekday given off in its place")
        }
        if entry.kind == .workingDay && !weekend {
            throw DomainError.invalid("\(entry.day) is a weekday: only a Saturday or Sunday can be declared a working day")
        }
        let existing = try self.entry(on: entry.day)
        if existing == entry { return existing }
        try store.db.execute(sql: """
            INSERT INTO workflow_holiday (day, name, kind) VALUES (?, ?, ?)
            ON CONFLICT (day) DO UPDATE SET name = excluded.name, kind = excluded.kind
            """, arguments: [entry.day.description, entry.name, entry.kind.rawValue])
        try store.audit.record(module: WorkflowPlugin.moduleName, entity: "holiday", key: entry.day.description,
                               before: existing.map(Self.auditValue), after: Self.auditValue(entry))
        return existing
    }

    /// Removes the entry of a day; returns it.
    func remove(_ day: Day) throws -> Holiday {
        _ = try store.requireMutation("workflow holiday remove")
        guard let existing = try entry(on: day) else {
            throw DomainError.notFound("\(day) is not in the holiday table (see 'workflow holiday list --year \(day.year)')")
        }
        try store.db.execute(sql: "DELETE FROM workflow_holiday WHERE day = ?", arguments: [day.description])
        try store.audit.record(module: WorkflowPlugin.moduleName, entity: "holiday", key: day.description,
                               before: Self.auditValue(existing), after: nil)
        return existing
    }

    static func auditValue(_ entry: Holiday) -> JSONValue {
        .object(["name": .string(entry.name), "kind": .string(entry.kind.rawValue)])
    }
}

extension DomainStore {
    /// Public holidays and working Saturdays.
    var holidays: HolidayBook { HolidayBook(store: self) }
}
