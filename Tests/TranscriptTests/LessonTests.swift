import Foundation
import Testing

/// The trainers' lessons in scripts/lessons must always run cleanly on a fresh sandbox.
@Suite("Lessons")
struct LessonTests {
    static let lessonsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/lessons")

    static var lessons: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: lessonsDirectory.path)) ?? [])
            .filter { $0.hasSuffix(".ntm") }.sorted()
    }

    @Test("a lesson runs from start to end without an error", arguments: lessons)
    func lessonRuns(_ name: String) throws {
        let run = try NTMBinary.run(["--db", ":memory:", "--echo", "-f", name], directory: Self.lessonsDirectory.path)
        #expect(run.errors == "", "\(name) printed errors")
        #expect(run.status == 0)
        #expect(run.output.contains("ntm> "), "--echo shows each command")
    }
}
