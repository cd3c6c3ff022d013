import GRDB
import NTMCore
import ShellKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `telecom import`: tells the file's shape from its header, reads it and writes it — all or nothing.
///
/// - **Village survey** (`village_code,survey_date,2g,3g,4g,5g,fibre,households,broadband,loudspeaker,no_signal`):
///   one row per village; each row is merged over the village's previous survey (empty cells keep
///   what was recorded), like `telecom village set`.
/// - **Commune facilities** (`commune_code,survey_date,postal_point,premises,sign,hours_posted,open_hours,
///   letters_2kg,parcels_5kg,radio,base_stations`): one row per commune, likewise.
///
/// The file is streamed (the core's `CSVReader`) and written inside one mutation, through cached
/// statements; each row's unit is looked up by its code (``UnitCodeLookup``), and each distinct date
/// and operator list is parsed once. A bad row anywhere — even the last of ten thousand — leaves the database as it was.
/// Re-importing the same file changes nothing: rows equal to what is stored are counted unchanged.
struct TelecomImport {
    enum Shape: Equatable {
        case villageSurvey
        case communeFacilities

        var description: String {
            switch self {
            case .villageSurvey: return "village survey"
            case .communeFacilities: return "commune facilities"
            }
        }
    }

    /// What an import did.
    struct Outcome: Equatable {
        var shape: Shape
        var rowsRead = 0
        var dates: Set<Day> = []
        var added = 0
        var changed = 0
        var unchanged = 0
    }

    /// Where progress goes: `start` with the total number of rows, then `update`s, then `finish`.
    struct Progress {
        var start: (_ total: Int?) -> Void = { _ in }
        var update: (Int) throws -> Void = { _ in }
        var finish: () -> Void = {}
    }

    static let villageHeader = "village_code,survey_date,2g,3g,4g,5g,fibre,households,broadband,loudspeaker,no_signal"
    static let communeHeader = "commune_code,survey_date,postal_point,premises,sign,hours_posted,open_hours,letters_2kg,parcels_5kg,radio,base_stations"

    static let villageColumns = ["village_code", "village_name", "survey_date", "2g", "3g", "4g", "5g", "fibre", "households",
                                 "broadband", "loudspeaker", "no_signal"]
    static let communeColumns = ["commune_code", "commune_name", "survey_date", "postal_point", "premises", "sign",
                                 "hours_posted", "open_hours", "letters_2kg", "parcels_5kg", "radio", "base_stations"]

    let path: String
    let displayName: String
    /// The survey date of rows without a `survey_date` column.
    let date: Day?

    /// Runs the import through one atomic, audited mutation of `access`.
    func run(_ access: some DomainAccess, progress: Progress = Progress()) throws -> Outcome {
        let reader = try CSVReader(path: path, name: displayName)
        let header = try reader.readHeader().map(Self.normalise)
        let shape: Shape
        if header.contains("village_code") {
            shape = .villageSurvey
        } else if header.contains("commune_code") {
            shape = .communeFacilities
        } else {
            throw ImportError(file: displayName, line: 1, reason: "cannot tell what the file holds from its header: expected "
                + "'\(Self.villageHeader)' (a village survey) or '\(Self.communeHeader)' (commune facilities)")
        }
        let columns = try Self.columns(header, known: shape == .villageSurvey ? Self.villageColumns : Self.communeColumns,
                                       file: displayName, shape: shape, hasDate: date != nil)
        let expectedRows = Self.lineCount(path).map { max($0 - 1, 0) }
        progress.start(expectedRows)
        defer { progress.finish() }
        return try access.mutate { store in
            var rows = RowReader(reader: reader, columns: columns, header: header, date: date, file: displayName)
            switch shape {
            case .villageSurvey: return try importVillages(&rows, store: store, progress: progress, expectedRows: expectedRows)
            case .communeFacilities: return try importCommunes(&rows, store: store, progress: progress)
            }
        }
    }

    // MARK: Village surveys

    /// From this many rows on, the villages' codes are read in one scan rather than looked up row by row.
    static let rowsWorthReadingVillages = 500

