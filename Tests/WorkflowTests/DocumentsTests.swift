import Testing
import NTMCore
@testable import Workflow

/// Work files processed online: figures per office, level shares, the plan's targets.
@Suite("Documents processed online")
struct DocumentsTests {
    @Test func aLevelShareSumsFilesItNeverAveragesPercentages() throws {
        let fixture = try WorkflowFixture()
        #expect(fixture.run("""
            workflow documents set "Phúc Hòa" 2024 --total 1000 --online 500
            workflow documents set 07306 2024 --total 100 --online 100
            workflow documents set "Tân Yên" 2024 --total 4000 --online 3600
            """).status == 0)
        let communes = try #require(try fixture.indicator("workflow.online_processing", "24", "2024", level: .commune))
        #expect(communes.numerator == 600)
        #expect(communes.denominator == 1100)   // 54.5%, not (50% + 100%) / 2
        let districts = try #require(try fixture.indicator("workflow.online_processing", "24", "2024", level: .district))
        #expect(districts.numerator == 3600)
        #expect(districts.denominator == 4000)
    }

    @Test func classifiedFilesLeaveTheDenominator() throws {
        let fixture = try WorkflowFixture()
        #expect(fixture.run("workflow documents set 07324 2024 --total 1000 --online 900 --classified 50").status == 0)
        let value = try #require(try fixture.indicator("workflow.online_processing", "07324", "2024"))
        #expect(value.denominator == 950)
    }

    @Test func aYearSumsItsMonthsUnlessTheYearHasFiguresOfItsOwn() throws {
        let fixture = try WorkflowFixture()
        #expect(fixture.run("""
            workflow documents set 07324 2024-01 --total 100 --online 50
            workflow documents set 07324 2024-02 --total 100 --online 70
            workflow documents set 07306 2024 --total 300 --online 150
            workflow documents set 07306 2024-03 --total 20 --online 20
            """).status == 0)
        let year = try #require(try fixture.indicator("workflow.online_processing", "Tân Yên", "2024"))
        #expect(year.numerator == Double(50 + 70 + 150))
        #expect(year.denominator == Double(100 + 100 + 300))
    }

    @Test func refusedFiguresWriteNothing() throws {
        let fixture = try WorkflowFixture()
        let run = fixture.run("workflow documents set 07324 2024 --total 100 --online 99 --classified 5")
        #expect(run.status == 1)
        #expect(run.errors.contains("online files (99) cannot exceed the files that are not classified (95 of 100)"))
        #expect(try fixture.read { try $0.documents.history(unitID: try $0.units.resolve("07324").id) }.isEmpty)
    }

    @Test func thePlansTargetsAreThere() throws {
        let fixture = try WorkflowFixture()
        let targets = try fixture.read { try $0.targets.list(indicator: "workflow.online_processing") }
        #expect(Set(targets.map(\.threshold)) == [95, 85, 60])
    }
}
