import Foundation
import GRDB

/// Waiting for another process's write lock: retried with jittered backoff up to a timeout that is a
/// setting (`busytimeout`, 5 s by default), then a clear error naming who holds the lock when it can
/// be known.
///
/// SQLite's own busy timeout sleeps up to 100 ms on a fixed schedule, so writers that wait together
/// retry in step and miss the short gaps between another process's transactions; short, jittered
/// sleeps catch them.
final class BusyPolicy: @unchecked Sendable {
    private let lock = NSLock()
    private var _timeout: Double
    private var waitStarted: UInt64 = 0

    init(timeout: Double) { _timeout = timeout }

    /// Seconds a change waits for another process's write lock before it fails.
    var timeout: Double {
        get { lock.withLock { _timeout } }
        set { lock.withLock { _timeout = max(0, newValue) } }
    }

    /// SQLite's busy handler: sleeps a little and returns true to retry, false to give up.
    func shouldRetry(_ tries: Int) -> Bool {
        let now = DispatchTime.now().uptimeNanoseconds
        let (started, limit) = lock.withLock { () -> (UInt64, Double) in
            if tries == 0 { waitStarted = now }
            return (waitStarted, _timeout)
        }
        let elapsed = Double(now &- started) / 1e9
        guard elapsed < limit else { return false }
        // 0.25, 0.5, 1 … 4 ms, each time a random part of it: a writer that commits and at once begins
        // again leaves only a short window, and long sleeps would let it starve the others.
        let ceiling = min(4_000, 250 << min(tries, 4))
        let pause = min(Int.random(in: ceiling / 2...ceiling), Int((limit - elapsed) * 1e6) + 1)
        usleep(UInt32(pause))
        return true
    }
}

extension Workspace {
    /// Seconds a change waits for another process's write lock (the `busytimeout` setting).
    public var busyTimeout: Double {
        get { busyPolicy.timeout }
        set { busyPolicy.timeout = newValue }
    }

    /// Who holds the write lock of the database file, when the system says: `process 4242 (ntm
    /// --single-transaction -f load.ntm)`. Read from `/proc/locks` (Linux), never by taking a lock.
    static func lockHolder(of path: String) -> String? {
        // In WAL mode the writer holds byte 120 of the -shm file; otherwise the RESERVED byte of the file.
        let candidates: [(String, Int)] = [(path + "-shm", 120), (path, 0x4000_0001)]
        guard let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        for (file, offset) in candidates {
            var status = stat()
            guard stat(file, &status) == 0 else { continue }
            let inode = UInt64(status.st_ino)
            let own = getpid()
            for line in locks.split(separator: "\n") {
                // `1: POSIX  ADVISORY  WRITE 4242 08:01:1234567 120 120`
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count >= 8, fields[1] == "POSIX", fields[3] == "WRITE",
                      let pid = Int32(fields[4]), pid != own else { continue }
                let device = fields[5].split(separator: ":")
                guard device.count == 3, UInt64(device[2]) == inode,
                      let start = Int(fields[6]), let end = fields[7] == "EOF" ? Int.max : Int(fields[7]),
                      start <= offset, offset <= end else { continue }
                return "process \(pid)" + (commandLine(of: pid).map { " (\($0))" } ?? "")
            }
        }
        return nil
    }

    /// A process's command line, for naming it in a message.
    static func commandLine(of pid: Int32) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return nil }
        let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        guard let first = words.first else { return nil }
        let text = ([(first as NSString).lastPathComponent] + words.dropFirst()).joined(separator: " ")
        return text.count > 120 ? String(text.prefix(117)) + "…" : text
    }
}
