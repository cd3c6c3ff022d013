import Foundation
import GRDB
import Testing
import NTMCore
@testable import EHealth

/// `ehr import`: both shapes, all or nothing, nothing personal stored, and figures that match the file.
@Suite("Import")
struct ImportTests {
    /// The number of stored figure rows and of the module's audit rows.
    static func stored(_ fixture: EHealthFixture) throws -> (records: Int, audit: Int) {
        try fixture.read { store in
            (try Int.fetchOne(store.db, sql: "SELECT COUNT(*) FROM ehr_record")!,
             try Int.fetchOne(store.db, sql: "SELECT COUNT(*) FROM audit WHERE module = 'ehr' AND entity <> 'module'")!)
        }
    }

    // MARK: Person-level exports

    @Test func aPersonLevelExportIsCountedPerCommuneAndOnlyTheCountsAreStored() throws {
        let fixture = try EHealthFixture()
        let codes = try fixture.communeCodes()
        let file = PersonExportFile.generate(rows: 20_000, codes: codes)
        try fixture.write("persons.csv", file.text)
        let run = fixture.run("ehr import persons.csv --period 2023")
        #expect(run.status == 0, "\(run.errors)")
        let (_, byCode) = file.counts()
        #expect(run.output == "Imported persons.csv (person-level export, 2023): 20,000 rows read, \(byCode.count) communes updated.\n")
        try fixture.read { store in
            let index = try store.units.index()
            for (code, expected) in byCode {
                let unit = index.unit(code: code, on: Day.programmeReference)!
                let figures = try #require(try store.healthRecords.record(unitID: unit.id, period: .year(2023))?.figures)
                #expect(figures == HealthRecordFigures(residents: expected.residents, withRecord: expected.withRecord,
                                                       insured: expected.insured, underFive: expected.underFive))
            }
        }
        #expect(try Self.stored(fixture) == (byCode.count, byCode.count))   // one audit row per commune
    }

    @Test func theProvincesCoverageEqualsADirectCountOverTheFile() throws {
        let fixture = try EHealthFixture()
        let file = PersonExportFile.generate(rows: 30_000, codes: try fixture.communeCodes(), seed: 2023)
        try fixture.write("persons.csv", file.text)
        #expect(fixture.run("ehr import persons.csv --period 2023").status == 0)
        let run = fixture.run("ehr coverage --by province --period 2023 --format csv")
        #expect(run.status == 0, "\(run.errors)")
        // Direct: count the file's lines with plain string work.
        let lines = file.text.split(separator: "\n").dropFirst()
        let residents = lines.count
        let withRecord = lines.filter { $0.split(separator: ",")[4] == "1" }.count
        let rows = run.output.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows[0] == ["code", "unit", "communes", "reporting", "residents", "with_ehr", "coverage"])
        #expect(rows[1][0] == "24")
        #expect(Int(rows[1][4]) == residents)
        #expect(Int(rows[1][5]) == withRecord)
        #expect(abs(Double(rows[1][6])! - 100 * Double(withRecord) / Double(residents)) < 0.001)
        let indicator = try #require(try fixture.indicator("ehr.coverage", "24", "2023"))
        #expect(indicator.numerator == Double(withRecord))
        #expect(indicator.denominator == Double(residents))
    }

    @Test func noPersonIdFromAnImportAppearsAnywhereInTheDatabaseFile() throws {
        let fixture = try EHealthFixture(onDisk: true)
        var file = PersonExportFile.generate(rows: 5_000, codes: try fixture.communeCodes())
        try fixture.write("persons.csv", file.text)
        #expect(fixture.run("ehr import persons.csv --period 2023").status == 0)
        // A failing import (a repeated id, and an id in the wrong column) must not leak ids either.
        file.rows[4000][0] = file.rows[10][0]
        try fixture.write("again.csv", file.text)
        let failed = fixture.run("ehr import again.csv --period 2024")
        #expect(failed.status == 1)
        file.rows[4000][0] = "0241" + "55555555"
        file.rows[4001][4] = file.rows[4001][0]
        try fixture.write("shifted.csv", file.text)
        let shifted = fixture.run("ehr import shifted.csv --period 2024")
        #expect(shifted.status == 1)
        try fixture.workspace.withDatabase { db in _ = try db.checkpoint(.truncate) }
        try fixture.workspace.close()

        var bytes = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path) where name.hasPrefix("ntm.db") {
            bytes.append(try Data(contentsOf: fixture.folder.appendingPathComponent(name)))
        }
        #expect(bytes.count > 10_000)
        let ids = Set(file.ids + ["024155555555"])
        // Every run of digits in the file, as text (ids would be stored as text or as a number's digits).
        var digitRuns = Set<String>()
        var run = ""
        for byte in bytes {
            if byte >= 48 && byte <= 57 { run.append(Character(Unicode.Scalar(byte))) } else {
                if run.count >= 8 { digitRuns.insert(run) }
                run = ""
            }
        }
        #expect(digitRuns.filter { candidate in ids.contains { $0.contains(candidate) || candidate.contains($0) } }.isEmpty)
        for id in file.ids.prefix(200) {
            // Stored as a 64-bit integer, an id would appear as these 8 bytes (big-endian in SQLite records).
            let value = UInt64(id)!.bigEndian
            let pattern = withUnsafeBytes(of: value) { Data($0) }
            #expect(bytes.range(of: pattern) == nil)
        }
        #expect(!failed.errors.contains(file.rows[10][0]))
        #expect(!shifted.errors.contains(file.rows[4001][0]))
    }

    @Test func aBadRowDeepInThePersonFileLeavesTheDatabaseAsItWas() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07324", "2023", residents: 9120, withRecord: 8760, underFive: 800, stunted: 90)
        var file = PersonExportFile.generate(rows: 60_000, codes: try fixture.communeCodes())
        file.rows[59_990][4] = "yes"   // line 59,992 of 60,001
        try fixture.write("persons.csv", file.text)
        let before = try Self.stored(fixture)
        let run = fixture.run("ehr import persons.csv --period 2023")
        #expect(run.status == 1)
        #expect(run.errors == "test.ntm:1: error: persons.csv:59992: column 'has_ehr': expected 0 or 1 (got 'yes')\n")
        #expect(try Self.stored(fixture) == before)
        let figures = try fixture.read { try $0.healthRecords.record(unitID: fixture.unit("07324").id, period: .year(2023)) }
        #expect(figures?.figures == HealthRecordFigures(residents: 9120, withRecord: 8760, underFive: 800, stuntedUnderFive: 90))
    }

    @Test func repeatedPersonIdsRefuseTheImportWithTheirLineNumbers() throws {
        let fixture = try EHealthFixture()
        var file = PersonExportFile.generate(rows: 1_000, codes: try fixture.communeCodes())
        file.rows[500][0] = file.rows[3][0]
        file.rows[900][0] = file.rows[40][0]
        try fixture.write("persons.csv", file.text)
        let run = fixture.run("ehr import persons.csv --period 2023")
        #expect(run.status == 1)
        #expect(run.errors == "test.ntm:1: error: persons.csv:502: column 'person_id': the same person id as line 5: "
                + "each resident must appear once; repeated ids also on line 902 (= 42)\n")
        #expect(try Self.stored(fixture) == (0, 0))
    }

    @Test func everyPhaseOfAPersonLevelImportShowsOnTheTerminal() throws {
        let fixture = try EHealthFixture()
        fixture.console.isErrorTerminal = true
        let file = PersonExportFile.generate(rows: 60_000, codes: try fixture.communeCodes())
        try fixture.write("persons.csv", file.text)
        let run = fixture.run("ehr import persons.csv --period 2023")
        #expect(run.status == 0, "\(run.errors)")
        // Read, then the duplicate search re-reads the file, then the figures are written: never a blank screen.
        let phases = ["Importing persons.csv: reading", "Importing persons.csv: checking for repeated ids",
                      "Importing persons.csv: writing…"]
        var rest = Substring(run.errors)
        for phase in phases {
            let found = try #require(rest.range(of: phase), "\(phase) is shown, after the phase before")
            rest = rest[found.upperBound...]
        }
        #expect(run.errors.contains("checking for repeated ids ████████████████████ 100%"))
    }

    @Test func ctrlCDuringTheDuplicateSearchStopsItWithinAChunk() throws {
        let fixture = try EHealthFixture()
        fixture.console.isErrorTerminal = true
        let file = PersonExportFile.generate(rows: 60_000, codes: try fixture.communeCodes())
        try fixture.write("persons.csv", file.text)
        // Ctrl-C as soon as the duplicate search has started.
        let console = fixture.console
        fixture.shell.interruptRequested = { console.errors.contains("checking for repeated ids") }
        let run = fixture.run("ehr import persons.csv --period 2023")
        #expect(run.status == 1)
        #expect(run.errors.contains("error: interrupted"))
        #expect(!run.errors.contains("checking for repeated ids ████████████████████ 100%"),
                "the search stopped at the next chunk, not at the end of its pass")
        #expect(!run.errors.contains("writing"))
        #expect(try Self.stored(fixture) == (0, 0))
    }

    @Test func aPersonLevelExportNeedsAPeriod() throws {
        let fixture = try EHealthFixture()
        try fixture.write("persons.csv", PersonExportFile.generate(rows: 10, codes: ["07324"]).text)
        let run = fixture.run("ehr import persons.csv")
        #expect(run.status == 1)
        #expect(run.errors.contains("persons.csv:1: a person-level export is a snapshot: give the period it describes with --period"))
    }

    @Test func aStuntingCountFromASurveyIsKeptAcrossAPersonLevelImport() throws {
        let fixture = try EHealthFixture()
        let file = PersonExportFile.generate(rows: 4_000, codes: ["07324"])
        let counted = file.counts().total
        try fixture.set("07324", "2023", residents: 1, withRecord: 1, underFive: 1, stunted: 1)
        try fixture.write("persons.csv", file.text)
        let run = fixture.run("ehr import persons.csv --period 2023")
        #expect(run.status == 0, "\(run.errors)")
        let record = try fixture.read { try $0.healthRecords.record(unitID: fixture.unit("07324").id, period: .year(2023)) }
        #expect(record?.figures == HealthRecordFigures(residents: counted.residents, withRecord: counted.withRecord,
                                                       insured: counted.insured, underFive: counted.underFive, stuntedUnderFive: 1))
        #expect(record?.source == .personExport)
    }

    @Test func aStuntingCountThatNoLongerFitsRefusesTheImport() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07324", "2023", residents: 5000, withRecord: 4000, underFive: 900, stunted: 500)
        try fixture.write("persons.csv", PersonExportFile.generate(rows: 300, codes: ["07324"]).text)
        let run = fixture.run("ehr import persons.csv --period 2023")
        #expect(run.status == 1)
        #expect(run.errors.contains("Xã Phúc Hòa (07324), 2023: stunted under 5 (500) cannot exceed under 5"))
    }

    @Test func importingTheSameExportTwiceChangesNothingTheSecondTime() throws {
        let fixture = try EHealthFixture()
        try fixture.write("persons.csv", PersonExportFile.generate(rows: 2_000, codes: ["07324", "07306"]).text)
        #expect(fixture.run("ehr import persons.csv --period 2023-05").status == 0)
        let again = fixture.run("ehr import persons.csv --period 2023-05")
        #expect(again.output == "Imported persons.csv (person-level export, 2023-05): 2,000 rows read, 0 communes updated, 2 communes unchanged.\n")
        #expect(try Self.stored(fixture) == (2, 2))
    }

    // MARK: Figures per commune

    @Test func aFiguresFileReplacesWhatItGivesAndKeepsTheRest() throws {
        let fixture = try EHealthFixture()
        try fixture.set("07324", "2023", residents: 9000, withRecord: 8000, insured: 8500, underFive: 700, stunted: 70)
        try fixture.write("figures.csv", """
            unit_code,unit_name,period,residents,with_ehr,insured,under5,stunted_under5
            07324,Xã Phúc Hòa,2023,9120,8760,,,
            07306,Thị trấn Nhã Nam,2023,6400,6310,6200,420,31
            07306,Thị trấn Nhã Nam,2023Q2,6380,6200,,,

            """)
        let run = fixture.run("ehr import figures.csv")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == "Imported figures.csv (figures per commune, 2023, 2023Q2): 3 rows read, 2 communes updated.\n")
        let phucHoa = try fixture.read { try $0.healthRecords.record(unitID: fixture.unit("07324").id, period: .year(2023)) }
        #expect(phucHoa?.figures == HealthRecordFigures(residents: 9120, withRecord: 8760, insured: 8500, underFive: 700, stuntedUnderFive: 70))
        #expect(phucHoa?.source == .aggregateFile)
    }

    @Test func aBadLastRowOfAFiguresFileLeavesTheDatabaseAsItWas() throws {
        let fixture = try EHealthFixture()
        let codes = try fixture.communeCodes()
        var text = "unit_code,residents,with_ehr,insured\n"
        for code in codes.dropLast() { text += "\(code),1000,950,990\n" }
        try fixture.write("figures.csv", text + "\(codes.last!),1000,1001,990\n")   // line 210 of 210
        let run = fixture.run("ehr import figures.csv --period 2023Q4")
        #expect(run.status == 1)
        #expect(run.errors == "test.ntm:1: error: figures.csv:210: column 'with_ehr': with EHR (1,001) cannot exceed residents (1,000)\n")
        try fixture.write("figures.csv", text + "07324,1000,950,990\n")
        #expect(fixture.run("ehr import figures.csv --period 2023Q4").errors
                == "test.ntm:1: error: figures.csv:210: column 'unit_code': unit 07324 and period 2023Q4 already given on line \(codes.firstIndex(of: "07324")! + 2)\n")
        try fixture.write("figures.csv", text + "07999,1000,950,990\n")
        #expect(fixture.run("ehr import figures.csv --period 2023Q4").errors
                == "test.ntm:1: error: figures.csv:210: column 'unit_code': no commune, ward or township has code '07999' on 2023-12-31\n")
        #expect(try Self.stored(fixture) == (0, 0))
    }

    @Test func aFiguresFileIsCheckedForForm() throws {
        let fixture = try EHealthFixture()
        func errors(_ text: String, _ options: String = "") throws -> String {
            try fixture.write("figures.csv", text)
            return fixture.run("ehr import figures.csv \(options)").errors
        }
        #expect(try errors("unit_code,residents,with_ehr\n07324,10,9\n")
                == "test.ntm:1: error: figures.csv:1: column 'period': missing from the header: add the column, or give the period with --period\n")
        #expect(try errors("unit_code,period,residents,with_ehr\n07324,2023,ten,9\n")
                == "test.ntm:1: error: figures.csv:2: column 'residents': expected a whole number of people (got 'ten')\n")
        #expect(try errors("unit_code,period,residents,with_ehr\n07324,2023Q5,10,9\n")
                == "test.ntm:1: error: figures.csv:2: column 'period': malformed period '2023Q5': quarter must be Q1–Q4\n")
        #expect(try errors("unit_code,period,residents,with_ehr\n07324,2023Q2,10,9\n", "--period 2023")
                == "test.ntm:1: error: figures.csv:2: column 'period': period 2023Q2 differs from --period 2023\n")
        #expect(try errors("unit_code,period,residents,with_ehr\n216,2023,10,9\n")
                == "test.ntm:1: error: figures.csv:2: column 'unit_code': Huyện Tân Yên (216) is a district: figures are recorded per commune, ward or township\n")
        #expect(try errors("unit_code,period,residents,with_ehrs\n")
                == "test.ntm:1: error: figures.csv:1: column 'with_ehrs': not a column of a figures file (expected unit_code,period,residents,with_ehr,insured,under5,stunted_under5)\n")
        #expect(try errors("code,value\n1,2\n").contains("figures.csv:1: cannot tell what the file holds from its header"))
        #expect(try Self.stored(fixture) == (0, 0))
    }

    @Test func aMissingFileExitsWithStatusThree() throws {
        let fixture = try EHealthFixture()
        let run = fixture.run("ehr import nowhere.csv --period 2023")
        #expect(run.status == 3)
        #expect(run.errors == "test.ntm:1: error: cannot read 'nowhere.csv': No such file or directory\n")
    }
}
