import NTMCore
import ShellKit

/// What every plugin's commands share: the workspace they run against, and unit arguments completed
/// from its registry. A plugin registered without a workspace (to list its commands) refuses to run them.
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
        }, complete: { typed in
            guard let session else { return [] }
            let found = (try? session.read { try $0.units.completions(for: typed, level: level, limit: 60) }) ?? []
            return zip(found, found.alignedListings).map { match, listing in
                Candidate(match.insertion(forTyped: typed), display: listing, summary: match.districtName)
            }
        })
    }
}
