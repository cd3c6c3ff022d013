import NTMCore
import ShellKit

/// `dossier show`: one dossier, its timeline, and the verdict explained.
extension WorkflowCommands {
    var dossierShow: CommandSpec {
        CommandSpec(
            "dossier show", summary: "A dossier, its timeline and whether it was handled on time, explained",
            description: """
                Shows a public-service dossier: its procedure, unit, channel and status; its dates in order, with the
                weekday; how many working days it was allowed and used, the citizen's supplement time left out; and the
                verdict under the rule of Decision 766/QĐ-TTg. An open dossier is judged on --on (default: today, or the
                end of --period).
                """,
            parameters: [
                .positional("code", dossierType, "The dossier's code, as the portal gives it"),
                .option("on", .date, "Judge an open dossier on this day", default: "today"),
                .option("period", .period, "Judge an open dossier at the end of this period"),
            ],
            examples: [
                .init("dossier show 000.00.24.H07-240105-0001", "One dossier of Bắc Giang's portal"),
                .init("dossier show 000.00.24.H07-240105-0001 --period 2024Q1", "How it stood at the end of March 2024"),
            ]
        ) { context in
            try access(context).read { store in
                let code = context.arguments.string("code")!.trimmingBlanks()
                guard let found = try store.dossiers.dossier(code: code) else {
                    throw ShellError.failed("no dossier '\(code)' (dossiers come from 'workflow import')",
                                            at: context.arguments.word(for: "code"))
                }
                let (dossier, procedure) = found
                let judgeDay: Day
                if let day = try Self.day(context, "on", allowingFuture: true) { judgeDay = day }
                else if let period = try Self.period(context) { judgeDay = period.end }
                else { judgeDay = Day.today() }
                let calendar = try store.holidays.calendar()
                let index = try store.units.index()
                let unit = index.unit(id: dossier.unitID)
                let events = try store.dossiers.events(code: code)
                return .sequence(Self.dossierTables(dossier, procedure: procedure, unit: unit, events: events,
                                                    judgeOn: DayNumber.of(judgeDay), calendar: calendar))
            }
        }
    }

    static func dossierTables(_ dossier: Dossier, procedure: Procedure, unit: Unit?, events: [(day: Int32, kind: String)],
                              judgeOn: Int32, calendar: WorkingCalendar) -> [CommandResult] {
        let clock = dossier.clock
        let j = clock.judge(on: judgeOn, calendar)
        func yes(_ flag: Bool) -> Cell { .text(flag ? "yes" : "no") }
        let record = ResultTable.record(title: "Dossier \(dossier.code)", [
            ("procedure", .text("\(procedure.code) \(procedure.name)")),
            ("procedure field", .text(procedure.field)),
            ("unit", .text(unit.map { "\($0.name) (\($0.code))" })),
            ("channel", .text(dossier.channel.words)),
            ("service level", .text(dossier.serviceLevel.words)),
            ("status", .text(dossier.status.words)),
            ("result issued electronically", yes(dossier.resultElectronic)),
            ("dossier digitised", yes(dossier.digitised)),
            ("fee paid online", yes(dossier.feePaidOnline)),
        ])
        var timeline: [(Int32, String)] = [(clock.received, "received (\(dossier.channel.words))")]
        if let due = clock.due { timeline.append((due, "due")) }
        if let requested = clock.supplementRequested {
            timeline.append((requested, clock.supplementRequests > 1
                ? "additional documents requested (the first of \(clock.supplementRequests) requests)"
                : "additional documents requested: the clock stops"))
        }
        if let replied = clock.supplementReplied { timeline.append((replied, "the citizen's supplement received: the clock runs again")) }
        if let finished = clock.finished { timeline.append((finished, "processing finished")) }
        if let returned = clock.returned { timeline.append((returned, "result returned")) }
        if let stopped = clock.stopped { timeline.append((stopped, "processing stopped")) }
        for event in events where !timeline.contains(where: { $0.0 == event.day && $0.1.hasPrefix(event.kind) }) {
            timeline.append((event.day, event.kind))
        }
        timeline.sort { $0.0 < $1.0 }
        let timelineTable = ResultTable(
            title: "Timeline",
            columns: [Column("day"), Column("weekday"), Column("working_day", .integer, heading: "working day"), Column("event")],
            rows: timeline.map { day, text in
                [.text(DayNumber.day(day).description), .text(DayNumber.weekdayNames[DayNumber.weekday(day)]),
                 .integer(Int(calendar.workingDays(after: clock.received, through: day))), .text(text)]
            },
            notes: ["'working day' counts the working days after receipt (weekends and public holidays do not count)"])
        return [.table(record), .table(timelineTable), .message(explain(clock, j, judgeOn: judgeOn))]
    }

    /// The verdict in sentences: the time allowed, the time used, the pauses, and the rule that decided.
    static func explain(_ clock: DossierClock, _ j: DossierClock.Judgement, judgeOn: Int32) -> String {
        var lines: [String] = []
        if let due = clock.due {
            lines.append("Allowed: \(Format.plural(Int(j.allowed), "working day")) (received \(DayNumber.day(clock.received)), due \(DayNumber.day(due))).")
        } else {
            lines.append("Allowed: \(Format.plural(Int(j.allowed), "working day")), the procedure's statutory time.")
        }
        var used = "Used: \(Format.plural(Int(j.used), "working day")) up to \(DayNumber.day(j.stop))"
        if j.paused > 0 { used += ", not counting \(Format.plural(Int(j.paused), "working day")) awaiting the citizen's supplement" }
        if j.awaitingSupplement || (clock.supplementRequested == j.stop && clock.supplementReplied == nil) {
            used += ", where the clock stands at the unanswered supplement request"
        }
        lines.append(used + ".")
        let verdict: String
        switch j.outcome {
        case .early: verdict = "early: it ended \(Format.plural(Int(j.allowed - j.used), "working day")) before its time"
        case .onTime: verdict = "on time: it ended on the last working day allowed"
        case .overdue:
            verdict = j.repeatedSupplement
                ? "overdue: additional documents were requested \(clock.supplementRequests) times, and more than one request makes a dossier overdue"
                : "overdue: \(Format.plural(Int(j.daysOver), "working day")) over"
        case .withinTime:
            verdict = "open on \(DayNumber.day(judgeOn)), within its time (\(Format.plural(Int(j.allowed - j.used), "working day")) left)"
                + (j.awaitingSupplement ? ", awaiting the citizen's supplement" : "")
        case .openOverdue:
            verdict = "open on \(DayNumber.day(judgeOn)) and overdue: "
                + (j.repeatedSupplement ? "more than one supplement request" : "\(Format.plural(Int(j.daysOver), "working day")) over")
                + (j.awaitingSupplement ? ", awaiting the citizen's supplement" : "")
        }
        lines.append("Verdict: \(verdict) (Decision 766/QĐ-TTg).")
        return lines.joined(separator: "\n")
    }
}
