import Foundation
import GRDB
import Testing
@testable import NTMCore
import ShellKit
@testable import Telecom

/// Coverage summed over the units above villages (without the whole unit index), the import's
/// per-row unit lookups, and the survey tables' checks after migration telecom.v2.
@Suite("Coverage sums and import lookups")
struct CoverageSumsTests {
    /// Villages in three communes, one of which ends mid-2023 and one that starts in September 2023,
    /// with surveys on two dates.
    func fixtureWithHistory() throws -> TelecomFixture {
        let fixture = try TelecomFixture()
        for commune in ["07324", "07336", "07621", "07330"] { try fixture.addVillages(commune, count: 4) }
        let phucHoa = try fixture.unit("07324", level: .commune)
        try fixture.access.mutate { store in
            _ = try store.units.add(code: "0732460", name: "Thôn Cũ", parent: phucHoa, validTo: try Day(parsing: "2023-06-30"))
            _ = try store.units.add(code: "0732461", name: "Thôn Mới", parent: phucHoa, validFrom: try Day(parsing: "2023-09-01"))
        }
        try fixture.write("early.csv", """
            village_code,survey_date,2g,4g,5g,fibre,households,broadband,loudspeaker,no_signal
            0732401,2023-03-01,Viettel,Viettel,,yes,120,50,yes,
            0732402,2023-03-01,,none,,no,80,,no,
            0732460,2023-03-01,,,,,60,10,,terrain
            0733601,2023-03-01,MobiFone,MobiFone,MobiFone,yes,200,150,yes,
            0733002,2023-03-01,,Vietnamobile,,,90,90,,

            """)
        try fixture.write("late.csv", """
            village_code,survey_date,4g,5g,fibre,households,broadband,no_signal
            0732401,2023-11-15,,Viettel,,130,,
            0732461,2023-11-15,VinaPhone,,yes,40,
            0762103,2023-11-15,,,no,55,5,no-power
            0762104,2023-11-15,Viettel,,,,,

            """)
        #expect(fixture.run("telecom import early.csv").status == 0)
        #expect(fixture.run("telecom import late.csv").status == 0)
        return fixture
    }

    func sameReport(_ a: TelecomCoverageReport, _ b: TelecomCoverageReport) -> Bool {
        func key(_ row: TelecomCoverageReport.Row) -> String { "\(row.unit.id) \(row.place ?? "-") \(row.figures)" }
        return a.rows.map(key) == b.rows.map(key) && key(a.total) == key(b.total)
    }

    @Test func villagesSummedOverTheUnitsAboveThemGiveTheWholeIndexReport() throws {
        let fixture = try fixtureWithHistory()
        let technologies: [TelecomCoverageReport.Technology] = [.mobile(.g2), .mobile(.g4), .mobile(.g5), .fibre]
        var compared = 0
        try fixture.read { store in
            let whole = try store.units.index()
            let above = try UnitIndex.loadAboveVillages(store.db)
            #expect(above.units.count < whole.units.count && above.units.allSatisfy { $0.level != .village })
            for (date, areaCode) in [("2023-05-01", "24"), ("2023-11-15", "24"), ("2023-12-31", "216"), ("2025-12-31", "24")] {
                let day = try Day(parsing: date)
                let area = try whole.resolve(areaCode, asOf: day)
                for level in [UnitLevel.province, .district, .commune] where level >= area.level {
                    if level == .district && day.year == 2025 { continue }
                    for technology in technologies {
                        let expected = try TelecomCoverageReport.build(store, index: whole, area: area, level: level, day: day,
                                                                       technology: technology)
                        let summed = try #require(try TelecomCoverageReport.buildSummingVillages(
                            store, index: above, area: try above.resolve(areaCode, asOf: day), level: level, day: day,
                            technology: technology))
                        #expect(sameReport(summed, expected), "\(date) \(areaCode) \(level) \(technology)")
                        // Surveys read in the table's order, or sorted by SQL (as when a row comes out of order): the same.
                        let sorted = try #require(try TelecomCoverageReport.buildSummingVillages(
                            store, index: above, area: try above.resolve(areaCode, asOf: day), level: level, day: day,
                            technology: technology, surveysSortedBySQL: true))
                        #expect(sameReport(sorted, expected), "sorted: \(date) \(areaCode) \(level) \(technology)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared == 40)
        // The merged 2025 commune (07330, from Phúc Hòa, Hợp Đức and Lam Cốt) counts their villages.
        let run = fixture.run("telecom coverage --in 07330@2025-07-01 --by commune --as-of 2025-12-31 --format csv")
        #expect(run.status == 0, "\(run.errors)")
        let fields = run.output.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
        // code,unit,place,villages,surveyed: four villages of each old commune and Thôn Mới; Thôn Cũ ended in 2023.
        #expect(fields[0] == "07330" && fields[3] == "9" && fields[4] == "4")
    }

