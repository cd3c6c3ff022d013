import GRDB
import NTMCore

/// The module's tables, installed by the workspace as migrations `telecom.v1`, ... (never edit a
/// shipped migration: append one).
///
/// - `telecom_village_survey`: what a survey found in a village (a core unit of kind village) on a
///   day. Operators per generation are stored as their names joined by commas (`MobiFone,Viettel`),
///   an empty text meaning "surveyed, none" and NULL "not surveyed". The rules of
///   ``VillageEvidence`` that SQL can state are repeated as `CHECK`s.
/// - `telecom_commune_survey`: the postal point and its conditions, the radio station and the base
///   stations per operator of a commune on a day.
/// - `telecom_team`: the community digital-technology team of a commune from a day on.
/// - `telecom_operator`: the operators surveys may name (data, not code: others can be added).
///
/// Villages are never listed here: they are the core's units.
enum TelecomSchema {
    static var migrations: [Migration] {
        [Migration("v1", apply: createVersion1), Migration("v2", apply: checksWithoutListedValues),
         Migration("v3", apply: surveysWithoutDateIndex), Migration("v4", apply: surveyChecksAsComparisons)]
    }

    /// The operators known on first install.
    static let seededOperators = ["Viettel", "VinaPhone", "MobiFone", "Vietnamobile"]

    static func createVersion1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE telecom_operator (
                name TEXT PRIMARY KEY,
                folded_name TEXT NOT NULL UNIQUE
            );

            CREATE TABLE telecom_village_survey (
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                survey_date TEXT NOT NULL,
                g2 TEXT, g3 TEXT, g4 TEXT, g5 TEXT,
                fibre INTEGER CHECK (fibre IN (0, 1)),
                households INTEGER CHECK (households >= 0),
                broadband INTEGER CHECK (broadband >= 0 AND (households IS NULL OR broadband <= households)),
                loudspeaker INTEGER CHECK (loudspeaker IN (0, 1)),
                no_signal TEXT CHECK (no_signal IN ('no-power', 'few-households', 'terrain', 'other')),
                source TEXT NOT NULL CHECK (source IN ('entered', 'survey file')),
                PRIMARY KEY (unit_id, survey_date),
                CHECK (no_signal IS NULL OR (COALESCE(g2, '') = '' AND COALESCE(g3, '') = ''
                                             AND COALESCE(g4, '') = '' AND COALESCE(g5, '') = ''))
            ) WITHOUT ROWID;
            CREATE INDEX telecom_village_survey_by_date ON telecom_village_survey (survey_date);

            CREATE TABLE telecom_commune_survey (
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                survey_date TEXT NOT NULL,
                postal_point INTEGER CHECK (postal_point IN (0, 1)),
                premises INTEGER CHECK (premises IN (0, 1)),
                sign INTEGER CHECK (sign IN (0, 1)),
                hours_posted INTEGER CHECK (hours_posted IN (0, 1)),
                open_hours REAL CHECK (open_hours BETWEEN 0 AND 24),
                letters_2kg INTEGER CHECK (letters_2kg IN (0, 1)),
                parcels_5kg INTEGER CHECK (parcels_5kg IN (0, 1)),
                radio TEXT CHECK (radio IN ('none', 'wired', 'wireless', 'ip')),
                base_stations TEXT,
                source TEXT NOT NULL CHECK (source IN ('entered', 'survey file')),
                PRIMARY KEY (unit_id, survey_date)
            ) WITHOUT ROWID;

