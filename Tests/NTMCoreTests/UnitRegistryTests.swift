import Testing
@testable import NTMCore

@Suite("Unit registry: bundled figures")
struct UnitRegistryTests {
    @Test("the 2023 registry: 1 province, 10 district-level units, 209 commune-level units")
    func figures2023() throws {
        let workspace = try memoryWorkspace()
        try workspace.read { store in
            let counts = try store.units.counts()
            #expect(counts[.province] == 1)
            let districtLevel: Int = [UnitKind.district, .city, .town].reduce(0) { $0 + (counts[$1] ?? 0) }
            #expect(districtLevel == 10)
            #expect(counts[.district] == 9)
            #expect(counts[.city] == 1)
            #expect(counts[.commune] == 182)
            #expect(counts[.ward] == 10)
            #expect(counts[.township] == 17)
            let province = try store.units.resolve("24")
            #expect(province.name == "Tỉnh Bắc Giang")
            #expect(try store.units.list(level: .commune, in: province).count == 209)
            #expect(try store.units.list(level: .district).count == 10)
        }
    }

    @Test("known codes: 07324 Xã Phúc Hòa in Huyện Tân Yên, 07561 Xã Hồng Giang in Lục Ngạn")
    func knownCodes() throws {
        let workspace = try memoryWorkspace()
        try workspace.read { store in
            let index = try store.units.index()
            let phucHoa = try index.resolve("07324")
            #expect(phucHoa.name == "Xã Phúc Hòa")
            #expect(phucHoa.kind == .commune)
            #expect(index.district(of: phucHoa)?.name == "Huyện Tân Yên")
            let hongGiang = try index.resolve("07561")
            #expect(hongGiang.name == "Xã Hồng Giang")
            #expect(index.district(of: hongGiang)?.name == "Huyện Lục Ngạn")
        }
    }

    @Test("1 January 2025: 192 commune-level units, 10 district-level units")
    func figuresJanuary2025() throws {
        let workspace = try memoryWorkspace()
        try workspace.read { store in
            let day = try Day(parsing: "2025-01-01")
            #expect(try store.units.list(level: .commune, asOf: day).count == 192)
            #expect(try store.units.list(level: .district, asOf: day).count == 10)
            let chu = try store.units.resolve("224", asOf: day)
            #expect(chu.name == "Thị xã Chũ")
            #expect(chu.kind == .town)
            #expect(try store.units.resolve("222", asOf: day).name == "Thị xã Việt Yên")
            #expect(try store.units.resolve("07222", asOf: day).name == "Phường Song Mai")
            #expect(try store.units.resolve("07222").name == "Xã Song Mai")
        }
    }

    @Test("1 July 2025: the new Bắc Ninh reuses code 24; 58 communes and wards, no districts")
    func figuresJuly2025() throws {
        let workspace = try memoryWorkspace()
        try workspace.read { store in
            let day = try Day(parsing: "2025-07-01")
            let province = try store.units.resolve("24", asOf: day)
            #expect(province.name == "Tỉnh Bắc Ninh")
            #expect(province.validFrom == day)
            #expect(try store.units.list(level: .district, asOf: day).isEmpty)
            let counts = try store.units.counts(asOf: day)
            #expect(counts[.commune] == 45)
            #expect(counts[.ward] == 13)
            #expect(try store.units.resolve("07330", asOf: day).name == "Xã Phúc Hòa")
            #expect(try store.units.resolve("07330").name == "Xã Hợp Đức")
        }
    }

    @Test("history of 07324: since 2025-07-01 part of Xã Phúc Hòa (07330)")
    func history() throws {
        let workspace = try memoryWorkspace()
        try workspace.read { store in
            let history = try store.units.history(of: "07324")
            #expect(history.versions.count == 1)
            let version = history.versions[0]
            #expect(version.unit.validTo == (try Day(parsing: "2025-06-30")))
            #expect(version.successionText == ["since 2025-07-01 part of Xã Phúc Hòa (07330)"])
            #expect(version.successors.first?.basis == .mapping)

            let reused = try store.units.history(of: "07330")
            #expect(reused.versions.map(\.unit.name) == ["Xã Hợp Đức", "Xã Phúc Hòa"])
            #expect(Set(reused.versions[1].predecessors.map(\.predecessor.code)) == ["07324", "07330", "07357"])
        }
    }
}
