import Foundation
import Testing

/// Nothing typed or imported may destroy data, crash the shell or take over the terminal: the probes of
/// issue 8, run against the real binary on real database files.
@Suite("Safety")
struct SafetyTests {
    typealias Scratch = BatchContractTests.Scratch

    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    @Test("--output onto the open database (any spelling, or a link to it) is refused and the database is untouched")
    func outputOntoDatabase() throws {
        let scratch = try Scratch()
        _ = try scratch.run(["-c", "criteria set 07324 2023 9 met"])
        let before = try #require(bytes(scratch.database))
        let link = scratch.folder.appendingPathComponent("alias.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: scratch.database)
        for target in [scratch.database, "./ntm.db", link, scratch.database + "-wal", scratch.database + "-shm"] {
            let run = try scratch.run(["-c", "criteria set 07324 2023 10 met --output \(target)"])
            #expect(run.status == 1, "\(target)")
            #expect(run.errors.contains("refusing to write '\(target)'"), "\(run.errors)")
            #expect(bytes(scratch.database) == before, "\(target)")
        }
        #expect(try scratch.run(["-c", "criteria show 07324 2023 --format csv"]).status == 0)
    }

    @Test("--output of a command file onto itself is refused")
    func outputOntoCommandFile() throws {
        let scratch = try Scratch()
        let file = try scratch.write("job.ntm", "unit list --in 07324 --output job.ntm\n")
        let run = try scratch.run(["-f", file])
        #expect(run.status == 1)
        #expect(run.errors.contains("refusing to write"))
        #expect(String(decoding: bytes(file) ?? Data(), as: UTF8.self) == "unit list --in 07324 --output job.ntm\n")
    }

    @Test("--output x.csv without --format writes CSV and says how many rows it wrote")
    func outputFormatFromExtension() throws {
        let scratch = try Scratch()
        let run = try scratch.run(["-c", "unit list --in 07324 --output villages.csv; unit show 07324 --output u.json"])
        #expect(run.status == 0)
        #expect(run.errors == "Wrote 0 rows to villages.csv\nWrote 1 row to u.json\n" || run.errors.hasPrefix("Wrote 0 rows to villages.csv\nWrote "))
        #expect(String(decoding: bytes(scratch.folder.appendingPathComponent("villages.csv").path) ?? Data(), as: UTF8.self)
                == "code,name,level,kind,parent\n")
        #expect(String(decoding: bytes(scratch.folder.appendingPathComponent("u.json").path) ?? Data(), as: UTF8.self).hasPrefix("{"))
    }

    @Test("a failed --output after a change says the change was kept")
    func lateOutputFailure() throws {
        let scratch = try Scratch()
        let run = try scratch.run(["-c", "criteria set 07324 2023 9 met --output /dev/full"])
        #expect(run.status == 1)
        #expect(run.errors.contains("cannot write '/dev/full': No space left on device; the command's change was made and is kept"))
        #expect(try scratch.run(["-c", "criteria show 07324 2023 --format csv"]).output.contains("met"))
    }

    @Test("results that cannot be written to standard output make the run fail")
    func standardOutputFull() throws {
        let scratch = try Scratch()
        _ = try scratch.run(["-c", "version"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: NTMBinary.path)
        process.arguments = ["--db", scratch.database, "-c", "unit list"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message == "error: cannot write to standard output: No space left on device\n")
    }

    @Test("implausible figures are refused at input, and no stored figure can crash a report")
    func overflowingFigures() throws {
        let scratch = try Scratch()
        let run = try scratch.run(["-c", "ehr set 07324 2023 --residents 9223372036854775807 --with-ehr 0"])
        #expect(run.status == 1)
        #expect(run.errors.contains("residents (9,223,372,036,854,775,807) is more than any commune has: at most 10,000,000 people"))
        // Figures stored by an older ntm (or by hand) beyond the bound: reports still work.
        _ = try scratch.run(["-c", "ehr set 07324 2023 --residents 9000 --with-ehr 8000; ehr set 07561 2023 --residents 9000 --with-ehr 10"])
        let sql = Process()
        sql.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sql.arguments = [scratch.database, "UPDATE ehr_record SET residents = 9223372036854775807, with_ehr = 100000000000000"]
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            try sql.run()
            sql.waitUntilExit()
        }
        for command in ["ehr coverage --period 2023", "ehr gaps --period 2023", "ehr coverage --by commune --period 2023 --format csv",
                        "progress --year 2023"] {
            let report = try scratch.run(["-c", command])
            #expect(report.status == 0 || report.status == 1, "\(command): \(report.errors)")
        }
    }

    @Test("stored control characters are shown escaped on a terminal and exact in csv")
    func controlCharactersInCSV() throws {
        let scratch = try Scratch()
        _ = try scratch.run(["--as", "mallory\u{1B}]0;pwned\u{07}", "-c", "criteria set 07324 2023 9 met"])
        let csv = try scratch.run(["-c", "audit list --format csv"])
        #expect(csv.output.contains("mallory\u{1B}]0;pwned\u{07}"))
    }

