import DomainShell
import Foundation
import NTMCore
import ShellKit

/// A fresh workspace with one plugin's module installed, a shell with its commands over it (failing with
/// the words and exit statuses of `ntm` itself), and a scratch folder for files: what each plugin's tests
/// start from. Each plugin's fixture adds its own ways of storing figures directly.
open class WorkspaceFixture {
    public let workspace: Workspace
    public let session: WorkspaceSession
    public let console = CapturingConsole()
    public let shell: Shell
    public let folder: URL

    /// An in-memory workspace (or a file in the scratch folder when `onDisk`) with `module` installed,
    /// and a shell with the commands of the plugin `plugin` makes over it.
    public init(_ name: String, module: any DomainModule, onDisk: Bool = false,
                plugin: (WorkspaceSession) -> any Plugin) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let location: Workspace.Location = onDisk ? .file(folder.appendingPathComponent("ntm.db").path) : .memory
        let workspace = try Workspace.open(location, modules: [module], actor: "tester")
        self.workspace = workspace
        session = WorkspaceSession(actor: "tester") { workspace }
        shell = Shell(appName: "ntm", version: "test", console: console, host: DomainHost(), interactive: false)
        shell.register(plugin(session))
    }

    deinit {
        try? workspace.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The database file of an `onDisk` fixture.
    public var databasePath: String { folder.appendingPathComponent("ntm.db").path }

    /// Access as a command would have it.
    public var access: WorkspaceAccess { WorkspaceAccess(workspace: workspace) }

    /// Writes a file in the scratch folder and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Runs command text as a command file in the scratch folder; returns the exit status, the output and the errors.
    public func run(_ text: String) -> (status: Int32, output: String, errors: String) {
        let outputBefore = console.output.count, errorsBefore = console.errors.count
        let status = shell.run(text: text, name: "test.ntm", directory: folder.path)
        return (status, String(console.output.dropFirst(outputBefore)), String(console.errors.dropFirst(errorsBefore)))
    }

    /// Reads through the workspace.
    public func read<T>(_ body: (DomainStore) throws -> T) throws -> T { try workspace.read(body) }

    /// A unit valid on the programme's reference day.
    public func unit(_ reference: String, level: UnitLevel? = nil) throws -> NTMCore.Unit {
        try read { try $0.units.resolve(reference, level: level) }
    }

    /// An indicator's value for a unit and period (counting only data recorded at `level`, when given).
    public func indicator(_ id: String, _ reference: String, _ period: String, level: UnitLevel? = nil) throws -> IndicatorValue? {
        let period = try Period(parsing: period)
        return try read { store in
            let unit = try store.units.index().resolve(reference, asOf: period.end)
            return try store.indicators.reading(id, for: unit, period: period, level: level).value
        }
    }

    /// The commune-level codes valid on the reference day (the 209 communes, wards and townships of 2023).
    public func communeCodes() throws -> [String] {
        try read { try $0.units.list(level: .commune).map(\.code) }
    }
}
