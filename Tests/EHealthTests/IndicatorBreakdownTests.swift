import Testing
import NTMCore
@testable import EHealth

/// `indicator show ehr.coverage --by commune` and `ehr coverage --by commune` print the same figures: the
/// indicator's breakdown reads every commune's records once for the whole table, and each row still sums
/// its own commune (and, across the 2025 mergers, its predecessors) exactly as a lone reading does.
@Suite("Indicator breakdown")
struct IndicatorBreakdownTests {
    /// Figures for every third commune of 2023 (two of them monthly), March 2025 figures for three communes
    /// merged on 2025-07-01, and year-end figures of the new Xã Phúc Hòa; the other communes have none.
    static func fixture() throws -> EHealthFixture {
        let fixture = try EHealthFixture()
        for (n, code) in try fixture.communeCodes().enumerated() where n % 3 == 0 {
            try fixture.set(code, "2023", residents: 1000 + n * 7, withRecord: 900 + n * 5)
            try fixture.set(code, "2024-06", residents: 1100 + n, withRecord: 1000 + n)
        }
        try fixture.set("07324", "2023-11", residents: 9100, withRecord: 8700)
        try fixture.set("07324", "2025-03", residents: 9000, withRecord: 8000)
        try fixture.set("07330", "2025-03", residents: 6000, withRecord: 6000)
        try fixture.set("07357", "2025-03", residents: 5000, withRecord: 4100)
        try fixture.set("07330", "2025Q4", residents: 22500, withRecord: 21800)   // the new Xã Phúc Hòa
        return fixture
    }

    @Test(arguments: ["2023", "2024", "2025", "2025Q1"])
    func theBreakdownByCommuneEqualsTheCoverageReport(_ periodText: String) throws {
        let fixture = try Self.fixture()
        try fixture.read { store in
            let period = try Period(parsing: periodText)
            let index = try store.units.index()
            let province = try #require(index.units(on: period.end, level: .province).first)
            let report = try CoverageReport.build(store, index: index, area: province, level: .commune, period: period)
            let breakdown = try store.indicators.breakdown("ehr.coverage", in: province, period: period, level: .commune)
            #expect(breakdown.map(\.unit.code) == report.rows.map(\.unit.code))
            #expect(breakdown.contains { $0.value == nil })   // units with no data stay empty
            #expect(breakdown.contains { $0.value != nil })
            for (reading, row) in zip(breakdown, report.rows) {
                #expect(reading.value?.numerator == row.withRecord.map(Double.init), "\(row.unit.code)")
                #expect(reading.value?.denominator == row.residents.map(Double.init), "\(row.unit.code)")
                // The same as the unit asked about alone.
                #expect(try store.indicators.reading("ehr.coverage", for: reading.unit, period: period).value == reading.value)
            }
            let total = try store.indicators.reading("ehr.coverage", for: province, period: period)
            #expect(total.value?.numerator == report.total.withRecord.map(Double.init))
            #expect(total.value?.denominator == report.total.residents.map(Double.init))
        }
    }

    @Test func theMergedCommuneOfABreakdownSumsItsPredecessorsUntilItHasFiguresOfItsOwn() throws {
        let fixture = try Self.fixture()
        try fixture.read { store in
            let index = try store.units.index()
            // Code 24 names Tỉnh Bắc Giang until 2025-06-30, then the merged Tỉnh Bắc Ninh.
            let before = try #require(index.units(on: Day(parsing: "2025-03-31"), level: .province).first)
            let after = try #require(index.units(on: Day(parsing: "2025-12-31"), level: .province).first)
            let firstQuarter = try store.indicators.breakdown("ehr.coverage", in: before, period: .quarter(2025, 1), level: .commune)
            let year = try store.indicators.breakdown("ehr.coverage", in: after, period: .year(2025), level: .commune)
            // The quarter ends before the merger: the old communes are the rows.
            #expect(firstQuarter.first { $0.unit.code == "07324" }?.value == IndicatorValue(numerator: 8000, denominator: 9000))
            #expect(year.first { $0.unit.code == "07330" }?.value == IndicatorValue(numerator: 21800, denominator: 22500))
        }
    }

    @Test func aBatchOfSeveralIndicatorsAndPeriodsGivesEachReadingItsOwnFigures() throws {
        let fixture = try Self.fixture()
        try fixture.read { store in
            let index = try store.units.index()
            let phucHoa = try index.resolve("07324", asOf: Day(parsing: "2023-12-31"))
            let tanYen = try index.resolve("216", asOf: Day(parsing: "2023-12-31"))
            let requests = [
                IndicatorBoard.Request("ehr.coverage", for: phucHoa, period: .year(2023)),
                IndicatorBoard.Request("ehr.coverage", for: phucHoa, period: .year(2024)),
                IndicatorBoard.Request("ehr.insurance", for: tanYen, period: .year(2023)),
                IndicatorBoard.Request("ehr.coverage", for: tanYen, period: .year(2023)),
                IndicatorBoard.Request("ehr.facilities_connected", for: tanYen, period: .year(2023)),
            ]
            let together = try store.indicators.readings(requests).map(\.value)
            let alone = try requests.map { try store.indicators.reading($0.indicatorID, for: $0.unit, period: $0.period).value }
            #expect(together == alone)
            #expect(together[0] != nil)
            #expect(together[1] != together[0])   // each period reads its own records
        }
    }
}
