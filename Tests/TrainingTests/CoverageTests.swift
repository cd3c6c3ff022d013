import Testing
import NTMCore
import ShellKit
@testable import Training

/// Who counts where, and the two shares: of the officials registered, and of the headcount.
@Suite("Coverage")
struct CoverageTests {
    /// A course on digital transformation and two managers of Xã Phúc Hòa (07324), one trained in May 2023.
    static func twoManagers() throws -> TrainingFixture {
        let fixture = try TrainingFixture()
        fixture.runOK("""
            training course add CDS-01 "Chuyển đổi số trong xây dựng NTM" --provider "Sở TT&TT" --mode in-person --hours 16 --topic "digital transformation"
            training official add "Nguyễn Văn An" --in 07324 --role steering-board --manager --since 2022-01-01
            training official add "Trần Thị Bình" --in 07324 --role management-board --manager --since 2022-01-01
            training complete 1 CDS-01 --on 2023-05-11 --certificate CN-1
            """)
        return fixture
    }

    @Test func anOfficialMovedCountsInTheNewCommuneFromTheMovesDate() throws {
        let fixture = try Self.twoManagers()
        fixture.runOK("training official move 1 --to 07357 --on 2024-03-01")
        // 2023: both in Phúc Hòa, one trained; Lam Cốt has nobody.
        #expect(try fixture.indicator("training.managers_trained", "07324", "2023") == IndicatorValue(numerator: 1, denominator: 2))
        #expect(try fixture.indicator("training.managers_trained", "07357", "2023") == nil)
        // 2024: the trained official counts in Lam Cốt; Phúc Hòa keeps the untrained one.
        #expect(try fixture.indicator("training.managers_trained", "07324", "2024") == IndicatorValue(numerator: 0, denominator: 1))
        #expect(try fixture.indicator("training.managers_trained", "07357", "2024") == IndicatorValue(numerator: 1, denominator: 1))
        // The district counts both either way.
        #expect(try fixture.indicator("training.managers_trained", "216", "2024") == IndicatorValue(numerator: 1, denominator: 2))
        // Day by day: the day before the move in Phúc Hòa, from the move in Lam Cốt.
        let before = fixture.runOK("training official list --in 07324 --on 2024-02-29 --format csv")
        let after = fixture.runOK("training official list --in 07324 --on 2024-03-01 --format csv")
        #expect(before.contains("Nguyễn Văn An"))
        #expect(!after.contains("Nguyễn Văn An"))
        #expect(fixture.runOK("training official list --in 07357 --on 2024-03-01 --format csv").contains("Nguyễn Văn An"))
        // The history keeps both units and the course.
        let history = fixture.runOK("training history 1 --format csv")
        #expect(history.contains("2022-01-01,served,Xã Phúc Hòa (07324) until 2024-02-29"))
        #expect(history.contains("2024-03-01,served,Xã Liên Chung (07357)"))
        #expect(history.contains("2023-05-11,completed,CDS-01"))
    }

