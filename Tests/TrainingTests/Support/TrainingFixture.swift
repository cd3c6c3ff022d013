import DomainShell
import Foundation
import NTMCore
import ShellKit
import Testing
@testable import Training

/// A fresh workspace with the training module installed, a shell with the `training` commands over it,
/// and a scratch folder for files: what each test starts from.
final class TrainingFixture {
    let workspace: Workspace
    let session: WorkspaceSession
    let console = CapturingConsole()
    let shell: Shell
    let folder: URL

    /// An in-memory workspace (or a file in the scratch folder when `onDisk`).
    init(onDisk: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("training-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let location: Workspace.Location = onDisk ? .file(folder.appendingPathComponent("ntm.db").path) : .memory
        let workspace = try Workspace.open(location, modules: [TrainingPlugin.module], actor: "tester")
        self.workspace = workspace
        session = WorkspaceSession(actor: "tester") { workspace }
        shell = Shell(appName: "ntm", version: "test", console: console, host: DomainHost(), interactive: false)
        shell.register(TrainingPlugin(session: session))
    }

    deinit {
        try? workspace.close()
        try? FileManager.default.removeItem(at: folder)
    }

    var databasePath: String { folder.appendingPathComponent("ntm.db").path }

    /// Access as a command would have it.
    var access: WorkspaceAccess { WorkspaceAccess(workspace: workspace) }

    /// Writes a file in the scratch folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Runs command text as a command file in the scratch folder; returns the exit status, the output and the errors.
    func run(_ text: String) -> (status: Int32, output: String, errors: String) {
        let outputBefore = console.output.count, errorsBefore = console.errors.count
        let status = shell.run(text: text, name: "test.ntm", directory: folder.path)
        return (status, String(console.output.dropFirst(outputBefore)), String(console.errors.dropFirst(errorsBefore)))
    }

    /// Reads through the workspace.
    func read<T>(_ body: (DomainStore) throws -> T) throws -> T { try workspace.read(body) }

    /// A unit valid on the programme's reference day.
    func unit(_ reference: String) throws -> NTMCore.Unit { try read { try $0.units.resolve(reference) } }

    /// An indicator's value for a unit and period.
    func indicator(_ id: String, _ reference: String, _ period: String) throws -> IndicatorValue? {
        let period = try Period(parsing: period)
        return try read { store in
            let unit = try store.units.index().resolve(reference, asOf: period.end)
            return try store.indicators.reading(id, for: unit, period: period).value
        }
    }

    /// Runs commands that must succeed; fails the test with their errors otherwise.
    @discardableResult
    func runOK(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let run = run(text)
        #expect(run.status == 0, "\(run.errors)", sourceLocation: sourceLocation)
        return run.output
    }

    /// The commune-level codes valid on the reference day (the 209 communes, wards and townships of 2023).
    func communeCodes() throws -> [String] {
        try read { try $0.units.list(level: .commune).map(\.code) }
    }
}
