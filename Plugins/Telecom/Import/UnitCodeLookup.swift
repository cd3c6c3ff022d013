import GRDB
import NTMCore
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// The units an import names, looked up by code one row at a time through the `(code, valid_from)`
/// index, instead of reading the whole registry: a survey of ten thousand villages costs ten thousand
/// index lookups, not an index of every unit built in memory first.
///
/// Answers as ``NTMCore/UnitIndex/unit(code:on:)`` does — the version of the code valid on the day,
/// the latest-starting one should two be — on the import's own connection, so units the session has
/// just added are found too.
struct UnitCodeLookup {
    private let db: Database
    /// The lookup by code and day, prepared at its first use: an import that reads the villages up front
    /// needs it only to name a bad row's unit.
    private var valid: RawStatement?
    private var lastDay: (day: Day, text: String)?
    /// Every village's version by code, when taken up front (``readVillages(_:)``); a code with
    /// several versions is in `versionedVillages` too.
    private var villages = CodeTable<Version>()
    /// The versions of the few codes that have more than one, oldest first.
    private var versionedVillages: [CodeKey: [Version]] = [:]

    /// A version of a village code: what an import needs to write a row.
    ///
    /// Three integers (ten thousand are kept): the validity as ``dayKey(_:)``s, compared for every row.
    struct Version {
        var id: Int64
        /// The first and last day of validity (no end: `Int.max`).
        let from: Int, to: Int

        init(id: Int64, validFrom: Day, validTo: Day?) {
            self.id = id
            from = UnitCodeLookup.dayKey(validFrom)
            to = validTo.map(UnitCodeLookup.dayKey) ?? Int.max
        }

        func isValid(on day: Day) -> Bool { isValid(onKey: UnitCodeLookup.dayKey(day)) }

        func isValid(onKey day: Int) -> Bool { from <= day && day <= to }
    }

    /// A day as one integer that orders as days do: two integer comparisons instead of two calls to `Day`'s.
    static func dayKey(_ day: Day) -> Int { day.year << 9 | day.month << 5 | day.day }

    init(_ db: Database) throws {
        self.db = db
    }

    /// Takes every village's code and validity from the session's village table (one scan of the unit
    /// table, kept for the session: the coverage report after the import reads the same), for a file of
    /// many rows: a scan costs about what a tenth of its rows would as separate lookups.
    ///
    /// One version per code as a plain entry (no array per village: ten thousand small allocations cost
    /// as much as the scan's own decoding); the rare codes with several versions keep them all aside.
    mutating func readVillages(_ table: VillageTable) {
        var found = CodeTable<Version>(capacity: table.villages.count)
        var versioned: [CodeKey: [Version]] = [:]
        for village in table.villages {
            let version = Version(id: village.id, validFrom: village.validFrom, validTo: village.validTo)
            // The table's packing of an official code is this key's (digits << 4 | count).
            let key: CodeKey = village.codeDigits != 0 ? .digits(village.codeDigits) : CodeKey(village.code)
            if let earlier = found.updateValue(version, forKey: key) {
                versioned[key, default: [earlier]].append(version)
            }
        }
        for (code, versions) in versioned {
            let sorted = versions.sorted { $0.from < $1.from }
            versioned[code] = sorted
            found.updateValue(sorted[sorted.count - 1], forKey: code)
        }
        villages = found
        versionedVillages = versioned
        hasVillages = true
    }

    /// The village version of `code` valid on `day`: from the villages read up front when they were,
    /// else by lookup. Nil when no unit has the code that day, or the one that has is not a village
    /// (``unit(code:on:)`` says which).
    mutating func village(code: String, on day: Day) throws -> Version? {
        if hasVillages { return village(key: CodeKey(code), on: day) }
        guard let unit = try unit(code: code, on: day), unit.level == .village else { return nil }
        return Version(id: unit.id, validFrom: unit.validFrom, validTo: unit.validTo)
    }

    /// Whether the villages were read up front (``village(key:on:)`` then answers).
    private(set) var hasVillages = false

    /// ``village(code:on:)`` by the code's key, from the villages read up front.
    func village(key: CodeKey, on day: Day) -> Version? {
        guard let latest = villages[key] else { return nil }
        if latest.isValid(on: day) { return latest }
        return versionedVillages[key]?.last { $0.isValid(on: day) }
    }

    /// ``village(key:on:)`` for an all-digit code (its packed digits) and a day given as ``dayKey(_:)``.
    func village(digits: UInt64, onKey day: Int) -> Version? {
        guard let latest = villages[digits: digits] else { return nil }
        if latest.isValid(onKey: day) { return latest }
        return versionedVillages[.digits(digits)]?.last { $0.isValid(onKey: day) }
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
        let valid = try self.valid ?? RawStatement(db.cachedStatement(sql: """
            SELECT id, code, name, level, kind, parent_code, valid_from, valid_to FROM unit
            WHERE code = ?1 AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to >= ?2)
            ORDER BY valid_from DESC LIMIT 1
            """))
        self.valid = valid
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
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM unit WHERE code = ?)"), arguments: [code]) ?? false
    }
}
