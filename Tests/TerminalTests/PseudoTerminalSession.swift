import CPseudoTerminal
import Foundation
import Testing

/// A program running on a pseudo-terminal, driven like a person at a keyboard.
///
/// `expect` calls read the program's output until the wanted text appears, pexpect-style: each match moves a
/// cursor past it, so later expectations only look at newer output. On timeout the error carries the whole
/// transcript, so a failing test shows exactly what the user would have seen.
final class PseudoTerminalSession {
    /// Everything the program wrote so far.
    private(set) var output: [UInt8] = []
    /// Where the next `expect` starts looking, as an offset into `output`.
    private(set) var cursor = 0
    private let child: ntm_pty_child
    private var exitStatus: (code: Int32, signal: Int32)?
    private var terminalClosed = false

    /// Starts `executable` with `arguments` and exactly `environment` on a `rows` x `columns` terminal.
    init(executable: String, arguments: [String], environment: [String: String], rows: UInt16 = 24,
         columns: UInt16 = 80) throws {
        let argv = [executable] + arguments
        let envp = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var child = ntm_pty_child()
        let error = withCStringArray(argv) { argvPointer in
            withCStringArray(envp) { envpPointer in
                ntm_pty_spawn(executable, argvPointer, envpPointer, rows, columns, &child)
            }
        }
        guard error == 0 else {
            throw TerminalTestError("cannot start \(executable): \(String(cString: strerror(error)))")
        }
        self.child = child
    }

    deinit {
        if exitStatus == nil {
            _ = ntm_pty_kill(child.pid, SIGKILL)
            var code: Int32 = 0, signal: Int32 = 0
            _ = ntm_pty_wait(child.pid, 5000, &code, &signal)
        }
        ntm_pty_close(child.master_fd)
    }

    /// Types `text` (UTF-8 encoded), as if pasted.
    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let error = bytes.withUnsafeBytes { ntm_pty_write(child.master_fd, $0.baseAddress, $0.count) }
        guard error == 0 else { throw TerminalTestError("cannot type \(text.debugDescription)", transcript: transcript) }
    }

    /// Waits until the output after the cursor contains `text`, then moves the cursor past it.
    func expect(_ text: String, timeout: Duration = .seconds(10)) throws {
        try waitUntil("output containing \(text.debugDescription)", timeout: timeout) {
            guard let range = newOutput.range(of: text) else { return false }
            cursor += newOutput[..<range.upperBound].utf8.count
            return true
        }
    }

    /// Waits until the output after the cursor contains every one of `texts` (in any order), then moves the
    /// cursor past all of them.
    func expect(allOf texts: [String], timeout: Duration = .seconds(10)) throws {
        try waitUntil("output containing all of \(texts)", timeout: timeout) {
            let seen = newOutput
            let ends = texts.compactMap { seen.range(of: $0)?.upperBound }
            guard ends.count == texts.count, let last = ends.max() else { return false }
            cursor += seen[..<last].utf8.count
            return true
        }
    }

    /// Waits until a complete line after the cursor shows exactly `line` (as a terminal would display it), then
    /// moves the cursor past that line.
    func expectLine(_ line: String, timeout: Duration = .seconds(10)) throws {
        try waitUntil("a line showing exactly \(line.debugDescription)", timeout: timeout) {
            for (rawLine, end) in Self.completeLines(in: output, from: cursor) where ScreenLine.render(rawLine) == line {
                cursor = end
                return true
            }
            return false
        }
    }

    /// The completed lines written after byte offset `mark`, as a terminal would display them.
    func screenLines(since mark: Int) -> [String] {
        Self.completeLines(in: output, from: min(mark, output.count)).map { ScreenLine.render($0.text) }
    }

    /// The newline-terminated lines of `bytes` from `start`, each with the offset just past its newline.
    /// (Split on bytes: as a String, "\r\n" is one Character and would not split on "\n".)
    private static func completeLines(in bytes: [UInt8], from start: Int) -> [(text: String, end: Int)] {
        var lines: [(text: String, end: Int)] = []
        var lineStart = start
        for index in start..<bytes.count where bytes[index] == UInt8(ascii: "\n") {
            lines.append((String(decoding: bytes[lineStart..<index], as: UTF8.self), index + 1))
            lineStart = index + 1
        }
        return lines
    }

    /// Waits for the program to exit and returns its exit status; throws if it did not, or died of a signal.
    @discardableResult
    func waitForExit(timeout: Duration = .seconds(10)) throws -> Int32 {
        if let exitStatus { return try checkedExitCode(exitStatus) }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            // Keep draining the terminal so the program never blocks writing its last words.
            readAvailable(waitingAtMost: 20)
            var code: Int32 = 0, signal: Int32 = 0
            if ntm_pty_wait(child.pid, 0, &code, &signal) == 1 {
                exitStatus = (code, signal)
                readAvailable(waitingAtMost: 50)
                return try checkedExitCode((code, signal))
            }
        }
        throw TerminalTestError("the program did not exit within \(timeout)", transcript: transcript)
    }

    /// Whether the program is still running.
    var isRunning: Bool {
        exitStatus == nil && ntm_pty_is_running(child.pid) != 0
    }

    /// The output so far, with control characters made visible, for failure messages.
    var transcript: String {
        var visible = ""
        for scalar in String(decoding: output, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\r": continue
            case "\n": visible += "\n"
            case "\u{1B}": visible += "␛"
            case "\u{07}": visible += "␇"
            case "\u{08}": visible += "␈"
            case _ where scalar.value < 0x20: visible += "^" + String(UnicodeScalar(scalar.value + 0x40)!)
            default: visible.unicodeScalars.append(scalar)
            }
        }
        return visible
    }

    /// The output after the cursor, decoded.
    private var newOutput: String {
        String(decoding: output[cursor...], as: UTF8.self)
    }

    private func checkedExitCode(_ status: (code: Int32, signal: Int32)) throws -> Int32 {
        guard status.signal == 0 else {
            throw TerminalTestError("the program was killed by signal \(status.signal)", transcript: transcript)
        }
        return status.code
    }

    private func waitUntil(_ what: String, timeout: Duration, _ isSatisfied: () -> Bool) throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            if isSatisfied() { return }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { break }
            if terminalClosed {
                // Nothing more will come; give up at once rather than wait out the timeout.
                break
            }
            let milliseconds = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
            readAvailable(waitingAtMost: Int32(max(1, min(milliseconds, 200))))
        }
        throw TerminalTestError("timed out after \(timeout) waiting for \(what)", transcript: transcript)
    }

    private func readAvailable(waitingAtMost milliseconds: Int32) {
        guard !terminalClosed else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        var wait = milliseconds
        while true {
            let count = buffer.withUnsafeMutableBytes { ntm_pty_read(child.master_fd, $0.baseAddress, $0.count, wait) }
            if count < 0 {
                terminalClosed = true
                return
            }
            if count == 0 { return }
            output.append(contentsOf: buffer[0..<count])
            wait = 0
        }
    }
}

