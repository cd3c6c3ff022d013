import Testing
import ShellKit
@testable import EHealth

/// The rules figures must obey, and the arithmetic of coverage and shortfalls.
@Suite("Figures")
struct HealthRecordFiguresTests {
    @Test func consistentFiguresPass() {
        let figures = HealthRecordFigures(residents: 9120, withRecord: 8760, insured: 8650, underFive: 870, stuntedUnderFive: 96)
        #expect(figures.violation == nil)
        #expect(HealthRecordFigures(residents: 0, withRecord: 0).violation == nil)
    }

    @Test func withRecordCannotExceedResidents() {
        let violation = HealthRecordFigures(residents: 9120, withRecord: 9500).violation
        #expect(violation?.field == .withRecord)
        #expect(violation?.reason == "with EHR (9,500) cannot exceed residents (9,120)")
    }

    @Test func insuredCannotExceedResidents() {
        let violation = HealthRecordFigures(residents: 100, withRecord: 90, insured: 101).violation
        #expect(violation?.field == .insured)
        #expect(violation?.reason == "insured (101) cannot exceed residents (100)")
    }

    @Test func stuntedCannotExceedUnderFive() {
        let violation = HealthRecordFigures(residents: 100, withRecord: 90, underFive: 10, stuntedUnderFive: 11).violation
        #expect(violation?.field == .stuntedUnderFive)
        #expect(violation?.reason == "stunted under 5 (11) cannot exceed under 5 (10)")
    }

    @Test func stuntedNeedsUnderFive() {
        let violation = HealthRecordFigures(residents: 100, withRecord: 90, stuntedUnderFive: 3).violation
        #expect(violation?.field == .stuntedUnderFive)
        #expect(violation?.reason.contains("needs the number of children under 5") == true)
    }

    @Test func negativeCountsAreRefused() {
        #expect(HealthRecordFigures(residents: -1, withRecord: 0).violation?.field == .residents)
    }

    @Test func mergingReplacesWhatIsGivenAndKeepsTheRest() {
        let stored = HealthRecordFigures(residents: 1000, withRecord: 900, insured: 950, underFive: 80, stuntedUnderFive: 9)
        let merged = stored.merging(FiguresUpdate(residents: 1010, withRecord: 920, underFive: 82))
        #expect(merged == HealthRecordFigures(residents: 1010, withRecord: 920, insured: 950, underFive: 82, stuntedUnderFive: 9))
    }

    @Test func newFiguresNeedResidentsAndRecords() {
        #expect(FiguresUpdate(residents: 10).asNewFigures() == nil)
        #expect(FiguresUpdate(residents: 10, withRecord: 5).asNewFigures() == HealthRecordFigures(residents: 10, withRecord: 5))
    }

    @Test(arguments: [
        (950, 1000, 95.0, 0), (949, 1000, 95.0, 1), (0, 1000, 95.0, 950),
        (8000, 9121, 95.0, 665),      // 95% of 9,121 is 8,664.95: 8,665 records needed
        (900, 1000, 95.8, 58),        // thresholds with decimals are exact
        (1000, 1000, 100.0, 0), (999, 1000, 100.0, 1), (5, 0, 95.0, 0),
    ])
    func shortfallIsTheSmallestWholeNumberOfRecordsThatReachesTheThreshold(
        _ case: (withRecord: Int, residents: Int, threshold: Double, needed: Int)
    ) {
        let needed = Ratio.shortfall(`case`.withRecord, of: `case`.residents, toReach: `case`.threshold)
        #expect(needed == `case`.needed)
        if `case`.residents > 0 {
            #expect(Ratio.percent(`case`.withRecord + needed, of: `case`.residents)! >= `case`.threshold - 1e-9)
            if needed > 0 { #expect(Ratio.percent(`case`.withRecord + needed - 1, of: `case`.residents)! < `case`.threshold) }
        }
    }

    @Test func percentagesAreShownWithOneDecimal() {
        #expect(NumberText.percent(96.05) == "96.1%")
        #expect(NumberText.percent(100) == "100.0%")
        #expect(NumberText.percent(nil) == "n/a")
        #expect(NumberText.grouped(2_000_000) == "2,000,000")
        #expect(NumberText.grouped(999) == "999")
    }
}