    /// A row of a village survey, read and checked on its own: plain data (its operator lists are numbers,
    /// its code kept as its packed digits), so gathering, ordering and merging ten thousand of them copies
    /// bytes and retains nothing.
    struct VillageRow {
        var line: Int
        var villageID: Int64
        /// The code's packed digits (``CodeKey/digits(_:)``); 0 for a code of other characters, kept aside.
        var digits: UInt64
        var day: Day
        /// The day's position in the import's list of days.
        var dayNumber: Int32
        var update: VillageUpdate
    }

    /// The rows of a village survey as read, with what error messages need of them.
    struct VillageRows {
        var rows: [VillageRow] = []
        /// Codes that are not all digits, by row.
        var otherCodes: [Int: String] = [:]

        /// The code as the file gives it.
        func code(_ row: Int) -> String {
            if let code = otherCodes[row] { return code }
            return CodeKey.digits(rows[row].digits).digitsText ?? ""
        }
    }

    func importVillages(_ rows: inout RowReader, store: DomainStore, progress: Progress, expectedRows: Int?) throws -> Outcome {
        var units = try UnitCodeLookup(store.db)
        if (expectedRows ?? Int.max) >= Self.rowsWorthReadingVillages { units.readVillages(try store.units.villageTable()) }
        let operators = try store.telecomOperators.lookup()
        var lists = OperatorListCache()
        var parsed = VillageRows()
        parsed.rows.reserveCapacity(min(expectedRows ?? 0, 1 << 20))
        /// The survey dates met, in order of first appearance; rows name them by position.
        var days: [Day] = []
        var lastDay: (day: Day, number: Int32, key: Int)?
        let reader = rows.reader
        // Positions looked up once: ten thousand rows make per-cell lookups by name count.
        let codeColumn = rows.column("village_code"), fibreColumn = rows.column("fibre")
        let householdsColumn = rows.column("households"), broadbandColumn = rows.column("broadband")
        let loudspeakerColumn = rows.column("loudspeaker"), noSignalColumn = rows.column("no_signal")
        // The generations the file has, with their positions: plain pairs, walked for every row.
        let generationColumns = Generation.allCases.compactMap { generation in rows.position(rows.column(generation.key)).map { (generation, $0) } }
        do {
            while try reader.next() {
                try rows.startRow()
                let day = try rows.day()
                if lastDay?.day != day {
                    let number = Int32(days.firstIndex(of: day) ?? days.endIndex)
                    if number == days.endIndex { days.append(day) }
                    lastDay = (day, number, UnitCodeLookup.dayKey(day))
                }
                let (dayNumber, dayKey) = (lastDay!.number, lastDay!.key)
                // An official code (all digits) looked up by its packed digits; any other through its key.
                let digits: UInt64, found: UnitCodeLookup.Version?
                var otherCode: String?
                if units.hasVillages, let packed = rows.codeDigits(codeColumn) {
                    digits = packed
                    found = units.village(digits: packed, onKey: dayKey)
                } else {
                    let (packed, key) = try rows.codeKey(codeColumn)
                    digits = packed
                    if packed == 0 { otherCode = key.code }
                    found = try units.hasVillages ? units.village(key: key, on: day) : units.village(code: key.code, on: day)
                }
                guard let village = found else {
                    let code = otherCode ?? CodeKey.digits(digits).code
                    if let unit = try units.unit(code: code, on: day) {
                        throw rows.error("village_code", "\(unit.name) (\(unit.code)) is a \(unit.level.rawValue): a village survey names villages")
                    }
                    let known = try units.exists(code: code)
                    throw rows.error("village_code", "no village has code '\(code)' on \(day)"
                        + (known ? "" : " (add it with 'unit add \(code) NAME --in COMMUNE')"))
                }
                var update = VillageUpdate()
                for (generation, index) in generationColumns where index < rows.fieldCount {
                    // An empty cell (nothing surveyed) or a list already parsed, from the cell's bytes.
                    let known = reader.withBytes(at: index) { bytes -> OperatorList?? in
                        if bytes.isEmpty { return .some(nil) }
                        guard let list = lists.list(for: bytes) else { return nil }
                        return list
                    }
                    if let known {
                        if let list = known { update.mobile[list: generation] = list }
                        continue
                    }
                    let column = rows.column(generation.key)
                    guard let text = try rows.text(column) else { continue }
                    let list = OperatorList(try rows.parse(column) { _ in try operators.parseList(text) })
                    reader.withBytes(at: index) { lists.remember(list, for: $0) }
                    update.mobile[list: generation] = list
                }
                update.fibre = try rows.flag(fibreColumn)
                update.households = try rows.count(householdsColumn)
                update.broadband = try rows.count(broadbandColumn)
                update.loudspeaker = try rows.flag(loudspeakerColumn)
                update.noSignal = try rows.noSignal(noSignalColumn)
                if let otherCode { parsed.otherCodes[parsed.rows.count] = otherCode }
                parsed.rows.append(VillageRow(line: reader.line, villageID: village.id, digits: digits, day: day,
                                              dayNumber: dayNumber, update: update))
                // Every 16th row: often enough for the bar and for Ctrl-C, without a call per row.
                if parsed.rows.count & 15 == 0 { try progress.update(parsed.rows.count) }
            }
        } catch {
            // A village given twice before the refused row is the first error of the file, as reading in order finds it.
            if let repeated = firstRepeat(parsed, order: Self.villageOrder(parsed.rows)) { throw repeated }
            throw error
        }

        // A village's earlier dates first, so a later row of the same village merges over an earlier one.
        let order = Self.villageOrder(parsed.rows)
        if let repeated = firstRepeat(parsed, order: order) { throw repeated }

        var outcome = Outcome(shape: .villageSurvey, rowsRead: parsed.rows.count)
        outcome.dates = Set(days)
        let dayTexts = days.map(\.description)
        let book = store.villageSurveys
        // The upsert of a changed survey, prepared at its first use (a first import changes none).
        var insert: GRDB.Statement?
        var stored = try book.allByVillage()
        var added: [VillageSurveyBook.NewSurvey] = []
        added.reserveCapacity(parsed.rows.count)
        try parsed.rows.withUnsafeBufferPointer { rows in
            for (position, i) in order.enumerated() {
                // The row read in place, not copied.
                let row = rows.baseAddress! + i
                let villageID = row.pointee.villageID, day = row.pointee.day
                // Only a village with another row still to come needs its history kept up to date.
                let moreOfVillage = position + 1 < order.count && rows[order[position + 1]].villageID == villageID
                // A first survey (no village has any yet) looks nothing up.
                var history = stored.isEmpty ? [] : stored[villageID] ?? []
                let exact = history.lastIndex { $0.date == day }
                let base = history.last { $0.date <= day }
                let evidence = (base?.evidence ?? VillageEvidence()).merging(row.pointee.update)
                if let violation = evidence.violation {
                    let kept = base != nil ? " (with what earlier surveys recorded)" : ""
                    throw ImportError(file: displayName, line: row.pointee.line, reason: "\(parsed.code(i)): \(violation)\(kept)")
                }
                guard let exact else {
                    // Nothing stored that day: added, inserted in batches after the loop.
                    added.append(VillageSurveyBook.NewSurvey(villageID: villageID, day: row.pointee.dayNumber, evidence: evidence))
                    outcome.added += 1
                    guard moreOfVillage else { continue }
                    let survey = VillageSurveyBook.Survey(unitID: villageID, date: day, evidence: evidence, source: .surveyFile)
                    let at = history.firstIndex { $0.date > day } ?? history.endIndex
                    history.insert(survey, at: at)
                    stored[villageID] = history
                    continue
                }
                if insert == nil { insert = try book.insertStatement() }
                let change = try book.write(evidence, villageID: villageID, code: parsed.code(i), on: day, source: .surveyFile,
                                            existing: .some(history[exact]), auditAdded: false, statement: insert,
                                            dayText: dayTexts[Int(row.pointee.dayNumber)])
                switch change {
                case .added:
                    outcome.added += 1   // not reached: a survey was stored that day
                case .changed:
                    outcome.changed += 1
                    guard moreOfVillage else { continue }
                    history[exact].evidence = evidence
                    stored[villageID] = history
                case .unchanged:
                    outcome.unchanged += 1
                }
            }
        }
        try book.insertNew(added, days: dayTexts, source: .surveyFile)
        if outcome.added > 0 {
            // Added surveys are one bulk entry (their values are the rows themselves); changes are audited one by one.
            try store.audit.record(module: TelecomPlugin.moduleName, entity: "village survey", key: displayName, before: nil,
                                   after: .object(["file": .string(displayName), "surveys": .number(outcome.added),
                                                   "dates": .string(outcome.dateText)]),
                                   rows: outcome.added)
        }
        return outcome
    }

