import Testing
import NTMCore
import ShellKit
@testable import Telecom

/// The `telecom` commands as a person or a command file uses them: messages, refusals, what is kept.
@Suite("Commands")
struct CommandTests {
    @Test func villageSetKeepsWhatIsNotGivenFromThePreviousSurvey() throws {
        let fixture = try TelecomFixture()
        try fixture.addVillages("07324", count: 1)
        var run = fixture.run("telecom village set 0732401 2023-06-01 --4g viettel,VINAPHONE --fibre no --households 200 --broadband 80 --loudspeaker yes")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == "Recorded Thôn 1 (0732401) on 2023-06-01: 4G Viettel, VinaPhone; no fibre; 200 households, "
                + "80 with broadband; loudspeakers.\n")
        run = fixture.run("telecom village set 0732401 2023-11-15 --fibre yes --broadband 120")
        #expect(run.output == "Recorded Thôn 1 (0732401) on 2023-11-15: 4G Viettel, VinaPhone; fibre; 200 households, "
                + "120 with broadband; loudspeakers (the rest kept from 2023-06-01).\n")
        run = fixture.run("telecom village set 0732401 2023-11-15 --fibre yes")
        #expect(run.output == "Thôn 1 (0732401) already has this evidence on 2023-11-15: nothing changed.\n")
        let history = try fixture.read { store in
            try store.villageSurveys.history(unitID: try fixture.unit("0732401").id)
        }
        #expect(history.map(\.date.description) == ["2023-06-01", "2023-11-15"])
        #expect(history[0].evidence.fibre == false && history[1].evidence.fibre == true)
        let audit = try fixture.read { try $0.audit.list(AuditQuery(module: "telecom")).filter { $0.entity != "module" } }
        #expect(audit.map(\.key) == ["0732401/2023-06-01", "0732401/2023-11-15"])
    }

    @Test func villageSetRefusals() throws {
        let fixture = try TelecomFixture()
        try fixture.addVillages("07324", count: 1)
        var run = fixture.run("telecom village set 0732401 2023-06-01 --households 100 --broadband 101")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: refused: broadband households (101) cannot exceed households (100)\n"))
        run = fixture.run("telecom village set 0732401 2023-06-01 --4g viettel --no-signal terrain")
        #expect(run.errors.hasPrefix("test.ntm:1: error: refused: a no-signal village (terrain) cannot have 4G service from Viettel"))
        run = fixture.run("telecom village set 0732401 2023-06-01 --4g skynet")
        #expect(run.errors.hasPrefix("test.ntm:1: error: unknown operator 'skynet': expected Viettel, VinaPhone, MobiFone, Vietnamobile or none"))
        run = fixture.run("telecom village set 07324 2023-06-01 --fibre yes")
        #expect(run.status == 1)
        run = fixture.run("telecom village set 0732401 2023-06-01")
        #expect(run.status == 2)
        #expect(run.errors.contains("nothing to record"))
        run = fixture.run("telecom village set 0732401 2099-01-01 --fibre yes")
        #expect(run.errors.contains("2099-01-01 is in the future"))
        #expect(try fixture.read { try Int.fetchOne($0.db, sql: "SELECT COUNT(*) FROM telecom_village_survey") } == 0)
    }

    @Test func anOperatorAddedAsDataCanBeNamed() throws {
        let fixture = try TelecomFixture()
        try fixture.addVillages("07324", count: 1)
        #expect(fixture.run("telecom operator add Itelecom").output == "Added the operator Itelecom.\n")
        #expect(fixture.run("telecom operator add ITELECOM").errors.contains("the operator Itelecom is already known"))
        let run = fixture.run("telecom village set 0732401 2023-06-01 --4g itelecom")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("4G Itelecom"))
    }

    @Test func communeSetKeepsAndAssessRecordsThroughTheCriteria() throws {
        let fixture = try TelecomFixture()
        try fixture.addVillages("07324", count: 2)
        var run = fixture.run("""
            telecom commune set "phuc hoa" 2023-05-01 --postal-point yes --premises yes --sign yes --hours-posted yes --open-hours 8 --letters-2kg yes --parcels-5kg no
            telecom commune set 07324 2023-11-01 --parcels-5kg yes --radio ip --base-stations viettel=2,vinaphone=1
            telecom village set 0732401 2023-11-15 --4g viettel --fibre yes --loudspeaker yes
            telecom village set 0732402 2023-11-15 --4g none --3g mobifone --fibre yes --loudspeaker yes
            """)
        #expect(run.status == 0, "\(run.errors)")
        run = fixture.run("telecom assess 07324 2023 --format csv")
        #expect(run.output == """
            criterion,name,verdict,reasons
            8.1,Postal service point,met,a postal service point; premises; a sign; hours posted; open 8 h a day; letters to 2 kg; parcels to 5 kg
            8.2,Telecom and Internet services,not met,1 of 2 villages lack 4G: Thôn 2
            8.3,Radio loudspeakers reaching every village,met,an IP-based radio station; 2 of 2 villages reached by the loudspeakers

            """)
        #expect(try fixture.read { try $0.criteria.assessments(of: try fixture.unit("07324"), year: 2023) }.isEmpty)

        run = fixture.run("telecom assess 07324 2023 --record --format csv")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasSuffix("Recorded Xã Phúc Hòa (07324) 2023: 8.1 met, 8.2 not met, 8.3 met.\n"))
        let stored = try fixture.read { try $0.criteria.assessments(of: try fixture.unit("07324"), year: 2023) }
        #expect(stored.map(\.criterion.id) == ["8.1", "8.2", "8.3"])
        #expect(stored.map(\.met) == [true, false, true])
        #expect(stored[1].note == "telecom evidence to 2023-12-31: 1 of 2 villages lack 4G: Thôn 2")
        let audit = try fixture.read { try $0.audit.list(AuditQuery(module: "core")) }.filter { $0.entity == "assessment" }
        #expect(audit.count == 3)
        #expect(audit.allSatisfy { $0.commandLine == "telecom assess 07324 2023 --record --format csv" })

        run = fixture.run("telecom assess 07324 2023 --record")
        #expect(run.output.hasSuffix("Already recorded so: 8.1, 8.2, 8.3.\n"))
    }

    @Test func assessRefusesWardsAndUnitsNotValidAtYearEnd() throws {
        let fixture = try TelecomFixture()
        var run = fixture.run("telecom assess \"Thị trấn Cao Thượng\" 2023")
        #expect(run.status == 1)
        #expect(run.errors.contains("only rural communes (xã) are assessed"))
        run = fixture.run("telecom assess 07324 2025")
        #expect(run.status == 1)
        #expect(run.errors.contains("unknown unit '07324' on 2025-12-31"))
    }

    @Test func teamSetReplacesTheTeam() throws {
        let fixture = try TelecomFixture()
        var run = fixture.run("telecom team set 07324 2023-03-01 --member \"Nguyễn Văn An:leader\" --member \"Trần Thị Bình:member\"")
        #expect(run.output == "Recorded the team of Xã Phúc Hòa (07324) from 2023-03-01: Nguyễn Văn An (leader), Trần Thị Bình (member).\n")
        run = fixture.run("telecom team set 07324 2023-03-01 --member \"Nguyễn Văn An\"")
        #expect(run.status == 2)
        let team = try fixture.read { try $0.communeFacilities.team(unitID: try fixture.unit("07324").id, onOrBefore: Day.endOfYear(2023)) }
        #expect(team?.members.map(\.role) == ["leader", "member"])
    }

    @Test func everyCommandHasASummaryAndOneToThreeExamples() {
        for spec in TelecomPlugin().commands {
            #expect(!spec.summary.isEmpty, "\(spec.name)")
            #expect((1...3).contains(spec.examples.count), "\(spec.name)")
            #expect(spec.path.first == "telecom")
        }
    }

    @Test func everyExampleWorksAgainstAFreshDefaultDatabase() throws {
        let fixture = try TelecomFixture()
        let phucHoa = try fixture.unit("07324")
        try fixture.access.mutate { store in
            try store.units.add(code: "0732401", name: "Thôn Đông", parent: phucHoa)
            try store.units.add(code: "0732402", name: "Thôn Tây", parent: phucHoa)
        }
        // The files the import examples name.
        try fixture.write("survey-2023-11.csv", "village_code,survey_date,4g,fibre,households,broadband\n0732401,2023-11-15,Viettel,yes,212,120\n")
        try fixture.write("communes.csv", "commune_code,postal_point,radio\n07324,yes,wired\n")
        for spec in TelecomPlugin().commands {
            for example in spec.examples {
                let run = fixture.run(example.command)
                #expect(run.status == 0, "\(example.command): \(run.errors)")
            }
        }
    }

    @Test func theModuleAloneRefusesToRunCommands() {
        let shell = Shell(appName: "ntm", version: "test", console: CapturingConsole(), interactive: false)
        shell.register(TelecomPlugin())
        #expect(shell.run(text: "telecom coverage", name: "x") == 1)
    }

    @Test func villagesAreCompletedWithoutDiacritics() throws {
        let fixture = try TelecomFixture()
        try fixture.access.mutate { store in
            try store.units.add(code: "0732401", name: "Thôn Đông", parent: try store.units.resolve("07324"))
        }
        let displays = fixture.shell.complete("telecom village set dong").items.map(\.display)
        #expect(displays.contains { $0.contains("Thôn Đông") })
        #expect(!displays.contains { $0.contains("Xã") })
    }

    /// The rows of a breakdown are the units of the level asked within the area (`ReportRows`): a level above the
    /// area's, or districts after they were abolished, are refused with the report's own word for an earlier day.
    @Test func coverageRefusesABreakdownWithNoRows() throws {
        let fixture = try TelecomFixture()
        var run = fixture.run("telecom coverage --in 07324 --by district --as-of 2023-06-01")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: Xã Phúc Hòa is a commune: it has no district rows (--by district)\n"))
        run = fixture.run("telecom coverage --by district --as-of 2025-08-01")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: no district-level units within Tỉnh Bắc Ninh on "))
        #expect(run.errors.contains("(districts were abolished on 2025-07-01): use --by commune or an earlier --as-of\n"))
    }
}
