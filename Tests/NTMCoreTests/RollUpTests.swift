import Testing
@testable import NTMCore

@Suite("Roll-ups across the 2025 mergers: sums of numerators and denominators")
struct RollUpTests {
    let workspace: Workspace

    init() throws {
        workspace = try memoryWorkspace(modules: [DemoModule()])
        try workspace.performMutation(context()) { store in
            let index = try store.units.index()
            func unit(_ reference: String) throws -> Unit { try index.resolve(reference) }
            // The three communes that became the new Xã Phúc Hòa, and one elsewhere.
            try DemoModule.record(store, unit: try unit("07324"), period: "2023-06", numerator: 80, denominator: 100)
            try DemoModule.record(store, unit: try unit("07324"), period: "2023-12", numerator: 90, denominator: 100)
            try DemoModule.record(store, unit: try unit("07330"), period: "2023-12", numerator: 10, denominator: 200)
            try DemoModule.record(store, unit: try unit("07357"), period: "2023-12", numerator: 50, denominator: 100)
            try DemoModule.record(store, unit: try unit("07561"), period: "2023-12", numerator: 1, denominator: 1)
            // 2025: the old units until June, the new one from July.
            try DemoModule.record(store, unit: try unit("07324"), period: "2025-03", numerator: 95, denominator: 100)
            try DemoModule.record(store, unit: try unit("07330"), period: "2025-03", numerator: 20, denominator: 200)
            try DemoModule.record(store, unit: try unit("07357"), period: "2025-03", numerator: 60, denominator: 100)
            try DemoModule.record(store, unit: try index.resolve("07330@2025-07-01"), period: "2025-12",
                                  numerator: 300, denominator: 410)
        }
    }

    @Test("the new Xã Phúc Hòa asked about 2023 is the sum of its three predecessors")
    func predecessorsBeforeTheMerger() throws {
        try workspace.read { store in
            let newPhucHoa = try store.units.resolve("07330@2025-07-01")
            let sources = try store.units.sources(for: newPhucHoa, during: .year(2023))
            #expect(Set(sources.units.map(\.code)) == ["07324", "07330", "07357"])
            #expect(sources.units.allSatisfy { $0.validFrom == Day(2020, 1, 1) })
            let flow = try store.indicators.reading("demo.flow", for: newPhucHoa, period: .year(2023))
            #expect(flow.value == IndicatorValue(numerator: 80 + 90 + 10 + 50, denominator: 100 + 100 + 200 + 100))
            // A stock takes each predecessor's latest month, then sums: never an average of percentages.
            let stock = try store.indicators.reading("demo.stock", for: newPhucHoa, period: .year(2023))
            #expect(stock.value == IndicatorValue(numerator: 90 + 10 + 50, denominator: 400))
            #expect(stock.number == 100 * 150.0 / 400.0)
        }
    }

    @Test("asked about 2025, flows add both sides of the merger; a stock takes the new unit's own figure")
    func acrossTheMerger() throws {
        try workspace.read { store in
            let newPhucHoa = try store.units.resolve("07330@2025-07-01")
            let sources = try store.units.sources(for: newPhucHoa, during: .year(2025))
            #expect(sources.units.count == 4)
            let flow = try store.indicators.reading("demo.flow", for: newPhucHoa, period: .year(2025))
            #expect(flow.value == IndicatorValue(numerator: 95 + 20 + 60 + 300, denominator: 400 + 410))
            let stock = try store.indicators.reading("demo.stock", for: newPhucHoa, period: .year(2025))
            #expect(stock.value == IndicatorValue(numerator: 300, denominator: 410))
            // Before July the new unit has no figure of its own: its predecessors' count.
            let firstHalf = try store.indicators.reading("demo.stock", for: newPhucHoa, period: .quarter(2025, 1))
            #expect(firstHalf.value == IndicatorValue(numerator: 175, denominator: 400))
        }
    }

