import GRDB
import NTMCore

/// Enrolments and completions (`store.enrolments`), and headcounts; every change audited.
///
/// One enrolment per official and course: enrolling again after a failure or a withdrawal re-opens it.
struct EnrolmentBook {
    let store: DomainStore

    /// What a write did.
    enum Change: Equatable {
        case added
        case changed(from: Enrolment)
        case unchanged
    }

    func enrolment(officialID: Int64, courseID: Int64) throws -> Enrolment? {
        try Row.fetchOne(store.db.cachedStatement(sql: "SELECT * FROM training_enrolment WHERE official_id = ? AND course_id = ?"),
                         arguments: [officialID, courseID]).map(Self.enrolment(from:))
    }

    /// Every enrolment of an official, by completion day then course.
    func enrolments(officialID: Int64) throws -> [Enrolment] {
        try Row.fetchAll(store.db, sql: """
            SELECT e.* FROM training_enrolment e JOIN training_course c ON c.id = e.course_id
            WHERE e.official_id = ? ORDER BY e.completed_on IS NULL, e.completed_on, c.folded_code
            """, arguments: [officialID]).map(Self.enrolment(from:))
    }

    /// The enrolments of a class.
    func enrolments(classID: Int64) throws -> [Enrolment] {
        try Row.fetchAll(store.db, sql: "SELECT * FROM training_enrolment WHERE class_id = ?", arguments: [classID])
            .map(Self.enrolment(from:))
    }

    /// Completions within `from...to` (certificates issued), oldest first.
    func completions(from: Day?, to: Day?) throws -> [Enrolment] {
        try Row.fetchAll(store.db, sql: """
            SELECT * FROM training_enrolment WHERE completed_on IS NOT NULL AND completed_on >= ? AND completed_on <= ?
            ORDER BY completed_on, official_id, course_id
            """, arguments: [from?.description ?? "0000-00-00", to?.description ?? "9999-99-99"]).map(Self.enrolment(from:))
    }

    /// How many officials completed each course.
    func completedPerCourse() throws -> [Int64: Int] {
        var completed: [Int64: Int] = [:]
        for row in try Row.fetchAll(store.db, sql: """
            SELECT course_id, COUNT(*) AS n FROM training_enrolment WHERE status = 'completed' GROUP BY course_id
            """) { completed[row["course_id"]] = row["n"] }
        return completed
    }

    /// Per official, the topics of the courses they completed on or before `day`: what "trained" reads.
    func completedTopics(onOrBefore day: Day) throws -> [Int64: Set<String>] {
        // The few courses' topics first, then the completions as two integers each, from a cursor: a province
        // has tens of thousands of completions, and a join would spell every topic out again for each.
        var courseTopics: [Int64: Set<String>] = [:]
        for row in try Row.fetchAll(store.db, sql: "SELECT course_id, topic FROM training_course_topic") {
            courseTopics[row[0], default: []].insert(row[1])
        }
        var topics: [Int64: Set<String>] = [:]
        let rows = try Row.fetchCursor(store.db.cachedStatement(sql: """
            SELECT official_id, course_id FROM training_enrolment WHERE status = 'completed' AND completed_on <= ?
            """), arguments: [day.description])
        while let row = try rows.next() {
            guard let covered = courseTopics[row[1]] else { continue }
            let official: Int64 = row[0]
            // Most officials have completed one course: they share its set, hashed once.
            if topics[official] == nil { topics[official] = covered } else { topics[official]!.formUnion(covered) }
        }
        return topics
    }

    /// The latest completion day recorded: the default question is "as of the latest data".
    func latestCompletion() throws -> Day? {
        try String.fetchOne(store.db, sql: "SELECT MAX(completed_on) FROM training_enrolment").map { try Day(parsing: $0) }
    }