    /// The rows by village, then date, then line: a village's surveys in the order they merge.
    static func villageOrder(_ parsed: [VillageRow]) -> [Int] {
        func before(_ a: Int, _ b: Int) -> Bool {
            if parsed[a].villageID != parsed[b].villageID { return parsed[a].villageID < parsed[b].villageID }
            if parsed[a].dayNumber != parsed[b].dayNumber { return parsed[a].day < parsed[b].day }
            return a < b
        }
        let order = Array(parsed.indices)
        // A survey file listed in registry order (the usual case) needs no sort.
        if zip(order, order.dropFirst()).allSatisfy({ before($0, $1) }) { return order }
        return order.sorted(by: before)
    }

    /// The first row, in file order, that names a village and date an earlier row named, as the error saying
    /// so; `order` is ``villageOrder(_:)``.
    func firstRepeat(_ parsed: VillageRows, order: [Int]) -> ImportError? {
        let rows = parsed.rows
        var first: (row: Int, earlierLine: Int)?
        var runStart = 0
        for position in order.indices.dropFirst() {
            let previous = order[position - 1], row = order[position]
            guard rows[row].villageID == rows[previous].villageID, rows[row].dayNumber == rows[previous].dayNumber else {
                runStart = position
                continue
            }
            if first.map({ rows[row].line < rows[$0.row].line }) ?? true { first = (row, rows[order[runStart]].line) }
        }
        guard let first else { return nil }
        let row = rows[first.row]
        return ImportError(file: displayName, line: row.line, column: "village_code",
                           reason: "village \(parsed.code(first.row)) on \(row.day) is already given on line \(first.earlierLine)")
    }

