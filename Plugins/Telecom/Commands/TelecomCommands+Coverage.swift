import NTMCore
import ShellKit

/// `telecom coverage` and `telecom gaps`: villages and households covered, and what is missing.
extension TelecomCommands {
    var coverage: CommandSpec {
        CommandSpec(
            "telecom coverage", summary: "Villages and households covered by a technology, by district, commune or village",
            description: """
                For each unit of a level within an area: villages, villages surveyed, villages with the technology
                (4G by default; a village with a later generation counts too), households, households in those
                villages, households with fixed broadband, and villages without signal. Each village counts its
                latest survey on or before the day; a district's and the province's figures are sums of villages
                and households, divided once — never an average of percentages. Across the 2025 mergers a new
                commune sums the villages of the communes it was formed from.
                """,
            parameters: [
                .option("by", .choice(["province", "district", "commune", "village"]), "The rows: one per unit of this level",
                        default: "the level below --in"),
                .option("in", unitType(), "The area: the province, a district or a commune", default: "the province"),
                .option("tech", .choice(TelecomCoverageReport.Technology.choices), "The technology counted", default: "4G"),
                .option("as-of", .date, "The day the evidence is read for", default: "the latest survey date"),
            ],
            examples: [
                .init("telecom coverage --by district", "Each district of the province, as of the latest survey"),
                .init("telecom coverage --in \"Tân Yên\" --tech 5G", "Communes of Tân Yên, with 5G"),
                .init("telecom coverage --by commune --as-of 2023-12-31 --format csv", "Every commune at the end of 2023, as CSV"),
            ]
        ) { context in
            try access(context).read { store in
                let (day, chosen) = try Self.asOf(context, store)
                let technology = context.arguments.string("tech").flatMap(TelecomCoverageReport.Technology.init(parsing:))
                    ?? .mobile(.g4)
                    if let report = try coverageAboveVillages(context, store, day: day, technology: technology) {
                        return .table(Self.table(report, dayChosen: chosen))
                    }
                    let index = try store.units.index()
                    let area = try area(context, index: index, day: day)
                let level = try context.arguments.string("by").map { try UnitLevel(parsing: $0) }
                    ?? Self.levelBelow(area, index: index, day: day)
                let report = try TelecomCoverageReport.build(store, index: index, area: area, level: level, day: day,
                                                             technology: technology)
                return .table(Self.table(report, dayChosen: chosen))
            }
        }
    }

    /// The report summed without the whole unit index (see `TelecomCoverageReport+VillageSums.swift`), or nil
    /// when it needs it: an area named by name (names resolve among every unit, villages included), village
    /// rows, or a village succession during the year. Errors are left to the whole-index path, which says them.
    func coverageAboveVillages(_ context: CommandContext, _ store: DomainStore, day: Day,
                               technology: TelecomCoverageReport.Technology) throws -> TelecomCoverageReport? {
        if let typed = context.arguments.string("in") {
            let text = typed.trimmingBlanks()
            let code = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !code.isEmpty, code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        }
        let index = try store.units.indexAboveVillages()
        guard let area = try? area(context, index: index, day: day) else { return nil }
        let level = try context.arguments.string("by").map { try UnitLevel(parsing: $0) }
            ?? Self.levelBelow(area, index: index, day: day)
        guard (try? TelecomCoverageReport.rowUnits(index: index, area: area, level: level, day: day)) != nil else { return nil }
        return try TelecomCoverageReport.buildSummingVillages(store, index: index, area: area, level: level, day: day,
                                                              technology: technology)
    }

    /// The rows' default level: districts of a province (communes once districts are gone), communes of a
    /// district, villages of a commune.
    static func levelBelow(_ area: Unit, index: UnitIndex, day: Day) -> UnitLevel {
        switch area.level {
        case .province: return index.units(on: day, level: .district).isEmpty ? .commune : .district
        case .district: return .commune
        case .commune, .village: return .village
        }
    }

