import Testing
import NTMCore
@testable import Workflow

/// Every case of the on-time rule of Decision 766/QĐ-TTg, on the bundled calendar. March 2024 has
/// no holidays: Monday 4 March is the day of receipt throughout, due Friday 8 March (4 working days).
@Suite("On-time rule (Decision 766)")
struct OnTimeRuleTests {
    let calendar = WorkingCalendar(BundledHolidays.entries)

    func n(_ text: String) -> Int32 { DayNumber.of(try! Day(parsing: text)) }

    func clock(due: String? = "2024-03-08", statutory: Int32? = nil, finished: String? = nil, returned: String? = nil,
               stopped: String? = nil, requests: Int32 = 0, requested: String? = nil, replied: String? = nil,
               received: String = "2024-03-04") -> DossierClock {
        DossierClock(received: n(received), due: due.map(n), statutoryDays: statutory, finished: finished.map(n),
                     returned: returned.map(n), stopped: stopped.map(n),
                     supplementRequests: requests == 0 && requested != nil ? 1 : requests,
                     supplementRequested: requested.map(n), supplementReplied: replied.map(n))
    }

    func judge(_ clock: DossierClock, on day: String = "2024-12-31") -> DossierClock.Judgement {
        clock.judge(on: n(day), calendar)
    }

    @Test func finishedBeforeTheDueDateIsEarly() {
        let j = judge(clock(finished: "2024-03-06"))
        #expect(j.outcome == .early)
        #expect(j.allowed == 4)
        #expect(j.used == 2)
    }

    @Test func finishedOnTheDueDateIsOnTime() {
        #expect(judge(clock(finished: "2024-03-08")).outcome == .onTime)
    }

    @Test func finishedAfterTheDueDateIsOverdueByWorkingDays() {
        let j = judge(clock(finished: "2024-03-12"))   // Tuesday after: Monday and Tuesday over
        #expect(j.outcome == .overdue)
        #expect(j.daysOver == 2)
    }

    @Test func aWeekendAfterTheDueDateIsNotCountedAsOver() {
        #expect(judge(clock(finished: "2024-03-10")).outcome == .onTime)   // Sunday: no working day after Friday
    }

    @Test func theEndIsTheFirstOfFinishedReturnedAndStopped() {
        let stoppedEarly = judge(clock(stopped: "2024-03-07"))
        #expect(stoppedEarly.outcome == .early)
        #expect(stoppedEarly.stop == n("2024-03-07"))
        // Returned a week late, but processing finished in time: the finish decides.
        #expect(judge(clock(finished: "2024-03-07", returned: "2024-03-15")).outcome == .early)
        // Returned (without a separate finish) late: overdue.
        #expect(judge(clock(returned: "2024-03-15")).outcome == .overdue)
    }

    @Test func theCitizensSupplementTimeDoesNotCount() {
        // Requested Tuesday 5 March, answered Tuesday 12 March (5 working days paused), finished Thursday 14.
        let j = judge(clock(finished: "2024-03-14", requested: "2024-03-05", replied: "2024-03-12"))
        #expect(j.paused == 5)
        #expect(j.used == 3)
        #expect(j.outcome == .early)
        // Without the pause the same dates would be overdue.
        #expect(judge(clock(finished: "2024-03-14")).outcome == .overdue)
    }

    @Test func anOpenSupplementRequestStopsTheClockAtItsDate() {
        let j = judge(clock(requested: "2024-03-07"), on: "2024-06-30")
        #expect(j.stop == n("2024-03-07"))
        #expect(j.used == 3)
        #expect(j.outcome == .withinTime)
        #expect(j.awaitingSupplement)
        // Stopped because the citizen never answered: judged at the request, not at the stop.
        let stopped = judge(clock(stopped: "2024-04-30", requested: "2024-03-07"))
        #expect(stopped.outcome == .early)
        #expect(!stopped.awaitingSupplement)
    }

    @Test func moreThanOneSupplementRequestIsOverdue() {
        let j = judge(clock(finished: "2024-03-14", requests: 2, requested: "2024-03-05", replied: "2024-03-12"))
        #expect(j.outcome == .overdue)
        #expect(j.repeatedSupplement)
        #expect(j.daysOver == 0)   // overdue by the rule, not by the days
        #expect(judge(clock(requests: 2, requested: "2024-03-05"), on: "2024-03-06").outcome == .openOverdue)
    }

    @Test func aDossierWithNoEndIsJudgedAtTheEndOfThePeriodAskedAbout() {
        let open = clock()
        #expect(judge(open, on: "2024-03-06").outcome == .withinTime)
        #expect(judge(open, on: "2024-03-08").outcome == .withinTime)   // the last day allowed
        let late = judge(open, on: "2024-03-31")
        #expect(late.outcome == .openOverdue)
        #expect(late.daysOver == 15)   // 11 March to 29 March
    }

    @Test func anEndAfterTheDayJudgedIsNotYetKnown() {
        let j = judge(clock(finished: "2024-03-12"), on: "2024-03-08")
        #expect(j.outcome == .withinTime)
        #expect(!j.isClosed)
    }

    @Test func theStatutoryTimeCountsWorkingDaysAcrossTet() {
        // Received Wednesday 7 February 2024, 3 working days: Tết closes the office 8–14 February,
        // so the 15th, 16th and 19th are the three days; finished on the 19th is on time.
        let c = clock(due: nil, statutory: 3, finished: "2024-02-19", received: "2024-02-07")
        #expect(judge(c).outcome == .onTime)
        #expect(judge(clock(due: nil, statutory: 3, finished: "2024-02-20", received: "2024-02-07")).outcome == .overdue)
    }
}
