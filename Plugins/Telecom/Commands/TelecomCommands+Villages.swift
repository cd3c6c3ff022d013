import NTMCore
import ShellKit

/// `telecom village set` and `telecom village show`: what surveys found in one village.
extension TelecomCommands {
    var villageSet: CommandSpec {
        CommandSpec(
            "telecom village set", summary: "Record what a survey found in a village on a date",
            description: """
                Records a village's telecom evidence on a survey date: mobile service per generation and operator,
                whether fibre reaches it, households and households with a fixed broadband subscription, whether the
                commune radio's loudspeakers reach it, and the no-signal flag (thôn lõm sóng) with its reason. Flags
                given replace; flags not given are kept from the village's previous survey, so a survey of fibre
                alone need not repeat the rest. Operators are names separated by commas (none for no operator);
                --no-signal none clears the flag. Refused, with the reason, when broadband households exceed
                households or a no-signal village has mobile service. Villages are the core's units
                (unit add CODE NAME --in COMMUNE).
                """,
            parameters: [
                .positional("village", unitType(level: .village), "The village: code or name (Thôn Đông (Phúc Hòa))"),
                .positional("date", .date, "The survey date, YYYY-MM-DD"),
                .option("2g", operatorsType, "Operators with 2G service (or none)"),
                .option("3g", operatorsType, "Operators with 3G service (or none)"),
                .option("4g", operatorsType, "Operators with 4G service (or none)"),
                .option("5g", operatorsType, "Operators with 5G service (or none)"),
                .option("fibre", Self.yesNo, "Whether fibre reaches the village"),
                .option("households", .count, "Households in the village"),
                .option("broadband", .count, "Households with a fixed broadband subscription"),
                .option("loudspeaker", Self.yesNo, "Whether the commune radio's loudspeakers reach the village"),
                .option("no-signal", .choice(NoSignalReason.allCases.map(\.rawValue) + ["none"]),
                        "Flag the village as without signal, with the reason (none clears the flag)"),
            ],
            mutates: true,
            examples: [
                .init("telecom village set 0732401 2023-11-15 --4g viettel,vinaphone --fibre yes --households 212 --broadband 120 --loudspeaker yes",
                      "A full survey of Thôn Đông (Phúc Hòa)"),
                .init("telecom village set \"Thôn Đông\" 2024-06-01 --broadband 150", "A later survey: only broadband changed"),
                .init("telecom village set 0732402 2023-11-15 --no-signal terrain --4g none --households 48",
                      "A village without signal, behind a hill"),
            ]
        ) { context in
            let access = try access(context)
            let day = try Self.day(context, "date")!
            let (index, operators) = try access.read { store in (try store.units.index(), try store.telecomOperators.lookup()) }
            let unit = try resolveUnit(context, "village", on: day, index: index, level: .village)
            var update = VillageUpdate()
            for generation in Generation.allCases {
                if let list = try Self.parsing(context, generation.key, operators.parseList) { update.mobile[generation] = list }
            }
            update.fibre = Self.yesNo(context, "fibre")
            update.households = context.arguments.int("households")
            update.broadband = context.arguments.int("broadband")
            update.loudspeaker = Self.yesNo(context, "loudspeaker")
            if let flag = context.arguments.string("no-signal") {
                update.noSignal = .init(reason: NoSignalReason(rawValue: flag))
            }
            guard !update.isEmpty else {
                throw ShellError.usage("nothing to record: give at least one of --2g, --3g, --4g, --5g, --fibre, "
                    + "--households, --broadband, --loudspeaker, --no-signal")
            }
            let (evidence, change, previous) = try access.mutate { store -> (VillageEvidence, EvidenceChange<VillageEvidence>, Day?) in
                let book = store.villageSurveys
                let base = try book.latest(unitID: unit.id, onOrBefore: day)
                let evidence = (base?.evidence ?? VillageEvidence()).merging(update)
                let change = try book.write(evidence, unit: unit, on: day, source: .entered)
                return (evidence, change, base.flatMap { $0.date == day ? nil : $0.date })
            }
            return .message(Self.describe(change, evidence, unit: unit, day: day, keptFrom: previous))
        }
    }

    /// `Recorded Thôn Đông (0732401) on 2023-11-15: 4G Viettel, VinaPhone; fibre; ...`
    static func describe(_ change: EvidenceChange<VillageEvidence>, _ evidence: VillageEvidence, unit: Unit, day: Day,
                         keptFrom previous: Day?) -> String {
        let kept = previous.map { " (the rest kept from \($0))" } ?? ""
        switch change {
        case .added:
            return "Recorded \(unit.name) (\(unit.code)) on \(day): \(evidence.summary)\(kept)."
        case .changed(let before):
            return "Updated \(unit.name) (\(unit.code)) on \(day): was \(before.summary); now \(evidence.summary)."
        case .unchanged:
            return "\(unit.name) (\(unit.code)) already has this evidence on \(day): nothing changed."
        }
    }

    var villageShow: CommandSpec {
        CommandSpec(
            "telecom village show", summary: "Show every survey of a village, oldest first",
            parameters: [
                .positional("village", unitType(level: .village), "The village: code or name"),
            ],
            examples: [
                .init("telecom village show 0732401", "Every survey of Thôn Đông (Phúc Hòa)"),
            ]
        ) { context in
            try access(context).read { store in
                let index = try store.units.index()
                let unit = try resolveShown(context, "village", index: index, level: .village)
                let history = try store.villageSurveys.history(unitID: unit.id)
                let place = index.parent(of: unit).map { ", \($0.name)" } ?? ""
                func operators(_ evidence: VillageEvidence, _ generation: Generation) -> Cell {
                    evidence.mobile[generation].map { .text($0.isEmpty ? "none" : $0.joined(separator: ", ")) } ?? .null
                }
                return .table(ResultTable(
                    title: "\(unit.name) (\(unit.code)\(place))",
                    columns: [Column("date"), Column("2g", heading: "2G"), Column("3g", heading: "3G"),
                              Column("4g", heading: "4G"), Column("5g", heading: "5G"), Column("fibre"),
                              Column("households", .integer), Column("broadband", .integer), Column("loudspeaker"),
                              Column("no_signal", heading: "no signal"), Column("source")],
                    rows: history.map { survey in
                        let e = survey.evidence
                        return [.text(survey.date.description), operators(e, .g2), operators(e, .g3), operators(e, .g4),
                                operators(e, .g5), .yesNo(e.fibre), .count(e.households), .count(e.broadband),
                                .yesNo(e.loudspeaker), .text(e.noSignal?.rawValue), .text(survey.source.rawValue)]
                    },
                    notes: history.isEmpty ? ["no surveys recorded for this village: 'telecom village set' or 'telecom import'"] : []))
            }
        }
    }
}
