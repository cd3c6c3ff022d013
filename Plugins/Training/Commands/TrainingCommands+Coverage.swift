import NTMCore
import ShellKit

/// `training coverage` and `training gaps`: who is trained, and who is not yet.
extension TrainingCommands {
    static var byType: ValueType { .choice(["province", "district", "commune"]) }

    var coverage: CommandSpec {
        CommandSpec(
            "training coverage", summary: "Officials trained, per unit: share of those registered and of the headcount",
            description: """
                For each unit of a level within an area, at the end of the year: the officials counted (by default NTM
                management officials; --measure commune-officials for officials of communes and their villages), how
                many of them are trained (a completed course on digital transformation; for commune officials, digital
                skills and information security), and two shares, said apart:
                  of registered  trained ÷ the officials in the registry
                  of headcount   trained ÷ the headcount recorded for the year (training headcount set), over the
                                 units that have one
                A district or province sums its own officials and everything below it — never an average of
                percentages. Officials count where they served on the year's last day; across the 2025 mergers a unit
                sums its predecessors. With --role only that role is counted (headcounts are not per role).
                """,
            parameters: [
                .option("by", Self.byType, "The rows: one per unit of this level", default: "the level below --in"),
                .option("in", unitType(), "The area: a province, district or commune", default: "the province"),
                .option("role", roleType, "Only officials with this role"),
                .option("year", Self.yearType, "The year (officials serving on its last day)", default: "the year of the latest completion"),
                .option("measure", Self.measureType, "Who is counted", default: "managers"),
            ],
            examples: [
                .init("training coverage --year 2024", "NTM managers trained, per district, at the end of 2024"),
                .init("training coverage --by commune --in \"Tân Yên\" --year 2024", "Per commune of Tân Yên"),
                .init("training coverage --measure commune-officials --role commune-cadre --format csv",
                      "Commune cadres trained in digital skills, as CSV"),
            ]
        ) { context in
            try access(context).read { store in
                let report = try buildReport(context, store)
                return .table(Self.coverageTable(report.report, yearChosen: report.chosen))
            }
        }
    }

    /// The report the arguments ask for.
    func buildReport(_ context: CommandContext, _ store: DomainStore, defaultLevel: UnitLevel? = nil) throws -> (report: CoverageReport, chosen: Bool) {
        let index = try store.units.index()
        let (year, chosen) = try Self.yearOrLatest(context, store)
        let day = Day.endOfYear(year)
        let area: Unit
        if context.arguments.has("in") {
            area = try resolveUnit(context, "in", on: day, index: index)
        } else {
            guard let province = index.units(on: day, level: .province).first else {
                throw ShellError.failed("no province is recorded on \(day)")
            }
            area = province
        }
        let level = context.arguments.string("by").flatMap(UnitLevel.init(rawValue:))
            ?? defaultLevel.map { max($0, area.level) } ?? (area.level == .province && index.units(on: day, level: .district).isEmpty == false ? .district : .commune)
        let measure = context.arguments.string("measure").flatMap(TrainingCensus.Measure.init(rawValue:)) ?? .managers
        let role = try Self.role(context, store)
        let census = try TrainingCensus.take(store, index: index, year: year)
        return (try CoverageReport.build(census, area: area, level: level, measure: measure, role: role), chosen)
    }

    static func coverageTable(_ report: CoverageReport, yearChosen: Bool) -> ResultTable {
        let isCommune = report.level == .commune
        var columns = [Column("code"), Column("unit")]
        if isCommune { columns.append(Column("district")) }
        columns += [Column("registered", .integer), Column("trained", .integer),
                    Column("of_registered", .percent(places: 1), heading: "of registered"),
                    Column("headcount", .integer), Column("of_headcount", .percent(places: 1), heading: "of headcount")]
        let census = report.census
        let who = (report.role.map { "\($0.name.lowercased()): " } ?? "") + report.measure.words
        var notes = ["\(who), serving on \(census.day)" + (yearChosen ? " (the year of the latest completion; --year to choose)" : "")]
        notes.append("of registered = trained ÷ officials in the registry; of headcount = trained ÷ the headcount recorded for "
            + "\(census.year), over the units that have one")
        if report.level != report.area.level {
            let total = report.total.sums
            var text = "total \(report.area.name): \(Figures.count(total.trained)) of \(Figures.count(total.registered)) registered trained "
                + "(\(Figures.percentText(total.shareOfRegistered)))"
            if let headcount = total.headcount {
                text += "; \(Figures.count(total.trainedInHeadcounted)) of a headcount of \(Figures.count(headcount)) "
                    + "(\(Figures.percentText(total.shareOfHeadcount)), \(total.headcountedUnits) unit\(total.headcountedUnits == 1 ? "" : "s") with a headcount)"
            } else if report.role == nil {
                text += "; no headcount recorded for \(census.year)"
            }
            notes.append(text)
        }
        if report.role != nil { notes.append("headcounts are not kept per role: of headcount is left empty") }
        let carried = census.carriedUp
        if carried.count > 0 {
            notes.append("\(Figures.count(carried.count)) official\(carried.count == 1 ? " is" : "s are") assigned to units dissolved before "
                + "\(census.day) without a successor (such as \(carried.example ?? "?")): counted in the unit above, as it is on that day; "
                + "move them to where they serve (training official move)")
        }
        let outdated = report.total.sums.headcountsBelowRegistry
        if outdated > 0 {
            notes.append("\(outdated) unit\(outdated == 1 ? " has" : "s have") more officials registered than its headcount for \(census.year): "
                + "update it (training headcount set)")
        }
        return ResultTable(columns: columns, rows: report.rows.map { row in
            var cells: [Cell] = [.text(row.unit.code), .text(row.unit.name)]
            if isCommune { cells.append(.text(row.place)) }
            cells += [.integer(row.sums.registered), .integer(row.sums.trained), .number(row.sums.shareOfRegistered),
                      .count(row.sums.headcount), .number(row.sums.shareOfHeadcount)]
            return cells
        }, notes: notes)
    }

