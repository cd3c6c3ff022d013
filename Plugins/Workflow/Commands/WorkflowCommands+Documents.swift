import NTMCore
import ShellKit

/// `workflow documents set|show|list|import`: work files processed online, per office.
extension WorkflowCommands {
    var documentsSet: CommandSpec {
        CommandSpec(
            "workflow documents set", summary: "Record an office's work files and how many were processed online",
            description: """
                Records the work files (hồ sơ công việc) of one office for a period: the province (its departments), a
                district's or a commune's people's committee. --total counts every work file, --online those created,
                handled and closed on the document-management system with digital signatures, --classified the
                classified ones, which stay on paper and leave the share's denominator. Figures given replace the
                stored ones. Refused, with the reason, when online files exceed the files that are not classified.
                These are not public-service dossiers (see 'workflow import').
                """,
            parameters: [
                .positional("unit", unitType(), "The office's unit: province, district or commune (code or name)"),
                .positional("period", .period, "The period: 2024, 2024Q2 or 2024-05"),
                .option("total", .count, "Work files in total", required: true),
                .option("online", .count, "Work files processed fully online", required: true),
                .option("classified", .count, "Classified work files (left out of the share)"),
            ],
            mutates: true,
            examples: [
                .init("workflow documents set \"Phúc Hòa\" 2024 --total 1200 --online 830",
                      "Xã Phúc Hòa's people's committee for 2024"),
                .init("workflow documents set 216 2024Q1 --total 3400 --online 3010 --classified 40",
                      "Huyện Tân Yên by code, first quarter, 40 classified files"),
            ]
        ) { context in
            let access = try access(context)
            let period = try Self.period(context)!
            let figures = DocumentFigures(total: context.arguments.int("total")!, online: context.arguments.int("online")!,
                                          classified: context.arguments.int("classified"))
            if let violation = figures.violation {
                throw ShellError.failed("refused: \(violation.reason)", at: context.arguments.word(for: violation.option))
            }
            let index = try access.read { try $0.units.index() }
            let unit = try resolveUnit(context, "unit", period: period, index: index)
            if unit.level == .village {
                throw ShellError.failed("\(unit.name) (\(unit.code)) is a village: work files are recorded per office — "
                    + "the province, a district or a commune, ward or township", at: context.arguments.word(for: "unit"))
            }
            let change = try access.mutate { store in
                try store.documents.write(figures, unit: unit, period: period, source: .entered)
            }
            return .message(Self.describe(change, figures, unit: unit, period: period))
        }
    }

    /// `Recorded Xã Phúc Hòa (07324) for 2024: 1,200 work files, 830 processed online (69.2%).`
    static func describe(_ change: DocumentBook.Change, _ figures: DocumentFigures, unit: Unit, period: Period) -> String {
        var summary = "\(Format.plural(figures.total, "work file")), \(Format.count(figures.online)) processed online"
        if let classified = figures.classified, classified > 0 { summary += ", \(Format.count(classified)) classified" }
        summary += " (\(Format.percent(figures.share)))"
        switch change {
        case .added:
            return "Recorded \(unit.name) (\(unit.code)) for \(period): \(summary)."
        case .changed(let before):
            var changes: [String] = []
            if before.total != figures.total { changes.append("total \(Format.count(before.total)) → \(Format.count(figures.total))") }
            if before.online != figures.online { changes.append("online \(Format.count(before.online)) → \(Format.count(figures.online))") }
            if before.classified != figures.classified {
                changes.append("classified \(before.classified.map(Format.count) ?? "—") → \(figures.classified.map(Format.count) ?? "—")")
            }
            return "Updated \(unit.name) (\(unit.code)) for \(period): \(changes.joined(separator: ", ")); now \(summary)."
        case .unchanged:
            return "\(unit.name) (\(unit.code)) already has these figures for \(period): nothing changed."
        }
    }

    var documentsShow: CommandSpec {
        CommandSpec(
            "workflow documents show", summary: "Show an office's work-file figures, period by period",
            parameters: [.positional("unit", unitType(), "The office's unit: code or name")],
            examples: [.init("workflow documents show \"Phúc Hòa\"", "Every period recorded for Xã Phúc Hòa")]
        ) { context in
            try access(context).read { store in
                let index = try store.units.index()
                let unit = try resolveUnit(context, "unit", period: .year(Day.programmeReference.year), index: index)
                let history = try store.documents.history(unitID: unit.id)
                let place = index.placeName(of: unit).map { ", \($0)" } ?? ""
                return .table(ResultTable(
                    title: "\(unit.name) (\(unit.code)\(place)): work files",
                    columns: [Column("period"), Column("total", .integer), Column("classified", .integer),
                              Column("online", .integer), Column("share", .percent(places: 1)), Column("source")],
                    rows: history.map { record in
                        let f = record.figures
                        return [.text(record.period.description), .integer(f.total), .integer(f.classified),
                                .integer(f.online), .number(f.share), .text(record.source.rawValue)]
                    },
                    notes: history.isEmpty ? ["no work-file figures for this unit: 'workflow documents set' or 'workflow documents import' them"] : []))
            }
        }
    }

