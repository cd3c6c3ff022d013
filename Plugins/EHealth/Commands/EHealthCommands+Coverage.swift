import NTMCore
import ShellKit

/// `ehr coverage` and `ehr gaps`: how many residents have a record, and where more are needed.
extension EHealthCommands {
    static var byType: ValueType { .choice(["province", "district", "commune"]) }

    var coverage: CommandSpec {
        CommandSpec(
            "ehr coverage", summary: "Residents with an electronic health record, by province, district or commune",
            description: """
                Residents, residents with an electronic health record, and coverage, for each unit of a level within
                an area. A district's and the province's figures are sums of their communes' residents and records
                (never an average of percentages); wards and townships count, since the record is for everyone. For
                a year, each commune's latest figures within it are used, so monthly figures are not added up.
                Across the 2025 mergers a new unit sums its predecessors.
                """,
            parameters: [
                .option("by", Self.byType, "The rows: one per unit of this level", default: "the level below --in"),
                .option("in", unitType(), "The area: a province, district or commune", default: "the province"),
                .option("period", .period, "2023, 2023Q2 or 2023-05", default: "the year of the latest figures"),
                .option("below", .percent, "Only rows with coverage below this percentage"),
            ],
            examples: [
                .init("ehr coverage --by district --period 2023", "Each district of the province in 2023"),
                .init("ehr coverage --in \"Tân Yên\" --below 95", "Communes of Tân Yên under 95%"),
                .init("ehr coverage --by province --format csv", "The province's total, for a spreadsheet"),
            ]
        ) { context in
            try access(context).read { store in
                let index = try store.units.index()
                let (period, chosen) = try Self.periodOrLatest(context, store)
                let area = try area(context, index: index, period: period)
                let level = context.arguments.string("by").flatMap(UnitLevel.init(rawValue:))
                    ?? (area.level == .province ? .district : .commune)
                let report = try CoverageReport.build(store, index: index, area: area, level: level, period: period)
                let below = context.arguments.double("below")
                return .table(Self.table(report, below: below, periodChosen: chosen))
            }
        }
    }

    /// The `--in` unit, or the province valid at the end of the period.
    func area(_ context: CommandContext, index: UnitIndex, period: Period) throws -> Unit {
        if context.arguments.has("in") {
            return try resolveUnit(context, "in", period: period, index: index)
        }
        guard let province = index.units(on: period.end, level: .province).first
                ?? index.units(on: period.start, level: .province).first else {
            throw ShellError.failed("no province is recorded for \(period)")
        }
        return province
    }

    static func table(_ report: CoverageReport, below: Double?, periodChosen: PeriodChoice) -> ResultTable {
        let isCommune = report.level == .commune
        var columns = [Column("code"), Column("unit")]
        columns += isCommune
            ? [Column("district")]
            : [Column("communes", .integer), Column("reporting", .integer)]
        columns += [Column("residents", .integer), Column("with_ehr", .integer, heading: "with EHR"),
                    Column("coverage", .percent(places: 1)), Column("bar", .bar, heading: "")]
        let rows = report.rows.filter { row in
            guard let below else { return true }
            return row.coverage.map { $0 < below } ?? false
        }
        var notes: [String] = []
        let rowsText = report.level == report.area.level
            ? report.area.name
            : "\(report.level.rawValue)-level units in \(report.area.name)"
        notes.append("\(report.period)\(periodChosen.note): "
            + "\(rowsText) as on \(report.day); each commune's latest figures within the period")
        if report.level != report.area.level {
            let total = report.total
            if let residents = total.residents, let withRecord = total.withRecord {
                notes.append("total \(report.area.name): \(NumberText.grouped(residents)) residents, "
                    + "\(NumberText.grouped(withRecord)) with an EHR (\(NumberText.percent(total.coverage))), "
                    + "\(total.reporting) of \(total.communes) communes, wards and townships reporting")
            } else {
                notes.append("total \(report.area.name): no figures; none of its \(total.communes) communes, wards and "
                    + "townships reported for \(report.period)")
            }
        }
        if let mergerNote = report.mergerNote { notes.append(mergerNote) }
        let missing = report.rows.filter { $0.residents == nil }.count
        if missing > 0 && below == nil {
            notes.append("\(missing) row\(missing == 1 ? " has" : "s have") no figures for \(report.period)")
        }
        if let below { notes.append("only rows below \(Self.percentText(below))") }
        return ResultTable(columns: columns, rows: rows.map { row in
            var cells: [Cell] = [.text(row.unit.code), .text(row.unit.name)]
            cells += isCommune ? [.text(row.place)] : [.integer(row.communes), .integer(row.reporting)]
            cells += [.count(row.residents), .count(row.withRecord), .number(row.coverage),
                      .number(row.coverage.map { $0 / 100 })]
            return cells
        }, notes: notes)
    }

