import Testing
import ShellKit

/// Every module prints counts and shares through NumberText: it must read as the province writes and
/// never trap, whatever a stored figure holds (each module once had its own copy, some of which trapped).
@Suite("Numbers in reports")
struct NumberTextTests {
    @Test func countsAreGroupedByThousands() {
        #expect(NumberText.grouped(9120) == "9,120")
        #expect(NumberText.grouped(2_000_000) == "2,000,000")
        #expect(NumberText.grouped(-1200) == "-1,200")
        #expect(NumberText.grouped(Int.min) == "-9,223,372,036,854,775,808")
    }

    @Test func sharesHaveOneDecimal() {
        #expect(NumberText.percent(95.8) == "95.8%")
        #expect(NumberText.percent(100) == "100.0%")
        #expect(NumberText.percent(-12.34) == "-12.3%")
        #expect(NumberText.percent(nil) == "n/a")
    }

    @Test func noValueTraps() {
        #expect(NumberText.percent(.nan) == "n/a")
        #expect(NumberText.percent(.infinity) == "n/a")
        #expect(NumberText.percent(1e300) == "1e+300%")
        #expect(NumberText.whole(1e300) == Int.max)
        #expect(NumberText.whole(-.infinity) == 0)
        #expect(NumberText.share(5, of: 0) == nil)
        #expect(NumberText.share(1, of: 4) == 25)
    }
}
