import Foundation
import GRDB
import Testing
@testable import NTMCore

@Suite("Migrations: namespaced per module, newer databases refused")
struct MigrationTests {
    @Test("identifiers are namespaced; a module's migrations and seed run once")
    func namespaced() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        let first = try Workspace.open(.file(path), modules: [DemoModule()], actor: "tester")
        #expect(first.appliedMigrations == ["core.v1", "core.v2", "core.v3", "demo.v1"])
        #expect(try first.migrationIdentifiers() == ["core.v1", "core.v2", "core.v3", "demo.v1"])
        try first.close()
        let second = try Workspace.open(.file(path), modules: [DemoModule(), TrainingModule()], actor: "tester")
        #expect(second.appliedMigrations == ["training.v1"])
        #expect(try second.read { try $0.units.list(level: .province).count } == 1)   // not seeded twice
        try second.close()
        let third = try Workspace.open(.file(path), modules: [DemoModule(), TrainingModule()], actor: "tester")
        #expect(third.appliedMigrations.isEmpty)
        try third.close()
    }

    @Test("core.v2 keeps the recognitions of a version 1 database, and its upgrade is one audit entry")
    func recognitionUpgrade() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        try Workspace.open(.file(path), actor: "tester").close()
        // Turn the file back into a version 1 database holding one recognition.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                DROP TABLE recognition;
                CREATE TABLE recognition (
                    unit_id INTEGER NOT NULL REFERENCES unit (id),
                    title TEXT NOT NULL CHECK (title IN ('standard', 'advanced', 'model', 'smart')),
                    year INTEGER NOT NULL, note TEXT, PRIMARY KEY (unit_id, title)) WITHOUT ROWID;
                INSERT INTO recognition SELECT id, 'standard', 2022, 'QĐ 1' FROM unit WHERE code = '07324' AND valid_from = '2020-01-01';
                DELETE FROM ntm_migration WHERE identifier = 'core.v2';
                DROP INDEX unit_above_villages;
                DELETE FROM ntm_migration WHERE identifier = 'core.v3';
                """)
        }
        try queue.close()
        let upgraded = try Workspace.open(.file(path), actor: "upgrader")
        #expect(upgraded.appliedMigrations == ["core.v2", "core.v3"])
        try upgraded.read { store in
            let list = try store.recognition.list()
            #expect(list.map { "\($0.unit.code) \($0.title.rawValue) \($0.year) \($0.note ?? "")" } == ["07324 standard 2022 QĐ 1"])
            let upgrade = try store.audit.list(AuditQuery()).last
            #expect(upgrade?.actor == "upgrader" && upgrade?.before == #"{"migrations":["core.v1"]}"#
                    && upgrade?.after == #"{"migrations":["core.v1","core.v2","core.v3"]}"#)
        }
        try upgraded.close()
    }

    @Test("core.v3 keeps every unit, and the units above villages are read through its partial index alone")
    func unitsAboveVillagesIndex() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        try Workspace.open(.file(path), actor: "tester").close()
        // Back to a version 2 database holding villages, then upgraded.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                DROP INDEX unit_above_villages;
                DELETE FROM ntm_migration WHERE identifier = 'core.v3';
                INSERT INTO unit (code, name, level, kind, parent_code, valid_from, valid_to, folded_name)
                SELECT code || '01', 'Thôn 1', 'village', 'village', code, valid_from, valid_to, 'thon 1' FROM unit WHERE level = 'commune';
                """)
        }
        let before = try queue.read { db in
            try (Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unit") ?? 0, Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unit WHERE level <> 'village'") ?? 0)
        }
        try queue.close()
        let upgraded = try Workspace.open(.file(path), actor: "upgrader")
        #expect(upgraded.appliedMigrations == ["core.v3"])
        try upgraded.read { store in
            #expect(try Int.fetchOne(store.db, sql: "SELECT COUNT(*) FROM unit") == before.0)
            #expect(before.1 < before.0)
            let above = try UnitIndex.loadAboveVillages(store.db)
            #expect(above.units.count == before.1 && above.units.allSatisfy { $0.level != .village })
            func plan(_ sql: String) throws -> String {
                try Row.fetchAll(store.db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ")
            }
            #expect(try plan("SELECT id, code, name FROM unit WHERE level <> 'village'") == "SCAN unit USING INDEX unit_above_villages")
            // Queries that do not imply the index's condition keep their plans.
            #expect(try plan("SELECT id, code FROM unit WHERE level = 'village'") == "SCAN unit")
            #expect(try plan("SELECT id FROM unit ORDER BY id") == "SCAN unit")
        }
        try upgraded.close()
    }

    @Test("a database with migrations this build does not know is refused, and left untouched")
    func newerDatabaseRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        try Workspace.open(.file(path), actor: "tester").close()
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO ntm_migration (identifier, module, applied_at) VALUES ('core.v9', 'core', '2030-01-01T00:00:00Z')")
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for readOnly in [false, true] {
            let message = errorMessage { _ = try Workspace.open(.file(path), readOnly: readOnly, actor: "tester") }
            #expect(message == "database '\(path)' was written by a newer ntm: it has migrations this build does not know "
                    + "(core.v9); refusing to open it — upgrade ntm")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a newer version of a plugin module is refused too; an unknown module is left alone")
    func moduleVersions() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        try Workspace.open(.file(path), modules: [FutureModule()], actor: "tester").close()
        #expect(errorMessage { _ = try Workspace.open(.file(path), modules: [PastModule()], actor: "tester") }?
            .contains("it has migrations this build does not know (future.v2)") == true)
        let without = try Workspace.open(.file(path), actor: "tester")
        #expect(without.foreignModules == ["future"])
        try without.close()
    }

    @Test("read-only open of a database that needs migrating: a clear error, nothing written")
    func readOnlyNeedsMigration() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        try Workspace.open(.file(path), actor: "tester").close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let message = errorMessage { _ = try Workspace.open(.file(path), readOnly: true, modules: [DemoModule()], actor: "tester") }
        #expect(message == "database '\(path)' needs migrating (demo.v1) but is open read-only; open it once read-write")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("another application's database, or a file that is no database, is refused and untouched")
    func foreignFiles() throws {
        let folder = try TemporaryFolder()
        let other = folder.file("other.db")
        let queue = try DatabaseQueue(path: other)
        try queue.write { try $0.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY)") }
        try queue.close()
        #expect(errorMessage { _ = try Workspace.open(.file(other), actor: "tester") }
                == "'\(other)' is not an ntm database: it has tables (invoices) but no ntm_migration table")
        let text = try folder.write("notes.db", "just some text, long enough to not be a database header at all............")
        #expect(errorMessage { _ = try Workspace.open(.file(text), actor: "tester") }
                == "'\(text)' is not an ntm database: the file is not an SQLite database")
        #expect(try String(contentsOfFile: text, encoding: .utf8).hasPrefix("just some text"))
    }

    @Test("a failing migration leaves the database as it was")
    func failingMigration() throws {
        struct Broken: DomainModule {
            var name: String { "broken" }
            var migrations: [Migration] {
                [Migration("v1") { db in
                    try db.execute(sql: "CREATE TABLE broken_a (id INTEGER)")
                    try db.execute(sql: "this is not SQL")
                }]
            }
        }
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        #expect(throws: (any Error).self) { _ = try Workspace.open(.file(path), modules: [Broken()], actor: "tester") }
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master") } == 0)
        try queue.close()
    }
}