    @Test("a district sums its communes; a unit whose territory grew later does not pull in its future parts")
    func districtsAndCities() throws {
        try workspace.read { store in
            let tanYen = try store.units.resolve("Tân Yên", level: .district)
            let value = try store.indicators.reading("demo.flow", for: tanYen, period: .year(2023)).value
            #expect(value == IndicatorValue(numerator: 80 + 90 + 10 + 50, denominator: 500))
            // Thành phố Bắc Giang absorbed Yên Dũng's communes on 2025-01-01; its 2023 sources are its 2023 units.
            let city = try store.units.resolve("213")
            let sources2023 = try store.units.sources(for: city, during: .year(2023))
            #expect(!sources2023.units.contains { $0.code == "07681" })
            #expect(sources2023.units.count == 1 + 16)   // the city and its 16 communes and wards of 2023
            let sources2025 = try store.units.sources(for: city, during: .year(2025))
            #expect(sources2025.units.contains { $0.code == "07681" && $0.validFrom == Day(2025, 1, 1) })
            // The new province asked about 2023 covers the whole 2023 province.
            let newProvince = try store.units.resolve("24@2025-07-01")
            let all = try store.units.sources(for: newProvince, during: .year(2023))
            #expect(all.units.count == 220)
            let province = try store.indicators.reading("demo.flow", for: newProvince, period: .year(2023))
            #expect(province.value == IndicatorValue(numerator: 231, denominator: 501))
        }
    }

    @Test("a unit that ended before the period counts nothing; a level keeps only units of that level")
    func endedAndLevels() throws {
        try workspace.read { store in
            let old = try store.units.resolve("07324")
            #expect(try store.units.sources(for: old, during: .year(2026)).units.isEmpty)
            let province = try store.units.resolve("24")
            let communesOnly = try store.units.sources(for: province, during: .year(2023), level: .commune)
            #expect(communesOnly.units.count == 209)
            #expect(communesOnly.units.allSatisfy { $0.level == .commune })
        }
    }

    @Test("a level keeps exactly the units of that level a full walk finds, villages and a commune turned village included")
    func levelWalkSkipsNothingThatCounts() throws {
        let workspace = try memoryWorkspace(modules: [DemoModule()])
        try workspace.performMutation(context("unit add")) { store in
            let index = try store.units.index()
            let phucHoa = try index.resolve("07324")
            let tanYen = try #require(index.district(of: phucHoa))
            let elsewhere = try #require(index.units(on: .programmeReference, level: .district).first { $0.id != tanYen.id })
            for commune in try store.units.list(level: .commune, in: tanYen, kind: .commune).prefix(5) {
                for number in 1...3 { try store.units.add(code: commune.code + "0\(number)", name: "Thôn \(number)", parent: commune) }
            }
            // A commune of another district that became a village of Phúc Hòa in mid-2024.
            let old = try store.units.add(code: "09990", name: "Xã Cũ", parent: elsewhere, kind: .commune,
                                          validFrom: Day(2020, 1, 1), validTo: Day(2024, 6, 30))
            let village = try store.units.add(code: "0732499", name: "Thôn Cũ", parent: phucHoa, validFrom: Day(2024, 7, 1))
            try store.units.addSuccession(from: old, to: village)
        }
        try workspace.read { store in
            let index = try store.units.index()
            let tanYen = try #require(index.district(of: try index.resolve("07324")))
            let province = try index.resolve("24")
            for unit in [province, tanYen, try index.resolve("07324")] {
                for period in [Period.year(2023), .year(2024), .year(2025)] {
                    let every = index.sources(for: unit, during: period)
                    for level in UnitLevel.allCases {
                        let ofLevel = index.sources(for: unit, during: period, level: level)
                        #expect(ofLevel.units.map(\.id) == every.units.filter { $0.level == level }.map(\.id),
                                "\(unit.code) \(period) \(level)")
                    }
                }
            }
            // Tân Yên's communes in 2024 include the old commune, reached through the village it became.
            let communes = index.sources(for: tanYen, during: .year(2024), level: .commune)
            #expect(communes.units.contains { $0.code == "09990" })
        }
    }
}
