import Foundation
import GRDB
import NTMCore

/// The module's tables, installed by the workspace as migrations `training.v1`, ... (never edit a
/// shipped migration: append one).
///
/// - `training_role`: the roles officials hold, seeded with the programme's list.
/// - `training_official`: the registry; `folded_name` (the name without case or diacritics) is stored at
///   write time and indexed, so finding `nguyen van an` never folds the whole registry. `id_hash` is the
///   keyed hash of a national ID number (see ``NationalIDHasher``); the number itself has no column.
/// - `training_assignment`: where each official served, from and to which day. A move ends one row and
///   starts the next, so the history stays and each day counts in one unit. At most one open row each.
/// - `training_commune`: communes flagged ethnic-minority or mountain areas, per unit version (codes are
///   reused: 07330 was Xã Hợp Đức before 2025 and is the new Xã Phúc Hòa after); a version that keeps
///   its code across a renaming inherits its predecessor's flag.
/// - `training_course`, `training_course_topic`, `training_class`, `training_enrolment`.
/// - `training_headcount`: officials per unit and year, registered or not.
/// - `training_secret`: the database's key for ID hashes.
enum TrainingSchema {
    static var migrations: [Migration] {
        [Migration("v1", apply: createVersion1)]
    }

    static func createVersion1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE training_role (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL
            );

            CREATE TABLE training_official (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                full_name TEXT NOT NULL,
                folded_name TEXT NOT NULL,
                role TEXT NOT NULL REFERENCES training_role (code),
                is_manager INTEGER NOT NULL CHECK (is_manager IN (0, 1)),
                id_hash BLOB UNIQUE
            );
            CREATE INDEX training_official_by_name ON training_official (folded_name);

            CREATE TABLE training_assignment (
                official_id INTEGER NOT NULL REFERENCES training_official (id),
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                valid_from TEXT NOT NULL,
                valid_to TEXT,
                PRIMARY KEY (official_id, valid_from),
                CHECK (valid_to IS NULL OR valid_to >= valid_from)
            ) WITHOUT ROWID;
            CREATE INDEX training_assignment_by_day ON training_assignment (valid_from, valid_to);
            CREATE UNIQUE INDEX training_assignment_open ON training_assignment (official_id) WHERE valid_to IS NULL;
            CREATE INDEX training_assignment_by_unit ON training_assignment (unit_id, valid_to);

            CREATE TABLE training_commune (
                unit_id INTEGER PRIMARY KEY REFERENCES unit (id),
                ethnic_mountain INTEGER NOT NULL CHECK (ethnic_mountain IN (0, 1))
            );

            CREATE TABLE training_course (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                code TEXT NOT NULL,
                folded_code TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                provider TEXT NOT NULL,
                mode TEXT NOT NULL CHECK (mode IN ('in-person', 'online', 'blended')),
                hours REAL NOT NULL CHECK (hours > 0)
            );
            CREATE TABLE training_course_topic (
                course_id INTEGER NOT NULL REFERENCES training_course (id),
                position INTEGER NOT NULL,
                topic TEXT NOT NULL,
                PRIMARY KEY (course_id, position),
                UNIQUE (course_id, topic)
            ) WITHOUT ROWID;
            CREATE INDEX training_course_topic_by_topic ON training_course_topic (topic);

            CREATE TABLE training_class (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                course_id INTEGER NOT NULL REFERENCES training_course (id),
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                starts TEXT NOT NULL,
                ends TEXT NOT NULL CHECK (ends >= starts),
                trainer TEXT
            );
            CREATE INDEX training_class_by_course ON training_class (course_id);

            CREATE TABLE training_enrolment (
                official_id INTEGER NOT NULL REFERENCES training_official (id),
                course_id INTEGER NOT NULL REFERENCES training_course (id),
                class_id INTEGER REFERENCES training_class (id),
                status TEXT NOT NULL CHECK (status IN ('enrolled', 'attended', 'completed', 'failed', 'withdrawn')),
                score REAL CHECK (score BETWEEN 0 AND 100),
                completed_on TEXT,
                certificate TEXT,
                source TEXT NOT NULL,
                PRIMARY KEY (official_id, course_id),
                CHECK ((status = 'completed') = (completed_on IS NOT NULL))
            ) WITHOUT ROWID;
            CREATE INDEX training_enrolment_by_course ON training_enrolment (course_id, status);
            CREATE INDEX training_enrolment_by_class ON training_enrolment (class_id) WHERE class_id IS NOT NULL;
            CREATE INDEX training_enrolment_by_completion ON training_enrolment (completed_on) WHERE completed_on IS NOT NULL;

            CREATE TABLE training_headcount (
                unit_id INTEGER NOT NULL REFERENCES unit (id),
                year INTEGER NOT NULL,
                managers INTEGER NOT NULL CHECK (managers >= 0),
                officials INTEGER CHECK (officials >= 0),
                PRIMARY KEY (unit_id, year)
            ) WITHOUT ROWID;

            CREATE TABLE training_secret (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                key BLOB NOT NULL
            );
            """)
        for role in Role.programme {
            try db.execute(sql: "INSERT INTO training_role (code, name) VALUES (?, ?)", arguments: [role.code, role.name])
        }
        try db.execute(sql: "INSERT INTO training_secret (id, key) VALUES (1, ?)", arguments: [Data(NationalIDHasher.newKey())])
    }
}
