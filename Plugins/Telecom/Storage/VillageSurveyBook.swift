import GRDB
import NTMCore
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Where evidence came from; stored with it so a later reader knows what it rests on.
enum EvidenceSource: String, Sendable {
    case entered = "entered"
    case surveyFile = "survey file"
}

extension NoSignalReason {
    /// The raw value as a static text, which SQLite can read in place.
    var storedText: StaticString {
        switch self {
        case .noPower: return "no-power"
        case .fewHouseholds: return "few-households"
        case .terrain: return "terrain"
        case .other: return "other"
        }
    }
}

/// What a write did.
enum EvidenceChange<Value: Equatable>: Equatable {
    case added
    case changed(from: Value)
    case unchanged
}

/// The village surveys (`store.villageSurveys`): read, write, audit.
///
/// A survey describes a village on a day; a question "as of" a day reads, per village, the latest
/// survey on or before it — evidence stands until the next survey.
struct VillageSurveyBook {
    let store: DomainStore

    /// One stored survey.
    struct Survey: Equatable, Sendable {
        var unitID: Int64
        var date: Day
        var evidence: VillageEvidence
        var source: EvidenceSource
    }

    /// The survey of a village on exactly this day, if any.
    func survey(unitID: Int64, on day: Day) throws -> Survey? {
        try Row.fetchOne(store.db, sql: "SELECT * FROM telecom_village_survey WHERE unit_id = ? AND survey_date = ?",
                         arguments: [unitID, day.description]).map(Self.survey(from:))
    }

    /// The latest survey of a village on or before `day`.
    func latest(unitID: Int64, onOrBefore day: Day) throws -> Survey? {
        try Row.fetchOne(store.db, sql: """
            SELECT * FROM telecom_village_survey WHERE unit_id = ? AND survey_date <= ? ORDER BY survey_date DESC LIMIT 1
            """, arguments: [unitID, day.description]).map(Self.survey(from:))
    }

    /// Per village, the latest survey on or before `day`, for the given villages or all.
    func latestPerVillage(onOrBefore day: Day, unitIDs: Set<Int64>? = nil) throws -> [Int64: Survey] {
        var latest: [Int64: Survey] = [:]
        // In primary-key order (by village, then date; no sort), so a later survey of a village replaces an
        // earlier one. Columns by position, in ``columns`` order: ten thousand villages make name lookups count.
        let rows = RawStatement(try store.db.cachedStatement(sql: """
            SELECT \(Self.columns) FROM telecom_village_survey WHERE survey_date <= ?1 ORDER BY unit_id, survey_date
            """))
        rows.reset()
        defer { rows.reset() }
        rows.bind(1, day.description)
        var lists = OperatorListCache()
        while try rows.step() {
            let unitID = rows.int64(0)
            if let unitIDs, !unitIDs.contains(unitID) { continue }
            latest[unitID] = try Self.survey(fromPositions: rows, lists: &lists)
        }
        return latest
    }

    /// Every survey of every village, oldest first per village: what an import merges over.
    func allByVillage() throws -> [Int64: [Survey]] {
        var all: [Int64: [Survey]] = [:]
        let rows = RawStatement(try store.db.cachedStatement(sql: """
            SELECT \(Self.columns) FROM telecom_village_survey ORDER BY unit_id, survey_date
            """))
        rows.reset()
        defer { rows.reset() }
        var lists = OperatorListCache()
        while try rows.step() {
            let survey = try Self.survey(fromPositions: rows, lists: &lists)
            all[survey.unitID, default: []].append(survey)
        }
        return all
    }

    /// Every survey of one village, oldest first.
    func history(unitID: Int64) throws -> [Survey] {
        try Row.fetchAll(store.db, sql: "SELECT * FROM telecom_village_survey WHERE unit_id = ? ORDER BY survey_date",
                         arguments: [unitID]).map(Self.survey(from:))
    }

    /// The latest survey date of any village: the default "as of".
    func latestDate() throws -> Day? {
        try String.fetchOne(store.db, sql: "SELECT MAX(survey_date) FROM telecom_village_survey").map { try Day(parsing: $0) }
    }

