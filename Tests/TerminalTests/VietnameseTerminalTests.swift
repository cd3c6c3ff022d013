import Foundation
import Testing

extension TerminalTests {
    /// Vietnamese text typed at the prompt, with no locale in the environment.
    @Suite struct VietnameseText {
        @Test("Vietnamese input is echoed intact and saved intact in history, with LANG unset")
        func vietnameseRoundTrip() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()

            try ntm.send("echo \"Xã Phúc Hòa\"\r")
            try ntm.expectLine("Xã Phúc Hòa")
            try ntm.expect(NtmPrompt.main)
            try ntm.quit()

            let saved = try String(contentsOfFile: sandbox.historyFile.path, encoding: .utf8)
            #expect(saved.contains("echo \"Xã Phúc Hòa\""), "history file:\n\(saved)")
        }
    }
}
