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

    /// A row of a village survey, read and checked on its own.
    struct VillageRow {
        var line: Int
        var villageID: Int64
        var code: String
        var day: Day
        var update: VillageUpdate
    }

    func importVillages(_ rows: inout RowReader, store: DomainStore, progress: Progress, expectedRows: Int?) throws -> Outcome {
        var units = try UnitCodeLookup(store.db)
        if (expectedRows ?? Int.max) >= Self.rowsWorthReadingVillages { units.readVillages(try store.units.villageTable()) }
        let operators = try store.telecomOperators.lookup()
        var lists = OperatorListCache()
        var parsed: [VillageRow] = []
        parsed.reserveCapacity(min(expectedRows ?? 0, 1 << 20))
        let reader = rows.reader
        // Positions looked up once: ten thousand rows make per-cell lookups by name count.
        let codeColumn = rows.column("village_code"), fibreColumn = rows.column("fibre")
        let householdsColumn = rows.column("households"), broadbandColumn = rows.column("broadband")
        let loudspeakerColumn = rows.column("loudspeaker"), noSignalColumn = rows.column("no_signal")
        let generationColumns = Generation.allCases.map { ($0, rows.column($0.key)) }
        do {
            while try reader.next() {
                try rows.startRow()
                let day = try rows.day()
                let (code, key) = try rows.code(keyed: codeColumn)
                let found = try units.hasVillages ? units.village(key: key, on: day) : units.village(code: code, on: day)
                guard let village = found else {
                    if let unit = try units.unit(code: code, on: day) {
                        throw rows.error("village_code", "\(unit.name) (\(unit.code)) is a \(unit.level.rawValue): a village survey names villages")
                    }
                    let known = try units.exists(code: code)
                    throw rows.error("village_code", "no village has code '\(code)' on \(day)"
                        + (known ? "" : " (add it with 'unit add \(code) NAME --in COMMUNE')"))
                }
                var update = VillageUpdate()
                for (generation, column) in generationColumns {
                    guard let index = rows.position(column), index < rows.fieldCount else { continue }
                    // An empty cell (nothing surveyed) or a list already parsed, from the cell's bytes.
                    let known = reader.withBytes(at: index) { bytes -> [String]?? in
                        if bytes.isEmpty { return .some(nil) }
                        guard let list = lists.list(for: bytes) else { return .none }
                        return list
                    }
                    if let known {
                        if let list = known { update.mobile[generation] = list }
                        continue
                    }
                    guard let text = try rows.text(column) else { continue }
                    let list = try rows.parse(column) { _ in try operators.parseList(text) }
                    reader.withBytes(at: index) { lists.remember(list, for: $0) }
                    update.mobile[generation] = list
                }
                update.fibre = try rows.flag(fibreColumn)
                update.households = try rows.count(householdsColumn)
                update.broadband = try rows.count(broadbandColumn)
                update.loudspeaker = try rows.flag(loudspeakerColumn)
                if let text = try rows.text(noSignalColumn) {
                    if text.lowercased() == "none" || text.lowercased() == "no" {
                        update.noSignal = .init(reason: nil)
                    } else if let reason = NoSignalReason(rawValue: text.lowercased()) {
                        update.noSignal = .init(reason: reason)
                    } else {
                        throw rows.error("no_signal", "'\(text)' is not a reason: expected "
                            + NoSignalReason.allCases.map(\.rawValue).joined(separator: ", ") + " or none")
                    }
                }
                parsed.append(VillageRow(line: reader.line, villageID: village.id, code: code, day: day, update: update))
                // Every 16th row: often enough for the bar and for Ctrl-C, without a call per row.
                if parsed.count & 15 == 0 { try progress.update(parsed.count) }
            }
        } catch {
            // A village given twice before the refused row is the first error of the file, as reading in order finds it.
            if let repeated = firstRepeat(parsed, order: Self.villageOrder(parsed)) { throw repeated }
            throw error
        }

        // A village's earlier dates first, so a later row of the same village merges over an earlier one.
        let order = Self.villageOrder(parsed)
        if let repeated = firstRepeat(parsed, order: order) { throw repeated }

        var outcome = Outcome(shape: .villageSurvey, rowsRead: parsed.count)
        let book = store.villageSurveys
        let insert = try book.insertStatement()
        var stored = try book.allByVillage()
        var added: [VillageSurveyBook.NewSurvey] = []
        added.reserveCapacity(parsed.count)
        var lastDay: (day: Day, text: String)?
        for (position, i) in order.enumerated() {
            // The row's fields read in place: copying a whole row retained and released each of its operator lists.
            let villageID = parsed[i].villageID, day = parsed[i].day
            // Only a village with another row still to come needs its history kept up to date.
            let moreOfVillage = position + 1 < order.count && parsed[order[position + 1]].villageID == villageID
            // A first survey (no village has any yet) looks nothing up.
            var history = stored.isEmpty ? [] : stored[villageID] ?? []
            let exact = history.lastIndex { $0.date == day }
            let base = history.last { $0.date <= day }
            let evidence = (base?.evidence ?? VillageEvidence()).merging(parsed[i].update)
            if let violation = evidence.violation {
                let kept = base != nil ? " (with what earlier surveys recorded)" : ""
                throw ImportError(file: displayName, line: parsed[i].line, reason: "\(parsed[i].code): \(violation)\(kept)")
            }
            if lastDay?.day != day {
                lastDay = (day, day.description)
                outcome.dates.insert(day)
            }
            let dayText = lastDay!.text
            guard let exact else {
                // Nothing stored that day: added, inserted in batches after the loop.
                added.append(VillageSurveyBook.NewSurvey(villageID: villageID, dayText: dayText, evidence: evidence))
                outcome.added += 1
                guard moreOfVillage else { continue }
                let survey = VillageSurveyBook.Survey(unitID: villageID, date: day, evidence: evidence, source: .surveyFile)
                let at = history.firstIndex { $0.date > day } ?? history.endIndex
                history.insert(survey, at: at)
                stored[villageID] = history
                continue
            }
            let change = try book.write(evidence, villageID: villageID, code: parsed[i].code, on: day, source: .surveyFile,
                                        existing: .some(history[exact]), auditAdded: false, statement: insert,
                                        dayText: dayText)
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
        try book.insertNew(added, source: .surveyFile)
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
        // Fields read in place: a whole row copied would retain and release its operator lists.
        func before(_ a: Int, _ b: Int) -> Bool {
            if parsed[a].villageID != parsed[b].villageID { return parsed[a].villageID < parsed[b].villageID }
            if parsed[a].day != parsed[b].day { return parsed[a].day < parsed[b].day }
            return a < b
        }
        let order = Array(parsed.indices)
        // A survey file listed in registry order (the usual case) needs no sort.
        if zip(order, order.dropFirst()).allSatisfy({ before($0, $1) }) { return order }
        return order.sorted(by: before)
    }

    /// The first row, in file order, that names a village and date an earlier row named, as the error saying
    /// so; `order` is ``villageOrder(_:)``.
    func firstRepeat(_ parsed: [VillageRow], order: [Int]) -> ImportError? {
        var first: (row: Int, earlierLine: Int)?
        var runStart = 0
        for position in order.indices.dropFirst() {
            let previous = order[position - 1], row = order[position]
            guard parsed[row].villageID == parsed[previous].villageID, parsed[row].day == parsed[previous].day else {
                runStart = position
                continue
            }
            if first.map({ parsed[row].line < parsed[$0.row].line }) ?? true { first = (row, parsed[order[runStart]].line) }
        }
        guard let first else { return nil }
        let row = parsed[first.row]
        return ImportError(file: displayName, line: row.line, column: "village_code",
                           reason: "village \(row.code) on \(row.day) is already given on line \(first.earlierLine)")
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

        /// The code and its key; an all-digit cell (every official code) is read from its bytes.
        func code(keyed column: Column) throws -> (code: String, key: CodeKey) {
            if let index = position(column), index < fieldCount,
               let digits = reader.withBytes(at: index, { bytes -> (String, CodeKey)? in
                   guard let key = CodeKey(bytes) else { return nil }
                   return (String(decoding: bytes, as: UTF8.self), key)
               }) {
                return digits
            }
            let code = try code(column)
            return (code, CodeKey(code))
        }

        func code(_ column: Column) throws -> String {
            guard let code = try text(column) else { throw error(column, "empty \(column.name.replacing("_", with: " "))") }
            return code
        }

        mutating func day() throws -> Day {
            if let index = dateIndex, index < fieldCount, let day = reader.withBytes(at: index, { lastAccepted.known($0) }) {
                return day
            }
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

        func flag(_ column: Column) throws -> Bool? {
            // What survey files hold almost always (an empty cell, yes, no, 1, 0), read from the cell's bytes.
            if let index = position(column), index < fieldCount, let plain = reader.withBytes(at: index, Self.plainFlag) {
                return plain
            }
            guard let index = position(column), !reader.isEmpty(at: index) else { return nil }
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

        func count(_ column: Column) throws -> Int? {
            // An empty cell or plain digits (what survey files hold), read from the cell's bytes.
            if let index = position(column), index < fieldCount, let plain = reader.withBytes(at: index, { bytes -> Int?? in
                guard !bytes.isEmpty else { return .some(nil) }
                guard bytes.count <= 18 else { return nil }
                var value = 0
                for byte in bytes {
                    let digit = Int(byte) &- 48
                    guard digit >= 0, digit <= 9 else { return nil }
                    value = value * 10 + digit
                }
                return value
            }) {
                return plain
            }
            guard let index = position(column), !reader.isEmpty(at: index) else { return nil }
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

/// Operator lists already parsed, by the exact bytes of their cell: a survey's cells repeat a handful of
/// lists (`Viettel`, `MobiFone,Viettel`, ...), and comparing a few bytes costs less than making and
/// hashing a string for every cell.
struct OperatorListCache {
    private var entries: [(bytes: [UInt8], list: [String])] = []
    /// More distinct cells than this are parsed each time (the cache is a list searched in order).
    static let capacity = 64

    /// The list parsed from a cell with exactly these bytes, if one was.
    func list(for bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        for entry in entries where entry.bytes.count == bytes.count {
            if entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
                return entry.list
            }
        }
        return nil
    }

    /// Remembers the list parsed from a cell with these bytes.
    mutating func remember(_ list: [String], for bytes: UnsafeBufferPointer<UInt8>) {
        guard entries.count < Self.capacity, !bytes.isEmpty else { return }
        entries.append((Array(bytes), list))
    }
}
