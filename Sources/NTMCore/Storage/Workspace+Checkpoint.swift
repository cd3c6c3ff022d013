import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Copying a large commit's pages from the write-ahead log into the database file on another thread, while
/// the session goes on.
///
/// A commit in WAL mode writes its pages to the `-wal` file; they are copied into the database file (and both
/// files synced) by a checkpoint, which SQLite otherwise runs when the log reaches 1,000 pages or when the
/// last connection closes. After an import of thousands of rows that copy and its two syncs are most of the
/// import's disk time: done on the command's own thread they come after the work, done here they overlap
/// the commands that follow (a report reads the log meanwhile, as readers always may). A checkpoint is
/// crash-safe wherever it stops; ``close()`` waits for it, so the closing checkpoint finds the pages copied
/// and the `-wal` file is removed as before.
///
/// Started from SQLite's WAL hook (after a commit, its locks released) once the log holds
/// ``WriteAheadCheckpointer/pagesWorthCopying`` pages. The hook replaces SQLite's automatic checkpoint
/// (at 1,000 pages, on the committing thread): every commit past the threshold starts a copy unless one is
/// running, and the next commit after it starts the next.
final class WriteAheadCheckpointer: @unchecked Sendable {
    /// From this many pages in the log, a commit starts a copy (an import of a few thousand rows).
    static let pagesWorthCopying: Int32 = 64

    private let path: String
    /// False while a copy runs; guarded by `finished`.
    private var done = true
    private let finished = NSCondition()

    init(path: String) {
        self.path = path
    }

    /// Installs the hook on the workspace's connection.
    func install(on db: Database) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(db.sqliteConnection, { context, _, _, pages in
            guard let context else { return SQLITE_OK }
            let checkpointer = Unmanaged<WriteAheadCheckpointer>.fromOpaque(context).takeUnretainedValue()
            if pages >= WriteAheadCheckpointer.pagesWorthCopying { checkpointer.start() }
            return SQLITE_OK
        }, context)
    }

    /// Starts a copy on another thread unless one is running.
    private func start() {
        finished.lock()
        defer { finished.unlock() }
        guard done else { return }
        done = false
        let path = self.path
        let thread = Thread { [self] in
            Self.copy(path)
            finished.lock()
            done = true
            finished.broadcast()
            finished.unlock()
        }
        thread.start()
    }

    /// Waits for a running copy to end.
    func wait() {
        finished.lock()
        while !done { finished.wait() }
        finished.unlock()
    }

    /// A passive checkpoint on a connection of its own: it copies what no reader needs from the log and never
    /// blocks the session's connection (a busy database is simply left for the next commit or the close).
    private static func copy(_ path: String) {
        var connection: OpaquePointer?
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            sqlite3_close(connection)
            return
        }
        // A new connection learns the file is in WAL mode from its first read.
        sqlite3_exec(connection, "PRAGMA journal_mode", nil, nil, nil)
        sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        sqlite3_close(connection)
    }
}
