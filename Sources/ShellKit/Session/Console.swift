#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the shell writes: standard output for results, standard error for errors and progress.
public protocol Console: AnyObject {
    func write(_ text: String)
    func writeError(_ text: String)
    /// Whether results go to a terminal (decoration, colour).
    var isOutputTerminal: Bool { get }
    /// Whether errors and progress go to a terminal.
    var isErrorTerminal: Bool { get }
    func flush()
    /// The output terminal's size (columns, rows), or nil when results do not go to a terminal.
    var terminalSize: (columns: Int, rows: Int)? { get }
    /// Shows `text` through the pager `command` (run by /bin/sh); false when it could not be started.
    func page(_ text: String, command: String) -> Bool
}

extension Console {
    public var terminalSize: (columns: Int, rows: Int)? { nil }
    public func page(_ text: String, command: String) -> Bool { false }
}

/// The process's own standard output and error: output buffered, errors written at once.
public final class StandardConsole: Console {
    public let isOutputTerminal: Bool
    public let isErrorTerminal: Bool
    private var buffer: [UInt8] = []
    /// The `errno` of the first failed write to standard output (a full disk, a closed pipe), or nil.
    /// Later output is dropped; the executable reports it and exits non-zero.
    public private(set) var outputFailure: Int32?

    public init() {
        isOutputTerminal = isatty(1) == 1
        isErrorTerminal = isatty(2) == 1
        buffer.reserveCapacity(1 << 16)
    }

    deinit { flush() }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 || isOutputTerminal { flush() }
    }

    public func writeError(_ text: String) {
        flush()
        Self.writeAll(2, Array(text.utf8))
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        if outputFailure == nil, let failure = Self.writeAll(1, buffer) { outputFailure = failure }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Asked at every result, so a resized window is followed.
    public var terminalSize: (columns: Int, rows: Int)? {
        guard isOutputTerminal else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Pipes `text` into the pager and waits until the person leaves it.
    ///
    /// Quitting the pager early closes the pipe: SIGPIPE is ignored meanwhile, so that ends the
    /// write, not ntm. `LESS` defaults to `FRX` as git sets it: leave at once when the text fits,
    /// keep colours, do not clear the screen on exit.
    public func page(_ text: String, command: String) -> Bool {
        flush()
        setenv("LESS", "FRX", 0)
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        guard let pipe = popen(command, "w") else { return false }
        var text = text
        _ = text.withUTF8 { bytes in fwrite(bytes.baseAddress, 1, bytes.count, pipe) }
        let status = pclose(pipe)
        // The shell's 127: the command was not found. Say so, and show the text anyway.
        if status != -1, (status >> 8) & 0xFF == 127 {
            writeError("warning: pager '\(command)' could not be run ('set pager off' turns paging off)\n")
            return false
        }
        return true
    }

    /// Writes every byte, retrying after interrupts and short writes; returns `errno` if it fails.
    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        OutputFile.writeAll(fd, bytes) ? nil : errno
    }
}

/// Collects output in memory (tests, and `--output` rendering).
public final class CapturingConsole: Console {
    public private(set) var output = ""
    public private(set) var errors = ""
    public var isOutputTerminal: Bool
    public var isErrorTerminal: Bool
    /// A pretend terminal's size (nil: not a terminal, or size unknown).
    public var terminalSize: (columns: Int, rows: Int)?
    /// The pager commands asked for, in order (the paged text goes to `output`).
    public private(set) var pagers: [String] = []

    public init(terminal: Bool = false, size: (columns: Int, rows: Int)? = nil) {
        isOutputTerminal = terminal
        isErrorTerminal = terminal
        terminalSize = size
    }

    public func write(_ text: String) { output += text }
    public func writeError(_ text: String) { errors += text }
    public func flush() {}
    public func page(_ text: String, command: String) -> Bool {
        pagers.append(command)
        output += text
        return true
    }
}

/// The largest command file read (16 MiB): a bigger one is no command file, and reading it would only fill memory.
public let maximumCommandFileSize = 16 << 20

/// Reads the whole file at `path` as UTF-8 text, or throws an unreadable-file error naming it.
///
/// Only regular files and pipes are read: a device (`/dev/zero`), a folder or a file over
/// ``maximumCommandFileSize`` is refused before it can exhaust memory.
public func readTextFile(_ path: String) throws(ShellError) -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
        throw ShellError(.unreadableFile, "cannot read '\(path)': \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0 else {
        throw ShellError(.unreadableFile, "cannot read '\(path)': \(String(cString: strerror(errno)))")
    }
    switch status.st_mode & S_IFMT {
    case S_IFREG, S_IFIFO, S_IFSOCK: break
    case S_IFDIR: throw ShellError(.unreadableFile, "cannot read '\(path)': it is a folder")
    default: throw ShellError(.unreadableFile, "cannot read '\(path)': not a regular file")
    }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = read(fd, &buffer, buffer.count)
        if n < 0 {
            if errno == EINTR { continue }
            throw ShellError(.unreadableFile, "cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        if n == 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
        if bytes.count > maximumCommandFileSize {
            throw ShellError(.unreadableFile, "cannot read '\(path)': larger than \(maximumCommandFileSize >> 20) MiB, not a command file")
        }
    }
    return try commandText(bytes, name: path)
}

/// Command text from bytes read from `name` (a file or standard input): UTF-8 or refused, alike for every source.
public func commandText(_ bytes: [UInt8], name: String) throws(ShellError) -> String {
    guard var text = String(validating: bytes, as: UTF8.self) else {
        throw ShellError(.unreadableFile, "cannot read '\(name)': not valid UTF-8 text")
    }
    // Windows editors often start UTF-8 files with a byte-order mark; it is not part of the text.
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text
}
