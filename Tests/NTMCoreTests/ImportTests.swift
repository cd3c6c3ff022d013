import Foundation
import GRDB
import Testing
@testable import NTMCore

@Suite("Imports: CSV and JSON, all or nothing, FILE:LINE errors")
struct ImportTests {
    func assessmentCount(_ workspace: Workspace) throws -> Int {
        try workspace.read { try Int.fetchOne($0.db, sql: "SELECT COUNT(*) FROM assessment") ?? 0 }
    }

    @Test("assessments from CSV: names or codes, all criteria forms, a report of what changed")
    func assessmentsCSV() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.csv", """
            unit,year,criterion,met,note\r
            07324,2023,1,yes,\r
            phuc hoa,2023,8.4,1,"portal, e-office"\r
            Xã Hồng Giang,2023,2,no,\r

            """)
        let workspace = try memoryWorkspace()
        let report = try workspace.performMutation(context("criteria import a.csv")) { try $0.criteria.importFile(path, name: "a.csv") }
        #expect(report.description == "a.csv: 3 assessments: 3 added, 0 changed, 0 unchanged")
        let again = try workspace.performMutation(context()) { try $0.criteria.importFile(path, name: "a.csv") }
        #expect(again.unchanged == 3)
        #expect(try workspace.read { try $0.criteria.assessments(of: try $0.units.resolve("07324"), year: 2023) }
            .map { "\($0.criterion.id)=\($0.met) \($0.note ?? "")" } == ["1=true ", "8.4=true portal, e-office"])
    }

    @Test("a bad row aborts the whole import with FILE:LINE and the column, quoting the input", arguments: [
        ("unit,year,criterion,met\n07324,2023,1,yes\n99999,2023,1,yes\n",
         "a.csv:3: column 'unit': unknown unit '99999' on 2023-12-31; no unit has code 99999"),
        ("unit,year,criterion,met\n07324,2023,1,yes\n07324,20x3,1,yes\n", "a.csv:3: column 'year': '20x3' is not a year (YYYY)"),
        ("unit,year,criterion,met\n07324,2023,21,yes\n", "a.csv:2: column 'criterion': unknown criterion '21': expected 1–19 or 8.1–8.4"),
        ("unit,year,criterion,met\n07324,2023,1,maybe\n",
         "a.csv:2: column 'met': 'maybe' is not yes or no (use 1/0, yes/no, true/false or met/unmet)"),
        ("unit,year,criterion,met\n07324,2023,1,yes\nphuc hoa,2023,1,no\n",
         "a.csv:3: column 'criterion': Xã Phúc Hòa (07324), 2023, criterion 1 appears twice (first on line 2)"),
        ("unit,year,criterion,met\n07324,2023,1\n", "a.csv:2: expected 4 fields (unit,year,criterion,met), found 3"),
        ("unit,year,criterion,mett\n", "a.csv:1: column 'mett': unknown column; expected unit, year, criterion, met (optional: note)"),
        ("unit,year,met\n", "a.csv:1: column 'criterion': required column missing"),
        ("unit,year,criterion,met\n07201,2023,1,yes\n",
         "a.csv:2: column 'unit': Phường Thọ Xương (07201) is a ward: only rural communes (xã) are assessed against the NTM criteria; wards and townships are not NTM communes"),
        ("unit,year,criterion,met\nphuc son,2023,1,yes\n",
         "a.csv:2: column 'unit': ambiguous unit 'phuc son' on 2023-12-31: Xã Phúc Sơn (07318, Huyện Tân Yên); Xã Phúc Sơn (07630, Huyện Sơn Động) — give the code"),
        ("unit,year,criterion,met\n07324,1999,1,yes\n", "a.csv:2: column 'year': year 1999 is out of range (2010–2100)"),
    ])
    func badRows(text: String, message: String) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.csv", text)
        let workspace = try memoryWorkspace()
        let audit = try workspace.read { try $0.audit.count() }
        #expect(errorMessage { _ = try workspace.performMutation(context()) { try $0.criteria.importFile(path, name: "a.csv") } } == message)
        #expect(try assessmentCount(workspace) == 0)
        #expect(try workspace.read { try $0.audit.count() } == audit)
    }

    @Test("JSON imports report the line of the offending value")
    func json() throws {
        let folder = try TemporaryFolder()
        let good = try folder.write("r.json", """
            [
              {"unit": "0732401", "year": 2023, "title": "smart"},
              {"unit": "07324", "year": 2023, "title": "model", "note": "first in Tân Yên"}
            ]
            """)
        let bad = try folder.write("bad.json", """
            [
              {"unit": "07324", "year": 2023, "title": "standard"},
              {"unit": "07324",
               "year": 2023,
               "title": "golden"}
            ]
            """)
        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            _ = try store.units.add(code: "0732401", name: "Thôn Đông", parent: try store.units.resolve("07324"))
        }
        // The model commune and its smart village in one file: villages are applied first.
        let report = try workspace.performMutation(context()) { try $0.recognition.importFile(good, name: "r.json") }
        #expect(report.added == 2)
        #expect(errorMessage { _ = try workspace.performMutation(context()) { try $0.recognition.importFile(bad, name: "bad.json") } }
                == "bad.json:5: column 'title': unknown recognition 'golden': expected standard, advanced, model, smart or completed")
        #expect(try workspace.read { try $0.recognition.list().count } == 2)
        let syntax = try folder.write("s.json", "[\n {\"unit\": \"07324\",\n  \"year\": 2023,,\n}]")
        #expect(errorMessage { _ = try workspace.performMutation(context()) { try $0.recognition.importFile(syntax, name: "s.json") } }
                == "s.json:3: invalid JSON: expected a key in quotes")
    }

    @Test("recognition import refuses a model commune without a smart village, naming the line")
    func recognitionRules() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("r.csv", "unit,year,title\n07561,2022,standard\n07324,2023,model\n")
        let workspace = try memoryWorkspace()
        #expect(errorMessage { _ = try workspace.performMutation(context()) { try $0.recognition.importFile(path, name: "r.csv") } }
                == "r.csv:3: column 'title': cannot recognise Xã Phúc Hòa (07324) as a model commune in 2023: it needs at least "
                + "one smart village (a village of the commune recognised smart in 2023 or before)")
        #expect(try workspace.read { try $0.recognition.list().count } == 0)
    }

    @Test("units: villages imported with their parents by code or name; the registry export imports back unchanged")
    func units() throws {
        let folder = try TemporaryFolder()
        let villages = try folder.write("v.csv", """
            code,name,kind,parent_code
            0732401,Thôn Đông,village,07324
            0732402,Thôn Tây,village,phuc hoa
            0756101,Bản Mới,village,07561