    /// Stores a village's evidence for a day (replacing what was there).
    ///
    /// - Parameters:
    ///   - existing: the survey stored for exactly this day, when the caller already knows it (`.some(nil)`: none).
    ///   - auditAdded: false for an import, which records its added rows as one bulk entry (changed rows
    ///     are audited one by one either way).
    ///   - statement: the insert statement (``insertStatement()``), when a bulk write holds it.
    ///   - dayText: `day` as stored, when a bulk write has it already.
    /// - Throws: `DomainError.invalid` for evidence that breaks a rule or a unit that is not a village.
    @discardableResult
    func write(_ evidence: VillageEvidence, unit: Unit, on day: Day, source: EvidenceSource,
               existing: Survey?? = nil, auditAdded: Bool = true, statement: Statement? = nil,
               dayText: String? = nil) throws -> EvidenceChange<VillageEvidence> {
        guard unit.level == .village else {
            throw DomainError.invalid("\(unit.name) (\(unit.code)) is a \(unit.level.rawValue): surveys are recorded per village")
        }
        return try write(evidence, villageID: unit.id, code: unit.code, on: day, source: source, existing: existing,
                         auditAdded: auditAdded, statement: statement, dayText: dayText)
    }

    /// ``write(_:unit:on:source:existing:auditAdded:statement:dayText:)`` for a unit already known to be a
    /// village: what an import, which checked each row's unit, calls.
    func write(_ evidence: VillageEvidence, villageID: Int64, code: String, on day: Day, source: EvidenceSource,
               existing: Survey?? = nil, auditAdded: Bool = true, statement: Statement? = nil,
               dayText: String? = nil) throws -> EvidenceChange<VillageEvidence> {
        _ = try store.requireMutation("telecom village set")
        if let violation = evidence.violation { throw DomainError.invalid("refused: \(violation)") }
        let stored = try existing ?? survey(unitID: villageID, on: day)
        if let stored, stored.evidence == evidence { return .unchanged }
        // Bound straight to SQLite: an import runs this once per row.
        let insert = RawStatement(try statement ?? insertStatement())
        insert.reset()
        defer { insert.reset() }
        insert.bind(1, villageID)
        insert.bind(2, dayText ?? day.description)
        // Generations not surveyed stay NULL (cleared bindings); a list's stored text lives as long as the process.
        for (offset, generation) in Generation.allCases.enumerated() {
            guard let text = evidence.mobile[list: generation]?.storedText else { continue }
            insert.bindStatic(Int32(3 + offset), text.baseAddress!, count: text.count)
        }
        insert.bind(7, evidence.fibre)
        insert.bind(8, evidence.households)
        insert.bind(9, evidence.broadband)
        insert.bind(10, evidence.loudspeaker)
        insert.bind(11, evidence.noSignal?.rawValue)
        insert.bind(12, source.rawValue)
        while try insert.step() {}
        if stored != nil || auditAdded {
            try store.audit.record(module: TelecomPlugin.moduleName, entity: "village survey", key: "\(code)/\(day)",
                                   unit: code, before: stored?.evidence.auditValue, after: evidence.auditValue)
        }
        return stored.map { .changed(from: $0.evidence) } ?? .added
    }

    /// A survey an import adds: no survey of the village is stored on that day. Plain data (no reference
    /// to retain): ten thousand of them are gathered, then bound.
    struct NewSurvey {
        var villageID: Int64
        /// The survey date's position in the `days` given to ``insertNew(_:days:source:)``.
        var day: Int32
        var evidence: VillageEvidence
    }

    /// How many new surveys one statement inserts: a statement's fixed cost (reset, transaction and
    /// statement-journal steps, halt; about 11,000 instructions) is then paid once per batch rather than once
    /// per row, against SQLite's parsing of the statement, about 26,000 instructions per row of it. 64 rows
    /// balance the two for ten thousand surveys (callgrind: 0.8 million fewer than 128).
    static let batchSize = 64

