import Foundation
import Testing

extension TerminalTests {
    /// Two ntm processes on one database file: what one adds, the other's next command sees.
    @Suite struct SharedDatabase {
        /// Runs `ntm --db PATH -c COMMANDS` to the end and returns its exit status.
        func runOther(_ database: String, _ commands: String) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try NtmSandbox.binaryPath())
            process.arguments = ["--db", database, "--quiet", "-c", commands]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }

        @Test("a village added by another process is resolved and completed by the session's next command")
        func otherProcessAdds() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let database = sandbox.directory.appendingPathComponent("shared.db").path
            #expect(try runOther(database, "version") == 0)
            let ntm = try sandbox.start(["--db", database])
            // The session reads the registry (and keeps it) before the other process writes.
            try ntm.send("unit show \"dong vang\"\r")
            try ntm.expect("unknown unit")
            try ntm.expect(NtmPrompt.main)

            #expect(try runOther(database, "unit add 0732401 \"Thôn Đông Vàng\" --in 07324") == 0)
            try ntm.send("unit show 0732401\r")
            try ntm.expect("Thôn Đông Vàng")
            try ntm.expect(NtmPrompt.main)
            // Tab inserts the name without its kind word (quoted): the only unit it fits.
            try ntm.send("unit show \"dong va\t")
            try ntm.expect("\"Đông Vàng\"")
            try ntm.send("\r")
            try ntm.expect(allOf: ["0732401", "Xã Phúc Hòa"])
            try ntm.quit()
        }
    }
}
