import NTMCore
import ShellKit

/// `recognition set|revoke|list|summary|import|export`: NTM titles per unit and year.
extension ProgrammePlugin {
    var recognitionCommands: [CommandSpec] {
        [recognitionSet, recognitionRevoke, recognitionList, recognitionSummary, recognitionImport, recognitionExport]
    }

    static var titleType: ValueType { .choice(RecognitionTitle.allCases.map(\.rawValue), placeholder: "LEVEL") }

    var recognitionSet: CommandSpec {
        CommandSpec(
            "recognition set", summary: "Recognise a unit for a year: standard, advanced, model, smart or completed",
            description: "Communes (xã): standard, advanced, model, smart. Villages: model, smart. Districts (huyện): standard,\nadvanced, model. Cities and towns: completed (hoàn thành nhiệm vụ xây dựng NTM). A model commune needs\nat least one smart village (recognised that year or before). A title lost by decision is revoked\n(recognition revoke), not removed: the history keeps both.",
            parameters: [
                .positional("unit", unitType, "Commune, village, district, city or town"),
                .positional("year", Self.yearType, "Year of the decision"),
                .positional("level", Self.titleType, "Recognition level"),
                .option("note", .text, "Decision number or remark"),
            ],
            mutates: true,
            examples: [
                .init("recognition set \"Phúc Hòa\" 2023 advanced", "Xã Phúc Hòa recognised advanced NTM in 2023"),
                .init("recognition set 07324 2024 model", "Refused unless a village of Phúc Hòa is a smart village"),
                .init("recognition set \"Thành phố Bắc Giang\" 2022 completed", "The city has completed the task of NTM building"),
            ]
        ) { context in
            let args = context.arguments
            let year = args.int("year")!
            let (unit, changed, previousYear) = try mutate(context) { store in
                let unit = try store.units.resolve(args.string("unit")!, asOf: Day.endOfYear(year))
                let title = try RecognitionTitle(parsing: args.string("level")!)
                // Granting a title in force again moves its year: say so, since it changes past standings.
                let previous = try store.recognition.list(in: unit).last { $0.unit.id == unit.id && $0.title == title && $0.revokedOn == nil }
                let changed = try store.recognition.set(unit: unit, year: year, title: title, note: args.string("note"))
                return (unit, changed, previous.map(\.year).flatMap { $0 == year ? nil : $0 })
            }
            let moved = previousYear.map { " (recorded for \($0) until now: the title now holds from \(year))" } ?? ""
            return .message("\(changed ? "Recognised" : "Unchanged:") \(unit.name) (\(unit.code)) \(args.string("level")!) in \(year)\(moved).")
        }
    }

    var recognitionRevoke: CommandSpec {
        CommandSpec(
            "recognition revoke", summary: "Revoke (thu hồi) a unit's recognition from a day, by a decision",
            description: "The title stops counting at the end of every year from that day on; the grant and the revocation\nboth stay in recognition list and the audit. Revoke a higher grade (model, advanced) before a lower one.",
            parameters: [
                .positional("unit", unitType, "Commune, village, district, city or town"),
                .positional("level", Self.titleType, "Recognition level"),
                .positional("from", .date, "First day without the title"),
                .option("decision", .text, "Number of the revoking decision", required: true),
            ],
            mutates: true,
            examples: [.init("recognition revoke 07324 standard 2024-06-01 --decision \"1234/QĐ-UBND\"",
                             "Xã Phúc Hòa loses the standard title from 1 June 2024")]
        ) { context in
            let args = context.arguments
            let day = try Day(parsing: args.string("from")!)
            let unit = try mutate(context) { store in
                let unit = try store.units.resolve(args.string("unit")!, asOf: day)
                try store.recognition.revoke(unit: unit, title: try RecognitionTitle(parsing: args.string("level")!), on: day,
                                             decision: args.string("decision")!)
                return unit
            }
            return .message("Revoked \(unit.name) (\(unit.code)) \(args.string("level")!) from \(day) (\(args.string("decision")!)).")
        }
    }

