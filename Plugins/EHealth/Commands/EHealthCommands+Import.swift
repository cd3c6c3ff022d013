import NTMCore
import ShellKit

/// `ehr import`: figures per commune, or a person-level export aggregated as it is read.
extension EHealthCommands {
    var importFile: CommandSpec {
        CommandSpec(
            "ehr import", summary: "Import figures per commune, or a person-level export from the health records system",
            description: """
                Tells the file's shape from its header:
                  figures per commune   unit_code,period,residents,with_ehr,insured,under5,stunted_under5
                                        (period may be left out with --period; empty cells keep what is stored)
                  person-level export   person_id,commune_code,birth_year,sex,has_ehr,insured
                                        (one row per resident, from the health records system; --period required)
                A person-level export is counted per commune as it is read, and only the counts are stored: no
                person id is kept anywhere, and errors name the line and column, never the id. A person id that
                appears twice is reported with its line numbers. Children under 5 are those born in the period's
                year or the four years before. Each commune in the file gets its figures for the period replaced;
                a stunting count entered earlier is kept. Either shape is all or nothing: one bad row, even the
                last, and nothing is written. A progress bar shows on a terminal.
                """,
            parameters: [
                .positional("file", .path, "The CSV file; in a command file, relative to that file's folder"),
                .option("period", .period, "The period of the figures: required for a person-level export",
                        default: "the file's period column"),
            ],
            mutates: true,
            examples: [
                .init("ehr import ehr-2023.csv", "Figures per commune, with a period column"),
                .init("ehr import hssk-export-2023-05.csv --period 2023-05",
                      "A person-level export from the health records system, for May 2023"),
            ]
        ) { context in
            let access = try access(context)
            let typed = context.arguments.string("file")!
            let importer = HealthRecordImport(path: context.resolvePath(typed), displayName: typed,
                                              period: try Self.period(context))
            var reporter: ProgressReporter?
            let progress = HealthRecordImport.Progress(
                start: { phase, total in
                    reporter = context.progress("Importing \(typed): \(phase)", total: total)
                    // Drawn at once, so a phase without updates (writing) still says what is happening.
                    try? reporter?.update(0)
                },
                update: { try reporter?.update($0) },
                finish: { reporter?.finish() },
                check: { try context.checkInterrupted() })
            let outcome = try importer.run(access, progress: progress)
            return .message(Self.describe(outcome, file: typed))
        }
    }

    /// `Imported persons.csv (person-level export, 2023): 2,000,000 rows read, 209 communes updated.`
    /// Communes are counted once however many periods of theirs a figures file updates.
    static func describe(_ outcome: HealthRecordImport.Outcome, file: String) -> String {
        let periods = outcome.periods.map(\.description).joined(separator: ", ")
        let updated = outcome.updatedUnits.count
        var text = "Imported \(file) (\(outcome.shape.description)\(periods.isEmpty ? "" : ", " + periods)): "
            + "\(NumberText.grouped(outcome.rowsRead)) row\(outcome.rowsRead == 1 ? "" : "s") read, "
            + "\(NumberText.grouped(updated)) commune\(updated == 1 ? "" : "s") updated"
        if outcome.unchanged > 0 {
            // A person-level export has one set of figures per commune; a figures file one per row.
            let noun = outcome.shape == .personLevel ? "commune" : "row"
            text += ", \(NumberText.grouped(outcome.unchanged)) \(noun)\(outcome.unchanged == 1 ? "" : "s") unchanged"
        }
        return text + "."
    }
}
