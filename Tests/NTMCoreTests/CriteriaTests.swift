import Testing
@testable import NTMCore

@Suite("The 19 criteria and assessments")
struct CriteriaTests {
    func criterion(_ id: String) throws -> Criterion { try CriteriaCatalogue.parse(id) }

    @Test("the catalogue of Decision 318/QĐ-TTg: 19 criteria in 5 groups, 8.1–8.4 under criterion 8")
    func catalogue() throws {
        #expect(CriteriaCatalogue.criteria.count == 19)
        #expect(CriteriaCatalogue.criteria.map(\.number) == Array(1...19))
        #expect(CriteriaCatalogue.subIndicators.map(\.id) == ["8.1", "8.2", "8.3", "8.4"])
        #expect(try criterion("8").nameVietnamese == "Thông tin và Truyền thông")
        #expect(try criterion("17").nameEnglish == "Environment and food safety")
        #expect(try criterion("3").nameVietnamese == "Thủy lợi và phòng, chống thiên tai")
        #expect(try criterion("8.4").nameEnglish == "IT applied in management and administration")
        #expect(try criterion("1").group == .planning)
        #expect(try criterion("9").group == .infrastructure)
        #expect(try criterion("13").group == .economy)
        #expect(try criterion("14").group == .cultureSocietyEnvironment)
        #expect(try criterion("19").group == .politicalSystemDefence)
        #expect(errorMessage { _ = try criterion("20") } == "unknown criterion '20': expected 1–19 or 8.1–8.4")
        let workspace = try memoryWorkspace()
        #expect(try workspace.read { try Int.fetchOne($0.db, sql: "SELECT COUNT(*) FROM criterion") } == 23)
    }