    // MARK: Commune facilities

    func importCommunes(_ rows: inout RowReader, store: DomainStore, progress: Progress) throws -> Outcome {
        var units = try UnitCodeLookup(store.db)
        let operators = try store.telecomOperators.lookup()
        var outcome = Outcome(shape: .communeFacilities)
        var seen: [String: Int] = [:]
        let reader = rows.reader
        let book = store.communeFacilities
        while try reader.next() {
            try rows.checkWidth()
            let day = try rows.day()
            let code = try rows.code("commune_code")
            guard let unit = try units.unit(code: code, on: day) else {
                throw rows.error("commune_code", "no commune, ward or township has code '\(code)' on \(day)")
            }
            guard unit.level == .commune else {
                throw rows.error("commune_code", "\(unit.name) (\(unit.code)) is a \(unit.level.rawValue): facilities are recorded per commune")
            }
            if let earlier = seen["\(unit.id)/\(day)"] {
                throw rows.error("commune_code", "commune \(code) on \(day) is already given on line \(earlier)")
            }
            seen["\(unit.id)/\(day)"] = reader.line
            var update = CommuneFacilities()
            update.postalPoint = try rows.flag("postal_point")
            update.premises = try rows.flag("premises")
            update.sign = try rows.flag("sign")
            update.hoursPosted = try rows.flag("hours_posted")
            update.openHours = try rows.number("open_hours")
            update.letters = try rows.flag("letters_2kg")
            update.parcels = try rows.flag("parcels_5kg")
            if let text = try rows.text("radio") {
                guard let radio = RadioStation(rawValue: text.lowercased()) else {
                    throw rows.error("radio", "'\(text)' is not a radio station: expected "
                        + RadioStation.allCases.map(\.rawValue).joined(separator: ", "))
                }
                update.radio = radio
            }
            if let text = try rows.text("base_stations") {
                update.baseStations = try rows.parse("base_stations") { _ in try OperatorRegistry.parseStations(text, known: operators) }
            }
            let base = try book.latest(unitID: unit.id, onOrBefore: day)?.facilities ?? CommuneFacilities()
            let facilities = base.merging(update)
            if let violation = facilities.violation {
                throw ImportError(file: displayName, line: reader.line, reason: "\(unit.code): \(violation)")
            }
            switch try book.write(facilities, unit: unit, on: day, source: .surveyFile) {
            case .added: outcome.added += 1
            case .changed: outcome.changed += 1
            case .unchanged: outcome.unchanged += 1
            }
            outcome.rowsRead += 1
            outcome.dates.insert(day)
            try progress.update(outcome.rowsRead)
        }
        return outcome
    }

