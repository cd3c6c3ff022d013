import NTMCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams a person-level export from the health records system and tallies it per commune.
///
/// The export has one row per resident: `person_id,commune_code,birth_year,sex,has_ehr,insured`
/// (any column order, as named by the header). A 2,000,000-row file must import in well under a
/// second and a few megabytes, so this scanner is specialised rather than built on a general CSV
/// reader: it parses fields in place in the read buffer (no `String` per row or field), maps a
/// commune code to a tally slot through a 100,000-entry table, and counts into fixed arrays.
///
/// Personal identifiers never leave this type: a person id is reduced to a hash for duplicate
/// detection (see ``DuplicateFinder``) and dropped. Errors name the line and the column, and quote a value only when
/// it is at most five characters long (a commune code, a year, a flag), so a misplaced identifier
/// cannot leak into a message or a log.
struct PersonExportScanner {
    /// The export's columns, as the health records system names them.
    enum Column: String, CaseIterable {
        case personID = "person_id"
        case communeCode = "commune_code"
        case birthYear = "birth_year"
        case sex
        case hasRecord = "has_ehr"
        case insured
    }

    /// The header that identifies the shape, in documentation order.
    static let header = Column.allCases.map(\.rawValue).joined(separator: ",")

    /// What one pass over the file found.
    struct Tally {
        /// Data rows read (blank lines are skipped, not counted).
        var rows = 0
        /// Residents per commune slot (see ``CommuneCodeTable``).
        var residents: [Int]
        /// Residents with an electronic health record.
        var withRecord: [Int]
        /// Residents with health insurance.
        var insured: [Int]
        /// Children under 5 at the end of the period's year (born in the last five years).
        var underFive: [Int]

        init(slots: Int) {
            residents = Array(repeating: 0, count: slots)
            withRecord = residents
            insured = residents
            underFive = residents
        }
    }

    let file: ByteFile
    let codes: CommuneCodeTable
    /// The year the export describes: a birth year after it is an error; five birth years up to it
    /// make a child under 5.
    let periodYear: Int
    /// Bytes read at a time (tests make it tiny to put rows across chunk boundaries).
    var chunkSize = ByteFile.chunkSize

