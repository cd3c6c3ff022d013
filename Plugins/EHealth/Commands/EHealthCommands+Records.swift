import NTMCore
import ShellKit

/// `ehr set` and `ehr show`: the figures of one commune-level unit.
extension EHealthCommands {
    var set: CommandSpec {
        CommandSpec(
            "ehr set", summary: "Record a commune's residents and health-record figures for a period",
            description: """
                Records the figures of a commune, ward or township for a period: residents, residents with an
                electronic health record (hồ sơ sức khỏe điện tử — not a hospital's EMR), and optionally insured
                residents and the children under 5 and stunted children under 5 of criterion 15. Figures given
                replace the stored ones; optional figures not given are kept. Refused, with the reason, when
                residents with a record or insured residents exceed residents, or stunted children exceed children
                under 5, or when a figure exceeds 10,000,000 (fifty times the largest ward: a typing or file error).
                District and province figures are not entered: they are the sums of their communes.
                """,
            parameters: [
                .positional("unit", unitType(level: .commune), "Commune, ward or township: code or name"),
                .positional("period", .period, "The period the figures describe: 2023, 2023Q2 or 2023-05"),
                .option("residents", .count, "Resident population", required: true),
                .option("with-ehr", .count, "Residents with an electronic health record", required: true),
                .option("insured", .count, "Residents with health insurance"),
                .option("under5", .count, "Children under 5"),
                .option("stunted-under5", .count, "Stunted children under 5, height for age (needs --under5)"),
            ],
            mutates: true,
            examples: [
                .init("ehr set \"Phúc Hòa\" 2023 --residents 9120 --with-ehr 8760 --insured 8650",
                      "Xã Phúc Hòa (Tân Yên) for the year 2023"),
                .init("ehr set 07561 2023-05 --residents 11240 --with-ehr 10790 --under5 870 --stunted-under5 96",
                      "Xã Hồng Giang by code, for May 2023, with the criterion 15 inputs"),
            ]
        ) { context in
            let access = try access(context)
            let period = try Self.period(context)!
            let update = FiguresUpdate(
                residents: context.arguments.int("residents"), withRecord: context.arguments.int("with-ehr"),
                insured: context.arguments.int("insured"), underFive: context.arguments.int("under5"),
                stuntedUnderFive: context.arguments.int("stunted-under5"))
            let index = try access.read { try $0.units.index() }
            let unit = try resolveUnit(context, "unit", period: period, index: index)
            guard unit.level == .commune else {
                throw ShellError.failed("\(unit.name) (\(unit.code)) is a \(unit.level.rawValue): figures are recorded "
                    + "per commune, ward or township, and \(unit.level.rawValue) figures are their sums",
                    at: context.arguments.word(for: "unit"))
            }
            let figures: HealthRecordFigures, change: HealthRecordBook.Change
            do {
                (figures, change) = try access.mutate { store -> (HealthRecordFigures, HealthRecordBook.Change) in
                    let book = store.healthRecords
                    let stored = try book.record(unitID: unit.id, period: period)
                    let figures = stored.map { $0.figures.merging(update) } ?? update.asNewFigures()!
                    return (figures, try book.write(figures, unit: unit, period: period, source: .entered, stored: .some(stored)))
                }
            } catch let violation as HealthRecordFigures.Violation {
                // Point at the option whose figure breaks the rule.
                let option = String(violation.field.option.dropFirst(2))
                throw ShellError.failed("refused: \(violation.reason)", at: context.arguments.word(for: option))
            }
            return .message(Self.describe(change, figures, unit: unit, period: period))
        }
    }

    /// `Recorded Xã Phúc Hòa (07324) for 2023: 9,120 residents, 8,760 with an EHR (96.1%).`
    static func describe(_ change: HealthRecordBook.Change, _ figures: HealthRecordFigures, unit: Unit, period: Period) -> String {
        // No residents, no coverage: say so rather than print a percentage of nothing.
        let summary = "\(NumberText.grouped(figures.residents)) residents, \(NumberText.grouped(figures.withRecord)) with an EHR "
            + (figures.coverage.map { "(\(NumberText.percent($0)))" } ?? "(no coverage without residents)")
        switch change {
        case .added:
            return "Recorded \(unit.name) (\(unit.code)) for \(period): \(summary)."
        case .changed(let before):
            let changes = HealthRecordFigures.Field.allCases.compactMap { field -> String? in
                guard before[field] != figures[field] else { return nil }
                return "\(field.words) \(before[field].map(NumberText.grouped) ?? "—") → \(figures[field].map(NumberText.grouped) ?? "—")"
            }
            return "Updated \(unit.name) (\(unit.code)) for \(period): \(changes.joined(separator: ", ")); now \(summary)."
        case .unchanged:
            return "\(unit.name) (\(unit.code)) already has these figures for \(period): nothing changed."
        }
    }

    var show: CommandSpec {
        CommandSpec(
            "ehr show", summary: "Show the figures recorded for a commune, period by period",
            description: """
                Lists every period recorded for a commune, ward or township, oldest first, with where the figures
                came from (entered, a figures file, or a person-level export).
                """,
            parameters: [
                .positional("unit", unitType(level: .commune), "Commune, ward or township: code or name"),
            ],
            examples: [
                .init("ehr show \"Phúc Hòa\"", "Every period recorded for Xã Phúc Hòa"),
                .init("ehr show 07561 --format csv", "The same for Xã Hồng Giang, as CSV"),
            ]
        ) { context in
            let access = try access(context)
            return try access.read { store in
                let index = try store.units.index()
                let unit = try resolveUnit(context, "unit", period: .year(Day.programmeReference.year), index: index)
                let history = try store.healthRecords.history(unitID: unit.id)
                let place = index.placeName(of: unit).map { ", \($0)" } ?? ""
                return .table(ResultTable(
                    title: "\(unit.name) (\(unit.code)\(place))",
                    columns: [
                        Column("period"), Column("residents", .integer), Column("with_ehr", .integer, heading: "with EHR"),
                        Column("coverage", .percent(places: 1)), Column("insured", .integer),
                        Column("under5", .integer, heading: "under 5"),
                        Column("stunted_under5", .integer, heading: "stunted under 5"), Column("source"),
                    ],
                    rows: history.map { record in
                        let f = record.figures
                        return [.text(record.period.description), .integer(f.residents), .integer(f.withRecord),
                                .number(f.coverage), .count(f.insured), .count(f.underFive), .count(f.stuntedUnderFive),
                                .text(record.source.rawValue)]
                    },
                    notes: history.isEmpty ? ["no figures recorded for this unit: 'ehr set' or 'ehr import' them"] : []))
            }
        }
    }
}
