import Foundation
import Testing

/// The batch contract end to end, on real database files: all-or-nothing runs, dry runs that leave
/// the file byte-for-byte unchanged, read-only refusal, exit statuses a cron job can trust.
@Suite("Batch contract")
struct BatchContractTests {
    /// A scratch folder with a database created by a first run.
    final class Scratch {
        let folder: URL
        var database: String { folder.appendingPathComponent("ntm.db").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-batch-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func write(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }

        func run(_ arguments: [String], standardInput: String? = nil) throws -> NTMBinary.Run {
            try NTMBinary.run(["--db", database] + arguments, standardInput: standardInput, directory: folder.path)
        }

        func villages() throws -> String {
            try run(["-c", "unit list --in 07324 --format csv"]).output
        }
    }

    @Test("a failing command stops the run with 1 and the commands before it are kept")
    func stopsAtFirstFailure() throws {
        let scratch = try Scratch()
        let file = try scratch.write("job.ntm", """
            unit add 0732401 "Thôn Đông" --in 07324
            unit add 0732401 "Thôn Đông" --in 07324
            unit add 0732402 "Thôn Tây" --in 07324
            """)
        let run = try scratch.run(["-f", file])
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("\(file):2: error: code 0732401 is already used"))
        #expect(try scratch.villages() == "code,name,level,kind,parent\n0732401,Thôn Đông,village,village,Xã Phúc Hòa\n")
    }

    @Test("--single-transaction: a failure leaves nothing of the run, and says so")
    func singleTransactionFailure() throws {
        let scratch = try Scratch()
        let file = try scratch.write("job.ntm", """
            unit add 0732401 "Thôn Đông" --in 07324
            unit add 0732401 "Thôn Đông" --in 07324
            """)
        let run = try scratch.run(["--single-transaction", "-f", file])
        #expect(run.status == 1)
        #expect(run.errors.contains("--single-transaction: the run failed, so nothing was written"))
        #expect(try scratch.villages() == "code,name,level,kind,parent\n")
    }

    @Test("--single-transaction: a good run commits everything")
    func singleTransactionSuccess() throws {
        let scratch = try Scratch()
        let file = try scratch.write("job.ntm", """
            unit add 0732401 "Thôn Đông" --in 07324
            unit add 0732402 "Thôn Tây" --in 07324
            """)
        #expect(try scratch.run(["--single-transaction", "-f", file]).status == 0)
        #expect(try scratch.villages().split(separator: "\n").count == 3)
    }

