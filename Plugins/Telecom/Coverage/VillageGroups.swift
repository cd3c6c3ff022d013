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

    /// Reads every village's parent and validity and places each read village in its group.
    ///
    /// SQLite hands each row to ``takeVillage(_:)`` through an aggregate function, inside one step: no call per row
    /// and per column from Swift into the statement, which cost more than SQLite's own reading.
    ///
    /// - Parameter unitsAboveVillages: the ids of every unit that is not a village, ascending, when the caller
    ///   knows them (the index above villages holds them all): then the units' rows are read without a condition
    ///   and those ids passed by, which costs SQLite less than comparing every row's level. Nil: SQL compares.
    mutating func readVillages(_ db: Database, unitsAboveVillages: [Int64]?) throws {
        above = unitsAboveVillages ?? []
        nextAbove = 0
        lastVillage = .min
        villagesInOrder = true
        // NOT INDEXED: the table itself, in rowid order.
        try aggregate(db, function: "ntm_telecom_village_group", arguments: 4, step: villageStep, sql: """
            SELECT ntm_telecom_village_group(id, parent_code, valid_from, valid_to) FROM unit NOT INDEXED
            \(unitsAboveVillages == nil ? "WHERE level = 'village'" : "")
            """)
        if !villagesInOrder {
            let order = villageIDs.indices.sorted { villageIDs[$0] < villageIDs[$1] }
            villageIDs = order.map { villageIDs[$0] }
            villageGroups = order.map { villageGroups[$0] }
            boundaryVillages.sort { $0.id < $1.id }
        }
    }

    private var above: [Int64] = []
    private var nextAbove = 0
    private var lastVillage: Int64 = .min
    private var villagesInOrder = true

    /// Places each village of the session's kept table (``NTMCore/VillageTable``: an import just before read it)
    /// in its group, without reading the unit table again.
    mutating func takeVillages(_ table: VillageTable) {
        var lastParent: UInt64?
        var lastSlot: Int?
        // The validities seen, searched in order before hashing (a registry has a handful of pairs of dates).
        var recent: [(days: ValidityDays, validity: Int)] = []
        for village in table.villages {
            let days = ValidityDays(from: village.validFrom, to: village.validTo)
            var found: Int?
            for known in recent where known.days == days {
                found = known.validity
                break
            }
            let validity: Int
            if let found {
                validity = found
            } else {
                validity = self.validity(days)
                if recent.count < 8 { recent.append((days, validity)) }
            }
            guard validities[validity].isRead else { continue }
            // The table's packing of an official code is ``CodeKey/digits(_:)``'s; any other code is looked up by its text.
            let parent = village.parentDigits
            if parent != lastParent || parent == 0 {
                lastParent = parent
                if parent != 0 {
                    lastSlot = parents[digits: parent]
                } else {
                    guard let text = village.parentCode else { continue }
                    lastSlot = parents[CodeKey(text)]
                }
            }
            guard let slot = lastSlot else { continue }
            let group = self.group(slot: slot, validity: validity)
            guard group >= 0 else { continue }
            villageIDs.append(village.id)
            villageGroups.append(Int32(group))
            if groups[group].isBoundary {
                boundaryVillages.append((village.id, Int32(group)))
            } else {
                groups[group].villages += 1
            }
        }
    }

    /// The validity of two days (dates the village table has read as days, so they compare as their texts would).
    private mutating func validity(_ days: ValidityDays) -> Int {
        let isRead = days.from <= day && (days.to.map { $0 >= period.start } ?? true)
        let key = ValidityKey(days: isRead ? days : nil)
        if let known = validityByDays[key] { return known }
        let validity = validities.count
        validities.append(Validity(from: days.from, to: days.to, isRead: isRead))
        validityByDays[key] = validity
        return validity
    }

    /// One unit's row: id, parent code, valid from, valid to.
    fileprivate mutating func takeVillage(_ values: UnsafeMutablePointer<OpaquePointer?>) throws {
        let id = sqlite3_value_int64(values[0])
        if id < lastVillage { villagesInOrder = false }
        lastVillage = id
        if nextAbove < above.count {
            while nextAbove < above.count && above[nextAbove] < id { nextAbove += 1 }
            if nextAbove < above.count && above[nextAbove] == id { return }
        }
        let validity = try validity(from: Self.text(values[2]) ?? UnsafeBufferPointer(start: nil, count: 0),
                                    to: Self.text(values[3]))
        guard validities[validity].isRead else { return }
        guard let parent = Self.text(values[1]) else { return }
        let key = CodeKey(parent) ?? .text(String(decoding: parent, as: UTF8.self))
        guard let slot = parents[key] else { return }
        let group = self.group(slot: slot, validity: validity)
        guard group >= 0 else { return }
        villageIDs.append(id)
        villageGroups.append(Int32(group))
        if groups[group].isBoundary {
            boundaryVillages.append((id, Int32(group)))
        } else {
            groups[group].villages += 1
        }
    }

    /// The validity of a village's dates, found by their bytes.
    private mutating func validity(from: UnsafeBufferPointer<UInt8>, to: UnsafeBufferPointer<UInt8>?) throws -> Int {
        let key = DateTexts(from: from, to: to)
        if let key {
            for known in validityKeys where known.key == key { return known.validity }
        }
        // As SQL would filter: valid_from <= the day AND (valid_to IS NULL OR valid_to >= the year's start). The
        // dates of a village not read are never parsed.
        let isRead = Self.compare(from, dayText) <= 0 && (to.map { Self.compare($0, startText) >= 0 } ?? true)
        let days = isRead ? ValidityDays(from: try Self.day(from), to: try to.map(Self.day)) : nil
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

    /// A `YYYY-MM-DD` text as a day (as ``NTMCore/RawStatement/day(_:)`` reads a column).
    private static func day(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Day {
        try RawStatement.day(bytes) ?? Day(parsing: String(decoding: bytes, as: UTF8.self))
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
    ///
    /// The rows come to ``takeSurvey(_:)`` in the table's order, by village and oldest first (its primary key),
    /// so a village's last row on or before the day is its latest survey. Should they not (checked at every row),
    /// the sums start again over rows sorted by SQL.
    ///
    /// - Parameter sortedBySQL: read the sorted rows at once (what a row out of order leads to; for tests).
    mutating func readSurveys(_ db: Database, technology: TelecomCoverageReport.Technology, sortedBySQL: Bool = false) throws {
        let askedColumns: [String]
        switch technology {
        case .fibre: askedColumns = ["fibre"]
        case .mobile(let asked): askedColumns = Generation.allCases.filter { $0 >= asked }.map { "g\($0.rawValue.dropLast())" }
        }
        isFibre = technology == .fibre
        lastAsked = 4 + askedColumns.count
        let columns = "unit_id, survey_date, households, broadband, no_signal, " + askedColumns.joined(separator: ", ")
        let arguments = Int32(5 + askedColumns.count)
        if !sortedBySQL {
            startSurveys(checkingOrder: true)
            try aggregate(db, function: "ntm_telecom_survey_sum", arguments: arguments, step: surveyStep, sql: """
                SELECT ntm_telecom_survey_sum(\(columns)) FROM telecom_village_survey NOT INDEXED
                """)
            endSurveys()
            guard !surveysInOrder else { return }
        }
        for group in groupSums.indices { groupSums[group] = TelecomCoverageReport.Figures() }
        startSurveys(checkingOrder: false)
        try aggregate(db, function: "ntm_telecom_survey_sum", arguments: arguments, step: surveyStep, sql: """
            SELECT ntm_telecom_survey_sum(\(columns)) FROM (SELECT \(columns) FROM telecom_village_survey ORDER BY unit_id, survey_date)
            """)
        endSurveys()
    }

    private var isFibre = false
    private var lastAsked = 5
    /// The village of the rows being read, its group and survey so far, and where the walk over `villageIDs` is.
    private var current: Int64 = .min
    private var currentGroup = -1
    private var nextVillage = 0
    private var latest = TelecomCoverageReport.Figures()
    private var latestDate = SortKey()
    private var checksOrder = true
    private var surveysInOrder = true

    private mutating func startSurveys(checkingOrder: Bool) {
        current = .min
        currentGroup = -1
        nextVillage = 0
        checksOrder = checkingOrder
        surveysInOrder = true
    }

    private mutating func endSurveys() {
        if currentGroup >= 0 { add(latest, to: currentGroup) }
        currentGroup = -1
    }

    /// One survey's row: unit id, survey date, households, broadband, no signal, then the technology's columns.
    fileprivate mutating func takeSurvey(_ values: UnsafeMutablePointer<OpaquePointer?>) {
        // As SQL would filter: survey_date <= the day.
        let date = Self.text(values[1]) ?? UnsafeBufferPointer(start: nil, count: 0)
        guard Self.compare(date, dayText) <= 0 else { return }
        let unitID = sqlite3_value_int64(values[0])
        if unitID != current {
            if unitID < current { surveysInOrder = false }
            if currentGroup >= 0 { add(latest, to: currentGroup) }
            current = unitID
            while nextVillage < villageIDs.count && villageIDs[nextVillage] < unitID { nextVillage += 1 }
            currentGroup = nextVillage < villageIDs.count && villageIDs[nextVillage] == unitID ? Int(villageGroups[nextVillage]) : -1
            if checksOrder { latestDate = SortKey(date) }
        } else if checksOrder {
            // A later row of the same village must be a later survey.
            let key = SortKey(date)
            if !(latestDate < key) { surveysInOrder = false }
            latestDate = key
        }
        guard currentGroup >= 0 else { return }
        // A NULL reads as 0, which adds nothing; only a 0 needs asking whether it stood for NULL.
        let households = Int(sqlite3_value_int64(values[2])), broadband = Int(sqlite3_value_int64(values[3]))
        let noSignal = sqlite3_value_type(values[4]) != SQLITE_NULL
        var covered = false
        if isFibre {
            covered = sqlite3_value_int64(values[5]) == 1
        } else if !noSignal {
            var column = 5
            while column <= lastAsked {
                if sqlite3_value_bytes(values[column]) > 0 { covered = true; break }
                column += 1
            }
        }
        latest.surveyed = 1
        latest.covered = covered ? 1 : 0
        latest.households = households
        latest.householdsCovered = covered ? households : 0
        // Broadband and its base count only when the survey gives both.
        let both = (households != 0 || sqlite3_value_type(values[2]) != SQLITE_NULL)
            && (broadband != 0 || sqlite3_value_type(values[3]) != SQLITE_NULL)
        latest.broadband = both ? broadband : 0
        latest.broadbandBase = both ? households : 0
        latest.noSignal = noSignal ? 1 : 0
    }

    private mutating func add(_ survey: TelecomCoverageReport.Figures, to group: Int) {
        groupSums[group] += survey
    }

    // MARK: - Aggregate functions

    /// The error a row raised inside SQLite's step, thrown once the step returns.
    fileprivate var failure: Error?

    /// Runs `sql`, whose one aggregate `function` hands every row to this value's `step`; the function exists on
    /// the connection only meanwhile, reaching this value through a pointer (no copy, no reference counting, no
    /// exclusivity check per row).
    private mutating func aggregate(_ db: Database, function: String, arguments: Int32, step: AggregateStep, sql: String) throws {
        let connection = db.sqliteConnection
        failure = nil
        try withUnsafeMutablePointer(to: &self) { groups in
            let code = sqlite3_create_function_v2(connection, function, arguments, SQLITE_UTF8, UnsafeMutableRawPointer(groups),
                                                  nil, step, finishAggregate, nil)
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot add the function \(function)")
            }
            defer { sqlite3_create_function_v2(connection, function, arguments, SQLITE_UTF8, nil, nil, nil, nil, nil) }
            let rows = RawStatement(try db.makeStatement(sql: sql))
            defer { rows.reset() }
            do {
                while try rows.step() {}
            } catch {
                if let failure = groups.pointee.failure { throw failure }
                throw error
            }
        }
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
                // A group's sums hold surveys only: its villages are counted apart.
                figures[target] += sums
                figures[target].villages += found.villages
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

    /// A text value's bytes as SQLite holds them (no copy, no terminator); nil for NULL.
    private static func text(_ value: OpaquePointer?) -> UnsafeBufferPointer<UInt8>? {
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

/// The step of an aggregate function, as SQLite calls it.
private typealias AggregateStep = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void

/// The value an aggregate function's calls reach (its user data).
private func groupsPointer(_ context: OpaquePointer?) -> UnsafeMutablePointer<VillageGroups>? {
    sqlite3_user_data(context)?.assumingMemoryBound(to: VillageGroups.self)
}

private func villageStep(_ context: OpaquePointer?, _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let values, let groups = groupsPointer(context) else { return }
    do {
        try groups.pointee.takeVillage(values)
    } catch {
        groups.pointee.failure = error
        sqlite3_result_error(context, "\(error)", -1)
    }
}

private func surveyStep(_ context: OpaquePointer?, _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let values, let groups = groupsPointer(context) else { return }
    groups.pointee.takeSurvey(values)
}

private func finishAggregate(_ context: OpaquePointer?) {
    sqlite3_result_null(context)
}

/// A text of up to sixteen bytes, ordered as SQLite orders text (bytes, then length); longer texts are all alike,
/// and never in order (the caller then sorts in SQL).
private struct SortKey: Comparable {
    var head: UInt64 = 0
    var tail: UInt64 = 0
    var count = 17

    init() {}

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.count == 10, let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            head = UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self))
            tail = UInt64(UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))) << 48
            count = 10
            return
        }
        guard bytes.count <= 16 else { return }
        count = bytes.count
        for (index, byte) in bytes.enumerated() {
            if index < 8 { head |= UInt64(byte) << (56 - 8 * UInt64(index)) } else { tail |= UInt64(byte) << (120 - 8 * UInt64(index)) }
        }
    }

    static func < (a: SortKey, b: SortKey) -> Bool {
        guard a.count <= 16, b.count <= 16 else { return false }
        return (a.head, a.tail, a.count) < (b.head, b.tail, b.count)
    }
}
