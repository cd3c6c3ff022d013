#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a result to `--output`: never onto a file the session depends on, never half-written.
///
/// A regular file is written to a temporary file beside it and renamed over it only once every byte is
/// on disk, so a failure (a full disk, an interrupted run) leaves the old file as it was. Devices and
/// pipes (`/dev/stdout`, a FIFO) are written in place: they cannot be renamed over.
enum OutputFile {
    /// The format a file name asks for: `.csv`, `.json`, `.md`/`.markdown`; nil for any other name.
    static func inferredFormat(_ path: String) -> OutputFormat? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "csv": return .csv
        case "json": return .json
        case "md", "markdown": return .markdown
        default: return nil
        }
    }

    /// Device and inode of what `path` names (links followed), or nil when nothing is there.
    static func identity(_ path: String) -> (device: UInt64, inode: UInt64, mode: mode_t)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return (UInt64(status.st_dev), UInt64(status.st_ino), status.st_mode)
    }

    static func isRegular(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFREG }
    static func isDirectory(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFDIR }

    /// Throws unless `path` can be written and is none of `protected` (compared by device and inode, so
    /// another spelling, a symbolic link or a hard link to the database is caught too; a file that does
    /// not exist yet is compared by its folder's identity and its name, as a `-wal` file to come).
    static func check(_ path: String, database: [String], commandFiles: [String]) throws(ShellError) {
        let protected = database.map { ($0, "the open database") } + commandFiles.map { ($0, "a command file being run") }
        if let target = identity(path) {
            if isDirectory(target.mode) { throw ShellError(.failed, "cannot write '\(path)': it is a folder") }
            for (other, role) in protected {
                guard let known = identity(other), known.device == target.device, known.inode == target.inode else { continue }
                throw refusal(path, other, role)
            }
            guard access(path, W_OK) == 0 else { throw ShellError(.failed, "cannot write '\(path)': permission denied") }
            return
        }
        let (folder, name) = split(path)
        guard let folderID = identity(folder) else {
            throw ShellError(.failed, "cannot write '\(path)': \(String(cString: strerror(ENOENT)))")
        }
        for (other, role) in protected {
            let (otherFolder, otherName) = split(other)
            guard otherName == name, let otherID = identity(otherFolder),
                  otherID.device == folderID.device, otherID.inode == folderID.inode else { continue }
            throw refusal(path, other, role)
        }
        guard access(folder, W_OK) == 0 else {
            throw ShellError(.failed, "cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    /// `refusing to write 'ntm.db-wal': it is a file of the open database; choose another file`.
    private static func refusal(_ path: String, _ other: String, _ role: String) -> ShellError {
        let what = role == "the open database" && other != database(of: other) ? "a file of \(role)" : role
        return ShellError(.failed, "refusing to write '\(path)': it is \(what); choose another file")
    }

    /// `x.db` for `x.db-wal`, `x.db-shm` and `x.db-journal`.
    private static func database(of path: String) -> String {
        for suffix in ["-wal", "-shm", "-journal"] where path.hasSuffix(suffix) { return String(path.dropLast(suffix.count)) }
        return path
    }

    /// The folder (`.` when none) and the last component of `path`.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// Writes `text` to `path` all or nothing (see the type's summary).
    static func write(_ text: String, to path: String) throws(ShellError) {
        let existing = identity(path)
        if let existing, !isRegular(existing.mode) {
            try writeInPlace(text, to: path)
            return
        }
        // Replace the file a link points at, not the link.
        var target = path
        if existing != nil, let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        }
        let (folder, name) = split(target)
        var template = Array("\(folder)/.\(name).ntm-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure(path) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        func discard() -> ShellError {
            let error = failure(path)
            close(fd)
            unlink(temporary)
            return error
        }
        // The mode a new file would get (or the old file's), not mkstemp's 0600.
        let mask = umask(0)
        umask(mask)
        let mode = existing.map { $0.mode & 0o7777 } ?? (0o666 & ~mask)
        guard fchmod(fd, mode) == 0 else { throw discard() }
        guard writeAll(fd, Array(text.utf8)), fsync(fd) == 0 else { throw discard() }
        guard close(fd) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
    }

    private static func writeInPlace(_ text: String, to path: String) throws(ShellError) {
        let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path) }
        guard writeAll(fd, Array(text.utf8)) else {
            let error = failure(path)
            close(fd)
            throw error
        }
        close(fd)
    }

    /// Writes every byte, retrying after interrupts and short writes; false (with `errno` set) on failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }

    private static func failure(_ path: String) -> ShellError {
        ShellError(.failed, "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }

    /// `Wrote 182 rows to x.csv`: what an `--output` run says on standard error.
    static func summary(of result: CommandResult, path: String) -> String {
        guard hasTable(result) else { return "Wrote \(path)" }
        let rows = rowCount(result)
        return "Wrote \(rows == 1 ? "1 row" : "\(rows) rows") to \(path)"
    }

    static func hasTable(_ result: CommandResult) -> Bool {
        switch result {
        case .none, .message: return false
        case .table: return true
        case .sequence(let parts): return parts.contains(where: hasTable)
        }
    }

    static func rowCount(_ result: CommandResult) -> Int {
        switch result {
        case .none, .message: return 0
        case .table(let table): return table.rows.count
        case .sequence(let parts): return parts.reduce(0) { $0 + rowCount($1) }
        }
    }
}
