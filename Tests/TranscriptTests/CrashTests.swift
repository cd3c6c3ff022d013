import Foundation
import Testing

/// `kill -9` at random moments of an import and of a `--single-transaction` run (issue 8): the database is
/// afterwards the old state or the complete new one, and SQLite's integrity check passes. A few trials here;
/// `scripts/fuzz` runs many (`NTM_CRASH_TRIALS`).
@Suite("Crash")
struct CrashTests {
    static var trials: Int { ProcessInfo.processInfo.environment["NTM_CRASH_TRIALS"].flatMap(Int.init) ?? 3 }
    static let sqlite = "/usr/bin/sqlite3"

    /// Runs SQL with the sqlite3 shell (recovering the WAL of a killed process, as the next open would).
    static func query(_ database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite)
        process.arguments = [database, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts ntm, kills it with SIGKILL after `delay` seconds (if still running); true if it was killed.
    static func runAndKill(_ arguments: [String], in folder: String, after delay: Double) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: NTMBinary.path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ["HOME": folder, "NO_COLOR": "1", "PATH": "/usr/bin:/bin", "USER": "crash"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the moment chosen, or until the run ends by itself (then there is nothing to kill).
        let deadline = Date().addingTimeInterval(delay)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return killed
    }

    static func timed(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    /// A person-level export over the communes of the bundled registry: `rows` residents.
    static func personExport(rows: Int, codes: [String]) -> String {
        var lines = ["person_id,commune_code,birth_year,sex,has_ehr,insured"]
        lines.reserveCapacity(rows + 1)
        for i in 0..<rows {
            lines.append("P\(1_000_000 + i),\(codes[i % codes.count]),\(1930 + i % 90),\(i % 2 == 0 ? "F" : "M"),\(i % 10 == 0 ? 0 : 1),1")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("kill -9 during an import leaves the old figures or all the new ones, and an intact database")
    func killDuringImport() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.sqlite) else { return }
        let scratch = try BatchContractTests.Scratch()
        let codes = try scratch.run(["-c", "unit list --level commune --format csv"]).output
            .split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) }
        #expect(codes.count > 100)
        _ = try scratch.write("persons.csv", Self.personExport(rows: 300_000, codes: codes))
        // A full run on a copy: how long an import takes and what it stores.
        let reference = scratch.folder.appendingPathComponent("reference.db").path
        let duration = try Self.timed {
            let run = try NTMBinary.run(["--db", reference, "-c", "ehr import persons.csv --period 2023"], directory: scratch.folder.path)
            #expect(run.status == 0, "\(run.errors)")
        }
        let complete = try Self.query(reference, "SELECT COUNT(*), SUM(residents) FROM ehr_record WHERE period = '2023'")
        var killed = 0
        for trial in 0..<Self.trials {
            let database = scratch.folder.appendingPathComponent("trial\(trial).db").path
            _ = try NTMBinary.run(["--db", database, "-c", "ehr set 07324 2023 --residents 10 --with-ehr 5"], directory: scratch.folder.path)
            let old = try Self.query(database, "SELECT COUNT(*), SUM(residents) FROM ehr_record WHERE period = '2023'")
            let delay = duration * Double(trial + 1) / Double(Self.trials + 1)
            if try Self.runAndKill(["--db", database, "-c", "ehr import persons.csv --period 2023"], in: scratch.folder.path, after: delay) {
                killed += 1
            }
            #expect(try Self.query(database, "PRAGMA integrity_check") == "ok")
            let now = try Self.query(database, "SELECT COUNT(*), SUM(residents) FROM ehr_record WHERE period = '2023'")
            #expect(now == old || now == complete, "trial \(trial) after \(delay) s: \(now), old \(old), complete \(complete)")
        }
        print("crash: import, \(Self.trials) trials, \(killed) killed mid-run, 0 lost or torn states")
    }

    @Test("kill -9 during a --single-transaction run leaves none of it or all of it")
    func killDuringSingleTransaction() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.sqlite) else { return }
        let scratch = try BatchContractTests.Scratch()
        let lines = (0..<600).map { "unit add 07324\(String(format: "%03d", $0)) \"Thôn \($0)\" --in 07324" }
        let file = try scratch.write("load.ntm", lines.joined(separator: "\n") + "\n")
        let reference = scratch.folder.appendingPathComponent("reference.db").path
        let duration = try Self.timed {
            let run = try NTMBinary.run(["--db", reference, "--single-transaction", "-f", file], directory: scratch.folder.path)
            #expect(run.status == 0)
        }
        var killed = 0
        for trial in 0..<Self.trials {
            let database = scratch.folder.appendingPathComponent("trial\(trial).db").path
            _ = try NTMBinary.run(["--db", database, "-c", "unit list --in 07324"], directory: scratch.folder.path)
            let delay = duration * Double(trial + 1) / Double(Self.trials + 1)
            if try Self.runAndKill(["--db", database, "--single-transaction", "-f", file], in: scratch.folder.path, after: delay) {
                killed += 1
            }
            #expect(try Self.query(database, "PRAGMA integrity_check") == "ok")
            let villages = try Self.query(database, "SELECT COUNT(*) FROM unit WHERE level = 'village'")
            #expect(villages == "0" || villages == "600", "trial \(trial) after \(delay) s: \(villages) villages")
        }
        print("crash: single transaction, \(Self.trials) trials, \(killed) killed mid-run, 0 lost or torn states")
    }
}
