import Testing
import NTMCore
@testable import Workflow

/// The working-day calendar: weekends, public holidays, Tết weeks and the government's swaps.
@Suite("Working-day calendar")
struct CalendarTests {
    let calendar = WorkingCalendar(BundledHolidays.entries)

    func n(_ text: String) -> Int32 { DayNumber.of(try! Day(parsing: text)) }

    @Test func dayNumbersRoundTripAndKnowTheirWeekday() {
        #expect(DayNumber.of(year: 1970, month: 1, day: 1) == 0)
        for text in ["2000-02-29", "2024-02-29", "2025-12-31", "2060-12-31", "2021-01-01"] {
            #expect(DayNumber.day(n(text)).description == text)
        }
        #expect(DayNumber.weekdayNames[DayNumber.weekday(n("2024-02-10"))] == "Sat")   // Tết Giáp Thìn
        #expect(DayNumber.weekdayNames[DayNumber.weekday(n("2025-01-29"))] == "Wed")   // Tết Ất Tỵ
    }

    @Test func portalDatesParseWithOrWithoutATime() {
        #expect(DayNumber.parse("2024-03-05") == n("2024-03-05"))
        #expect(DayNumber.parse("2024-03-05 14:20:31") == n("2024-03-05"))
        #expect(DayNumber.parse("2024-03-05T14:20") == n("2024-03-05"))
        #expect(DayNumber.parse("05/03/2024") == n("2024-03-05"))
        #expect(DayNumber.parse("05/03/2024 08:00") == n("2024-03-05"))
        #expect(DayNumber.parse("2024-02-30") == nil)
        #expect(DayNumber.parse("1999-12-31") == nil)
        #expect(DayNumber.parse("2024-3-5") == nil)
        #expect(DayNumber.parse("2024-03-05 noon") == nil)
    }

    @Test func anOrdinaryWeekHasFiveWorkingDays() {
        // Monday 2024-03-04 to Sunday 2024-03-10, counted after the Sunday before.
        #expect(calendar.workingDays(after: n("2024-03-03"), through: n("2024-03-10")) == 5)
        #expect(!calendar.isWorkingDay(n("2024-03-09")))
        #expect(calendar.isWorkingDay(n("2024-03-08")))
    }

    @Test func theLunarNewYearWeekOf2024IsOff() {
        // Tết Giáp Thìn: Thursday 8 to Wednesday 14 February 2024 off; Thursday 15 is the first working day.
        for day in ["2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14"] {
            #expect(!calendar.isWorkingDay(n(day)), "\(day)")
        }
        #expect(calendar.isWorkingDay(n("2024-02-07")))
        #expect(calendar.isWorkingDay(n("2024-02-15")))
        // Received Wednesday 7 February: the next working day is the 15th.
        #expect(calendar.workingDays(after: n("2024-02-07"), through: n("2024-02-15")) == 1)
        #expect(calendar.adding(3, to: n("2024-02-07")) == n("2024-02-19"))
    }

    @Test func aSwappedDayOffAndItsWorkingSaturday() {
        // 2024: Monday 29 April off, Saturday 4 May worked in exchange.
        #expect(!calendar.isWorkingDay(n("2024-04-29")))
        #expect(calendar.isWorkingDay(n("2024-05-04")))
        // Friday 26 April to Friday 10 May: 2, 3, 4 (Saturday), 6–10 May = 8 working days.
        #expect(calendar.workingDays(after: n("2024-04-26"), through: n("2024-05-10")) == 8)
        // 2025: Tết from Monday 27 January, Saturday 8 February worked.
        #expect(!calendar.isWorkingDay(n("2025-01-27")))
        #expect(calendar.isWorkingDay(n("2025-02-08")))
    }

    @Test func aHolidayOnAWeekendGivesTheNextMondayOff() {
        #expect(!calendar.isWorkingDay(n("2023-01-02")))   // New Year 2023 fell on a Sunday
        #expect(!calendar.isWorkingDay(n("2022-04-11")))   // Hùng Kings 2022 fell on a Sunday
    }

    @Test func theYearsHaveTheirWorkingDays() {
        func year(_ y: Int) -> Int32 {
            calendar.workingDays(after: DayNumber.of(year: y - 1, month: 12, day: 31), through: DayNumber.of(year: y, month: 12, day: 31))
        }
        // 2024: 262 weekdays, 12 weekdays off, 1 Saturday worked.
        #expect(year(2024) == 262 - 12 + 1)
        // 2023: 260 weekdays, 11 weekdays off.
        #expect(year(2023) == 260 - 11)
    }

    @Test func theTableIsDataAHolidayAddedChangesTheCount() throws {
        let fixture = try WorkflowFixture()
        let before = try fixture.read { try $0.holidays.calendar() }.workingDays(after: n("2027-02-05"), through: n("2027-02-12"))
        #expect(fixture.run("workflow holiday add 2027-02-08 \"Lunar New Year\"").status == 0)
        let after = try fixture.read { try $0.holidays.calendar() }.workingDays(after: n("2027-02-05"), through: n("2027-02-12"))
        #expect(before == 5)
        #expect(after == 4)
    }
}
