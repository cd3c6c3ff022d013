import NTMCore
import ShellKit

/// `recognition set|list|summary|import`: NTM titles per unit and year.
extension ProgrammePlugin {
    var recognitionCommands: [CommandSpec] {
        [recognitionSet, recognitionList, recognitionSummary, recognitionImport, recognitionExport]
    }

    static var titleType: ValueType { .choice(RecognitionTitle.allCases.map(\.rawValue), placeholder: "LEVEL") }

    var recognitionSet: CommandSpec {
        CommandSpec(
            "recognition set", summary: "Recognise a unit for a year: standard, advanced, model or smart",
            description: "Communes: standard, advanced, model, smart. Villages: model, smart. Districts: standard.\nA model commune needs at least one smart village (recognised that year or before).",
            parameters: [
                .positional("unit", unitType, "Commune, village or district"),
                .positional("year", Self.yearType, "Year of the decision"),
                .positional("level", Self.titleType, "Recognition level"),
                .option("note", .text, "Decision number or remark"),
            ],
            mutates: true,
            examples: [
                .init("recognition set \"Phúc Hòa\" 2023 advanced", "Xã Phúc Hòa recognised advanced NTM in 2023"),
                .init("recognition set 07324 2024 model", "Refused unless a village of Phúc Hòa is a smart village"),
            ]
        ) { context in
            let args = context.arguments
            let year = args.int("year")!
            let (unit, changed) = try mutate(context) { store in
                let unit = try store.units.resolve(args.string("unit")!, asOf: Day.endOfYear(year))
                let title = try RecognitionTitle(parsing: args.string("level")!)
                return (unit, try store.recognition.set(unit: unit, year: year, title: title, note: args.string("note")))
            }
            return .message("\(changed ? "Recognised" : "Unchanged:") \(unit.name) (\(unit.code)) \(args.string("level")!) in \(year).")
        }
    }

    var recognitionList: CommandSpec {
        CommandSpec(
            "recognition list", summary: "Recognitions, filtered by area and year",
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
                    columns: [Column("year", .year), Column("code"), Column("unit"), Column("in"), Column("level"), Column("note")],
                    rows: list.map { item in
                        [.integer(item.year), .text(item.unit.code), .text(item.unit.name),
                         .text(index.placeName(of: item.unit)), .text(item.title.rawValue), .text(item.note)]
                    }
                ))
            }
        }
    }

    var recognitionSummary: CommandSpec {
        CommandSpec(
            "recognition summary", summary: "Counts and shares per recognition level",
            description: "Shares of communes are over rural communes (xã) only — never wards or townships\n(182 in the 2023 registry); the denominators are printed under the table.",
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
                    columns: [Column("level"), Column("recognition"), Column("count", .integer), Column("of", .integer),
                              Column("share", .percent(places: 1))],
                    rows: summary.rows.map { row in
                        [.text(row.level.rawValue), .text(row.title.rawValue), .integer(row.count), .integer(row.denominator),
                         .number(row.share)]
                    },
                    notes: levels.compactMap { summary.denominatorDefinitions[$0].map { "\($0)" } }
                ))
            }
        }
    }

    var recognitionImport: CommandSpec {
        importCommand(
            "recognition import", summary: "Import recognitions from CSV or JSON (all or nothing)",
            description: "CSV columns: unit,year,title[,note] (title: standard, advanced, model, smart); JSON: an array of\nobjects with the same keys. Villages are applied first, so a model commune and its smart village\ncan come in one file. Any bad row aborts the import with FILE:LINE, and nothing is written.",
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