    var documentsList: CommandSpec {
        CommandSpec(
            "workflow documents list", summary: "Work files processed online per office of a level, with the level's share",
            description: """
                One row per office of a level within an area — each office's own work files, not its communes' — and
                the level's share: the online files of all those offices over all their files (never an average of
                percentages). This is what the plan's targets measure: 95% at province level, 85% at district level,
                60% at commune level. A year sums its months and quarters; where a unit has figures for the year
                itself, those are used instead of its months.
                """,
            parameters: Self.reportOptions(unitType(), byDefault: "commune"),
            examples: [
                .init("workflow documents list --by district --period 2024", "Each district's people's committee in 2024"),
                .init("workflow documents list --in \"Tân Yên\" --period 2024", "The communes of Tân Yên"),
                .init("workflow documents list --by province --format csv", "The province's departments, as CSV"),
            ]
        ) { context in
            try access(context).read { store in
                let index = try store.units.index()
                let period = try Self.period(context)
                    ?? .year(try store.documents.latestPeriodEnd()?.year ?? Day.programmeReference.year)
                let area = try area(context, index: index, period: period)
                let level = context.arguments.string("by").flatMap(UnitLevel.init(rawValue:)) ?? .commune
                if level < area.level {
                    throw ShellError.failed("--by \(level.rawValue) is above \(area.name) (\(area.code)), a \(area.level.rawValue)",
                                            at: context.arguments.word(for: "by"))
                }
                let members = DossierReport.members(index: index, area: area, level: level, period: period)
                let sums = try store.documents.sums(within: period, unitIDs: Set(members.map(\.id)))
                var total = 0, online = 0, countable = 0, reporting = 0
                let rows: [[Cell]] = members.map { unit in
                    guard let f = sums[unit.id] else {
                        return [.text(unit.code), .text(unit.name), .null, .null, .null, .null]
                    }
                    reporting += 1
                    total += f.total; online += f.online; countable += f.countable
                    return [.text(unit.code), .text(unit.name), .integer(f.total), .integer(f.classified),
                            .integer(f.online), .number(f.share)]
                }
                let share = countable > 0 ? 100 * Double(online) / Double(countable) : nil
                return .table(ResultTable(
                    title: "Work files processed online, \(level.rawValue) level in \(area.name), \(period)",
                    columns: [Column("code"), Column("unit"), Column("total", .integer), Column("classified", .integer),
                              Column("online", .integer), Column("share", .percent(places: 1))],
                    rows: rows,
                    notes: ["\(level.rawValue) level: \(Format.count(online)) of \(Format.count(countable)) work files "
                            + "processed online (\(Format.percent(share))), \(reporting) of \(members.count) offices reporting; "
                            + "classified files left out"]))
            }
        }
    }

    var documentsImport: CommandSpec {
        CommandSpec(
            "workflow documents import", summary: "Import work-file figures per office from a CSV file",
            description: """
                Tells the file's shape from its header:
                  figures per office    unit_code,period,total,online,classified (any order; unit_name may be there
                                        for people; period may be left out with --period)
                  one row per work file file_id,unit_code,closed_at,online,classified (online and classified 1 or 0;
                                        counted per office for --period, which is then required)
                Each office in the file gets its figures for the period replaced. All or nothing: one bad row and
                nothing is written; errors name FILE:LINE and the column.
                """,
            parameters: [
                .positional("file", .path, "The CSV file; in a command file, relative to that file's folder"),
                .option("period", .period, "The period of rows without a period column"),
            ],
            mutates: true,
            examples: [
                .init("workflow documents import documents-2024.csv", "Figures per office, with a period column"),
                .init("workflow documents import work-files-2024-05.csv --period 2024-05",
                      "One row per work file from the document-management system, for May 2024"),
            ]
        ) { context in
            let typed = context.arguments.string("file")!
            let outcome = try DocumentImport(path: context.resolvePath(typed), displayName: typed,
                                             period: try Self.period(context)).run(try access(context))
            let periods = outcome.periods.map(\.description).joined(separator: ", ")
            return .message("Imported \(typed) (work files\(periods.isEmpty ? "" : ", " + periods)): "
                + "\(Format.plural(outcome.rowsRead, "row")) read, \(Format.count(outcome.added)) added, "
                + "\(Format.count(outcome.changed)) changed, \(Format.count(outcome.unchanged)) unchanged.")
        }
    }
}
