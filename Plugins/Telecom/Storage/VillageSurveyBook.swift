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
        while try rows.step() {
            let unitID = rows.int64(0)
            if let unitIDs, !unitIDs.contains(unitID) { continue }
            latest[unitID] = try Self.survey(fromPositions: rows)
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
        while try rows.step() {
            let survey = try Self.survey(fromPositions: rows)
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
        // Generations not surveyed stay NULL (cleared bindings); the dictionary is walked, not hashed four times.
        for (offset, generation) in Generation.allCases.enumerated() {
            guard let list = evidence.mobile[generation] else { continue }
            insert.bind(Int32(3 + offset), list.count == 1 ? list[0] : list.joined(separator: ","))
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

    /// A survey an import adds: no survey of the village is stored on that day.
    struct NewSurvey {
        var villageID: Int64
        var dayText: String
        var evidence: VillageEvidence
    }

    /// How many new surveys one statement inserts: a statement's fixed cost (reset, transaction and
    /// statement-journal steps, halt) is then paid once per batch rather than once per row.
    static let batchSize = 128

    /// Inserts surveys an import found new, their villages checked and their evidence within the rules,
    /// ``batchSize`` rows per statement and the rest one by one. Not audited here: an import records its
    /// added surveys as one entry.
    ///
    /// The source, the same for every row, is written in the statement. Bindings are never cleared between
    /// batches: each parameter is bound again, NULL only where it holds a value; the texts of a batch (days,
    /// operator lists) are laid out in one buffer that outlives the step, so SQLite reads them in place
    /// instead of copying each one (`SQLITE_STATIC`).
    func insertNew(_ surveys: [NewSurvey], source: EvidenceSource) throws {
        _ = try store.requireMutation("telecom import")
        var rest = surveys[...]
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '\(source.rawValue)')"
        let insert = "INSERT INTO telecom_village_survey (\(Self.columns)) VALUES "
        if rest.count >= Self.batchSize {
            var batch = BatchBinder(RawStatement(try store.db.cachedStatement(
                sql: insert + Array(repeating: row, count: Self.batchSize).joined(separator: ", "))))
            // No binding may outlive this call: they point into buffers that are gone once it returns.
            defer { batch.statement.reset() }
            while rest.count >= Self.batchSize {
                try batch.insert(rest.prefix(Self.batchSize))
                rest = rest.dropFirst(Self.batchSize)
            }
        }
        guard !rest.isEmpty else { return }
        var one = BatchBinder(RawStatement(try store.db.cachedStatement(sql: insert + row)))
        defer { one.statement.reset() }
        for position in rest.indices {
            try one.insert(rest[position...position])
        }
    }

    /// Binds the surveys one statement inserts (11 parameters each, in ``columns`` order, the source
    /// written in the statement) and runs it.
    private struct BatchBinder {
        let statement: RawStatement
        /// Offset and length of each text of the batch in `bytes`, five per survey (day, 2G … 5G); -1 for NULL.
        private var spans: [(offset: Int, count: Int)] = []
        private var bytes: [UInt8] = []
        /// Which parameters hold NULL: all of them on a statement's first use and after a reset that cleared them.
        private var null: [Bool]

        init(_ statement: RawStatement) {
            self.statement = statement
            statement.reset()
            null = Array(repeating: true, count: Int(sqlite3_bind_parameter_count(statement.raw)) + 1)
        }

        /// Surveys are read in place (`surveys[i].field`), never copied whole: each copy retained and released
        /// every operator list of the row.
        mutating func insert(_ surveys: ArraySlice<NewSurvey>) throws {
            spans.removeAll(keepingCapacity: true)
            bytes.removeAll(keepingCapacity: true)
            for i in surveys.indices {
                append(surveys[i].dayText)
                for generation in Generation.allCases { append(surveys[i].evidence.mobile[generation]) }
            }
            sqlite3_reset(statement.raw)
            try bytes.withUnsafeBufferPointer { buffer in
                for (row, i) in surveys.indices.enumerated() {
                    let base = Int32(row * 11)
                    bind(base + 1, surveys[i].villageID)
                    for slot in 0..<5 {
                        let span = spans[row * 5 + slot], index = base + 2 + Int32(slot)
                        if span.offset < 0 {
                            bindNull(index)
                        } else {
                            statement.bindStatic(index, buffer.baseAddress! + span.offset, count: span.count)
                            null[Int(index)] = false
                        }
                    }
                    bind(base + 7, surveys[i].evidence.fibre.map { $0 ? 1 : 0 })
                    bind(base + 8, surveys[i].evidence.households.map(Int64.init))
                    bind(base + 9, surveys[i].evidence.broadband.map(Int64.init))
                    bind(base + 10, surveys[i].evidence.loudspeaker.map { $0 ? 1 : 0 })
                    if let reason = surveys[i].evidence.noSignal {
                        statement.bind(base + 11, reason.storedText)
                        null[Int(base + 11)] = false
                    } else {
                        bindNull(base + 11)
                    }
                }
                while try statement.step() {}
            }
        }

        private mutating func bind(_ index: Int32, _ value: Int64?) {
            guard let value else { bindNull(index); return }
            sqlite3_bind_int64(statement.raw, index, value)
            null[Int(index)] = false
        }

        private mutating func bindNull(_ index: Int32) {
            guard !null[Int(index)] else { return }
            statement.bindNull(index)
            null[Int(index)] = true
        }

        private mutating func append(_ text: String) {
            spans.append((bytes.count, text.utf8.count))
            bytes.append(contentsOf: text.utf8)
        }

        /// An operator list as stored: names joined by commas; NULL when the generation was not surveyed.
        private mutating func append(_ operators: [String]?) {
            guard let operators else { spans.append((-1, 0)); return }
            let start = bytes.count
            for (position, name) in operators.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(contentsOf: name.utf8)
            }
            spans.append((start, bytes.count - start))
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
    static func survey(fromPositions row: RawStatement) throws -> Survey {
        var evidence = VillageEvidence()
        for (offset, generation) in Generation.allCases.enumerated() {
            if let text = row.optionalText(Int32(2 + offset)) {
                evidence.mobile[generation] = text.isEmpty ? [] : text.split(separator: ",").map(String.init)
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
                evidence.mobile[generation] = text.isEmpty ? [] : text.split(separator: ",").map(String.init)
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
