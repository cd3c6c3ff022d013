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
    /// Every village's versions by code, when read up front (``readVillages()``), oldest first.
    private var villages: [CodeKey: [Version]]?

    /// A version of a village code: what an import needs to write a row.
    struct Version {
        var id: Int64
        var validFrom: Day
        var validTo: Day?
    }

    init(_ db: Database) throws {
        valid = SQLiteRows(try db.cachedStatement(sql: """
            SELECT id, code, name, level, kind, parent_code, valid_from, valid_to FROM unit
            WHERE code = ?1 AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to >= ?2)
            ORDER BY valid_from DESC LIMIT 1
            """))
        any = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM unit WHERE code = ?)")
    }

    /// Reads every village's code and validity in one table scan, for a file of many rows: a scan
    /// costs about what a tenth of its rows would as separate lookups.
    mutating func readVillages(_ db: Database) throws {
        var found: [CodeKey: [Version]] = [:]
        found.reserveCapacity(16_384)
        let rows = SQLiteRows(try db.cachedStatement(sql: "SELECT id, code, valid_from, valid_to FROM unit WHERE level = 'village'"))
        rows.reset()
        defer { rows.reset() }
        while try rows.step() {
            let version = Version(id: rows.int64(0), validFrom: try rows.day(2), validTo: try rows.optionalDay(3))
            found[rows.codeKey(1), default: []].append(version)
        }
        for (code, versions) in found where versions.count > 1 {
            found[code] = versions.sorted { $0.validFrom < $1.validFrom }
        }
        villages = found
    }

    /// The village version of `code` valid on `day`: from the villages read up front when they were,
    /// else by lookup. Nil when no unit has the code that day, or the one that has is not a village
    /// (``unit(code:on:)`` says which).
    mutating func village(code: String, on day: Day) throws -> Version? {
        if let villages {
            return villages[CodeKey(code)]?.last { $0.validFrom <= day && ($0.validTo.map { day <= $0 } ?? true) }
        }
        guard let unit = try unit(code: code, on: day), unit.level == .village else { return nil }
        return Version(id: unit.id, validFrom: unit.validFrom, validTo: unit.validTo)
    }

    /// The version of `code` valid on `day`, if any, of any level.
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
