import GRDB

/// The core tables, version 1.
///
/// Days are `YYYY-MM-DD` text, periods their canonical text, booleans 0/1. Units are versioned
/// rows (`id`, unique `(code, valid_from)`); other tables reference `unit.id`.
enum CoreSchema {
    static func createVersion1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE unit (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune', 'village')),
                kind TEXT NOT NULL CHECK (kind IN ('province', 'city', 'district', 'town',
                                                   'commune', 'ward', 'township', 'village')),
                parent_code TEXT,
                valid_from TEXT NOT NULL,
                valid_to TEXT,
                folded_name TEXT NOT NULL,
                UNIQUE (code, valid_from),
                CHECK (valid_to IS NULL OR valid_to >= valid_from)
            );
            CREATE INDEX unit_by_parent ON unit (parent_code);
            CREATE INDEX unit_by_folded_name ON unit (folded_name);

            CREATE TABLE unit_succession (
                predecessor_id INTEGER NOT NULL REFERENCES unit (id),
                successor_id INTEGER NOT NULL REFERENCES unit (id),
                effective TEXT NOT NULL,
                basis TEXT NOT NULL CHECK (basis IN ('mapping', 'same-code', 'province-merger', 'manual')),
                PRIMARY KEY (predecessor_id, successor_id)
            ) WITHOUT ROWID;
            CREATE INDEX unit_succession_by_successor ON unit_succession (successor_id);

            CREATE TABLE criterion (
                id TEXT PRIMARY KEY NOT NULL,
                number INTEGER NOT NULL,
                sub INTEGER,
                parent_id TEXT REFERENCES criterion (id),
                name_vi TEXT NOT NULL,
                name_en TEXT NOT NULL,
                grouping INTEGER NOT NULL
            );

            CREATE TABLE assessment (
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                year INTEGER NOT NULL,
                criterion_id TEXT NOT NULL REFERENCES criterion (id),
                met INTEGER NOT NULL CHECK (met IN (0, 1)),
                note TEXT,
                PRIMARY KEY (unit_id, year, criterion_id)
            ) WITHOUT ROWID;
            CREATE INDEX assessment_by_year ON assessment (year, criterion_id);

            CREATE TABLE recognition (
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                title TEXT NOT NULL CHECK (title IN ('standard', 'advanced', 'model', 'smart')),
                year INTEGER NOT NULL,
                note TEXT,
                PRIMARY KEY (unit_id, title)
            ) WITHOUT ROWID;

            CREATE TABLE target (
                id INTEGER PRIMARY KEY,
                indicator TEXT NOT NULL,
                scope TEXT NOT NULL,
                year INTEGER NOT NULL,
                threshold REAL NOT NULL,
                direction TEXT NOT NULL CHECK (direction IN ('at_least', 'at_most')),
                source TEXT NOT NULL,
                note TEXT,
                UNIQUE (indicator, scope, year)
            );

            CREATE TABLE audit (
                id INTEGER PRIMARY KEY,
                time TEXT NOT NULL,
                actor TEXT NOT NULL,
                command TEXT NOT NULL,
                module TEXT NOT NULL,
                entity TEXT NOT NULL,
                key TEXT NOT NULL,
                unit TEXT,
                before TEXT,
                after TEXT,
                rows INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX audit_by_time ON audit (time);
            CREATE INDEX audit_by_unit ON audit (unit);
            CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit rows are append-only: they cannot be changed'); END;
            CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit rows are append-only: they cannot be deleted'); END;
            """)
    }

    /// Version 2: recognition of cities and towns (`completed`) and district grades, and
    /// revocation (thu hồi). A title may be granted again after a revocation, so rows get their own
    /// id; at most one row per unit and title is in force (not revoked).
    static func recognitionRevocation(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE recognition_v2 (
                id INTEGER PRIMARY KEY,
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                title TEXT NOT NULL CHECK (title IN ('standard', 'advanced', 'model', 'smart', 'completed')),
                year INTEGER NOT NULL,
                note TEXT,
                revoked_on TEXT,
                revoked_by TEXT,
                CHECK ((revoked_on IS NULL) = (revoked_by IS NULL))
            );
            INSERT INTO recognition_v2 (unit_id, title, year, note) SELECT unit_id, title, year, note FROM recognition;
            DROP TABLE recognition;
            ALTER TABLE recognition_v2 RENAME TO recognition;
            CREATE UNIQUE INDEX recognition_in_force ON recognition (unit_id, title) WHERE revoked_on IS NULL;
            CREATE INDEX recognition_by_unit ON recognition (unit_id, title);
            """)
    }

    /// Version 3: a partial index of the units above villages (provinces, districts, communes).
    ///
    /// Reports whose rows are communes or above read only those units (a few hundred among ten thousand
    /// villages, ``UnitIndex/loadAboveVillages(_:)``); without it that read scanned every village's row.
    /// SQLite uses a partial index only for a query whose WHERE implies `level <> 'village'`, so every
    /// other query on `unit` keeps its plan; a village's insert only evaluates the condition.
    static func unitsAboveVillagesIndex(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX unit_above_villages ON unit (id) WHERE level <> 'village'")
    }
}
