import Testing
@testable import NTMCore

@Suite("Recognition: titles by level, model communes need a smart village, shares of rural communes")
struct RecognitionTests {
    func addVillage(_ store: DomainStore, _ code: String, _ name: String, in commune: String) throws -> Unit {
        try store.units.add(code: code, name: name, parent: try store.units.resolve(commune))
    }

    @Test("titles allowed per kind; others refused with the reason")
    func allowedTitles() throws {
        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            let ward = try store.units.resolve("07201")
            #expect(errorMessage { try store.recognition.set(unit: ward, year: 2023, title: .standard) }
                    == "cannot recognise Phường Thọ Xương (07201) as standard: wards and townships are not NTM communes and receive no recognition")
            let village = try addVillage(store, "0732401", "Thôn Đông", in: "07324")
            #expect(errorMessage { try store.recognition.set(unit: village, year: 2023, title: .advanced) }
                    == "cannot recognise Thôn Đông (0732401) as advanced: a village can be recognised model or smart")
            let district = try store.units.resolve("Tân Yên", level: .district)
            #expect(errorMessage { try store.recognition.set(unit: district, year: 2023, title: .smart) }
                    == "cannot recognise Huyện Tân Yên (216) as smart: a district can be recognised standard, advanced or model")
            let city = try store.units.resolve("213")
            #expect(errorMessage { try store.recognition.set(unit: city, year: 2023, title: .standard) }
                    == "cannot recognise Thành phố Bắc Giang (213) as standard: a city or town is recognised as having completed "
                    + "the task of NTM building (completed, hoàn thành nhiệm vụ xây dựng NTM)")
            #expect(errorMessage { try store.recognition.set(unit: try store.units.resolve("07324"), year: 2023, title: .completed) }
                    == "cannot recognise Xã Phúc Hòa (07324) as completed: a commune can be recognised standard, advanced, model or smart")
            try store.recognition.set(unit: city, year: 2022, title: .completed)
            try store.recognition.set(unit: district, year: 2024, title: .advanced)
            #expect(try store.recognition.titles(of: district, year: 2024) == [.standard, .advanced])
            try store.recognition.set(unit: district, year: 2022, title: .standard)
            try store.recognition.set(unit: village, year: 2023, title: .model)
        }
    }

    @Test("a model commune needs a smart village recognised that year or before")
    func modelNeedsSmartVillage() throws {
        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            let commune = try store.units.resolve("07324")
            let message = errorMessage { try store.recognition.set(unit: commune, year: 2023, title: .model) }
            #expect(message == "cannot recognise Xã Phúc Hòa (07324) as a model commune in 2023: it needs at least one smart "
                    + "village (a village of the commune recognised smart in 2023 or before)")
            let village = try addVillage(store, "0732401", "Thôn Đông", in: "07324")
            try store.recognition.set(unit: village, year: 2024, title: .smart)
            #expect(errorMessage { try store.recognition.set(unit: commune, year: 2023, title: .model) } != nil)  // smart only from 2024
            try store.recognition.set(unit: commune, year: 2024, title: .model)
            #expect(try store.recognition.titles(of: commune, year: 2024) == [.standard, .advanced, .model])
            #expect(try store.recognition.titles(of: commune, year: 2023) == [])
            // The commune relies on its only smart village.
            #expect(errorMessage { try store.recognition.remove(unit: village, title: .smart) }
                    == "Xã Phúc Hòa (07324) is a model commune since 2024 and Thôn Đông (0732401) is its only smart village "
                    + "by then: withdraw the model title first")
            try store.recognition.remove(unit: commune, title: .model)
            try store.recognition.remove(unit: village, title: .smart)
        }
    }

    @Test("summary: shares of rural communes (182 in 2023), never wards or townships")
    func summary() throws {
        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            let communes = try store.units.list(level: .commune, kind: .commune)
            for commune in communes.prefix(144) {
                try store.recognition.set(unit: commune, year: 2022, title: .standard)
            }
            for commune in communes.prefix(10) {
                try store.recognition.set(unit: commune, year: 2023, title: .advanced)
            }
            try store.recognition.set(unit: communes[150], year: 2023, title: .advanced)   // implies standard
            try store.recognition.set(unit: communes[0], year: 2023, title: .smart)
        }
        try workspace.read { store in
            let summary = try store.recognition.summary(year: 2023)
            let standard = summary.row(.commune, .standard)!
            #expect(standard.denominator == 182)
            #expect(standard.count == 145)
            #expect(summary.row(.commune, .advanced)?.count == 11)
            #expect(summary.row(.commune, .smart)?.count == 1)
            #expect(summary.row(.district, .standard)?.denominator == 9)
            #expect(summary.denominatorDefinitions[.commune] == "rural communes (xã) valid on 2023-12-31 in Tỉnh Bắc Giang: 182; "
                    + "wards and townships are not NTM communes")
            let earlier = try store.recognition.summary(year: 2022)
            #expect(earlier.row(.commune, .standard)?.count == 144)
            #expect(earlier.row(.commune, .advanced)?.count == 0)
            let share = try #require(summary.row(.commune, .standard)?.share)
            #expect(abs(share - 100 * 145.0 / 182.0) < 1e-9)
        }
    }

    @Test("the district-level line counts districts meeting the standard and cities that completed the task: 6 of 10 in May 2023")
    func districtLevelLine() throws {
        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            for name in ["Tân Yên", "Yên Dũng", "Việt Yên", "Hiệp Hòa", "Lạng Giang"] {
                try store.recognition.set(unit: try store.units.resolve(name, level: .district), year: 2022, title: .standard)
            }
            try store.recognition.set(unit: try store.units.resolve("Thành phố Bắc Giang"), year: 2020, title: .completed)
        }
        try workspace.read { store in
            let summary = try store.recognition.summary(year: 2023)
            let line = try #require(summary.districtLevelLine)
            #expect(line.count == 6 && line.denominator == 10 && line.recognition == "standard or completed")
            #expect(summary.row(.district, .standard)?.count == 5 && summary.row(.district, .standard)?.denominator == 9)
            #expect(summary.row(.district, .completed)?.count == 1 && summary.row(.district, .completed)?.denominator == 1)
        }
    }

    @Test("a revoked title stops counting from the year of the revocation; the history keeps the grant and the revocation")
    func revocation() throws {
        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            let commune = try store.units.resolve("07324")
            try store.recognition.set(unit: commune, year: 2021, title: .standard)
            try store.recognition.set(unit: commune, year: 2022, title: .advanced)
            #expect(errorMessage { try store.recognition.revoke(unit: commune, title: .standard, on: Day(2024, 6, 1), decision: "12/QĐ") }
                    == "Xã Phúc Hòa (07324) also holds the advanced recognition, which implies standard: revoke advanced first")
            try store.recognition.revoke(unit: commune, title: .advanced, on: Day(2024, 6, 1), decision: "12/QĐ-UBND")
            try store.recognition.revoke(unit: commune, title: .standard, on: Day(2024, 6, 1), decision: "12/QĐ-UBND")
            #expect(try store.recognition.titles(of: commune, year: 2023) == [.standard, .advanced])
            #expect(try store.recognition.titles(of: commune, year: 2024) == [])
            #expect(errorMessage { try store.recognition.revoke(unit: commune, title: .standard, on: Day(2024, 7, 1), decision: "13/QĐ") }
                    == "Xã Phúc Hòa (07324) holds no standard recognition to revoke")
            #expect(errorMessage { try store.recognition.set(unit: commune, year: 2023, title: .standard) }
                    == "cannot recognise Xã Phúc Hòa (07324) as standard in 2023: the title was revoked from 2024-06-01; "
                    + "a new grant must be for 2024 or later")
            // Granted again later: both rows stay.
            try store.recognition.set(unit: commune, year: 2025 - 1, title: .standard, note: "re-recognised")
            #expect(try store.recognition.titles(of: commune, year: 2024) == [.standard])
            let history = try store.recognition.list(in: commune).filter { $0.title == .standard }
            #expect(history.map(\.year) == [2021, 2024])
            #expect(history.first?.revocationText == "revoked from 2024-06-01 (12/QĐ-UBND)")
            #expect(history.last?.revokedOn == nil)
        }
        try workspace.read { store in
            #expect(try store.recognition.summary(year: 2023).row(.commune, .standard)?.count == 1)
            #expect(try store.recognition.summary(year: 2024).row(.commune, .advanced)?.count == 0)
            let exported = try store.recognition.exportTable()
            #expect(exported.columns == ["unit", "year", "title", "note", "revoked_on", "revoked_by"])
            #expect(exported.rows.contains { $0 == ["07324", "2021", "standard", nil, "2024-06-01", "12/QĐ-UBND"] })
        }
    }
}
