import Foundation
import Testing
import NTMCore
@testable import EHealth

/// The byte-level reader of person-level exports: what it counts, how it reads odd but valid CSV,
/// how it reports bad rows (line and column, never a person id), and how it finds repeated ids.
@Suite("Person-level export scanner")
struct PersonExportScannerTests {
    static let codes = CommuneCodeTable(
        units: [.init(unitID: 1, code: "07324", name: "Xã Phúc Hòa"), .init(unitID: 2, code: "07306", name: "Thị trấn Nhã Nam"),
                .init(unitID: 3, code: "07201", name: "Phường Thọ Xương")],
        validityDescription: "valid on 2023-12-31")

    /// Scans `text` written to a temporary file; returns the tally and the repeated-id line groups.
    static func scan(_ text: String, chunkSize: Int = ByteFile.chunkSize, periodYear: Int = 2023)
        throws -> (PersonExportScanner.Tally, [[Int]]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("persons-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try ByteFile(path: path, displayName: "persons.csv")
        var scanner = PersonExportScanner(file: file, codes: codes, periodYear: periodYear)
        scanner.chunkSize = chunkSize
        let (tally, duplicates) = try scanner.scan { _ in }
        let suspects = try scanner.repeatedFingerprints(duplicates)
        return (tally, try scanner.linesOfRepeatedPersons(fingerprints: suspects))
    }

    /// The import error a text raises.
    static func error(_ text: String) -> ImportError? {
        do {
            _ = try scan(text)
            return nil
        } catch let error as ImportError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func countsResidentsRecordsInsuredAndChildrenPerCommune() throws {
        let (tally, repeated) = try Self.scan("""
            person_id,commune_code,birth_year,sex,has_ehr,insured
            024100000001,07324,1980,M,1,1
            024100000002,07324,2019,F,0,1
            024100000003,07324,2018,F,1,0
            024100000004,07306,2023,M,1,1
            024100000005,07201,1950,F,0,0

            """)
        #expect(repeated.isEmpty)
        #expect(tally.rows == 5)
        #expect(tally.residents == [3, 1, 1])
        #expect(tally.withRecord == [2, 1, 0])
        #expect(tally.insured == [2, 1, 0])
        #expect(tally.underFive == [1, 1, 0])   // born 2019–2023 for 2023; 2018 is five at the end of 2023
    }

    @Test func readsColumnsInAnyOrderQuotedFieldsCRLFABOMBlankLinesAndNoFinalNewline() throws {
        let (tally, _) = try Self.scan("\u{FEFF}insured,has_ehr,sex,birth_year,commune_code,person_id\r\n"
            + "1,1,M,1980,\"07324\",\"A\"\"1\"\r\n"
            + "\r\n"
            + "0,1,,1990,7306,B2\r\n"       // code without its leading zero; sex not given
            + "\"1\",\"0\",\"f\",\"2020\",\"07324\",\"C,3\"")
        #expect(tally.rows == 3)
        #expect(tally.residents == [2, 1, 0])
        #expect(tally.withRecord == [1, 1, 0])
        #expect(tally.insured == [2, 0, 0])
        #expect(tally.underFive == [1, 0, 0])
    }

    @Test func rowsAcrossChunkBoundariesCountTheSame() throws {
        let file = PersonExportFile.generate(rows: 3000, codes: ["07324", "07306", "07201"])
        let (whole, _) = try Self.scan(file.text)
        let (chunked, _) = try Self.scan(file.text, chunkSize: 61)
        #expect(whole.rows == 3000)
        #expect(chunked.residents == whole.residents)
        #expect(chunked.withRecord == whole.withRecord)
        #expect(chunked.insured == whole.insured)
        #expect(chunked.underFive == whole.underFive)
        let direct = file.counts().byCode
        #expect(whole.residents == ["07324", "07306", "07201"].map { direct[$0]?.residents ?? 0 })
        #expect(whole.withRecord == ["07324", "07306", "07201"].map { direct[$0]?.withRecord ?? 0 })
    }

    @Test func aBadRowIsReportedByLineAndColumn() {
        let header = PersonExportFile.header + "\n"
        let good = "024100000001,07324,1980,M,1,1\n"
        #expect(Self.error(header + good + "024100000002,07999,1980,M,1,1\n")?.message
                == "persons.csv:3: column 'commune_code': '07999' is not the code of a commune, ward or township valid on 2023-12-31")
        #expect(Self.error(header + good + good.replacing("024100000001", with: "024100000002").replacing(",1,1", with: ",2,1"))?.message
                == "persons.csv:3: column 'has_ehr': expected 0 or 1 (got '2')")
        #expect(Self.error(header + "024100000002,07324,2024,M,1,1\n")?.message
                == "persons.csv:2: column 'birth_year': born in 2024, after the period's year 2023")
        #expect(Self.error(header + "024100000002,07324,19x0,M,1,1\n")?.message
                == "persons.csv:2: column 'birth_year': expected a year of birth such as 1987 (got '19x0')")
        #expect(Self.error(header + "024100000002,07324,1980,X,1,1\n")?.message
                == "persons.csv:2: column 'sex': expected M, F or empty (got 'X')")
        #expect(Self.error(header + ",07324,1980,M,1,1\n")?.message == "persons.csv:2: column 'person_id': empty person id")
        #expect(Self.error(header + "024100000002,07324,1980,M,1\n")?.message == "persons.csv:2: 5 fields, the header has 6")
        #expect(Self.error(header + "024100000002,07324,1980,M,1,1,9\n")?.message == "persons.csv:2: more fields than the header's 6")
        #expect(Self.error(header + "\"024100000002,07324,1980,M,1,1\n")?.message
                == "persons.csv:2: column 'person_id': quoted field not closed on its line")
    }

    @Test func aPersonIdInTheWrongColumnIsNeverQuoted() {
        // Columns shifted: the id lands in has_ehr, the commune code, ... The message must not carry it.
        let id = "024187654321"
        for row in ["07324,\(id),1980,M,1,1", "\(id),07324,\(id),M,1,1", "\(id),07324,1980,\(id),1,1",
                    "\(id),07324,1980,M,\(id),1", "\(id),07324,1980,M,1,\(id)"] {
            let message = Self.error(PersonExportFile.header + "\n" + row + "\n")?.message ?? ""
            #expect(message.hasPrefix("persons.csv:2: column '"), "\(message)")
            #expect(!message.contains(id), "\(message)")
            #expect(!message.contains("87654321"), "\(message)")
        }
    }

    @Test func theHeaderMustBeAPersonLevelExport() {
        #expect(Self.error("person_id,commune_code,birth_year,sex,has_ehr\n")?.message
                == "persons.csv:1: column 'insured': missing from the header (a person-level export has person_id,commune_code,birth_year,sex,has_ehr,insured)")
        #expect(Self.error("person_id,commune_code,birth_year,sex,has_ehr,insured,name\n")?.message
                == "persons.csv:1: column 'name': not a column of a person-level export (expected person_id,commune_code,birth_year,sex,has_ehr,insured)")
    }

    @Test func repeatedPersonIdsAreFoundWithTheirLineNumbers() throws {
        var file = PersonExportFile.generate(rows: 5000, codes: ["07324", "07306"])
        file.rows[3999][0] = file.rows[9][0]     // line 4001 repeats line 11
        file.rows[4999][0] = file.rows[9][0]     // and line 5001 too
        file.rows[2500][0] = file.rows[100][0]   // line 2502 repeats line 102
        let (_, repeated) = try Self.scan(file.text, chunkSize: 4096)
        #expect(repeated == [[11, 4001, 5001], [102, 2502]])
    }

    @Test func repeatsAreFoundAcrossSeveralPlacementPasses() throws {
        var finder = DuplicateFinder()
        var hashes: [UInt64] = []
        var state: UInt64 = 7
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            hashes.append(state ^ (state >> 29))
        }
        hashes.append(hashes[123])
        hashes.append(hashes[19_000])
        hashes.append(hashes[19_000])
        for hash in hashes { finder.count(hash) }
        #expect(finder.rows == 20_003)
        #expect(finder.passes(maximumRows: 3_000).count >= 7)   // a 3,000-row budget: at least 7 passes
        #expect(finder.passes(maximumRows: 3_000).reduce(0) { $0 + $1.count } == DuplicateFinder.bucketCount)
        var passes = 0
        let repeated = try finder.repeatedFingerprints(maximumRowsPerPass: 3_000) { found in
            passes += 1
            for hash in hashes.reversed() { try found(hash) }   // any order will do
        }
        #expect(passes == finder.passes(maximumRows: 3_000).count)
        #expect(repeated == [DuplicateFinder.fingerprint(hashes[123]), DuplicateFinder.fingerprint(hashes[19_000])])
    }

    @Test func aFileThatChangesBetweenPassesIsNoticed() {
        var finder = DuplicateFinder()
        for hash: UInt64 in [1 << 50, 2 << 50, 3 << 50] { finder.count(hash) }
        #expect(throws: DuplicateFinder.FileChanged.self) {
            try finder.repeatedFingerprints { found in
                for hash: UInt64 in [1 << 50, 2 << 50, 3 << 50, 3 << 50] { try found(hash) }
            }
        }
    }
}
