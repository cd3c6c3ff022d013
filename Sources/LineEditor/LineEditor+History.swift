#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibEdit

/// History: the shell decides what to add; the editor keeps it unique, capped, and saved.
extension LineEditor {
    /// History entries, oldest first.
    public var historyEntries: [String] { entries }

    /// Keeps history in `path` from now on: creates its directories and the file (mode 0600), and loads what
    /// the file already holds, capped at `size` entries.
    public func useHistoryFile(_ path: String, size: Int) throws {
        let file = try HistoryFile.prepare(path)
        let stored = try file.load()
        historyFile = file
        historyCapacity = max(0, size)
        entries = Self.collapsingDuplicates(stored + entries, capacity: historyCapacity)
        reportedHistoryFailure = false
        synchroniseLibeditHistory()
    }

    /// Caps history at `n` entries, dropping the oldest.
    public func setHistorySize(_ n: Int) {
        historyCapacity = max(0, n)
        entries = Self.collapsingDuplicates(entries, capacity: historyCapacity)
        synchroniseLibeditHistory()
    }

    /// Adds `line` as the newest entry, removes older identical entries, enforces the size cap, and saves the
    /// history file at once so that a crash loses nothing. Blank lines are ignored.
    public func addHistory(_ line: String) {
        guard line.contains(where: { !$0.isWhitespace }) else { return }
        entries.removeAll { $0 == line }
        entries.append(line)
        entries = Self.collapsingDuplicates(entries, capacity: historyCapacity)
        synchroniseLibeditHistory()
        saveHistory(adding: line)
    }

    /// Writes the file: what is on disk now (other sessions may have added to it) plus `line`, deduplicated
    /// and capped, so concurrent sessions do not erase each other's history.
    private func saveHistory(adding line: String) {
        guard let historyFile else { return }
        do {
            var onDisk = try historyFile.load()
            onDisk.append(line)
            try historyFile.save(Self.collapsingDuplicates(onDisk, capacity: historyCapacity))
        } catch {
            guard !reportedHistoryFailure else { return }
            reportedHistoryFailure = true
            fputs("\(programName): warning: cannot save history: \(error)\n", ntm_stderr())
        }
    }

    /// `entries` with only the newest copy of each entry kept, and at most `capacity` of them.
    static func collapsingDuplicates(_ entries: [String], capacity: Int) -> [String] {
        var seen = Set<String>()
        var newestFirst: [String] = []
        for entry in entries.reversed() where newestFirst.count < capacity {
            if seen.insert(entry).inserted { newestFirst.append(entry) }
        }
        return newestFirst.reversed()
    }

    /// Copies `entries` into libedit's history, which up/down and Ctrl-R walk.
    func synchroniseLibeditHistory() {
        _ = ntm_history_clear(history)
        _ = ntm_history_set_size(history, Int32(clamping: max(1, historyCapacity)))
        for entry in entries {
            let wide = WideText.terminated(entry)
            wide.withUnsafeBufferPointer { _ = ntm_history_enter(history, $0.baseAddress) }
        }
    }
}
