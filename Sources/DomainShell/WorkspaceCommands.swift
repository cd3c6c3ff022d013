import NTMCore
import ShellKit

/// What every plugin's commands share: the workspace they run against, unit arguments completed from its
/// registry, and units, periods and dates read from arguments (errors point at the word to blame). A
/// plugin registered without a workspace (to list its commands) refuses to run them.
public protocol WorkspaceCommands {
    /// The workspace, or nil when the plugin was registered without one.
    var session: WorkspaceSession? { get }
    /// The plugin's name, in the error of a command run without a workspace (`ehr`).
    static var pluginName: String { get }
}

extension WorkspaceCommands {
    /// Access for one running command: its mutations are audited with the command line as typed.
    public func access(_ context: CommandContext) throws -> SessionAccess {
        guard let session else {
            throw ShellError.failed("'\(context.spec.name)' needs a database: this \(Self.pluginName) plugin was registered without a workspace")
        }
        return SessionAccess(session: session, commandLine: context.commandLine, operation: context.spec.name)
    }

    /// A unit by code or name (a village, for `level` `.village`), completed from the registry
    /// (diacritic-insensitive: `phuc` finds Phúc Hòa). Checked when the command runs, against the
    /// units valid on the day it is about.
    public func unitType(level: UnitLevel? = nil) -> ValueType {
        let session = session
        return .entity(level == .village ? "village" : "unit", placeholder: level == .village ? "VILLAGE" : "UNIT", validate: { raw in
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

    /// The unit `argument` names, among units valid on the period's last day (or, failing that,
    /// its first day: a unit merged away during the period still has figures for it).
    public func resolveUnit(_ context: CommandContext, _ argument: String, period: Period, index: UnitIndex,
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
    public static func period(_ context: CommandContext, _ argument: String = "period") throws -> Period? {
        guard let text = context.arguments.string(argument) else { return nil }
        do {
            return try Period(parsing: text)
        } catch {
            throw ShellError.usage(error.domainMessage, at: context.arguments.word(for: argument))
        }
    }

    /// The date argument parsed, pointing at it when malformed; dates after today are refused (what
    /// was surveyed, connected or completed) unless `allowingFuture` (a holiday announced ahead).
    public static func day(_ context: CommandContext, _ argument: String, allowingFuture: Bool = false) throws -> Day? {
        guard let text = context.arguments.string(argument) else { return nil }
        let word = context.arguments.word(for: argument)
        let day: Day
        do { day = try Day(parsing: text) } catch { throw ShellError.usage(error.domainMessage, at: word) }
        guard allowingFuture || day <= Day.today() else { throw ShellError.failed("\(day) is in the future", at: word) }
        return day
    }
}
