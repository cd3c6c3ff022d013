import Foundation
import GRDB
import Testing
import NTMCore
import ShellKit
@testable import Telecom

/// What an import stores, row by row, however its rows are gathered and bound: the operator lists as the
/// registry spells them, joined by commas in sorted order; a re-import changing nothing; a change audited
/// with the lists as names.
@Suite("Import storage")
struct ImportStorageTests {
    /// The cells after the code and date (`4g,3g,2g,5g,fibre,households,broadband,loudspeaker,no_signal`),
    /// and what each stores (`g2, g3, g4, g5, fibre, households, broadband, loudspeaker, no_signal`).
    static let patterns: [(cells: String, stored: String)] = [
        ("\"VinaPhone; viettel\",,MobiFone,,yes,120,30,yes,", "'MobiFone', NULL, 'Viettel,VinaPhone', NULL, 1, 120, 30, 1, NULL"),
        ("none,none,,,no,15,0,no,terrain", "NULL, '', '', NULL, 0, 15, 0, 0, 'terrain'"),
        (",Viettel,,,,,,,", "NULL, 'Viettel', NULL, NULL, NULL, NULL, NULL, NULL, NULL"),
        ("MobiFone,,,Vietnamobile,1,80,80,0,none", "NULL, NULL, 'MobiFone', 'Vietnamobile', 1, 80, 80, 0, NULL"),
        ("\"Viettel,MobiFone,vietnamobile\",Viettel,Viettel,Viettel,0,200,10,1,",
         "'Viettel', 'Viettel', 'MobiFone,Vietnamobile,Viettel', 'Viettel', 0, 200, 10, 1, NULL"),
        (",,,,yes,120,30,yes,", "NULL, NULL, NULL, NULL, 1, 120, 30, 1, NULL"),
        ("none,,,NONE,,0,0,,few-households", "NULL, NULL, '', '', NULL, 0, 0, NULL, 'few-households'"),
    ]

    static let days = ["2023-09-15", "2023-10-15", "2023-11-15"]

    /// A fixture with `perCommune` villages in each of three communes, and a survey of all of them whose
    /// rows cycle through ``patterns`` and ``days`` (periods that do not divide a batch's 64 rows, so
    /// a row's neighbour in the batch before holds another value at the same place).
    func surveyed(perCommune: Int) throws -> (fixture: TelecomFixture, codes: [String], text: String) {
        let fixture = try TelecomFixture()
        var codes: [String] = []
        for commune in ["07324", "07336", "07621"] { codes += try fixture.addVillages(commune, count: perCommune) }
        var lines = ["village_code,survey_date,4g,3g,2g,5g,fibre,households,broadband,loudspeaker,no_signal"]
        for (n, code) in codes.enumerated() {
            lines.append("\(code),\(Self.days[n % Self.days.count]),\(Self.patterns[n % Self.patterns.count].cells)")
        }
        return (fixture, codes, lines.joined(separator: "\n") + "\n")
    }

    func storedRows(_ fixture: TelecomFixture) throws -> [String: (day: String, values: String)] {
        let rows = try fixture.read { store in
            try Row.fetchAll(store.db, sql: """
                SELECT u.code, s.survey_date, s.g2, s.g3, s.g4, s.g5, s.fibre, s.households, s.broadband, s.loudspeaker,
                       s.no_signal, s.source
                FROM telecom_village_survey s JOIN unit u ON u.id = s.unit_id
                """)
        }
        func text(_ value: DatabaseValue) -> String {
            switch value.storage {
            case .null: return "NULL"
            case .int64(let n): return String(n)
            case .string(let s): return "'\(s)'"
            default: return "?"
            }
        }
        var stored: [String: (day: String, values: String)] = [:]
        for row in rows {
            #expect((row["source"] as String?) == "survey file")
            let values = ["g2", "g3", "g4", "g5", "fibre", "households", "broadband", "loudspeaker", "no_signal"]
                .map { text(row[$0] as DatabaseValue) }.joined(separator: ", ")
            stored[row["code"]] = (row["survey_date"], values)
        }
        return stored
    }

