import Foundation
import GRDB
import NTMCore

/// `training import`: tells the file's shape from its header, checks every row, and writes them all or none.
///
/// - **Roster of officials** (`full_name,unit_code,role,manager,national_id,since,official_no`): registers
///   officials, or updates those already registered (found by registry number, by national ID number, or by
///   name and unit); an official found in another unit is moved there from `since`.
/// - **Completions** (`official_no | national_id | full_name, course_code, completed_on, certificate, score`),
///   from a learning platform or a provider's list.
/// - **Moodle course-completion export** (the course's *Course completion* report downloaded as CSV: `ID`,
///   `Name`, identity fields such as `ID number`, one column per criterion, `Course complete`), with `--course`.
///
/// Everything happens in one mutation, row by row: a bad row anywhere rolls the whole file back, so the
/// database is as it was. Importing the same file again finds every row as it is and changes nothing.
/// National ID numbers are hashed (``NationalIDHasher``) as they are read; no message quotes one.
struct TrainingImport {
    enum Shape: Equatable {
        case roster
        case completions
        case moodle

        var description: String {
            switch self {
            case .roster: return "roster of officials"
            case .completions: return "completions"
            case .moodle: return "Moodle course-completion export"
            }
        }
    }

    struct Outcome: Equatable {
        var shape: Shape
        var rowsRead = 0
        var added = 0
        var changed = 0
        var moved = 0
        var unchanged = 0
        /// Moodle rows of learners who have not completed the course.
        var notCompleted = 0
    }

    struct Progress {
        var start: (_ total: Int?) -> Void = { _ in }
        var update: (Int) throws -> Void = { _ in }
        var finish: () -> Void = {}
    }

    static let rosterColumns = (required: ["full_name", "unit_code", "role"],
                                optional: ["manager", "national_id", "since", "official_no", "unit_name"])
    static let completionColumns = (required: ["course_code", "completed_on"],
                                    optional: ["official_no", "national_id", "full_name", "unit_code", "unit_name", "certificate", "score"])

    let path: String
    let displayName: String
    /// The course of a Moodle export (the export itself does not name it).
    let course: String?

    /// Tells the shape from the header.
    static func shape(of header: [String], file: String, course: String?) throws -> Shape {
        let names = header.map { $0.lowercased() }
        if names.contains("course complete") {
            guard course != nil else {
                throw ImportError(file: file, line: 1, reason: "a Moodle course-completion export does not name its course: give it with --course")
            }
            return .moodle
        }
        if names.contains("course_code") { return .completions }
        if names.contains("full_name") { return .roster }
        throw ImportError(file: file, line: 1, reason: "cannot tell what the file holds from its header: expected a roster "
            + "(full_name,unit_code,role,...), completions (official_no or national_id or full_name, course_code, completed_on, ...) "
            + "or a Moodle course-completion export (a 'Course complete' column)")
    }

    /// Runs the import through one atomic, audited mutation of `access`.
    func run(_ access: some DomainAccess, progress: Progress = Progress()) throws -> Outcome {
        let reader = try CSVReader(path: path, name: displayName)
        let header = try reader.readHeader().map { $0.trimmingCharacters(in: .whitespaces) }
        let shape = try Self.shape(of: header, file: displayName, course: course)
        let columns: [String: Int]
        switch shape {
        case .roster: columns = try Self.check(header, Self.rosterColumns, file: displayName)
        case .completions: columns = try Self.check(header, Self.completionColumns, file: displayName)
        case .moodle:
            var found: [String: Int] = [:]
            for (index, name) in header.enumerated() { found[name.lowercased()] = found[name.lowercased()] ?? index }
            guard found["name"] != nil || found["id number"] != nil else {
                throw ImportError(file: displayName, line: 1, reason: "a Moodle export needs the 'Name' column (or 'ID number')")
            }
            columns = found
        }
        let total = Self.lineCount(path)
        progress.start(total.map { max($0 - 1, 0) })
        defer { progress.finish() }
        return try access.mutate { store -> Outcome in
            var run = Run(store: store, file: displayName, header: header, columns: columns, source: "import \(displayName)",
                          outcome: Outcome(shape: shape), index: try store.units.index())
            if shape != .roster { run.course = try run.courseNamed(course, line: 1) }
            while try reader.next() {
                guard reader.count == header.count else {
                    throw ImportError(file: displayName, line: reader.line,
                                      reason: "expected \(header.count) fields, found \(reader.count)")
                }
                let row = FileRow(line: reader.line, values: try reader.fields())
                run.outcome.rowsRead += 1
                switch shape {
                case .roster: try run.roster(row)
                case .completions, .moodle: try run.completion(row, moodle: shape == .moodle)
                }
                try progress.update(run.outcome.rowsRead)
            }
            return run.outcome
        }
    }

