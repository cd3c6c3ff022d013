import NTMCore
import ShellKit

/// `telecom assess` and `telecom rules`: criterion 8.1–8.3 from the stored evidence.
extension TelecomCommands {
    var assess: CommandSpec {
        CommandSpec(
            "telecom assess", summary: "Judge a commune's sub-indicators 8.1–8.3 from the evidence, with the reasons",
            description: """
                Applies the rules of 'telecom rules' to the evidence recorded on or before 31 December of the year:
                the commune's postal point and radio station, and the latest survey of each village under the commune
                that day. Prints each verdict — met, not met, or no evidence — with its reasons: which village lacks
                4G, which condition of the postal point is missing. With --record the verdicts met and not met are
                written into the criteria (as 'criteria set' would, audited, the evidence as the note); a verdict
                without evidence is not written. Without --record nothing is written. Sub-indicator 8.4 (IT in
                administration) is not judged here.
                """,
            parameters: [
                .positional("commune", unitType(level: .commune), "A rural commune (xã): code or name"),
                .positional("year", .integer, "The year of the standing"),
                .flag("record", "Write the verdicts into the criteria"),
            ],
            examples: [
                .init("telecom assess \"phuc hoa\" 2023", "What the evidence says of Xã Phúc Hòa for 2023"),
                .init("telecom assess 07324 2023 --record", "The same, recorded in the criteria ('criteria status' shows them)"),
            ]
        ) { context in
            let access = try access(context)
            let year = context.arguments.int("year")!
            guard CriteriaBook.years.contains(year) else {
                throw ShellError.failed("year \(year) is out of range (\(CriteriaBook.years.lowerBound)–\(CriteriaBook.years.upperBound))",
                                        at: context.arguments.word(for: "year"))
            }
            let day = Day.endOfYear(year)
            let (assessment, index) = try access.read { store -> (CriterionEightAssessment, UnitIndex) in
                let index = try store.units.index()
                let unit = try resolveUnit(context, "commune", on: day, index: index, level: .commune)
                return (try CriterionEightAssessment.assess(store, index: index, commune: unit, year: year), index)
            }
            let unit = assessment.commune
            let place = index.placeName(of: unit, on: day).map { ", \($0)" } ?? ""
            let table = ResultTable(
                title: "\(unit.name) (\(unit.code)\(place)), \(year): criterion 8 from telecom evidence to \(day)",
                columns: [Column("criterion"), Column("name"), Column("verdict"), Column("reasons")],
                rows: assessment.verdicts.map { verdict in
                    [.text(verdict.criterion.id), .text(verdict.criterion.nameEnglish), .text(verdict.outcome.rawValue),
                     .text(verdict.reasons.joined(separator: "; "))]
                },
                notes: context.arguments.flag("record") ? [] : ["nothing recorded: --record writes met and not met into the criteria"])
            guard context.arguments.flag("record") else { return .table(table) }
            let recordable = assessment.verdicts.filter { $0.outcome != .noEvidence }
            let written = try access.mutate { store -> [Bool] in
                try recordable.map { verdict in
                    try store.criteria.set(unit: unit, year: year, criterion: verdict.criterion, met: verdict.outcome == .met,
                                           note: assessment.note(for: verdict))
                }
            }
            var sentences: [String] = []
            let changed = zip(recordable, written).filter { $0.1 }.map { "\($0.0.criterion.id) \($0.0.outcome.rawValue)" }
            let same = zip(recordable, written).filter { !$0.1 }.map { $0.0.criterion.id }
            if !changed.isEmpty {
                sentences.append("Recorded \(unit.name) (\(unit.code)) \(year): " + changed.joined(separator: ", ") + ".")
            }
            if !same.isEmpty {
                sentences.append("Already recorded so: " + same.joined(separator: ", ") + ".")
            }
            let skipped = assessment.verdicts.filter { $0.outcome == .noEvidence }.map(\.criterion.id)
            if !skipped.isEmpty {
                sentences.append("Not recorded, for want of evidence: " + skipped.joined(separator: ", ") + ".")
            }
            return .sequence([.table(table), .message(sentences.joined(separator: " "))])
        }
    }

    var rules: CommandSpec {
        CommandSpec(
            "telecom rules", summary: "List the rules of criterion 8.1–8.3 that 'telecom assess' applies, with their sources",
            description: """
                The rules and thresholds are data, each with the document it comes from; the guidance changes between
                versions of the programme. A sub-indicator is met when all of its rules pass, not met when one fails,
                and without evidence when none fails but some evidence is missing.
                """,
            examples: [
                .init("telecom rules", "Every rule, its threshold and its source"),
                .init("telecom rules --format csv", "The same, for a spreadsheet"),
            ]
        ) { _ in
            .table(ResultTable(
                title: "Rules of criterion 8.1–8.3 (\(TelecomRules.version))",
                columns: [Column("rule"), Column("criterion"), Column("requirement"), Column("threshold"), Column("source")],
                rows: TelecomRules.all.map { rule in
                    [.text(rule.id), .text(rule.criterionID), .text(rule.requirement), .text(TelecomRules.thresholdText(rule)),
                     .text(rule.source)]
                },
                notes: ["8.4 (IT in management and administration) is judged by administrative workflow, not here"]))
        }
    }
}