    var gaps: CommandSpec {
        CommandSpec(
            "ehr gaps", summary: "Communes below the coverage target, worst first, with the records still needed",
            description: """
                The communes, wards and townships whose coverage is below a threshold — by default the ehr.coverage
                target for the period's year (or the next year that has one) — worst first, with how many more
                residents need an electronic health record to reach it. Units without figures are counted in a note.
                """,
            parameters: [
                .option("below", .percent, "The threshold", default: "the ehr.coverage target"),
                .option("period", .period, "2023, 2023Q2 or 2023-05", default: "the year of the latest figures"),
                .option("in", unitType(), "Only units within this district (or province)", default: "the province"),
            ],
            examples: [
                .init("ehr gaps --period 2023", "Communes under the 2025 target of 95%, worst first"),
                .init("ehr gaps --below 98 --in \"Lục Ngạn\"", "Communes of Lục Ngạn under 98%"),
            ]
        ) { context in
            try access(context).read { store in
                let index = try store.units.index()
                let (period, chosen) = try Self.periodOrLatest(context, store)
                let area = try area(context, index: index, period: period)
                let threshold = try Self.threshold(context, store, period: period)
                let report = try CoverageReport.build(store, index: index, area: area, level: .commune, period: period)
                return .table(Self.gapsTable(report, threshold: threshold, periodChosen: chosen))
            }
        }
    }

    /// `--below`, or the ehr.coverage target of the period's year (else the nearest later year, else
    /// the latest earlier one), with words saying which.
    static func threshold(_ context: CommandContext, _ store: DomainStore, period: Period) throws -> (value: Double, source: String) {
        if let below = context.arguments.double("below") { return (below, "--below") }
        let targets = try store.targets.list(indicator: EHealthIndicators.coverage.id)
        let year = period.year
        let chosenYear = targets.map(\.year).filter { $0 >= year }.min() ?? targets.map(\.year).max()
        guard let chosenYear else {
            throw ShellError.failed("no ehr.coverage target is set: give a threshold with --below (or 'target set ehr.coverage ...')")
        }
        let ofYear = targets.filter { $0.year == chosenYear }
        let target = ofYear.first { $0.scope == .level(.commune) } ?? ofYear.first { if case .unit = $0.scope { return true } else { return false } }
            ?? ofYear[0]
        return (target.threshold, "the ehr.coverage target for \(chosenYear)")
    }

    static func gapsTable(_ report: CoverageReport, threshold: (value: Double, source: String), periodChosen: PeriodChoice) -> ResultTable {
        let below = report.rows.filter { row in row.coverage.map { $0 < threshold.value } ?? false }
        let needed = below.map { Ratio.shortfall($0.withRecord!, of: $0.residents!, toReach: threshold.value) }
        let order = below.indices.sorted { a, b in
            let (ca, cb) = (below[a].coverage!, below[b].coverage!)
            return ca != cb ? ca < cb : (needed[a] != needed[b] ? needed[a] > needed[b] : below[a].unit.code < below[b].unit.code)
        }
        let withoutFigures = report.rows.filter { $0.residents == nil }.count
        var notes = ["\(report.period)\(periodChosen.note): below \(percentText(threshold.value)) (\(threshold.source))"]
        if !below.isEmpty {
            notes.append("\(NumberText.grouped(needed.reduce(0) { $0.addingReportingOverflow($1).overflow ? Int.max : $0 + $1 })) more residents need a record in \(below.count) "
                + "unit\(below.count == 1 ? "" : "s")")
        }
        if withoutFigures > 0 {
            notes.append("\(withoutFigures) of \(report.rows.count) communes, wards and townships have no figures for \(report.period)")
        }
        return ResultTable(
            columns: [Column("code"), Column("unit"), Column("district"), Column("residents", .integer),
                      Column("with_ehr", .integer, heading: "with EHR"), Column("coverage", .percent(places: 1)),
                      Column("needed", .integer)],
            rows: order.map { i in
                let row = below[i]
                return [.text(row.unit.code), .text(row.unit.name), .text(row.place), .count(row.residents),
                        .count(row.withRecord), .number(row.coverage), .integer(needed[i])]
            },
            notes: notes)
    }

    /// `95%`, `95.8%`.
    static func percentText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))%" : "\(value)%"
    }
}
