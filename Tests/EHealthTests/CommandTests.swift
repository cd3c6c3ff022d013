import Testing
import NTMCore
import ShellKit
@testable import EHealth

/// The `ehr` commands as a person or a command file uses them: messages, refusals, tables.
@Suite("Commands")
struct CommandTests {
    @Test func setRecordsUpdatesAndSaysWhatChanged() throws {
        let fixture = try EHealthFixture()
        var run = fixture.run("ehr set \"phuc hoa\" 2023 --residents 9120 --with-ehr 8500")
        #expect(run.output == "Recorded Xã Phúc Hòa (07324) for 2023: 9,120 residents, 8,500 with an EHR (93.2%).\n")
        run = fixture.run("ehr set 07324 2023 --residents 9120 --with-ehr 8760 --insured 8650")
        #expect(run.output == "Updated Xã Phúc Hòa (07324) for 2023: with EHR 8,500 → 8,760, insured — → 8,650; "
                + "now 9,120 residents, 8,760 with an EHR (96.1%).\n")
        run = fixture.run("ehr set 07324 2023 --residents 9120 --with-ehr 8760")
        #expect(run.output == "Xã Phúc Hòa (07324) already has these figures for 2023: nothing changed.\n")
        let audit = try fixture.read { try $0.audit.list(AuditQuery(module: "ehr")) }.filter { $0.entity != "module" }
        #expect(audit.map(\.change) == ["added", "changed"])
        #expect(audit[1].key == "07324/2023")
        #expect(audit[1].before == #"{"residents":9120,"with_ehr":8500,"insured":null,"under5":null,"stunted_under5":null}"#)
    }

    @Test func setRefusesImpossibleFiguresWithTheReason() throws {
        let fixture = try EHealthFixture()
        var run = fixture.run("ehr set 07324 2023 --residents 9120 --with-ehr 9500")
        #expect(run.status == 1)
        #expect(run.errors == "test.ntm:1: error: refused: with EHR (9,500) cannot exceed residents (9,120)\n"
                + "    ehr set 07324 2023 --residents 9120 --with-ehr 9500\n"
                + "                                                   ^~~~\n")
        run = fixture.run("ehr set 07324 2023 --residents 9120 --with-ehr 9000 --insured 9121")
        #expect(run.errors.hasPrefix("test.ntm:1: error: refused: insured (9,121) cannot exceed residents (9,120)\n"))
        run = fixture.run("ehr set 07324 2023 --residents 9120 --with-ehr 9000 --under5 800 --stunted-under5 801")
        #expect(run.errors.hasPrefix("test.ntm:1: error: refused: stunted under 5 (801) cannot exceed under 5 (800)\n"))
        run = fixture.run("ehr set 07324 2023 --residents 9120 --with-ehr 9000 --stunted-under5 80")
        #expect(run.errors.hasPrefix("test.ntm:1: error: refused: stunted under 5 needs the number of children under 5 (--under5)\n"))
        run = fixture.run("ehr set \"Tân Yên\" 2023 --residents 9120 --with-ehr 9000")
        #expect(run.errors.hasPrefix("test.ntm:1: error: Huyện Tân Yên (216) is a district: figures are recorded per commune, ward or township"))
        run = fixture.run("ehr set nowhere 2023 --residents 1 --with-ehr 1")
        #expect(run.errors.hasPrefix("test.ntm:1: error: unknown unit 'nowhere' on 2023-12-31"))
        run = fixture.run("ehr set 07324 2023 --residents 9120")
        #expect(run.status == 2)
        #expect(try ImportTests.stored(fixture) == (0, 0))
    }

    @Test func setRefusesAChangeThatBreaksAKeptFigure() throws {
        let fixture = try EHealthFixture()
        #expect(fixture.run("ehr set 07324 2023 --residents 9120 --with-ehr 8000 --insured 9000").status == 0)
        let run = fixture.run("ehr set 07324 2023 --residents 8500 --with-ehr 8000")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: refused: insured (9,000) cannot exceed residents (8,500)\n"))
    }

    @Test func coverageByCommuneWithinADistrictAndBelowAThreshold() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07324", "2023", residents: 9120, withRecord: 8760)
        try fixture.set("07306", "2023", residents: 6400, withRecord: 6310)
        try fixture.set("07303", "2023", residents: 5000, withRecord: 4000)
        let run = fixture.run("ehr coverage --in \"Tân Yên\" --period 2023 --below 97")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == """
            code   unit         district       residents  with EHR  coverage
            ─────  ───────────  ─────────────  ─────────  ────────  ────────
            07303  Xã Lan Giới  Huyện Tân Yên      5,000     4,000     80.0%
            07324  Xã Phúc Hòa  Huyện Tân Yên      9,120     8,760     96.1%
            (2 rows)
            Note: 2023: commune-level units in Huyện Tân Yên as on 2023-12-31; each commune's latest figures within the period
            Note: total Huyện Tân Yên: 20,520 residents, 19,070 with an EHR (92.9%), 3 of 22 communes, wards and townships reporting
            Note: only rows below 97%

            """)
    }

    @Test func coverageDefaultsToTheLatestYearWithFigures() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07324", "2024-03", residents: 9120, withRecord: 8760)
        let run = fixture.run("ehr coverage --by province --format csv")
        #expect(run.output == "code,unit,communes,reporting,residents,with_ehr,coverage\n24,Tỉnh Bắc Giang,209,1,9120,8760,96.053\n")
    }

    @Test func gapsListsCommunesUnderTheTargetWorstFirstWithTheRecordsNeeded() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07324", "2023", residents: 9120, withRecord: 8760)   // 96.1%: above 95%
        try fixture.set("07306", "2023", residents: 6400, withRecord: 6000)   // 93.75%: 80 needed
        try fixture.set("07303", "2023", residents: 5000, withRecord: 4000)   // 80%: 750 needed
        try fixture.set("07201", "2023", residents: 1000, withRecord: 800)    // 80%: 150 needed
        let run = fixture.run("ehr gaps --period 2023")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == """
            code   unit              district             residents  with EHR  coverage  needed
            ─────  ────────────────  ───────────────────  ─────────  ────────  ────────  ──────
            07303  Xã Lan Giới       Huyện Tân Yên            5,000     4,000     80.0%     750
            07201  Phường Thọ Xương  Thành phố Bắc Giang      1,000       800     80.0%     150
            07306  Thị trấn Nhã Nam  Huyện Tân Yên            6,400     6,000     93.8%      80
            (3 rows)
            Note: 2023: below 95% (the ehr.coverage target for 2025)
            Note: 980 more residents need a record in 3 units
            Note: 205 of 209 communes, wards and townships have no figures for 2023

            """)
        let below = fixture.run("ehr gaps --period 2023 --below 81 --in 213 --format csv")
        #expect(below.output == "code,unit,district,residents,with_ehr,coverage,needed\n07201,Phường Thọ Xương,Thành phố Bắc Giang,1000,800,80,10\n")
    }

    @Test func gapsFollowsATargetSetForTheYear() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07324", "2023", residents: 9120, withRecord: 8760)
        _ = try fixture.workspace.performMutation(MutationContext(actor: "t", commandLine: "target set")) { store in
            try store.targets.set(TargetDefinition(indicatorID: "ehr.coverage", scope: .unit("24"), year: 2023, threshold: 97.5))
        }
        let run = fixture.run("ehr gaps --period 2023 --format csv")
        #expect(run.output == "code,unit,district,residents,with_ehr,coverage,needed\n07324,Xã Phúc Hòa,Huyện Tân Yên,9120,8760,96.053,132\n")
    }

    @Test func facilitiesAreAddedConnectedListedAndCounted() throws {
        let fixture = try EHealthFixture()
        var run = fixture.run("""
            ehr facility add "Bệnh viện Đa khoa tỉnh Bắc Giang" --level provincial --in 24 --connected-since 2021-03-15
            ehr facility add "Trung tâm Y tế huyện Tân Yên" --level district --in "Tân Yên"
            ehr facility add "Trạm Y tế xã Phúc Hòa" --level commune --in "Phúc Hòa"
            """)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == """
            Added Bệnh viện Đa khoa tỉnh Bắc Giang (facility 1): a provincial hospital serving Tỉnh Bắc Giang (24), connected online since 2021-03-15.
            Added Trung tâm Y tế huyện Tân Yên (facility 2): a district health centre serving Huyện Tân Yên (216), not connected online.
            Added Trạm Y tế xã Phúc Hòa (facility 3): a commune health station serving Xã Phúc Hòa (07324), not connected online.

            """)
        #expect(try fixture.indicator("ehr.facilities_connected", "24", "2023")?.numerator == 1)
        #expect(try fixture.indicator("ehr.facilities_connected", "24", "2023")?.denominator == 2)
        run = fixture.run("ehr facility list --unconnected --format csv")
        #expect(run.output == """
            id,name,level,unit_code,unit,connected_since
            2,Trung tâm Y tế huyện Tân Yên,district,216,Huyện Tân Yên,
            3,Trạm Y tế xã Phúc Hòa,commune,07324,Xã Phúc Hòa,

            """)
        run = fixture.run("ehr facility connect \"trung tam y te huyen tan yen\" --since 2022-06-01")
        #expect(run.output == "Connected Trung tâm Y tế huyện Tân Yên (facility 2) online since 2022-06-01.\n")
        #expect(try fixture.indicator("ehr.facilities_connected", "24", "2022")?.numerator == 2)
        #expect(try fixture.indicator("ehr.facilities_connected", "24", "2021")?.numerator == 1)
        run = fixture.run("ehr facility connect \"Tân Yên\" --since 2022-06-01")
        #expect(run.output == "Trung tâm Y tế huyện Tân Yên (facility 2) is already recorded as online since 2022-06-01: nothing changed.\n")
        run = fixture.run("ehr facility list --level district")
        #expect(run.output.contains("Note: provincial and district facilities connected: 2 of 2 (100.0%)"))
    }

    @Test func facilityMistakesAreRefused() throws {
        let fixture = try EHealthFixture()
        #expect(fixture.run("ehr facility add \"Trung tâm Y tế huyện Tân Yên\" --level district --in \"Tân Yên\"").status == 0)
        var run = fixture.run("ehr facility add \"TRUNG TAM Y TE HUYEN TAN YEN\" --level district --in \"Tân Yên\"")
        #expect(run.errors.hasPrefix("test.ntm:1: error: a facility named 'Trung tâm Y tế huyện Tân Yên' already exists (facility 1)"))
        run = fixture.run("ehr facility add \"Bệnh viện X\" --level provincial --in \"Tân Yên\"")
        #expect(run.errors.hasPrefix("test.ntm:1: error: 'Tân Yên' is Huyện Tân Yên (216), a district, not a province")
                || run.errors.hasPrefix("test.ntm:1: error: unknown unit 'Tân Yên'"))
        run = fixture.run("ehr facility add \"Trạm Y tế\" --level commune --in 216")
        #expect(run.errors.hasPrefix("test.ntm:1: error: '216' is Huyện Tân Yên (216), a district, not a commune"))
        run = fixture.run("ehr facility connect \"Bệnh viện Y\" --since 2022-01-01")
        #expect(run.errors.hasPrefix("test.ntm:1: error: no facility 'Bệnh viện Y': see 'ehr facility list'"))
        run = fixture.run("ehr facility connect \"Tân Yên\" --since 2999-01-01")
        #expect(run.errors.hasPrefix("test.ntm:1: error: 2999-01-01 is in the future"))
        #expect(run.status == 1)
    }

    @Test func everyCommandHasASummaryADescriptionAndOneToThreeExamples() {
        for spec in EHealthPlugin().commands {
            #expect(!spec.summary.isEmpty, "\(spec.name)")
            #expect((1...3).contains(spec.examples.count), "\(spec.name)")
            #expect(spec.path.first == "ehr")
        }
    }

    @Test func everyExampleWorksAgainstAFreshDefaultDatabase() throws {
        let fixture = try EHealthFixture()
        // The files the import examples name.
        try fixture.write("ehr-2023.csv", "unit_code,period,residents,with_ehr,insured\n07324,2023,9120,8760,8650\n07306,2023,6400,6310,6200\n")
        try fixture.write("hssk-export-2023-05.csv", PersonExportFile.generate(rows: 500, codes: ["07324", "07303"]).text)
        for spec in EHealthPlugin().commands {
            for example in spec.examples {
                let run = fixture.run(example.command)
                #expect(run.status == 0, "\(example.command): \(run.errors)")
            }
        }
    }

    @Test func theModuleAloneRefusesToRunCommands() {
        let shell = Shell(appName: "ntm", version: "test", console: CapturingConsole(), interactive: false)
        shell.register(EHealthPlugin())
        #expect(shell.run(text: "ehr coverage", name: "x") == 1)
    }

    @Test func unitsAreCompletedWithoutDiacritics() throws {
        let fixture = try EHealthFixture()
        let completion = fixture.shell.complete("ehr set phuc")
        let displays = completion.items.map(\.display)
        #expect(displays.contains("07324  Xã Phúc Hòa"))
        #expect(displays.contains { $0.hasSuffix("Xã Phúc Sơn") })
        #expect(!displays.contains { $0.contains("Huyện") })   // ehr set takes commune-level units only
    }

    /// The rows of a breakdown are the units of the level asked within the area (`ReportRows`): a level above the
    /// area's, or districts after they were abolished, are refused with the report's own word for an earlier day.
    @Test func coverageRefusesABreakdownWithNoRows() throws {
        let fixture = try EHealthFixture()
        var run = fixture.run("ehr coverage --in 07324 --by district --period 2023")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: Xã Phúc Hòa is a commune: it has no district rows (--by district)\n"))
        run = fixture.run("ehr coverage --by district --period 2025")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: no district-level units within Tỉnh Bắc Ninh on "))
        #expect(run.errors.contains("(districts were abolished on 2025-07-01): use --by commune or an earlier period\n"))
    }
}
