import GRDB
import NTMCore
import ShellKit

/// Courses and the classes that hold them (`store.courses`); every change audited.
struct CourseCatalogue {
    let store: DomainStore

    // MARK: Courses

    /// Every course, by code.
    func all() throws -> [Course] {
        let topics = try topicsByCourse()
        return try Row.fetchAll(store.db, sql: "SELECT * FROM training_course ORDER BY folded_code").map { row in
            Self.course(from: row, topics: topics[row["id"]] ?? [])
        }
    }

    func course(id: Int64) throws -> Course? {
        guard let row = try Row.fetchOne(store.db, sql: "SELECT * FROM training_course WHERE id = ?", arguments: [id]) else { return nil }
        return Self.course(from: row, topics: try topics(of: id))
    }

    /// The course with this code (any case), or with a title that contains the text and no other has.
    func resolve(_ reference: String) throws -> Course {
        let text = reference.trimmingBlanks()
        if let row = try Row.fetchOne(store.db, sql: "SELECT * FROM training_course WHERE folded_code = ?",
                                      arguments: [NameFolding.fold(text)]) {
            return Self.course(from: row, topics: try topics(of: row["id"]))
        }
        let folded = NameFolding.fold(text)
        let rows = try Row.fetchAll(store.db, sql: "SELECT * FROM training_course WHERE instr(ntm_fold(title), ?) > 0 LIMIT 7",
                                    arguments: [folded])
        if rows.count == 1 { return Self.course(from: rows[0], topics: try topics(of: rows[0]["id"])) }
        if rows.count > 1 {
            throw DomainError.invalid("ambiguous course '\(reference)': "
                + rows.prefix(6).map { "\($0["code"] as String) \($0["title"] as String)" }.joined(separator: "; ") + " — give the code")
        }
        let count = try Int.fetchOne(store.db, sql: "SELECT COUNT(*) FROM training_course") ?? 0
        throw DomainError.notFound("no course '\(reference)'" + (count == 0 ? ": no courses are recorded yet (training course add)" : ": see 'training course list'"))
    }

