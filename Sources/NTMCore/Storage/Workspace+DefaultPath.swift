import Foundation

extension Workspace {
    /// The database path used when none is given: `$NTM_DB`, else `$XDG_DATA_HOME/ntm/ntm.db`,
    /// else `~/.local/share/ntm/ntm.db`.
    ///
    /// Pure: it reads the environment and touches nothing. Pass `createDirectories: true` before a
    /// read-write open to create the parent folders.
    public static func defaultDatabasePath(environment: [String: String] = ProcessInfo.processInfo.environment,
                                           createDirectories: Bool = false) throws -> String {
        let path: String
        if let explicit = environment["NTM_DB"], !explicit.isEmpty {
            path = explicit
        } else if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            path = (data as NSString).appendingPathComponent("ntm/ntm.db")
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            path = (home as NSString).appendingPathComponent(".local/share/ntm/ntm.db")
        }
        if createDirectories && path != ":memory:" {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw DomainError.invalid("cannot create the folder '\(folder)' for the database: \(error.localizedDescription)")
                }
            }
        }
        return path
    }
}