    // MARK: Reading rows

    /// The current row's cells by column name, with errors naming the line and column.
    struct RowReader {
        let reader: CSVReader
        let columns: [String: Int]
        let header: [String]
        let date: Day?
        let file: String
        var parsedDates: [String: Day] = [:]
        /// Days already accepted: a cell holding one exactly is taken from its bytes.
        var acceptedDays: Set<Day> = []
        /// The day accepted last, by its text: most rows of a survey share the date of the row before.
        var lastAccepted = DayCache()

        /// The survey date's position, looked up once.
        let dateIndex: Int?

        /// A column by name; ``column(_:)`` gives one whose position is looked up once, for a loop.
        struct Column: ExpressibleByStringLiteral {
            let name: String
            /// The position when already looked up (`.some(nil)`: the file lacks the column).
            let position: Int??

            init(stringLiteral name: String) {
                self.name = name
                position = nil
            }

            init(_ name: String, position: Int?) {
                self.name = name
                self.position = .some(position)
            }
        }

        func column(_ name: String) -> Column { Column(name, position: columns[name]) }

        func position(_ column: Column) -> Int? { column.position ?? columns[column.name] }

        init(reader: CSVReader, columns: [String: Int], header: [String], date: Day?, file: String) {
            self.reader = reader
            self.columns = columns
            dateIndex = columns["survey_date"]
            self.header = header
            self.date = date
            self.file = file
        }

        func error(_ column: Column, _ reason: String) -> ImportError {
            ImportError(file: file, line: reader.line, column: column.name, reason: reason)
        }

        func checkWidth() throws {
            guard reader.count <= header.count else {
                throw ImportError(file: file, line: reader.line, reason: "\(reader.count) fields, the header has \(header.count)")
            }
        }

        /// The current row's number of fields, once ``startRow()`` has read it: a position below it is a field
        /// whose bytes can be read at once (an empty cell has none), with no separate emptiness check per cell.
        private(set) var fieldCount = 0

        /// Checks the row's width (``checkWidth()``) and notes its number of fields.
        mutating func startRow() throws {
            try checkWidth()
            fieldCount = reader.count
        }

        /// The cell's text, trimmed; nil when the column is absent or the cell empty.
        func text(_ column: Column) throws -> String? {
            guard let index = position(column), !reader.isEmpty(at: index) else { return nil }
            // Most cells have no blanks at either end: no trimmed copy for them.
            let padded = reader.withBytes(at: index) { bytes in
                func blank(_ byte: UInt8?) -> Bool { byte == 32 || byte == 9 || byte == 13 || byte == 10 }
                return blank(bytes.first) || blank(bytes.last)
            }
            let text = padded ? try reader.string(at: index).trimmingBlanks() : try reader.string(at: index)
            return text.isEmpty ? nil : text
        }

        func parse<T>(_ column: Column, _ body: (String) throws -> T) throws -> T {
            do {
                return try body(column.name)
            } catch let error as DomainError {
                throw self.error(column, error.message)
            }
        }

        /// The packed digits (``CodeKey/digits(_:)``) of an all-digit code cell, read from its bytes; nil for
        /// any other cell (``codeKey(_:)`` reads it).
        @inline(__always) func codeDigits(_ column: Column) -> UInt64? {
            guard let index = field(column) else { return nil }
            return reader.withBytes(at: index) { bytes -> UInt64? in
                // As CodeKey(_:) packs them: 1–15 ASCII digits, then their count in the low four bits.
                guard bytes.count >= 1, bytes.count <= 15 else { return nil }
                var value: UInt64 = 0
                for byte in bytes {
                    let digit = byte &- 48
                    guard digit <= 9 else { return nil }
                    value = value &* 10 &+ UInt64(digit)
                }
                return value << 4 | UInt64(bytes.count)
            }
        }