    /// Inserts surveys an import found new, their villages checked and their evidence within the rules,
    /// ``batchSize`` rows per statement and the rest one by one; `days` are the survey dates as stored
    /// (`YYYY-MM-DD`), which the surveys name by position. Not audited here: an import records its added
    /// surveys as one entry.
    ///
    /// The source, the same for every row, is written in the statement. Every text is bound in place
    /// (`SQLITE_STATIC`): the days from one buffer that outlives the statement's use, the operator lists
    /// from their stored texts, which live as long as the process.
    func insertNew(_ surveys: [NewSurvey], days: [String], source: EvidenceSource) throws {
        _ = try store.requireMutation("telecom import")
        guard !surveys.isEmpty else { return }
        let dayTexts = DayTexts(days)
        defer { dayTexts.deallocate() }
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '\(source.rawValue)')"
        let insert = "INSERT INTO telecom_village_survey (\(Self.columns)) VALUES "
        try surveys.withUnsafeBufferPointer { surveys in
            var next = 0
            if surveys.count >= Self.batchSize {
                var batch = BatchBinder(RawStatement(try store.db.cachedStatement(
                    sql: insert + Array(repeating: row, count: Self.batchSize).joined(separator: ", "))), days: dayTexts)
                // No binding may outlive this call: the days' texts are freed once it returns.
                defer { batch.finish() }
                while surveys.count - next >= Self.batchSize {
                    try batch.insert(surveys, from: next, count: Self.batchSize)
                    next += Self.batchSize
                }
            }
            guard next < surveys.count else { return }
            var one = BatchBinder(RawStatement(try store.db.cachedStatement(sql: insert + row)), days: dayTexts)
            defer { one.finish() }
            while next < surveys.count {
                try one.insert(surveys, from: next, count: 1)
                next += 1
            }
        }
    }

    /// The survey dates of an import laid out in one buffer, each at a fixed place, for binding in place.
    private struct DayTexts {
        let bytes: UnsafeMutablePointer<UInt8>
        let spans: [(offset: Int, count: Int)]

        init(_ days: [String]) {
            var spans: [(offset: Int, count: Int)] = []
            var all: [UInt8] = []
            for day in days {
                spans.append((all.count, day.utf8.count))
                all.append(contentsOf: day.utf8)
            }
            bytes = .allocate(capacity: max(all.count, 1))
            bytes.initialize(from: all, count: all.count)
            self.spans = spans
        }

        func deallocate() { bytes.deallocate() }
    }

    /// Binds the surveys one statement inserts (11 parameters each, in ``columns`` order, the source
    /// written in the statement) and runs it.
    private struct BatchBinder {
        let statement: RawStatement
        let days: DayTexts
        /// What each parameter holds now, by number: a parameter given the value it holds is not bound again
        /// (bindings outlive a reset). A batch's rows share a day, and often a yes/no or a list, with the rows
        /// of the batch before at the same place; each call to SQLite costs about a hundred instructions.
        private let bound: UnsafeMutableBufferPointer<Bound>
        /// The stored texts of the operator lists bound so far, by number: the table is asked once per list.
        private var listTexts: [UnsafeBufferPointer<UInt8>] = []

        /// A parameter's value: NULL, an integer, or a text by its address and length (texts bound here never move).
        struct Bound: Equatable {
            var kind: UInt8
            var value: UInt64
            var count: Int

            static let null = Bound(kind: 0, value: 0, count: 0)
        }

        init(_ statement: RawStatement, days: DayTexts) {
            self.statement = statement
            self.days = days
            statement.reset()
            // A reset statement's parameters all hold NULL.
            bound = .allocate(capacity: Int(sqlite3_bind_parameter_count(statement.raw)) + 1)
            bound.initialize(repeating: .null)
        }

        /// Clears the bindings (they point into `days`) and frees what the binder holds.
        func finish() {
            statement.reset()
            bound.deallocate()
        }

        /// Binds `count` surveys from `start` and runs the statement. Surveys are plain data read in place.
        mutating func insert(_ surveys: UnsafeBufferPointer<NewSurvey>, from start: Int, count: Int) throws {
            sqlite3_reset(statement.raw)
            for row in 0..<count {
                let survey = surveys.baseAddress! + (start + row)
                let base = Int32(row * 11)
                bind(base + 1, survey.pointee.villageID)
                let day = days.spans[Int(survey.pointee.day)]
                bind(base + 2, days.bytes + day.offset, count: day.count)
                let evidence = survey.pointee.evidence
                bind(base + 3, evidence.mobile[list: .g2])
                bind(base + 4, evidence.mobile[list: .g3])
                bind(base + 5, evidence.mobile[list: .g4])
                bind(base + 6, evidence.mobile[list: .g5])
                bind(base + 7, evidence.fibre.map { $0 ? 1 : 0 })
                bind(base + 8, evidence.households.map(Int64.init))
                bind(base + 9, evidence.broadband.map(Int64.init))
                bind(base + 10, evidence.loudspeaker.map { $0 ? 1 : 0 })
                if let reason = evidence.noSignal {
                    let text = reason.storedText
                    bind(base + 11, text.utf8Start, count: text.utf8CodeUnitCount)
                } else {
                    bind(base + 11, nil as Int64?)
                }
            }
            while try statement.step() {}
        }

        @inline(__always) private func bind(_ index: Int32, _ value: Int64?) {
            let new = value.map { Bound(kind: 1, value: UInt64(bitPattern: $0), count: 0) } ?? .null
            guard bound[Int(index)] != new else { return }
            if let value { sqlite3_bind_int64(statement.raw, index, value) } else { sqlite3_bind_null(statement.raw, index) }
            bound[Int(index)] = new
        }

        /// Text read in place: it must stay where it is until the binder is finished.
        @inline(__always) private func bind(_ index: Int32, _ text: UnsafePointer<UInt8>, count: Int) {
            let new = Bound(kind: 2, value: UInt64(UInt(bitPattern: text)), count: count)
            guard bound[Int(index)] != new else { return }
            statement.bindStatic(index, text, count: count)
            bound[Int(index)] = new
        }

        /// An operator list as stored (names joined by commas); NULL when the generation was not surveyed.
        @inline(__always) private mutating func bind(_ index: Int32, _ list: OperatorList?) {
            guard let list else { bind(index, nil as Int64?); return }
            let number = Int(list.id)
            if number >= listTexts.count || listTexts[number].baseAddress == nil {
                while listTexts.count <= number { listTexts.append(UnsafeBufferPointer(start: nil, count: 0)) }
                listTexts[number] = list.storedText
            }
            let text = listTexts[number]
            bind(index, text.baseAddress!, count: text.count)
        }
    }

    /// The statement that inserts or replaces a survey: prepared once per connection.
    func insertStatement() throws -> Statement {
        try store.db.cachedStatement(sql: """
            INSERT INTO telecom_village_survey (unit_id, survey_date, g2, g3, g4, g5, fibre, households, broadband,
                                                loudspeaker, no_signal, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (unit_id, survey_date) DO UPDATE SET
                g2 = excluded.g2, g3 = excluded.g3, g4 = excluded.g4, g5 = excluded.g5, fibre = excluded.fibre,
                households = excluded.households, broadband = excluded.broadband, loudspeaker = excluded.loudspeaker,
                no_signal = excluded.no_signal, source = excluded.source
            """)
    }

    /// The columns ``survey(fromPositions:)`` reads, in its order.
    static let columns = "unit_id, survey_date, g2, g3, g4, g5, fibre, households, broadband, loudspeaker, no_signal, source"

    /// A survey from a row of ``columns``, read by position straight from SQLite (ten thousand villages make
    /// decoding count).
    static func survey(fromPositions row: RawStatement, lists: inout OperatorListCache) throws -> Survey {
        var evidence = VillageEvidence()
        for (offset, generation) in Generation.allCases.enumerated() {
            let column = Int32(2 + offset)
            guard !row.isNull(column) else { continue }
            if let pointer = sqlite3_column_text(row.raw, column) {
                let bytes = UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(row.raw, column)))
                if let list = lists.list(for: bytes) {
                    evidence.mobile[list: generation] = list
                    continue
                }
                let list = OperatorList(storedText: row.text(column))
                lists.remember(list, for: bytes)
                evidence.mobile[list: generation] = list
            } else {
                evidence.mobile[list: generation] = OperatorList(storedText: row.text(column))
            }
        }
        evidence.fibre = row.int(6).map { $0 != 0 }
        evidence.households = row.int(7)
        evidence.broadband = row.int(8)
        evidence.loudspeaker = row.int(9).map { $0 != 0 }
        evidence.noSignal = row.optionalText(10).flatMap(NoSignalReason.init(rawValue:))
        return Survey(unitID: row.int64(0), date: try row.day(1), evidence: evidence,
                      source: EvidenceSource(rawValue: row.text(11)) ?? .entered)
    }

    static func survey(from row: Row) throws -> Survey {
        var evidence = VillageEvidence()
        for generation in Generation.allCases {
            if let text: String = row[generation == .g2 ? "g2" : generation == .g3 ? "g3" : generation == .g4 ? "g4" : "g5"] {
                evidence.mobile[list: generation] = OperatorList(storedText: text)
            }
        }
        evidence.fibre = row["fibre"]
        evidence.households = row["households"]
        evidence.broadband = row["broadband"]
        evidence.loudspeaker = row["loudspeaker"]
        evidence.noSignal = (row["no_signal"] as String?).flatMap(NoSignalReason.init(rawValue:))
        return Survey(unitID: row["unit_id"], date: try Day(parsing: row["survey_date"]), evidence: evidence,
                      source: EvidenceSource(rawValue: row["source"]) ?? .entered)
    }
}

extension DomainStore {
    /// The telecom surveys of villages.
    var villageSurveys: VillageSurveyBook { VillageSurveyBook(store: self) }
}
