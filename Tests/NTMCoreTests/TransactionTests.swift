import Foundation
import GRDB
import Testing
@testable import NTMCore

@Suite("Atomicity: session transactions, single-transaction and dry runs, read-only")
struct TransactionTests {
    struct Boom: Error {}

    func villageCount(_ workspace: Workspace) throws -> Int {
        try workspace.read { try $0.units.list(level: .village).count }
    }

    func addVillage(_ workspace: Workspace, _ code: String, _ name: String) throws {
        _ = try workspace.performMutation(context("unit add \(code)")) { store in
            try store.units.add(code: code, name: name, parent: try store.units.resolve("07324"))
        }
    }

    @Test("a failing mutation leaves nothing, even halfway through")
    func failingMutation() throws {
        let workspace = try memoryWorkspace()
        let auditBefore = try workspace.read { try $0.audit.count() }
        #expect(throws: Boom.self) {
            try workspace.performMutation(context()) { store in
                try store.units.add(code: "0732401", name: "Thôn Đông", parent: try store.units.resolve("07324"))
                throw Boom()
            }
        }
        #expect(try villageCount(workspace) == 0)
        #expect(try workspace.read { try $0.audit.count() } == auditBefore)
    }

    @Test("inside a session transaction a failing command leaves nothing; earlier ones wait for commit or rollback")
    func sessionTransaction() throws {
        let workspace = try memoryWorkspace()
        try workspace.begin()
        #expect(workspace.isInTransaction)
        try addVillage(workspace, "0732401", "Thôn Đông")
        #expect(throws: Boom.self) {
            try workspace.performMutation(context()) { store in
                try store.units.add(code: "0732402", name: "Thôn Tây", parent: try store.units.resolve("07324"))
                throw Boom()
            }
        }
        #expect(workspace.isInTransaction)
        #expect(try villageCount(workspace) == 1)
        try workspace.rollback()
        #expect(!workspace.isInTransaction)
        #expect(try villageCount(workspace) == 0)

        try workspace.begin()
        try addVillage(workspace, "0732401", "Thôn Đông")
        try workspace.commit()
        #expect(try villageCount(workspace) == 1)
        #expect(errorMessage { try workspace.commit() } == "commit: no transaction is open")
        try workspace.begin()
        #expect(errorMessage { try workspace.begin() } == "a transaction is already open: commit or rollback first")
        try workspace.rollback()
    }

    @Test("a session transaction really spans separate accesses: another connection does not see it until commit")
    func isolation() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        let workspace = try Workspace.open(.file(path), actor: "tester")
        try workspace.begin()
        try addVillage(workspace, "0732401", "Thôn Đông")
        let other = try DatabaseQueue(path: path)
        #expect(try other.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM unit WHERE level = 'village'") } == 0)
        try workspace.commit()
        #expect(try other.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM unit WHERE level = 'village'") } == 1)
        try other.close()
        try workspace.close()
    }

    @Test("closing with a transaction open rolls it back and says so")
    func closeRollsBack() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        let workspace = try Workspace.open(.file(path), actor: "tester")
        try workspace.begin()
        try addVillage(workspace, "0732401", "Thôn Đông")
        #expect(try workspace.close() == true)
        let reopened = try Workspace.open(.file(path), actor: "tester")
        #expect(try villageCount(reopened) == 0)
        try reopened.close()
    }

    @Test("--single-transaction: a failed run leaves nothing; a successful one commits everything")
    func singleTransaction() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        try Workspace.open(.file(path), actor: "tester").close()

        let failing = try Workspace.open(.file(path), runMode: .singleTransaction, actor: "tester")
        try addVillage(failing, "0732401", "Thôn Đông")
        try addVillage(failing, "0732402", "Thôn Tây")
        let failed = try failing.finishRun(succeeded: false)
        #expect(!failed.committed)
        try failing.close()
        let check = try Workspace.open(.file(path), actor: "tester")
        #expect(try villageCount(check) == 0)
        try check.close()

        let passing = try Workspace.open(.file(path), runMode: .singleTransaction, actor: "tester")
        try addVillage(passing, "0732401", "Thôn Đông")
        try passing.begin()          // a session transaction inside the run is a savepoint
        try addVillage(passing, "0732402", "Thôn Tây")
        try passing.rollback()
        let outcome = try passing.finishRun(succeeded: true)
        #expect(outcome.committed)
        #expect(outcome.changes.rows == [ChangeSummary.Row(module: "core", entity: "unit", added: 1, changed: 0, removed: 0)])
        try passing.close()
        let after = try Workspace.open(.file(path), actor: "tester")
        #expect(try after.read { try $0.units.list(level: .village).map(\.code) } == ["0732401"])
        try after.close()
    }

    @Test("--single-transaction: a command that fails halfway leaves nothing of itself; the run's other changes are kept, also inside begin")
    func failingCommandInsideRun() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        try Workspace.open(.file(path), actor: "tester").close()
        let run = try Workspace.open(.file(path), runMode: .singleTransaction, actor: "tester")
        let auditBefore = try run.read { try $0.audit.count() }
        func failingAdd(_ code: String) {
            #expect(throws: Boom.self) {
                try run.performMutation(context()) { store in
                    try store.units.add(code: code, name: "Thôn \(code)", parent: try store.units.resolve("07324"))
                    throw Boom()
                }
            }
        }
        // Many commands, as a long command file runs them: each one's savepoint is undone or released alone.
        for number in 1...40 {
            try addVillage(run, "07324\(number + 10)", "Thôn Số \(number)")
            failingAdd("07324\(number + 60)")
        }
        #expect(try villageCount(run) == 40)
        try run.begin()
        try addVillage(run, "0732401", "Thôn Đông")
        failingAdd("0732402")
        try run.commit()
        #expect(try villageCount(run) == 41)
        #expect(try run.read { try $0.audit.count() } == auditBefore + 41)
        #expect(throws: (any Error).self) { try run.read { try $0.units.resolve("0732402") } }
        let outcome = try run.finishRun(succeeded: true)
        #expect(outcome.committed)
        try run.close()
        let after = try Workspace.open(.file(path), actor: "tester")
        #expect(try villageCount(after) == 41)
        try after.close()
    }

    @Test("--dry-run: the run happens, the summary counts the changes, the file stays byte-for-byte the same")
    func dryRun() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        let seeded = try Workspace.open(.file(path), actor: "tester")
        try addVillage(seeded, "0732401", "Thôn Đông")
        try seeded.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let dry = try Workspace.open(.file(path), runMode: .dryRun, actor: "tester")
        try addVillage(dry, "0732402", "Thôn Tây")
        try dry.performMutation(context("criteria set")) { store in
            let commune = try store.units.resolve("07324")
            try store.criteria.set(unit: commune, year: 2023, criterion: try CriteriaCatalogue.parse("8.4"), met: true)
            try store.criteria.set(unit: commune, year: 2023, criterion: try CriteriaCatalogue.parse("8.4"), met: false)
        }
        #expect(try villageCount(dry) == 2)   // the run sees its own changes
        let outcome = try dry.finishRun(succeeded: true)
        #expect(!outcome.committed)
        #expect(outcome.changes.rows == [
            ChangeSummary.Row(module: "core", entity: "assessment", added: 1, changed: 1, removed: 0),
            ChangeSummary.Row(module: "core", entity: "unit", added: 1, changed: 0, removed: 0),
        ])
        try dry.close()

        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(after == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        let check = try Workspace.open(.file(path), readOnly: true, actor: "tester")
        #expect(try villageCount(check) == 1)
        try check.close()
    }

    @Test("--dry-run on a database that does not exist yet creates nothing")
    func dryRunFresh() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("new.db")
        let dry = try Workspace.open(.file(path), runMode: .dryRun, actor: "tester")
        try addVillage(dry, "0732401", "Thôn Đông")
        let outcome = try dry.finishRun(succeeded: true)
        // Only what the run itself does: creating and seeding the database is not the script's change.
        #expect(outcome.changes.rows == [ChangeSummary.Row(module: "core", entity: "unit", added: 1, changed: 0, removed: 0)])
        try dry.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("read-only: mutations are refused with the command's name, reads work")
    func readOnly() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        try Workspace.open(.file(path), actor: "tester").close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let workspace = try Workspace.open(.file(path), readOnly: true, actor: "tester")
        #expect(workspace.isReadOnly)
        let message = errorMessage {
            _ = try workspace.performMutation(MutationContext(actor: "x", commandLine: "unit add 0732401 Đông --in 07324", operation: "unit add")) { store in
                try store.units.add(code: "0732401", name: "Thôn Đông", parent: try store.units.resolve("07324"))
            }
        }
        #expect(message == "database is open read-only: 'unit add' changes data")
        #expect(try workspace.read { try $0.units.resolve("07324").name } == "Xã Phúc Hòa")
        // A store from a read refuses mutations too.
        #expect(errorMessage { try workspace.read { store in _ = try store.units.add(code: "0732401", name: "Thôn Đông", parent: nil) } }
                == "'unit add' changes data and must run inside performMutation")
        try workspace.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(errorMessage { _ = try Workspace.open(.file(folder.file("missing.db")), readOnly: true) }
                == "no database at '\(folder.file("missing.db"))'")
    }

    @Test("opening read-write and only reading leaves the file as it was")
    func readsDoNotWrite() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        try Workspace.open(.file(path), actor: "tester").close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let workspace = try Workspace.open(.file(path), actor: "tester")
        #expect(try workspace.read { try $0.units.list(level: .commune).count } == 209)
        try workspace.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a database in a folder that does not exist: a clear error")
    func missingFolder() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("no/such/folder/ntm.db")
        #expect(errorMessage { _ = try Workspace.open(.file(path), actor: "tester") }
                == "cannot open database '\(path)': the folder '\(folder.file("no/such/folder"))' does not exist")
    }

    @Test("files are opened in WAL mode")
    func walMode() throws {
        let folder = try TemporaryFolder()
        let workspace = try Workspace.open(.file(folder.file("ntm.db")), actor: "tester")
        #expect(try workspace.withDatabase { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        try workspace.close()
    }

    @Test("the default path: $NTM_DB, else $XDG_DATA_HOME/ntm/ntm.db, else ~/.local/share/ntm/ntm.db")
    func defaultPath() throws {
        #expect(try Workspace.defaultDatabasePath(environment: ["NTM_DB": "/x/y.db", "HOME": "/h"]) == "/x/y.db")
        #expect(try Workspace.defaultDatabasePath(environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"]) == "/d/ntm/ntm.db")
        #expect(try Workspace.defaultDatabasePath(environment: ["HOME": "/h"]) == "/h/.local/share/ntm/ntm.db")
        let folder = try TemporaryFolder()
        let path = try Workspace.defaultDatabasePath(environment: ["XDG_DATA_HOME": folder.file("data")], createDirectories: true)
        #expect(FileManager.default.fileExists(atPath: folder.file("data/ntm")))
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
