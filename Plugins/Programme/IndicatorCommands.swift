import NTMCore
import ShellKit

/// `indicator list`, `target list|set|remove`, `progress`: the plan's targets and where the province stands.
extension ProgrammePlugin {
    var indicatorCommands: [CommandSpec] {
        [indicatorList, indicatorShow, targetList, targetSet, targetRemove, progress]
    }

    /// An indicator id, completed from the registered indicators.
    var indicatorType: ValueType {
        .entity("indicator", placeholder: "INDICATOR") { prefix in
            let all = (try? session.workspace().indicators.all) ?? []
            return all.filter { $0.id.hasPrefix(prefix) }.map { Candidate($0.id, summary: $0.name) }
        }
    }

    /// `commune` (a level) or a unit: where a target applies.
    static func scope(_ text: String, store: DomainStore) throws -> TargetScope {
        if let level = UnitLevel(rawValue: text.lowercased()) { return .level(level) }
        return .unit(try store.units.resolve(text).code)
    }

    static func format(_ number: Double?, _ unit: IndicatorUnit) -> String {
        guard let number else { return "" }
        return unit == .percent ? Renderer.formatDecimal(number, places: 1) + "%" : Renderer.formatDecimal(number, places: 0)
    }

    var indicatorList: CommandSpec {
        CommandSpec(
            "indicator list", summary: "Indicators the modules compute (numerator/denominator, on read)",
            examples: [.init("indicator list", "Ids, names, units and definitions")]
        ) { _ in
            let indicators = try session.workspace().indicators.all
            return .table(ResultTable(
                columns: [Column("id"), Column("name"), Column("unit"), Column("aggregation"), Column("definition")],
                rows: indicators.map { [.text($0.id), .text($0.name), .text($0.unit.rawValue), .text($0.aggregation.rawValue), .text($0.definition)] }
            ))
        }
    }

    var indicatorShow: CommandSpec {
        CommandSpec(
            "indicator show", summary: "An indicator's value for a unit and period, and its breakdown",
            parameters: [
                .positional("indicator", indicatorType, "Indicator id"),
                .option("in", unitType, "Unit", default: "the province"),
                .option("period", .period, "Period", default: "2023"),
                .option("by", Self.levelType, "Break down by units of this level"),
            ],
            examples: [.init("indicator show ntm.criterion_8_4 --by district --period 2023", "Criterion 8.4 per district")]
        ) { context in
            let args = context.arguments
            return try read { store in
                let indicator = try store.workspace.indicators.indicator(args.string("indicator")!)
                let period = try Period(parsing: args.string("period") ?? "2023")
                let unit = try store.units.resolve(args.string("in") ?? "24", asOf: period.end)
                let by = try args.string("by").map(UnitLevel.init(parsing:))
                // Figures recorded per commune need no village in memory (see IndicatorBoard.index(for:unit:breakdown:)).
                let index = try store.indicators.index(for: [indicator], unit: unit, breakdown: by)
                var units = [unit]
                if let by {
                    units += try store.indicators.members(of: unit, period: period, level: by, index: index)
                }
                // The total and its breakdown in one batch: the indicator reads its data once for all rows.
                let readings = try store.indicators.readings(units.map { IndicatorBoard.Request(indicator.id, for: $0, period: period) },
                                                             index: index)
                return .table(ResultTable(
                    title: "\(indicator.name) (\(indicator.id)), \(period)",
                    columns: [Column("code"), Column("unit"), Column("numerator", .decimal(places: 0)),
                              Column("denominator", .decimal(places: 0)), Column("value", indicator.unit == .percent ? .percent(places: 1) : .decimal(places: 0))],
                    rows: readings.map { reading in
                        [.text(reading.unit.code), .text(index.periodVersion(of: reading.unit, during: period).name),
                         .number(reading.value?.numerator), .number(reading.value?.denominator), .number(reading.number)]
                    },
                    notes: [indicator.definition]
                        + [index.mergerNote(for: unit, named: index.periodVersion(of: unit, during: period), during: period)]
                            .compactMap { $0 }
                ))
            }
        }
    }

    var targetList: CommandSpec {
        CommandSpec(
            "target list", summary: "Targets: indicator × scope × year → threshold",
            parameters: [
                .option("indicator", indicatorType, "Only this indicator"),
                .option("year", Self.yearType, "Only this year"),
            ],
            examples: [.init("target list --year 2025", "The plan's 2025 targets")]
        ) { context in
            let args = context.arguments
            return try read { store in
                let targets = try store.targets.list(indicator: args.string("indicator"), year: args.int("year"))
                let catalog = store.workspace.indicators
                return .table(ResultTable(
                    columns: [Column("indicator"), Column("scope"), Column("year", .year), Column("target"), Column("source"), Column("note")],
                    rows: try targets.map { target -> [Cell] in
                        let unit = catalog[target.indicatorID]?.unit ?? .count
                        return [.text(target.indicatorID), .text(try store.targets.scopeText(target)), .integer(target.year),
                                .text(target.direction.symbol + " " + Self.format(target.threshold, unit)),
                                .text(target.source), .text(target.definition.note)]
                    }
                ))
            }
        }
    }

