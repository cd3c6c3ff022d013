import NTMCore
import ShellKit

/// `telecom import`: a village survey or commune facilities, all or nothing.
extension TelecomCommands {
    var importFile: CommandSpec {
        CommandSpec(
            "telecom import", summary: "Import a village survey or a file of commune facilities",
            description: """
                Tells the file's shape from its header:
                  village survey       village_code,survey_date,2g,3g,4g,5g,fibre,households,broadband,loudspeaker,no_signal
                  commune facilities   commune_code,survey_date,postal_point,premises,sign,hours_posted,open_hours,
                                       letters_2kg,parcels_5kg,radio,base_stations
                Columns may come in any order and all but the code may be left out; a village_name or commune_name
                column is ignored. Operators in a cell are separated by ';' or ',' (quote the cell), none for none;
                base stations are viettel=3;vinaphone=1; yes/no cells take 1/0, yes/no, true/false. Each row is merged
                over the unit's previous record, as 'telecom village set' and 'telecom commune set' do: an empty cell
                keeps what was recorded. All or nothing: one bad row, even the last, and nothing is written; the
                error names the file, the line and the column. Re-importing a file changes nothing. A progress bar
                shows on a terminal.
                """,
            parameters: [
                .positional("file", .path, "The CSV file; in a command file, relative to that file's folder"),
                .option("date", .date, "The survey date of every row", default: "the file's survey_date column"),
            ],
            mutates: true,
            examples: [
                .init("telecom import survey-2023-11.csv", "A village survey with a survey_date column"),
                .init("telecom import communes.csv --date 2023-11-15", "Commune facilities, all on one date"),
            ]
        ) { context in
            let access = try access(context)
            let typed = context.arguments.string("file")!
            let importer = TelecomImport(path: context.resolvePath(typed), displayName: typed, date: try Self.day(context, "date"))
            var reporter: ProgressReporter?
            let progress = TelecomImport.Progress(
                start: { total in reporter = context.progress("Importing \(typed)", total: total) },
                update: { try reporter?.update($0) },
                finish: { reporter?.finish() })
            let outcome = try importer.run(access, progress: progress)
            let noun = outcome.shape == .villageSurvey ? "survey" : "record"
            func plural(_ n: Int, _ word: String) -> String { "\(NumberText.grouped(n)) \(word)\(n == 1 ? "" : "s")" }
            return .message("Imported \(typed) (\(outcome.shape.description), \(outcome.dateText)): "
                + "\(plural(outcome.rowsRead, "row")) read; \(plural(outcome.added, noun)) added, "
                + "\(NumberText.grouped(outcome.changed)) changed, \(NumberText.grouped(outcome.unchanged)) unchanged.")
        }
    }
}