    @Test("source refuses a file that is already being sourced, and a file that is not a regular file")
    func sourceCycleAndDevices() throws {
        let scratch = try Scratch()
        let file = try scratch.write("loop.ntm", "echo once\nsource loop.ntm\n")
        let run = try scratch.run(["-f", file])
        #expect(run.status == 1)
        #expect(run.output == "once\n")
        #expect(run.errors == "\(file):2: error: '\(file)' is already being run (a file that sources itself)\n    source loop.ntm\n           ^~~~~~~~\n")
        let zero = try scratch.run(["-c", "source /dev/zero"])
        #expect(zero.status == 3)
        #expect(zero.errors == "-c:1: error: cannot read '/dev/zero': not a regular file\n")
    }

    @Test("an error about a file that is not a command file never shows its content")
    func notACommandFile() throws {
        let scratch = try Scratch()
        let secret = try scratch.write("shadow", "root:$6$secrethash:19000:0:99999:7:::\n")
        let run = try scratch.run(["-c", "source \(secret)"])
        #expect(run.status == 2)
        #expect(!run.errors.contains("secrethash"))
        #expect(!run.errors.contains("root"))
        #expect(run.errors.contains("\(secret):1: error: this is not a command file: line 1 is not an ntm command; nothing was run"))
    }

    @Test("--read-only leaves no -wal or -shm behind, and works in a folder the user cannot write")
    func readOnlyLeavesNothing() throws {
        let scratch = try Scratch()
        _ = try scratch.run(["-c", "criteria set 07324 2023 9 met"])
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch.database + suffix) }
        let run = try scratch.run(["--read-only", "-c", "criteria show 07324 2023 --format csv"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: scratch.database + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: scratch.database + "-shm"))
    }

    @Test("a one-megabyte unknown word is refused quickly, without repeating it")
    func hugeUnknownWord() throws {
        let scratch = try Scratch()
        let word = String(repeating: "x", count: 1 << 20)
        let file = try scratch.write("big.ntm", word + "\n")
        let run = try scratch.run(["-f", file])
        #expect(run.status == 2)
        #expect(run.errors.count < 400, "\(run.errors.count) bytes of error")
    }

    @Test("a NUL byte in a command is refused, never cuts a path short")
    func nulInWord() throws {
        let scratch = try Scratch()
        let file = try scratch.write("nul.ntm", "unit list --output \"x\u{0}y\"\n")
        let run = try scratch.run(["-f", file])
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("\(file):1: error: a NUL character (byte 0) cannot appear in a command"))
        #expect(!FileManager.default.fileExists(atPath: scratch.folder.appendingPathComponent("x").path))
    }

    @Test("-c takes its value even when it starts with '-'")
    func dashValue() throws {
        let scratch = try Scratch()
        let run = try scratch.run(["-c", "-x"])
        #expect(run.status == 2)
        #expect(run.errors.contains("unknown command '-x'"), "\(run.errors)")
    }

    @Test("invalid UTF-8 is refused alike from -f and from standard input")
    func invalidUTF8() throws {
        let scratch = try Scratch()
        let path = scratch.folder.appendingPathComponent("bad.ntm").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data([0x65, 0x63, 0x68, 0x6F, 0x20, 0xFF, 0x0A])))
        let fromFile = try scratch.run(["-f", path])
        let fromInput = try NTMBinary.run(["--db", scratch.database], standardInput: path, directory: scratch.folder.path)
        #expect(fromFile.status == 3)
        #expect(fromInput.status == 3)
        #expect(fromInput.errors == "error: cannot read '<stdin>': not valid UTF-8 text\n")
    }

    @Test("importing a folder is an unreadable file (exit 3) for every importer")
    func importFolder() throws {
        let scratch = try Scratch()
        for command in ["unit import .", "criteria import .", "recognition import .", "ehr import ."] {
            let run = try scratch.run(["-c", command])
            #expect(run.status == 3, "\(command): \(run.status) \(run.errors)")
        }
    }

    @Test("a change that waits too long for another process's write lock names that process")
    func busyNamesHolder() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        let scratch = try Scratch()
        _ = try scratch.run(["-c", "unit list --in 07324"])
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None); "
                            + "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(5)", scratch.database]
        let pipe = Pipe()
        holder.standardOutput = pipe
        try holder.run()
        defer { holder.terminate(); holder.waitUntilExit() }
        _ = pipe.fileHandleForReading.availableData   // "locked"
        let run = try scratch.run(["-c", "set busytimeout 1; criteria set 07324 2023 9 met"])
        #expect(run.status == 1)
        #expect(run.errors.contains("is busy: process \(holder.processIdentifier) (python3 -c import sqlite3"), "\(run.errors)")
        #expect(run.errors.contains("for more than 1 second; try again, or wait longer with 'set busytimeout SECONDS'"))
    }

    @Test("three processes writing at once: every write lands, none fails as busy")
    func concurrentWriters() throws {
        let scratch = try Scratch()
        _ = try scratch.run(["-c", "unit list --in 07324"])
        var processes: [Process] = []
        for writer in 0..<3 {
            let lines = (0..<30).map { "unit add 07324\(String(format: "%02d", writer * 30 + $0)) \"Thôn \(writer)-\($0)\" --in 07324" }
            // A generous timeout: the machine running the tests may be loaded; what matters is that waits are retried.
            let file = try scratch.write("w\(writer).ntm", "set busytimeout 60\n" + lines.joined(separator: "\n") + "\n")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: NTMBinary.path)
            process.arguments = ["--db", scratch.database, "-f", file]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0, 0])
        let villages = try scratch.run(["-c", "unit list --in 07324 --format csv"]).output
        #expect(villages.split(separator: "\n").count == 91)
    }
}
