#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 CSV reader over bytes: quoted fields, doubled quotes, CRLF or LF line
/// ends, a leading UTF-8 BOM, physical line numbers for every record.
///
/// Built for bulk imports: it reads the file in large chunks, scans bytes (no per-character
/// `String` work), copies a field only when it has doubled quotes to undo, and makes a `String`
/// only when asked. Numbers can be read straight from the bytes (``int(at:)``, ``double(at:)``).
///
/// ```swift
/// let reader = try CSVReader(path: "units.csv")
/// let header = try reader.readHeader()
/// while try reader.next() {
///     let code = try reader.string(at: 0)        // errors name FILE:LINE and the column
///     let year = reader.int(at: 1)
/// }
/// ```
///
/// Blank lines are skipped. A quote inside an unquoted field, text after a closing quote and an
/// unterminated quoted field are errors (``ImportError``, `FILE:LINE:`). Lone CR bytes are data.
public final class CSVReader {
    /// The name used in error messages (the file path as given).
    public let name: String
    /// The header row's fields, once ``readHeader()`` has been called.
    public private(set) var header: [String]?
    /// The physical line (1-based) where the current record starts.
    public private(set) var line = 0

    /// Where a field's bytes are: in the read buffer, or in `scratch` when doubled quotes were undone.
    @usableFromInline struct Span {
        @usableFromInline var start: Int
        @usableFromInline var end: Int
        @usableFromInline var inScratch: Bool
    }

    /// What the field readers read, behind a pointer the reader never changes: the inlinable readers
    /// (``withBytes(at:_:)``), inlined into an importer's per-cell code in another module, load it with
    /// no exclusivity check, which every access to a class's `var` from outside its file costs.
    @usableFromInline struct State {
        @usableFromInline var buffer: UnsafeMutablePointer<UInt8>
        // The current record's fields, in memory of our own rather than an array: an array held by a class is
        // checked for exclusive access at every append and every read (15 M of the 286 M instructions of
        // scripts/bench-telecom).
        @usableFromInline var spans: UnsafeMutablePointer<Span>
        @usableFromInline var spanCount = 0
        @usableFromInline var scratch: [UInt8] = []
    }

    @usableFromInline let state: UnsafeMutablePointer<State>

    private let descriptor: Int32?
    private var buffer: UnsafeMutablePointer<UInt8> {
        get { state.pointee.buffer }
        set { state.pointee.buffer = newValue }
    }
    private var capacity: Int
    private var bufferEnd = 0
    private var position = 0
    private var endOfInput = false
    private var nextLine = 1
    private var spanBase: UnsafeMutablePointer<Span> {
        get { state.pointee.spans }
        set { state.pointee.spans = newValue }
    }
    private var spanCount: Int {
        get { state.pointee.spanCount }
        set { state.pointee.spanCount = newValue }
    }
    private var spanCapacity = CSVReader.firstSpanCapacity
    private static let firstSpanCapacity = 16
    private var scratch: [UInt8] {
        _read { yield state.pointee.scratch }
        _modify { yield &state.pointee.scratch }
    }
    private var startedInput = false

    private static func makeState(capacity: Int) -> UnsafeMutablePointer<State> {
        let state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        state.initialize(to: State(buffer: .allocate(capacity: capacity), spans: .allocate(capacity: firstSpanCapacity)))
        return state
    }

    private static let chunkSize = 1 << 20
    /// The most one read call asks for.
    private static let readSize = 1 << 16
    /// The longest record read (1 MiB): longer is no import data, and would only cost time and memory.
    public static let maximumRecordSize = 1 << 20

