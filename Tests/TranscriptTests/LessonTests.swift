import Foundation
import Testing

/// The trainers' lessons in scripts/lessons must always run cleanly: on a fresh database (their
/// `#!` line) and in the demo sandbox `scripts/demo` loads, which its header tells a trainer to use.
@Suite("Lessons")
struct LessonTests {
    static let scriptsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts")
    static let lessonsDirectory = scriptsDirectory.appendingPathComponent("lessons")
    /// What `scripts/demo` runs before the lesson: `ntm --db :memory: --init scripts/demo-sandbox.ntm ARGS`.
    static let sandboxArguments = ["--db", ":memory:", "--init", scriptsDirectory.appendingPathComponent("demo-sandbox.ntm").path]

    static var lessons: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: lessonsDirectory.path)) ?? [])
            .filter { $0.hasSuffix(".ntm") }.sorted()
    }

    @Test("a lesson runs from start to end without an error on a fresh database", arguments: lessons)
    func lessonRuns(_ name: String) throws {
        let run = try NTMBinary.run(["--db", ":memory:", "--echo", "-f", name], directory: Self.lessonsDirectory.path)
        #expect(run.errors == "", "\(name) printed errors")
        #expect(run.status == 0)
        #expect(run.output.contains("ntm> "), "--echo shows each command")
    }

    @Test("a lesson runs from start to end in the demo sandbox (scripts/demo --echo -f LESSON)", arguments: lessons)
    func lessonRunsInTheSandbox(_ name: String) throws {
        let run = try NTMBinary.run(Self.sandboxArguments + ["--echo", "-f", name], directory: Self.lessonsDirectory.path)
        #expect(run.errors == "", "\(name) printed errors in the demo sandbox")
        #expect(run.status == 0)
        #expect(run.output.contains("Demo sandbox loaded"))
    }

    @Test("lesson 2 ends on a dashboard that shows figures, on a fresh database and in the sandbox")
    func lessonTwoEndsOnFigures() throws {
        let name = try #require(Self.lessons.first { $0.hasPrefix("02-") })
        for arguments in [["--db", ":memory:"], Self.sandboxArguments] {
            let run = try NTMBinary.run(arguments + ["--echo", "-f", name], directory: Self.lessonsDirectory.path)
            // The last command's output: after the last echoed prompt.
            let last = try #require(run.output.components(separatedBy: "ntm> ").last)
            #expect(last.hasPrefix("progress"), "lesson 2 ends with progress:\n\(last)")
            #expect(!last.contains("no data"), "the dashboard has figures:\n\(last)")
            #expect(last.contains("%"), "the dashboard shows values:\n\(last)")
        }
    }

    @Test("a lesson runs as a program through its #! line when ntm is on the PATH (scripts/install)", arguments: lessons)
    func lessonRunsAsAProgram(_ name: String) throws {
        let folder = URL(fileURLWithPath: NTMBinary.path).deletingLastPathComponent().path
        let lesson = Self.lessonsDirectory.appendingPathComponent(name).path
        #expect(FileManager.default.isExecutableFile(atPath: lesson), "\(name) is executable")
        let run = try NTMBinary.run([], directory: Self.lessonsDirectory.path, executable: lesson,
                                    environment: ["PATH": "\(folder):/usr/bin:/bin"])
        #expect(run.errors == "", "\(name) printed errors")
        #expect(run.status == 0)
    }
}
