import WorkspaceTestSupport
@testable import Workflow

/// A fresh workspace with the workflow module installed, a shell with its commands over it, and a
/// scratch folder for files: what each test starts from.
final class WorkflowFixture: WorkspaceFixture {
    /// An in-memory workspace (or a file in the scratch folder when `onDisk`).
    init(onDisk: Bool = false) throws {
        try super.init("workflow", module: WorkflowPlugin.module, onDisk: onDisk) { WorkflowPlugin(session: $0) }
    }
}