    /// Opens a file for streaming; the error names the file.
    public init(path: String, name: String? = nil) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw ImportError(file: name ?? path, line: 0, reason: "cannot open: \(reason)", isUnreadableFile: true)
        }
        var status = stat()
        if fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            close(fd)
            throw ImportError(file: name ?? path, line: 0, reason: "cannot open: it is a folder", isUnreadableFile: true)
        }
        self.descriptor = fd
        self.name = name ?? path
        self.capacity = Self.chunkSize * 2
        self.state = Self.makeState(capacity: Self.chunkSize * 2)
    }

    /// Reads from bytes in memory (tests, embedded data).
    public init(bytes: some Collection<UInt8>, name: String) {
        self.descriptor = nil
        self.name = name
        self.capacity = max(bytes.count, 1)
        self.state = Self.makeState(capacity: max(bytes.count, 1))
        _ = UnsafeMutableBufferPointer(start: state.pointee.buffer, count: capacity).initialize(from: bytes)
        self.bufferEnd = bytes.count
        self.endOfInput = true
    }

    /// Reads from a string's UTF-8.
    public convenience init(text: String, name: String) {
        self.init(bytes: Array(text.utf8), name: name)
    }

    deinit {
        state.pointee.buffer.deallocate()
        state.pointee.spans.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
        if let descriptor { close(descriptor) }
    }

    // MARK: - Records

    /// Reads the first record as the header and returns its fields (BOM removed).
    public func readHeader() throws -> [String] {
        guard try next() else { throw ImportError(file: name, line: 1, reason: "the file is empty: expected a header row") }
        let fields = try (0..<count).map { try string(at: $0) }
        header = fields
        return fields
    }

    /// Advances to the next record; false at the end of the input.
    public func next() throws -> Bool {
        if !startedInput {
            startedInput = true
            try skipByteOrderMark()
        }
        while true {
            guard let found = try parseRecord() else { return false }
            if found { return true }
            // A blank line: skip it.
        }
    }

    /// The number of fields in the current record.
    @inlinable public var count: Int { state.pointee.spanCount }

    /// Calls `body` with the raw bytes of a field (unquoted, doubled quotes undone). The pointer
    /// is valid only inside `body`.
    ///
    /// Inlinable, like the other per-cell readers: an import calls it for every cell of ten thousand rows,
    /// and a generic closure call across the module boundary cost more than most cells' own reading.
    @inlinable public func withBytes<T>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let state = self.state
        precondition(index >= 0 && index < state.pointee.spanCount, "CSVReader: field \(index) of a record of \(state.pointee.spanCount)")
        let span = state.pointee.spans[index]
        if span.inScratch {
            return try state.pointee.scratch.withUnsafeBufferPointer {
                try body(UnsafeBufferPointer(rebasing: $0[span.start..<span.end]))
            }
        }
        return try body(UnsafeBufferPointer(start: state.pointee.buffer + span.start, count: span.end - span.start))
    }

    /// Whether the field is empty (or absent).
    @inlinable public func isEmpty(at index: Int) -> Bool {
        index >= state.pointee.spanCount || state.pointee.spans[index].start == state.pointee.spans[index].end
    }

    /// The field as a string; invalid UTF-8 is an error naming the line and column.
    public func string(at index: Int) throws -> String {
        guard index < spanCount else { return "" }
        let text = withBytes(at: index) { bytes -> String? in
            // ASCII (most codes and numbers) needs no validation.
            var ascii = true
            for byte in bytes where byte >= 0x80 { ascii = false; break }
            return ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
        }
        guard let text else { throw error(at: index, "not valid UTF-8") }
        return text
    }

    /// The field as a decimal integer (optional sign, ASCII digits, no spaces), or nil.
    public func int(at index: Int) -> Int? {
        guard index < spanCount else { return nil }
        return withBytes(at: index) { bytes -> Int? in
            guard !bytes.isEmpty else { return nil }
            var index = 0
            var negative = false
            if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
                negative = bytes[0] == UInt8(ascii: "-")
                index = 1
                guard bytes.count > 1 else { return nil }
            }
            var value = 0
            while index < bytes.count {
                let digit = Int(bytes[index]) &- 48
                guard digit >= 0 && digit <= 9 else { return nil }
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(digit)
                guard !overflow1 && !overflow2 else { return nil }
                value = sum
                index += 1
            }
            return negative ? -value : value
        }
    }

    /// The field as a decimal number (`95.8`, `-1`, `1e3`), or nil.
    public func double(at index: Int) -> Double? {
        guard index < spanCount, !isEmpty(at: index) else { return nil }
        return withBytes(at: index) { bytes -> Double? in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"),
                     UInt8(ascii: "e"), UInt8(ascii: "E"): continue
                default: return nil
                }
            }
            return Double(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// All fields of the current record as strings.
    public func fields() throws -> [String] {
        try (0..<count).map { try string(at: $0) }
    }

    /// An ``ImportError`` at the current record, naming the column by header when known.
    public func error(at index: Int?, _ reason: String) -> ImportError {
        let column: String?
        if let index {
            if let header, index < header.count { column = header[index] } else { column = "#\(index + 1)" }
        } else {
            column = nil
        }
        return ImportError(file: name, line: line, column: column, reason: reason)
    }

    // MARK: - Scanning

    private func skipByteOrderMark() throws {
        if bufferEnd - position < 3 && !endOfInput { try fill() }
        if bufferEnd - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF {
            position += 3
        }
    }

    /// Moves the unread bytes to the front and reads more; grows the buffer for huge records.
    private func fill() throws {
        guard let descriptor, !endOfInput else { return }
        if position > 0 {
            let remaining = bufferEnd - position
            if remaining > 0 { (buffer).update(from: buffer + position, count: remaining) }
            bufferEnd = remaining
            position = 0
        }
        if bufferEnd > Self.maximumRecordSize {
            throw ImportError(file: name, line: nextLine,
                              reason: "a record longer than \(Self.maximumRecordSize >> 20) MiB: not an import file (or a cell far too long)")
        }
        if capacity - bufferEnd < Self.chunkSize {
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            larger.update(from: buffer, count: bufferEnd)
            buffer.deallocate()
            buffer = larger
            capacity *= 2
        }
        while true {
            // A read at a time of at most `readSize`: a whole file read at once touches every page it fills (a
            // page fault each), where records parsed as they come reuse the same few pages.
            let got = read(descriptor, buffer + bufferEnd, min(capacity - bufferEnd, Self.readSize))
            if got < 0 {
                if errno == EINTR { continue }
                throw ImportError(file: name, line: nextLine, reason: "read error: \(String(cString: strerror(errno)))")
            }
            if got == 0 { endOfInput = true }
            bufferEnd += got
            return
        }
    }

    /// Parses one record at `position`: true for a record, false for a blank line, nil at the end.
    /// When the record runs past the buffered bytes, refills and starts the record again.
    private func parseRecord() throws -> Bool? {
        while true {
            if let outcome = try scanRecord() { return outcome.record }
            try fill()
        }
    }

    private struct Outcome { var record: Bool? }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"),
                       carriageReturn = UInt8(ascii: "\r")

    /// One attempt at the record; nil means "need more bytes".
    private func scanRecord() throws -> Outcome? {
        spanCount = 0
        if !scratch.isEmpty { scratch.removeAll(keepingCapacity: true) }
        let buffer = self.buffer
        let end = bufferEnd
        var p = position
        var newlines = 0
        if p == end {
            if endOfInput { return Outcome(record: nil) }
            return nil
        }
        let recordLine = nextLine
        var anyQuoted = false
        while true {
            // One field starts at p.
            if p < end && buffer[p] == Self.quote {
                anyQuoted = true
                let openLine = recordLine + newlines
                p += 1
                let contentStart = p
                var escaped = false
                var contentEnd = 0
                while true {
                    // The next quote and the line ends before it, found by memchr: a quoted cell
                    // (`"MobiFone,Viettel"`) is scanned in two calls rather than byte by byte.
                    let quote = p < end ? memchr(buffer + p, Int32(Self.quote), end - p) : nil
                    let stop = quote.map { UnsafeRawPointer($0) - UnsafeRawPointer(buffer) } ?? end
                    while p < stop, let newline = memchr(buffer + p, Int32(Self.newline), stop - p) {
                        newlines += 1
                        p = UnsafeRawPointer(newline) - UnsafeRawPointer(buffer) + 1
                    }
                    p = stop
                    if p == end {
                        if endOfInput {
                            line = recordLine
                            throw ImportError(file: name, line: openLine, reason: "unterminated quoted field (the quote opens on line \(openLine))")
                        }
                        return nil
                    }
                    // buffer[p] is a quote: doubled, or closing.
                    if p + 1 == end && !endOfInput { return nil }
                    if p + 1 < end && buffer[p + 1] == Self.quote {
                        escaped = true
                        p += 2
                        continue
                    }
                    contentEnd = p
                    p += 1
                    break
                }
                if escaped {
                    let start = scratch.count
                    var q = contentStart
                    while q < contentEnd {
                        scratch.append(buffer[q])
                        q += buffer[q] == Self.quote ? 2 : 1
                    }
                    addSpan(Span(start: start, end: scratch.count, inScratch: true))
                } else {
                    addSpan(Span(start: contentStart, end: contentEnd, inScratch: false))
                }
                // After a closing quote: a delimiter, a line end, or the end of input.
                if p == end {
                    if !endOfInput { return nil }
                    break
                }
                let byte = buffer[p]
                if byte == Self.comma {
                    p += 1
                    if p == end {
                        if !endOfInput { return nil }
                        addSpan(Span(start: p, end: p, inScratch: false))   // a trailing empty field
                        break
                    }
                    continue
                }
                if byte == Self.newline { p += 1; newlines += 1; break }
                if byte == Self.carriageReturn {
                    if p + 1 == end && !endOfInput { return nil }
                    if p + 1 < end && buffer[p + 1] == Self.newline { p += 2; newlines += 1; break }
                }
                line = recordLine + newlines
                throw ImportError(file: name, line: recordLine + newlines, column: columnName(spanCount - 1),
                                  reason: "unexpected character after a closing quote (quote the whole field, and double quotes inside it)")
            } else {
                let start = p
                var fieldEnd = -1
                var terminator = 0   // 0 comma, 1 line end, 2 end of input
                while p < end {
                    let byte = buffer[p]
                    if byte == Self.comma { fieldEnd = p; p += 1; terminator = 0; break }
                    if byte == Self.newline { fieldEnd = p; p += 1; newlines += 1; terminator = 1; break }
                    if byte == Self.carriageReturn {
                        if p + 1 == end && !endOfInput { return nil }
                        if p + 1 < end && buffer[p + 1] == Self.newline {
                            fieldEnd = p; p += 2; newlines += 1; terminator = 1; break
                        }
                    } else if byte == Self.quote {
                        line = recordLine + newlines
                        throw ImportError(file: name, line: recordLine + newlines, column: columnName(spanCount),
                                          reason: "a quote inside an unquoted field (quote the whole field, and double quotes inside it)")
                    }
                    p += 1
                }
                if fieldEnd < 0 {
                    if !endOfInput { return nil }
                    fieldEnd = p
                    terminator = 2
                }
                addSpan(Span(start: start, end: fieldEnd, inScratch: false))
                if terminator == 0 {
                    if p == end {
                        if !endOfInput { return nil }
                        addSpan(Span(start: p, end: p, inScratch: false))
                        break
                    }
                    continue
                }
                break
            }
        }
        position = p
        nextLine = recordLine + newlines
        line = recordLine
        // A blank line is one empty unquoted field (`""` is a record with one empty field).
        if spanCount == 1 && !anyQuoted && spanBase[0].start == spanBase[0].end { return Outcome(record: false) }
        return Outcome(record: true)
    }

    @inline(__always) private func addSpan(_ span: Span) {
        if spanCount == spanCapacity {
            let larger = UnsafeMutablePointer<Span>.allocate(capacity: spanCapacity * 2)
            larger.moveInitialize(from: spanBase, count: spanCount)
            spanBase.deallocate()
            spanBase = larger
            spanCapacity *= 2
        }
        (spanBase + spanCount).initialize(to: span)
        spanCount += 1
    }

    private func columnName(_ index: Int) -> String {
        if let header, index >= 0, index < header.count { return header[index] }
        return "#\(index + 1)"
    }
}
