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
