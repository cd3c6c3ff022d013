import DomainShell
import Foundation
import NTMCore
import ShellKit
@testable import Workflow

/// A fresh workspace with the workflow module installed, a shell with its commands over it, and a
/// scratch folder for files: what each test starts from.
final class WorkflowFixture {
    let workspace: Workspace
    let session: WorkspaceSession
    let console = CapturingConsole()
    let shell: Shell
    let folder: URL

    init(onDisk: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("workflow-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let location: Workspace.Location = onDisk ? .file(folder.appendingPathComponent("ntm.db").path) : .memory
        let workspace = try Workspace.open(location, modules: [WorkflowPlugin.module], actor: "tester")
        self.workspace = workspace
        session = WorkspaceSession(actor: "tester") { workspace }
        shell = Shell(appName: "ntm", version: "test", console: console, host: DomainHost(), interactive: false)
        shell.register(WorkflowPlugin(session: session))
    }

    deinit {
        try? workspace.close()
        try? FileManager.default.removeItem(at: folder)
    }

    var databasePath: String { folder.appendingPathComponent("ntm.db").path }
    var access: WorkspaceAccess { WorkspaceAccess(workspace: workspace) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func run(_ text: String) -> (status: Int32, output: String, errors: String) {
        let outputBefore = console.output.count, errorsBefore = console.errors.count
        let status = shell.run(text: text, name: "test.ntm", directory: folder.path)
        return (status, String(console.output.dropFirst(outputBefore)), String(console.errors.dropFirst(errorsBefore)))
    }

    func read<T>(_ body: (DomainStore) throws -> T) throws -> T { try workspace.read(body) }

    func indicator(_ id: String, _ reference: String, _ period: String, level: UnitLevel? = nil) throws -> IndicatorValue? {
        let period = try Period(parsing: period)
        return try read { store in
            let unit = try store.units.index().resolve(reference, asOf: period.end)
            return try store.indicators.reading(id, for: unit, period: period, level: level).value
        }
    }
}
