import NTMCore

/// Days as whole numbers (days since 1970-01-01), so that dates in a million-row import cost one
/// integer each and date arithmetic is subtraction — no Foundation `Calendar` anywhere.
enum DayNumber {
    /// The first and last years a date may fall in: a wider range is a typing error, not a dossier.
    static let years = 2000...2060

    /// The number of a civil date (Howard Hinnant's `days_from_civil`).
    static func of(year: Int, month: Int, day: Int) -> Int32 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int32(era * 146_097 + dayOfEra - 719_468)
    }

    static func of(_ day: Day) -> Int32 { of(year: day.year, month: day.month, day: day.day) }

    /// The civil date of a number (`civil_from_days`).
    static func day(_ number: Int32) -> Day {
        let z = Int(number) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return Day(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)!
    }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    static func weekday(_ number: Int32) -> Int {
        let w = (Int(number) + 4) % 7
        return w < 0 ? w + 7 : w
    }

    static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// `2024-02-08 Thu`.
    static func text(_ number: Int32) -> String { "\(day(number)) \(weekdayNames[weekday(number)])" }

    /// Parses a portal's date or date-time, keeping the day: `2024-03-05`, `2024-03-05 14:20[:31]`,
    /// `2024-03-05T14:20:31`, or the Vietnamese `05/03/2024` (day first) with an optional time.
    /// Nil when the bytes are not such a date; a real date outside ``years`` is a failure too.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let count = bytes.count
        guard count >= 10 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let d = Int(bytes[i]) &- 48
            return d >= 0 && d <= 9 ? d : nil
        }
        @inline(__always) func number(_ from: Int, _ length: Int) -> Int? {
            var value = 0
            for i in from..<(from + length) {
                guard let d = digit(i) else { return nil }
                value = value * 10 + d
            }
            return value
        }
        let year: Int, month: Int, day: Int
        if bytes[4] == 45, bytes[7] == 45, let y = number(0, 4), let m = number(5, 2), let d = number(8, 2) {
            (year, month, day) = (y, m, d)
        } else if bytes[2] == 47, bytes[5] == 47, let d = number(0, 2), let m = number(3, 2), let y = number(6, 4) {
            (year, month, day) = (y, m, d)
        } else {
            return nil
        }
        if count > 10 {
            // A time of day may follow; its value does not matter to a rule that counts days.
            guard bytes[10] == 32 || bytes[10] == 84 else { return nil }
            for i in 11..<count {
                let b = bytes[i]
                guard (b >= 48 && b <= 57) || b == 58 || b == 46 || b == 90 || b == 43 || b == 45 else { return nil }
            }
        }
        guard years.contains(year), (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else {
            return nil
        }
        return of(year: year, month: month, day: day)
    }

    /// ``parse(_:)`` over a string.
    static func parse(_ text: String) -> Int32? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }
}
