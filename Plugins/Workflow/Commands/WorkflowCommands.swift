import NTMCore
import ShellKit

/// The `workflow` and `dossier` commands, declared as data (`WorkflowCommands+*.swift`), and what
/// they share: access to the workspace, unit arguments with completion, periods, error wording.
struct WorkflowCommands {
    let session: WorkspaceSession?

    /// Access for one running command: its mutations are audited with the command line as typed.
    func access(_ context: CommandContext) throws -> SessionAccess {
        guard let session else {
            throw ShellError.failed("'\(context.spec.name)' needs a database: this workflow plugin was registered without a workspace")
        }
        return SessionAccess(session: session, commandLine: context.commandLine, operation: context.spec.name)
    }

    // MARK: Argument types

    /// A unit by code or name, completed from the registry (diacritic-insensitive).
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

    /// A dossier code, completed from those stored.
    var dossierType: ValueType {
        let session = session
        return .entity("dossier", placeholder: "CODE", complete: { typed in
            guard let session else { return [] }
            let codes = (try? session.read { try $0.dossiers.codes(startingWith: typed, limit: 60) }) ?? []
            return codes.map { Candidate($0) }
        })
    }

    static var levelType: ValueType { .choice(["province", "district", "commune"]) }

    /// The options every report takes.
    static func reportOptions(_ unitType: ValueType, byDefault: String = "the level below --in") -> [Parameter] {
        [
            .option("period", .period, "2024, 2024Q2 or 2024-05", default: "the year of the latest dossier received"),
            .option("in", unitType, "The area: the province, a district or a commune", default: "the province"),
            .option("by", levelType, "One row per unit of this level", default: byDefault),
        ]
    }

    // MARK: Resolving

    /// The unit `argument` names, among units valid on the period's last day (or its first day).
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

    /// The `--in` unit, or the province valid at the end of the period (or its start).
    func area(_ context: CommandContext, index: UnitIndex, period: Period) throws -> Unit {
        if context.arguments.has("in") { return try resolveUnit(context, "in", period: period, index: index) }
        guard let province = index.units(on: period.end, level: .province).first
                ?? index.units(on: period.start, level: .province).first else {
            throw ShellError.failed("no province is recorded for \(period)")
        }
        return province
    }

    /// `--by`, or the level below the area (communes below a district; the area itself below a commune).
    static func level(_ context: CommandContext, area: Unit) throws -> UnitLevel {
        if let text = context.arguments.string("by") {
            let level = UnitLevel(rawValue: text)!
            if level < area.level {
                throw ShellError.failed("--by \(text) is above \(area.name) (\(area.code)), a \(area.level.rawValue)",
                                        at: context.arguments.word(for: "by"))
            }
            return level
        }
        switch area.level {
        case .province: return .district
        default: return .commune
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

    /// The date argument parsed, pointing at it when malformed.
    static func day(_ context: CommandContext, _ argument: String) throws -> Day? {
        guard let text = context.arguments.string(argument) else { return nil }
        do { return try Day(parsing: text) } catch {
            throw ShellError.usage(error.domainMessage, at: context.arguments.word(for: argument))
        }
    }

    // MARK: Errors

    /// Runs a command body, turning the module's errors into shell errors (exit 1, or 3 for an
    /// unreadable file); anything else (a database that cannot be opened) is left to the host.
    static func reporting(_ context: CommandContext, _ body: () throws -> CommandResult) throws -> CommandResult {
        do {
            return try body()
        } catch let error as ShellError {
            throw error
        } catch let error as ImportError {
            if error.isUnreadableFile { throw ShellError(.unreadableFile, error.message) }
            throw ShellError.failed(error.message)
        } catch let error as UnreadableFile {
            throw ShellError(.unreadableFile, error.description)
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

/// Numbers for people.
enum Format {
    /// `9,120`.
    static func count(_ value: Int) -> String { NumberText.grouped(value) }

    /// `96.1%`, or `n/a`.
    static func percent(_ value: Double?) -> String { NumberText.percent(value) }

    static func plural(_ value: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(count(value)) \(value == 1 ? noun : (plural ?? noun + "s"))"
    }
}
