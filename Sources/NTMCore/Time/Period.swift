/// A reporting period: a year `2023`, a quarter `2023Q2` or a month `2023-05`.
///
/// Periods are what data is recorded for and what questions are asked about. A stored period
/// *falls in* an asked period when its days lie inside it (``contains(_:)``): a yearly question
/// over monthly data takes the twelve months. How the values of those months combine depends on
/// the measure — flows add up, stocks take the latest (see ``Period/latestWithin(_:)``).
public enum Period: Hashable, Sendable, CustomStringConvertible {
    case year(Int)
    case quarter(Int, Int)
    case month(Int, Int)

    /// The canonical text: `2023`, `2023Q2`, `2023-05`. Stored as such in SQLite.
    public var description: String {
        switch self {
        case .year(let year): return String(year)
        case .quarter(let year, let quarter): return "\(year)Q\(quarter)"
        case .month(let year, let month): return month < 10 ? "\(year)-0\(month)" : "\(year)-\(month)"
        }
    }

    /// The calendar year the period lies in.
    public var year: Int {
        switch self {
        case .year(let year), .quarter(let year, _), .month(let year, _): return year
        }
    }

    /// How fine the period is; months are finer than quarters, quarters than years.
    public enum Granularity: Int, Comparable, Sendable {
        case year = 0, quarter = 1, month = 2
        public static func < (lhs: Granularity, rhs: Granularity) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var granularity: Granularity {
        switch self {
        case .year: return .year
        case .quarter: return .quarter
        case .month: return .month
        }
    }

    /// The first day of the period.
    public var start: Day {
        switch self {
        case .year(let year): return Day(year, 1, 1)
        case .quarter(let year, let quarter): return Day(year, (quarter - 1) * 3 + 1, 1)
        case .month(let year, let month): return Day(year, month, 1)
        }
    }

    /// The last day of the period (inclusive).
    public var end: Day {
        switch self {
        case .year(let year): return Day(year, 12, 31)
        case .quarter(let year, let quarter):
            let month = quarter * 3
            return Day(year, month, Day.daysIn(month: month, year: year))
        case .month(let year, let month): return Day(year, month, Day.daysIn(month: month, year: year))
        }
    }

    /// The days of the period, inclusive at both ends.
    public var days: ClosedRange<Day> { start...end }

    /// Whether `other` falls in this period: `2023` contains `2023Q2` and `2023-05`; `2023Q2`
    /// contains `2023-05` but not `2023`. A period contains itself.
    public func contains(_ other: Period) -> Bool {
        start <= other.start && other.end <= end
    }

    /// Whether a day lies in this period.
    public func contains(_ day: Day) -> Bool { days.contains(day) }

    /// Whether the two periods share at least one day.
    public func overlaps(from: Day, to: Day?) -> Bool {
        from <= end && (to.map { $0 >= start } ?? true)
    }

    /// The months of the period, in order.
    public var months: [Period] {
        switch self {
        case .month: return [self]
        case .quarter(let year, let quarter): return (1...3).map { .month(year, (quarter - 1) * 3 + $0) }
        case .year(let year): return (1...12).map { .month(year, $0) }
        }
    }

    /// The year of the period, as a period.
    public var yearPeriod: Period { .year(year) }
}

extension Period: Comparable {
    /// Chronological order by first day; at the same first day the longer period comes first
    /// (`2023` < `2023Q1` < `2023-01` < `2023-02`).
    public static func < (lhs: Period, rhs: Period) -> Bool {
        if lhs.start != rhs.start { return lhs.start < rhs.start }
        return lhs.granularity < rhs.granularity
    }
}

extension Period: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try Period(parsing: text)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
