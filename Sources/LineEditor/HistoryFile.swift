#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure to use a history file, naming the file and the system's reason.
public struct HistoryFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "history file \(path): \(reason)" }

    init(path: String, action: String, errno code: Int32 = errno) {
        self.path = path
        self.reason = "\(action): \(String(cString: strerror(code)))"
    }
}

/// The history file on disk: plain UTF-8, one entry per line, oldest first, readable only by its owner.
///
/// An entry's backslashes and newlines are written as `\\` and `\n` so that multi-line entries stay one line;
/// everything else, Vietnamese included, is stored as typed. Saving writes a temporary file beside the real one
/// and renames it over, so a crash never leaves a half-written history.
struct HistoryFile {
    let path: String

    /// Prepares `path`: creates missing parent directories (mode 0700) and the file itself (mode 0600), and
    /// tightens an existing file to 0600.
    static func prepare(_ path: String) throws(HistoryFileError) -> HistoryFile {
        try createParentDirectories(of: path)
        let descriptor = systemOpen(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw HistoryFileError(path: path, action: "cannot open") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw HistoryFileError(path: path, action: "cannot inspect") }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw HistoryFileError(path: path, action: "not a regular file", errno: EINVAL)
        }
        if status.st_mode & 0o777 != 0o600, fchmod(descriptor, 0o600) != 0 {
            throw HistoryFileError(path: path, action: "cannot make it private (mode 0600)")
        }
        // Later saves rename a new file into place: write through a symlink to where it points.
        let resolved = realpath(path, nil).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        }
        return HistoryFile(path: resolved ?? path)
    }

    /// The entries stored in the file, oldest first.
    func load() throws(HistoryFileError) -> [String] {
        let descriptor = systemOpen(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return [] }
            throw HistoryFileError(path: path, action: "cannot open")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw HistoryFileError(path: path, action: "cannot read")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map { Self.decode(String($0)) }
    }

    /// Replaces the file's content with `entries` (oldest first), atomically, keeping mode 0600.
    func save(_ entries: [String]) throws(HistoryFileError) {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = systemOpen(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw HistoryFileError(path: temporary, action: "cannot create") }
        var text = entries.map { Self.encode($0) + "\n" }.joined()
        let written = text.withUTF8 { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
        let writeError = errno
        _ = fchmod(descriptor, 0o600)
        let closed = close(descriptor) == 0
        guard written, closed else {
            unlink(temporary)
            throw HistoryFileError(path: path, action: "cannot write", errno: writeError)
        }
        guard rename(temporary, path) == 0 else {
            let renameError = errno
            unlink(temporary)
            throw HistoryFileError(path: path, action: "cannot replace", errno: renameError)
        }
    }

    private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        Self.systemOpen(path, flags, mode)
    }

    private static func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        open(path, flags, mode)
    }

    static func encode(_ entry: String) -> String {
        var result = ""
        result.reserveCapacity(entry.utf8.count)
        for scalar in entry.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func decode(_ line: String) -> String {
        var result = String.UnicodeScalarView()
        var scalars = line.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\" else {
                result.append(scalar)
                continue
            }
            switch scalars.next() {
            case "\\": result.append("\\")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case let other?: result.append(scalar); result.append(other)
            case nil: result.append(scalar)
            }
        }
        return String(result)
    }

    private static func createParentDirectories(of path: String) throws(HistoryFileError) {
        var components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !components.isEmpty else { throw HistoryFileError(path: path, action: "empty path", errno: EINVAL) }
        components.removeLast()
        var directory = path.hasPrefix("/") ? "" : "."
        for component in components {
            directory += "/" + component
            if mkdir(directory, 0o700) != 0, errno != EEXIST {
                throw HistoryFileError(path: path, action: "cannot create directory \(directory)")
            }
        }
    }
}
