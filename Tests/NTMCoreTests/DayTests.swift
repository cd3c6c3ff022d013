import Foundation
import Testing
@testable import NTMCore

/// Days as every validity date and period bound uses them: fields, order, text and the encoded form.
@Suite("Day")
struct DayTests {
    @Test("fields read back as given, from the first day to the last the calendar allows")
    func fields() throws {
        for (y, m, d) in [(1, 1, 1), (2023, 12, 31), (2024, 2, 29), (9999, 12, 31), (2025, 7, 1)] {
            let day = try #require(Day(year: y, month: m, day: d))
            #expect((day.year, day.month, day.day) == (y, m, d))
            #expect(try Day(parsing: day.description) == day)
        }
        #expect(Day(year: 2023, month: 2, day: 29) == nil)
        #expect(Day(year: 10000, month: 1, day: 1) == nil)
        #expect(Day(year: 2023, month: 13, day: 1) == nil)
    }

    @Test("days order by year, then month, then day, as their texts sort")
    func order() throws {
        let texts = ["2022-12-31", "2023-01-01", "2023-01-31", "2023-02-01", "2023-12-31", "2024-01-01", "0999-05-05"]
        let days = try texts.map { try Day(parsing: $0) }
        #expect(days.sorted().map(\.description) == texts.sorted())
        #expect(try Day(parsing: "2023-01-31").next == Day(parsing: "2023-02-01"))
        #expect(try Day(parsing: "2024-01-01").previous == Day(parsing: "2023-12-31"))
    }

    @Test("encoded as its fields by name, and a field set that is no day is refused")
    func codable() throws {
        let day = try Day(parsing: "2023-11-15")
        let data = try JSONEncoder().encode(day)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Int])
        #expect(object == ["year": 2023, "month": 11, "day": 15])
        #expect(try JSONDecoder().decode(Day.self, from: data) == day)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Day.self, from: Data(#"{"year": 2023, "month": 2, "day": 30}"#.utf8))
        }
    }
}
