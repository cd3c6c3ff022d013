import Testing
import NTMCore
import ShellKit
@testable import Training

/// The `training` commands as declared: help text, examples, completion.
@Suite("Commands")
struct CommandTests {
    @Test func everyCommandHasASummaryAndOneToThreeExamples() {
        for spec in TrainingPlugin().commands {
            #expect(!spec.summary.isEmpty, "\(spec.name)")
            #expect((1...3).contains(spec.examples.count), "\(spec.name)")
            #expect(spec.path.first == "training")
        }
    }

    @Test func everyExampleWorksInOrderAgainstAFreshDefaultDatabase() throws {
        let fixture = try TrainingFixture()
        try fixture.write("officials-tan-yen.csv", "full_name,unit_code,role,manager,since\nĐỗ Văn Hải,07306,steering-board,yes,2022-01-01\n")
        try fixture.write("completions-2024.csv", "official_no,course_code,completed_on,certificate\n3,CDS-01,2024-04-02,CN-2024-0001\n")
        try fixture.write("moodle-completion-CDS-01.csv", "ID,Name,ID number,Course complete\n5,Đỗ Văn Hải,3,\"02/04/24, 10:00\"\n")
        for spec in TrainingPlugin().commands {
            for example in spec.examples {
                let run = fixture.run(example.command)
                #expect(run.status == 0, "\(example.command): \(run.errors)")
            }
        }
    }

    @Test func theModuleAloneRefusesToRunCommands() {
        let shell = Shell(appName: "ntm", version: "test", console: CapturingConsole(), interactive: false)
        shell.register(TrainingPlugin())
        #expect(shell.run(text: "training coverage", name: "x") == 1)
    }

    @Test func officialsAreCompletedByNumberOrNameWithoutDiacritics() throws {
        let fixture = try TrainingFixture()
        fixture.runOK("""
            training official add "Nguyễn Văn An" --in 07324 --role steering-board --manager --since 2022-01-01
            training official add "Nguyễn Thị Ánh" --in 07303 --role commune-cadre --since 2022-01-01
            training official add "Lê Thị Hoa" --in 07324 --role commune-cadre --since 2022-01-01
            """)
        var displays = fixture.shell.complete("training history nguyen").items.map(\.display)
        #expect(displays == ["1  Nguyễn Văn An", "2  Nguyễn Thị Ánh"] || displays == ["2  Nguyễn Thị Ánh", "1  Nguyễn Văn An"])
        displays = fixture.shell.complete("training history hoa").items.map(\.display)
        #expect(displays == ["3  Lê Thị Hoa"])
        displays = fixture.shell.complete("training official show 3").items.map(\.display)
        #expect(displays == ["3  Lê Thị Hoa"])
        // Two share "nguyen": the name is ambiguous and the error lists both with their numbers and units.
        let run = fixture.run("training history nguyen")
        #expect(run.errors.hasPrefix("test.ntm:1: error: ambiguous official 'nguyen': Nguyễn Thị Ánh (no. 2, Xã Lan Giới); "
                                     + "Nguyễn Văn An (no. 1, Xã Phúc Hòa) — give the registry number"))
        #expect(fixture.run("training history \"Nguyen (Phuc Hoa)\"").status == 0)
    }
}

/// Topics as providers write them.
@Suite("Topics")
struct TopicTests {
    @Test func vietnameseTopicNamesCountLikeTheEnglishOnes() throws {
        #expect(Topic.canonical("Chuyển đổi số") == Topic.digitalTransformation)
        #expect(Topic.canonical("AN TOÀN THÔNG TIN") == Topic.informationSecurity)
        #expect(Topic.canonical("Nông nghiệp số") == "nong nghiep so")
        let fixture = try TrainingFixture()
        fixture.runOK("""
            training course add CDS-VN "Chuyển đổi số" --provider "Huyện Tân Yên" --mode blended --hours 6 --topic "chuyển đổi số"
            training official add "Nguyễn Văn An" --in 07324 --role steering-board --manager --since 2022-01-01
            training complete 1 CDS-VN --on 2023-05-11
            """)
        #expect(try fixture.indicator("training.managers_trained", "07324", "2023") == IndicatorValue(numerator: 1, denominator: 1))
    }
}
