import Foundation
import Testing

/// Generated command lines through the real tokenizer, binder and dispatcher (issue 8): no input may crash
/// ntm, hang beyond a bound, or write to a database opened read-only.
///
/// A seeded generator mixes the corpus (`fuzz/corpus.ntm`) with commands from `help --reference`, their
/// options, good and bad values, quotes, variables, separators, control characters and decomposed Unicode.
/// `scripts/test` runs a short pass; `scripts/fuzz` runs long ones (`NTM_FUZZ_INPUTS`, `NTM_FUZZ_SEED`).
@Suite("Fuzz")
struct FuzzTests {
    /// A small, deterministic generator (SplitMix64): a failing seed reproduces exactly.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
        mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
    }

    static var inputs: Int { ProcessInfo.processInfo.environment["NTM_FUZZ_INPUTS"].flatMap(Int.init) ?? 400 }
    static var seed: UInt64 { ProcessInfo.processInfo.environment["NTM_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_231_231 }

    static let values = [
        "07324", "07561", "24", "215", "99999", "Phúc Hòa", "phuc", "Pho\u{31B}\u{301}c", "Tân Yên", "2023", "2025", "2023Q2",
        "2023-05", "2023-13", "0", "-1", "1", "9120", "10000001", "9223372036854775807", "99999999999999999999", "1e308",
        "NaN", "met", "unmet", "yes", "8", "8.4", "20", "19", "''", "\"\"", "$year", "${year}", "$nope", "${", "\\",
        "#comment", ";", "\u{1B}[2J", "\u{1B}]0;title\u{07}", "\r", "\u{301}", "\u{FEFF}", "a\tb", "-", "--", "csv", "json",
        "markdown", "table", "district", "commune", "province", "standard", "model", "/dev/null", "out.csv", "out.json",
        "ntm.db", "ntm.db-wal", ".", "/", "/dev/zero", "fuzz.ntm", String(repeating: "x", count: 300),
    ]
    static let flags = [
        "--format", "--output", "--in", "--by", "--period", "--year", "--help", "-h", "--residents", "--with-ehr",
        "--insured", "--under5", "--stunted-under5", "--note", "--all", "--below", "--level", "--kind", "--xyz", "--",
    ]

    /// The commands ntm declares, read from its own reference.
    static func commands() throws -> [String] {
        let help = try NTMBinary.run(["--db", ":memory:", "-c", "help --reference"], directory: "/tmp").output
        return help.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("### `"), line.hasSuffix("`") else { return nil }
            return String(line.dropFirst(5).dropLast())
        }
    }

    static func corpus() throws -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("fuzz/corpus.ntm")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
    }

    /// One generated line.
    static func line(_ g: inout Generator, commands: [String], corpus: [String]) -> String {
        if g.chance(15) {
            // A corpus line, perhaps mutated: a word dropped, duplicated or replaced.
            var words = g.pick(corpus).split(separator: " ").map(String.init).filter { $0 != "quit" && $0 != "exit" }
            if !words.isEmpty && g.chance(60) {
                let i = g.int(words.count)
                switch g.int(3) {
                case 0: words.remove(at: i)
                case 1: words.insert(words[i], at: i)
                default: words[i] = g.pick(values)
                }
            }
            return words.joined(separator: " ")
        }
        var words = [g.chance(5) ? g.pick(values) : g.pick(commands)]
        for _ in 0..<g.int(7) {
            switch g.int(10) {
            case 0...3: words.append(g.pick(values))
            case 4...6: words.append(g.pick(flags))
            case 7: words.append("\"" + g.pick(values) + "\"")
            case 8: words.append(g.pick([";", "\\", "#", "'", "\"", "${", "$"]))
            default: words.append(String(String.UnicodeScalarView((0..<g.int(6)).map { _ in
                Unicode.Scalar(UInt32(g.pick([0x1B, 0x07, 0x0D, 0x09, 0x301, 0x20, 0x3B, 0x22, 0x27, 0x24, 0x41, 0x1EA1, 0xFEFF])))!
            })))
            }
        }
        return words.joined(separator: " ")
    }

    /// Runs `lines` as separate `-c` inputs with --keep-going (so one bad line stops nothing), in one process.
    static func run(_ lines: [String], database: String, readOnly: Bool, in folder: String) throws -> (status: Int32, reason: Process.TerminationReason, seconds: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: NTMBinary.path)
        process.arguments = ["--db", database, "--keep-going", "--quiet"] + (readOnly ? ["--read-only"] : []) + lines.flatMap { ["-c", $0] }
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ["HOME": folder, "NO_COLOR": "1", "PATH": "/usr/bin:/bin", "USER": "fuzz"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let started = Date()
        try process.run()
        // A bound on the whole batch: a hang is a failure, not a stuck test run.
        let deadline = Date().addingTimeInterval(Double(60 + lines.count / 5))
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); process.waitUntilExit(); return (-1, .uncaughtSignal, -1) }
        return (process.terminationStatus, process.terminationReason, Date().timeIntervalSince(started))
    }

    @Test("generated command lines never crash or hang ntm, and never change a database opened read-only")
    func commandLanguage() throws {
        let scratch = try BatchContractTests.Scratch()
        _ = try scratch.run(["-c", "criteria set 07324 2023 9 met; ehr set 07324 2023 --residents 9120 --with-ehr 8760"])
        _ = try scratch.write("fuzz.ntm", "echo sourced\n")
        // Changing commands in memory run in their own folder: an `--output ntm.db` there is no database.
        let memoryFolder = scratch.folder.appendingPathComponent("memory").path
        try FileManager.default.createDirectory(atPath: memoryFolder, withIntermediateDirectories: true)
        try "echo sourced\n".write(toFile: memoryFolder + "/fuzz.ntm", atomically: true, encoding: .utf8)
        // `quit` would end a batch early; everything else is fair game.
        let commands = try Self.commands().filter { $0 != "quit" && $0 != "exit" }
        #expect(commands.count > 30)
        let corpus = try Self.corpus()
        var generator = Generator(state: Self.seed)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.database))
        var tried = 0
        let batch = 200
        while tried < Self.inputs {
            let lines = (0..<min(batch, Self.inputs - tried)).map { _ in Self.line(&generator, commands: commands, corpus: corpus) }
            // Read-only on the real file: nothing may be written. In memory: the changing commands run too.
            for readOnly in [true, false] {
                let result = try Self.run(lines, database: readOnly ? scratch.database : ":memory:", readOnly: readOnly,
                                          in: readOnly ? scratch.folder.path : memoryFolder)
                #expect(result.reason == .exit, "crash or hang (seed \(Self.seed), inputs \(tried)..<\(tried + lines.count))")
                #expect([0, 1, 2, 3].contains(result.status), "exit \(result.status) (seed \(Self.seed), inputs \(tried)..<\(tried + lines.count))")
            }
            tried += lines.count
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.database)) == before, "a read-only run changed the database")
        #expect(!FileManager.default.fileExists(atPath: scratch.database + "-wal"))
        print("fuzz: \(tried) inputs tried twice (read-only file, in memory), seed \(Self.seed): 0 crashes, 0 hangs, 0 writes")
    }
}
