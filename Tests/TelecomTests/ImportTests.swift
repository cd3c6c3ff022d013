import Foundation
import GRDB
import Testing
import NTMCore
import ShellKit
@testable import Telecom

/// `telecom import`: all or nothing, merged over earlier surveys, idempotent; and coverage over what it stored.
@Suite("Import and coverage")
struct ImportTests {
    /// A survey of `villages` villages in each of three communes of two districts, with figures that vary by row.
    static func surveyFile(villages: Int) -> (text: String, households: Int, covered: Int, coveredHouseholds: Int, broadband: Int) {
        var lines = ["village_code,village_name,survey_date,4g,5g,fibre,households,broadband,loudspeaker,no_signal"]
        var households = 0, covered = 0, coveredHouseholds = 0, broadband = 0
        for commune in ["07324", "07336", "07621"] {
            for n in 1...villages {
                let h = 40 + (n * 37) % 300
                let b = h * (n % 5) / 5
                let hasSignal = n % 7 != 0
                let has4G = hasSignal && n % 4 != 0
                let fourG = has4G ? "\"Viettel,VinaPhone\"" : (hasSignal ? "none" : "")
                let fiveG = has4G && n % 3 == 0 ? "Viettel" : ""
                lines.append("\(commune)\(n < 10 ? "0" : "")\(n),Thôn \(n),2023-11-15,\(fourG),\(fiveG),\(n % 2 == 0 ? "yes" : "no"),"
                             + "\(h),\(b),1,\(hasSignal ? "" : "terrain")")
                households += h
                broadband += b
                if has4G { covered += 1; coveredHouseholds += h }
            }
        }
        return (lines.joined(separator: "\n") + "\n", households, covered, coveredHouseholds, broadband)
    }

    func prepared(villages: Int = 30) throws -> TelecomFixture {
        let fixture = try TelecomFixture()
        for commune in ["07324", "07336", "07621"] { try fixture.addVillages(commune, count: villages) }
        return fixture
    }

    func storedSurveys(_ fixture: TelecomFixture) throws -> Int {
        try fixture.read { try Int.fetchOne($0.db, sql: "SELECT COUNT(*) FROM telecom_village_survey") ?? 0 }
    }

