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
    static func fixture(onDisk: Bool = false) throws -> EHealthFixture {
        let fixture = try EHealthFixture(onDisk: onDisk)
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

    @Test("a breakdown of figures recorded per commune reads the units above villages only, with the same readings; a link joining a village to a commune brings the whole index back")
    func breakdownWithoutVillagesInMemory() throws {
        let fixture = try Self.fixture(onDisk: true)
        let context = MutationContext(actor: "tester", commandLine: "unit add", operation: "unit add")
        try fixture.workspace.performMutation(context) { store in
            for commune in try store.units.list(level: .commune, kind: .commune).prefix(6) {
                for number in 1...4 { try store.units.add(code: commune.code + "0\(number)", name: "Thôn \(number)", parent: commune) }
            }
        }
        func readings(_ index: UnitIndex, _ store: DomainStore, _ period: Period) throws -> [IndicatorReading] {
            let province = try #require(index.units(on: period.end, level: .province).first)
            let members = try store.indicators.members(of: province, period: period, level: .commune, index: index)
            return try store.indicators.readings(([province] + members).map { IndicatorBoard.Request("ehr.coverage", for: $0, period: period) },
                                                 index: index)
        }
        let coverage = try fixture.read { try $0.workspace.indicators.indicator("ehr.coverage") }
        // Another process on the same file: its session has read no index yet, as a one-shot command.
        func fresh() throws -> Workspace {
            try Workspace.open(.file(fixture.databasePath), modules: [EHealthPlugin.module], actor: "tester")
        }
        try fresh().read { store in
            let province = try store.units.resolve("24")
            let index = try store.indicators.index(for: [coverage], unit: province, breakdown: .commune)
            #expect(index.units(on: .programmeReference, level: .village).isEmpty, "no village read")
            for period in [Period.year(2023), .year(2024), .year(2025), .quarter(2025, 1)] {
                let lean = try readings(index, store, period), whole = try readings(try store.units.index(), store, period)
                #expect(lean.map(\.unit.code) == whole.map(\.unit.code), "\(period)")
                #expect(lean.map(\.value) == whole.map(\.value), "\(period)")
                #expect(lean.map(\.sourceCount) == whole.map(\.sourceCount), "\(period)")
            }
            // By village, or for a village: the whole index.
            #expect(!(try store.indicators.index(for: [coverage], unit: province, breakdown: .village))
                .units(on: .programmeReference, level: .village).isEmpty)
        }
        // A commune that became a village: walks may pass through villages, so the whole index is read.
        try fixture.workspace.performMutation(context) { store in
            let district = try #require(try store.units.index().units(on: .programmeReference, level: .district).first)
            let old = try store.units.add(code: "09990", name: "Xã Cũ", parent: district, kind: .commune,
                                          validFrom: try Day(parsing: "2020-01-01"), validTo: try Day(parsing: "2024-06-30"))
            let commune = try #require(try store.units.list(level: .commune, kind: .commune).first)
            let village = try store.units.add(code: commune.code + "99", name: "Thôn Cũ", parent: commune,
                                              validFrom: try Day(parsing: "2024-07-01"))
            try store.units.addSuccession(from: old, to: village)
        }
        try fresh().read { store in
            let index = try store.indicators.index(for: [coverage], unit: try store.units.resolve("24"), breakdown: .commune)
            #expect(!index.units(on: .programmeReference, level: .village).isEmpty)
        }
    }
}
