import Foundation
import Testing

/// Long command files on a real database: read statement by statement, yet still checked whole before
/// anything runs, with every error at its own line.
@Suite("Long command files")
struct LongCommandFileTests {
    typealias Scratch = BatchContractTests.Scratch

    /// `count` lines: a village added under Phúc Hòa every tenth line, criteria assessed on the others.
    func lines(_ count: Int) -> String {
        (1...count).map { line in
            line % 10 == 0
                ? "unit add 07324\(100 + line / 10) \"Xóm \(line / 10)\" --in 07324\n"
                : "criteria set 07324 2023 \(line % 9 + 1) \(line % 2 == 0 ? "met" : "unmet")\n"
        }.joined()
    }

    @Test("an unknown command on the last line of a 3,000-line file: nothing runs, the database is unchanged")
    func unknownCommandOnLastLine() throws {
        let scratch = try Scratch()
        let before = try scratch.contents()
        let file = try scratch.write("job.ntm", lines(3000) + "criteria sett 07324 2023 1 met\n")
        let run = try scratch.run(["-f", file])
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("\(file):3001: error: unknown command 'criteria sett'"))
        #expect(try scratch.contents() == before)
    }

    @Test("a syntax error on the last line of a long file: nothing runs, the database is unchanged")
    func syntaxErrorOnLastLine() throws {
        let scratch = try Scratch()
        let before = try scratch.contents()
        let file = try scratch.write("job.ntm", lines(3000) + "unit add 0732499 \"Xóm Cuối --in 07324\n")
        let run = try scratch.run(["-f", file])
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("\(file):3001: error: unterminated double quote"))
        #expect(try scratch.contents() == before)
    }

    @Test("the same from standard input: nothing runs, and the error names <stdin> and the line")
    func standardInput() throws {
        let scratch = try Scratch()
        let before = try scratch.contents()
        let input = try scratch.write("input.txt", lines(2000) + "ecoh done\n")
        let run = try scratch.run([], standardInput: input)
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("<stdin>:2001: error: unknown command 'ecoh'"))
        #expect(try scratch.contents() == before)
    }

    @Test("a failure deep in a long file stops it at its own line; with --single-transaction nothing is kept")
    func failureDeepInFile() throws {
        let scratch = try Scratch()
        let before = try scratch.contents()
        // Line 2,501 adds a village whose code line 2,500 already took.
        let file = try scratch.write("job.ntm", lines(2500) + "unit add 07324350 \"Xóm Khác\" --in 07324\n" + lines(100))
        let run = try scratch.run(["--single-transaction", "-f", file])
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("\(file):2501: error: code 07324350 is already used by Xóm 250"))
        #expect(try scratch.contents() == before)
    }

    @Test("with errexit off a long file runs to its end, each failure reported at its line, the rest kept")
    func errexitOff() throws {
        let scratch = try Scratch()
        let file = try scratch.write("job.ntm", "set errexit off\n" + lines(1000)
            + "unit add 07324101 \"Xóm Lại\" --in 07324\n" + lines(20) + "criteria set 07324 2023 1 met\n")
        let run = try scratch.run(["--quiet", "-f", file])
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("\(file):1002: error: code 07324101 is already used by Xóm 1"))
        // The second part adds Xóm 1 and Xóm 2 again, on its lines 10 and 20.
        #expect(run.errors.contains("\(file):1012: error: code 07324101 is already used"))
        #expect(run.errors.contains("\(file):1022: error: code 07324102 is already used"))
        let villages = try scratch.run(["--format", "csv", "-c", "unit list --in 07324"]).output
        #expect(villages.split(separator: "\n").count == 1 + 100)
    }
}

extension BatchContractTests.Scratch {
    /// What the database holds: villages, assessments and audit rows, as one comparable text.
    func contents() throws -> String {
        try run(["--format", "csv", "-c", "unit list --in 07324; criteria show 07324 2023; audit list --limit 5"]).output
    }
}
