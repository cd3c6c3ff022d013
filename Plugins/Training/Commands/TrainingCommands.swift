import NTMCore
import ShellKit

/// The `training` commands, declared as data (`TrainingCommands+*.swift`), and what they share: access to
/// the workspace, arguments with completion (units, officials, courses, classes, roles), error wording.
struct TrainingCommands {
    let session: WorkspaceSession?

    /// Access for one running command: its mutations are audited with the command line as typed.
    func access(_ context: CommandContext) throws -> SessionAccess {
        guard let session else {
            throw ShellError.failed("'\(context.spec.name)' needs a database: this training plugin was registered without a workspace")
        }
        return SessionAccess(session: session, commandLine: context.commandLine, operation: context.spec.name)
    }

    // MARK: Argument types

    /// A unit by code or name, completed from the registry (diacritic-insensitive: `phuc` finds Phúc Hòa).
    func unitType(level: UnitLevel? = nil) -> ValueType {
        let session = session
        return .entity("unit", placeholder: "UNIT", validate: { raw in
            guard !raw.trimmingBlanks().isEmpty else { throw ValueError("expected a unit code or name") }
            return raw
        }, completeBounded: { typed in
            guard let session else { return CandidateList([]) }
            let list = try? session.read { try $0.units.completionList(for: typed, level: level, limit: 60) }
            return CandidateList((list?.matches ?? []).map {
                Candidate($0.insertion(forTyped: typed), display: $0.listing, summary: $0.districtName)
            }, more: list?.more ?? 0)
        })
    }

    /// An official by registry number or name, completed from the registry (through its indexes).
    var officialType: ValueType {
        let session = session
        return .entity("official", placeholder: "OFFICIAL", validate: { raw in
            guard !raw.trimmingBlanks().isEmpty else { throw ValueError("expected an official's registry number or name") }
            return raw
        }, complete: { typed in
            guard let session else { return [] }
            let found = (try? session.read { store -> [Candidate] in
                let index = try store.units.index()
                return try store.officials.completions(for: typed, limit: 60).map { pair in
                    let unit = pair.unitID.flatMap { index.unit(id: $0) }
                    let insertion = Int64(NameFolding.fold(typed)) != nil ? String(pair.official.id) : pair.official.fullName
                    return Candidate(insertion, display: "\(pair.official.id)  \(pair.official.fullName)",
                                     summary: unit?.name)
                }
            }) ?? []
            return found
        })
    }

    /// A course by code, completed from the catalogue.
    var courseType: ValueType {
        let session = session
        return .entity("course", placeholder: "COURSE", complete: { typed in
            guard let session else { return [] }
            let key = NameFolding.fold(typed)
            let all = (try? session.read { try $0.courses.all() }) ?? []
            return all.filter { key.isEmpty || NameFolding.fold($0.code).hasPrefix(key) || NameFolding.fold($0.title).contains(key) }
                .map { Candidate($0.code, summary: $0.title) }
        })
    }

    /// A class by number, completed from the classes held.
    var classType: ValueType {
        let session = session
        return .entity("class", placeholder: "CLASS", complete: { typed in
            guard let session else { return [] }
            let found = (try? session.read { store -> [Candidate] in
                let courses = Dictionary(uniqueKeysWithValues: try store.courses.all().map { ($0.id, $0) })
                return try store.courses.classes().filter { typed.isEmpty || String($0.id).hasPrefix(typed) }.prefix(60).map { held in
                    Candidate(String(held.id), summary: "\(courses[held.courseID]?.code ?? "?") from \(held.starts)")
                }
            }) ?? []
            return found
        })
    }

    /// A role by code, completed from the roles recorded.
    var roleType: ValueType {
        let session = session
        return .entity("role", placeholder: "ROLE", complete: { typed in
            guard let session else { return Role.programme.map { Candidate($0.code, summary: $0.name) } }
            let roles = (try? session.read { try $0.officials.roles() }) ?? Role.programme
            return roles.filter { $0.code.hasPrefix(typed.lowercased()) }.map { Candidate($0.code, summary: $0.name) }
        })
    }

    /// A topic, completed from the known ones and those in use.
    var topicType: ValueType {
        let session = session
        return .entity("topic", placeholder: "TOPIC", complete: { typed in
            let topics = (try? session?.read { try $0.courses.knownTopics() }) ?? Topic.known
            let key = NameFolding.fold(typed)
            return topics.filter { $0.hasPrefix(key) }.map { Candidate($0) }
        })
    }

    static var modeType: ValueType { .choice(CourseMode.allCases.map(\.rawValue)) }
    static var statusType: ValueType { .choice(EnrolmentStatus.allCases.map(\.rawValue)) }
    static var measureType: ValueType { .choice(TrainingCensus.Measure.allCases.map(\.rawValue)) }

