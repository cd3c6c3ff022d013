import NTMCore
import ShellKit

/// The `telecom` commands, declared as data (`TelecomCommands+*.swift`), and what they share: access
/// to the workspace, unit arguments with completion, and error wording.
struct TelecomCommands {
    let session: WorkspaceSession?

    /// Access for one running command: its mutations are audited with the command line as typed.
    func access(_ context: CommandContext) throws -> SessionAccess {
        guard let session else {
            throw ShellError.failed("'\(context.spec.name)' needs a database: this telecom plugin was registered without a workspace")
        }
        return SessionAccess(session: session, commandLine: context.commandLine, operation: context.spec.name)
    }

    // MARK: Argument types

    /// A unit by code or name, completed from the registry (diacritic-insensitive: `phuc` finds Phúc Hòa).
    func unitType(level: UnitLevel? = nil) -> ValueType {
        let session = session
        return .entity(level == .village ? "village" : "unit", placeholder: level == .village ? "VILLAGE" : "UNIT", validate: { raw in
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

    /// Operators, comma-separated, completed from the registry (the last name typed).
    var operatorsType: ValueType {
        let session = session
        return .entity("operators", placeholder: "OPERATORS", complete: { typed in
            guard let session else { return [] }
            let names = ((try? session.read { try $0.telecomOperators.names() }) ?? []) + ["none"]
            let head = typed.lastIndex(of: ",").map { String(typed[...$0]) } ?? ""
            let last = NameFolding.fold(String(typed.dropFirst(head.count)))
            return names.filter { NameFolding.fold($0).hasPrefix(last) }.map { Candidate(head + $0) }
        })
    }

    static var yesNo: ValueType { .choice(["yes", "no"]) }

    // MARK: Resolving

    /// The unit `argument` names among units valid on `day` (or, failing that, the unit's version
    /// valid on another day it is asked about).
    func resolveUnit(_ context: CommandContext, _ argument: String, on day: Day, index: UnitIndex,
                     level: UnitLevel? = nil) throws -> Unit {
        let text = context.arguments.string(argument) ?? ""
        do {
            return try index.resolve(text, asOf: day, level: level)
        } catch let error as DomainError {
            // A unit of another level named where this one was expected: say so rather than "unknown".
            if case .unknownUnit = error, let level, let other = try? index.resolve(text, asOf: day) {
                throw ShellError.failed("\(other.name) (\(other.code)) is a \(other.level.rawValue): "
                    + (level == .village ? "this command takes a village (unit add CODE NAME --in COMMUNE adds one)"
                                         : "this command takes a commune, ward or township"),
                    at: context.arguments.word(for: argument))
            }
            throw ShellError.failed(error.message, at: context.arguments.word(for: argument))
        }
    }

    /// The unit `argument` names, for commands that show a unit's whole history: among units valid
    /// on the programme's reference day, else today.
    func resolveShown(_ context: CommandContext, _ argument: String, index: UnitIndex, level: UnitLevel) throws -> Unit {
        do {
            return try resolveUnit(context, argument, on: .programmeReference, index: index, level: level)
        } catch {
            if let unit = try? resolveUnit(context, argument, on: Day.today(), index: index, level: level) { return unit }
            throw error
        }
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

    /// `yes`/`no` options as booleans.
    static func yesNo(_ context: CommandContext, _ argument: String) -> Bool? {
        context.arguments.string(argument).map { $0 == "yes" }
    }

    /// Runs `parse`, pointing at the argument when it fails.
    static func parsing<T>(_ context: CommandContext, _ argument: String, _ parse: (String) throws -> T) throws -> T? {
        guard let text = context.arguments.string(argument) else { return nil }
        do {
            return try parse(text)
        } catch let error as DomainError {
            throw ShellError.failed(error.message, at: context.arguments.word(for: argument))
        }
    }

    /// `--as-of`, or the latest survey date (today when there is none), and whether it was chosen for the user.
    static func asOf(_ context: CommandContext, _ store: DomainStore) throws -> (Day, chosen: Bool) {
        if let day = try day(context, "as-of") { return (day, false) }
        return (try store.villageSurveys.latestDate() ?? Day.today(), true)
    }

    /// The `--in` unit, or the province valid on the day.
    func area(_ context: CommandContext, index: UnitIndex, day: Day) throws -> Unit {
        if context.arguments.has("in") {
            return try resolveUnit(context, "in", on: day, index: index)
        }
        guard let province = index.units(on: day, level: .province).first else {
            throw ShellError.failed("no province is recorded on \(day)")
        }
        return province
    }

    // MARK: Errors

    /// Runs a command body, turning the module's errors into shell errors: refused evidence and bad
    /// rows fail (exit 1) with their reason; anything else is left to the host.
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

extension Cell {
    static func count(_ value: Int?) -> Cell { value.map(Cell.integer) ?? .null }
    static func yesNo(_ value: Bool?) -> Cell { value.map { .text($0 ? "yes" : "no") } ?? .null }
}
