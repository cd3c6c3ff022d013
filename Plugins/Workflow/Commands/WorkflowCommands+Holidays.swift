import NTMCore
import ShellKit

/// `workflow holiday add|remove|list`: the working-day calendar's exceptions, as data.
extension WorkflowCommands {
    var holidayAdd: CommandSpec {
        CommandSpec(
            "workflow holiday add", summary: "Add a public holiday, a day off moved, or a working Saturday",
            description: """
                The working-day calendar is Monday to Friday minus the days off in this table, plus the weekend days it
                declares working days. Vietnam's holidays and the government's substitute days for 2021–2026 come
                bundled; add later years' days, or correct a day, here. Every report reads the table as it stands.
                """,
            parameters: [
                .positional("date", .date, "The day: YYYY-MM-DD"),
                .positional("name", .text, "What it is: 'National Day', 'Working Saturday (in exchange for ...)'"),
                .flag("working-day", "The day is a Saturday or Sunday worked in exchange for a day off"),
            ],
            mutates: true,
            examples: [
                .init("workflow holiday add 2027-02-08 \"Lunar New Year (Tết Đinh Mùi)\"", "A day of Tết 2027"),
                .init("workflow holiday add 2027-02-20 \"Working Saturday\" --working-day", "A Saturday worked in exchange"),
            ]
        ) { context in
            let day = try Self.day(context, "date", allowingFuture: true)!
            let name = context.arguments.string("name")!.trimmingBlanks()
            guard !name.isEmpty else { throw ShellError.usage("a holiday needs a name", at: context.arguments.word(for: "name")) }
            let entry = Holiday(day: day, name: name, kind: context.arguments.flag("working-day") ? .workingDay : .dayOff)
            let replaced = try access(context).mutate { store in try store.holidays.add(entry) }
            let weekday = DayNumber.weekdayNames[DayNumber.weekday(entry.number)]
            if replaced == entry { return .message("\(day) (\(weekday)) is already '\(name)', a \(entry.kind.rawValue): nothing changed.") }
            let was = replaced.map { " (was '\($0.name)', a \($0.kind.rawValue))" } ?? ""
            return .message("\(replaced == nil ? "Added" : "Updated") \(day) (\(weekday)): \(name), a \(entry.kind.rawValue)\(was).")
        }
    }

    var holidayRemove: CommandSpec {
        CommandSpec(
            "workflow holiday remove", summary: "Remove a day from the holiday table",
            parameters: [.positional("date", .date, "The day: YYYY-MM-DD")],
            mutates: true,
            examples: [.init("workflow holiday remove 2026-01-02", "2 January 2026 is an ordinary working day again")]
        ) { context in
            let day = try Self.day(context, "date", allowingFuture: true)!
            let removed = try access(context).mutate { store in try store.holidays.remove(day) }
            return .message("Removed \(day): \(removed.name) (\(removed.kind.rawValue)).")
        }
    }

    var holidayList: CommandSpec {
        CommandSpec(
            "workflow holiday list", summary: "The days off and working weekend days of the calendar",
            parameters: [.option("year", .integer, "Only this year", default: "every year")],
            examples: [
                .init("workflow holiday list --year 2024", "2024: Tết, the April-May swap, National Day"),
            ]
        ) { context in
            try access(context).read { store in
                let year = context.arguments.int("year")
                let entries = try store.holidays.all().filter { year == nil || $0.day.year == year }
                let calendar = WorkingCalendar(try store.holidays.all())
                var notes: [String] = []
                if let year {
                    let working = calendar.workingDays(after: DayNumber.of(year: year - 1, month: 12, day: 31),
                                                       through: DayNumber.of(year: year, month: 12, day: 31))
                    notes.append("\(year) has \(working) working days")
                }
                if entries.isEmpty { notes.append("no entries\(year.map { " for \($0)" } ?? ""): 'workflow holiday add' them") }
                return .table(ResultTable(
                    columns: [Column("day"), Column("weekday"), Column("kind"), Column("name")],
                    rows: entries.map { [.text($0.day.description), .text(DayNumber.weekdayNames[DayNumber.weekday($0.number)]),
                                         .text($0.kind.rawValue), .text($0.name)] },
                    notes: notes))
            }
        }
    }
}
