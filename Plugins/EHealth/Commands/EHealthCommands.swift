import DomainShell
import NTMCore
import ShellKit

/// The `ehr` commands, declared as data (`EHealthCommands+*.swift`), and what they share besides
/// workspace access and unit arguments (``WorkspaceCommands``): facility arguments, periods, resolving.
struct EHealthCommands: WorkspaceCommands {
    static let pluginName = "ehr"
    let session: WorkspaceSession?

    // MARK: Argument types

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
}

/// Cells for figures that may be missing.
extension Cell {
    static func count(_ value: Int?) -> Cell { value.map(Cell.integer) ?? .null }
}
