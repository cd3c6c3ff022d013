import NTMCore
import ShellKit

/// `criteria list|set|show|status|import`: the 19 national criteria (Decision 318/QĐ-TTg) per commune and year.
extension ProgrammePlugin {
    var criteriaCommands: [CommandSpec] {
        [criteriaList, criteriaSet, criteriaRemove, criteriaShow, criteriaStatus, criteriaImport, criteriaExport]
    }

    /// A programme year.
    static var yearType: ValueType {
        ValueType(name: "year", placeholder: "YEAR") { raw in
            guard raw.count == 4, let year = Int(raw), CriteriaBook.years.contains(year) else {
                throw ValueError("expected a year such as 2023")
            }
            return raw
        }
    }

    /// A criterion number (`8`) or sub-indicator (`8.4`).
    static var criterionType: ValueType {
        ValueType(name: "criterion", placeholder: "CRITERION") { raw in
            do { return try CriteriaCatalogue.parse(raw).id } catch { throw ValueError(error.domainMessage) }
        } complete: { prefix in
            CriteriaCatalogue.all.filter { $0.id.hasPrefix(prefix) }.map { Candidate($0.id, summary: $0.nameEnglish) }
        }
    }

    var criteriaList: CommandSpec {
        CommandSpec(
            "criteria list", summary: "The 19 national NTM criteria (with --all, their sub-indicators too)",
            parameters: [.flag("all", "Also list sub-indicators (8.1–8.4), each under its criterion")],
            examples: [
                .init("criteria list", "Number, names and group of the 19 criteria"),
                .init("criteria list --all", "With criterion 8's sub-indicators, such as 8.4 (IT in administration)"),
            ]
        ) { context in
            let all = context.arguments.flag("all")
            let listed = all ? CriteriaCatalogue.all : CriteriaCatalogue.criteria
            return .table(ResultTable(
                columns: [Column("id"), Column("criterion"), Column("tiêu chí"), Column("group"), Column("sub_indicators")],
                rows: listed.map { criterion in
                    let subs = criterion.isSubIndicator ? [] : CriteriaCatalogue.subIndicators(of: criterion.number)
                    return [.text(criterion.id), .text(criterion.nameEnglish), .text(criterion.nameVietnamese),
                            .text(criterion.group.nameEnglish), .text(subs.map(\.id).joined(separator: " "))]
                },
                notes: ["Decision 318/QĐ-TTg (2022): 19 criteria; a criterion with sub-indicators is derived from them once any is assessed (met when all the assessed ones are met); its direct result counts only while none is"]
                    + (all ? [] : ["criteria list --all also lists the sub-indicators"])
            ))
        }
    }

    var criteriaSet: CommandSpec {
        CommandSpec(
            "criteria set", summary: "Record whether a commune met a criterion in a year",
            description: "Criterion 8 is derived from its sub-indicators (8.1–8.4) once any is assessed: met when all the\nassessed ones are met. A direct result for 8 may be recorded before or after them; it is kept, and counts\nonly while no sub-indicator is assessed. The reply says which result counts.",
            parameters: [
                .positional("commune", UnitValueType.make(session: session, level: .commune), "Rural commune (xã)"),
                .positional("year", Self.yearType, "Year assessed"),
                .positional("criterion", Self.criterionType, "Criterion number or sub-indicator (8.4)"),
                .positional("result", .choice(["met", "unmet"]), "met or unmet"),
                .option("note", .text, "Why, or the evidence"),
            ],
            mutates: true,
            examples: [
                .init("criteria set \"Phúc Hòa\" 2023 8.4 met", "Criterion 8.4 (IT in administration) met in 2023"),
                .init("criteria set 07324 2023 10 unmet --note \"income 58m VND\"", "With a note"),
            ]
        ) { context in
            let args = context.arguments
            let year = args.int("year")!
            let (unit, criterion, changed, standing) = try mutate(context) { store in
                let unit = try store.units.resolve(args.string("commune")!, asOf: Day.endOfYear(year), level: .commune)
                let criterion = try CriteriaCatalogue.parse(args.string("criterion")!)
                let changed = try store.criteria.set(unit: unit, year: year, criterion: criterion,
                                                     met: args.string("result") == "met", note: args.string("note"))
                return (unit, criterion, changed, try store.criteria.result(of: unit, year: year, criterion: criterion.number))
            }
            let verb = changed ? "Recorded" : "Unchanged:"
            var text = "\(verb) \(unit.name) (\(unit.code)) \(year): criterion \(criterion.id) \(criterion.nameEnglish) — \(args.string("result")!)."
            if let standing { text += Self.derivationRemark(standing, after: criterion) }
            return .message(text)
        }
    }

    /// What a change means for a criterion with sub-indicators: which result now counts.
    static func derivationRemark(_ standing: CriterionResult, after changed: Criterion) -> String {
        let id = standing.criterion.id
        if let direct = standing.supersededDirect {
            let now = "Criterion \(id) is \(standing.text)"
            return changed.isSubIndicator
                ? "\n\(now); its direct result (\(direct.met ? "met" : "unmet")) is kept but does not count while a sub-indicator is assessed."
                : "\n\(now): the direct result is kept but counts only if the sub-indicators are removed (criteria remove)."
        }
        return changed.isSubIndicator ? "\nCriterion \(id) is now \(standing.text)." : ""
    }

