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
        Self.writeAll(1, buffer)
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

    /// Writes every byte, retrying after interrupts and short writes.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
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

/// Writes `text` to the file at `path` (created or truncated); throws a readable error.
func writeFile(_ path: String, _ text: String) throws(ShellError) {
    guard let file = fopen(path, "w") else {
        throw ShellError(.failed, "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
    var text = text
    let written = text.withUTF8 { bytes in fwrite(bytes.baseAddress, 1, bytes.count, file) }
    let closed = fclose(file)
    if written != text.utf8.count || closed != 0 {
        throw ShellError(.failed, "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
}

/// Reads the whole file at `path` as UTF-8 text, or throws an unreadable-file error naming it.
public func readTextFile(_ path: String) throws(ShellError) -> String {
    guard let file = fopen(path, "r") else {
        throw ShellError(.unreadableFile, "cannot read '\(path)': \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
        if n < buffer.count {
            if ferror(file) != 0 { throw ShellError(.unreadableFile, "cannot read '\(path)': read error") }
            break
        }
    }
    guard var text = String(validating: bytes, as: UTF8.self) else {
        throw ShellError(.unreadableFile, "cannot read '\(path)': not valid UTF-8 text")
    }
    // Windows editors often start UTF-8 files with a byte-order mark; it is not part of the text.
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text
}

/// Throws unless `path` can be written: an existing writable file, or a new file in a writable folder.
func checkWritable(_ path: String) throws(ShellError) {
    if access(path, F_OK) == 0 {
        guard access(path, W_OK) == 0 else { throw ShellError(.failed, "cannot write '\(path)': permission denied") }
        return
    }
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    guard access(folder.isEmpty ? "/" : folder, W_OK) == 0 else {
        throw ShellError(.failed, "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
}
