import GRDB
import NTMCore
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// The villages of a coverage report summed by group: the villages of one parent code with one validity
/// count under the same rows, so the passes over ten thousand villages and their surveys only find each
/// village's group and add to it, and the rows a group counts for are worked out once.
///
/// A village counts under a row when its parent code is one of the row's sources (a ``Window``) and the
/// village existed during the part of the year that source did; it is read when it existed by the day and
/// during the year (``TelecomCoverageReport/buildSummingVillages(_:index:area:level:day:technology:)``).
/// Validity is decided from the dates' bytes, compared as SQLite compares text, once per distinct pair of
/// dates: the villages of a registry share a handful.
struct VillageGroups {
    /// A row that a parent code's villages count under, with the days of the year the parent is its source.
    struct Window {
        var target: Int
        var from: Day
        var to: Day
    }

    /// Villages of one parent code and one validity, and the rows they count under.
    private struct Group {
        /// The rows, in ``targetLists``.
        var targets: Range<Int>
        /// Began after the year's first day or ended before the day: counted by code (see ``figures(_:targets:)``).
        var isBoundary: Bool
        /// The group's other villages.
        var villages = 0
    }

    /// A distinct pair of validity dates, and what it decides.
    private struct Validity {
        var from: Day
        var to: Day?
        /// Existed by the day and during the year: the village is read.
        var isRead: Bool
    }

    private let day: Day
    private let period: Period
    private let dayText: [UInt8]
    private let startText: [UInt8]
    /// The windows of each parent code, by the slot `parents` gives the code.
    private var windowLists: [[Window]] = []
    private var parents: CodeTable<Int>
    private var validities: [Validity] = []
    /// The validity of each pair of date texts seen: searched in order (a registry has a handful).
    private var validityKeys: [(key: DateTexts, validity: Int)] = []
    /// The validity of each pair of days read (nil: not read), for dates of another length.
    private var validityByDays: [ValidityKey: Int] = [:]
    /// The group of a parent slot and a validity: `groupOf[slot * stride + validity]`, the group plus one (0: none yet).
    private var groupOf: [Int32]
    private var stride = 4
    private var groups: [Group] = []
    private var groupSums: [TelecomCoverageReport.Figures] = []
    private var targetLists: [Int] = []
    /// The villages read that count under a row, in id order, and their groups.
    private var villageIDs: [Int64] = []
    private var villageGroups: [Int32] = []
    /// Villages of boundary groups, in id order.
    private var boundaryVillages: [(id: Int64, group: Int32)] = []

    init(windowsByCode: [CodeKey: [Window]], day: Day, period: Period) {
        self.day = day
        self.period = period
        dayText = Array(day.description.utf8)
        startText = Array(period.start.description.utf8)
        parents = CodeTable<Int>(capacity: windowsByCode.count)
        for (code, windows) in windowsByCode {
            parents.updateValue(windowLists.count, forKey: code)
            windowLists.append(windows)
        }
        groupOf = Array(repeating: 0, count: windowLists.count * stride)
    }

    // MARK: - Villages

    /// Reads every village's parent and validity, in id order, and places each read village in its group.
    ///
    /// - Parameter unitsAboveVillages: the ids of every unit that is not a village, ascending, when the caller
    ///   knows them (the index above villages holds them all): then the units' rows are read without a condition
    ///   and those ids passed by, which costs SQLite less than comparing every row's level. Nil: SQL compares.
    mutating func readVillages(_ db: Database, unitsAboveVillages: [Int64]?) throws {
        let rows = RawStatement(try db.cachedStatement(sql: unitsAboveVillages == nil
            ? "SELECT id, parent_code, valid_from, valid_to FROM unit WHERE level = 'village' ORDER BY id"
            : "SELECT id, parent_code, valid_from, valid_to FROM unit ORDER BY id"))
        rows.reset()
        defer { rows.reset() }
        let above = unitsAboveVillages ?? []
        var nextAbove = 0
        while try rows.step() {
            let id = rows.int64(0)
            if nextAbove < above.count {
                while nextAbove < above.count && above[nextAbove] < id { nextAbove += 1 }
                if nextAbove < above.count && above[nextAbove] == id { continue }
            }
            let validity = try validity(rows)
            guard validities[validity].isRead else { continue }
            guard let parent = Self.text(rows, 1) else { continue }
            let key = CodeKey(parent) ?? .text(String(decoding: parent, as: UTF8.self))
            guard let slot = parents[key] else { continue }
            let group = self.group(slot: slot, validity: validity)
            guard group >= 0 else { continue }
            villageIDs.append(id)
            villageGroups.append(Int32(group))
            if groups[group].isBoundary {
                boundaryVillages.append((id, Int32(group)))
            } else {
                groups[group].villages += 1
            }
        }
    }

