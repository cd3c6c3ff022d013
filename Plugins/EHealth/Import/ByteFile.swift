import NTMCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read in large chunks with `read(2)` and handed out as blocks of whole lines.
///
/// Why not `mmap` or `String`: pages of a mapped file count towards the process's resident memory,
/// and a `String` per line (or per field) costs more than parsing the line itself. Reading into one
/// reused buffer keeps a 2,000,000-row import within a few megabytes.
final class ByteFile {
    /// The name errors use: the path as the user typed it.
    let displayName: String
    /// The file's size in bytes, when it is a regular file (for progress bars and estimates).
    let size: Int?
    private let descriptor: Int32
    private var hasBeenRead = false

    /// Opens `path` for reading; errors name the file as `displayName`.
    init(path: String, displayName: String) throws(UnreadableFile) {
        self.displayName = displayName
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw UnreadableFile("cannot read '\(displayName)': \(String(cString: strerror(errno)))")
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw UnreadableFile("cannot read '\(displayName)': it is a folder")
        }
        self.descriptor = descriptor
        let isRegular = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        size = isRegular ? Int(status.st_size) : nil
    }

    deinit { close(descriptor) }

    /// Default chunk: large enough that system calls cost nothing (a few hundred for 60 MB), small
    /// enough to stay out of the memory budget.
    static let chunkSize = 1 << 18

    /// Calls `body` with successive blocks of whole lines, from the start of the file.
    ///
    /// Every block ends with `\n` (one is supplied after a last line that lacks it), so a parser can
    /// scan for a field's end without checking the block's bounds. `body` receives the block's start,
    /// its length, and how many bytes of the file have been consumed so far (for progress).
    ///
    /// - Throws: an ``ImportError`` when one line does not fit in a chunk; read errors as
    ///   ``UnreadableFile``; and whatever `body` throws.
    func forEachBlock(
        chunkSize: Int = ByteFile.chunkSize,
        _ body: (_ start: UnsafePointer<UInt8>, _ count: Int, _ consumed: Int) throws -> Void
    ) throws {
        if hasBeenRead {
            // A second pass (confirming duplicates) needs a file that can be read again, not a pipe.
            guard lseek(descriptor, 0, SEEK_SET) == 0 else {
                throw UnreadableFile("cannot read '\(displayName)' a second time: \(String(cString: strerror(errno)))")
            }
        }
        hasBeenRead = true
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize + 1)
        defer { buffer.deallocate() }
        var filled = 0        // bytes in the buffer
        var consumed = 0      // bytes of the file handed out
        var linesHandedOut = 0
        var atEnd = false
        while !atEnd {
            let n = read(descriptor, buffer + filled, chunkSize - filled)
            if n < 0 {
                if errno == EINTR { continue }
                throw UnreadableFile("cannot read '\(displayName)': \(String(cString: strerror(errno)))")
            }
            if n == 0 { atEnd = true }
            filled += n
            guard filled > 0 else { break }
            if atEnd {
                if buffer[filled - 1] != 10 {
                    buffer[filled] = 10
                    filled += 1
                }
                consumed += filled
                try body(UnsafePointer(buffer), filled, consumed)
                break
            }
            // Hand out everything up to the last newline; keep the partial line for the next read.
            var lastNewline = filled - 1
            while lastNewline >= 0 && buffer[lastNewline] != 10 { lastNewline -= 1 }
            guard lastNewline >= 0 else {
                if filled == chunkSize {
                    throw ImportError(file: displayName, line: linesHandedOut + 1,
                                      reason: "line longer than \(chunkSize / 1024) KiB: not a CSV file")
                }
                continue
            }
            let wholeLines = lastNewline + 1
            consumed += wholeLines
            try body(UnsafePointer(buffer), wholeLines, consumed)
            linesHandedOut += Self.countNewlines(buffer, wholeLines)
            let rest = filled - wholeLines
            if rest > 0 { memmove(buffer, buffer + wholeLines, rest) }
            filled = rest
        }
    }

    /// The first line of the file (without its line end), read without disturbing later passes:
    /// how an import tells the file's shape from its header.
    func firstLine(limit: Int = 1 << 16) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: limit)
        var filled = 0
        while filled < limit {
            let n = bytes.withUnsafeMutableBytes { raw in pread(descriptor, raw.baseAddress! + filled, limit - filled, off_t(filled)) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == ESPIPE { throw UnreadableFile("cannot import '\(displayName)': it is a pipe, not a file") }
                throw UnreadableFile("cannot read '\(displayName)': \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            filled += n
            if bytes[(filled - n)..<filled].contains(10) { break }
        }
        var line = Array(bytes[0..<filled])
        if let newline = line.firstIndex(of: 10) { line.removeSubrange(newline...) }
        if line.last == 13 { line.removeLast() }
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        return line
    }

    /// The number of `\n` bytes in a block.
    static func countNewlines(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var lines = 0
        var p = start
        let end = start + count
        while p < end, let found = memchr(p, 10, p.distance(to: end)) {
            lines += 1
            p = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return lines
    }
}
