/// A calendar day (proleptic Gregorian, no time zone): the unit of validity dates and period bounds.
///
/// Written and parsed as ISO 8601 `YYYY-MM-DD`; the text form sorts like the day itself, so it is
/// also how days are stored in SQLite.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `year << 9 | month << 5 | day`: four bytes that order as the days do. Every unit version holds two
    /// days and every survey or registry row read holds one; three whole numbers (24 bytes) made tables
    /// of ten thousand villages three times the memory, and each new page of memory costs a fault.
    private let packed: UInt32

    public var year: Int { Int(packed >> 9) }
    public var month: Int { Int(packed >> 5 & 0xF) }
    public var day: Int { Int(packed & 0x1F) }

    /// Creates a day, or nil when the fields do not name a real date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        packed = UInt32(year) << 9 | UInt32(month) << 5 | UInt32(day)
    }

    /// Creates a day from fields known to be valid (internal constants).
    init(_ year: Int, _ month: Int, _ day: Int) {
        self.init(year: year, month: month, day: day)!
    }

    /// Parses `YYYY-MM-DD`; the error quotes the input.
    public init(parsing text: String) throws {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45,
              let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10) else {
            throw DomainError.malformedDate(input: text, reason: "expected YYYY-MM-DD")
        }
        guard (1...12).contains(month) else {
            throw DomainError.malformedDate(input: text, reason: "month must be 01–12")
        }
        guard let value = Day(year: year, month: month, day: day) else {
            throw DomainError.malformedDate(input: text, reason: "day must be 01–\(Day.daysIn(month: month, year: year))")
        }
        self = value
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        // Ten ASCII bytes: a small string, written digit by digit (on the path of every unit and audit row written).
        if year >= 1000, year <= 9999 {
            return String(unsafeUninitializedCapacity: 10) { bytes in
                func put(_ value: Int, _ at: Int) {
                    bytes[at] = UInt8(48 + value / 10)
                    bytes[at + 1] = UInt8(48 + value % 10)
                }
                put(year / 100, 0)
                put(year % 100, 2)
                bytes[4] = 45
                put(month, 5)
                bytes[7] = 45
                put(day, 8)
                return 10
            }
        }
        let y = String(year), m = String(month), d = String(day)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-"
            + (m.count == 1 ? "0" + m : m) + "-" + (d.count == 1 ? "0" + d : d)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.packed < rhs.packed }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day before; used to close a validity interval the day a successor starts.
    public var previous: Day {
        if day > 1 { return Day(year, month, day - 1) }
        if month > 1 { return Day(year, month - 1, Day.daysIn(month: month - 1, year: year)) }
        return Day(year - 1, 12, 31)
    }

    /// The day after.
    public var next: Day {
        if day < Day.daysIn(month: month, year: year) { return Day(year, month, day + 1) }
        if month < 12 { return Day(year, month + 1, 1) }
        return Day(year + 1, 1, 1)
    }

    /// The last day of a year.
    public static func endOfYear(_ year: Int) -> Day { Day(year, 12, 31) }

    /// Today in UTC.
    public static func today() -> Day {
        let components = UTCClock.components(of: UTCClock.now())
        return Day(components.year, components.month, components.day)
    }

    /// The reference day of the programme view: units valid on 31 December 2023, the registry
    /// state the NTM programme 2021–2025 reported on. Unit queries use it unless asked otherwise.
    public static let programmeReference = Day(2023, 12, 31)
}

extension Day: Codable {
    /// The fields by name (`year`, `month`, `day`), as the three stored numbers were written before the day was packed.
    private enum CodingKeys: String, CodingKey { case year, month, day }

    public init(from decoder: Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        let year = try fields.decode(Int.self, forKey: .year), month = try fields.decode(Int.self, forKey: .month)
        let day = try fields.decode(Int.self, forKey: .day)
        guard let value = Day(year: year, month: month, day: day) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(year)-\(month)-\(day) is not a day"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var fields = encoder.container(keyedBy: CodingKeys.self)
        try fields.encode(year, forKey: .year)
        try fields.encode(month, forKey: .month)
        try fields.encode(day, forKey: .day)
    }
}
