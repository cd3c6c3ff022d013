import Foundation
import GRDB
import Testing
import NTMCore
import ShellKit
@testable import Training

/// `training import`: rosters, completions and Moodle exports, all or nothing, and no ID number in clear.
@Suite("Import")
struct ImportTests {
    static let roster = """
        full_name,unit_code,role,manager,national_id,since
        Nguyễn Văn An,07324,steering-board,yes,001088012345,2022-01-01
        Trần Thị Bình,07324,management-board,yes,001 190 054 321,2022-01-01
        Lê Thị Hoa,07303,commune-cadre,no,,2022-03-01

        """

    static func officials(_ fixture: TrainingFixture) throws -> Int {
        try fixture.read { try Int.fetchOne($0.db, sql: "SELECT COUNT(*) FROM training_official") ?? 0 }
    }

    static func auditRows(_ fixture: TrainingFixture) throws -> Int {
        try fixture.read { try $0.audit.list(AuditQuery(module: "training")).filter { $0.entity != "module" }.count }
    }

    @Test func aRosterImportsAndImportingItAgainChangesNothing() throws {
        let fixture = try TrainingFixture()
        try fixture.write("roster.csv", Self.roster)
        #expect(fixture.runOK("training import roster.csv") == "Imported roster.csv (roster of officials): 3 rows read, 3 officials registered.\n")
        let audit = try Self.auditRows(fixture)
        #expect(fixture.runOK("training import roster.csv") == "Imported roster.csv (roster of officials): 3 rows read, 0 officials registered, 3 unchanged.\n")
        #expect(try Self.auditRows(fixture) == audit)
        #expect(try Self.officials(fixture) == 3)
        let show = fixture.runOK("training official show 1")
        #expect(show.contains("recorded (as a keyed hash only)"))
        #expect(!show.contains("001088012345"))
    }

    @Test func aRosterRowInAnotherUnitMovesTheOfficial() throws {
        let fixture = try TrainingFixture()
        try fixture.write("roster.csv", Self.roster)
        fixture.runOK("training import roster.csv")
        try fixture.write("moved.csv", """
            full_name,unit_code,role,manager,national_id,since
            Nguyễn Văn An,07357,steering-board,yes,001088012345,2024-03-01

            """)
        #expect(fixture.runOK("training import moved.csv") == "Imported moved.csv (roster of officials): 1 row read, 0 officials registered, 1 moved.\n")
        #expect(fixture.runOK("training official list --in 07357 --on 2024-03-01 --format csv").contains("Nguyễn Văn An"))
        #expect(fixture.runOK("training import moved.csv").hasSuffix("0 officials registered, 1 unchanged.\n"))
    }

    @Test func blanksAroundARostersFieldsAreDroppedWhateverTheirKind() throws {
        let fixture = try TrainingFixture()
        // Spaces, a tab, a non-breaking space and an ideographic space around fields; names ending in a diacritic.
        try fixture.write("roster.csv", "full_name,unit_code,role,manager,national_id,since\n"
            + " Nguyễn Văn An ,\t07324, steering-board,yes,\u{00A0}001088012345\u{3000},2022-01-01\n"
            + "Lê Thị Hà,07303 ,commune-cadre,no,,2022-03-01\n")
        #expect(fixture.runOK("training import roster.csv") == "Imported roster.csv (roster of officials): 2 rows read, 2 officials registered.\n")
        let names = try fixture.read { try String.fetchAll($0.db, sql: "SELECT full_name FROM training_official ORDER BY id") }
        #expect(names == ["Nguyễn Văn An", "Lê Thị Hà"])
        // The same people without the blanks: found by their ID number and by name and unit, nothing changes.
        try fixture.write("clean.csv", "full_name,unit_code,role,manager,national_id,since\n"
            + "Nguyễn Văn An,07324,steering-board,yes,001088012345,2022-01-01\nLê Thị Hà,07303,commune-cadre,no,,2022-03-01\n")
        #expect(fixture.runOK("training import clean.csv").hasSuffix("0 officials registered, 2 unchanged.\n"))
    }

    @Test func aBadRowEvenTheLastLeavesEverythingAsItWas() throws {
        let fixture = try TrainingFixture()
        try fixture.write("bad.csv", Self.roster + "Phạm Văn Cường,99999,commune-cadre,no,,2022-01-01\n")
        let run = fixture.run("training import bad.csv")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: bad.csv:5: column 'unit_code': unknown unit '99999'"))
        #expect(try Self.officials(fixture) == 0)
        #expect(try Self.auditRows(fixture) == 0)
    }

    @Test func aRepeatedIDNumberIsRefusedWithBothLinesAndNeverQuoted() throws {
        let fixture = try TrainingFixture()
        try fixture.write("twice.csv", Self.roster + "Nguyễn Văn Ân,07306,commune-cadre,no,001-088-012-345,2022-01-01\n")
        let run = fixture.run("training import twice.csv")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: twice.csv:5: the same national ID number as line 2: a duplicate\n"))
        #expect(!run.errors.contains("012345") && !run.errors.contains("012-345"))
        #expect(try Self.officials(fixture) == 0)
        try fixture.write("short.csv", "full_name,unit_code,role,national_id\nAn,07324,village-head,12345\n")
        let short = fixture.run("training import short.csv")
        #expect(short.errors.hasPrefix("test.ntm:1: error: short.csv:2: column 'national_id': a national ID number has 9 or 12 digits, not 5\n"))
    }