            CREATE TABLE telecom_team (
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                since TEXT NOT NULL,
                members TEXT NOT NULL,
                PRIMARY KEY (unit_id, since)
            ) WITHOUT ROWID;
            """)
        let insert = try db.makeStatement(sql: "INSERT INTO telecom_operator (name, folded_name) VALUES (?, ?)")
        for name in seededOperators {
            try insert.execute(arguments: [name, NameFolding.fold(name)])
        }
    }

    /// Version 2: the closed lists of `no_signal` and `radio` checked with `=`s instead of `IN (...)`.
    ///
    /// SQLite builds a temporary b-tree for an `IN` list of more than two constants each time it runs a
    /// statement, so every surveyed row an import inserted paid for one: callgrind put it at about a third
    /// of a 10,000-village `telecom import`. A CHECK cannot be altered, so both tables are rebuilt (within
    /// the migration's transaction), with the same columns, rows and other rules.
    static func checksWithoutListedValues(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE telecom_village_survey_v2 (
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                survey_date TEXT NOT NULL,
                g2 TEXT, g3 TEXT, g4 TEXT, g5 TEXT,
                fibre INTEGER CHECK (fibre IN (0, 1)),
                households INTEGER CHECK (households >= 0),
                broadband INTEGER CHECK (broadband >= 0 AND (households IS NULL OR broadband <= households)),
                loudspeaker INTEGER CHECK (loudspeaker IN (0, 1)),
                no_signal TEXT CHECK (no_signal = 'no-power' OR no_signal = 'few-households' OR no_signal = 'terrain'
                                      OR no_signal = 'other'),
                source TEXT NOT NULL CHECK (source IN ('entered', 'survey file')),
                PRIMARY KEY (unit_id, survey_date),
                CHECK (no_signal IS NULL OR (COALESCE(g2, '') = '' AND COALESCE(g3, '') = ''
                                             AND COALESCE(g4, '') = '' AND COALESCE(g5, '') = ''))
            ) WITHOUT ROWID;
            INSERT INTO telecom_village_survey_v2
                SELECT unit_id, survey_date, g2, g3, g4, g5, fibre, households, broadband, loudspeaker, no_signal, source
                FROM telecom_village_survey;
            DROP TABLE telecom_village_survey;
            ALTER TABLE telecom_village_survey_v2 RENAME TO telecom_village_survey;
            CREATE INDEX telecom_village_survey_by_date ON telecom_village_survey (survey_date);

            CREATE TABLE telecom_commune_survey_v2 (
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                survey_date TEXT NOT NULL,
                postal_point INTEGER CHECK (postal_point IN (0, 1)),
                premises INTEGER CHECK (premises IN (0, 1)),
                sign INTEGER CHECK (sign IN (0, 1)),
                hours_posted INTEGER CHECK (hours_posted IN (0, 1)),
                open_hours REAL CHECK (open_hours BETWEEN 0 AND 24),
                letters_2kg INTEGER CHECK (letters_2kg IN (0, 1)),
                parcels_5kg INTEGER CHECK (parcels_5kg IN (0, 1)),
                radio TEXT CHECK (radio = 'none' OR radio = 'wired' OR radio = 'wireless' OR radio = 'ip'),
                base_stations TEXT,
                source TEXT NOT NULL CHECK (source IN ('entered', 'survey file')),
                PRIMARY KEY (unit_id, survey_date)
            ) WITHOUT ROWID;
            INSERT INTO telecom_commune_survey_v2
                SELECT unit_id, survey_date, postal_point, premises, sign, hours_posted, open_hours, letters_2kg, parcels_5kg,
                       radio, base_stations, source
                FROM telecom_commune_survey;
            DROP TABLE telecom_commune_survey;
            ALTER TABLE telecom_commune_survey_v2 RENAME TO telecom_commune_survey;
            """)
    }

    /// Version 3: no index of village surveys by date; the rows stay.
    ///
    /// Every query of the table names a village (the primary key serves it) or reads all its rows (the
    /// latest survey per village, in primary-key order; coverage), except the default "as of" (the latest
    /// date of any survey, once per command without `--as-of`), which now scans the table instead of
    /// reading the index's last entry. Every inserted survey paid for the index's second b-tree entry:
    /// about a tenth of a 10,000-village import.
    static func surveysWithoutDateIndex(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX IF EXISTS telecom_village_survey_by_date")
    }

    /// Version 4: the village surveys' two-value lists (`fibre`, `loudspeaker`, `source`) checked with `=`s
    /// joined by `OR` instead of `IN (...)`; the same rules, rows and columns.
    ///
    /// For `x IN (a, b)` SQLite evaluates the value's type and NULL-ness before comparing (six instructions of
    /// its virtual machine per CHECK); `x = a OR x = b` is two comparisons, and a NULL passes either way
    /// (a CHECK fails only on false). Every inserted survey runs these checks: about 4.5 million instructions
    /// of a 10,000-village import (callgrind), a tenth of what the table's CHECKs cost. Like version 2, the
    /// table is rebuilt within the migration's transaction (a CHECK cannot be altered).
    static func surveyChecksAsComparisons(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE telecom_village_survey_v4 (
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                survey_date TEXT NOT NULL,
                g2 TEXT, g3 TEXT, g4 TEXT, g5 TEXT,
                fibre INTEGER CHECK (fibre = 0 OR fibre = 1),
                households INTEGER CHECK (households >= 0),
                broadband INTEGER CHECK (broadband >= 0 AND (households IS NULL OR broadband <= households)),
                loudspeaker INTEGER CHECK (loudspeaker = 0 OR loudspeaker = 1),
                no_signal TEXT CHECK (no_signal = 'no-power' OR no_signal = 'few-households' OR no_signal = 'terrain'
                                      OR no_signal = 'other'),
                source TEXT NOT NULL CHECK (source = 'entered' OR source = 'survey file'),
                PRIMARY KEY (unit_id, survey_date),
                CHECK (no_signal IS NULL OR (COALESCE(g2, '') = '' AND COALESCE(g3, '') = ''
                                             AND COALESCE(g4, '') = '' AND COALESCE(g5, '') = ''))
            ) WITHOUT ROWID;
            INSERT INTO telecom_village_survey_v4
                SELECT unit_id, survey_date, g2, g3, g4, g5, fibre, households, broadband, loudspeaker, no_signal, source
                FROM telecom_village_survey;
            DROP TABLE telecom_village_survey;
            ALTER TABLE telecom_village_survey_v4 RENAME TO telecom_village_survey;
            """)
    }
}
