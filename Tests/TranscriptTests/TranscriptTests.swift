import Foundation
import Testing

/// Transcript checks: every `checks/*.ntm` file is a command file run through the real `ntm` binary.
///
/// Inside a check, comments state what must happen (fish-style):
///   `# CHECK: text`     a line of standard output (all CHECK lines, in order, are the whole of stdout)
///   `# CHECKERR: text`  a line of standard error (likewise the whole of stderr)
///   `# EXIT: N`         the expected exit status (default 0)
///   `# ARGS: ...`       extra flags for ntm, before `-f FILE`
///   `# STDIN`           run the file as standard input (`ntm < FILE`) instead of `-f FILE`
/// `{DIR}` in expectations stands for the checks folder. Lines are compared exactly, except that
/// audit timestamps (`2026-11-29T01:37:55Z`) are written `{TIME}`: the clock is never faked, not even in tests.
@Suite("Transcripts")
struct TranscriptTests {
    static let checksDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("checks")

    static var checkFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: checksDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".ntm") }.sorted()
    }

    @Test("transcript", arguments: checkFiles)
    func transcript(_ name: String) throws {
        let path = Self.checksDirectory.appendingPathComponent(name).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let check = Check(parsing: text, directory: Self.checksDirectory.path)
        let run = try NTMBinary.run(
            check.arguments + (check.useStandardInput ? [] : ["-f", name]),
            standardInput: check.useStandardInput ? path : nil,
            directory: Self.checksDirectory.path
        )
        #expect(Check.normalize(run.output) == check.expectedOutput, "stdout of \(name)")
        #expect(Check.normalize(run.errors) == check.expectedErrors, "stderr of \(name)")
        #expect(run.status == check.expectedStatus, "exit status of \(name)")
    }
}

/// The expectations written in a check file.
struct Check {
    /// Output with UTC timestamps replaced by `{TIME}`.
    static func normalize(_ text: String) -> String {
        text.replacingOccurrences(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"#, with: "{TIME}", options: .regularExpression)
    }

    var expectedOutput = ""
    var expectedErrors = ""
    var expectedStatus: Int32 = 0
    var arguments: [String] = ["--db", ":memory:"]
    var useStandardInput = false

    init(parsing text: String, directory: String) {
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            func value(_ prefix: String) -> String? {
                guard line.hasPrefix(prefix) else { return nil }
                var rest = String(line.dropFirst(prefix.count))
                if rest.hasPrefix(" ") { rest.removeFirst() }
                return rest.replacingOccurrences(of: "{DIR}", with: directory)
            }
            if let out = value("# CHECK:") { expectedOutput += out + "\n" }
            else if let err = value("# CHECKERR:") { expectedErrors += err + "\n" }
            else if let status = value("# EXIT:") { expectedStatus = Int32(status) ?? -1 }
            else if let args = value("# ARGS:") { arguments += args.split(separator: " ").map(String.init) }
            else if line == "# STDIN" { useStandardInput = true }
        }
    }
}

/// Runs the `ntm` binary built beside this test bundle.
enum NTMBinary {
    struct Run {
        var output: String
        var errors: String
        var status: Int32
    }

    /// The `ntm` executable in the build folder that holds the running test bundle, or `$NTM_BINARY`.
    static var path: String {
        if let explicit = ProcessInfo.processInfo.environment["NTM_BINARY"] { return explicit }
        var url = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("ntm")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate.path
            }
        }
        return "ntm"
    }

    /// Runs ntm (or `executable`, e.g. a command file with a `#!` line) in `directory`, in a scratch HOME.
    static func run(_ arguments: [String], standardInput: String? = nil, directory: String, executable: String? = nil,
                    environment extra: [String: String] = [:]) throws -> Run {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-transcript-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        #expect(FileManager.default.createFile(atPath: outURL.path, contents: nil))
        #expect(FileManager.default.createFile(atPath: errURL.path, contents: nil))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = [
            "HOME": scratch.path, "XDG_STATE_HOME": scratch.path + "/state", "XDG_DATA_HOME": scratch.path + "/data",
            "NO_COLOR": "1", "PATH": "/usr/bin:/bin", "USER": "tester", "LOGNAME": "tester",
        ]
        // Sanitizer settings pass through (scripts/fuzz turns LeakSanitizer's exit status off).
        for name in ["ASAN_OPTIONS", "TSAN_OPTIONS"] { environment[name] = ProcessInfo.processInfo.environment[name] }
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = try standardInput.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Run(
            output: try String(contentsOf: outURL, encoding: .utf8),
            errors: try String(contentsOf: errURL, encoding: .utf8),
            status: process.terminationStatus
        )
    }
}
