import NTMCore
import ShellKit

/// The `ehr` commands, declared as data (`EHealthCommands+*.swift`), and what they share: access
/// to the workspace, unit and facility arguments with completion, and error wording.
struct EHealthCommands {
    let session: WorkspaceSession?

    /// Access for one running command: its mutations are audited with the command line as typed.
    func access(_ context: CommandContext) throws -> SessionAccess {
        guard let session else {
            throw ShellError.failed("'\(context.spec.name)' needs a database: this ehr plugin was registered without a workspace")
        }
        return SessionAccess(session: session, commandLine: context.commandLine, operation: context.spec.name)
    }

    // MARK: Argument types

    /// A unit by code or name, completed from the registry (diacritic-insensitive: `phuc` finds Phúc Hòa).
    /// Checked when the command runs, against the units valid in the period asked about.
    func unitType(level: UnitLevel? = nil) -> ValueType {
        let session = session
        return .entity("unit", placeholder: "UNIT", validate: { raw in
            guard !raw.trimmingBlanks().isEmpty else { throw ValueError("expected a unit code or name") }
            return raw
        }, completeBounded: { typed in
            guard let session else { return CandidateList([]) }
            let list = try? session.read { try $0.units.completionList(for: typed, level: level, limit: 60) }
            let found = list?.matches ?? []
            return CandidateList(zip(found, found.alignedListings).map { match, listing in
                Candidate(match.insertion(forTyped: typed), display: listing, summary: match.districtName)
            }, more: list?.more ?? 0)
        })
    }

    /// A facility by name (or number), completed from those recorded.
    var facilityType: ValueType {
        let session = session
        return .entity("facility", placeholder: "FACILITY", complete: { typed in
            guard let session else { return [] }
            let found = (try? session.read { try $0.healthFacilities.containing(NameFolding.fold(typed)) }) ?? []
            return found.map { facility in
                Candidate(facility.name, summary: "facility \(facility.id), \(facility.level.rawValue)"
                    + (facility.connectedSince.map { ", online since \($0)" } ?? ", not connected"))
            }
        })
    }

    static var levelType: ValueType { .choice(HealthFacility.Level.allCases.map(\.rawValue)) }

    // MARK: Resolving

    /// The unit `argument` names, among units valid on the period's last day (or, failing that,
    /// its first day: a unit merged away during the period still has figures for it).
    func resolveUnit(_ context: CommandContext, _ argument: String, period: Period, index: UnitIndex,
                     level: UnitLevel? = nil) throws -> Unit {
        let text = context.arguments.string(argument) ?? ""
        do {
            return try index.resolve(text, asOf: period.end, level: level)
        } catch let error as DomainError {
            if case .unknownUnit = error, let unit = try? index.resolve(text, asOf: period.start, level: level) {
                return unit
            }
            throw ShellError.failed(error.message, at: context.arguments.word(for: argument))
        }
    }

    /// The period argument parsed, pointing at it when malformed.
    static func period(_ context: CommandContext, _ argument: String = "period") throws -> Period? {
        guard let text = context.arguments.string(argument) else { return nil }
        do {
            return try Period(parsing: text)
        } catch {
            throw ShellError.usage(error.domainMessage, at: context.arguments.word(for: argument))
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

    /// How the period of a report was chosen, in the words its note uses.
    enum PeriodChoice {
        /// `--period` was given.
        case given
        /// The year of the latest figures.
        case latest
        /// No figures at all: the programme's reference year.
        case noFigures

        /// ` (the latest year with figures; --period to choose)`, or nothing when it was given.
        var note: String {
            switch self {
            case .given: return ""
            case .latest: return " (the latest year with figures; --period to choose)"
            case .noFigures: return " (no figures recorded yet: 'ehr set' or 'ehr import' adds them)"
            }
        }
    }

    /// The period asked for, or the year of the latest figures (the programme's reference year when
    /// there are none), and how it was chosen.
    static func periodOrLatest(_ context: CommandContext, _ store: DomainStore) throws -> (Period, chosen: PeriodChoice) {
        if let period = try period(context) { return (period, .given) }
        guard let latest = try store.healthRecords.latestPeriodEnd() else {
            return (.year(Day.programmeReference.year), .noFigures)
        }
        return (.year(latest.year), .latest)
    }

    // MARK: Errors

    /// Runs a command body, turning the module's errors into shell errors: bad rows and refused
    /// figures fail (exit 1) with their reason, unreadable files exit 3; anything else (a database
    /// that cannot be opened) is left to the host.
    static func reporting(_ context: CommandContext, _ body: () throws -> CommandResult) throws -> CommandResult {
        do {
            return try body()
        } catch let error as ShellError {
            throw error
        } catch let error as ImportError {
            throw ShellError.failed(error.message)
        } catch let error as UnreadableFile {
            throw ShellError(.unreadableFile, error.description)
        } catch let violation as HealthRecordFigures.Violation {
            let option = String(violation.field.option.dropFirst(2))
            throw ShellError.failed("refused: \(violation.reason)", at: context.arguments.word(for: option))
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
