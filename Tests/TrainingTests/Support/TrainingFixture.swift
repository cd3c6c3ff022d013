import Testing
import WorkspaceTestSupport
@testable import Training

/// A fresh workspace with the training module installed, a shell with the `training` commands over it,
/// and a scratch folder for files: what each test starts from.
final class TrainingFixture: WorkspaceFixture {
    /// An in-memory workspace (or a file in the scratch folder when `onDisk`).
    init(onDisk: Bool = false) throws {
        try super.init("training", module: TrainingPlugin.module, onDisk: onDisk) { TrainingPlugin(session: $0) }
    }

    /// Runs commands that must succeed; fails the test with their errors otherwise.
    @discardableResult
    func runOK(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let run = run(text)
        #expect(run.status == 0, "\(run.errors)", sourceLocation: sourceLocation)
        return run.output
    }
}
