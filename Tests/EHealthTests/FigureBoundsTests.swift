import Foundation
import Testing
import ShellKit
import NTMCore
@testable import EHealth

/// Figures no commune can have are refused at input; sums and ratios never trap on what is stored (issue 8).
@Suite("Figure bounds")
struct FigureBoundsTests {
    @Test func figuresAboveTenMillionAreRefusedWithTheBound() {
        let figures = HealthRecordFigures(residents: Int.max, withRecord: 0)
        #expect(figures.violation?.field == .residents)
        #expect(figures.violation?.reason == "residents (9,223,372,036,854,775,807) is more than any commune has: at most 10,000,000 people")
        #expect(HealthRecordFigures(residents: 10_000_000, withRecord: 10_000_000).violation == nil)
        #expect(HealthRecordFigures(residents: 100, withRecord: 10, insured: 10_000_001).violation?.field == .insured)
    }

    @Test func ehrSetRefusesAnImplausiblePopulation() throws {
        let fixture = try EHealthFixture()
        let run = fixture.run("ehr set 07324 2023 --residents 9223372036854775807 --with-ehr 0")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: refused: residents (9,223,372,036,854,775,807) is more than any commune has"))
    }

    @Test func shortfallAndPercentNeverTrap() {
        #expect(Ratio.shortfall(0, of: Int.max, toReach: 95.8) > 0)
        #expect(Ratio.shortfall(0, of: 100_000_000_000_000, toReach: 95.8) == 95_800_000_000_000)
        #expect(NumberText.percent(Double.infinity) == "n/a")
        #expect(NumberText.percent(1e300).hasSuffix("%"))
        #expect(NumberText.whole(1e30) == Int.max)
        #expect(NumberText.whole(.nan) == 0)
    }

    @Test func reportsOverFiguresStoredBeyondTheBoundDoNotCrash() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07324", "2023", residents: 9000, withRecord: 8000)
        try fixture.set("07561", "2023", residents: 9000, withRecord: 10)
        try fixture.workspace.withDatabase { db in
            try db.execute(sql: "UPDATE ehr_record SET residents = 9223372036854775807, with_ehr = 100000000000000")
        }
        for command in ["ehr coverage --period 2023", "ehr gaps --period 2023", "ehr coverage --by commune --period 2023 --format csv"] {
            let run = fixture.run(command)
            #expect(run.status == 0, "\(command): \(run.errors)")
        }
    }

    @Test func aFiguresRowWithFewerFieldsThanTheHeaderIsRefused() throws {
        let fixture = try EHealthFixture()
        try fixture.write("figures.csv", "unit_code,period,residents,with_ehr,insured\n07324,2023,9120,8760\n")
        let run = fixture.run("ehr import figures.csv")
        #expect(run.status == 1)
        #expect(run.errors == "test.ntm:1: error: figures.csv:2: 4 fields, the header has 5\n")
    }

    @Test func personIdsThatDifferOnlyByBlanksAreOnePerson() throws {
        let fixture = try EHealthFixture()
        var file = PersonExportFile.generate(rows: 100, codes: try fixture.communeCodes())
        file.rows[50][0] = file.rows[3][0] + "  "
        try fixture.write("persons.csv", file.text)
        let run = fixture.run("ehr import persons.csv --period 2023")
        #expect(run.status == 1)
        #expect(run.errors.contains("persons.csv:52: column 'person_id': the same person id as line 5"))
    }
}