    /// Reads the whole file: validates every row, tallies it, and counts every person id's hash
    /// for the duplicate search (see ``repeatedFingerprints(_:)``).
    ///
    /// - Parameter progress: called after each chunk with the bytes consumed so far.
    /// - Throws: ``ImportError`` for the first bad row (all-or-nothing), ``UnreadableFile``.
    func scan(progress: (Int) throws -> Void) throws -> (Tally, DuplicateFinder) {
        var tally = Tally(slots: codes.count)
        var duplicates = DuplicateFinder()
        var layout: Layout?
        var line = 0
        let scratch = QuotedFieldScratch()
        let lowestUnderFive = periodYear - 4
        try file.forEachBlock(chunkSize: chunkSize) { start, count, consumed in
            var p = start
            let end = start + count
            if layout == nil {
                layout = try Layout(headerAt: &p, file: file.displayName)
                line = 1
            }
            let roles = layout!.roles
            let columnCount = roles.count
            // The current row's fields (a complete row sets each: all six columns are required).
            var commune = -1, birthYear = 0, hasRecord = 0, insured = 0
            var hash: UInt64 = 0
            while p < end {
                line += 1
                if p[0] == 10 { p += 1; continue }                       // blank line
                if p[0] == 13 && p[1] == 10 { p += 2; continue }           // blank CRLF line
                var column = 0
                while true {
                    // One field: [fieldStart, fieldEnd), then p at its delimiter (',' or '\n').
                    var fieldStart = p
                    var fieldLength: Int
                    if p[0] == 34 {   // '"'
                        let field = try scratch.unquote(&p, file: file.displayName, line: line,
                                                        column: column < columnCount ? roles[column].rawValue : nil)
                        fieldStart = field.start
                        fieldLength = field.count
                    } else {
                        while p[0] != 44 && p[0] != 10 { p += 1 }
                        fieldLength = fieldStart.distance(to: p)
                        if fieldLength > 0 && p[0] == 10 && p[-1] == 13 { fieldLength -= 1 }
                    }
                    guard column < columnCount else {
                        throw ImportError(file: file.displayName, line: line,
                                          reason: "more fields than the header's \(columnCount)")
                    }
                    switch roles[column] {
                    case .personID:
                        let id = Self.trimmingBlanks(fieldStart, fieldLength)
                        guard id.count > 0 else { throw bad(line, .personID, "empty person id") }
                        hash = DuplicateFinder.hash(id.start, id.count)
                    case .communeCode:
                        commune = codes.slot(fieldStart, fieldLength)
                        if commune < 0 {
                            throw bad(line, .communeCode, Self.describeUnknownCode(fieldStart, fieldLength, codes))
                        }
                    case .birthYear:
                        birthYear = Self.fourDigitYear(fieldStart, fieldLength)
                        guard birthYear > 0 else {
                            throw bad(line, .birthYear, "expected a year of birth such as 1987"
                                      + Self.quoted(fieldStart, fieldLength))
                        }
                        guard birthYear <= periodYear else {
                            throw bad(line, .birthYear, "born in \(birthYear), after the period's year \(periodYear)")
                        }
                        guard birthYear >= periodYear - 130 else {
                            throw bad(line, .birthYear, "born in \(birthYear): more than 130 years before the period")
                        }
                    case .sex:
                        guard Self.isSex(fieldStart, fieldLength) else {
                            throw bad(line, .sex, "expected M, F or empty" + Self.quoted(fieldStart, fieldLength))
                        }
                    case .hasRecord:
                        hasRecord = Self.flag(fieldStart, fieldLength)
                        guard hasRecord >= 0 else {
                            throw bad(line, .hasRecord, "expected 0 or 1" + Self.quoted(fieldStart, fieldLength))
                        }
                    case .insured:
                        insured = Self.flag(fieldStart, fieldLength)
                        guard insured >= 0 else {
                            throw bad(line, .insured, "expected 0 or 1" + Self.quoted(fieldStart, fieldLength))
                        }
                    }
                    column += 1
                    if p[0] == 44 { p += 1; continue }
                    p += 1   // the newline
                    break
                }
                guard column == columnCount else {
                    throw ImportError(file: file.displayName, line: line,
                                      reason: "\(column) field\(column == 1 ? "" : "s"), the header has \(columnCount)")
                }
                tally.rows += 1
                tally.residents[commune] += 1
                tally.withRecord[commune] += hasRecord
                tally.insured[commune] += insured
                if birthYear >= lowestUnderFive { tally.underFive[commune] += 1 }
                duplicates.count(hash)
            }
            try progress(consumed)
        }
        guard layout != nil else { throw ImportError(file: file.displayName, line: 1, reason: "the file is empty") }
        return (tally, duplicates)
    }

    /// The fingerprints of person ids that occur more than once (suspects: their ids may still differ).
    ///
    /// Re-reads the file once per placement pass of `finder` (see ``DuplicateFinder``).
    ///
    /// - Parameter progress: called after each chunk of each pass with the bytes consumed so far, over
    ///   every pass (`passes` × the file's size in all).
    func repeatedFingerprints(_ finder: DuplicateFinder, progress: (_ done: Int, _ total: Int) throws -> Void = { _, _ in })
        throws -> Set<UInt64> {
        guard finder.rows > 1 else { return [] }
        let passes = finder.passes().count
        let size = max(file.size ?? 0, 1)
        var pass = 0
        do {
            // Sorting a pass's buckets reports no new bytes, but still lets Ctrl-C stop it.
            return try finder.repeatedFingerprints(check: { try progress(pass * size, passes * size) }) { found in
                defer { pass += 1 }
                try forEachPersonID(progress: { try progress(pass * size + $0, passes * size) }) { start, count, _ in
                    try found(DuplicateFinder.hash(start, count))
                }
            }
        } catch is DuplicateFinder.FileChanged {
            throw UnreadableFile("'\(file.displayName)' changed while it was being imported")
        }
    }

