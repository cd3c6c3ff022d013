import Testing
@testable import ntm

/// `ntm`'s flags are read without ArgumentParser when they are plain (a start-up cost): the reading
/// must be ArgumentParser's own, and anything unusual must still go to ArgumentParser.
@Suite("Flags read quickly")
struct QuickFlagsTests {
    /// Everything `Options` holds, comparable.
    static func fields(_ options: Options) -> [String] {
        [options.files.joined(separator: "|"), options.commands.joined(separator: "|"), options.`init` ?? "nil",
         options.db ?? "nil", options.format ?? "nil", options.actor ?? "nil"]
            + [options.echo, options.keepGoing, options.readOnly, options.singleTransaction, options.dryRun,
               options.quiet, options.version].map { $0 ? "on" : "off" }
    }

    @Test("plain argument lists: the same reading as ArgumentParser's", arguments: [
        [], ["-c", "unit show 07324"], ["--db", "x.db", "-c", "version"], ["-c", "-x", "-f", "-file.ntm"],
        ["-f", "a.ntm", "-c", "b", "-f", "c.ntm"], ["--quiet", "--echo", "--keep-going", "--format", "csv"],
        ["--read-only", "--db", ":memory:"], ["--single-transaction", "-f", "x"], ["--dry-run", "--as", "Lan", "-c", ""],
        ["--init", "setup.ntm", "--version"], ["--db", "", "-c", "--db"], ["-c", "-c", "-c", "-f"],
    ])
    func sameReading(arguments: [String]) throws {
        let quick = try #require(Options.plainReading(arguments), "\(arguments)")
        #expect(Self.fields(quick) == Self.fields(try Options.parse(arguments)), "\(arguments)")
    }

    @Test("anything else is left to ArgumentParser", arguments: [
        ["--help"], ["-h"], ["--db=x.db"], ["--db"], ["-c"], ["--db", "--quiet"], ["--quiet", "--quiet"],
        ["--db", "a", "--db", "b"], ["--nope"], ["extra"], ["--", "-c", "x"], ["-cversion"], ["--format", "-x"],
    ])
    func leftToArgumentParser(arguments: [String]) {
        #expect(Options.plainReading(arguments) == nil, "\(arguments)")
    }

    @Test("parseQuickly gives ArgumentParser's errors for what it leaves to it")
    func errors() {
        #expect(throws: (any Error).self) { try Options.parseQuickly(["--db"]) }
        #expect(throws: (any Error).self) { try Options.parseQuickly(["--nope"]) }
    }
}
