import Foundation
import Testing
import GRDB
import NTMCore
@testable import Workflow

/// `workflow import`: all or nothing, idempotent, equal to a direct count, and never storing an applicant.
@Suite("Dossier import")
struct ImportTests {
    static let files = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../TranscriptTests/checks/files").standardized

    static func file(_ name: String) -> String { files.appendingPathComponent(name).path }

    func dossierCount(_ fixture: WorkflowFixture) throws -> Int {
        try fixture.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM workflow_dossier") ?? 0 }
    }

    @Test func theProvincesOnlineRateEqualsADirectCountOverTheFile() throws {
        let fixture = try WorkflowFixture()
        let path = Self.file("workflow-export-2024.csv")
        let outcome = try DossierImport(path: path, displayName: "export.csv").run(fixture.access, countLines: false)
        #expect(outcome.rowsRead == 400)
        #expect(outcome.added == 400)
        // Directly: rows received in 2024, and of those, online.
        let reader = try CSVReader(path: path)
        let header = try reader.readHeader()
        let channel = header.firstIndex(of: "channel")!, received = header.firstIndex(of: "received_at")!
        var total = 0, online = 0
        while try reader.next() {
            guard try reader.string(at: received).hasPrefix("2024") else { continue }
            total += 1
            if try reader.string(at: channel) == "online" { online += 1 }
        }
        let value = try #require(try fixture.indicator("workflow.online_dossiers", "24", "2024"))
        #expect(value.numerator == Double(online))
        #expect(value.denominator == Double(total))
        #expect(total > 100)
    }

    @Test func reimportingTheSameExportChangesNothing() throws {
        let fixture = try WorkflowFixture()
        let path = Self.file("workflow-export-2024.csv")
        _ = try DossierImport(path: path, displayName: "export.csv").run(fixture.access, countLines: false)
        let auditBefore = try fixture.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM audit") ?? 0 }
        let again = try DossierImport(path: path, displayName: "export.csv").run(fixture.access, countLines: false)
        #expect(again.added == 0)
        #expect(again.updated == 0)
        #expect(again.unchanged == 400)
        #expect(again.proceduresAdded == 0 && again.proceduresUpdated == 0)
        let auditAfter = try fixture.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM audit") ?? 0 }
        #expect(auditAfter == auditBefore)
    }

    @Test func aChangedRowIsUpdatedAndCounted() throws {
        let fixture = try WorkflowFixture()
        let header = "dossier_code,procedure_code,procedure_name,unit_code,channel,service_level,received_at,status,due_at,finished_at\n"
        let first = try fixture.write("a.csv", header + "A-1,1.1,Thủ tục,07324,online,full_online,2024-03-04,received,2024-03-08,\n")
        let second = try fixture.write("b.csv", header + "A-1,1.1,Thủ tục,07324,online,full_online,2024-03-04,finished,2024-03-08,2024-03-06\n"
            + "A-2,1.1,Thủ tục,07324,online,full_online,2024-03-04,received,2024-03-08,\n")
        _ = try DossierImport(path: first, displayName: "a.csv").run(fixture.access, countLines: false)
        let outcome = try DossierImport(path: second, displayName: "b.csv").run(fixture.access, countLines: false)
        #expect(outcome.added == 1)
        #expect(outcome.updated == 1)
        let stored = try #require(try fixture.read { try $0.dossiers.dossier(code: "A-1") })
        #expect(stored.dossier.status == .finished)
    }

    @Test func aBadRowDeepInTheFileChangesNothing() throws {
        let fixture = try WorkflowFixture(onDisk: true)
        _ = try DossierImport(path: Self.file("workflow-cases.csv"), displayName: "cases.csv").run(fixture.access, countLines: false)
        let before = try dossierCount(fixture)
        #expect(throws: ImportError.self) {
            _ = try DossierImport(path: Self.file("workflow-export-bad-row.csv"), displayName: "bad.csv")
                .run(fixture.access, countLines: false)
        }
        do {
            _ = try DossierImport(path: Self.file("workflow-export-bad-row.csv"), displayName: "bad.csv")
                .run(fixture.access, countLines: false)
        } catch let error as ImportError {
            #expect(error.line == 397)
            #expect(error.column == "status")
        }
        #expect(try dossierCount(fixture) == before)
        let procedures = try fixture.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM workflow_procedure") ?? 0 }
        #expect(procedures == 3)   // the cases' three, none of the bad file's
    }

    @Test func noApplicantDataFromAnExportIsStored() throws {
        let fixture = try WorkflowFixture(onDisk: true)
        let path = Self.file("workflow-export-2024.csv")
        let outcome = try DossierImport(path: path, displayName: "export.csv").run(fixture.access, countLines: false)
        #expect(outcome.droppedColumns == ["applicant_name", "applicant_address", "applicant_id"])
        try fixture.workspace.close()
        // Every applicant value of the file, searched for in the database file's bytes (and its WAL).
        let reader = try CSVReader(path: path)
        let header = try reader.readHeader()
        let columns = ["applicant_name", "applicant_address", "applicant_id"].map { header.firstIndex(of: $0)! }
        var values: [String] = []
        while try reader.next() { values += try columns.map { try reader.string(at: $0) } }
        #expect(values.count == 1200)
        var stored = Data()
        for suffix in ["", "-wal"] {
            if let data = FileManager.default.contents(atPath: fixture.databasePath + suffix) { stored.append(data) }
        }
        #expect(stored.count > 100_000)
        let found = values.filter { stored.range(of: Data($0.utf8)) != nil }
        #expect(found.isEmpty, "applicant values in the database: \(found.prefix(3))")
        // And the codes themselves are there, so the scan would have found text.
        #expect(stored.range(of: Data("000.00.24.H00-".utf8)) != nil)
    }
}