    /// The line numbers of rows whose person ids are truly equal, among rows whose fingerprints
    /// collided: a last pass that holds only the suspects' ids, and only until it returns.
    ///
    /// - Returns: groups of two or more line numbers (ascending), ordered by their first line.
    func linesOfRepeatedPersons(fingerprints suspects: Set<UInt64>, progress: (Int) throws -> Void = { _ in }) throws -> [[Int]] {
        guard !suspects.isEmpty else { return [] }
        var linesByID: [[UInt8]: [Int]] = [:]
        try forEachPersonID(progress: progress) { start, count, line in
            if suspects.contains(DuplicateFinder.fingerprint(DuplicateFinder.hash(start, count))) {
                linesByID[Array(UnsafeBufferPointer(start: start, count: count)), default: []].append(line)
            }
        }
        return linesByID.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
    }

    /// Calls `body` with each row's person id (bytes valid only during the call) and line number.
    ///
    /// For the passes after ``scan(progress:)``, which has validated every row: only the fields up
    /// to the id are parsed, and the rest of the line is skipped with `memchr`.
    /// `progress` gets the bytes consumed after each chunk (and may throw to stop: Ctrl-C).
    func forEachPersonID(progress: (Int) throws -> Void = { _ in }, _ body: (UnsafePointer<UInt8>, Int, Int) throws -> Void) throws {
        var line = 0
        let scratch = QuotedFieldScratch()
        var idColumn = -1
        try file.forEachBlock(chunkSize: chunkSize) { start, count, consumed in
            var p = start
            let end = start + count
            if idColumn < 0 {
                idColumn = try Layout(headerAt: &p, file: file.displayName).roles.firstIndex(of: .personID)!
                line = 1
            }
            while p < end {
                line += 1
                if p[0] == 10 || (p[0] == 13 && p[1] == 10) {                 // blank line
                    p = UnsafePointer(memchr(p, 10, p.distance(to: end))!.assumingMemoryBound(to: UInt8.self)) + 1
                    continue
                }
                var column = 0
                while true {
                    var fieldStart = p
                    var fieldLength: Int
                    if p[0] == 34 {
                        let field = try scratch.unquote(&p, file: file.displayName, line: line, column: nil)
                        fieldStart = field.start
                        fieldLength = field.count
                    } else {
                        while p[0] != 44 && p[0] != 10 { p += 1 }
                        fieldLength = fieldStart.distance(to: p)
                        if fieldLength > 0 && p[0] == 10 && p[-1] == 13 { fieldLength -= 1 }
                    }
                    if column == idColumn {
                        let id = Self.trimmingBlanks(fieldStart, fieldLength)
                        try body(id.start, id.count, line)
                        break
                    }
                    column += 1
                    p += 1   // past the comma (a validated row has its id column)
                }
                // The rest of the line.
                p = UnsafePointer(memchr(p, 10, p.distance(to: end))!.assumingMemoryBound(to: UInt8.self)) + 1
            }
            try progress(consumed)
        }
    }

    // MARK: Field parsing (no allocation)

    private func bad(_ line: Int, _ column: Column, _ reason: String) -> ImportError {
        ImportError(file: file.displayName, line: line, column: column.rawValue, reason: reason)
    }

    /// The bytes without leading and trailing spaces and tabs: ids that differ only by them are one person.
    @inline(__always)
    static func trimmingBlanks(_ start: UnsafePointer<UInt8>, _ count: Int) -> (start: UnsafePointer<UInt8>, count: Int) {
        var start = start, count = count
        while count > 0 && (start[0] == 32 || start[0] == 9) { start += 1; count -= 1 }
        while count > 0 && (start[count - 1] == 32 || start[count - 1] == 9) { count -= 1 }
        return (start, count)
    }

    /// A four-digit year, or 0.
    @inline(__always)
    static func fourDigitYear(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        guard n == 4 else { return 0 }
        var value = 0
        for i in 0..<4 {
            let digit = Int(p[i]) &- 48
            guard digit >= 0 && digit <= 9 else { return 0 }
            value = value * 10 + digit
        }
        return value
    }