    @Test func noIDNumberInClearAnywhereInTheDatabaseFile() throws {
        let fixture = try TrainingFixture(onDisk: true)
        try fixture.write("roster.csv", Self.roster)
        fixture.runOK("training import roster.csv")
        try fixture.write("done.csv", "national_id,course_code,completed_on,certificate\n001190054321,CDS-01,2023-05-11,CN-7\n")
        fixture.runOK("""
            training course add CDS-01 "Chuyển đổi số" --provider "Sở TT&TT" --mode online --hours 8 --topic "digital transformation"
            training import done.csv
            """)
        #expect(fixture.runOK("training history 2 --format csv").contains("CN-7"))
        try fixture.workspace.withDatabase { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        var scanned = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path) where name.hasPrefix("ntm.db") {
            let bytes = try Data(contentsOf: fixture.folder.appendingPathComponent(name))
            scanned += bytes.count
            for clear in ["001088012345", "001190054321", "001 190 054 321"] {
                #expect(bytes.range(of: Data(clear.utf8)) == nil, "\(clear) in \(name)")
            }
        }
        #expect(scanned > 100_000)
    }

    @Test func completionsByNumberIDOrNameAndAgainUnchanged() throws {
        let fixture = try TrainingFixture()
        try fixture.write("roster.csv", Self.roster)
        fixture.runOK("""
            training import roster.csv
            training course add CDS-01 "Chuyển đổi số" --provider "Sở TT&TT" --mode online --hours 8 --topic "digital transformation"
            """)
        try fixture.write("done.csv", """
            official_no,national_id,full_name,course_code,completed_on,certificate,score
            1,,,CDS-01,2023-05-11,CN-1,90
            ,001190054321,,cds-01,2023-05-12,CN-2,
            ,,le thi hoa,CDS-01,2023-06-01,,75.5

            """)
        #expect(fixture.runOK("training import done.csv") == "Imported done.csv (completions): 3 rows read, 3 completions recorded.\n")
        #expect(fixture.runOK("training import done.csv") == "Imported done.csv (completions): 3 rows read, 0 completions recorded, 3 unchanged.\n")
        try fixture.write("again.csv", "official_no,course_code,completed_on\n1,CDS-01,2023-05-11\n1,CDS-01,2023-05-11\n")
        let run = fixture.run("training import again.csv")
        #expect(run.errors.hasPrefix("test.ntm:1: error: again.csv:3: the same official and course as line 2: a duplicate\n"))
    }

    @Test func aMoodleCompletionExport() throws {
        let fixture = try TrainingFixture()
        try fixture.write("roster.csv", Self.roster)
        fixture.runOK("""
            training import roster.csv
            training course add CDS-01 "Chuyển đổi số" --provider "OneTouch" --mode online --hours 8 --topic "digital transformation"
            """)
        try fixture.write("moodle.csv", """
            \u{FEFF}ID,Name,ID number,Email address,Quiz 1,Quiz 1 - Completion date,Course complete
            17,Nguyễn Văn An,1,an@example.vn,Completed,"11/05/23, 10:30","11/05/23, 10:31"
            18,Trần Thị Bình,,binh@example.vn,Not completed,,
            19,Lê Thị Hoa,,hoa@example.vn,Completed,"02/06/2023, 08:00","02/06/2023, 08:05"

            """)
        var run = fixture.run("training import moodle.csv")
        #expect(run.errors.hasPrefix("test.ntm:1: error: moodle.csv:1: a Moodle course-completion export does not name its course: give it with --course"))
        #expect(fixture.runOK("training import moodle.csv --course CDS-01")
                == "Imported moodle.csv (Moodle course-completion export, course CDS-01): 3 rows read, 2 completions recorded, 1 not completed (no date).\n")
        let export = fixture.runOK("training export --format csv")
        #expect(export.contains("1,Nguyễn Văn An,07324,Xã Phúc Hòa,CDS-01,Chuyển đổi số,2023-05-11,,"))
        #expect(export.contains("3,Lê Thị Hoa,07303,Xã Lan Giới,CDS-01,Chuyển đổi số,2023-06-02,,"))
        run = fixture.run("training import moodle.csv --course CDS-01")
        #expect(run.output.hasSuffix("0 completions recorded, 2 unchanged, 1 not completed (no date).\n"))
    }

    @Test func aMoveWithoutItsDayAndAnUnknownIDNumberAreRefusedWithoutQuotingIt() throws {
        let fixture = try TrainingFixture()
        try fixture.write("roster.csv", Self.roster)
        fixture.runOK("""
            training import roster.csv
            training course add CDS-01 "Chuyển đổi số" --provider "Sở TT&TT" --mode online --hours 8 --topic "digital transformation"
            """)
        try fixture.write("moved.csv", "full_name,unit_code,role,national_id\nNguyễn Văn An,07357,steering-board,001088012345\n")
        var run = fixture.run("training import moved.csv")
        #expect(run.errors.hasPrefix("test.ntm:1: error: moved.csv:2: column 'since': Nguyễn Văn An (no. 1) serves Xã Phúc Hòa: give the day of the move\n"))
        try fixture.write("unknown.csv", "national_id,course_code,completed_on\n036099001122,CDS-01,2023-05-11\n")
        run = fixture.run("training import unknown.csv")
        #expect(run.errors.hasPrefix("test.ntm:1: error: unknown.csv:2: column 'national_id': no official with this national ID number is registered"))
        #expect(!run.errors.contains("036099001122"))
        #expect(try fixture.read { try Int.fetchOne($0.db, sql: "SELECT COUNT(*) FROM training_enrolment") } == 0)
    }
}
