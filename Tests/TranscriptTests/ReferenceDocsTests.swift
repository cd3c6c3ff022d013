import Foundation
import Testing

/// The command reference in docs/ is generated from the declarations; it must not drift from them.
@Suite("Reference docs")
struct ReferenceDocsTests {
    @Test("docs/COMMANDS.md is what `help --reference` prints (run scripts/docs after changing a command)")
    func referenceIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/COMMANDS.md"), encoding: .utf8)
        let run = try NTMBinary.run(["--db", ":memory:", "-c", "help --reference"], directory: root.path)
        #expect(run.status == 0)
        #expect(run.output == committed, "docs/COMMANDS.md is out of date: run scripts/docs")
    }
}
