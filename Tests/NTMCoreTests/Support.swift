import Foundation
import Testing
@testable import NTMCore

/// A fresh in-memory workspace with the bundled registry seeded.
func memoryWorkspace(modules: [any DomainModule] = []) throws -> Workspace {
    try Workspace.open(.memory, modules: modules, actor: "tester")
}

/// A context for test mutations.
func context(_ command: String = "test") -> MutationContext {
    MutationContext(actor: "tester", commandLine: command)
}

/// A temporary folder removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = (base as NSString).appendingPathComponent("ntm-core-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes a file and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// The error message a throwing expression produces, or nil when it does not throw.
func errorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return error.domainMessage
    }
}

/// The repository's Data folder (this file lives in Tests/NTMCoreTests).
let dataFolder: String = {
    let here = URL(fileURLWithPath: #filePath)
    return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data").path
}()
