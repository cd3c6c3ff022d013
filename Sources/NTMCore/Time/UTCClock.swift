import Foundation

/// UTC timestamps for audit rows: ISO 8601 with seconds, `2025-07-01T08:30:00Z`.
public enum UTCClock {
    /// Seconds since 1970.
    public static func now() -> Double { Date().timeIntervalSince1970 }

    /// Calendar fields of a UTC instant (civil-from-days, no Calendar object: cheap and exact).
    static func components(of seconds: Double) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let total = Int(seconds.rounded(.down))
        var days = total / 86_400
        var rest = total % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, rest / 3600, (rest % 3600) / 60, rest % 60)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for a UTC instant.
    public static func iso8601(_ seconds: Double) -> String {
        let c = components(of: seconds)
        // Twenty ASCII bytes written digit by digit: one per command on the path of every change.
        if c.year >= 1000, c.year <= 9999 {
            return String(unsafeUninitializedCapacity: 20) { bytes in
                func put(_ value: Int, _ at: Int) {
                    bytes[at] = UInt8(48 + value / 10)
                    bytes[at + 1] = UInt8(48 + value % 10)
                }
                put(c.year / 100, 0)
                put(c.year % 100, 2)
                bytes[4] = 45
                put(c.month, 5)
                bytes[7] = 45
                put(c.day, 8)
                bytes[10] = 84
                put(c.hour, 11)
                bytes[13] = 58
                put(c.minute, 14)
                bytes[16] = 58
                put(c.second, 17)
                bytes[19] = 90
                return 20
            }
        }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(c.year)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
    }
}