    @Test func theWholeIndexGivesTheSameSumsAsTheIndexAboveVillages() throws {
        // With the whole index (a session that has read it), villages are told apart by SQL instead of by the ids
        // of the units above them; the sums are the same.
        let fixture = try fixtureWithHistory()
        var compared = 0
        try fixture.read { store in
            let whole = try store.units.index()
            let above = try UnitIndex.loadAboveVillages(store.db)
            #expect(whole.linksAboveVillages == above.linksAboveVillages)
            for date in ["2023-05-01", "2023-11-15", "2025-12-31"] {
                let day = try Day(parsing: date)
                for level in [UnitLevel.province, .commune] {
                    for technology: TelecomCoverageReport.Technology in [.mobile(.g4), .fibre] {
                        let viaWhole = try #require(try TelecomCoverageReport.buildSummingVillages(
                            store, index: whole, area: try whole.resolve("24", asOf: day), level: level, day: day, technology: technology))
                        let viaAbove = try #require(try TelecomCoverageReport.buildSummingVillages(
                            store, index: above, area: try above.resolve("24", asOf: day), level: level, day: day, technology: technology))
                        #expect(sameReport(viaWhole, viaAbove), "\(date) \(level) \(technology)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared == 12)
    }

    @Test func villagesFromTheSessionsVillageTableOrFromSQLGiveTheSameSums() throws {
        // After an import in the same session the villages come from its kept village table; otherwise the report
        // reads them from SQL itself. Both give the whole index's sums.
        let fixture = try fixtureWithHistory()
        var compared = 0
        try fixture.read { store in
            let whole = try store.units.index()
            let above = try UnitIndex.loadAboveVillages(store.db)
            for date in ["2023-05-01", "2023-11-15", "2025-12-31"] {
                let day = try Day(parsing: date)
                for technology: TelecomCoverageReport.Technology in [.mobile(.g4), .fibre] {
                    let expected = try TelecomCoverageReport.build(store, index: whole, area: try whole.resolve("24", asOf: day),
                                                                   level: .commune, day: day, technology: technology)
                    store.workspace.unitCache.discard()
                    #expect(try store.units.keptVillageTable() == nil)
                    let fromSQL = try #require(try TelecomCoverageReport.buildSummingVillages(
                        store, index: above, area: try above.resolve("24", asOf: day), level: .commune, day: day, technology: technology))
                    _ = try store.units.villageTable()
                    #expect(try store.units.keptVillageTable() != nil)
                    let fromTable = try #require(try TelecomCoverageReport.buildSummingVillages(
                        store, index: above, area: try above.resolve("24", asOf: day), level: .commune, day: day, technology: technology))
                    #expect(sameReport(fromSQL, expected) && sameReport(fromTable, expected), "\(date) \(technology)")
                    compared += 1
                }
            }
        }
        #expect(compared == 6)
    }

    @Test func villagesOfManyDistinctValiditiesInOneCommuneAreEachCountedOnce() throws {
        // Nine villages of Phúc Hòa, each beginning or ending on its own day of 2023: nine validities, more than the
        // groups' first width (four per parent).
        let fixture = try TelecomFixture()
        let commune = try fixture.unit("07324", level: .commune)
        var lines = ["village_code,survey_date,4g,households,broadband"]
        try fixture.access.mutate { store in
            for n in 1...9 {
                let code = "07324\(70 + n)"
                let starts = n % 2 == 0
                _ = try store.units.add(code: code, name: "Thôn \(n)", parent: commune,
                                        validFrom: starts ? try Day(parsing: "2023-0\(n)-01") : nil,
                                        validTo: starts ? nil : try Day(parsing: "2023-0\(n)-28"))
                lines.append("\(code),2023-0\(n)-10,\(n % 3 == 0 ? "none" : "Viettel"),\(10 * n),\(n)")
            }
        }
        try fixture.write("survey.csv", lines.joined(separator: "\n") + "\n")
        let imported = fixture.run("telecom import survey.csv")
        #expect(imported.status == 0, "\(imported.errors)")
        try fixture.read { store in
            let whole = try store.units.index()
            let above = try UnitIndex.loadAboveVillages(store.db)
            for date in ["2023-03-15", "2023-06-30", "2023-12-31"] {
                let day = try Day(parsing: date)
                let expected = try TelecomCoverageReport.build(store, index: whole, area: try whole.resolve("216", asOf: day),
                                                               level: .commune, day: day, technology: .mobile(.g4))
                let summed = try #require(try TelecomCoverageReport.buildSummingVillages(
                    store, index: above, area: try above.resolve("216", asOf: day), level: .commune, day: day, technology: .mobile(.g4)))
                #expect(sameReport(summed, expected), "\(date)")
                let phucHoa = try #require(summed.rows.first { $0.unit.code == "07324" })
                // By the end of the year every village existed at some time of it; each has its own code.
                if date == "2023-12-31" {
                    #expect(phucHoa.figures.villages == 9 && phucHoa.figures.surveyed == 9 && phucHoa.figures.covered == 6)
                }
            }
        }
    }

    @Test func aVillageDateThatIsNoDayStopsTheSumsWithItsErrorEveryTime() throws {
        // Written around ntm's checks: a village whose first day is no real date. The error raised inside SQLite's
        // step comes out as it is, and the sums can be asked for again (the statement's function is gone each time).
        let fixture = try TelecomFixture()
        try fixture.addVillages("07324", count: 2)
        try fixture.access.mutate { store in
            try store.db.execute(sql: """
                INSERT INTO unit (code, name, level, kind, parent_code, valid_from, valid_to, folded_name)
                VALUES ('0732499', 'Thôn Sai', 'village', 'village', '07324', '2023-02-30', NULL, 'thon sai')
                """)
        }
        try fixture.read { store in
            let above = try UnitIndex.loadAboveVillages(store.db)
            let day = try Day(parsing: "2023-12-31")
            for _ in 1...2 {
                do {
                    _ = try TelecomCoverageReport.buildSummingVillages(store, index: above, area: try above.resolve("216", asOf: day),
                                                                       level: .commune, day: day, technology: .mobile(.g4))
                    Issue.record("no error")
                } catch {
                    #expect("\(error)".contains("2023-02-30"), "\(error)")
                }
            }
            // A year before that village's text sorts: it is not read, and the sums come.
            let earlier = try Day(parsing: "2023-01-31")
            #expect(try TelecomCoverageReport.buildSummingVillages(store, index: above, area: try above.resolve("216", asOf: earlier),
                                                                   level: .commune, day: earlier, technology: .mobile(.g4)) != nil)
        }
    }

    @Test func aVillageMergedDuringTheYearIsSummedOverTheWholeIndex() throws {
        let fixture = try TelecomFixture()
        try fixture.addVillages("07324", count: 2)
        let commune = try fixture.unit("07324", level: .commune)
        try fixture.access.mutate { store in
            let old = try store.units.add(code: "0732470", name: "Thôn Trước", parent: commune, validTo: try Day(parsing: "2023-06-30"))
            let new = try store.units.add(code: "0732471", name: "Thôn Sau", parent: commune, validFrom: try Day(parsing: "2023-07-01"))
            try store.units.addSuccession(from: old, to: new)
        }
        try fixture.write("survey.csv", """
            village_code,survey_date,4g,households
            0732470,2023-03-01,Viettel,100
            0732471,2023-11-15,Viettel,140
            0732401,2023-11-15,none,50

            """)
        #expect(fixture.run("telecom import survey.csv").status == 0)
        try fixture.read { store in
            let day = try Day(parsing: "2023-12-31")
            #expect(try TelecomCoverageReport.villageSuccessions(store.db, during: .year(2023)))
            #expect(try !TelecomCoverageReport.villageSuccessions(store.db, during: .year(2022)))
            let above = try UnitIndex.loadAboveVillages(store.db)
            // The index above villages leaves the village link out: the table has one link more, so the
            // links are looked at, and the same answers come.
            #expect(try Int.fetchOne(store.db, sql: "SELECT COUNT(*) FROM unit_succession") == above.linksAboveVillages + 1)
            #expect(try TelecomCoverageReport.villageSuccessions(store.db, during: .year(2023), index: above))
            #expect(try !TelecomCoverageReport.villageSuccessions(store.db, during: .year(2022), index: above))
            #expect(try TelecomCoverageReport.buildSummingVillages(store, index: above, area: try above.resolve("07324", asOf: day),
                                                                   level: .commune, day: day, technology: .mobile(.g4)) == nil)
        }
        // Thôn Sau's survey stands for Thôn Trước's (which it became): 4 villages, 2 surveys counted.
        let run = fixture.run("telecom coverage --in 216 --by commune --as-of 2023-12-31 --format csv")
        #expect(run.status == 0, "\(run.errors)")
        let row = try #require(run.output.split(separator: "\n").first { $0.hasPrefix("07324,") })
        // code,unit,district,villages,surveyed,covered,coverage,households,households_covered,...
        let fields = row.split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields[3...5].joined(separator: ",") == "4,2,1" && fields[7...8].joined(separator: ",") == "190,140")
    }

    @Test func anImportRowNamingAVillageNotValidThatDayGivesFileLineAndChangesNothing() throws {
        let fixture = try TelecomFixture()
        try fixture.addVillages("07324", count: 2)
        let commune = try fixture.unit("07324", level: .commune)
        try fixture.access.mutate { store in
            _ = try store.units.add(code: "0732480", name: "Thôn Đã Nhập", parent: commune, validTo: try Day(parsing: "2022-12-31"))
        }
        try fixture.write("expired.csv", "village_code,survey_date,4g\n0732401,2023-11-15,Viettel\n0732480,2023-11-15,Viettel\n")
        var run = fixture.run("telecom import expired.csv")
        #expect(run.status == 1)
        // A code that existed on other days gets no "add it" hint.
        #expect(run.errors.hasPrefix("test.ntm:1: error: expired.csv:3: column 'village_code': no village has code '0732480' on 2023-11-15"))
        #expect(!run.errors.contains("add it"))
        try fixture.write("commune.csv", "village_code,survey_date,4g\n0732401,2023-11-15,Viettel\n07324,2023-11-15,Viettel\n")
        run = fixture.run("telecom import commune.csv")
        #expect(run.errors.contains("commune.csv:3: column 'village_code': Xã Phúc Hòa (07324) is a commune: a village survey names villages"))
        try fixture.write("unknown.csv", "village_code,survey_date,4g\n07324999,2023-11-15,Viettel\n")
        run = fixture.run("telecom import unknown.csv")
        #expect(run.errors.contains("unknown.csv:2: column 'village_code': no village has code '07324999' on 2023-11-15 (add it with 'unit add 07324999 NAME --in COMMUNE')"))
        // Before its end the same village is found.
        try fixture.write("earlier.csv", "village_code,survey_date,4g\n0732480,2022-06-01,Viettel\n")
        run = fixture.run("telecom import earlier.csv")
        #expect(run.status == 0, "\(run.errors)")
        #expect(try fixture.read { try Int.fetchOne($0.db, sql: "SELECT COUNT(*) FROM telecom_village_survey") } == 1)
    }

    @Test func aFileOfManyRowsReadsTheVillagesOnceAndStillNamesEachBadRow() throws {
        let fixture = try TelecomFixture()
        var codes: [String] = []
        for commune in ["07324", "07336", "07621", "07330"] { codes += try fixture.addVillages(commune, count: 130) }
        let commune = try fixture.unit("07324", level: .commune)
        try fixture.access.mutate { store in
            _ = try store.units.add(code: "07324990", name: "Thôn Đã Nhập", parent: commune, validTo: try Day(parsing: "2022-12-31"))
        }
        #expect(codes.count >= TelecomImport.rowsWorthReadingVillages)
        let rows = codes.map { "\($0),2023-11-15,Viettel,40" }
        for (bad, message) in [("07324990", "no village has code '07324990' on 2023-11-15"),
                               ("07324", "Xã Phúc Hòa (07324) is a commune: a village survey names villages"),
                               ("07324999", "no village has code '07324999' on 2023-11-15 (add it with 'unit add 07324999 NAME --in COMMUNE')")] {
            try fixture.write("many.csv", (["village_code,survey_date,4g,households"] + rows + ["\(bad),2023-11-15,Viettel,40"])
                .joined(separator: "\n") + "\n")
            let run = fixture.run("telecom import many.csv")
            #expect(run.status == 1)
            #expect(run.errors.hasPrefix("test.ntm:1: error: many.csv:\(rows.count + 2): column 'village_code': \(message)"), "\(run.errors)")
            #expect(bad == "07324999" || !run.errors.contains("add it"))
        }
        #expect(try fixture.read { try Int.fetchOne($0.db, sql: "SELECT COUNT(*) FROM telecom_village_survey") } == 0)
        try fixture.write("many.csv", (["village_code,survey_date,4g,households"] + rows).joined(separator: "\n") + "\n")
        var run = fixture.run("telecom import many.csv")
        #expect(run.output == "Imported many.csv (village survey, 2023-11-15): 520 rows read; 520 surveys added, 0 changed, 0 unchanged.\n")
        run = fixture.run("telecom coverage --by province --as-of 2023-11-15 --format csv")
        #expect(run.output.split(separator: "\n")[1].split(separator: ",")[2...4].joined(separator: ",") == "520,520,520")
    }

    @Test func codeKeysKeepLeadingZerosAndTakeAnyText() {
        #expect(CodeKey("07324") != CodeKey("7324"))
        #expect(CodeKey("07324") == CodeKey(String("007324".dropFirst())))
        #expect(CodeKey("0732401") != CodeKey("07324"))
        #expect(CodeKey("TEST-1") == .text("TEST-1"))
        #expect(CodeKey("1234567890123456") == .text("1234567890123456"))
        #expect(CodeKey("") == .text(""))
        // The import and the coverage take official codes from the village table packed: the same packing.
        for code in ["07324", "0732401", "7", "123456789012345"] {
            #expect(CodeKey(code) == .digits(VillageTable.packedDigits(Array(code.utf8))), "\(code)")
        }
    }

    @Test func aCodeTableFindsEveryCodeItHoldsAndNoOther() {
        var table = CodeTable<Int>(capacity: 10)
        // Far past its first size: it grows; codes that differ only by leading zeros stay apart.
        let codes = (0..<5_000).map { n in n % 3 == 0 ? "0\(72_400 + n)" : "\(7_240_000 + n)" } + ["TEST-1", "thôn lẻ", ""]
        for (n, code) in codes.enumerated() { #expect(table.updateValue(n, forKey: CodeKey(code)) == nil) }
        #expect(table.count == codes.count)
        #expect(codes.enumerated().allSatisfy { table[CodeKey($0.element)] == $0.offset })
        #expect(table[CodeKey("72400")] == nil && table[CodeKey("00072400")] == nil && table[CodeKey("TEST-2")] == nil)
        #expect(table.updateValue(-1, forKey: CodeKey("7240001")) == 1)
        #expect(table[CodeKey("7240001")] == -1 && table.count == codes.count)
    }

    @Test func theSurveyTablesStillRefuseValuesOutsideTheirListsAfterVersion2() throws {
        let fixture = try TelecomFixture()
        let village = try fixture.addVillages("07324", count: 1)[0]
        let id = try fixture.unit(village).id
        let commune = try fixture.unit("07324").id
        try fixture.read { store in
            let schema = try String.fetchAll(store.db, sql: "SELECT sql FROM sqlite_master WHERE name LIKE 'telecom_%_survey'")
            #expect(schema.count == 2 && !schema.contains { $0.contains("IN ('no-power'") || $0.contains("IN ('none'") })
        }
        try fixture.access.mutate { store in
            #expect(throws: DatabaseError.self) {
                try store.db.execute(sql: "INSERT INTO telecom_village_survey (unit_id, survey_date, no_signal, source) VALUES (?, '2023-01-01', 'volcano', 'entered')",
                                     arguments: [id])
            }
            #expect(throws: DatabaseError.self) {
                try store.db.execute(sql: "INSERT INTO telecom_commune_survey (unit_id, survey_date, radio, source) VALUES (?, '2023-01-01', 'smoke', 'entered')",
                                     arguments: [commune])
            }
            try store.db.execute(sql: "INSERT INTO telecom_village_survey (unit_id, survey_date, no_signal, source) VALUES (?, '2023-01-01', 'terrain', 'entered')",
                                 arguments: [id])
        }
    }

    @Test func version2KeepsTheRowsOfAVersion1Database() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE unit (id INTEGER PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO unit (id) VALUES (1), (2)")
            try TelecomSchema.createVersion1(db)
            try db.execute(sql: """
                INSERT INTO telecom_village_survey (unit_id, survey_date, g4, households, broadband, no_signal, source)
                VALUES (1, '2023-11-15', 'Viettel', 100, 40, NULL, 'survey file'), (2, '2023-11-15', '', 30, 0, 'terrain', 'entered');
                INSERT INTO telecom_commune_survey (unit_id, survey_date, postal_point, open_hours, radio, base_stations, source)
                VALUES (1, '2023-11-15', 1, 8, 'wireless', 'Viettel=2', 'entered');
                """)
            try TelecomSchema.checksWithoutListedValues(db)
            let villages = try String.fetchAll(db, sql: """
                SELECT unit_id || '|' || g4 || '|' || households || '|' || broadband || '|' || COALESCE(no_signal, '-') || '|' || source
                FROM telecom_village_survey ORDER BY unit_id
                """)
            #expect(villages == ["1|Viettel|100|40|-|survey file", "2||30|0|terrain|entered"])
            #expect(try String.fetchOne(db, sql: "SELECT radio || base_stations || open_hours FROM telecom_commune_survey") == "wirelessViettel=28.0")
            #expect(try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'telecom_village_survey_by_date')") == true)
        }
    }

    @Test func version3DropsTheDateIndexAndKeepsTheRows() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE unit (id INTEGER PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO unit (id) VALUES (1), (2)")
            try TelecomSchema.createVersion1(db)
            try TelecomSchema.checksWithoutListedValues(db)
            try db.execute(sql: """
                INSERT INTO telecom_village_survey (unit_id, survey_date, g4, households, broadband, no_signal, source)
                VALUES (1, '2023-11-15', 'Viettel', 100, 40, NULL, 'survey file'), (2, '2023-11-15', '', 30, 0, 'terrain', 'entered');
                """)
            try TelecomSchema.surveysWithoutDateIndex(db)
            #expect(try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'telecom_village_survey_by_date')") == false)
            let villages = try String.fetchAll(db, sql: """
                SELECT unit_id || '|' || g4 || '|' || households || '|' || broadband || '|' || COALESCE(no_signal, '-') || '|' || source
                FROM telecom_village_survey ORDER BY unit_id
                """)
            #expect(villages == ["1|Viettel|100|40|-|survey file", "2||30|0|terrain|entered"])
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO telecom_village_survey (unit_id, survey_date, no_signal, source) VALUES (1, '2023-01-01', 'volcano', 'entered')")
            }
        }
    }

    @Test func version4KeepsTheRowsAndStillRefusesWhatTheListsRefused() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE unit (id INTEGER PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO unit (id) VALUES (1), (2), (3)")
            try TelecomSchema.createVersion1(db)
            try TelecomSchema.checksWithoutListedValues(db)
            try TelecomSchema.surveysWithoutDateIndex(db)
            try db.execute(sql: """
                INSERT INTO telecom_village_survey (unit_id, survey_date, g4, fibre, households, broadband, loudspeaker, no_signal, source)
                VALUES (1, '2023-11-15', 'Viettel', 1, 100, 40, 0, NULL, 'survey file'), (2, '2023-11-15', '', NULL, 30, 0, NULL, 'terrain', 'entered');
                """)
            try TelecomSchema.surveyChecksAsComparisons(db)
            let villages = try String.fetchAll(db, sql: """
                SELECT unit_id || '|' || g4 || '|' || COALESCE(fibre, '-') || '|' || households || '|' || broadband || '|'
                       || COALESCE(loudspeaker, '-') || '|' || COALESCE(no_signal, '-') || '|' || source
                FROM telecom_village_survey ORDER BY unit_id
                """)
            #expect(villages == ["1|Viettel|1|100|40|0|-|survey file", "2||-|30|0|-|terrain|entered"])
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'telecom_village_survey'") ?? ""
            #expect(sql.contains("WITHOUT ROWID") && !sql.contains(" IN ("))
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE tbl_name = 'telecom_village_survey' AND type = 'index'") == 0)
            let insert = "INSERT INTO telecom_village_survey (unit_id, survey_date, fibre, loudspeaker, no_signal, households, broadband, g4, source) VALUES "
            for refused in ["(3, '2023-01-01', 2, NULL, NULL, NULL, NULL, NULL, 'entered')",
                            "(3, '2023-01-01', NULL, -1, NULL, NULL, NULL, NULL, 'entered')",
                            "(3, '2023-01-01', NULL, NULL, NULL, NULL, NULL, NULL, 'typed')",
                            "(3, '2023-01-01', NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
                            "(3, '2023-01-01', NULL, NULL, 'volcano', NULL, NULL, NULL, 'entered')",
                            "(3, '2023-01-01', NULL, NULL, 'terrain', NULL, NULL, 'Viettel', 'entered')",
                            "(3, '2023-01-01', NULL, NULL, NULL, 10, 11, NULL, 'entered')",
                            "(9, '2023-01-01', NULL, NULL, NULL, NULL, NULL, NULL, 'entered')",
                            "(1, '2023-11-15', NULL, NULL, NULL, NULL, NULL, NULL, 'entered')"] {
                #expect(throws: DatabaseError.self, "\(refused)") { try db.execute(sql: insert + refused) }
            }
            try db.execute(sql: insert + "(3, '2023-01-01', 0, 1, 'other', 5, 5, '', 'entered')")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM telecom_village_survey") == 3)
        }
    }
}
