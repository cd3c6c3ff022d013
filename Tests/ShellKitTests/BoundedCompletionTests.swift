import Foundation
import Testing
@testable import ShellKit

/// Completers that offer the best few of thousands of values (units of a large province) and say
/// how many more matched.
@Suite("Bounded completion")
struct BoundedCompletionTests {
    /// `village show NAME`, completed from 2,000 villages `Thôn Số 1` … `Thôn Số 2000` and two
    /// others: at most five offered, in number order.
    struct VillagePlugin: Plugin {
        let name = "village"
        let version = "0.1"
        let summary = "Villages"
        static let names = (1...2000).map { "Thôn Số \($0)" } + ["Bản Chang Khao", "Bản Chang Khoai"]

        var commands: [CommandSpec] {
            let type = ValueType.entity("village", placeholder: "NAME", completeBounded: { typed in
                let matching = Self.names.filter { Fold.key($0).hasPrefix(Fold.key(typed)) }
                return CandidateList(matching.prefix(5).map { Candidate($0, summary: "a village") }, more: matching.count - 5)
            })
            return [CommandSpec("village show", summary: "Show a village",
                                parameters: [.positional("name", type, "The village")]) { _ in .none }]
        }
    }

    let shell: Shell = {
        let shell = Shell(appName: "test", version: "1", console: CapturingConsole(terminal: false), interactive: true)
        shell.register(VillagePlugin())
        return shell
    }()

    @Test("the best few are offered and the rest counted")
    func counted() {
        let completion = shell.complete("village show \"thon so 1")
        #expect(completion.items.map(\.display) == ["Thôn Số 1", "Thôn Số 10", "Thôn Số 11", "Thôn Số 12", "Thôn Số 13"])
        #expect(completion.more == 1111 - 5)
    }

    @Test("no common beginning is put in when values left out may not share it")
    func noCommonWhenCut() {
        // The five offered share `Thôn Số 1`; Thôn Số 2 … do not.
        #expect(shell.complete("village show \"thon").common == nil)
        #expect(shell.complete("village show \"thon").more == 1995)
        #expect(shell.complete("village show \"thon so 1").common == nil)
    }

    @Test("a list that is not cut short counts nothing more, and keeps its common beginning")
    func notCut() {
        let completion = shell.complete("village show \"ban ch")
        #expect(completion.items.map(\.display) == ["Bản Chang Khao", "Bản Chang Khoai"])
        #expect(completion.more == 0)
        #expect(completion.common == "\"Bản Chang Kh")
    }
}
