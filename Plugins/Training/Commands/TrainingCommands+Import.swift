import NTMCore
import ShellKit

/// `training import`: rosters of officials, completions, a Moodle course-completion export.
extension TrainingCommands {
    var importFile: CommandSpec {
        CommandSpec(
            "training import", summary: "Import a roster of officials, or completions from a learning platform",
            description: """
                Tells the file's shape (CSV, UTF-8, header row) from its header:
                  roster          full_name,unit_code,role[,manager][,national_id][,since][,official_no][,unit_name]
                                  registers officials; one already registered (same registry number, same national
                                  ID number, or same name in the same unit) is updated, or moved from 'since'
                  completions     course_code,completed_on and official_no or national_id or full_name
                                  [,unit_code][,certificate][,score][,unit_name]: one row per learner and course
                  Moodle export   a course's "Course completion" report downloaded as CSV (ID, Name, identity
                                  fields such as "ID number" = the registry number, criteria, "Course complete"),
                                  with --course; rows without a completion date are counted, not stored
                National ID numbers are kept only as a keyed hash (to find the same person twice), never in clear,
                never printed. A row repeating an earlier one (same ID number, registry number, or name and unit; for
                completions the same official and course) is an error naming both lines. All or nothing: one bad row
                and nothing is written. Importing the same file again changes nothing. A progress bar shows on a terminal.
                """,
            parameters: [
                .positional("file", .path, "The CSV file; in a command file, relative to that file's folder"),
                .option("course", courseType, "The course of a Moodle export"),
            ],
            mutates: true,
            examples: [
                .init("training import officials-tan-yen.csv", "A roster of officials"),
                .init("training import completions-2024.csv", "Completions from a platform or a provider's list"),
                .init("training import moodle-completion-CDS-01.csv --course CDS-01", "A Moodle course-completion export"),
            ]
        ) { context in
            let access = try access(context)
            let typed = context.arguments.string("file")!
            let importer = TrainingImport(path: context.resolvePath(typed), displayName: typed, course: context.arguments.string("course"))
            var reporter: ProgressReporter?
            let progress = TrainingImport.Progress(
                start: { total in reporter = context.progress("Importing \(typed)", total: total) },
                update: { try reporter?.update($0) },
                finish: { reporter?.finish() })
            let outcome = try importer.run(access, progress: progress)
            return .message(Self.describe(outcome, file: typed, course: context.arguments.string("course")))
        }
    }

    /// `Imported roster.csv (roster of officials): 12 rows read, 10 officials registered, 1 changed, 1 unchanged.`
    static func describe(_ outcome: TrainingImport.Outcome, file: String, course: String?) -> String {
        func count(_ n: Int, _ noun: String) -> String { "\(Figures.count(n)) \(noun)" }
        let what = outcome.shape == .roster ? "official" : "completion"
        var parts = [count(outcome.rowsRead, "row" + (outcome.rowsRead == 1 ? "" : "s")) + " read"]
        parts.append(count(outcome.added, what + (outcome.added == 1 ? "" : "s")) + (outcome.shape == .roster ? " registered" : " recorded"))
        if outcome.changed > 0 { parts.append("\(Figures.count(outcome.changed)) changed") }
        if outcome.moved > 0 { parts.append("\(Figures.count(outcome.moved)) moved") }
        if outcome.unchanged > 0 { parts.append("\(Figures.count(outcome.unchanged)) unchanged") }
        if outcome.notCompleted > 0 { parts.append("\(Figures.count(outcome.notCompleted)) not completed (no date)") }
        let shape = outcome.shape.description + (outcome.shape == .moodle ? ", course \(course ?? "?")" : "")
        return "Imported \(file) (\(shape)): " + parts.joined(separator: ", ") + "."
    }
}
