import GRDB
import NTMCore
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Coverage by district or commune without reading every village into the unit index.
///
/// The rows' units, their sources across mergers and their places come from the units above
/// villages (``NTMCore/UnitRegistry/indexAboveVillages()``: a few hundred units); then one pass over
/// the villages and one over the surveys, each read by position straight from SQLite, add every
/// village's latest survey to the rows it counts for. A registry of ten thousand villages costs two
/// table scans instead of an index of ten thousand units.
///
/// Villages of one parent code and one validity count under the same rows, so they are summed as one
/// group (``VillageGroups``) and each group's sums are added to its rows at the end: per village, the
/// passes compare bytes and add integers, and the rows a village counts for are worked out once per group.
///
/// The sums are those of ``build(_:index:area:level:day:technology:)`` whenever no succession link
/// with a village at one end falls within the day's year: then a village counts under a row exactly
/// when it lies under one of the row's sources while both exist during the year, and no village's
/// figure stands in for another's. When such a link exists, the caller uses
/// ``build(_:index:area:level:day:technology:)`` over the whole index.
extension TelecomCoverageReport {
    /// The report, or nil when village rows are asked for or a village succession falls within the year.
    ///
    /// - Parameter surveysSortedBySQL: read the surveys sorted by SQL at once, as when a row came out of order (tests).
    static func buildSummingVillages(_ store: DomainStore, index: UnitIndex, area: Unit, level: UnitLevel, day: Day,
                                     technology: Technology, surveysSortedBySQL: Bool = false) throws -> TelecomCoverageReport? {
        guard level != .village, area.level != .village else { return nil }
        let period = Period.year(day.year)
        guard try !villageSuccessions(store.db, during: period, index: index) else { return nil }
        let members = try rowUnits(index: index, area: area, level: level, day: day)
        // The rows, then the area's total (a row of its own unless the rows are the area itself).
        let targets = level == area.level ? members : members + [area]

        // Per code of a unit above villages: the rows it is a source of, with the days of the year it existed.
        var windowsByCode: [CodeKey: [VillageGroups.Window]] = [:]
        for (target, unit) in targets.enumerated() {
            for source in index.sources(for: unit, during: period).units where source.level != .village {
                windowsByCode[CodeKey(source.code), default: []].append(VillageGroups.Window(
                    target: target, from: max(source.validFrom, period.start), to: min(source.validTo ?? period.end, period.end)))
            }
        }
        var groups = VillageGroups(windowsByCode: windowsByCode, day: day, period: period)
        if let table = try store.units.keptVillageTable() {
            // An import just before has read the villages: taken from memory.
            groups.takeVillages(table)
        } else {
            // The index above villages holds every unit that is not a village; the whole index (when the session
            // read it) holds villages too, and then SQL tells them apart.
            let holdsVillages = index.units.contains { $0.level == .village }
            try groups.readVillages(store.db, unitsAboveVillages: holdsVillages ? nil : index.units.map(\.id).sorted())
        }
        try groups.readSurveys(store.db, technology: technology, sortedBySQL: surveysSortedBySQL)
        let figures = try groups.figures(store.db, targets: targets.count)

        let rows = targets.indices.map { i in
            Row(unit: targets[i], place: index.placeName(of: targets[i], on: day), figures: figures[i])
        }
        return TelecomCoverageReport(day: day, area: area, level: level, technology: technology,
                                     rows: Array(rows.prefix(members.count)), total: rows[targets.count - 1])
    }

    /// Whether a succession link with a village at one end joins two units that both existed during the period.
    static func villageSuccessions(_ db: Database, during period: Period) throws -> Bool {
        try villageSuccessions(db, during: period, index: nil)
    }

    /// Whether a succession link with a village at one end joins two units that both existed during the period;
    /// false at once when `index` holds every link there is between units above villages (counting the table's
    /// rows costs SQLite a few pages; the query below, two row lookups per link).
    static func villageSuccessions(_ db: Database, during period: Period, index: UnitIndex?) throws -> Bool {
        if let index {
            let count = RawStatement(try db.cachedStatement(sql: "SELECT COUNT(*) FROM unit_succession"))
            count.reset()
            defer { count.reset() }
            if try count.step(), count.int64(0) == Int64(index.linksAboveVillages) { return false }
        }
        return try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (
                SELECT 1 FROM unit_succession l
                JOIN unit p ON p.id = l.predecessor_id
                JOIN unit s ON s.id = l.successor_id
                WHERE (p.level = 'village' OR s.level = 'village')
                      AND p.valid_from <= ?2 AND (p.valid_to IS NULL OR p.valid_to >= ?1)
                      AND s.valid_from <= ?2 AND (s.valid_to IS NULL OR s.valid_to >= ?1))
            """), arguments: [period.start.description, period.end.description]) ?? true
    }
}

/// A unit code as a dictionary key: digits (every official code) packed into an integer with their
/// count, so `07324` and `7324` differ; any other text as itself.
enum CodeKey: Hashable {
    case digits(UInt64)
    case text(String)

    init(_ code: String) {
        let digits: CodeKey?? = code.utf8.withContiguousStorageIfAvailable { CodeKey($0) }
        self = (digits ?? Array(code.utf8).withUnsafeBufferPointer { CodeKey($0) }) ?? .text(code)
    }

    /// The digits case, or nil when the bytes are not 1–15 ASCII digits.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard (1...15).contains(bytes.count) else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            let digit = UInt64(byte &- 48)
            guard byte >= 48, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        self = .digits(value << 4 | UInt64(bytes.count))
    }
}

extension RawStatement {
    /// A text column as a ``CodeKey``, without making a string of an all-digit code.
    func codeKey(_ column: Int32) -> CodeKey {
        if let pointer = sqlite3_column_text(raw, column),
           let key = CodeKey(UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, column)))) {
            return key
        }
        return .text(text(column))
    }
}
