import NTMCore
import ShellKit

/// `workflow import`: dossiers from a portal export.
extension WorkflowCommands {
    var importFile: CommandSpec {
        CommandSpec(
            "workflow import", summary: "Import public-service dossiers from a portal export (CSV)",
            description: """
                One row per dossier, columns by name in any order:
                  dossier_code, procedure_code, procedure_name, field, unit_code, channel (in_person, online, postal),
                  service_level (full_online, partly_online, not_online), received_at, due_at or statutory_days,
                  finished_at, returned_at, stopped_at, status (the portal's ten: 1–10 or new, received, not_received,
                  in_process, supplement_requested, payment_requested, withdrawal_requested, stopped, finished,
                  returned), supplement_requested_at, supplement_replied_at, supplement_requests, result_electronic,
                  digitised, fee_paid_online (1 or 0).
                Dates are YYYY-MM-DD or DD/MM/YYYY, with an optional time. A dossier already stored is updated; the
                same export imported again changes nothing. Columns about the applicant (name, address, ID number) are
                not read, and the summary says so.
                A second shape, dossier_code,event,at, adds dated status events to dossiers already imported
                (supplement_requested, supplement_replied, finished, returned, stopped and the other statuses); an
                event already recorded changes nothing.
                Either is all or nothing: one bad row, even the last, and nothing is written; errors name FILE:LINE and
                the column. A progress bar shows on a terminal.
                """,
            parameters: [.positional("file", .path, "The CSV file; in a command file, relative to that file's folder")],
            mutates: true,
            examples: [
                .init("workflow import dvc-export-2024.csv", "A year's dossiers from the provincial portal"),
                .init("workflow import dvc-export-2024.csv --format csv", "The same; the summary is a message"),
            ]
        ) { context in
            let typed = context.arguments.string("file")!
            let access = try access(context)
            var reporter: ProgressReporter?
            let terminal = context.shell.console.isErrorTerminal
            let progress = DossierImport.Progress(
                start: { total in reporter = context.progress("Importing \(typed)", total: total) },
                update: { try reporter?.update($0) },
                finish: { reporter?.finish() })
            let path = context.resolvePath(typed)
            if try EventImport.isEventsFile(path, displayName: typed) {
                let outcome = try EventImport(path: path, displayName: typed).run(access)
                return .message("Imported \(typed) (status events): \(Format.plural(outcome.rowsRead, "row")) read, "
                    + "\(Format.plural(outcome.added, "event")) added to \(Format.plural(outcome.dossiers.count, "dossier")), "
                    + "\(Format.count(outcome.unchanged)) already recorded.")
            }
            let outcome = try DossierImport(path: path, displayName: typed)
                .run(access, countLines: terminal, progress: progress)
            return .message(Self.describe(outcome, file: typed))
        }
    }

    /// `Imported x.csv: 1,000 rows read, 990 dossiers added, 10 updated, 0 unchanged; 12 procedures added.`
    static func describe(_ outcome: DossierImport.Outcome, file: String) -> String {
        var text = "Imported \(file): \(Format.plural(outcome.rowsRead, "row")) read, "
            + "\(Format.plural(outcome.added, "dossier")) added, \(Format.count(outcome.updated)) updated, "
            + "\(Format.count(outcome.unchanged)) unchanged"
        if outcome.proceduresAdded + outcome.proceduresUpdated > 0 {
            text += "; \(Format.plural(outcome.proceduresAdded, "procedure")) added"
            if outcome.proceduresUpdated > 0 { text += ", \(Format.count(outcome.proceduresUpdated)) updated" }
        }
        text += "."
        if !outcome.droppedColumns.isEmpty {
            text += " Applicant columns not read: " + outcome.droppedColumns.joined(separator: ", ")
                + " (no applicant data is stored)."
        }
        return text
    }
}
