import GRDB
import NTMCore

/// The units an import names, looked up by code one row at a time through the `(code, valid_from)`
/// index, instead of reading the whole registry: a survey of ten thousand villages costs ten thousand
/// index lookups, not an index of every unit built in memory first.
///
/// Answers as ``NTMCore/UnitIndex/unit(code:on:)`` does — the version of the code valid on the day,
/// the latest-starting one should two be — on the import's own connection, so units the session has
/// just added are found too.
struct UnitCodeLookup {
    private let valid: SQLiteRows
    private let any: Statement
    private var lastDay: (day: Day, text: String)?

    init(_ db: Database) throws {
        valid = SQLiteRows(try db.cachedStatement(sql: """
            SELECT id, code, name, level, kind, parent_code, valid_from, valid_to FROM unit
            WHERE code = ?1 AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to >= ?2)
            ORDER BY valid_from DESC LIMIT 1
            """))
        any = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM unit WHERE code = ?)")
    }

    /// The version of `code` valid on `day`, if any.
    mutating func unit(code: String, on day: Day) throws -> Unit? {
        let dayText: String
        if let lastDay, lastDay.day == day {
            dayText = lastDay.text
        } else {
            dayText = day.description
            lastDay = (day, dayText)
        }
        valid.reset()
        defer { valid.reset() }
        valid.bind(1, code)
        valid.bind(2, dayText)
        guard try valid.step() else { return nil }
        return Unit(id: valid.int64(0), code: valid.text(1), name: valid.text(2),
                    level: UnitLevel(rawValue: valid.text(3)) ?? .village, kind: UnitKind(rawValue: valid.text(4)) ?? .village,
                    parentCode: valid.optionalText(5), validFrom: try valid.day(6), validTo: try valid.optionalDay(7))
    }

    /// Whether any version ever carried the code (for the error's hint).
    func exists(code: String) throws -> Bool {
        try Bool.fetchOne(any, arguments: [code]) ?? false
    }
}