    var gaps: CommandSpec {
        CommandSpec(
            "training gaps", summary: "Units furthest from 100% trained, worst first; or the untrained managers of a unit",
            description: """
                The units of a level within an area (default: the communes, wards and townships of the province) that
                are short of 100%, worst first, with how many officials are still to be trained: against the headcount
                where the unit has one (or the registry, when it holds more), else against the registry. With --names,
                the untrained officials themselves, by unit and name.
                """,
            parameters: [
                .option("in", unitType(), "The area", default: "the province"),
                .option("by", Self.byType, "The level of the units ranked", default: "commune"),
                .option("year", Self.yearType, "The year (officials serving on its last day)", default: "the year of the latest completion"),
                .option("measure", Self.measureType, "Who is counted", default: "managers"),
                .option("role", roleType, "Only officials with this role"),
                .flag("names", "List the untrained officials instead of the units"),
            ],
            examples: [
                .init("training gaps --year 2024", "Communes furthest from 100% of managers trained"),
                .init("training gaps --in \"Phúc Hòa\" --names --year 2024", "Phúc Hòa's managers not yet trained"),
            ]
        ) { context in
            try access(context).read { store in
                let (report, chosen) = try buildReport(context, store, defaultLevel: .commune)
                let census = report.census
                let yearNote = "serving on \(census.day)" + (chosen ? " (the year of the latest completion; --year to choose)" : "")
                if context.arguments.flag("names") {
                    let untrained = report.total.sums.untrained.sorted {
                        ($0.unit.code, NameFolding.fold($0.official.fullName)) < ($1.unit.code, NameFolding.fold($1.official.fullName))
                    }
                    return .table(ResultTable(
                        columns: [Column("no", .integer), Column("name"), Column("role"), Column("code"), Column("unit")],
                        rows: untrained.map { entry in
                            [.integer(Int(entry.official.id)), .text(entry.official.fullName), .text(entry.official.role),
                             .text(entry.unit.code), .text(entry.unit.name)]
                        },
                        notes: ["\(report.measure.words.replacing(" trained ", with: " not yet trained ")) within \(report.area.name), \(yearNote)"]))
                }
                let short = report.rows.compactMap { row -> (CoverageReport.Row, share: Double, needed: Int)? in
                    let sums = row.sums
                    let denominator = sums.denominator
                    guard denominator > 0, sums.trained < denominator else { return nil }
                    return (row, 100 * Double(sums.trained) / Double(denominator), denominator - sums.trained)
                }.sorted { a, b in
                    a.share != b.share ? a.share < b.share : (a.needed != b.needed ? a.needed > b.needed : a.0.unit.code < b.0.unit.code)
                }
                let none = report.rows.filter { $0.sums.denominator == 0 }.count
                var notes = ["\(report.measure.words), \(yearNote); share = trained ÷ the headcount where recorded (or the "
                    + "registry, when it holds more), else ÷ the registry"]
                if !short.isEmpty { notes.append("\(Figures.count(short.map(\.needed).reduce(0, +))) still to be trained in \(short.count) unit\(short.count == 1 ? "" : "s")") }
                if none > 0 { notes.append("\(none) of \(report.rows.count) units have no officials registered and no headcount") }
                var columns = [Column("code"), Column("unit")]
                if report.level == .commune { columns.append(Column("district")) }
                columns += [Column("trained", .integer), Column("of", .integer), Column("share", .percent(places: 1)),
                            Column("to_train", .integer, heading: "to train")]
                return .table(ResultTable(columns: columns, rows: short.map { item in
                    var cells: [Cell] = [.text(item.0.unit.code), .text(item.0.unit.name)]
                    if report.level == .commune { cells.append(.text(item.0.place)) }
                    cells += [.integer(item.0.sums.trained), .integer(item.0.sums.denominator), .number(item.share), .integer(item.needed)]
                    return cells
                }, notes: notes))
            }
        }
    }
}
