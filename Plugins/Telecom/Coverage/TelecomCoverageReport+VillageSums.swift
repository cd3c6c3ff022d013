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
/// The sums are those of ``build(_:index:area:level:day:technology:)`` whenever no succession link
/// with a village at one end falls within the day's year: then a village counts under a row exactly
/// when it lies under one of the row's sources while both exist during the year, and no village's
/// figure stands in for another's. When such a link exists, the caller uses
/// ``build(_:index:area:level:day:technology:)`` over the whole index.
extension TelecomCoverageReport {
    /// The report, or nil when village rows are asked for or a village succession falls within the year.
    static func buildSummingVillages(_ store: DomainStore, index: UnitIndex, area: Unit, level: UnitLevel, day: Day,
                                     technology: Technology) throws -> TelecomCoverageReport? {
        guard level != .village, area.level != .village else { return nil }
        let period = Period.year(day.year)
        guard try !villageSuccessions(store.db, during: period) else { return nil }
        let members = try rowUnits(index: index, area: area, level: level, day: day)
        // The rows, then the area's total (a row of its own unless the rows are the area itself).
        let targets = level == area.level ? members : members + [area]

        // Per code of a unit above villages: the rows it is a source of, with the days of the year it existed.
        struct Window { var target: Int; var from: Day; var to: Day }
        var windowsByCode: [CodeKey: [Window]] = [:]
        for (target, unit) in targets.enumerated() {
            for source in index.sources(for: unit, during: period).units where source.level != .village {
                windowsByCode[CodeKey(source.code), default: []].append(
                    Window(target: target, from: max(source.validFrom, period.start), to: min(source.validTo ?? period.end, period.end)))
            }
        }
        // Looked up once per village: a table placed by the code's digits rather than a hashed dictionary.
        var windows = CodeTable<[Window]>(capacity: windowsByCode.count)
        for (code, found) in windowsByCode { windows.updateValue(found, forKey: code) }

        // The villages that existed by the day and during the year, and the rows each counts for, by id: both
        // scans come in id order (the unit table's rowid, the surveys' primary key), so they are walked side
        // by side instead of hashing every village's id.
        var figures = Array(repeating: Figures(), count: targets.count)
        var slots: [(id: Int64, targets: Range<Int>)] = []
        var slotTargets: [Int] = []
        // Two versions of one village code can both count only when one ended before the day and the other
        // began during the year: such versions are counted by code, every other village once.
        var boundaryVersions: [(code: String, targets: Range<Int>)] = []
        // The session's village table (kept: an import just before has read it), villages of a commune mostly
        // side by side, so a parent code repeats and is looked up once while it does.
        var lastParent: (code: String, windows: [Window]?)?
        for village in try store.units.villageTable().villages
        where village.validFrom <= day && (village.validTo.map { $0 >= period.start } ?? true) {
            guard let parent = village.parentCode else { continue }
            if lastParent?.code != parent { lastParent = (parent, windows[CodeKey(parent)]) }
            guard let found = lastParent?.windows else { continue }
            let from = village.validFrom, to = village.validTo
            let start = slotTargets.count
            for window in found where from <= window.to && (to.map { $0 >= window.from } ?? true)
                && !slotTargets[start...].contains(window.target) {
                slotTargets.append(window.target)
            }
            guard slotTargets.count > start else { continue }
            let range = start..<slotTargets.count
            slots.append((village.id, range))
            if from > period.start || (to.map { $0 < day } ?? false) {
                boundaryVersions.append((village.code, range))
            } else {
                for target in slotTargets[range] { figures[target].villages += 1 }
            }
        }
        if !boundaryVersions.isEmpty {
            var codes = Array(repeating: Set<String>(), count: targets.count)
            for version in boundaryVersions { for target in slotTargets[version.targets] { codes[target].insert(version.code) } }
            for target in targets.indices { figures[target].villages += codes[target].count }
        }

        // Each village's latest survey on or before the day: rows come by village, oldest first. Only the columns
        // the technology needs are selected: SQLite reads every selected column of every row.
        let askedColumns: [String]
        switch technology {
        case .fibre: askedColumns = ["fibre"]
        case .mobile(let asked): askedColumns = Generation.allCases.filter { $0 >= asked }.map { "g\($0.rawValue.dropLast())" }
        }
        let surveys = RawStatement(try store.db.cachedStatement(sql: """
            SELECT unit_id, households, broadband, no_signal, \(askedColumns.joined(separator: ", ")) FROM telecom_village_survey
            WHERE +survey_date <= ?1 ORDER BY unit_id, survey_date
            """))
        surveys.reset()
        surveys.bind(1, day.description)
        defer { surveys.reset() }
        let askedPositions = Int32(4)..<Int32(4 + askedColumns.count)
        var pending: (unitID: Int64, targets: Range<Int>, values: Figures)?
        func flush() {
            guard let pending else { return }
            for target in slotTargets[pending.targets] {
                let v = pending.values
                figures[target].surveyed += 1
                figures[target].covered += v.covered
                figures[target].households += v.households
                figures[target].householdsCovered += v.householdsCovered
                figures[target].broadband += v.broadband
                figures[target].broadbandBase += v.broadbandBase
                figures[target].noSignal += v.noSignal
            }
        }
        var nextSlot = 0
        while try surveys.step() {
            let unitID = surveys.int64(0)
            if let current = pending, current.unitID != unitID { flush(); pending = nil }
            let range: Range<Int>
            if let pending {
                range = pending.targets
            } else {
                while nextSlot < slots.count && slots[nextSlot].id < unitID { nextSlot += 1 }
                guard nextSlot < slots.count, slots[nextSlot].id == unitID else { continue }
                range = slots[nextSlot].targets
            }
            let noSignal = !surveys.isNull(3)
            let covered: Bool
            switch technology {
            case .fibre: covered = surveys.int(4) == 1
            case .mobile: covered = !noSignal && askedPositions.contains { surveys.byteCount($0) > 0 }
            }
            let households = surveys.int(1), broadband = surveys.int(2)
            var values = Figures()
            values.covered = covered ? 1 : 0
            values.households = households ?? 0
            values.householdsCovered = covered ? households ?? 0 : 0
            if let households, let broadband {
                values.broadband = broadband
                values.broadbandBase = households
            }
            values.noSignal = noSignal ? 1 : 0
            pending = (unitID, range, values)
        }
        flush()

        let rows = targets.indices.map { i in
            Row(unit: targets[i], place: index.placeName(of: targets[i], on: day), figures: figures[i])
        }
        return TelecomCoverageReport(day: day, area: area, level: level, technology: technology,
                                     rows: Array(rows.prefix(members.count)), total: rows[targets.count - 1])
    }

    /// Whether a succession link with a village at one end joins two units that both existed during the period.
    static func villageSuccessions(_ db: Database, during period: Period) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
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