        /// The code's key and, for an all-digit code (every official one), its packed digits (0 for another
        /// code); an all-digit cell is read from its bytes, without making a string.
        func codeKey(_ column: Column) throws -> (digits: UInt64, key: CodeKey) {
            if let index = position(column), index < fieldCount,
               let key = reader.withBytes(at: index, { CodeKey($0) }), case .digits(let packed) = key {
                return (packed, key)
            }
            let key = CodeKey(try code(column))
            if case .digits(let packed) = key { return (packed, key) }
            return (0, key)
        }

        /// A `no_signal` cell: a reason, `none`/`no` (cleared), or nil for an empty cell.
        @inline(__always) func noSignal(_ column: Column) throws -> VillageUpdate.NoSignalChange? {
            if let index = field(column), reader.withBytes(at: index, { $0.isEmpty }) { return nil }
            return try otherNoSignal(column)
        }

        @inline(never) private func otherNoSignal(_ column: Column) throws -> VillageUpdate.NoSignalChange? {
            guard let text = try text(column) else { return nil }
            if text.lowercased() == "none" || text.lowercased() == "no" { return .init(reason: nil) }
            if let reason = NoSignalReason(rawValue: text.lowercased()) { return .init(reason: reason) }
            throw error(column, "'\(text)' is not a reason: expected "
                + NoSignalReason.allCases.map(\.rawValue).joined(separator: ", ") + " or none")
        }

        func code(_ column: Column) throws -> String {
            guard let code = try text(column) else { throw error(column, "empty \(column.name.replacing("_", with: " "))") }
            return code
        }

        @inline(__always) mutating func day() throws -> Day {
            // A date accepted on an earlier row (most rows of a survey share one or two), from the cell's bytes.
            if let index = dateIndex, index < fieldCount, let day = reader.withBytes(at: index, { lastAccepted.known($0) }) {
                return day
            }
            return try otherDay()
        }

        @inline(never) private mutating func otherDay() throws -> Day {
            if let index = dateIndex, !reader.isEmpty(at: index) {
                if let day = reader.withBytes(at: index, RawStatement.day), acceptedDays.contains(day) {
                    reader.withBytes(at: index) { lastAccepted.remember(day, for: $0) }
                    return day
                }
            }
            guard let text = try text("survey_date") else {
                if let date { return date }
                throw error("survey_date", "empty survey date (or give --date)")
            }
            if let day = parsedDates[text] { return day }
            let day: Day
            do { day = try Day(parsing: text) } catch { throw self.error("survey_date", error.domainMessage) }
            guard day <= Day.today() else { throw error("survey_date", "\(day) is in the future") }
            if let date, day != date { throw error("survey_date", "\(day) differs from --date \(date)") }
            parsedDates[text] = day
            acceptedDays.insert(day)
            if let index = dateIndex, !reader.isEmpty(at: index) {
                reader.withBytes(at: index) { lastAccepted.remember(day, for: $0) }
            }
            return day
        }

        /// A column's position when looked up once (``column(_:)``) and the current row has the field: what the
        /// per-cell fast paths, inlined into an import's loop, read.
        @inline(__always) private func field(_ column: Column) -> Int? {
            guard case .some(.some(let index)) = column.position, index < fieldCount else { return nil }
            return index
        }

        @inline(__always) func flag(_ column: Column) throws -> Bool? {
            // What survey files hold almost always (an empty cell, yes, no, 1, 0), read from the cell's bytes.
            if let index = field(column), let plain = reader.withBytes(at: index, Self.plainFlag) { return plain }
            return try otherFlag(column)
        }

        /// A column looked up by name, or a cell the fast path cannot read (padded, `true`, `oui`…).
        @inline(never) private func otherFlag(_ column: Column) throws -> Bool? {
            // The reader's own count: a file read without ``startRow()`` (commune facilities) has no `fieldCount`.
            guard let index = position(column), index < reader.count else { return nil }
            if let plain = reader.withBytes(at: index, Self.plainFlag) { return plain }
            guard let text = try text(column) else { return nil }
            return try parse(column) { _ in try RecordFile.flag(text) }
        }