    @Test func provinceCoverageEqualsADirectComputationOverTheFile() throws {
        let fixture = try prepared()
        let file = Self.surveyFile(villages: 30)
        try fixture.write("survey.csv", file.text)
        var run = fixture.run("telecom import survey.csv")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == "Imported survey.csv (village survey, 2023-11-15): 90 rows read; 90 surveys added, 0 changed, 0 unchanged.\n")
        run = fixture.run("telecom coverage --by province --format csv")
        let fields = run.output.split(separator: "\n")[1].split(separator: ",").map(String.init)
        // code,unit,villages,surveyed,covered,coverage,households,households_covered,broadband,broadband_share,no_signal
        #expect(fields[2] == "90" && fields[3] == "90")
        #expect(Int(fields[4]) == file.covered)
        #expect(Int(fields[6]) == file.households)
        #expect(Int(fields[7]) == file.coveredHouseholds)
        #expect(Int(fields[8]) == file.broadband)
        #expect(fields[10] == "12")
        let share = try #require(Double(fields[5]))
        #expect(abs(share - 100 * Double(file.covered) / 90) < 0.01)
        // Districts sum to the province: code,unit,district,villages,surveyed,covered,...
        run = fixture.run("telecom coverage --by district --format csv")
        let districts = run.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(districts.count == 10)
        #expect(districts.map { Int($0[5]) ?? -1 }.reduce(0, +) == file.covered)
    }

    @Test func aCommuneFormedIn2025SumsTheVillagesOfItsPredecessors() throws {
        let fixture = try prepared(villages: 6)
        let file = Self.surveyFile(villages: 6)
        try fixture.write("survey.csv", file.text)
        #expect(fixture.run("telecom import survey.csv").status == 0)
        // New Xã Phúc Hòa (07330, from 2025-07-01) was formed from Phúc Hòa (07324), Hợp Đức and Lam Cốt.
        let run = fixture.run("telecom coverage --in \"phuc hoa\" --as-of 2025-12-31 --by commune --format csv")
        #expect(run.status == 0, "\(run.errors)")
        let row = run.output.split(separator: "\n")[1].split(separator: ",").map(String.init)
        #expect(row[0] == "07330" && row[3] == "6" && row[4] == "6")
        let old = fixture.run("telecom coverage --in 07324 --as-of 2023-12-31 --by commune --format csv")
        #expect(old.output.split(separator: "\n")[1].split(separator: ",").dropFirst(3).joined(separator: ",")
                == row.dropFirst(3).joined(separator: ","))
    }

    @Test func aBadRowChangesNothing() throws {
        let fixture = try prepared(villages: 5)
        var text = Self.surveyFile(villages: 5).text
        text += "0732499,Thôn X,2023-11-15,Viettel,,yes,10,5,1,\n"
        try fixture.write("bad.csv", text)
        var run = fixture.run("telecom import bad.csv")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: bad.csv:17: column 'village_code': no village has code '0732499' on 2023-11-15"))
        #expect(try storedSurveys(fixture) == 0)

        text = Self.surveyFile(villages: 5).text.replacingOccurrences(of: "0733603,Thôn 3,2023-11-15,\"Viettel,VinaPhone\"", with: "0733603,Thôn 3,2023-11-15,skynet")
        try fixture.write("bad2.csv", text)
        run = fixture.run("telecom import bad2.csv")
        #expect(run.errors.contains("bad2.csv:9: column '4g': unknown operator 'skynet"))
        text = Self.surveyFile(villages: 5).text.replacingOccurrences(of: "2023-11-15,\"Viettel,VinaPhone\",,no,77", with: "2023-11-15,\"Viettel,VinaPhone\",,no,7")
        try fixture.write("bad3.csv", text)
        run = fixture.run("telecom import bad3.csv")
        #expect(run.status == 1)
        #expect(run.errors.contains("broadband households"))
        #expect(try storedSurveys(fixture) == 0)
        #expect(try fixture.read { try $0.audit.list(AuditQuery(module: "telecom")).filter { $0.entity != "module" } }.isEmpty)
    }

    @Test func reimportingChangesNothingAndALaterSurveyKeepsEmptyCells() throws {
        let fixture = try prepared(villages: 3)
        try fixture.write("survey.csv", Self.surveyFile(villages: 3).text)
        #expect(fixture.run("telecom import survey.csv").status == 0)
        var run = fixture.run("telecom import survey.csv")
        #expect(run.output == "Imported survey.csv (village survey, 2023-11-15): 9 rows read; 0 surveys added, 0 changed, 9 unchanged.\n")
        let audit = try fixture.read { try $0.audit.list(AuditQuery(module: "telecom")).filter { $0.entity != "module" } }
        #expect(audit.count == 1 && audit[0].rows == 9)

        try fixture.write("later.csv", "village_code,survey_date,broadband\n0732401,2024-06-01,30\n0732401,2023-11-15,1\n")
        run = fixture.run("telecom import later.csv")
        #expect(run.output == "Imported later.csv (village survey, 2023-11-15 to 2024-06-01): 2 rows read; 1 survey added, 1 changed, 0 unchanged.\n")
        let history = try fixture.read { try $0.villageSurveys.history(unitID: try fixture.unit("0732401").id) }
        #expect(history.map(\.evidence.broadband) == [1, 30])
        #expect(history[1].evidence.households == history[0].evidence.households)
        #expect(history[1].evidence.mobile == history[0].evidence.mobile)
    }

    @Test func aVillageGivenTwiceIsRefusedAtItsSecondLineAndBeforeAnyLaterBadRow() throws {
        let fixture = try prepared(villages: 3)
        let header = "village_code,survey_date,4g,households\n"
        // Out of registry order, a date repeated on line 4; line 5 holds a bad count.
        try fixture.write("twice.csv", header + "0733602,2023-11-15,Viettel,40\n0732401,2023-11-15,Viettel,50\n"
            + "0733602,2023-11-15,MobiFone,41\n0732402,2023-11-15,Viettel,many\n")
        var run = fixture.run("telecom import twice.csv")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("test.ntm:1: error: twice.csv:4: column 'village_code': village 0733602 on 2023-11-15 is already given on line 2"),
                "\(run.errors)")
        // The bad row first, the repeat after it: the bad row is the error.
        try fixture.write("bad-first.csv", header + "0733602,2023-11-15,Viettel,40\n0732402,2023-11-15,Viettel,many\n"
            + "0733602,2023-11-15,MobiFone,41\n")
        run = fixture.run("telecom import bad-first.csv")
        #expect(run.errors.hasPrefix("test.ntm:1: error: bad-first.csv:3: column 'households': expected a whole number"), "\(run.errors)")
        // Three rows of one village and day: the second is named, with the first.
        try fixture.write("thrice.csv", header + "0732403,2023-11-15,,1\n0732401,2023-11-15,,2\n0732403,2023-11-15,,3\n0732403,2023-11-15,,4\n")
        run = fixture.run("telecom import thrice.csv")
        #expect(run.errors.hasPrefix("test.ntm:1: error: thrice.csv:4: column 'village_code': village 0732403 on 2023-11-15 is already given on line 2"),
                "\(run.errors)")
        #expect(try storedSurveys(fixture) == 0)
    }

    @Test func importedRowsAreStoredAsTheCellsSayInBatchesAndOneByOne() throws {
        // 130 villages: two statements of 64 rows, then two rows alone.
        let fixture = try TelecomFixture()
        var codes: [String] = []
        for commune in ["07324", "07336"] { codes += try fixture.addVillages(commune, count: 65) }
        let cells = ["\"VinaPhone; viettel\",,MobiFone,,yes,120,30,yes,", "none,none,,,no,15,0,no,terrain", ",Viettel,,,,,,,",
                     "MobiFone,,,Vietnamobile,1,80,80,0,none"]
        var lines = ["village_code,survey_date,4g,3g,2g,5g,fibre,households,broadband,loudspeaker,no_signal"]
        for (n, code) in codes.enumerated() { lines.append("\(code),2023-1\(n % 2)-15,\(cells[n % cells.count])") }
        try fixture.write("cells.csv", lines.joined(separator: "\n") + "\n")
        let run = fixture.run("telecom import cells.csv")
        #expect(run.output == "Imported cells.csv (village survey, 2023-10-15 to 2023-11-15): 130 rows read; 130 surveys added, 0 changed, 0 unchanged.\n",
                "\(run.errors)")
        let stored = try fixture.read { store in
            try Row.fetchAll(store.db, sql: """
                SELECT u.code, s.survey_date, s.g2, s.g3, s.g4, s.g5, s.fibre, s.households, s.broadband, s.loudspeaker, s.no_signal, s.source
                FROM telecom_village_survey s JOIN unit u ON u.id = s.unit_id ORDER BY u.code
                """)
        }
        #expect(stored.count == 130)
        func text(_ value: DatabaseValue) -> String {
            switch value.storage {
            case .null: return "NULL"
            case .int64(let n): return String(n)
            case .string(let s): return "'\(s)'"
            default: return "?"
            }
        }
        let expected = ["'MobiFone', NULL, 'Viettel,VinaPhone', NULL, 1, 120, 30, 1, NULL",
                        "NULL, '', '', NULL, 0, 15, 0, 0, 'terrain'",
                        "NULL, 'Viettel', NULL, NULL, NULL, NULL, NULL, NULL, NULL",
                        "NULL, NULL, 'MobiFone', 'Vietnamobile', 1, 80, 80, 0, NULL"]
        for (n, code) in codes.enumerated() {
            let row = try #require(stored.first { ($0["code"] as String?) == code })
            #expect((row["survey_date"] as String?) == "2023-1\(n % 2)-15")
            #expect((row["source"] as String?) == "survey file")
            let values = ["g2", "g3", "g4", "g5", "fibre", "households", "broadband", "loudspeaker", "no_signal"]
                .map { text(row[$0] as DatabaseValue) }.joined(separator: ", ")
            #expect(values == expected[n % cells.count], "\(code)")
        }
    }

    @Test func storedReasonsAreTheRawValuesAndOperatorNamesFoldAsUnitNamesDo() {
        for reason in NoSignalReason.allCases { #expect(reason.storedText.description == reason.rawValue) }
        for name in ["Viettel", "VinaPhone", "MOBIFONE", "vietnamobile", "i-Telecom", "Gtel.Mobile_2", "Đông Dương Telecom",
                     " Viettel ", "Viet  tel", "Mobi\u{301}Fone", ""] {
            #expect(OperatorRegistry.Lookup.fold(name) == NameFolding.fold(name), "\(name)")
        }
    }

    @Test func communeFacilitiesImport() throws {
        let fixture = try TelecomFixture()
        try fixture.write("communes.csv", """
            commune_code,survey_date,postal_point,premises,sign,hours_posted,open_hours,letters_2kg,parcels_5kg,radio,base_stations
            07324,2023-11-15,yes,yes,yes,yes,8,yes,yes,ip,viettel=2;vinaphone=1
            07336,2023-11-15,no,,,,,,,wired,none

            """)
        var run = fixture.run("telecom import communes.csv")
        #expect(run.output == "Imported communes.csv (commune facilities, 2023-11-15): 2 rows read; 2 records added, 0 changed, 0 unchanged.\n")
        let record = try fixture.read { try $0.communeFacilities.latest(unitID: try fixture.unit("07324").id, onOrBefore: Day.endOfYear(2023)) }
        #expect(record?.facilities.baseStations == ["Viettel": 2, "VinaPhone": 1])
        try fixture.write("bad.csv", "commune_code,survey_date,radio\n07324,2023-12-01,satellite\n")
        run = fixture.run("telecom import bad.csv")
        #expect(run.errors.contains("bad.csv:2: column 'radio': 'satellite' is not a radio station"))
        try fixture.write("odd.csv", "code,date\n1,2\n")
        run = fixture.run("telecom import odd.csv")
        #expect(run.errors.contains("odd.csv:1: cannot tell what the file holds from its header"))
    }

    @Test func indicatorsSumVillagesAndHouseholds() throws {
        let fixture = try prepared(villages: 4)
        let file = Self.surveyFile(villages: 4)
        try fixture.write("survey.csv", file.text)
        #expect(fixture.run("telecom import survey.csv").status == 0)
        let villages = try #require(try fixture.indicator("telecom.villages_4g", "24", "2023"))
        #expect(villages == IndicatorValue(numerator: Double(file.covered), denominator: 12))
        let broadband = try #require(try fixture.indicator("telecom.broadband_households", "24", "2023"))
        #expect(broadband == IndicatorValue(numerator: Double(file.broadband), denominator: Double(file.households)))
        let service = try #require(try fixture.indicator("telecom.communes_with_service", "24", "2023"))
        let rural = try fixture.read { try $0.units.list(level: .commune, kind: .commune).count }
        #expect(service == IndicatorValue(numerator: 3, denominator: Double(rural)))
        // Surveys of 2023 say nothing about 2022.
        #expect(try fixture.indicator("telecom.villages_4g", "24", "2022") == nil)
    }

    @Test func criterionEightIndicatorReadsTheCriteriaAsRecorded() throws {
        let fixture = try TelecomFixture()
        #expect(try fixture.indicator("ntm.criterion_8", "24", "2023") == nil)
        let a = try fixture.unit("07324"), b = try fixture.unit("07336")
        try fixture.access.mutate { store in
            for id in ["8.1", "8.2", "8.3", "8.4"] {
                try store.criteria.set(unit: a, year: 2023, criterion: try CriteriaCatalogue.parse(id), met: true)
            }
            try store.criteria.set(unit: b, year: 2023, criterion: try CriteriaCatalogue.parse("8.1"), met: true)
        }
        let rural = try fixture.read { try $0.units.list(level: .commune, kind: .commune).count }
        // The core derives 8 from the sub-indicators assessed: b, with only 8.1 assessed and met, counts as met.
        #expect(try fixture.indicator("ntm.criterion_8", "24", "2023") == IndicatorValue(numerator: 2, denominator: Double(rural)))
        // One assessed sub-indicator not met, and b no longer meets criterion 8.
        try fixture.access.mutate { store in
            try store.criteria.set(unit: b, year: 2023, criterion: try CriteriaCatalogue.parse("8.2"), met: false)
        }
        #expect(try fixture.indicator("ntm.criterion_8", "24", "2023") == IndicatorValue(numerator: 1, denominator: Double(rural)))
    }
}