    var targetSet: CommandSpec {
        CommandSpec(
            "target set", summary: "Set a target for an indicator, scope and year",
            description: "SCOPE is a level (province, district, commune, village: what is recorded at that level) or one\nunit (rolled up over everything below it).",
            parameters: [
                .positional("indicator", indicatorType, "Indicator id"),
                .positional("scope", .text, "A level or a unit"),
                .positional("year", Self.yearType, "Target year"),
                .positional("threshold", .decimal, "Threshold (a percentage for % indicators)"),
                .option("direction", .choice(TargetDirection.allCases.map(\.rawValue)), "Whether the value must reach or stay under the threshold", default: "at_least"),
                .option("note", .text, "Source of the target"),
            ],
            mutates: true,
            examples: [
                .init("target set ehr.coverage province 2025 97 --note \"provincial health plan\"", "Raise the e-health target"),
                .init("target set ntm.smart_communes \"Tân Yên\" 2025 3", "A district's own target"),
            ]
        ) { context in
            let args = context.arguments
            let (target, scopeText) = try mutate(context) { store in
                _ = try store.workspace.indicators.indicator(args.string("indicator")!)
                let target = try store.targets.set(TargetDefinition(
                    indicatorID: args.string("indicator")!, scope: try Self.scope(args.string("scope")!, store: store),
                    year: args.int("year")!, threshold: args.double("threshold")!,
                    direction: try args.string("direction").map(TargetDirection.init(parsing:)) ?? .atLeast,
                    note: args.string("note")))
                return (target, try store.targets.scopeText(target))
            }
            return .message("Target: \(target.indicatorID), \(scopeText), \(target.year): \(target.direction.symbol) \(Renderer.formatDecimal(target.threshold, places: 1, trim: true)).")
        }
    }

    var targetRemove: CommandSpec {
        CommandSpec(
            "target remove", summary: "Remove a target",
            parameters: [
                .positional("indicator", indicatorType, "Indicator id"),
                .positional("scope", .text, "A level or a unit"),
                .positional("year", Self.yearType, "Target year"),
            ],
            mutates: true,
            examples: [.init("target remove ntm.smart_communes \"Tân Yên\" 2025", "Drop a district's own target")]
        ) { context in
            let args = context.arguments
            try mutate(context) { store in
                try store.targets.remove(indicator: args.string("indicator")!, scope: try Self.scope(args.string("scope")!, store: store),
                                         year: args.int("year")!)
            }
            return .message("Removed the target.")
        }
    }

    var progress: CommandSpec {
        CommandSpec(
            "progress", summary: "The dashboard: every target with its current value, gap and status",
            description: "One line per target: the indicator's current value computed from stored data (numerators and\ndenominators summed over units, never averaged percentages), the threshold, the gap, and met /\nbehind / no data. On a terminal a bar shows how close each value is. Units are named as they were in\nthe target's year (the 2025 plan is Tỉnh Bắc Giang's), with a note where a merger changes what a row covers.",
            parameters: [
                .option("year", Self.yearType, "Target year", default: "2025"),
                .option("in", unitType, "Area to compute for", default: "the province"),
            ],
            examples: [.init("progress", "Where the province stands against the 2025 plan"), .init("progress --in \"Tân Yên\" --year 2024", "The same for one district (districts ended on 2025-06-30)")]
        ) { context in
            let args = context.arguments
            return try read { store in
                let year = args.int("year") ?? 2025
                let area = try args.string("in").map { try store.units.resolve($0, asOf: Day.endOfYear(year)) }
                let rows = try store.progress(year: year, in: area)
                var mergerNotes: [String] = []
                for note in rows.compactMap(\.mergerNote) where !mergerNotes.contains(note) { mergerNotes.append(note) }
                let areaName = try area.map { try store.units.index().periodVersion(of: $0, during: .year(year)).name }
                return .table(ResultTable(
                    title: "Progress towards the \(year) targets" + (areaName.map { " in \($0)" } ?? ""),
                    columns: [Column("indicator"), Column("scope"), Column("value", .decimal(places: 1)), Column("unit"),
                              Column("numerator", .decimal(places: 0)), Column("denominator", .decimal(places: 0)),
                              Column("direction"), Column("target", .decimal(places: 1)), Column("gap", .decimal(places: 1)),
                              Column("status"), Column("bar", .bar)],
                    rows: rows.map { row in
                        let fraction = row.current.map { row.target.threshold > 0 ? min($0 / row.target.threshold, 1) : 1 }
                        return [.text(row.indicator.id), .text(row.scopeText), .number(row.current),
                                .text(row.indicator.unit == .percent ? "%" : "count"),
                                .number(row.value?.numerator), .number(row.value?.denominator),
                                .text(row.target.direction.symbol), .number(row.target.threshold), .number(row.gap),
                                .text(row.note.map { "\(row.status.rawValue): \($0)" } ?? row.status.rawValue),
                                .number(fraction)]
                    },
                    notes: ["values are computed from stored data when asked: numerators and denominators are summed over units, never averaged"]
                        + mergerNotes
                ))
            }
        }
    }
}
