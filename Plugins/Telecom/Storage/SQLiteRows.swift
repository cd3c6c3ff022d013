import GRDB
import NTMCore
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Stepping a cached statement and reading its columns by position straight from SQLite: what the
/// import's per-row lookups and inserts and coverage's village sums run through, ten thousand
/// times per survey, without building argument arrays or rows.
struct SQLiteRows {
    let statement: Statement
    var raw: SQLiteStatement { statement.sqliteStatement }

    /// SQLite copies bound text at once, so Swift's buffers need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement) { self.statement = statement }

    /// Resets the statement and clears its arguments.
    func reset() {
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
    }

    func bind(_ index: Int32, _ text: String?) {
        guard var utf8 = text else { sqlite3_bind_null(raw, index); return }
        utf8.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                _ = sqlite3_bind_text(raw, index, "", 0, Self.transient)
                return
            }
            _ = sqlite3_bind_text(raw, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                                  Int32(bytes.count), Self.transient)
        }
    }

    func bindNull(_ index: Int32) { sqlite3_bind_null(raw, index) }

    /// Binds text SQLite reads in place, without a copy: the bytes must stay valid and unchanged until
    /// the statement has been stepped and reset or bound again.
    func bindStatic(_ index: Int32, _ bytes: UnsafePointer<UInt8>, count: Int) {
        _ = sqlite3_bind_text(raw, index, UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self), Int32(count), nil)
    }

    /// Binds a constant text, read in place (it lives as long as the program).
    func bind(_ index: Int32, _ text: StaticString) {
        bindStatic(index, text.utf8Start, count: text.utf8CodeUnitCount)
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(raw, index, value) } else { sqlite3_bind_null(raw, index) }
    }

    func bind(_ index: Int32, _ value: Int?) { bind(index, value.map(Int64.init)) }

    func bind(_ index: Int32, _ value: Bool?) { bind(index, value.map { Int64($0 ? 1 : 0) }) }

    /// Steps once: true while there is a row; a failure (a CHECK, a foreign key) throws as GRDB would.
    func step() throws -> Bool {
        let code = sqlite3_step(raw)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(raw)))
        sqlite3_reset(raw)
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(raw, column) == SQLITE_NULL }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(raw, column) }

    func int(_ column: Int32) -> Int? { isNull(column) ? nil : Int(sqlite3_column_int64(raw, column)) }

    /// The byte length of a text column (0 for NULL or empty).
    func byteCount(_ column: Int32) -> Int { Int(sqlite3_column_bytes(raw, column)) }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(raw, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, column))), as: UTF8.self)
    }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    /// A `YYYY-MM-DD` column, read from its bytes.
    func day(_ column: Int32) throws -> Day {
        if let pointer = sqlite3_column_text(raw, column),
           let day = Self.day(UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, column)))) {
            return day
        }
        return try Day(parsing: text(column))
    }

    func optionalDay(_ column: Int32) throws -> Day? { isNull(column) ? nil : try day(column) }

    /// `YYYY-MM-DD` from bytes; nil when they are not a real date in that form.
    static func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) &- 48
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return Day(year: year, month: month, day: day)
    }
}

/// `YYYY-MM-DD` texts read as days, remembering the last one: the dates of a registry's or a survey's
/// rows repeat, and comparing ten bytes costs far less than parsing and checking a date.
struct DayCache {
    private var lastBytes: (UInt64, UInt16) = (0, 0)
    private var lastDay: Day?

    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt16)? {
        guard bytes.count == 10, let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
    }

    /// The day remembered last, when the bytes are the text it was remembered by.
    func known(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard let lastDay, let key = Self.key(bytes), key == lastBytes else { return nil }
        return lastDay
    }

    /// Remembers `day` as the day these bytes spell (nothing when they are not ten bytes).
    mutating func remember(_ day: Day, for bytes: UnsafeBufferPointer<UInt8>) {
        guard let key = Self.key(bytes) else { return }
        lastBytes = key
        lastDay = day
    }

    /// The day the bytes spell; nil when they are not a real date in that form.
    mutating func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        if let day = known(bytes) { return day }
        guard let day = SQLiteRows.day(bytes) else { return nil }
        remember(day, for: bytes)
        return day
    }

    /// A `YYYY-MM-DD` column of the current row (as ``SQLiteRows/day(_:)``).
    mutating func day(_ rows: SQLiteRows, _ column: Int32) throws -> Day {
        if let pointer = sqlite3_column_text(rows.raw, column),
           let day = day(UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(rows.raw, column)))) {
            return day
        }
        return try rows.day(column)
    }

    /// A column of the current row that may be NULL.
    mutating func optionalDay(_ rows: SQLiteRows, _ column: Int32) throws -> Day? {
        rows.isNull(column) ? nil : try day(rows, column)
    }
}
