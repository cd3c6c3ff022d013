import GRDB
import Testing
@testable import NTMCore

@Suite("Periods: parsing, containment, ordering, stocks")
struct PeriodTests {
    @Test("parses years, quarters and months", arguments: [
        ("2023", Period.year(2023)), ("2023Q2", .quarter(2023, 2)), ("2023-Q4", .quarter(2023, 4)),
        ("2023q1", .quarter(2023, 1)), ("2023-05", .month(2023, 5)), (" 2024-12 ", .month(2024, 12)),
    ])
    func parses(text: String, expected: Period) throws {
        #expect(try Period(parsing: text) == expected)
    }

    @Test("errors quote the input and say what is wrong", arguments: [
        ("2023-13", "malformed period '2023-13': month must be 01–12"),
        ("2023-00", "malformed period '2023-00': month must be 01–12"),
        ("2023Q5", "malformed period '2023Q5': quarter must be Q1–Q4"),
        ("23", "malformed period '23': expected a year (2023), a quarter (2023Q2) or a month (2023-05)"),
        ("2023-5", "malformed period '2023-5': expected a year (2023), a quarter (2023Q2) or a month (2023-05)"),
        ("abcd", "malformed period 'abcd': expected a year (2023), a quarter (2023Q2) or a month (2023-05)"),
    ])
    func errors(text: String, message: String) {
        #expect(errorMessage { _ = try Period(parsing: text) } == message)
    }

    @Test("canonical text round-trips")
    func canonical() throws {
        for text in ["2023", "2023Q2", "2023-05", "2024-11"] {
            #expect(try Period(parsing: text).description == text)
        }
    }

    @Test("bounds: leap February, quarter ends")
    func bounds() {
        #expect(Period.month(2024, 2).end == Day(2024, 2, 29))
        #expect(Period.month(2023, 2).end == Day(2023, 2, 28))
        #expect(Period.quarter(2023, 2).start == Day(2023, 4, 1))
        #expect(Period.quarter(2023, 2).end == Day(2023, 6, 30))
        #expect(Period.year(2025).end == Day(2025, 12, 31))
    }

    @Test("a stored period falls in an asked one only when inside it")
    func containment() {
        let year = Period.year(2023)
        #expect(year.contains(.month(2023, 5)))
        #expect(year.contains(.quarter(2023, 4)))
        #expect(year.contains(year))
        #expect(!year.contains(.month(2024, 1)))
        #expect(Period.quarter(2023, 2).contains(.month(2023, 6)))
        #expect(!Period.quarter(2023, 2).contains(.month(2023, 7)))
        #expect(!Period.quarter(2023, 2).contains(.year(2023)))
        #expect(year.months.count == 12)
    }

    @Test("chronological order, longer periods first at the same start")
    func ordering() throws {
        let sorted = try ["2023-02", "2023Q1", "2022", "2023", "2023-01"].map { try Period(parsing: $0) }.sorted()
        #expect(sorted.map(\.description) == ["2022", "2023", "2023Q1", "2023-01", "2023-02"])
    }

    @Test("a yearly question over monthly stock data takes the latest month, not the sum")
    func latestWithin() {
        let stored: [Period] = [.month(2023, 3), .month(2023, 11), .month(2024, 1), .quarter(2023, 4)]
        #expect(Period.year(2023).latestWithin(stored) == .month(2023, 11) || Period.year(2023).latestWithin(stored) == .quarter(2023, 4))
        // The month ends before the quarter: the quarter's end (31 Dec) is later.
        #expect(Period.year(2023).latestWithin(stored) == .quarter(2023, 4))
        #expect(Period.quarter(2023, 1).latestWithin(stored) == .month(2023, 3))
        #expect(Period.year(2022).latestWithin(stored) == nil)

        var latest = LatestPerKey<String, Double>(within: .year(2023))
        latest.offer(key: "a", period: .month(2023, 5), row: 100)
        latest.offer(key: "a", period: .month(2023, 9), row: 120)
        latest.offer(key: "a", period: .month(2023, 7), row: 110)
        latest.offer(key: "a", period: .month(2024, 1), row: 999)   // outside the year
        latest.offer(key: "b", period: .month(2023, 2), row: 50)
        #expect(latest.rows["a"]?.row == 120)
        #expect(latest.rows["b"]?.row == 50)
        #expect(latest.rows.values.map(\.row).reduce(0, +) == 170)
    }

    @Test("days parse strictly")
    func days() throws {
        #expect(try Day(parsing: "2024-02-29") == Day(2024, 2, 29))
        #expect(errorMessage { _ = try Day(parsing: "2023-02-29") } == "malformed date '2023-02-29': day must be 01–28")
        #expect(errorMessage { _ = try Day(parsing: "2023/01/01") } == "malformed date '2023/01/01': expected YYYY-MM-DD")
        #expect(Day(2025, 1, 1).previous == Day(2024, 12, 31))
        #expect(Day(2024, 2, 28).next == Day(2024, 2, 29))
    }

    @Test("SQL functions for modules' queries")
    func sqlFunctions() throws {
        let workspace = try memoryWorkspace()
        try workspace.read { store in
            let row = try Row.fetchOne(store.db, sql: """
                SELECT ntm_period_start('2023Q2') AS s, ntm_period_end('2024-02') AS e,
                       ntm_period_within('2023-05', '2023') AS inside, ntm_period_within('2023', '2023-05') AS outside,
                       ntm_period_within('2023-13', '2023') AS malformed, ntm_fold('Xã Đồng Sơn') AS folded
                """)!
            #expect(row["s"] as String == "2023-04-01")
            #expect(row["e"] as String == "2024-02-29")
            #expect(row["inside"] as Bool == true)
            #expect(row["outside"] as Bool == false)
            #expect((row["malformed"] as DatabaseValue).isNull)
            #expect(row["folded"] as String == "xa dong son")
        }
    }
}
