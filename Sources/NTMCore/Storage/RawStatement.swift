import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Binding, stepping and reading a cached statement straight through SQLite, without argument
/// arrays or rows: what the per-row writes of imports, `unit add` lines and audit rows run through,
/// and the modules' bulk imports and sums (ten thousand rows and more per command).
///
/// The small methods are inlinable: a module's per-row loop calls them across the module boundary.
public struct RawStatement {
    public let statement: Statement
    /// SQLite's statement, taken once.
    public let raw: SQLiteStatement

    /// SQLite copies bound text at once, so Swift's buffers need not outlive the call.
    @usableFromInline static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    public init(_ statement: Statement) {
        self.statement = statement
        self.raw = statement.sqliteStatement
    }

    // MARK: - Binding

    /// Resets the statement and clears its arguments.
    @inlinable public func reset() {
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
    }

    @inlinable public func bind(_ index: Int32, _ text: String?) {
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

    @inlinable public func bindNull(_ index: Int32) { sqlite3_bind_null(raw, index) }

    /// Binds text SQLite reads in place, without a copy: the bytes must stay valid and unchanged until
    /// the statement has been stepped and reset or bound again.
    @inlinable public func bindStatic(_ index: Int32, _ bytes: UnsafePointer<UInt8>, count: Int) {
        _ = sqlite3_bind_text(raw, index, UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self), Int32(count), nil)
    }

    /// Binds a constant text, read in place (it lives as long as the program).
    @inlinable public func bind(_ index: Int32, _ text: StaticString) {
        bindStatic(index, text.utf8Start, count: text.utf8CodeUnitCount)
    }

    @inlinable public func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(raw, index, value) } else { sqlite3_bind_null(raw, index) }
    }

    @inlinable public func bind(_ index: Int32, _ value: Int?) { bind(index, value.map(Int64.init)) }

    @inlinable public func bind(_ index: Int32, _ value: Bool?) { bind(index, value.map { Int64($0 ? 1 : 0) }) }

    // MARK: - Stepping

    /// Steps once: true while there is a row; a failure (a CHECK, a foreign key) throws as GRDB would.
    @inlinable public func step() throws -> Bool {
        let code = sqlite3_step(raw)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw failure(code)
    }

    /// Steps to the end, then resets (bindings stay); a failure (a constraint, a full disk) throws as GRDB would.
    @inlinable public func execute() throws {
        var code = sqlite3_step(raw)
        while code == SQLITE_ROW { code = sqlite3_step(raw) }
        guard code == SQLITE_DONE else { throw failure(code) }
        sqlite3_reset(raw)
    }

    /// The error of a failed step, worded as GRDB words it; resets the statement.
    @usableFromInline func failure(_ code: Int32) -> DatabaseError {
        let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(raw)))
        sqlite3_reset(raw)
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }

    // MARK: - Reading the current row

    @inlinable public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(raw, column) == SQLITE_NULL }

    @inlinable public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(raw, column) }

    @inlinable public func int(_ column: Int32) -> Int? { isNull(column) ? nil : Int(sqlite3_column_int64(raw, column)) }

    /// The byte length of a text column (0 for NULL or empty).
    @inlinable public func byteCount(_ column: Int32) -> Int { Int(sqlite3_column_bytes(raw, column)) }

    @inlinable public func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(raw, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, column))), as: UTF8.self)
    }

    @inlinable public func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    /// A `YYYY-MM-DD` column, read from its bytes.
    public func day(_ column: Int32) throws -> Day {
        if let pointer = sqlite3_column_text(raw, column),
           let day = Self.day(UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, column)))) {
            return day
        }
        return try Day(parsing: text(column))
    }

    public func optionalDay(_ column: Int32) throws -> Day? { isNull(column) ? nil : try day(column) }

    /// `YYYY-MM-DD` from bytes; nil when they are not a real date in that form.
    public static func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
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