    @Test func officialsOfADistrictAbolishedIn2025StillCountInTheProvince() throws {
        let fixture = try Self.twoManagers()
        fixture.runOK("""
            training official add "Lê Văn Cường" --in 216 --role steering-board --manager --since 2022-01-01
            training complete 3 CDS-01 --on 2023-06-01 --certificate CN-3
            """)
        // 2024: the district manager counts in Tân Yên and in the province.
        #expect(try fixture.indicator("training.managers_trained", "24", "2024") == IndicatorValue(numerator: 2, denominator: 3))
        // 2025: districts were abolished on 2025-07-01 without a successor; nobody moved him, so he still counts in
        // the province (now Tỉnh Bắc Ninh), and coverage says why.
        #expect(try fixture.indicator("training.managers_trained", "24", "2025") == IndicatorValue(numerator: 2, denominator: 3))
        let table = fixture.runOK("training coverage --year 2025")
        #expect(table.contains("Note: total Tỉnh Bắc Ninh: 2 of 3 registered trained (66.7%)"))
        #expect(table.contains("Note: 1 official is assigned to units dissolved before 2025-12-31 without a successor (such as Huyện Tân Yên): "
            + "counted in the unit above, as it is on that day; move them to where they serve (training official move)"))
    }

    @Test func aMoveMustFollowTheCurrentAssignment() throws {
        let fixture = try Self.twoManagers()
        var run = fixture.run("training official move 1 --to 07357 --on 2021-06-01")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: a move must come after the current assignment began (2022-01-01)"))
        run = fixture.run("training official move 1 --to 07324 --on 2024-06-01")
        #expect(run.errors.hasPrefix("test.ntm:1: error: Nguyễn Văn An (no. 1) already serves Xã Phúc Hòa (07324)"))
    }

    @Test func coverageWithoutAndWithHeadcounts() throws {
        let fixture = try Self.twoManagers()
        var csv = fixture.runOK("training coverage --in \"Tân Yên\" --year 2023 --format csv")
        #expect(csv.contains("07324,Xã Phúc Hòa,Huyện Tân Yên,2,1,50,,\n"))
        #expect(try fixture.indicator("training.managers_trained", "07324", "2023") == IndicatorValue(numerator: 1, denominator: 2))

        fixture.runOK("training headcount set 07324 2023 --managers 4")
        csv = fixture.runOK("training coverage --in \"Tân Yên\" --year 2023 --format csv")
        #expect(csv.contains("07324,Xã Phúc Hòa,Huyện Tân Yên,2,1,50,4,25\n"))
        #expect(try fixture.indicator("training.managers_trained", "07324", "2023") == IndicatorValue(numerator: 1, denominator: 4))
        // The district: the registry everywhere, the headcount where there is one — sums, not averages.
        #expect(try fixture.indicator("training.managers_trained", "216", "2023") == IndicatorValue(numerator: 1, denominator: 4))

        // A headcount below the registry is out of date: the registry is the denominator, and coverage says so.
        fixture.runOK("training headcount set 07324 2023 --managers 1")
        #expect(try fixture.indicator("training.managers_trained", "07324", "2023") == IndicatorValue(numerator: 1, denominator: 2))
        let table = fixture.runOK("training coverage --in \"Tân Yên\" --year 2023")
        #expect(table.contains("Note: 1 unit has more officials registered than its headcount for 2023: update it (training headcount set)"))
    }

    @Test func theManagersTargetOfThePlanIsInProgress() throws {
        let fixture = try Self.twoManagers()
        let rows = try fixture.read { try $0.progress(year: 2025) }
        let managers = try #require(rows.first { $0.indicator.id == "training.managers_trained" })
        #expect(managers.target.threshold == 100)
        #expect(managers.target.source == "plan")
        let commune = rows.filter { $0.indicator.id.hasPrefix("training.commune_officials_digital") }.map(\.target.threshold).sorted()
        #expect(commune == [80, 100])
    }

    @Test func communeOfficialsNeedDigitalSkillsAndInformationSecurity() throws {
        let fixture = try TrainingFixture()
        fixture.runOK("""
            training course add KNS "Kỹ năng số" --provider "Bình dân học vụ số" --mode online --hours 8 --topic "digital skills"
            training course add ATTT "An toàn thông tin" --provider "Bình dân học vụ số" --mode online --hours 4 --topic "information security"
            training official add "Lê Thị Hoa" --in 07324 --role commune-cadre --since 2022-01-01
            training official add "Phạm Văn Cường" --in 07324 --role commune-cadre --since 2022-01-01
            training complete 1 KNS --on 2023-02-01
            training complete 1 ATTT --on 2023-03-01
            training complete 2 KNS --on 2023-02-01
            training commune set 07324 --ethnic-mountain on
            """)
        #expect(try fixture.indicator("training.commune_officials_digital", "07324", "2023") == IndicatorValue(numerator: 1, denominator: 2))
        #expect(try fixture.indicator("training.commune_officials_digital_em", "216", "2023") == IndicatorValue(numerator: 1, denominator: 2))
        fixture.runOK("training commune set 07324 --ethnic-mountain off")
        #expect(try fixture.indicator("training.commune_officials_digital_em", "216", "2023") == nil)
    }

    /// The rows of a breakdown are the units of the level asked within the area (`ReportRows`): a level above the
    /// area's, or districts after they were abolished, are refused with the report's own word for an earlier day.
    @Test func coverageRefusesABreakdownWithNoRows() throws {
        let fixture = try TrainingFixture()
        var run = fixture.run("training coverage --in 07324 --by district --year 2023")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: Xã Phúc Hòa is a commune: it has no district rows (--by district)\n"))
        run = fixture.run("training coverage --by district --year 2025")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: no district-level units within Tỉnh Bắc Ninh on "))
        #expect(run.errors.contains("(districts were abolished on 2025-07-01): use --by commune or an earlier year\n"))
    }
}