    var criteriaRemove: CommandSpec {
        CommandSpec(
            "criteria remove", summary: "Remove a commune's result for a criterion in a year",
            description: "Removing every assessed sub-indicator of criterion 8 brings its direct result, if any, back into force.",
            parameters: [
                .positional("commune", UnitValueType.make(session: session, level: .commune), "Rural commune (xã)"),
                .positional("year", Self.yearType, "Year assessed"),
                .positional("criterion", Self.criterionType, "Criterion number or sub-indicator (8.4)"),
            ],
            mutates: true,
            examples: [.init("criteria remove \"Phúc Hòa\" 2023 8", "Drop a direct result for criterion 8")]
        ) { context in
            let args = context.arguments
            let year = args.int("year")!
            let (unit, criterion, removed, standing) = try mutate(context) { store in
                let unit = try store.units.resolve(args.string("commune")!, asOf: Day.endOfYear(year), level: .commune)
                let criterion = try CriteriaCatalogue.parse(args.string("criterion")!)
                let removed = try store.criteria.remove(unit: unit, year: year, criterion: criterion)
                return (unit, criterion, removed, try store.criteria.result(of: unit, year: year, criterion: criterion.number))
            }
            guard removed else {
                throw ShellError.failed("\(unit.name) (\(unit.code)) has no result for criterion \(criterion.id) in \(year)")
            }
            var text = "Removed \(unit.name) (\(unit.code)) \(year): criterion \(criterion.id) \(criterion.nameEnglish)."
            if let standing, standing.criterion.id != criterion.id { text += "\nCriterion \(standing.criterion.id) is now \(standing.text)." }
            return .message(text)
        }
    }

    var criteriaShow: CommandSpec {
        CommandSpec(
            "criteria show", summary: "A commune's assessment for a year, criterion by criterion",
            description: "A criterion with sub-indicators shows the result derived from them once any is assessed\n(`met (derived from 8.1, 8.4)`); a direct result it supersedes is named in the note.",
            parameters: [
                .positional("commune", UnitValueType.make(session: session, level: .commune), "Rural commune"),
                .positional("year", Self.yearType, "Year"),
            ],
            examples: [.init("criteria show \"Phúc Hòa\" 2023", "Met / not met / not assessed for each criterion")]
        ) { context in
            let args = context.arguments
            return try read { store in
                let year = args.int("year")!
                let unit = try store.units.resolve(args.string("commune")!, asOf: Day.endOfYear(year), level: .commune)
                let results = try store.criteria.results(of: unit, year: year)
                return .table(ResultTable(
                    title: "\(unit.name) (\(unit.code)), \(year)",
                    columns: [Column("id"), Column("criterion"), Column("result"), Column("note")],
                    rows: results.map { result in
                        var note = result.direct?.note
                        if let direct = result.supersededDirect {
                            note = "direct result \(direct.met ? "met" : "unmet") superseded by the sub-indicators"
                                + (direct.note.map { " (\($0))" } ?? "")
                        }
                        return [.text(result.criterion.id), .text(result.criterion.nameEnglish), .text(result.text), .text(note)]
                    }
                ))
            }
        }
    }

    var criteriaStatus: CommandSpec {
        CommandSpec(
            "criteria status", summary: "Criteria met per commune, and the average per commune",
            description: "Counts rural communes (xã) only. A criterion with sub-indicators is derived from them once any is\nassessed: met when all the assessed ones are met; its direct result counts only while none is. The province reported 17.1 of 19 on average in May 2023.",
            parameters: [
                .option("in", unitType, "Only communes in this unit", default: "the province"),
                .option("year", Self.yearType, "Year", default: "2023"),
            ],
            examples: [.init("criteria status --in \"Tân Yên\" --year 2023", "Tân Yên's communes in 2023")]
        ) { context in
            let args = context.arguments
            return try read { store in
                let year = args.int("year") ?? 2023
                let area = try args.string("in").map { try store.units.resolve($0, asOf: Day.endOfYear(year)) }
                let status = try store.criteria.status(in: area, year: year)
                var notes = [status.definition,
                             "criterion 8 counts as derived from its sub-indicators where any is assessed (criteria show says which)"]
                if let average = status.averageMet {
                    notes.insert("average: \(Renderer.formatDecimal(average, places: 1)) of 19 criteria met per assessed commune; \(status.meetingAll) of \(status.ruralCommunes) communes meet all 19", at: 0)
                }
                return .table(ResultTable(
                    columns: [Column("code"), Column("commune"), Column("district"), Column("assessed", .integer),
                              Column("met", .integer), Column("unmet")],
                    rows: status.communes.map { commune in
                        [.text(commune.unit.code), .text(commune.unit.name), .text(commune.placeName),
                         .integer(commune.assessed), .integer(commune.met),
                         .text(commune.unmet.map(String.init).joined(separator: " "))]
                    },
                    notes: notes
                ))
            }
        }
    }

    var criteriaImport: CommandSpec {
        importCommand(
            "criteria import", summary: "Import assessments from CSV or JSON (all or nothing)",
            description: "CSV columns: unit,year,criterion,met[,note] (unit: code or name; met: met/unmet, yes/no or 1/0);\nJSON: an array of objects with the same keys. A file may hold a direct result for 8 and its sub-indicators:\nboth are kept and the sub-indicators decide. Any bad row aborts the import with\nFILE:LINE: column 'x': reason, and nothing is written.",
            example: .init("criteria import assessments-2023.csv", "Load a year's assessments")
        ) { store, path, name in try store.criteria.importFile(path, name: name) }
    }

    var criteriaExport: CommandSpec {
        exportCommand(
            "criteria export", summary: "Stored assessments in the import's columns (use --format csv|json)",
            parameters: [.option("year", Self.yearType, "Only this year"), .option("in", unitType, "Only communes in this unit")],
            example: .init("criteria export --year 2023 --format csv --output assessments-2023.csv", "A year's assessments as CSV")
        ) { store, args in
            let year = args.int("year")
            let area = try args.string("in").map { try store.units.resolve($0, asOf: year.map(Day.endOfYear) ?? .programmeReference) }
            return try store.criteria.exportTable(year: year, in: area)
        }
    }
}
