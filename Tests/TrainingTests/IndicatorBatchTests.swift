import Testing
import NTMCore
import ShellKit
@testable import Training

/// The three training indicators count one census per period, shared by every reading of `progress` or a
/// breakdown: each still equals what the indicator gives when asked alone, and each period counts its own day.
@Suite("Indicators counted together")
struct IndicatorBatchTests {
    static let ids = ["training.managers_trained", "training.commune_officials_digital", "training.commune_officials_digital_em"]

    /// Managers and commune officials in three communes of Tân Yên and in the district, some trained; one flagged
    /// commune; a headcount; a manager who moves to Xã Liên Chung in 2024.
    static func fixture() throws -> TrainingFixture {
        let fixture = try TrainingFixture()
        fixture.runOK("""
            training course add CDS-01 "Chuyển đổi số" --provider "Sở TT&TT" --mode in-person --hours 16 --topic "digital transformation"
            training course add KNS "Kỹ năng số" --provider "Bình dân học vụ số" --mode online --hours 8 --topic "digital skills" --topic "information security"
            training official add "Nguyễn Văn An" --in 07324 --role steering-board --manager --since 2022-01-01
            training official add "Trần Thị Bình" --in 07324 --role management-board --manager --since 2022-01-01
            training official add "Lê Thị Hoa" --in 07324 --role commune-cadre --since 2022-01-01
            training official add "Phạm Văn Cường" --in 07303 --role commune-cadre --since 2022-01-01
            training official add "Hoàng Văn Dũng" --in 07303 --role steering-board --manager --since 2021-07-01
            training official add "Vũ Thị Mai" --in 216 --role steering-board --manager --since 2021-01-01
            training official add "Đỗ Văn Nam" --in 07357 --role part-time --since 2022-01-01
            training complete 1 CDS-01 --on 2023-05-11
            training complete 5 CDS-01 --on 2024-05-11
            training complete 3 KNS --on 2023-02-01
            training complete 4 KNS --on 2024-02-01
            training complete 7 KNS --on 2025-02-01
            training complete 2 KNS --on 2023-02-01
            training commune set 07324 --ethnic-mountain on
            training headcount set 07303 2024 --managers 3 --officials 5
            training official move 1 --to 07357 --on 2024-03-01
            """)
        return fixture
    }

    @Test func progressGivesEachTrainingTargetWhatItsIndicatorGivesAlone() throws {
        let fixture = try Self.fixture()
        let rows = try fixture.read { try $0.progress(year: 2025) }
        let training = rows.filter { $0.indicator.id.hasPrefix("training.") }
        #expect(training.count == 3)
        for row in training {
            let alone = try fixture.read { store -> IndicatorValue? in
                let unit = try #require(row.unit)
                let level: UnitLevel? = if case .level(let level) = row.target.scope { level } else { nil }
                return try store.indicators.reading(row.indicator.id, for: unit, period: .year(2025), level: level).value
            }
            #expect(row.value == alone, "\(row.indicator.id)")
        }
        #expect(training.first { $0.indicator.id == "training.managers_trained" }?.value != nil)
        #expect(training.first { $0.indicator.id == "training.commune_officials_digital" }?.value != nil)
    }

    @Test(arguments: [2023, 2024, 2025])
    func theThreeIndicatorsForManyUnitsTogetherEqualEachAlone(_ year: Int) throws {
        let fixture = try Self.fixture()
        try fixture.read { store in
            let index = try store.units.index()
            let day = Day.endOfYear(year)
            let province = try #require(index.units(on: day, level: .province).first)
            let units = [province] + (try store.indicators.members(of: province, period: .year(year), level: .commune))
            var requests = Self.ids.flatMap { id in units.map { IndicatorBoard.Request(id, for: $0, period: .year(year)) } }
            requests += Self.ids.map { IndicatorBoard.Request($0, for: province, period: .year(year), level: .commune) }
            let together = try store.indicators.readings(requests).map(\.value)
            let alone = try requests.map { try store.indicators.reading($0.indicatorID, for: $0.unit, period: $0.period, level: $0.level).value }
            #expect(together == alone)
            #expect(together.contains { $0 != nil })
        }
    }

    @Test func eachPeriodOfABatchCountsTheOfficialsServingOnItsOwnLastDay() throws {
        let fixture = try Self.fixture()
        try fixture.read { store in
            let index = try store.units.index()
            let phucHoa = try index.resolve("07324", asOf: Day(parsing: "2023-12-31"))
            let values = try store.indicators.readings([
                IndicatorBoard.Request("training.managers_trained", for: phucHoa, period: .year(2023)),
                IndicatorBoard.Request("training.managers_trained", for: phucHoa, period: .year(2024)),
            ]).map(\.value)
            // 2023: An (trained) and Bình; 2024: An has moved to Liên Chung, Bình is left, untrained.
            #expect(values == [IndicatorValue(numerator: 1, denominator: 2), IndicatorValue(numerator: 0, denominator: 1)])
        }
    }
}
