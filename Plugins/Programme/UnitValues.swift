import NTMCore
import ShellKit

/// Parameter types for units and dates, with completion from the unit registry.
extension ProgrammePlugin {
    /// A unit given by code or name; Tab offers matching names (diacritics and case ignored).
    var unitType: ValueType { UnitValueType.make(session: session, level: nil) }

    /// A level of the hierarchy.
    static var levelType: ValueType { .choice(UnitLevel.allCases.map(\.rawValue), placeholder: "LEVEL") }

    /// A kind of unit.
    static var kindType: ValueType { .choice(UnitKind.allCases.map(\.rawValue), placeholder: "KIND") }
}

/// The `unit` value type of this plugin's commands: completion from the registry (what to insert
/// is `UnitCompletion`'s rule, shared with other plugins), resolution by the command.
enum UnitValueType {
    /// A ValueType for units, optionally restricted to one level, completing from `session`.
    static func make(session: WorkspaceSession, level: UnitLevel?) -> ValueType {
        .entity("unit", placeholder: "UNIT", completeBounded: { prefix in
            let list = try? session.read { try $0.units.completionList(for: prefix, level: level, limit: 60) }
            let matches = list?.matches ?? []
            return CandidateList(zip(matches, matches.alignedListings).map { match, listing in
                Candidate(match.insertion(forTyped: prefix), display: listing, summary: match.districtName)
            }, more: list?.more ?? 0)
        })
    }
}

/// Table cells for domain values.
enum Cells {
    static func day(_ day: Day?) -> Cell { .text(day?.description) }
}
