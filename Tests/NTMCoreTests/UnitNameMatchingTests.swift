import Testing
@testable import NTMCore

@Suite("Unit references: codes, names without diacritics, ambiguity, suggestions")
struct UnitNameMatchingTests {
    let index: UnitIndex

    init() throws {
        let workspace = try memoryWorkspace()
        index = try workspace.read { try $0.units.index() }
    }

    @Test("Phúc Hòa matches however it is typed", arguments: ["phuc hoa", "Phúc Hòa", "Xã Phúc Hòa", "PHUC HOA", "xa phuc hoa", "  Phúc  Hoà ", "07324"])
    func phucHoa(reference: String) throws {
        #expect(try index.resolve(reference).code == "07324")
    }

    @Test("đ and Đ fold to d")
    func dStroke() throws {
        #expect(NameFolding.fold("Đồng Đình") == "dong dinh")
        #expect(try index.resolve("dinh tri").name == "Xã Dĩnh Trì")
        #expect(try index.resolve("dong tam").code == "07260")
    }

    @Test("an ambiguous name lists the candidates with their districts")
    func ambiguous() throws {
        let message = errorMessage { _ = try index.resolve("phuc son") }
        #expect(message?.contains("ambiguous unit 'phuc son'") == true)
        #expect(message?.contains("Xã Phúc Sơn (07318, Huyện Tân Yên)") == true)
        #expect(message?.contains("Xã Phúc Sơn (07630, Huyện Sơn Động)") == true)
    }

    @Test("a parent in parentheses or the code settles an ambiguous name")
    func disambiguate() throws {
        #expect(try index.resolve("Phúc Sơn (Sơn Động)").code == "07630")
        #expect(try index.resolve("phuc son (tan yen)").code == "07318")
    }

    @Test("diacritics as typed break a tie: Đồng Sơn is not Đông Sơn")
    func diacriticsTieBreak() throws {
        #expect(try index.resolve("Đồng Sơn").code == "07696")
        #expect(try index.resolve("Đông Sơn").code == "07273")
        #expect(errorMessage { _ = try index.resolve("dong son") }?.contains("ambiguous") == true)
    }

    @Test("a level restricts the match: Bắc Giang the city, not the province")
    func level() throws {
        #expect(errorMessage { _ = try index.resolve("bac giang") }?.contains("ambiguous") == true)
        #expect(try index.resolve("bac giang", level: .district).code == "213")
        #expect(try index.resolve("Tỉnh Bắc Giang").code == "24")
    }

    @Test("unknown names are quoted, with near suggestions")
    func unknown() throws {
        let message = errorMessage { _ = try index.resolve("phuc hao") } ?? ""
        #expect(message.hasPrefix("unknown unit 'phuc hao' on 2023-12-31"))
        #expect(message.contains("Xã Phúc Hòa (07324, Huyện Tân Yên)"))
    }

    @Test("a unit of another date is not found, and the error says when it existed and what it became")
    func otherDate() throws {
        let message = errorMessage { _ = try index.resolve("07324", asOf: Day(2025, 8, 1)) } ?? ""
        #expect(message.contains("unknown unit '07324' on 2025-08-01"))
        #expect(message.contains("was valid 2020-01-01–2025-06-30, since 2025-07-01 part of Xã Phúc Hòa (07330)"))
        let later = errorMessage { _ = try index.resolve("Xã Tây Yên Tử") } ?? ""
        #expect(later.contains("07616 Xã Tây Yên Tử (Tỉnh Bắc Ninh) is valid from 2025-07-01"))
        // The kind word counts: in 2023 Tây Yên Tử was a township, offered as a suggestion.
        #expect(later.contains("did you mean: Thị trấn Tây Yên Tử (07616, Huyện Sơn Động)"))
    }

    @Test("code@day picks a version of a reused code")
    func versionSyntax() throws {
        #expect(try index.resolve("07330@2025-07-01").name == "Xã Phúc Hòa")
        #expect(try index.resolve("07330@2024-05-01").name == "Xã Hợp Đức")
        #expect(errorMessage { _ = try index.resolve("07330@2025-13-01") }?.contains("malformed date '2025-13-01'") == true)
    }

    @Test("completions for 'phuc' offer Phúc Hòa with its district, prefix matches first")
    func completions() throws {
        let offered = index.completions(for: "phuc")
        #expect(offered.contains { $0.code == "07324" && $0.name == "Xã Phúc Hòa" && $0.districtName == "Huyện Tân Yên" && $0.nameIsUnique })
        let sons = offered.filter { $0.baseName == "Phúc Sơn" }
        #expect(sons.count == 2)
        #expect(sons.allSatisfy { !$0.nameIsUnique })
        #expect(offered.allSatisfy { NameFolding.fold($0.baseName).contains("phuc") })
        #expect(index.completions(for: "0732").allSatisfy { $0.code.hasPrefix("0732") })
        #expect(index.completions(for: "tan yen", level: .district).map(\.code) == ["216"])
    }

    @Test("find looks across dates when asked")
    func find() throws {
        #expect(index.find("phuc hoa", asOf: .programmeReference).map(\.code) == ["07324"])
        let all = index.find("phuc hoa")
        #expect(all.map(\.key.description).contains("07330@2025-07-01"))
        #expect(all.map(\.key.description).contains("07324@2020-01-01"))
    }
}