    @Test("criterion 8 is derived from its assessed sub-indicators; a direct result counts only while none is")
    func derivedCriterion8() throws {
        #expect(CriteriaBook.effective(["8": true])[8] == true)
        #expect(CriteriaBook.effective(["8.4": true])[8] == true)   // the only one assessed, and met
        #expect(CriteriaBook.effective(["8.1": true, "8.2": true, "8.3": true, "8.4": true])[8] == true)
        #expect(CriteriaBook.effective(["8.1": true, "8.2": true, "8.3": true, "8.4": false])[8] == false)
        #expect(CriteriaBook.effective(["8": true, "8.4": false])[8] == false)
        #expect(CriteriaBook.effective(["8": false, "8.4": true])[8] == true)

        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            let commune = try store.units.resolve("07324")
            // Direct result first, then a sub-indicator: both kept, the sub-indicator decides.
            try store.criteria.set(unit: commune, year: 2023, criterion: try criterion("8"), met: false)
            try store.criteria.set(unit: commune, year: 2023, criterion: try criterion("8.4"), met: true)
            #expect(try store.criteria.assessments(of: commune, year: 2023).map(\.criterion.id) == ["8", "8.4"])
            let eight = try #require(try store.criteria.result(of: commune, year: 2023, criterion: 8))
            #expect(eight.met == true && eight.text == "met (derived from 8.4)" && eight.supersededDirect?.met == false)
            // The other order is accepted too, with the same outcome.
            let other = try store.units.resolve("07327")
            try store.criteria.set(unit: other, year: 2023, criterion: try criterion("8.4"), met: true)
            try store.criteria.set(unit: other, year: 2023, criterion: try criterion("8"), met: false)
            #expect(try store.criteria.result(of: other, year: 2023, criterion: 8)?.text == "met (derived from 8.4)")
            let status = try store.criteria.status(in: try store.units.resolve("Tân Yên", level: .district), year: 2023)
            let lienSon = try #require(status.communes.first { $0.unit.code == "07327" })
            #expect(lienSon.assessed == 1 && lienSon.met == 1 && lienSon.unmet.isEmpty)
            // Removing the sub-indicator brings the direct result back.
            try store.criteria.remove(unit: other, year: 2023, criterion: try criterion("8.4"))
            let back = try #require(try store.criteria.result(of: other, year: 2023, criterion: 8))
            #expect(back.met == false && !back.isDerived)
        }
        try workspace.read { store in
            let reading = try store.indicators.reading("ntm.criterion_8_4", for: try store.units.resolve("Tân Yên", level: .district),
                                                       period: .year(2023))
            // 07324: 8.4 met; 07327: direct 8 unmet, no sub-indicator any more.
            #expect(reading.value?.numerator == 1)
        }
    }

    @Test("an import may carry a direct result for 8 and its sub-indicators: both kept, the sub-indicators decide")
    func importBoth() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("c.csv", "unit,year,criterion,met\n07324,2023,8,0\n07324,2023,8.1,1\n07324,2023,8.4,1\n")
        let workspace = try memoryWorkspace()
        let report = try workspace.performMutation(context()) { try $0.criteria.importFile(path, name: "c.csv") }
        #expect(report.added == 3)
        try workspace.read { store in
            let commune = try store.units.resolve("07324")
            let eight = try #require(try store.criteria.result(of: commune, year: 2023, criterion: 8))
            #expect(eight.text == "met (derived from 8.1, 8.4)" && eight.supersededDirect?.met == false)
            #expect(try store.criteria.exportTable(year: 2023).rows.map { $0[2] } == ["8", "8.1", "8.4"])
        }
    }

    @Test("only rural communes are assessed, and only while they exist")
    func whoIsAssessed() throws {
        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            let ward = try store.units.resolve("Phường Thọ Xương")
            #expect(errorMessage { try store.criteria.set(unit: ward, year: 2023, criterion: try criterion("1"), met: true) }
                    == "Phường Thọ Xương (07201) is a ward: only rural communes (xã) are assessed against the NTM criteria; "
                    + "wards and townships are not NTM communes")
            let old = try store.units.resolve("07324")
            #expect(errorMessage { try store.criteria.set(unit: old, year: 2025, criterion: try criterion("1"), met: true) }
                    == "Xã Phúc Hòa (07324) is valid 2020-01-01–2025-06-30, not on 2025-12-31: standings for 2025 belong "
                    + "to the units valid at the end of the year; Xã Phúc Hòa since 2025-07-01 part of Xã Phúc Hòa (07330)")
            #expect(errorMessage { try store.criteria.set(unit: old, year: 1999, criterion: try criterion("1"), met: true) }
                    == "year 1999 is out of range (2010–2100)")
        }
    }

    @Test("status: criteria met per commune and the average over assessed rural communes")
    func status() throws {
        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            let phucHoa = try store.units.resolve("07324")
            let hongGiang = try store.units.resolve("07561")
            for number in 1...19 where number != 8 {
                try store.criteria.set(unit: phucHoa, year: 2023, criterion: try criterion(String(number)), met: true)
            }
            for sub in ["8.1", "8.2", "8.3", "8.4"] {
                try store.criteria.set(unit: phucHoa, year: 2023, criterion: try criterion(sub), met: true)
            }
            for number in 1...10 {
                try store.criteria.set(unit: hongGiang, year: 2023, criterion: try criterion(String(number)), met: number != 4)
            }
        }
        try workspace.read { store in
            let status = try store.criteria.status(year: 2023)
            #expect(status.ruralCommunes == 182)
            #expect(status.assessedCommunes == 2)
            #expect(status.meetingAll == 1)
            #expect(status.averageMet == 14)   // (19 + 9) / 2
            let hongGiang = status.communes.first { $0.unit.code == "07561" }!
            #expect(hongGiang.met == 9 && hongGiang.assessed == 10 && hongGiang.unmet == [4])
            #expect(hongGiang.placeName == "Huyện Lục Ngạn")
            let tanYen = try store.criteria.status(in: try store.units.resolve("Tân Yên", level: .district), year: 2023)
            #expect(tanYen.assessedCommunes == 1 && tanYen.averageMet == 19)
            #expect(tanYen.communes.allSatisfy { $0.unit.kind == .commune })
        }
    }
}