            """)
        let workspace = try memoryWorkspace()
        let report = try workspace.performMutation(context()) { try $0.units.importFile(villages, name: "v.csv") }
        #expect(report.added == 3)
        #expect(try workspace.read { try $0.units.list(level: .village, in: try $0.units.resolve("07324")).map(\.name) }
                == ["Thôn Đông", "Thôn Tây"])

        let exported = try workspace.read { try $0.units.exportTable() }
        #expect(exported.rows.count == 333 + 3)
        let csv = try folder.write("all.csv", exported.csvText)
        let json = try folder.write("all.json", exported.jsonText)
        for file in [csv, json] {
            let back = try workspace.performMutation(context()) { try $0.units.importFile(file) }
            #expect(back.unchanged == 336 && back.added == 0)
        }
    }

    @Test("unit import errors", arguments: [
        ("code,name,kind,parent_code\n0732401,Thôn Đông,village,07324\n0732401,Thôn Đông,village,07324\n",
         "v.csv:3: column 'code': unit 0732401@2020-01-01 appears twice (first on line 2)"),
        ("code,name,kind,parent_code\n07324,Xã Khác,commune,216\n",
         "v.csv:2: column 'code': unit 07324 already exists as Xã Phúc Hòa (commune, valid 2020-01-01–2025-06-30); imports add units, they do not change them"),
        ("code,name,kind,parent_code\n7324011,Thôn Đông,village,07324\n",
         "v.csv:2: column 'code': malformed village code '7324011': expected the commune's code 07324 followed by 2–3 digits (e.g. 0732401)"),
        ("code,name,kind,parent_code\n0720101,Tổ 1,village,07201\n",
         "v.csv:2: column 'code': Phường Thọ Xương (07201) is a ward: villages of the NTM programme belong to rural communes (xã)"),
        ("code,name,kind,parent_code\n07999,Xã Mới,commune,07324\n",
         "v.csv:2: column 'code': a commune cannot be placed under Xã Phúc Hòa (07324), a commune: it belongs under a district or province"),
        ("code,name,kind,parent_code,level\n0732401,Thôn Đông,village,07324,commune\n",
         "v.csv:2: column 'level': a village is at village level, not commune"),
        ("code,name,kind,parent_code\n0732401,Thôn Đông,hamlet,07324\n",
         "v.csv:2: column 'kind': unknown kind 'hamlet': expected one of province, city, district, town, commune, ward, township, village"),
    ])
    func unitErrors(text: String, message: String) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("v.csv", text)
        let workspace = try memoryWorkspace()
        #expect(errorMessage { _ = try workspace.performMutation(context()) { try $0.units.importFile(path, name: "v.csv") } } == message)
        #expect(try workspace.read { try $0.units.list(level: .village).count } == 0)
    }

    /// A unit import of `count` villages of Xã Phúc Hòa (`07324001`, `Thôn Số 1`, ...), after a new
    /// commune and its first village (parents from the same file), with `extra` lines appended.
    func largeUnitFile(_ folder: TemporaryFolder, count: Int, extra: String = "") throws -> String {
        var text = "code,name,kind,parent_code\n07999,Xã Mới,commune,216\n0799901,Thôn Mới,village,Xã Mới\n"
        for number in 1...count { text += "07324\(String(format: "%03d", number)),Thôn Số \(number),village,07324\n" }
        return try folder.write("v.csv", text + extra)
    }

    @Test("a unit import longer than one bulk write: ids in file order, one audit row per unit, later rows see earlier ones")
    func largeUnitImport() throws {
        let folder = try TemporaryFolder()
        // 153 units: written by two statements of 64 rows, three of 8 and one of a single row.
        let path = try largeUnitFile(folder, count: 151)
        let workspace = try memoryWorkspace()
        let (largest, auditBefore) = try workspace.read {
            (try Int64.fetchOne($0.db, sql: "SELECT MAX(id) FROM unit") ?? 0, try $0.audit.count())
        }
        let report = try workspace.performMutation(context("unit import v.csv")) { try $0.units.importFile(path, name: "v.csv") }
        #expect(report.added == 153)
        try workspace.read { store in
            let units = try Row.fetchAll(store.db, sql: "SELECT id, code FROM unit WHERE id > ? ORDER BY id", arguments: [largest])
            #expect(units.map { $0["id"] as Int64 } == Array(largest + 1...largest + 153))
            #expect(units.prefix(3).map { $0["code"] as String } == ["07999", "0799901", "07324001"])
            #expect(try store.units.resolve("thon moi").parentCode == "07999")
            #expect(try store.units.list(level: .village, in: try store.units.resolve("07324")).count == 151)
            // One row per unit, in file order, each with the unit as `unit add` records it.
            let rows = try store.audit.list().suffix(from: auditBefore)
            #expect(rows.count == 153)
            for (row, unit) in zip(rows, try units.map { try store.units.resolve("\($0["code"] as String)") }) {
                #expect(row.key == unit.key.description && row.unit == unit.code && row.before == nil && row.rows == 1)
                #expect(row.after == UnitRegistry.auditValue(unit).jsonText)
                #expect(row.commandLine == "unit import v.csv" && row.actor == "tester" && row.entity == "unit")
            }
            #expect(Set(rows.map(\.time)).count == 1)
        }
        // Another connection reads the same units from the database.
        #expect(try workspace.read { try UnitIndex.load($0.db).units.count } == 333 + 153)
    }

    @Test("a bad row after several bulk writes leaves nothing written and nothing in the kept index")
    func largeUnitImportFails() throws {
        let folder = try TemporaryFolder()
        let path = try largeUnitFile(folder, count: 140, extra: "07324200,Thôn Số 7,village,07324\n")
        let workspace = try memoryWorkspace()
        let audit = try workspace.read { try $0.audit.count() }
        #expect(errorMessage { _ = try workspace.performMutation(context()) { try $0.units.importFile(path, name: "v.csv") } }
                == "v.csv:144: column 'code': Xã Phúc Hòa already has a unit named Thôn Số 7 (07324007)")
        #expect(try workspace.read { try $0.units.list(level: .village).count } == 0)
        #expect(try workspace.read { try $0.audit.count() } == audit)
        #expect(errorMessage { _ = try workspace.read { try $0.units.resolve("07324001") } } != nil)
        #expect(try workspace.read { try $0.units.find("thon so") }.isEmpty)
        // The ids are free again: the next unit takes the one after the registry's largest.
        try workspace.performMutation(context()) { store in
            let unit = try store.units.add(code: "0732401", name: "Thôn Đông", parent: try store.units.resolve("07324"))
            #expect(unit.id == (try Int64.fetchOne(store.db, sql: "SELECT MAX(id) FROM unit WHERE code <> '0732401'") ?? 0) + 1)
        }
    }

    @Test("a unit's audit JSON is written as JSONValue writes it, quotes, controls and nulls included", arguments: [
        NTMCore.Unit(id: 1, code: "0732401", name: "Thôn \"Đông\" \\ 1\t\n\r\u{01}\u{1F}é", level: .village, kind: .village, parentCode: "07324",
             validFrom: Day(2020, 1, 1), validTo: nil),
        NTMCore.Unit(id: 2, code: "24", name: "Tỉnh Bắc Giang", level: .province, kind: .province, parentCode: nil,
             validFrom: Day(999, 1, 1), validTo: Day(2025, 6, 30)),
    ])
    func unitAuditText(unit: NTMCore.Unit) {
        #expect(UnitRegistry.auditText(unit) == UnitRegistry.auditValue(unit).jsonText)
        #expect(unit.validFrom.description == (unit.code == "24" ? "0999-01-01" : "2020-01-01"))
    }

    @Test("assessment and recognition exports use the import columns")
    func exports() throws {
        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            let commune = try store.units.resolve("07324")
            try store.criteria.set(unit: commune, year: 2023, criterion: try CriteriaCatalogue.parse("8.4"), met: true, note: "a, b")
            try store.recognition.set(unit: commune, year: 2022, title: .standard)
        }
        try workspace.read { store in
            let assessments = try store.criteria.exportTable(year: 2023)
            let recognitions = try store.recognition.exportTable()
            #expect(assessments.csvText == "unit,year,criterion,met,note\r\n07324,2023,8.4,1,\"a, b\"\r\n")
            #expect(recognitions.csvText == "unit,year,title,note,revoked_on,revoked_by\r\n07324,2022,standard,,,\r\n")
            #expect(recognitions.jsonText.contains("\"year\": 2022"))
        }
    }
}
