import DomainShell
import NTMCore
import ShellKit

/// The `workflow` and `dossier` commands, declared as data (`WorkflowCommands+*.swift`), and what
/// they share besides workspace access and unit arguments (``WorkspaceCommands``): dossiers, periods, resolving.
struct WorkflowCommands: WorkspaceCommands {
    static let pluginName = "workflow"
    let session: WorkspaceSession?

    // MARK: Argument types

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