    static var yearType: ValueType {
        ValueType(name: "year", placeholder: "YEAR") { raw in
            guard raw.count == 4, let year = Int(raw), (2000...2100).contains(year) else { throw ValueError("expected a year such as 2025") }
            return raw
        }
    }

    static var scoreType: ValueType {
        ValueType(name: "score", placeholder: "SCORE") { raw in
            guard let value = Double(raw), (0...100).contains(value) else { throw ValueError("expected a score from 0 to 100") }
            return raw
        }
    }

    static var hoursType: ValueType {
        ValueType(name: "hours", placeholder: "HOURS") { raw in
            guard let value = Double(raw), value > 0, value.isFinite else { throw ValueError("expected a number of hours above 0") }
            return raw
        }
    }

    // MARK: Resolving

    /// The unit `argument` names among units valid on `day`.
    func resolveUnit(_ context: CommandContext, _ argument: String, on day: Day, index: UnitIndex, level: UnitLevel? = nil) throws -> Unit {
        let text = context.arguments.string(argument) ?? ""
        do {
            return try index.resolve(text, asOf: day, level: level)
        } catch let error as DomainError {
            throw ShellError.failed(error.message, at: context.arguments.word(for: argument))
        }
    }

    /// A unit valid today, else one valid on the programme's reference day (a commune merged away in 2025
    /// still has its officials and flags).
    static func resolveNowOrThen(_ text: String, index: UnitIndex, level: UnitLevel? = nil, on day: Day = .today()) throws -> Unit {
        do {
            return try index.resolve(text, asOf: day, level: level)
        } catch DomainError.unknownUnit(let input, let day, let suggestions, let note) {
            if let unit = try? index.resolve(text, asOf: .programmeReference, level: level) { return unit }
            throw DomainError.unknownUnit(input: input, asOf: day, suggestions: suggestions, note: note)
        }
    }

    /// Runs a lookup, pointing at the argument when it fails.
    static func pointing<T>(_ context: CommandContext, _ argument: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DomainError {
            throw ShellError.failed(error.message, at: context.arguments.word(for: argument))
        }
    }

    /// The official `argument` names.
    static func official(_ context: CommandContext, _ store: DomainStore, _ argument: String = "official") throws -> Official {
        try pointing(context, argument) { try store.officials.resolve(context.arguments.string(argument) ?? "") }
    }

    /// The course `argument` names.
    static func course(_ context: CommandContext, _ store: DomainStore, _ argument: String = "course") throws -> Course {
        try pointing(context, argument) { try store.courses.resolve(context.arguments.string(argument) ?? "") }
    }

    /// The role `argument` names, if given.
    static func role(_ context: CommandContext, _ store: DomainStore, _ argument: String = "role") throws -> Role? {
        guard let text = context.arguments.string(argument) else { return nil }
        return try pointing(context, argument) { try store.officials.role(text) }
    }

    /// The date argument parsed, pointing at it when malformed; dates after today are refused.
    static func day(_ context: CommandContext, _ argument: String) throws -> Day? {
        guard let text = context.arguments.string(argument) else { return nil }
        let word = context.arguments.word(for: argument)
        let day: Day
        do { day = try Day(parsing: text) } catch { throw ShellError.usage(error.domainMessage, at: word) }
        guard day <= Day.today() else { throw ShellError.failed("\(day) is in the future", at: word) }
        return day
    }

    /// `--year`, or the year of the latest completion (the programme's reference year when there is none),
    /// and whether it was chosen for the user.
    static func yearOrLatest(_ context: CommandContext, _ store: DomainStore) throws -> (Int, chosen: Bool) {
        if let year = context.arguments.int("year") { return (year, false) }
        return ((try store.enrolments.latestCompletion())?.year ?? Day.programmeReference.year, true)
    }

    // MARK: Errors

    /// Runs a command body, turning the module's errors into shell errors: refusals fail (exit 1) with their
    /// reason, unreadable files exit 3; anything else (a database that cannot be opened) is left to the host.
    static func reporting(_ context: CommandContext, _ body: () throws -> CommandResult) throws -> CommandResult {
        do {
            return try body()
        } catch let error as ShellError {
            throw error
        } catch let error as ImportError {
            if error.isUnreadableFile { throw ShellError(.unreadableFile, error.message) }
            throw ShellError.failed(error.message)
        } catch let error as DomainError {
            switch error {
            case .invalid, .notFound, .unknownUnit, .ambiguousUnit, .malformedDate, .malformedPeriod:
                throw ShellError.failed(error.message)
            default:
                throw error
            }
        }
    }
}

/// Cells for figures that may be missing.
extension Cell {
    static func count(_ value: Int?) -> Cell { value.map(Cell.integer) ?? .null }
}
