import Foundation
import GRDB
import Testing
@testable import NTMCore

/// A large commit's pages are copied from the write-ahead log into the database file on another thread,
/// while the session goes on; closing waits for the copy and leaves no `-wal` or `-shm` file.
@Suite("Background checkpoint")
struct BackgroundCheckpointTests {
    /// A unit file of `count` villages (at most 3,996), spread over four rural communes.
    func villages(_ folder: TemporaryFolder, count: Int) throws -> String {
        let communes = ["07324", "07222", "07441", "07687"]
        let rows = (0..<count).map { n in
            "\(communes[n % 4])\(String(format: "%03d", n / 4 + 1)),Thôn \(n / 4 + 1),village,\(communes[n % 4])"
        }
        return try folder.write("villages.csv", "code,name,kind,parent_code\n" + rows.joined(separator: "\n") + "\n")
    }

    /// The villages in the database file alone, read from a copy of it made without its `-wal` file (what
    /// someone copying the file while the shell is open gets).
    func villagesInFileAlone(_ path: String, _ folder: TemporaryFolder) throws -> Int {
        let copy = folder.file("copy.db")
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let queue = try DatabaseQueue(path: copy)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM unit WHERE level = 'village'") ?? -1 }
    }

    @Test("after an import of thousands of units the database file alone holds them, the session still open")
    func largeCommitCopied() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        let workspace = try Workspace.open(.file(path), actor: "tester")
        let file = try villages(folder, count: 3000)
        _ = try workspace.performMutation(context("unit import")) { try $0.units.importFile(file) }
        try #require(workspace.checkpointer != nil)
        workspace.checkpointer?.wait()
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(try villagesInFileAlone(path, folder) == 3000)
        // The session goes on: another write, then the close copies the rest and removes the log.
        _ = try workspace.performMutation(context("unit add")) { store in
            try store.units.add(code: "0732499", name: "Thôn Cuối", parent: try store.units.resolve("07324"))
        }
        try workspace.close()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
        #expect(try villagesInFileAlone(path, folder) == 3001)
    }

    @Test("a small commit stays in the log until the close, as SQLite would keep it")
    func smallCommitLeftToClose() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        let workspace = try Workspace.open(.file(path), actor: "tester")
        // Opening wrote the schema and registry; a first close copies them.
        try workspace.close()
        let reopened = try Workspace.open(.file(path), actor: "tester")
        _ = try reopened.performMutation(context("unit add")) { store in
            try store.units.add(code: "0732401", name: "Thôn Đông", parent: try store.units.resolve("07324"))
        }
        reopened.checkpointer?.wait()
        #expect(try villagesInFileAlone(path, folder) == 0)
        try reopened.close()
        #expect(try villagesInFileAlone(path, folder) == 1)
    }
}