        /// `.some(nil)` for an empty cell, the flag for `1`, `0`, `yes`, `no`; nil for anything else.
        static func plainFlag(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool?? {
            switch (bytes.count, bytes.first) {
            case (0, _): return .some(nil)
            case (1, UInt8(ascii: "1")): return true
            case (1, UInt8(ascii: "0")): return false
            case (2, UInt8(ascii: "n")) where bytes[1] == UInt8(ascii: "o"): return false
            case (3, UInt8(ascii: "y")) where bytes[1] == UInt8(ascii: "e") && bytes[2] == UInt8(ascii: "s"): return true
            default: return nil
            }
        }

        /// `.some(nil)` for an empty cell, the number for plain digits; nil for anything else.
        @inline(__always) static func plainCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int?? {
            guard !bytes.isEmpty else { return .some(nil) }
            guard bytes.count <= 18 else { return nil }
            var value = 0
            for byte in bytes {
                let digit = Int(byte) &- 48
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        @inline(__always) func count(_ column: Column) throws -> Int? {
            // An empty cell or plain digits (what survey files hold), read from the cell's bytes.
            if let index = field(column), let plain = reader.withBytes(at: index, Self.plainCount) { return plain }
            return try otherCount(column)
        }

        /// A column looked up by name, or a cell the fast path cannot read (padded, signed, too long…).
        @inline(never) private func otherCount(_ column: Column) throws -> Int? {
            guard let index = position(column), index < reader.count else { return nil }
            if let plain = reader.withBytes(at: index, Self.plainCount) { return plain }
            guard let value = reader.int(at: index) else {
                throw error(column, "expected a whole number" + (try text(column).map { " (got '\($0.prefix(20))')" } ?? ""))
            }
            guard value >= 0 else { throw error(column, "cannot be negative (\(value))") }
            return value
        }

        func number(_ column: Column) throws -> Double? {
            guard let index = position(column), !reader.isEmpty(at: index) else { return nil }
            guard let value = reader.double(at: index) else {
                throw error(column, "expected a number" + (try text(column).map { " (got '\($0.prefix(20))')" } ?? ""))
            }
            return value
        }
    }

    /// Checks the header: known columns only, each once, the code (and the date, unless `--date`) present.
    static func columns(_ header: [String], known: [String], file: String, shape: Shape, hasDate: Bool) throws -> [String: Int] {
        var columns: [String: Int] = [:]
        let expected = shape == .villageSurvey ? villageHeader : communeHeader
        for (index, name) in header.enumerated() {
            guard known.contains(name) else {
                throw ImportError(file: file, line: 1, column: name, reason: "not a column of a \(shape.description) file (expected \(expected))")
            }
            guard columns[name] == nil else {
                throw ImportError(file: file, line: 1, column: name, reason: "appears twice in the header")
            }
            columns[name] = index
        }
        if columns["survey_date"] == nil && !hasDate {
            throw ImportError(file: file, line: 1, column: "survey_date",
                              reason: "missing from the header: add the column, or give the date with --date")
        }
        return columns
    }

    /// Header names as people write them: case, blanks and `-`/space for `_` do not matter.
    static func normalise(_ name: String) -> String {
        String(name.trimmingBlanks().lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// The number of lines of a regular file (for the progress bar); nil when it cannot be counted.
    static func lineCount(_ path: String) -> Int? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var lines = 0, last: UInt8 = 10
        while true {
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 { return nil }
            if n == 0 { break }
            buffer.withUnsafeBytes { bytes in
                var next = bytes.baseAddress!
                let end = next + n
                while next < end, let newline = memchr(next, 10, end - next) {
                    lines += 1
                    next = UnsafeRawPointer(newline) + 1
                }
            }
            last = buffer[n - 1]
        }
        return last == 10 ? lines : lines + 1
    }
}

extension TelecomImport.Outcome {
    /// `2023-11-15` or `2023-11-15 to 2024-06-01`.
    var dateText: String {
        let sorted = dates.sorted()
        guard let first = sorted.first, let last = sorted.last else { return "no dates" }
        return first == last ? first.description : "\(first) to \(last)"
    }
}

extension CodeKey {
    /// The code as written: the digits with their leading zeros, or the text.
    var code: String {
        switch self {
        case .digits: return digitsText ?? ""
        case .text(let text): return text
        }
    }

    /// The digits of a ``digits(_:)`` key, with their leading zeros (the key holds their count).
    var digitsText: String? {
        guard case .digits(let packed) = self else { return nil }
        let digits = String(packed >> 4), count = Int(packed & 15)
        return String(repeating: "0", count: max(0, count - digits.count)) + digits
    }
}