    @Test("--dry-run reports what would change, exits 0, and leaves the file byte-for-byte unchanged")
    func dryRunLeavesFileUnchanged() throws {
        let scratch = try Scratch()
        _ = try scratch.run(["-c", "unit add 0732401 \"Thôn Đông\" --in 07324"])
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.database))
        let file = try scratch.write("job.ntm", """
            unit add 0732402 "Thôn Tây" --in 07324
            criteria set 07324 2023 8.4 met
            criteria set 07324 2023 8.4 unmet
            """)
        let run = try scratch.run(["--dry-run", "-f", file])
        #expect(run.status == 0)
        #expect(run.output.contains("Dry run (the run would succeed); nothing was written."))
        #expect(run.output.contains("core    unit"))
        #expect(run.output.contains("core    assessment"))
        let after = try Data(contentsOf: URL(fileURLWithPath: scratch.database))
        #expect(before == after)
        #expect(try scratch.villages().split(separator: "\n").count == 2)
    }

    @Test("--dry-run of a failing script exits with the failure and still writes nothing")
    func dryRunFailure() throws {
        let scratch = try Scratch()
        _ = try scratch.run(["-c", "unit list --level district"])
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.database))
        let run = try scratch.run(["--dry-run", "-c", "unit add 0732401 \"Thôn Đông\" --in 07324; unit show nowhere"])
        #expect(run.status == 1)
        #expect(run.output.contains("the run would fail"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.database)) == before)
    }

    @Test("--read-only refuses every mutating command with a clear message; reads work")
    func readOnly() throws {
        let scratch = try Scratch()
        _ = try scratch.run(["-c", "unit list --level district"])
        let refused = try scratch.run(["--read-only", "-c", "unit add 0732401 \"Thôn Đông\" --in 07324"])
        #expect(refused.status == 1)
        #expect(refused.errors == "-c:1: error: database is open read-only: 'unit add' changes data\n")
        let read = try scratch.run(["--read-only", "-c", "unit show 07324 --format csv"])
        #expect(read.status == 0)
        #expect(read.output.contains("name,Xã Phúc Hòa"))
    }

    @Test("a database that cannot be opened exits 4, naming it")
    func unopenableDatabase() throws {
        let scratch = try Scratch()
        let bogus = try scratch.write("not-a-db.db", String(repeating: "this is not sqlite\n", count: 200))
        let run = try NTMBinary.run(["--db", bogus, "-c", "unit list"], directory: scratch.folder.path)
        #expect(run.status == 4)
        #expect(run.errors.contains("'\(bogus)' is not an ntm database"))
    }

    @Test("`version` never opens the database")
    func versionDoesNotTouchDatabase() throws {
        let scratch = try Scratch()
        let run = try scratch.run(["-c", "version"])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("ntm "))
        #expect(!FileManager.default.fileExists(atPath: scratch.database))
    }

    @Test("-f and -c run in the order given")
    func inputsInOrder() throws {
        let scratch = try Scratch()
        let file = try scratch.write("two.ntm", "echo two\n")
        let run = try scratch.run(["-c", "echo one", "-f", file, "-c", "echo three"])
        #expect(run.output == "one\ntwo\nthree\n")
    }

    @Test("bad flags are usage errors (exit 2); a missing command file is exit 3")
    func flagErrors() throws {
        let scratch = try Scratch()
        #expect(try scratch.run(["--no-such-flag"]).status == 2)
        #expect(try scratch.run(["--format", "xml", "-c", "version"]).status == 2)
        let missing = try scratch.run(["-f", "nowhere.ntm"])
        #expect(missing.status == 3)
        #expect(missing.errors.contains("cannot read 'nowhere.ntm'"))
    }

    @Test("flag errors are worded like every other error: `error: ...`")
    func flagErrorWording() throws {
        let scratch = try Scratch()
        let unknown = try scratch.run(["--no-such-flag"])
        #expect(unknown.errors.hasPrefix("error: unknown option '--no-such-flag'\n"), "\(unknown.errors)")
        #expect(!unknown.errors.contains("Error:"))
        let format = try scratch.run(["--format", "xml", "-c", "version"])
        #expect(format.errors == "error: --format must be one of table, csv, json, markdown (got 'xml')\n")
    }

    @Test("a command file that ends inside an open transaction is rolled back and exits 1")
    func openTransactionAtTheEnd() throws {
        let scratch = try Scratch()
        let file = try scratch.write("open.ntm", "begin\nunit add 0732401 \"Thôn Đông\" --in \"Phúc Hòa\"\n")
        let run = try scratch.run(["-f", file])
        #expect(run.status == 1)
        #expect(run.errors.contains("ended inside a transaction"))
        #expect(try scratch.villages() == "code,name,level,kind,parent\n")
    }

    @Test("a name typed in decomposed Unicode (o + U+0302) is stored and shown composed (NFC)")
    func decomposedNamesAreStoredComposed() throws {
        let scratch = try Scratch()
        let added = try scratch.run(["-c", "unit add 0732401 \"Tho\u{0302}n \u{0110}o\u{0302}ng\" --in \"Phu\u{0301}c Ho\u{0300}a\""])
        #expect(added.status == 0, "\(added.errors)")
        let listed = Array(try scratch.villages().utf8)
        let composed = Array("0732401,Thôn Đông,".precomposedStringWithCanonicalMapping.utf8)
        #expect(listed.firstRange(of: composed) != nil, "stored composed: \(listed)")
        #expect(listed.firstRange(of: Array("o\u{0302}".utf8)) == nil)
    }

    @Test("ntm --help documents the exit statuses")
    func helpListsExitStatuses() throws {
        let run = try NTMBinary.run(["--help"], directory: "/")
        #expect(run.status == 0)
        #expect(run.output.contains("4  the database could not be opened"))
        #expect(run.output.contains("--single-transaction"))
    }

    @Test("the database is created under XDG_DATA_HOME when no --db is given")
    func defaultDatabaseLocation() throws {
        let scratch = try Scratch()
        let data = scratch.folder.appendingPathComponent("data").path
        let run = try NTMBinary.run(["-c", "unit show 07324 --format csv"], directory: scratch.folder.path,
                                    environment: ["XDG_DATA_HOME": data])
        #expect(run.status == 0)
        #expect(FileManager.default.fileExists(atPath: data + "/ntm/ntm.db"))
    }

    @Test("commands from a pipe or file on standard input write no history")
    func standardInputWritesNoHistory() throws {
        let scratch = try Scratch()
        let file = try scratch.write("job.ntm", "echo from stdin\n")
        let state = scratch.folder.appendingPathComponent("state").path
        let run = try NTMBinary.run(["--db", ":memory:"], standardInput: file, directory: scratch.folder.path,
                                    environment: ["XDG_STATE_HOME": state])
        #expect(run.output == "from stdin\n")
        #expect(!FileManager.default.fileExists(atPath: state + "/ntm/history"))
    }
}