    /// Adds a course; audited.
    func add(code: String, title: String, provider: String, mode: CourseMode, hours: Double, topics: [String]) throws -> Course {
        _ = try store.requireMutation("training course add")
        let code = code.trimmingBlanks(), title = title.trimmingBlanks(), provider = provider.trimmingBlanks()
        guard !code.isEmpty, !code.contains(" ") else { throw DomainError.invalid("a course code is one word (CDS-01)") }
        guard !title.isEmpty else { throw DomainError.invalid("a course needs a title") }
        guard !provider.isEmpty else { throw DomainError.invalid("a course needs a provider") }
        guard hours > 0 else { throw DomainError.invalid("a course lasts more than 0 hours") }
        var folded: [String] = []
        for topic in topics.map(Topic.canonical) where !topic.isEmpty && !folded.contains(topic) { folded.append(topic) }
        guard !folded.isEmpty else { throw DomainError.invalid("a course needs at least one topic (--topic \"digital transformation\")") }
        if let existing = try Row.fetchOne(store.db, sql: "SELECT code, title FROM training_course WHERE folded_code = ?",
                                           arguments: [NameFolding.fold(code)]) {
            throw DomainError.invalid("a course with the code '\(existing["code"] as String)' already exists (\(existing["title"] as String))")
        }
        try store.db.execute(sql: """
            INSERT INTO training_course (code, folded_code, title, provider, mode, hours) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [code, NameFolding.fold(code), title, provider, mode.rawValue, hours])
        let id = store.db.lastInsertedRowID
        for (position, topic) in folded.enumerated() {
            try store.db.execute(sql: "INSERT INTO training_course_topic (course_id, position, topic) VALUES (?, ?, ?)",
                                 arguments: [id, position, topic])
        }
        let course = Course(id: id, code: code, title: title, provider: provider, mode: mode, hours: hours, topics: folded)
        try store.audit.record(module: TrainingPlugin.moduleName, entity: "course", key: "course/\(code)", before: nil,
                               after: .object(["title": .string(title), "provider": .string(provider), "mode": .string(mode.rawValue),
                                               "hours": .number(hours), "topics": .array(folded.map { .string($0) })]))
        return course
    }

    private func topics(of courseID: Int64) throws -> [String] {
        try String.fetchAll(store.db, sql: "SELECT topic FROM training_course_topic WHERE course_id = ? ORDER BY position",
                            arguments: [courseID])
    }

    private func topicsByCourse() throws -> [Int64: [String]] {
        var topics: [Int64: [String]] = [:]
        for row in try Row.fetchAll(store.db, sql: "SELECT course_id, topic FROM training_course_topic ORDER BY course_id, position") {
            topics[row["course_id"], default: []].append(row["topic"])
        }
        return topics
    }

    /// Every topic used by a course, with the known ones, for completion.
    func knownTopics() throws -> [String] {
        let used = try String.fetchAll(store.db, sql: "SELECT DISTINCT topic FROM training_course_topic ORDER BY topic")
        return Topic.known + used.filter { !Topic.known.contains($0) }
    }

    static func course(from row: Row, topics: [String]) -> Course {
        Course(id: row["id"], code: row["code"], title: row["title"], provider: row["provider"],
               mode: CourseMode(rawValue: row["mode"]) ?? .inPerson, hours: row["hours"], topics: topics)
    }

    // MARK: Classes

    /// Adds a class of a course; audited.
    func addClass(course: Course, unit: Unit, starts: Day, ends: Day, trainer: String?) throws -> TrainingClass {
        _ = try store.requireMutation("training class add")
        guard ends >= starts else { throw DomainError.invalid("a class ends on or after the day it starts (\(starts))") }
        guard unit.isValid(on: starts) else {
            throw DomainError.invalid("\(unit.name) (\(unit.code)) is not a unit on \(starts) (\(unit.validityText))")
        }
        let trainer = trainer?.trimmingBlanks()
        try store.db.execute(sql: "INSERT INTO training_class (course_id, unit_id, starts, ends, trainer) VALUES (?, ?, ?, ?, ?)",
                             arguments: [course.id, unit.id, starts.description, ends.description, trainer])
        let held = TrainingClass(id: store.db.lastInsertedRowID, courseID: course.id, unitID: unit.id, starts: starts, ends: ends,
                                 trainer: trainer?.isEmpty == true ? nil : trainer)
        try store.audit.record(module: TrainingPlugin.moduleName, entity: "class", key: "class/\(held.id)", unit: unit.code, before: nil,
                               after: .object(["course": .string(course.code), "starts": .string(starts.description),
                                               "ends": .string(ends.description), "trainer": .text(held.trainer)]))
        return held
    }

    func trainingClass(id: Int64) throws -> TrainingClass? {
        try Row.fetchOne(store.db, sql: "SELECT * FROM training_class WHERE id = ?", arguments: [id]).map(Self.trainingClass(from:))
    }

    /// A class by its number.
    func resolveClass(_ reference: String) throws -> TrainingClass {
        let text = reference.trimmingBlanks().lowercased().replacing("no.", with: "").replacing("#", with: "").trimmingBlanks()
        guard let id = Int64(text) else { throw DomainError.invalid("expected a class number (see 'training class list'), not '\(reference)'") }
        guard let held = try trainingClass(id: id) else { throw DomainError.notFound("no class \(id): see 'training class list'") }
        return held
    }

    /// Classes, newest first, of one course or all.
    func classes(courseID: Int64? = nil) throws -> [TrainingClass] {
        let rows: [Row]
        if let courseID {
            rows = try Row.fetchAll(store.db, sql: "SELECT * FROM training_class WHERE course_id = ? ORDER BY starts DESC, id DESC",
                                    arguments: [courseID])
        } else {
            rows = try Row.fetchAll(store.db, sql: "SELECT * FROM training_class ORDER BY starts DESC, id DESC")
        }
        return try rows.map(Self.trainingClass(from:))
    }

    static func trainingClass(from row: Row) throws -> TrainingClass {
        TrainingClass(id: row["id"], courseID: row["course_id"], unitID: row["unit_id"], starts: try Day(parsing: row["starts"]),
                      ends: try Day(parsing: row["ends"]), trainer: row["trainer"])
    }
}

extension DomainStore {
    /// Courses and classes.
    var courses: CourseCatalogue { CourseCatalogue(store: self) }
}