    /// Stores an enrolment (replacing the official's enrolment on that course), audited; skips it when nothing changes.
    @discardableResult
    func write(_ enrolment: Enrolment, key: String, unitCode: String?) throws -> Change {
        _ = try store.requireMutation("training enrol")
        if let score = enrolment.score, !(0...100).contains(score) {
            throw DomainError.invalid("a score is between 0 and 100, not \(Figures.number(score))")
        }
        let existing = try self.enrolment(officialID: enrolment.officialID, courseID: enrolment.courseID)
        if let existing, existing.sameFacts(as: enrolment) { return .unchanged }
        let statement = try store.db.cachedStatement(sql: """
            INSERT INTO training_enrolment (official_id, course_id, class_id, status, score, completed_on, certificate, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (official_id, course_id) DO UPDATE SET class_id = excluded.class_id, status = excluded.status,
                score = excluded.score, completed_on = excluded.completed_on, certificate = excluded.certificate,
                source = excluded.source
            """)
        try statement.execute(arguments: [enrolment.officialID, enrolment.courseID, enrolment.classID, enrolment.status.rawValue,
                                          enrolment.score, enrolment.completedOn?.description, enrolment.certificate, enrolment.source])
        try store.audit.record(module: TrainingPlugin.moduleName, entity: "enrolment", key: key, unit: unitCode,
                               before: existing?.auditValue, after: enrolment.auditValue)
        return existing.map { .changed(from: $0) } ?? .added
    }

    static func enrolment(from row: Row) throws -> Enrolment {
        let completed: String? = row["completed_on"]
        return Enrolment(officialID: row["official_id"], courseID: row["course_id"], classID: row["class_id"],
                         status: EnrolmentStatus(rawValue: row["status"]) ?? .enrolled, score: row["score"],
                         completedOn: try completed.map { try Day(parsing: $0) }, certificate: row["certificate"],
                         source: row["source"])
    }

    // MARK: Headcounts

    /// Records how many officials a unit has in a year; returns the previous figures. Audited when they change.
    func setHeadcount(_ headcount: Headcount, unit: Unit) throws -> Headcount? {
        _ = try store.requireMutation("training headcount set")
        let before = try self.headcount(unitID: unit.id, year: headcount.year)
        if before == headcount { return before }
        try store.db.execute(sql: """
            INSERT INTO training_headcount (unit_id, year, managers, officials) VALUES (?, ?, ?, ?)
            ON CONFLICT (unit_id, year) DO UPDATE SET managers = excluded.managers, officials = excluded.officials
            """, arguments: [unit.id, headcount.year, headcount.managers, headcount.officials])
        func value(_ h: Headcount) -> JSONValue { .object(["managers": .number(h.managers), "officials": h.officials.map { .number($0) }]) }
        try store.audit.record(module: TrainingPlugin.moduleName, entity: "headcount", key: "\(unit.code)/\(headcount.year)",
                               unit: unit.code, before: before.map(value), after: value(headcount))
        return before
    }

    func headcount(unitID: Int64, year: Int) throws -> Headcount? {
        try Row.fetchOne(store.db, sql: "SELECT * FROM training_headcount WHERE unit_id = ? AND year = ?", arguments: [unitID, year])
            .map { Headcount(unitID: $0["unit_id"], year: $0["year"], managers: $0["managers"], officials: $0["officials"]) }
    }

    /// Every headcount, by year then unit, of one year or all.
    func allHeadcounts(year: Int?) throws -> [Headcount] {
        try Row.fetchAll(store.db, sql: "SELECT * FROM training_headcount WHERE ? IS NULL OR year = ? ORDER BY year, unit_id",
                         arguments: [year, year])
            .map { Headcount(unitID: $0["unit_id"], year: $0["year"], managers: $0["managers"], officials: $0["officials"]) }
    }

    /// The headcounts of a year, by unit.
    func headcounts(year: Int) throws -> [Int64: Headcount] {
        var result: [Int64: Headcount] = [:]
        for row in try Row.fetchAll(store.db, sql: "SELECT * FROM training_headcount WHERE year = ?", arguments: [year]) {
            result[row["unit_id"]] = Headcount(unitID: row["unit_id"], year: row["year"], managers: row["managers"], officials: row["officials"])
        }
        return result
    }
}

extension Enrolment {
    /// Equal but for where it came from: an import of what was entered changes nothing.
    func sameFacts(as other: Enrolment) -> Bool {
        var a = self, b = other
        a.source = ""; b.source = ""
        return a == b
    }
}

extension DomainStore {
    /// Enrolments, completions and headcounts.
    var enrolments: EnrolmentBook { EnrolmentBook(store: self) }
}
