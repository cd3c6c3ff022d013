import NTMCore

/// An entry of the holiday table: a weekday off (a public holiday, or a day off the government
/// moved), or a weekend day declared a working day in exchange.
struct Holiday: Equatable, Sendable {
    enum Kind: String, Sendable {
        case dayOff = "day off"
        case workingDay = "working day"
    }

    var day: Day
    var name: String
    var kind: Kind

    var number: Int32 { DayNumber.of(day) }
}

/// Vietnam's public holidays for 2021–2026 as the government announced them for state offices:
/// New Year, Lunar New Year (Tết), the Hùng Kings' commemoration, 30 April, 1 May and National
/// Day, with the days off moved to a weekday and the Saturdays worked in exchange. Data, not
/// logic: installed into `workflow_holiday` once, and corrected with `workflow holiday add|remove`.
enum BundledHolidays {
    static let entries: [Holiday] = {
        let table: [(String, String, Holiday.Kind)] = [
            ("2021-01-01", "New Year", .dayOff),
            ("2021-02-10", "Lunar New Year (Tết Tân Sửu)", .dayOff),
            ("2021-02-11", "Lunar New Year (Tết Tân Sửu)", .dayOff),
            ("2021-02-12", "Lunar New Year (Tết Tân Sửu)", .dayOff),
            ("2021-02-15", "Lunar New Year (Tết Tân Sửu)", .dayOff),
            ("2021-02-16", "Lunar New Year (Tết Tân Sửu)", .dayOff),
            ("2021-04-21", "Hùng Kings' Commemoration", .dayOff),
            ("2021-04-30", "Reunification Day", .dayOff),
            ("2021-05-03", "Labour Day (substitute for Saturday 1 May)", .dayOff),
            ("2021-09-02", "National Day", .dayOff),
            ("2021-09-03", "National Day", .dayOff),

            ("2022-01-03", "New Year (substitute for Saturday 1 January)", .dayOff),
            ("2022-01-31", "Lunar New Year (Tết Nhâm Dần)", .dayOff),
            ("2022-02-01", "Lunar New Year (Tết Nhâm Dần)", .dayOff),
            ("2022-02-02", "Lunar New Year (Tết Nhâm Dần)", .dayOff),
            ("2022-02-03", "Lunar New Year (Tết Nhâm Dần)", .dayOff),
            ("2022-02-04", "Lunar New Year (Tết Nhâm Dần)", .dayOff),
            ("2022-04-11", "Hùng Kings' Commemoration (substitute for Sunday 10 April)", .dayOff),
            ("2022-05-02", "Reunification Day (substitute for Saturday 30 April)", .dayOff),
            ("2022-05-03", "Labour Day (substitute for Sunday 1 May)", .dayOff),
            ("2022-09-01", "National Day", .dayOff),
            ("2022-09-02", "National Day", .dayOff),

            ("2023-01-02", "New Year (substitute for Sunday 1 January)", .dayOff),
            ("2023-01-20", "Lunar New Year (Tết Quý Mão)", .dayOff),
            ("2023-01-23", "Lunar New Year (Tết Quý Mão)", .dayOff),
            ("2023-01-24", "Lunar New Year (Tết Quý Mão)", .dayOff),
            ("2023-01-25", "Lunar New Year (Tết Quý Mão)", .dayOff),
            ("2023-01-26", "Lunar New Year (Tết Quý Mão)", .dayOff),
            ("2023-05-01", "Labour Day", .dayOff),
            ("2023-05-02", "Hùng Kings' Commemoration (substitute for Saturday 29 April)", .dayOff),
            ("2023-05-03", "Reunification Day (substitute for Sunday 30 April)", .dayOff),
            ("2023-09-01", "National Day", .dayOff),
            ("2023-09-04", "National Day (substitute for Saturday 2 September)", .dayOff),

            ("2024-01-01", "New Year", .dayOff),
            ("2024-02-08", "Lunar New Year (Tết Giáp Thìn)", .dayOff),
            ("2024-02-09", "Lunar New Year (Tết Giáp Thìn)", .dayOff),
            ("2024-02-12", "Lunar New Year (Tết Giáp Thìn)", .dayOff),
            ("2024-02-13", "Lunar New Year (Tết Giáp Thìn)", .dayOff),
            ("2024-02-14", "Lunar New Year (Tết Giáp Thìn)", .dayOff),
            ("2024-04-18", "Hùng Kings' Commemoration", .dayOff),
            ("2024-04-29", "Day off moved from Saturday 4 May", .dayOff),
            ("2024-04-30", "Reunification Day", .dayOff),
            ("2024-05-01", "Labour Day", .dayOff),
            ("2024-05-04", "Working Saturday (in exchange for Monday 29 April)", .workingDay),
            ("2024-09-02", "National Day", .dayOff),
            ("2024-09-03", "National Day", .dayOff),

            ("2025-01-01", "New Year", .dayOff),
            ("2025-01-27", "Day off moved from Saturday 8 February", .dayOff),
            ("2025-01-28", "Lunar New Year (Tết Ất Tỵ)", .dayOff),
            ("2025-01-29", "Lunar New Year (Tết Ất Tỵ)", .dayOff),
            ("2025-01-30", "Lunar New Year (Tết Ất Tỵ)", .dayOff),
            ("2025-01-31", "Lunar New Year (Tết Ất Tỵ)", .dayOff),
            ("2025-02-08", "Working Saturday (in exchange for Monday 27 January)", .workingDay),
            ("2025-04-07", "Hùng Kings' Commemoration", .dayOff),
            ("2025-04-26", "Working Saturday (in exchange for Friday 2 May)", .workingDay),
            ("2025-04-30", "Reunification Day", .dayOff),
            ("2025-05-01", "Labour Day", .dayOff),
            ("2025-05-02", "Day off moved from Saturday 26 April", .dayOff),
            ("2025-09-01", "National Day", .dayOff),
            ("2025-09-02", "National Day", .dayOff),

            ("2026-01-01", "New Year", .dayOff),
            ("2026-01-02", "Day off moved from Saturday 10 January", .dayOff),
            ("2026-01-10", "Working Saturday (in exchange for Friday 2 January)", .workingDay),
            ("2026-02-16", "Lunar New Year (Tết Bính Ngọ)", .dayOff),
            ("2026-02-17", "Lunar New Year (Tết Bính Ngọ)", .dayOff),
            ("2026-02-18", "Lunar New Year (Tết Bính Ngọ)", .dayOff),
            ("2026-02-19", "Lunar New Year (Tết Bính Ngọ)", .dayOff),
            ("2026-02-20", "Lunar New Year (Tết Bính Ngọ)", .dayOff),
            ("2026-04-27", "Hùng Kings' Commemoration (substitute for Sunday 26 April)", .dayOff),
            ("2026-04-30", "Reunification Day", .dayOff),
            ("2026-05-01", "Labour Day", .dayOff),
            ("2026-09-01", "National Day", .dayOff),
            ("2026-09-02", "National Day", .dayOff),
        ]
        return table.map { Holiday(day: try! Day(parsing: $0.0), name: $0.1, kind: $0.2) }
    }()
}