    /// The validity of the current row's dates (columns 2 and 3), found by their bytes.
    private mutating func validity(_ rows: RawStatement) throws -> Int {
        let from = Self.text(rows, 2) ?? UnsafeBufferPointer(start: nil, count: 0)
        let to = Self.text(rows, 3)
        let key = DateTexts(from: from, to: to)
        if let key {
            for known in validityKeys where known.key == key { return known.validity }
        }
        // As SQL would filter: valid_from <= the day AND (valid_to IS NULL OR valid_to >= the year's start). The
        // dates of a village not read are never parsed.
        let isRead = Self.compare(from, dayText) <= 0 && (to.map { Self.compare($0, startText) >= 0 } ?? true)
        let days = isRead ? ValidityDays(from: try rows.day(2), to: try rows.optionalDay(3)) : nil
        let validity: Int
        if let known = validityByDays[ValidityKey(days: days)] {
            validity = known
        } else {
            validity = validities.count
            validities.append(Validity(from: days?.from ?? day, to: days?.to, isRead: isRead))
            validityByDays[ValidityKey(days: days)] = validity
        }
        // Kept for the next rows unless the registry has unusually many distinct dates (then found by days).
        if let key, validityKeys.count < 64 { validityKeys.append((key, validity)) }
        return validity
    }

    /// The group of a parent slot's villages of one validity (made on first use); -1 when they count under no row.
    private mutating func group(slot: Int, validity: Int) -> Int {
        if validity >= stride {
            var wider = stride
            while wider <= validity { wider *= 2 }
            var regrouped = Array(repeating: Int32(0), count: windowLists.count * wider)
            for parent in windowLists.indices {
                for known in 0..<stride { regrouped[parent * wider + known] = groupOf[parent * stride + known] }
            }
            groupOf = regrouped
            stride = wider
        }
        let found = groupOf[slot * stride + validity]
        if found != 0 { return Int(found) - 1 }
        let dates = validities[validity]
        let start = targetLists.count
        for window in windowLists[slot] where dates.from <= window.to && (dates.to.map { $0 >= window.from } ?? true)
            && !targetLists[start...].contains(window.target) {
            targetLists.append(window.target)
        }
        var group = -1
        if targetLists.count > start {
            group = groups.count
            let isBoundary = dates.from > period.start || (dates.to.map { $0 < day } ?? false)
            groups.append(Group(targets: start..<targetLists.count, isBoundary: isBoundary))
            groupSums.append(TelecomCoverageReport.Figures())
        }
        groupOf[slot * stride + validity] = Int32(group + 1)
        return group
    }

    // MARK: - Surveys

    /// Adds each read village's latest survey on or before the day to its group. Only the columns the technology
    /// needs are selected: SQLite reads every selected column of every row.
    mutating func readSurveys(_ db: Database, technology: TelecomCoverageReport.Technology) throws {
        let askedColumns: [String]
        switch technology {
        case .fibre: askedColumns = ["fibre"]
        case .mobile(let asked): askedColumns = Generation.allCases.filter { $0 >= asked }.map { "g\($0.rawValue.dropLast())" }
        }
        let surveys = RawStatement(try db.cachedStatement(sql: """
            SELECT unit_id, households, broadband, no_signal, \(askedColumns.joined(separator: ", ")) FROM telecom_village_survey
            WHERE +survey_date <= ?1 ORDER BY unit_id, survey_date
            """))
        surveys.reset()
        surveys.bind(1, day.description)
        defer { surveys.reset() }
        let isFibre = technology == .fibre
        let lastAsked = Int32(3 + askedColumns.count)
        // The village of the rows being read (rows come by village, oldest first: its last row is its latest survey).
        var current: Int64 = .min
        var group = -1
        var next = 0
        var latest = TelecomCoverageReport.Figures()
        while try surveys.step() {
            let unitID = surveys.int64(0)
            if unitID != current {
                if group >= 0 { add(latest, to: group) }
                current = unitID
                while next < villageIDs.count && villageIDs[next] < unitID { next += 1 }
                group = next < villageIDs.count && villageIDs[next] == unitID ? Int(villageGroups[next]) : -1
            }
            guard group >= 0 else { continue }
            // A NULL reads as 0, which adds nothing; only a 0 needs asking whether it stood for NULL.
            let households = Int(surveys.int64(1)), broadband = Int(surveys.int64(2))
            let noSignal = !surveys.isNull(3)
            var covered = false
            if isFibre {
                covered = surveys.int64(4) == 1
            } else if !noSignal {
                var column: Int32 = 4
                while column <= lastAsked {
                    if surveys.byteCount(column) > 0 { covered = true; break }
                    column += 1
                }
            }
            latest.surveyed = 1
            latest.covered = covered ? 1 : 0
            latest.households = households
            latest.householdsCovered = covered ? households : 0
            // Broadband and its base count only when the survey gives both.
            let both = (households != 0 || !surveys.isNull(1)) && (broadband != 0 || !surveys.isNull(2))
            latest.broadband = both ? broadband : 0
            latest.broadbandBase = both ? households : 0
            latest.noSignal = noSignal ? 1 : 0
        }
        if group >= 0 { add(latest, to: group) }
    }