    var recognitionList: CommandSpec {
        CommandSpec(
            "recognition list", summary: "Recognitions, filtered by area and year; revoked ones say since when",
            parameters: [
                .option("in", unitType, "Only units in this one"),
                .option("year", Self.yearType, "Only this year"),
            ],
            examples: [.init("recognition list --year 2023", "Every recognition decided in 2023")]
        ) { context in
            let args = context.arguments
            return try read { store in
                let index = try store.units.index()
                let area = try args.string("in").map { try store.units.resolve($0) }
                let list = try store.recognition.list(in: area, year: args.int("year"))
                return .table(ResultTable(
                    columns: [Column("year", .year), Column("code"), Column("unit"), Column("in"), Column("level"), Column("note"),
                              Column("revoked")],
                    rows: list.map { item in
                        [.integer(item.year), .text(item.unit.code), .text(item.unit.name),
                         .text(index.placeName(of: item.unit)), .text(item.title.rawValue), .text(item.note),
                         .text(item.revokedOn.map { "from \($0) (\(item.revokedBy ?? ""))" })]
                    }
                ))
            }
        }
    }

    var recognitionSummary: CommandSpec {
        CommandSpec(
            "recognition summary", summary: "Counts and shares per recognition level",
            description: "Shares of communes are over rural communes (xã) only — never wards or townships\n(182 in the 2023 registry). District grades are shares of rural districts (huyện); cities and towns\nare recognised as having completed the task (completed); the `all` line counts both over every\ndistrict-level unit, as the province reports it (6 of 10 in May 2023). Revoked titles do not count\nfrom the year of the revocation. The denominators are printed under the table.",
            parameters: [
                .option("year", Self.yearType, "Standing at the end of this year", default: "2023"),
                .option("in", unitType, "Only units in this one", default: "the province"),
            ],
            examples: [.init("recognition summary --year 2023", "How many communes are standard, advanced, model, smart")]
        ) { context in
            let args = context.arguments
            return try read { store in
                let year = args.int("year") ?? 2023
                let area = try args.string("in").map { try store.units.resolve($0, asOf: Day.endOfYear(year)) }
                let summary = try store.recognition.summary(year: year, in: area)
                let levels = Array(Set(summary.rows.map(\.level))).sorted()
                return .table(ResultTable(
                    title: "Recognition in \(summary.area.name), standing at the end of \(year)",
                    columns: [Column("level"), Column("units"), Column("recognition"), Column("count", .integer), Column("of", .integer),
                              Column("share", .percent(places: 1))],
                    rows: summary.rows.map { row in
                        [.text(row.level.rawValue), .text(row.units), .text(row.recognition), .integer(row.count),
                         .integer(row.denominator), .number(row.share)]
                    },
                    notes: levels.compactMap { summary.denominatorDefinitions[$0].map { "\($0)" } }
                ))
            }
        }
    }

    var recognitionImport: CommandSpec {
        importCommand(
            "recognition import", summary: "Import recognitions from CSV or JSON (all or nothing)",
            description: "CSV columns: unit,year,title[,note,revoked_on,revoked_by] (title: standard, advanced, model, smart,\ncompleted; a revocation needs both its day and its decision); JSON: an array of objects with the same keys. Villages are applied first, so a model commune and its smart village\ncan come in one file. Any bad row aborts the import with FILE:LINE, and nothing is written.",
            example: .init("recognition import decisions-2024.csv", "Load a year's decisions")
        ) { store, path, name in try store.recognition.importFile(path, name: name) }
    }

    var recognitionExport: CommandSpec {
        exportCommand(
            "recognition export", summary: "Stored recognitions in the import's columns (use --format csv|json)",
            parameters: [.option("year", Self.yearType, "Only this year"), .option("in", unitType, "Only units in this one")],
            example: .init("recognition export --format json --output recognition.json", "Every recognition as JSON")
        ) { store, args in
            let year = args.int("year")
            let area = try args.string("in").map { try store.units.resolve($0, asOf: year.map(Day.endOfYear) ?? .programmeReference) }
            return try store.recognition.exportTable(year: year, in: area)
        }
    }
}
