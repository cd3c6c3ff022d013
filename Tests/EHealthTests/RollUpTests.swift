import Testing
import NTMCore
@testable import EHealth

/// How figures per commune and period add up: districts and the province sum numerators and
/// denominators, a year reads each commune's latest figures, and merged units sum their predecessors.
@Suite("Aggregation and roll-up")
struct RollUpTests {
    @Test func aDistrictSumsResidentsAndRecordsItNeverAveragesPercentages() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07324", "2023", residents: 1000, withRecord: 900)   // Phúc Hòa, 90%
        try fixture.set("07306", "2023", residents: 100, withRecord: 100)    // Nhã Nam township, 100%
        let value = try #require(try fixture.indicator("ehr.coverage", "Tân Yên", "2023"))
        #expect(value.numerator == Double(1000))
        #expect(value.denominator == Double(1100))
        #expect(abs(value.value(in: .percent)! - 90.909) < 0.001)   // not (90 + 100) / 2
    }

    @Test func theProvinceSumsEveryCommuneWardAndTownship() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07201", "2023", residents: 5000, withRecord: 4990)   // a ward of Bắc Giang city
        try fixture.set("07306", "2023", residents: 100, withRecord: 90)      // a township
        try fixture.set("07561", "2023", residents: 11240, withRecord: 10790) // a rural commune
        let value = try #require(try fixture.indicator("ehr.coverage", "24", "2023"))
        #expect(value.numerator == Double(4990 + 90 + 10790))
        #expect(value.denominator == Double(5000 + 100 + 11240))
    }

    @Test func aYearTakesEachCommunesLatestFiguresNotTheSumOfItsMonths() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07324", "2023-03", residents: 9000, withRecord: 8000)
        try fixture.set("07324", "2023-11", residents: 9100, withRecord: 8700)
        try fixture.set("07324", "2023Q2", residents: 9050, withRecord: 8400)
        try fixture.set("07306", "2023", residents: 100, withRecord: 90)       // yearly figures elsewhere
        let year = try #require(try fixture.indicator("ehr.coverage", "Tân Yên", "2023"))
        #expect(year.numerator == Double(8700 + 90))
        #expect(year.denominator == Double(9100 + 100))
        let firstQuarter = try #require(try fixture.indicator("ehr.coverage", "07324", "2023Q1"))
        #expect(firstQuarter.numerator == Double(8000))
        let secondQuarter = try #require(try fixture.indicator("ehr.coverage", "07324", "2023Q2"))
        #expect(secondQuarter.numerator == Double(8400))   // the quarter's own figures: latest end, and June has none
        #expect(try fixture.indicator("ehr.coverage", "07324", "2022") == nil)
    }

    @Test func aMergedCommuneSumsItsPredecessors() throws {
        let fixture = try EHealthFixture()
        // Xã Phúc Hòa, Xã Hợp Đức and Xã Liên Chung became the new Xã Phúc Hòa (07330) on 2025-07-01.
        try fixture.set("07324", "2025Q1", residents: 9000, withRecord: 8600)
        try fixture.set("07330", "2025Q1", residents: 7000, withRecord: 6500)   // Hợp Đức, before the merger
        try fixture.set("07357", "2025Q1", residents: 6000, withRecord: 5900)
        let merged = try fixture.read { try $0.units.index().resolve("07330", asOf: Day(parsing: "2025-12-31")) }
        #expect(merged.name == "Xã Phúc Hòa")
        let value = try #require(try fixture.read { store in
            try store.indicators.reading("ehr.coverage", for: merged, period: .year(2025)).value
        })
        #expect(value.numerator == Double(8600 + 6500 + 5900))
        #expect(value.denominator == Double(9000 + 7000 + 6000))
    }

    @Test func theNewUnitsOwnFiguresSupersedeItsPredecessors() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07324", "2025Q1", residents: 9000, withRecord: 8600)
        try fixture.set("07330", "2025Q1", residents: 7000, withRecord: 6500)
        try fixture.set("07330", "2025Q4", residents: 22500, withRecord: 21800)  // the new Xã Phúc Hòa
        let value = try #require(try fixture.indicator("ehr.coverage", "07330", "2025"))
        #expect(value.numerator == Double(21800))
        #expect(value.denominator == Double(22500))
    }

    @Test func insuranceCountsOnlyUnitsThatReportedIt() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07324", "2023", residents: 1000, withRecord: 900, insured: 950)
        try fixture.set("07306", "2023", residents: 500, withRecord: 450)   // no insurance figure
        let value = try #require(try fixture.indicator("ehr.insurance", "Tân Yên", "2023"))
        #expect(value.numerator == Double(950))
        #expect(value.denominator == Double(1000))
        #expect(try fixture.indicator("ehr.insurance", "07306", "2023") == nil)
    }

    @Test func stuntingIsAShareOfChildrenUnderFive() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07324", "2023", residents: 1000, withRecord: 900, underFive: 80, stunted: 8)
        try fixture.set("07306", "2023", residents: 500, withRecord: 450, underFive: 40, stunted: 2)
        let value = try #require(try fixture.indicator("ehr.stunting", "Tân Yên", "2023"))
        #expect(value.numerator == Double(10))
        #expect(value.denominator == Double(120))
    }

    @Test func theCoverageReportHasOneRowPerUnitOfTheLevelWithTheirCommunesCounted() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07324", "2023", residents: 1000, withRecord: 900)
        try fixture.set("07306", "2023", residents: 100, withRecord: 100)
        try fixture.set("07201", "2023", residents: 5000, withRecord: 4000)
        let report = try fixture.read { store in
            try CoverageReport.build(store, index: store.units.index(), area: store.units.resolve("24"),
                                     level: .district, period: .year(2023))
        }
        #expect(report.rows.count == 10)
        #expect(report.rows.map(\.communes).reduce(0, +) == 209)
        let tanYen = try #require(report.rows.first { $0.unit.code == "216" })
        #expect(tanYen.communes == 22)
        #expect(tanYen.reporting == 2)
        #expect(tanYen.residents == 1100)
        #expect(tanYen.withRecord == 1000)
        let yenThe = try #require(report.rows.first { $0.unit.code == "215" })
        #expect(yenThe.residents == nil)
        #expect(report.total.residents == 6100)
        #expect(report.total.withRecord == 5000)
        #expect(report.total.reporting == 3)
    }

    @Test func reportingCountsTheUnitsOfTheReportsDayNeverOldUnitsAgainstNewOnes() throws {
        let fixture = try EHealthFixture()
        // March 2025 figures of Phúc Hòa and Hợp Đức, which both became the new Phúc Hòa (07330) on 2025-07-01:
        // one of the 58 units of the report's day has figures, not two.
        try fixture.set("07324", "2025-03", residents: 9000, withRecord: 8000)
        try fixture.set("07330", "2025-03", residents: 6000, withRecord: 6000)
        let report = try fixture.read { store in
            let province = try store.units.index().resolve("24", asOf: Day(parsing: "2025-12-31"))
            return try CoverageReport.build(store, index: store.units.index(), area: province, level: .commune, period: .year(2025))
        }
        #expect(report.total.communes == 58)
        #expect(report.total.reporting == 1)
        #expect(report.total.residents == 15000)
        #expect(report.rows.first { $0.unit.code == "07330" }?.reporting == 1)
    }

    @Test func districtRowsDoNotExistAfterTheDistrictsWereAbolished() throws {
        let fixture = try EHealthFixture()
        #expect(throws: DomainError.self) {
            try fixture.read { store in
                let province = try store.units.index().resolve("24", asOf: Day(parsing: "2025-12-31"))
                return try CoverageReport.build(store, index: store.units.index(), area: province,
                                                level: .district, period: .year(2025))
            }
        }
    }
}
