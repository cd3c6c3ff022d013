import NTMCore

/// Working days: Monday to Friday, minus the days off of the holiday table, plus the Saturdays the
/// government declares working days (làm bù). Built once per command from the table, as a running
/// count over 2000–2060, so "working days between two dates" is two array reads — the same cost
/// for the millionth dossier as for the first.
struct WorkingCalendar {
    /// The day number of the first day covered.
    let first: Int32
    /// `cumulative[i]`: working days from ``first`` through `first + i`, inclusive.
    private let cumulative: [Int32]

    /// A calendar over ``DayNumber/years`` from the holiday table's entries.
    init(_ entries: [Holiday]) {
        let first = DayNumber.of(year: DayNumber.years.lowerBound, month: 1, day: 1)
        let last = DayNumber.of(year: DayNumber.years.upperBound, month: 12, day: 31)
        var off = Set<Int32>(), working = Set<Int32>()
        for entry in entries {
            if entry.kind == .dayOff { off.insert(entry.number) } else { working.insert(entry.number) }
        }
        var cumulative = [Int32](repeating: 0, count: Int(last - first) + 1)
        var running: Int32 = 0
        for number in first...last {
            let weekday = DayNumber.weekday(number)
            let isWorking = working.contains(number) || (weekday != 0 && weekday != 6 && !off.contains(number))
            if isWorking { running += 1 }
            cumulative[Int(number - first)] = running
        }
        self.first = first
        self.cumulative = cumulative
    }

    /// Working days from the start of the range through `number` (clamped to the range).
    @inline(__always)
    func count(through number: Int32) -> Int32 {
        let index = Int(number - first)
        if index < 0 { return 0 }
        return cumulative[min(index, cumulative.count - 1)]
    }

    /// Working days after `start` up to and including `end`: how long a dossier received on
    /// `start` has been in the office on `end` (0 when both fall on the same day).
    @inline(__always)
    func workingDays(after start: Int32, through end: Int32) -> Int32 {
        count(through: end) - count(through: start)
    }

    /// Whether `number` is a working day.
    func isWorkingDay(_ number: Int32) -> Bool {
        number == first ? count(through: number) == 1 : count(through: number) > count(through: number - 1)
    }

    /// The day `days` working days after `start`: a due date from a statutory time.
    func adding(_ days: Int32, to start: Int32) -> Int32 {
        var day = start
        var remaining = days
        while remaining > 0 {
            day += 1
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }
}
