import Foundation
import GRDB
import Testing
@testable import NTMCore

/// Concurrent writers and read-only opens (issue 8).
@Suite("Storage safety")
struct StorageSafetyTests {
    func addVillage(_ workspace: Workspace, _ code: String) throws {
        _ = try workspace.performMutation(context("unit add \(code)")) { store in
            try store.units.add(code: code, name: "Thôn \(code)", parent: try store.units.resolve("07324"))
        }
    }

    @Test("a writer waits up to the busy timeout, which is a setting, then says the database is busy")
    func busyTimeout() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        let holder = try Workspace.open(.file(path), actor: "tester")
        let waiter = try Workspace.open(.file(path), actor: "tester")
        try holder.begin()
        waiter.busyTimeout = 1
        let started = Date()
        let message = errorMessage { try addVillage(waiter, "0732401") }
        #expect(Date().timeIntervalSince(started) >= 0.9)
        #expect(message == "database '\(path)' is busy: another process has been writing to it for more than 1 second; "
                + "try again, or wait longer with 'set busytimeout SECONDS'")
        try holder.rollback()
        try addVillage(waiter, "0732401")
        try holder.close()
        try waiter.close()
    }

    @Test("writers that wait for each other all succeed within the timeout")
    func waitingWriters() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        try Workspace.open(.file(path), actor: "tester").close()
        let writers = try (0..<3).map { _ in try Workspace.open(.file(path), actor: "tester") }
        // A generous timeout: the machine running the tests may be loaded; what matters is that waits are retried.
        for writer in writers { writer.busyTimeout = 60 }
        let failures = NSLock()
        nonisolated(unsafe) var failed: [String] = []
        DispatchQueue.concurrentPerform(iterations: 3) { writer in
            for i in 0..<40 {
                do { try addVillage(writers[writer], "07324" + String(format: "%03d", writer * 40 + i)) } catch {
                    failures.withLock { failed.append(error.domainMessage) }
                }
            }
        }
        #expect(failed.isEmpty)
        let count = try writers[0].read { try Int.fetchOne($0.db, sql: "SELECT COUNT(*) FROM unit WHERE level = 'village'") }
        #expect(count == 120)
        for writer in writers { try writer.close() }
    }

    @Test("a read-only open leaves no -wal or -shm file and works in a folder that cannot be written")
    func readOnlyLeavesNothing() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        let writer = try Workspace.open(.file(path), actor: "tester")
        try addVillage(writer, "0732401")
        try writer.close()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        chmod(folder.path, 0o555)
        defer { chmod(folder.path, 0o755) }
        let reader = try Workspace.open(.file(path), readOnly: true, actor: "tester")
        let count = try reader.read { try Int.fetchOne($0.db, sql: "SELECT COUNT(*) FROM unit WHERE level = 'village'") }
        #expect(count == 1)
        try reader.close()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
    }

    @Test("the read-only path is a URI that escapes what SQLite would misread")
    func readOnlyPath() {
        #expect(Workspace.readOnlyPath("/nonexistent/a b?#%.db") == "file:///nonexistent/a%20b%3F%23%25.db?mode=ro&immutable=1")
    }
}
