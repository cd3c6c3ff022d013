#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a non-terminal input (a pipe or a file): no prompt, no editing, no history.
///
/// Lines may be arbitrarily long. Bytes are decoded as UTF-8 (invalid sequences become U+FFFD); a Windows line
/// ending (CR LF) counts as a plain newline, and a UTF-8 byte-order mark at the very start is skipped.
public final class PlainLineReader {
    private let fileDescriptor: Int32
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var lineStart = 0
    /// Where to resume looking for a newline, so long lines are scanned only once.
    private var scanFrom = 0
    private var reachedEnd = false
    private var atStartOfInput = true

    public init(fileDescriptor: Int32 = 0) {
        self.fileDescriptor = fileDescriptor
    }

    /// The next line without its line ending, or nil at the end of the input.
    public func readLine() -> String? {
        while true {
            if let newline = buffer[scanFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > lineStart, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                return takeLine(upTo: end, resumingAt: newline + 1)
            }
            scanFrom = buffer.count
            if reachedEnd {
                guard lineStart < buffer.count else { return nil }
                return takeLine(upTo: buffer.count, resumingAt: buffer.count)
            }
            fill()
        }
    }

    private func takeLine(upTo end: Int, resumingAt next: Int) -> String {
        var start = lineStart
        if atStartOfInput {
            atStartOfInput = false
            if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
                start += 3
            }
        }
        let line = String(decoding: buffer[start..<end], as: UTF8.self)
        lineStart = next
        scanFrom = next
        return line
    }

    /// Reads more input, first dropping the lines already returned.
    private func fill() {
        if lineStart > 0 {
            buffer.removeSubrange(0..<lineStart)
            scanFrom -= lineStart
            lineStart = 0
        }
        let chunkSize = 65536
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        var count: Int
        repeat {
            count = buffer.withUnsafeMutableBytes { bytes in
                read(fileDescriptor, bytes.baseAddress! + oldCount, chunkSize)
            }
        } while count < 0 && errno == EINTR
        buffer.removeSubrange((oldCount + max(0, count))...)
        if count <= 0 { reachedEnd = true }
    }
}
