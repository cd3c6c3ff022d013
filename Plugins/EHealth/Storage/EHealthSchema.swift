import GRDB
import NTMCore

/// The module's tables, installed by the workspace as migrations `ehr.v1`, ... (never edit a
/// shipped migration: append one).
///
/// - `ehr_record`: the figures of a commune-level unit for a period (one row per unit and period).
///   Periods are stored as text (`2023`, `2023Q2`, `2023-05`) with their first and last day, so a
///   question about a year finds its months with an index, not a function call per row. The rules
///   of ``HealthRecordFigures`` are repeated as `CHECK`s: nothing can store an impossible row.
/// - `ehr_facility`: health facilities, with the unit each serves and when it went online.
///
/// No table has a column for anything about a person: imports store aggregates only.
enum EHealthSchema {
    static var migrations: [Migration] {
        [Migration("v1", apply: createVersion1)]
    }

    static func createVersion1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE ehr_record (
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                period TEXT NOT NULL,
                period_start TEXT NOT NULL,
                period_end TEXT NOT NULL,
                residents INTEGER NOT NULL CHECK (residents >= 0),
                with_ehr INTEGER NOT NULL CHECK (with_ehr BETWEEN 0 AND residents),
                insured INTEGER CHECK (insured BETWEEN 0 AND residents),
                under5 INTEGER CHECK (under5 BETWEEN 0 AND residents),
                stunted_under5 INTEGER CHECK (stunted_under5 BETWEEN 0 AND under5),
                source TEXT NOT NULL CHECK (source IN ('entered', 'aggregate file', 'person-level export')),
                PRIMARY KEY (unit_id, period),
                CHECK (stunted_under5 IS NULL OR under5 IS NOT NULL)
            ) WITHOUT ROWID;
            CREATE INDEX ehr_record_by_period ON ehr_record (period_end, period_start);

            CREATE TABLE ehr_facility (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                folded_name TEXT NOT NULL UNIQUE,
                level TEXT NOT NULL CHECK (level IN ('provincial', 'district', 'commune')),
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                connected_since TEXT
            );
            CREATE INDEX ehr_facility_by_unit ON ehr_facility (unit_id);
            """)
    }
}