    /// Checks the header's names: unknown, repeated and missing columns are errors at line 1.
    static func check(_ header: [String], _ columns: (required: [String], optional: [String]), file: String) throws -> [String: Int] {
        var found: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            guard columns.required.contains(name) || columns.optional.contains(name) else {
                throw ImportError(file: file, line: 1, column: name, reason: "unknown column; expected "
                    + columns.required.joined(separator: ", ") + " (optional: " + columns.optional.joined(separator: ", ") + ")")
            }
            guard found[name] == nil else { throw ImportError(file: file, line: 1, column: name, reason: "the column appears twice") }
            found[name] = index
        }
        for name in columns.required where found[name] == nil {
            throw ImportError(file: file, line: 1, column: name, reason: "required column missing")
        }
        return found
    }

    static func lineCount(_ path: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return data.reduce(0) { $1 == 10 ? $0 + 1 : $0 }
    }

    /// One row's values, by column.
    struct FileRow {
        var line: Int
        var values: [String]
    }

    /// The state of one import: what was seen, for duplicates, and what was done.
    struct Run {
        let store: DomainStore
        let file: String
        let header: [String]
        let columns: [String: Int]
        let source: String
        var outcome: Outcome
        let index: UnitIndex
        var course: Course?
        var hasher: NationalIDHasher?
        var roles: [Role]?
        /// Courses already named in the file, by folded code: a file names a few courses many times.
        var courses: [String: Course] = [:]
        /// Lines already seen, by what identifies the row.
        var seen: [String: Int] = [:]
        /// Lines already seen, by the hash of their national ID number (kept apart from ``seen``: no key text to build).
        var seenIDs: [[UInt8]: Int] = [:]

        func value(_ row: FileRow, _ column: String) -> String? {
            guard let index = columns[column], index < row.values.count else { return nil }
            let text = Self.trimmed(row.values[index])
            return text.isEmpty ? nil : text
        }

        /// The text without blanks at either end (`CharacterSet.whitespaces`: Unicode's space separators and
        /// the tab). Foundation's trimming is the costliest step of a roster import and a field rarely has
        /// blanks, so only a field that starts or ends with one goes through it.
        static func trimmed(_ text: String) -> String {
            func isBlank(_ scalar: Unicode.Scalar) -> Bool {
                scalar.isASCII ? scalar == " " || scalar == "\t" : scalar.properties.generalCategory == .spaceSeparator
            }
            guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
                  isBlank(first) || isBlank(last) else { return text }
            return text.trimmingCharacters(in: .whitespaces)
        }

        func error(_ row: FileRow, _ column: String?, _ reason: String) -> ImportError {
            ImportError(file: file, line: row.line, column: column.map { name in header.first { $0.lowercased() == name } ?? name }, reason: reason)
        }

        func require(_ row: FileRow, _ column: String) throws -> String {
            guard let text = value(row, column) else { throw error(row, column, "a value is required") }
            return text
        }

        /// A day `YYYY-MM-DD` (a time after it is ignored), or Moodle's `dd/mm/yy, HH:MM` and `dd/mm/yyyy`; not in the future.
        func day(_ row: FileRow, _ column: String, _ text: String) throws -> Day {
            let datePart = String(text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "T" }).first ?? "")
            var parsed: Day?
            if datePart.contains("/") {
                let parts = datePart.split(separator: "/").map(String.init)
                if parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), var y = Int(parts[2]) {
                    if parts[2].count == 2 { y += 2000 }
                    parsed = Day(year: y, month: m, day: d)
                }
            } else {
                parsed = try? Day(parsing: datePart)
            }
            guard let parsed else {
                throw error(row, column, "'\(text.prefix(24))' is not a date (YYYY-MM-DD, or dd/mm/yyyy as Moodle writes it)")
            }
            guard parsed <= Day.today() else { throw error(row, column, "\(parsed) is in the future") }
            return parsed
        }

        /// The keyed hash of the row's national ID number, if it has one. The number is never quoted.
        mutating func idHash(_ row: FileRow) throws -> [UInt8]? {
            guard let text = value(row, "national_id") else { return nil }
            let normalised: String
            do { normalised = try NationalIDHasher.normalise(text) } catch { throw self.error(row, "national_id", error.domainMessage) }
            if hasher == nil { hasher = try NationalIDHasher.load(store.db) }
            return hasher!.hash(normalised)
        }

        /// Refuses a row identified like an earlier one.
        mutating func once(_ key: String, _ row: FileRow, _ what: String) throws {
            if let earlier = seen[key] { throw error(row, nil, "\(what) as line \(earlier): a duplicate") }
            seen[key] = row.line
        }

        func courseNamed(_ code: String?, line: Int) throws -> Course? {
            guard let code else { return nil }
            do { return try store.courses.resolve(code) } catch {
                throw ImportError(file: file, line: line, reason: "--course: \(error.domainMessage)")
            }
        }

        // MARK: Rosters

        mutating func roster(_ row: FileRow) throws {
            let name = try require(row, "full_name")
            let since = try value(row, "since").map { try day(row, "since", $0) }
            let unitText = try require(row, "unit_code")
            let unit: Unit
            do { unit = try index.resolve(unitText, asOf: since ?? Day.today()) } catch {
                if since == nil, let earlier = try? index.resolve(unitText, asOf: .programmeReference) { unit = earlier }
                else { throw self.error(row, "unit_code", error.domainMessage) }
            }
            if roles == nil { roles = try store.officials.roles() }
            let roleText = try require(row, "role")
            guard let role = roles!.first(where: { $0.code == roleText.lowercased() || NameFolding.fold($0.name) == NameFolding.fold(roleText) }) else {
                throw error(row, "role", "unknown role '\(roleText)': expected one of \(roles!.map(\.code).joined(separator: ", "))")
            }
            let isManager: Bool
            do { isManager = try value(row, "manager").map(RecordFile.flag) ?? false } catch { throw self.error(row, "manager", error.domainMessage) }
            let hash = try idHash(row)
            let number = try value(row, "official_no").map { text -> Int64 in
                guard let number = Int64(text) else { throw error(row, "official_no", "'\(text)' is not a registry number") }
                return number
            }
            // Duplicates within the file: the same ID number, registry number, or name in the same unit.
            if let hash {
                if let earlier = seenIDs[hash] { throw error(row, nil, "the same national ID number as line \(earlier): a duplicate") }
                seenIDs[hash] = row.line
            }
            if let number { try once("no:\(number)", row, "the same registry number") }
            let foldedName = NameFolding.fold(name)
            try once("name:\(foldedName)@\(unit.id)", row, "the same name and unit")

            guard let existing = try find(folded: foldedName, unit: unit, hash: hash, number: number, row: row) else {
                _ = try store.officials.add(name: name, role: role, isManager: isManager, unit: unit, since: since ?? Day.today(), idHash: hash)
                outcome.added += 1
                return
            }
            var changed = false
            let updated = try store.officials.update(existing, name: name, role: role, isManager: isManager,
                                                     idHash: existing.hasNationalID ? nil : hash)
            if updated != existing { changed = true }
            if let current = try store.officials.currentAssignment(of: existing.id), current.unitID != unit.id,
               TrainingCensus.current(index.unit(id: current.unitID) ?? unit, on: since ?? Day.today(), index: index).id != unit.id {
                guard let since else {
                    throw error(row, "since", "\(existing.label) serves \(index.unit(id: current.unitID)?.name ?? "another unit"): give the day of the move")
                }
                do { _ = try store.officials.move(existing, to: unit, on: since) } catch { throw self.error(row, "since", error.domainMessage) }
                outcome.moved += 1
                return
            }
            if changed { outcome.changed += 1 } else { outcome.unchanged += 1 }
        }

        /// The registered official a roster row stands for, if any.
        func find(folded: String, unit: Unit, hash: [UInt8]?, number: Int64?, row: FileRow) throws -> Official? {
            if let number {
                guard let official = try store.officials.official(id: number) else {
                    throw error(row, "official_no", "no official no. \(number) is registered")
                }
                return official
            }
            if let hash, let id = try officialID(hash: hash) {
                return try store.officials.official(id: id)
            }
            // By name in the same unit, when that official has no other ID number. The name's index leads
            // (few officials share a name), then each one's open assignment.
            let candidates = try Int64.fetchAll(store.db.cachedStatement(sql: """
                SELECT o.id FROM training_official o
                WHERE o.folded_name = ? AND (? IS NULL OR o.id_hash IS NULL)
                  AND EXISTS (SELECT 1 FROM training_assignment a WHERE a.official_id = o.id AND a.valid_to IS NULL AND a.unit_id = ?)
                """), arguments: [folded, hash.map { Data($0) }, unit.id])
            return try candidates.count == 1 ? store.officials.official(id: candidates[0]) : nil
        }

        /// The official holding this ID number's hash, if any.
        func officialID(hash: [UInt8]) throws -> Int64? {
            try Int64.fetchOne(store.db.cachedStatement(sql: "SELECT id FROM training_official WHERE id_hash = ?"), arguments: [Data(hash)])
        }

        // MARK: Completions

        mutating func completion(_ row: FileRow, moodle: Bool) throws {
            let completedText = value(row, moodle ? "course complete" : "completed_on")
            guard let completedText else {
                if moodle { outcome.notCompleted += 1; return }
                throw error(row, "completed_on", "a value is required")
            }
            let completed = try day(row, moodle ? "course complete" : "completed_on", completedText)
            let course: Course
            if moodle {
                course = self.course!
            } else {
                let code = try require(row, "course_code")
                if let known = courses[NameFolding.fold(code)] {
                    course = known
                } else {
                    do { course = try store.courses.resolve(code) } catch { throw self.error(row, "course_code", error.domainMessage) }
                    courses[NameFolding.fold(code)] = course
                }
            }
            let official = try officialOf(row, moodle: moodle)
            try once("done:\(official.id)/\(course.id)", row, "the same official and course")
            let score = try value(row, "score").map { text -> Double in
                guard let score = Double(text), (0...100).contains(score) else { throw error(row, "score", "'\(text)' is not a score from 0 to 100") }
                return score
            }
            let existing = try store.enrolments.enrolment(officialID: official.id, courseID: course.id)
            var enrolment = existing ?? Enrolment(officialID: official.id, courseID: course.id, classID: nil, status: .enrolled,
                                                  score: nil, completedOn: nil, certificate: nil, source: source)
            enrolment.status = .completed
            enrolment.completedOn = completed
            if let certificate = value(row, "certificate") { enrolment.certificate = certificate }
            if let score { enrolment.score = score }
            if existing.map({ !$0.sameFacts(as: enrolment) }) ?? true { enrolment.source = source }
            let unitCode = try TrainingCommands.unitCode(of: official, store)
            switch try store.enrolments.write(enrolment, key: "official/\(official.id)/\(course.code)", unitCode: unitCode) {
            case .added: outcome.added += 1
            case .changed: outcome.changed += 1
            case .unchanged: outcome.unchanged += 1
            }
        }

        /// The official a completion row names: registry number (Moodle: `ID number`), national ID number, or name.
        mutating func officialOf(_ row: FileRow, moodle: Bool) throws -> Official {
            let numberColumn = moodle ? "id number" : "official_no"
            if let text = value(row, numberColumn) {
                guard let number = Int64(text), let official = try store.officials.official(id: number) else {
                    throw error(row, numberColumn, "no official no. \(text.prefix(12)) is registered")
                }
                return official
            }
            if !moodle, let hash = try idHash(row) {
                guard let id = try officialID(hash: hash),
                      let official = try store.officials.official(id: id) else {
                    throw error(row, "national_id", "no official with this national ID number is registered (import the roster first)")
                }
                return official
            }
            let nameColumn = moodle ? "name" : "full_name"
            guard let name = value(row, nameColumn) else {
                throw error(row, nil, moodle ? "the row has neither an ID number nor a name"
                                              : "the row names no official: give official_no, national_id or full_name")
            }
            var ids = try Int64.fetchAll(store.db.cachedStatement(sql: "SELECT id FROM training_official WHERE folded_name = ?"),
                                         arguments: [NameFolding.fold(name)])
            if ids.count > 1, !moodle, let unitText = value(row, "unit_code") {
                let unit = try? index.resolve(unitText, asOf: Day.today())
                ids = try ids.filter { id in try store.officials.currentAssignment(of: id)?.unitID == unit?.id }
            }
            guard ids.count == 1, let official = try store.officials.official(id: ids[0]) else {
                throw error(row, nameColumn, ids.isEmpty ? "no official named '\(name)' is registered"
                    : "\(ids.count) officials are named '\(name)' (no. \(ids.map { String($0) }.joined(separator: ", "))): give the registry number")
            }
            return official
        }
    }
}