/// A terminal test failure: what went wrong, then everything the program printed.
struct TerminalTestError: Error, CustomStringConvertible {
    var message: String
    var transcript: String?

    init(_ message: String, transcript: String? = nil) {
        self.message = message
        self.transcript = transcript
    }

    var description: String {
        guard let transcript else { return message }
        return "\(message)\n----- terminal transcript -----\n\(transcript)\n----- end of transcript -----"
    }
}

/// Renders one raw output line the way a terminal shows it: carriage returns and backspaces move the cursor,
/// later characters overwrite earlier ones, CSI sequences that move or erase are applied, others dropped.
enum ScreenLine {
    static func render(_ raw: String) -> String {
        var cells: [Character] = []
        var column = 0
        var scalars = Array(raw.unicodeScalars)[...]
        func put(_ character: Character) {
            if column < cells.count { cells[column] = character } else {
                cells.append(contentsOf: repeatElement(" ", count: column - cells.count))
                cells.append(character)
            }
            column += 1
        }
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\r": column = 0
            case "\u{08}": column = max(0, column - 1)
            case "\u{1B}":
                guard scalars.first == "[" else {
                    _ = scalars.popFirst()
                    continue
                }
                scalars.removeFirst()
                var parameters = ""
                var final: Unicode.Scalar = "m"
                while let next = scalars.popFirst() {
                    if (0x40...0x7E).contains(next.value) { final = next; break }
                    parameters.unicodeScalars.append(next)
                }
                let count = Int(parameters) ?? 1
                switch final {
                case "C": column += count
                case "D": column = max(0, column - count)
                case "K" where parameters.isEmpty || parameters == "0":
                    if column < cells.count { cells.removeSubrange(column...) }
                default: break
                }
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default:
                // Combining marks join the previous character rather than taking a cell.
                if scalar.properties.generalCategory == .nonspacingMark, column > 0, column - 1 < cells.count {
                    var combined = String(cells[column - 1])
                    combined.unicodeScalars.append(scalar)
                    cells[column - 1] = Character(combined)
                } else {
                    put(Character(scalar))
                }
            }
        }
        var line = String(cells)
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }
}

/// Calls `body` with a NULL-terminated C array of copies of `strings`.
private func withCStringArray<Result>(_ strings: [String],
                                      _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result) -> Result {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
