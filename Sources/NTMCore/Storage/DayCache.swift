#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// `YYYY-MM-DD` texts read as days, remembering the last two: the dates of a registry's or a survey's
/// rows repeat, and comparing ten bytes costs far less than parsing and checking a date. Two, because a
/// registry's end dates alternate between a couple of values (villages of districts merged on different
/// days): remembering one parsed a date for a quarter of ten thousand villages.
public struct DayCache {
    public init() {}

    private var lastBytes: (UInt64, UInt16) = (0, 0)
    private var lastDay: Day?
    private var previousBytes: (UInt64, UInt16) = (0, 0)
    private var previousDay: Day?

    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt16)? {
        guard bytes.count == 10, let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
    }

    /// A day remembered, when the bytes are the text it was remembered by.
    public func known(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard let lastDay, let key = Self.key(bytes) else { return nil }
        if key == lastBytes { return lastDay }
        if let previousDay, key == previousBytes { return previousDay }
        return nil
    }

    /// Remembers `day` as the day these bytes spell (nothing when they are not ten bytes); the day
    /// remembered before it is kept too.
    public mutating func remember(_ day: Day, for bytes: UnsafeBufferPointer<UInt8>) {
        guard let key = Self.key(bytes) else { return }
        if lastDay != nil && key == lastBytes { return }
        previousBytes = lastBytes
        previousDay = lastDay
        lastBytes = key
        lastDay = day
    }

    /// The day the bytes spell; nil when they are not a real date in that form.
    public mutating func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        if let day = known(bytes) { return day }
        guard let day = RawStatement.day(bytes) else { return nil }
        remember(day, for: bytes)
        return day
    }

    /// The day a NUL-terminated text spells (SQLite's column texts are): ten bytes, and no length asked
    /// of SQLite, which costs a call as dear as the comparison with the day before.
    public mutating func day(terminated text: UnsafePointer<UInt8>) -> Day? {
        guard strnlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self), 11) == 10 else { return nil }
        return day(UnsafeBufferPointer(start: text, count: 10))
    }

    /// A `YYYY-MM-DD` column of the current row (as ``RawStatement/day(_:)``).
    public mutating func day(_ rows: RawStatement, _ column: Int32) throws -> Day {
        if let pointer = sqlite3_column_text(rows.raw, column), let day = day(terminated: pointer) {
            return day
        }
        return try rows.day(column)
    }

    /// A column of the current row that may be NULL (SQLite gives no text for NULL: no type asked first).
    public mutating func optionalDay(_ rows: RawStatement, _ column: Int32) throws -> Day? {
        guard let pointer = sqlite3_column_text(rows.raw, column) else { return nil }
        if let day = day(terminated: pointer) { return day }
        return try rows.day(column)
    }
}
