import GRDB
@testable import NTMCore

/// A module like the e-health one: per-unit monthly figures, one flow and one stock indicator.
struct DemoModule: DomainModule {
    var name: String { "demo" }

    var migrations: [Migration] {
        [Migration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE demo_figure (
                    unit_id INTEGER NOT NULL REFERENCES unit (id),
                    period TEXT NOT NULL,
                    numerator REAL NOT NULL,
                    denominator REAL NOT NULL,
                    PRIMARY KEY (unit_id, period))
                """)
        }]
    }

    var indicators: [Indicator] {
        [
            Indicator(id: "demo.flow", name: "Demo flow", unit: .percent, aggregation: .flow,
                      definition: "Sum over the sources of every stored period within the asked one.") { query in
                let row = try Row.fetchOne(query.db, sql: """
                    SELECT COUNT(*) AS n, SUM(numerator) AS num, SUM(denominator) AS den FROM demo_figure
                    WHERE unit_id IN (SELECT value FROM json_each(?)) AND ntm_period_within(period, ?)
                    """, arguments: [query.sources.idsJSON, query.period.description])!
                guard (row["n"] as Int) > 0 else { return nil }
                return IndicatorValue(numerator: row["num"], denominator: row["den"])
            },
            Indicator(id: "demo.stock", name: "Demo stock", unit: .percent, aggregation: .stock,
                      definition: "Per source, the latest stored period within the asked one.") { query in
                var latest = LatestPerKey<Int64, [Double]>(within: query.period)
                let rows = try Row.fetchAll(query.db, sql: """
                    SELECT unit_id, period, numerator, denominator FROM demo_figure
                    WHERE unit_id IN (SELECT value FROM json_each(?))
                    """, arguments: [query.sources.idsJSON])
                for row in rows {
                    latest.offer(key: row["unit_id"], period: try Period(parsing: row["period"]),
                                 row: [row["numerator"], row["denominator"]])
                }
                guard let sums = query.sources.sumStock(latest.rows.mapValues { ($0.period, $0.row) }) else { return nil }
                return IndicatorValue(numerator: sums[0], denominator: sums[1])
            },
        ]
    }

    var defaultTargets: [TargetDefinition] {
        [TargetDefinition(indicatorID: "demo.flow", scope: .level(.commune), year: 2024, threshold: 50)]
    }

    /// Stores a figure (test helper, audited like a module would).
    static func record(_ store: DomainStore, unit: Unit, period: String, numerator: Double, denominator: Double) throws {
        try store.db.execute(sql: "INSERT INTO demo_figure (unit_id, period, numerator, denominator) VALUES (?, ?, ?, ?)",
                             arguments: [unit.id, period, numerator, denominator])
        try store.audit.record(module: "demo", entity: "figure", key: "\(unit.code)/\(period)", unit: unit.code,
                               before: nil, after: .object(["numerator": .number(numerator), "denominator": .number(denominator)]))
    }
}

/// A module bringing an indicator the provincial plan names, to check plan targets are seeded with it.
struct TrainingModule: DomainModule {
    var name: String { "training" }
    var migrations: [Migration] { [Migration("v1") { db in try db.execute(sql: "CREATE TABLE training_record (id INTEGER PRIMARY KEY)") }] }
    var indicators: [Indicator] {
        [Indicator(id: "training.managers_trained", name: "Managers trained", unit: .percent, aggregation: .stock,
                   definition: "Test stand-in.") { _ in nil }]
    }
}

/// A newer core than this build knows, simulated by an extra migration.
struct FutureModule: DomainModule {
    var name: String { "future" }
    var migrations: [Migration] {
        [Migration("v1") { db in try db.execute(sql: "CREATE TABLE future_a (id INTEGER PRIMARY KEY)") },
         Migration("v2") { db in try db.execute(sql: "CREATE TABLE future_b (id INTEGER PRIMARY KEY)") }]
    }
}

/// The same module as ``FutureModule`` before its v2: opening a database FutureModule wrote must fail.
struct PastModule: DomainModule {
    var name: String { "future" }
    var migrations: [Migration] {
        [Migration("v1") { db in try db.execute(sql: "CREATE TABLE future_a (id INTEGER PRIMARY KEY)") }]
    }
}
