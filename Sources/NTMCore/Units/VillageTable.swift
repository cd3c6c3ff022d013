import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Every village version's id, code, parent code and validity, in id order: what an import or a report
/// over a province's ten thousand villages needs of them, without the unit index's names, search keys and
/// hierarchy.
///
/// Read in one scan on first use and kept for the session beside the unit index (see ``UnitCache``), under
/// the same rules: another connection's commit has it read again, and the session's own village writes, or
/// the rollback of any unit write, drop it. A survey import and the coverage report after it, in one session,
/// then read the villages once between them.
public struct VillageTable: Sendable {
    /// One version of a village.
    public struct Village: Sendable, Equatable {
        public let id: Int64
        /// The code's digits packed with their count (``VillageTable/packedDigits(_:)``) when it is 1–15 ASCII
        /// digits, as every official code is; 0 otherwise. A table of ten thousand codes is then built and
        /// looked up without a string per code.
        public let codeDigits: UInt64
        /// The commune's code packed the same way; 0 when it is not digits or there is none.
        public let parentDigits: UInt64
        /// The codes that are not digits, as recorded.
        private let codeText: String?
        private let parentText: String?
        public let validFrom: Day
        public let validTo: Day?

        public init(id: Int64, code: String, parentCode: String?, validFrom: Day, validTo: Day?) {
            self.id = id
            codeDigits = VillageTable.packedDigits(Array(code.utf8))
            codeText = codeDigits == 0 ? code : nil
            parentDigits = parentCode.map { VillageTable.packedDigits(Array($0.utf8)) } ?? 0
            parentText = parentDigits == 0 ? parentCode : nil
            self.validFrom = validFrom
            self.validTo = validTo
        }

        init(id: Int64, code: UnsafeBufferPointer<UInt8>, parent: UnsafeBufferPointer<UInt8>?, validFrom: Day, validTo: Day?) {
            self.id = id
            codeDigits = VillageTable.packedDigits(code)
            codeText = codeDigits == 0 ? String(decoding: code, as: UTF8.self) : nil
            parentDigits = parent.map { VillageTable.packedDigits($0) } ?? 0
            parentText = parentDigits == 0 ? parent.map { String(decoding: $0, as: UTF8.self) } : nil
            self.validFrom = validFrom
            self.validTo = validTo
        }

        public var code: String { codeText ?? VillageTable.digitsText(codeDigits) }

        /// The commune's code, as recorded.
        public var parentCode: String? { parentText ?? (parentDigits == 0 ? nil : VillageTable.digitsText(parentDigits)) }

        /// Whether the version is valid on `day`.
        public func isValid(on day: Day) -> Bool { validFrom <= day && (validTo.map { day <= $0 } ?? true) }
    }

    /// Every village version, by id (the unit table's rowid, so units added later come later).
    public let villages: [Village]

    /// `digits << 4 | count` for 1–15 ASCII digits (so `07324` and `7324` differ); 0 for anything else.
    public static func packedDigits<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 {
        guard (1...15).contains(bytes.count) else { return 0 }
        var value: UInt64 = 0
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { return 0 }
            value = value * 10 + UInt64(byte - 48)
        }
        return value << 4 | UInt64(bytes.count)
    }

    /// The code that ``packedDigits(_:)`` packed, leading zeros included.
    public static func digitsText(_ packed: UInt64) -> String {
        let count = Int(packed & 0xF)
        var value = packed >> 4
        var bytes = [UInt8](repeating: 48, count: count)
        for index in stride(from: count - 1, through: 0, by: -1) {
            bytes[index] = UInt8(48 + value % 10)
            value /= 10
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads the villages in one scan of the unit table, in rowid order (no sort).
    static func load(_ db: Database) throws -> VillageTable {
        let rows = RawStatement(try db.cachedStatement(sql: """
            SELECT id, code, parent_code, valid_from, valid_to FROM unit WHERE level = 'village' ORDER BY id
            """))
        rows.reset()
        defer { rows.reset() }
        var villages: [Village] = []
        // The largest id bounds the count (one seek), so the array grows once, not by copies.
        var largestID: Int64 = 0
        try RawRows.each(db.cachedStatement(sql: "SELECT max(id) FROM unit")) { largestID = $0.int64(0) }
        villages.reserveCapacity(Int(min(max(largestID, 0), 1 << 20)))
        // Versions mostly share their commune's dates: each text is parsed once while it repeats. Columns are
        // read once each, NULL told by the missing text (no type check): ten thousand rows make calls count.
        var starts = DayCache(), ends = DayCache()
        while try rows.step() {
            func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
                sqlite3_column_text(rows.raw, column).map { UnsafeBufferPointer(start: $0, count: Int(sqlite3_column_bytes(rows.raw, column))) }
            }
            let code = bytes(1) ?? UnsafeBufferPointer(start: nil, count: 0)
            let parent = bytes(2)
            let validFrom = try starts.day(rows, 3)
            let validTo = try ends.optionalDay(rows, 4)
            villages.append(Village(id: rows.int64(0), code: code, parent: parent, validFrom: validFrom, validTo: validTo))
        }
        return VillageTable(villages: villages)
    }
}

extension UnitRegistry {
    /// Every village version (``VillageTable``): the session's kept table, read first when it has none or
    /// another connection has committed since.
    public func villageTable() throws -> VillageTable {
        try store.workspace.unitCache.villageTable(store.db)
    }

    /// The session's kept village table, when it has one (an import just before read it); nil without
    /// reading anything otherwise, for a report that reads its villages more cheaply on its own.
    public func keptVillageTable() throws -> VillageTable? {
        try store.workspace.unitCache.keptVillageTable(store.db)
    }
}
