import Foundation
import Testing

extension TerminalTests {
    /// What a person sees on an 80-column terminal: tables that fit, long results paged, lists that line up.
    @Suite struct Screen {
        /// Display columns of a screen line (the shell writes Vietnamese precomposed: one character, one column).
        static func columns(_ line: String) -> Int { line.count }

        @Test("a wide table is fitted to the 80-column terminal, its widest text shortened with …")
        func wideTableFits() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()
            try ntm.send("set pager off\r")
            try ntm.expect(NtmPrompt.main)
            let mark = ntm.output.count
            try ntm.send("indicator list\r")
            try ntm.expect("rows)")
            let lines = ntm.screenLines(since: mark).dropFirst()   // the command line itself
            #expect(lines.contains { $0.contains("…") }, "\(ntm.transcript)")
            for line in lines { #expect(Self.columns(line) <= 80, "too wide: \(line)") }
            try ntm.quit()
        }

        @Test("with `set pager CMD` a result taller than the terminal goes through the pager")
        func pager() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()
            try ntm.send("set pager \"sed s/^/PAGED:/\"\r")
            try ntm.expect(NtmPrompt.main)
            try ntm.send("unit list --level district\r")   // 10 rows: fits in 24 lines
            try ntm.expectLine("(10 rows)")
            try ntm.send("unit list --in \"Tân Yên\"\r")   // taller than the terminal
            try ntm.expectLine("PAGED:(22 rows)")
            try ntm.send("set pager off\r")
            try ntm.expect(NtmPrompt.main)
            try ntm.send("unit list --in \"Tân Yên\"\r")
            try ntm.expectLine("(22 rows)")
            try ntm.quit()
        }

        @Test("Tab lists 5- and 7-digit codes with their names in one column")
        func completionListAligned() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let setup = sandbox.directory.appendingPathComponent("villages.ntm")
            try "set quiet on\nunit add 0732401 \"Thôn Đông\" --in \"Phúc Hòa\"\nset quiet off\n"
                .write(to: setup, atomically: true, encoding: .utf8)
            let ntm = try sandbox.start(["--init", setup.path])
            let mark = ntm.output.count
            try ntm.send("unit show 07324\t")
            try ntm.expect(allOf: ["Thôn Đông", "Xã Phúc Hòa"])
            try ntm.expect("07324")
            let lines = ntm.screenLines(since: mark)
            let commune = try #require(lines.first { $0.hasPrefix("07324 ") }, "\(ntm.transcript)")
            let village = try #require(lines.first { $0.hasPrefix("0732401 ") }, "\(ntm.transcript)")
            let communeName = try #require(commune.range(of: "Xã Phúc Hòa"))
            let villageName = try #require(village.range(of: "Thôn Đông"))
            #expect(commune.distance(from: commune.startIndex, to: communeName.lowerBound)
                    == village.distance(from: village.startIndex, to: villageName.lowerBound), "\(commune)\n\(village)")
            try ntm.send("\u{15}")
            try ntm.quit()
        }

        @Test("Tab after a prefix hundreds of villages share lists the best 60 in order and says how many more")
        func boundedCompletionList() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            // 300 villages `Thôn Số 1` … `Thôn Số 300` in Phúc Hòa: 111 start with `Thôn Số 1`.
            let villages = sandbox.directory.appendingPathComponent("villages.csv")
            try ("code,name,kind,parent_code\n" + (1...300).map { String(format: "07324%03d,Thôn Số %d,village,07324\n", $0, $0) }.joined())
                .write(to: villages, atomically: true, encoding: .utf8)
            let setup = sandbox.directory.appendingPathComponent("setup.ntm")
            try "set quiet on\nunit import \(villages.path)\nset quiet off\n".write(to: setup, atomically: true, encoding: .utf8)
            let ntm = try sandbox.start(["--init", setup.path])
            let mark = ntm.output.count
            try ntm.send("unit show \"thon so 1\t")
            try ntm.expectLine("… and 51 more: type more letters to narrow the list")
            let lines = ntm.screenLines(since: mark).filter { $0.hasPrefix("07324") }
            // By name as people read it: Số 1, Số 10, Số 100 … Số 109, Số 11, Số 110 … and the 60th is Số 152.
            #expect(lines.count == 60, "\(ntm.transcript)")
            #expect(lines.first?.hasPrefix("07324001  Thôn Số 1 ") == true, "\(lines)")
            #expect(lines.dropFirst().first?.hasPrefix("07324010  Thôn Số 10 ") == true, "\(lines)")
            #expect(lines.last?.hasPrefix("07324152  Thôn Số 152 ") == true, "\(lines)")
            // The line typed so far is drawn again below the list, unchanged.
            try ntm.expect("unit show \"thon so 1")
            try ntm.send("\u{15}")
            try ntm.quit()
        }

        @Test("begin, commit and rollback say what they did")
        func transactionMessages() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()
            try ntm.send("begin\r")
            try ntm.expect("Transaction open")
            try ntm.expect("ntm*> ")
            try ntm.send("rollback\r")
            try ntm.expect("Rolled back")
            try ntm.expect(NtmPrompt.main)
            try ntm.quit()
        }
    }
}