    private mutating func add(_ survey: TelecomCoverageReport.Figures, to group: Int) {
        groupSums[group].surveyed += survey.surveyed
        groupSums[group].covered += survey.covered
        groupSums[group].households += survey.households
        groupSums[group].householdsCovered += survey.householdsCovered
        groupSums[group].broadband += survey.broadband
        groupSums[group].broadbandBase += survey.broadbandBase
        groupSums[group].noSignal += survey.noSignal
    }

    // MARK: - Sums per row

    /// Each row's figures: its groups' sums, and its villages — a boundary group's counted by distinct code, since
    /// two versions of one village code can both be read only when one ended before the day and the other began
    /// during the year.
    func figures(_ db: Database, targets: Int) throws -> [TelecomCoverageReport.Figures] {
        var figures = Array(repeating: TelecomCoverageReport.Figures(), count: targets)
        for (group, found) in groups.enumerated() {
            let sums = groupSums[group]
            for target in targetLists[found.targets] {
                figures[target].villages += found.villages
                figures[target].surveyed += sums.surveyed
                figures[target].covered += sums.covered
                figures[target].households += sums.households
                figures[target].householdsCovered += sums.householdsCovered
                figures[target].broadband += sums.broadband
                figures[target].broadbandBase += sums.broadbandBase
                figures[target].noSignal += sums.noSignal
            }
        }
        guard !boundaryVillages.isEmpty else { return figures }
        // The codes of the boundary villages: the rows of this query include them all (the same condition on the
        // same texts), in id order.
        let rows = RawStatement(try db.cachedStatement(sql: """
            SELECT id, code FROM unit WHERE level = 'village' AND (valid_from > ?1 OR valid_to < ?2) ORDER BY id
            """))
        rows.reset()
        rows.bind(1, period.start.description)
        rows.bind(2, day.description)
        defer { rows.reset() }
        var codes = Array(repeating: Set<String>(), count: targets)
        var next = 0
        while next < boundaryVillages.count, try rows.step() {
            let id = rows.int64(0)
            guard id == boundaryVillages[next].id else { continue }
            let code = rows.text(1)
            for target in targetLists[groups[Int(boundaryVillages[next].group)].targets] { codes[target].insert(code) }
            next += 1
        }
        for target in 0..<targets { figures[target].villages += codes[target].count }
        return figures
    }

    // MARK: - Bytes

    /// A text column's bytes as SQLite holds them (no copy, no terminator); nil for NULL. Taken through the
    /// column's value: one call into the statement instead of two.
    private static func text(_ rows: RawStatement, _ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let value = sqlite3_column_value(rows.raw, column) else { return nil }
        if let pointer = sqlite3_value_blob(value) {
            return UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: UInt8.self), count: Int(sqlite3_value_bytes(value)))
        }
        return sqlite3_value_type(value) == SQLITE_NULL ? nil : UnsafeBufferPointer(start: nil, count: 0)
    }

    /// Compares bytes as SQLite's BINARY collation compares text: byte by byte, then the shorter first.
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Int {
        let common = min(a.count, b.count)
        var index = 0
        while index < common {
            if a[index] != b[index] { return a[index] < b[index] ? -1 : 1 }
            index += 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}

/// Two validity dates as days.
private struct ValidityDays: Hashable {
    var from: Day
    var to: Day?
}

/// The days of a village read, or nil for one not read: a dictionary key.
private struct ValidityKey: Hashable {
    var days: ValidityDays?
}

/// A pair of date texts of up to ten bytes each (`YYYY-MM-DD`), packed to compare in two words each; the second
/// may be NULL.
private struct DateTexts: Equatable {
    var from: UInt64
    var fromTail: UInt32
    var to: UInt64
    var toTail: UInt32

    init?(from: UnsafeBufferPointer<UInt8>, to: UnsafeBufferPointer<UInt8>?) {
        guard let first = Self.pack(from) else { return nil }
        (self.from, fromTail) = first
        if let to {
            guard let second = Self.pack(to) else { return nil }
            (self.to, toTail) = second
        } else {
            (self.to, toTail) = (0, UInt32.max)
        }
    }

    /// The first eight bytes, and the next two with the length; nil past ten bytes.
    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt32)? {
        if bytes.count == 10, let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            return (raw.loadUnaligned(as: UInt64.self), UInt32(raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)) | 10 << 16)
        }
        guard bytes.count < 10 else { return nil }
        var head: UInt64 = 0, tail = UInt32(bytes.count) << 16
        for (index, byte) in bytes.enumerated() {
            if index < 8 { head |= UInt64(byte) << (8 * UInt64(index)) } else { tail |= UInt32(byte) << (8 * UInt32(index - 8)) }
        }
        return (head, tail)
    }
}
