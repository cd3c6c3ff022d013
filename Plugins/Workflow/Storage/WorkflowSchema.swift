import GRDB
import NTMCore

/// The module's tables, installed as migrations `workflow.v1`, ... (never edit a shipped
/// migration: append one).
///
/// - `workflow_documents`: the work-file figures of one office (a unit of any level) for a period.
///   The rules of ``DocumentFigures`` are repeated as `CHECK`s.
/// - `workflow_holiday`: the working-day calendar's exceptions (days off, working Saturdays).
/// - `workflow_procedure`: administrative procedures (mã TTHC) as the portal names them.
/// - `workflow_dossier`: one row per public-service dossier. Days are stored as day numbers (days
///   since 1970-01-01) so a million rows compare and subtract as integers; channel, status and
///   service level as small integers (see `Model/Dossier.swift`). The first supplement request
///   and its reply are kept with the dossier (they are all the clock needs: a second request makes
///   a dossier overdue whatever its dates).
///   A dossier is found by `code_key`, a 64-bit hash of its code (see `DossierKey`): the import
///   checks every row against it, and an integer index of a million rows stays in the page cache.
///   Procedure and unit ids are checked by the import, not by foreign keys (two lookups a row).
/// - `workflow_event`: dated status events from an events export, for a dossier's timeline.
///
/// No table has a column for an applicant: names, addresses and ID numbers are never stored.
enum WorkflowSchema {
    static var migrations: [Migration] {
        [Migration("v1", apply: createVersion1)]
    }

    /// The unique index dossiers are found by; a bulk import drops it and builds it again at the end.
    static let keyIndex = "CREATE UNIQUE INDEX workflow_dossier_by_key ON workflow_dossier (code_key)"

    static func createVersion1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE workflow_documents (
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                period TEXT NOT NULL,
                period_start TEXT NOT NULL,
                period_end TEXT NOT NULL,
                total INTEGER NOT NULL CHECK (total >= 0),
                online INTEGER NOT NULL CHECK (online >= 0),
                classified INTEGER CHECK (classified BETWEEN 0 AND total),
                source TEXT NOT NULL CHECK (source IN ('entered', 'figures file')),
                PRIMARY KEY (unit_id, period),
                CHECK (online <= total - coalesce(classified, 0))
            ) WITHOUT ROWID;
            CREATE INDEX workflow_documents_by_period ON workflow_documents (period_end, period_start);

            CREATE TABLE workflow_holiday (
                day TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('day off', 'working day'))
            ) WITHOUT ROWID;

            CREATE TABLE workflow_procedure (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                field TEXT NOT NULL,
                service_level INTEGER NOT NULL CHECK (service_level BETWEEN 0 AND 2),
                statutory_days INTEGER CHECK (statutory_days >= 0)
            );

            CREATE TABLE workflow_dossier (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL,
                code_key INTEGER NOT NULL,
                procedure_id INTEGER NOT NULL,
                unit_id INTEGER NOT NULL,
                channel INTEGER NOT NULL CHECK (channel BETWEEN 0 AND 2),
                service_level INTEGER NOT NULL CHECK (service_level BETWEEN 0 AND 2),
                status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
                received INTEGER NOT NULL,
                due INTEGER,
                statutory_days INTEGER,
                finished INTEGER,
                returned INTEGER,
                stopped INTEGER,
                supplement_requests INTEGER NOT NULL DEFAULT 0,
                supplement_requested INTEGER,
                supplement_replied INTEGER,
                result_electronic INTEGER NOT NULL DEFAULT 0,
                digitised INTEGER NOT NULL DEFAULT 0,
                fee_online INTEGER NOT NULL DEFAULT 0,
                CHECK (due IS NOT NULL OR statutory_days IS NOT NULL)
            );
            \(keyIndex);

            CREATE TABLE workflow_event (
                dossier_id INTEGER NOT NULL REFERENCES workflow_dossier (id),
                day INTEGER NOT NULL,
                kind TEXT NOT NULL,
                PRIMARY KEY (dossier_id, day, kind)
            ) WITHOUT ROWID;
            """)
    }
}
