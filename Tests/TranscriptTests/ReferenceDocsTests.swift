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

/// The README's table of modules must name every command there is, and only those.
@Suite("README")
struct ReadmeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `unit list/show/tree` → `unit list`, `unit show`, `unit tree`; `begin` → `begin`.
    static func expand(_ entry: String) -> [String] {
        let parts = entry.split(separator: "/").map(String.init)
        guard let first = parts.first else { return [] }
        let prefix = first.split(separator: " ").dropLast().joined(separator: " ")
        return [first] + parts.dropFirst().map { prefix.isEmpty ? $0 : prefix + " " + $0 }
    }

    @Test("the module table lists every command of `help --reference`")
    func moduleTableIsComplete() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Modules").dropFirst().first?
            .components(separatedBy: "\n## ").first)
        var listed: Set<String> = []
        for line in section.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2 else { continue }
            for entry in cells[1].components(separatedBy: "`").enumerated().filter({ $0.offset % 2 == 1 }).map(\.element) {
                listed.formUnion(Self.expand(entry))
            }
        }
        let reference = try NTMBinary.run(["--db", ":memory:", "-c", "help --reference"], directory: Self.root.path).output
        let commands = Set(reference.split(separator: "\n").filter { $0.hasPrefix("### `") }
            .map { $0.dropFirst(5).dropLast().description })
        #expect(commands.count > 40)
        #expect(commands.subtracting(listed).sorted() == [], "commands missing from README's module table")
        #expect(listed.subtracting(commands).sorted() == [], "README's module table names commands that do not exist")
    }
}
