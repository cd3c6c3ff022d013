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

    public init(terminal: Bool = false) {
        isOutputTerminal = terminal
        isErrorTerminal = terminal
    }

    public func write(_ text: String) { output += text }
    public func writeError(_ text: String) { errors += text }
    public func flush() {}
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