    @Test func rowsOfSeveralBatchesAreStoredAsTheirCellsSay() throws {
        // 600 rows: nine statements of 64 rows, then 24 alone; the villages read in one scan.
        let (fixture, codes, text) = try surveyed(perCommune: 200)
        try fixture.write("survey.csv", text)
        let run = fixture.run("telecom import survey.csv")
        #expect(run.output == "Imported survey.csv (village survey, 2023-09-15 to 2023-11-15): 600 rows read; "
                + "600 surveys added, 0 changed, 0 unchanged.\n", "\(run.errors)")
        let stored = try storedRows(fixture)
        #expect(stored.count == 600)
        for (n, code) in codes.enumerated() {
            #expect(stored[code]?.day == Self.days[n % Self.days.count], "\(code)")
            #expect(stored[code]?.values == Self.patterns[n % Self.patterns.count].stored, "\(code)")
        }
    }

    @Test func aRuleBrokenOnTheLastOfManyRowsLeavesNothingWritten() throws {
        // Batches of 64 are written while the rows are merged; the last row breaks a rule only the merge sees.
        let (fixture, codes, text) = try surveyed(perCommune: 200)
        let last = codes[codes.count - 1]
        try fixture.write("survey.csv", text + "\(last),2023-12-01,,,,,,10,11,,\n")
        let run = fixture.run("telecom import survey.csv")
        #expect(run.status == 1)
        #expect(run.errors.contains("survey.csv:602: \(last): broadband households (11) cannot exceed households (10)"), "\(run.errors)")
        #expect(try storedRows(fixture).isEmpty)
        #expect(try fixture.read { try $0.audit.list(AuditQuery(module: "telecom")).filter { $0.entity != "module" } }.isEmpty)
    }

    @Test func reimportingManyRowsChangesNothingAndAChangedRowIsAuditedWithItsOperators() throws {
        let (fixture, codes, text) = try surveyed(perCommune: 200)
        try fixture.write("survey.csv", text)
        #expect(fixture.run("telecom import survey.csv").status == 0)
        var run = fixture.run("telecom import survey.csv")
        #expect(run.output == "Imported survey.csv (village survey, 2023-09-15 to 2023-11-15): 600 rows read; "
                + "0 surveys added, 0 changed, 600 unchanged.\n", "\(run.errors)")

        // Row 4 of the file (pattern 4, 2023-10-15) with other 4G operators: changed, and audited with names.
        let code = codes[4]
        try fixture.write("change.csv", "village_code,survey_date,4g\n\(code),2023-10-15,\"vinaphone,Viettel\"\n")
        run = fixture.run("telecom import change.csv")
        #expect(run.output == "Imported change.csv (village survey, 2023-10-15): 1 row read; 0 surveys added, 1 changed, 0 unchanged.\n",
                "\(run.errors)")
        let entry = try #require(try fixture.read { try $0.audit.list(AuditQuery(module: "telecom")) }
            .first { $0.key == "\(code)/2023-10-15" })
        var before = VillageEvidence(mobile: [.g2: ["Viettel"], .g3: ["Viettel"], .g4: ["MobiFone", "Vietnamobile", "Viettel"],
                                              .g5: ["Viettel"]],
                                     fibre: false, households: 200, broadband: 10, loudspeaker: true)
        #expect(entry.before == before.auditValue.jsonText)
        before.mobile[.g4] = ["Viettel", "VinaPhone"]
        #expect(entry.after == before.auditValue.jsonText)
        #expect(entry.after?.contains("\"4g\":[\"Viettel\",\"VinaPhone\"]") == true, "\(entry.after ?? "")")
        // The other generations kept, stored as before.
        #expect(try storedRows(fixture)[code]?.values == "'Viettel', 'Viettel', 'Viettel,VinaPhone', 'Viettel', 0, 200, 10, 1, NULL")
    }

    @Test func aLaterSurveyMergesOverTheEarlierOneAsStored() throws {
        let (fixture, codes, text) = try surveyed(perCommune: 4)
        try fixture.write("survey.csv", text)
        #expect(fixture.run("telecom import survey.csv").status == 0)
        // Codes 0 and 4 hold patterns 0 and 4; a later survey gives 5G only, and clears pattern 1's no-signal flag.
        try fixture.write("later.csv", """
            village_code,survey_date,5g,no_signal
            \(codes[0]),2024-06-01,Vietnamobile,
            \(codes[4]),2024-06-01,none,
            \(codes[1]),2024-06-01,,none

            """)
        let run = fixture.run("telecom import later.csv")
        #expect(run.output == "Imported later.csv (village survey, 2024-06-01): 3 rows read; 3 surveys added, 0 changed, 0 unchanged.\n",
                "\(run.errors)")
        let history = try fixture.read { store in
            try [codes[0], codes[4], codes[1]].map { try store.villageSurveys.history(unitID: try fixture.unit($0).id) }
        }
        #expect(history[0].map(\.evidence.mobile) == [[.g2: ["MobiFone"], .g4: ["Viettel", "VinaPhone"]],
                                                      [.g2: ["MobiFone"], .g4: ["Viettel", "VinaPhone"], .g5: ["Vietnamobile"]]])
        #expect(history[1][1].evidence.mobile[.g4] == ["MobiFone", "Vietnamobile", "Viettel"])
        #expect(history[1][1].evidence.mobile[.g5] == [])
        #expect(history[1][1].evidence.mobile[.g3] == ["Viettel"])
        #expect(history[2][1].evidence.noSignal == nil && history[2][1].evidence.mobile[.g4] == [])
        #expect(history[2][1].evidence.households == 15)
    }

    @Test func mobileServiceReadsAsNamesPerGeneration() {
        var service: MobileService = [.g4: ["Viettel", "VinaPhone"], .g3: []]
        #expect(service[.g4] == ["Viettel", "VinaPhone"])
        #expect(service[.g3] == [])
        #expect(service[.g2] == nil && service[.g5] == nil)
        #expect(service.map { $0.key } == [.g3, .g4])
        #expect(service != [.g4: ["VinaPhone", "Viettel"], .g3: []])
        #expect(service == [.g3: [], .g4: ["Viettel", "VinaPhone"]])
        service[.g3] = nil
        #expect(service == [.g4: ["Viettel", "VinaPhone"]] && !service.isEmpty)
        service[.g4] = nil
        #expect(service.isEmpty && service == MobileService())
        let evidence = VillageEvidence(mobile: [.g5: ["MobiFone"]], noSignal: .terrain)
        #expect(evidence.violation?.hasPrefix("a no-signal village (terrain) cannot have 5G service from MobiFone") == true)
        #expect(VillageEvidence(mobile: [.g4: []]).hasService(atLeast: .g4) == false)
        #expect(VillageEvidence(mobile: [.g3: ["Viettel"]]).hasService(atLeast: .g4) == nil)
        #expect(VillageEvidence(mobile: [.g5: ["Viettel"]]).hasService(atLeast: .g4) == true)
    }
}