    /// 1 for `1`, 0 for `0`, -1 otherwise.
    @inline(__always)
    static func flag(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        guard n == 1 else { return -1 }
        switch p[0] {
        case 48: return 0
        case 49: return 1
        default: return -1
        }
    }

    /// `M`, `F` (either case) or empty.
    @inline(__always)
    static func isSex(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if n == 0 { return true }
        guard n == 1 else { return false }
        switch p[0] | 0x20 {
        case 109, 102: return true   // m, f
        default: return false
        }
    }

    /// ` (got 'x')` for a value of at most five characters; nothing for longer ones, which could be
    /// a personal identifier in the wrong column.
    static func quoted(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        guard n <= 5 else { return " (got a \(n)-character value)" }
        return " (got '\(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))')"
    }

    static func describeUnknownCode(_ p: UnsafePointer<UInt8>, _ n: Int, _ codes: CommuneCodeTable) -> String {
        if n == 0 { return "empty commune code" }
        let shown = n <= 5 ? "'\(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))'" : "a \(n)-character value"
        return "\(shown) is not the code of a commune, ward or township \(codes.validityDescription)"
    }
}

/// The header of a person-level export: which column holds what.
extension PersonExportScanner {
    struct Layout {
        var roles: [Column]

        /// Parses the header line at `p` (advancing past it). Every column must be known and
        /// present once: a renamed or extra column means the export is not what we think it is.
        init(headerAt p: inout UnsafePointer<UInt8>, file: String) throws {
            var names: [String] = []
            let scratch = QuotedFieldScratch()
            // Skip a UTF-8 byte-order mark.
            if p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { p += 3 }
            while true {
                var start = p
                var length: Int
                if p[0] == 34 {
                    let field = try scratch.unquote(&p, file: file, line: 1, column: nil)
                    start = field.start
                    length = field.count
                } else {
                    while p[0] != 44 && p[0] != 10 { p += 1 }
                    length = start.distance(to: p)
                    if length > 0 && p[0] == 10 && p[-1] == 13 { length -= 1 }
                }
                names.append(CSVHeader.normalise(String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)))
                let delimiter = p[0]
                p += 1
                if delimiter == 10 { break }
            }
            roles = []
            for name in names {
                guard let column = Column(rawValue: name) else {
                    throw ImportError(file: file, line: 1, column: name,
                                      reason: "not a column of a person-level export (expected \(PersonExportScanner.header))")
                }
                guard !roles.contains(column) else {
                    throw ImportError(file: file, line: 1, column: name, reason: "appears twice in the header")
                }
                roles.append(column)
            }
            if let missing = Column.allCases.first(where: { !roles.contains($0) }) {
                throw ImportError(file: file, line: 1, column: missing.rawValue,
                                  reason: "missing from the header (a person-level export has \(PersonExportScanner.header))")
            }
        }
    }
}

/// Where an unquoted copy of a `"quoted"` field lives while it is looked at (one buffer, reused).
final class QuotedFieldScratch {
    private var storage = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    private var capacity = 256

    deinit { storage.deallocate() }

    /// Unquotes the field starting at `p` (on its opening quote); leaves `p` on the delimiter after
    /// it. The returned bytes are valid until the next call. A quoted field may not span lines.
    func unquote(_ p: inout UnsafePointer<UInt8>, file: String, line: Int, column: String?) throws
        -> (start: UnsafePointer<UInt8>, count: Int) {
        var count = 0
        p += 1
        while true {
            let byte = p[0]
            if byte == 10 {
                throw ImportError(file: file, line: line, column: column, reason: "quoted field not closed on its line")
            }
            if byte == 34 {
                p += 1
                if p[0] != 34 { break }   // closing quote; `""` is a quote inside the field
            }
            if count == capacity {
                let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                larger.update(from: storage, count: count)
                storage.deallocate()
                storage = larger
                capacity *= 2
            }
            storage[count] = p[0]
            count += 1
            p += 1
        }
        if p[0] == 13 && p[1] == 10 { p += 1 }
        guard p[0] == 44 || p[0] == 10 else {
            throw ImportError(file: file, line: line, column: column, reason: "text after a closing quote")
        }
        return (UnsafePointer(storage), count)
    }
}