    static func table(_ report: TelecomCoverageReport, dayChosen: Bool) -> ResultTable {
        let tech = report.technology.name
        var columns = [Column("code"), Column("unit")]
        if report.level != .province { columns.append(Column("place", heading: report.level == .village ? "commune" : "district")) }
        columns += [Column("villages", .integer), Column("surveyed", .integer),
                    Column("covered", .integer, heading: "with \(tech)"), Column("coverage", .percent(places: 1)),
                    Column("households", .integer), Column("households_covered", .integer, heading: "households with \(tech)"),
                    Column("broadband", .integer), Column("broadband_share", .percent(places: 1), heading: "broadband %"),
                    Column("no_signal", .integer, heading: "no signal")]
        let rows = report.rows.map { row -> [Cell] in
            let f = row.figures
            var cells: [Cell] = [.text(row.unit.code), .text(row.unit.name)]
            if report.level != .province { cells.append(.text(row.place)) }
            cells += [.integer(f.villages), .integer(f.surveyed), .integer(f.covered), .number(f.coverage),
                      .integer(f.households), .integer(f.householdsCovered), .integer(f.broadband), .number(f.broadbandShare),
                      .integer(f.noSignal)]
            return cells
        }
        var notes = ["as of \(report.day)" + (dayChosen ? " (the latest survey; --as-of to choose)" : "")
            + ": each village's latest survey on or before that day; coverage is over villages surveyed"]
        if report.level != report.area.level {
            let t = report.total.figures
            notes.append("total \(report.area.name): \(NumberText.grouped(t.covered)) of \(NumberText.grouped(t.surveyed)) surveyed villages "
                + "with \(tech) (\(NumberText.percent(t.coverage))), \(NumberText.grouped(t.householdsCovered)) of \(NumberText.grouped(t.households)) "
                + "households (\(NumberText.percent(t.householdCoverage))); \(NumberText.grouped(t.surveyed)) of \(NumberText.grouped(t.villages)) villages surveyed")
        }
        return ResultTable(columns: columns, rows: rows, notes: notes)
    }

    var gaps: CommandSpec {
        CommandSpec(
            "telecom gaps", summary: "Communes failing 8.1–8.3 and villages without signal, 4G or broadband, worst first",
            description: """
                Lists, worst first: rural communes whose evidence fails 8.1, 8.2 or 8.3 (most sub-indicators failed
                first, with what is missing), villages without signal (with the reason), villages without 4G, and
                villages with households lacking fixed broadband (most households first). Evidence is each village's
                latest survey and each commune's latest record on or before the day.
                """,
            parameters: [
                .option("in", unitType(), "Only within this district or commune", default: "the province"),
                .option("as-of", .date, "The day the evidence is read for", default: "the latest survey date"),
            ],
            examples: [
                .init("telecom gaps", "Everything missing in the province, as of the latest survey"),
                .init("telecom gaps --in \"Sơn Động\" --format csv", "The gaps of one district, as CSV"),
            ]
        ) { context in
            try access(context).read { store in
                let index = try store.units.index()
                let (day, chosen) = try Self.asOf(context, store)
                let area = try area(context, index: index, day: day)
                let gaps = try TelecomGaps.build(store, index: index, area: area, day: day)
                var notes = ["as of \(day)" + (chosen ? " (the latest survey; --as-of to choose)" : "")
                    + " in \(area.name)"]
                if gaps.unsurveyedVillages > 0 {
                    notes.append("\(NumberText.grouped(gaps.unsurveyedVillages)) village\(gaps.unsurveyedVillages == 1 ? " has" : "s have") no survey")
                }
                if gaps.communesWithoutEvidence > 0 {
                    notes.append("\(gaps.communesWithoutEvidence) of \(gaps.ruralCommunes) rural communes lack evidence "
                        + "for 8.1–8.3 ('telecom assess' says what)")
                }
                return .table(ResultTable(
                    columns: [Column("gap"), Column("code"), Column("unit"), Column("place"),
                              Column("households", .integer), Column("missing")],
                    rows: gaps.gaps.map { gap in
                        [.text(gap.kind.words), .text(gap.unit.code), .text(gap.unit.name), .text(gap.place),
                         .count(gap.households), .text(gap.detail)]
                    },
                    notes: notes))
            }
        }
    }
}
