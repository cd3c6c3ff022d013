import NTMCore
import ShellKit

/// `workflow report`, `workflow overdue`, `workflow procedures`: the one-stop shops over a period.
extension WorkflowCommands {
    /// The period asked for, or the year of the latest dossier received, and whether it was chosen.
    static func dossierPeriod(_ context: CommandContext, _ store: DomainStore) throws -> (Period, chosen: Bool) {
        if let period = try period(context) { return (period, false) }
        return (.year(try store.dossiers.latestReceived()?.year ?? Day.programmeReference.year), true)
    }

    var report: CommandSpec {
        CommandSpec(
            "workflow report", summary: "The period report of public-service dossiers, per unit",
            description: """
                Per unit: dossiers carried over from before the period and still open at its start; received in the
                period (online, in person, by public postal service); finished in the period, early, on time or
                overdue; stopped (refused or withdrawn); still open at the period's end, within time or overdue, and
                of those, awaiting the citizen's supplement; results returned in the period. Then the online-receipt
                rate (received online over received) and the on-time rate (early and on time over finished).
                A district's row counts the dossiers of the district and of its communes. Days are working days:
                the on-time rule is Decision 766/QĐ-TTg's (see 'dossier show' for one dossier's reckoning).
                """,
            parameters: Self.reportOptions(unitType()),
            examples: [
                .init("workflow report --by district --period 2024", "Each district's one-stop shops in 2024"),
                .init("workflow report --in \"Tân Yên\" --period 2024Q3", "The communes of Tân Yên, third quarter"),
                .init("workflow report --by province --format csv", "The province's totals, for a spreadsheet"),
            ]
        ) { context in
            try access(context).read { store in
                let index = try store.units.index()
                let (period, chosen) = try Self.dossierPeriod(context, store)
                let area = try area(context, index: index, period: period)
                let level = try Self.level(context, area: area)
                let report = try DossierReport.build(store, index: index, area: area, level: level, period: period)
                return .table(Self.table(report, periodChosen: chosen))
            }
        }
    }

    static func table(_ report: DossierReport, periodChosen: Bool) -> ResultTable {
        func cells(_ code: String, _ name: String, _ c: DossierReport.Counts) -> [Cell] {
            [.text(code), .text(name), .integer(c.carriedOver), .integer(c.received), .integer(c.receivedOnline),
             .integer(c.receivedInPerson), .integer(c.receivedPostal), .integer(c.finished), .integer(c.early),
             .integer(c.onTime), .integer(c.overdue), .integer(c.stopped), .integer(c.openWithinTime),
             .integer(c.openOverdue), .integer(c.awaitingSupplement), .integer(c.returned), .number(c.onlineRate),
             .number(c.onTimeRate)]
        }
        var rows = report.rows.map { cells($0.unit.code, $0.unit.name, $0.counts) }
        if report.rows.count > 1 { rows.append(cells("", "all rows", report.total)) }
        let t = report.total
        return ResultTable(
            title: "Public-service dossiers, \(report.period)\(periodChosen ? " (the latest year with dossiers; --period to choose)" : ""): "
                + (report.level == report.area.level ? report.area.name : "\(report.level.rawValue) level in \(report.area.name)"),
            columns: [
                Column("code"), Column("unit"), Column("carried_over", .integer, heading: "carried"),
                Column("received", .integer), Column("online", .integer), Column("in_person", .integer, heading: "in person"),
                Column("postal", .integer), Column("finished", .integer), Column("early", .integer),
                Column("on_time", .integer, heading: "on time"), Column("overdue", .integer), Column("stopped", .integer),
                Column("open_within_time", .integer, heading: "open ok"), Column("open_overdue", .integer, heading: "open late"),
                Column("awaiting_supplement", .integer, heading: "awaiting"), Column("returned", .integer),
                Column("online_rate", .percent(places: 1), heading: "online %"),
                Column("on_time_rate", .percent(places: 1), heading: "on time %"),
            ],
            rows: rows,
            notes: ["\(Format.count(t.received)) received (\(Format.percent(t.onlineRate)) online), "
                    + "\(Format.count(t.finished)) finished (\(Format.percent(t.onTimeRate)) early or on time), "
                    + "\(Format.count(t.open)) open at \(report.period.end) (\(Format.count(t.openOverdue)) overdue, "
                    + "\(Format.count(t.awaitingSupplement)) awaiting the citizen's supplement)"])
    }

    var overdue: CommandSpec {
        CommandSpec(
            "workflow overdue", summary: "Overdue dossiers, open or finished, most working days over first",
            description: """
                Dossiers still open and overdue at the period's end, and dossiers that ended in the period overdue, with
                their unit and procedure, by working days over the time allowed (most first). A dossier overdue because
                of a second supplement request is marked so.
                """,
            parameters: [
                .option("period", .period, "2024, 2024Q2 or 2024-05", default: "the year of the latest dossier received"),
                .option("in", unitType(), "Only dossiers of units within this area", default: "the province"),
                .option("open", .onOff, "on: only open dossiers; off: only finished ones", default: "both"),
                .option("limit", .count, "At most this many rows", default: "50"),
            ],
            examples: [
                .init("workflow overdue --period 2024", "The 50 worst overdue dossiers of 2024"),
                .init("workflow overdue --in \"Lục Ngạn\" --open on --limit 200", "Open overdue dossiers in Lục Ngạn"),
            ]
        ) { context in
            try access(context).read { store in
                let index = try store.units.index()
                let (period, chosen) = try Self.dossierPeriod(context, store)
                let area = try area(context, index: index, period: period)
                let limit = context.arguments.int("limit") ?? 50
                let openFilter = context.arguments.string("open").map { $0 == "on" }
                return .table(try OverdueList.build(store, index: index, area: area, period: period, open: openFilter,
                                                    limit: limit, periodChosen: chosen))
            }
        }
    }

    var procedures: CommandSpec {
        CommandSpec(
            "workflow procedures", summary: "Per procedure: dossiers, resolution time, on-time rate, share received online",
            description: """
                One row per administrative procedure with dossiers received or finished in the period: its service
                level (full-process online, partly online, not online), dossiers received, finished, the average
                resolution time in working days (supplement time excluded) of those finished, the on-time rate and the
                share received online. The note says how many procedures are offered full-process online.
                """,
            parameters: [
                .option("period", .period, "2024, 2024Q2 or 2024-05", default: "the year of the latest dossier received"),
                .option("in", unitType(), "Only dossiers of units within this area", default: "the province"),
            ],
            examples: [
                .init("workflow procedures --period 2024", "Every procedure with dossiers in 2024"),
                .init("workflow procedures --in \"Yên Dũng\" --format csv", "Those of Yên Dũng, as CSV"),
            ]
        ) { context in
            try access(context).read { store in
                let index = try store.units.index()
                let (period, _) = try Self.dossierPeriod(context, store)
                let area = try area(context, index: index, period: period)
                return .table(try ProcedureReport.build(store, index: index, area: area, period: period))
            }
        }
    }
}
