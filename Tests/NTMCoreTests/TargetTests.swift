import Testing
@testable import NTMCore

@Suite("Targets and progress")
struct TargetTests {
    @Test("first run stores the plan's targets only for registered indicators")
    func seededTargets() throws {
        let core = try memoryWorkspace()
        let seeded = try core.read { try $0.targets.list() }
        #expect(seeded.map { "\($0.indicatorID) \($0.scope.storageText) \($0.year) \(Int($0.threshold))" } == [
            "ntm.criterion_8_4 level:commune 2025 97",
            "ntm.smart_communes level:commune 2025 15",
        ])
        #expect(seeded.allSatisfy { $0.source == "plan" })
        // No workflow or training module: their plan targets are not stored.
        #expect(!seeded.contains { $0.indicatorID.hasPrefix("workflow.") || $0.indicatorID.hasPrefix("training.") })

        let withModules = try memoryWorkspace(modules: [TrainingModule(), DemoModule()])
        let targets = try withModules.read { try $0.targets.list() }
        #expect(targets.contains { $0.indicatorID == "training.managers_trained" && $0.scope == .unit("24") && $0.threshold == 100 })
        #expect(targets.contains { $0.indicatorID == "demo.flow" && $0.source == "module demo" && $0.year == 2024 })
    }

    @Test("set, replace, list and remove, with validation")
    func editing() throws {
        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            let definition = TargetDefinition(indicatorID: "ntm.criterion_8_4", scope: .unit("216"), year: 2024, threshold: 90)
            let target = try store.targets.set(definition)
            #expect(target.source == "tester")
            var raised = definition
            raised.threshold = 95
            try store.targets.set(raised)
            #expect(try store.targets.list(indicator: "ntm.criterion_8_4", year: 2024).map(\.threshold) == [95])
            #expect(errorMessage { try store.targets.set(TargetDefinition(indicatorID: "workflow.online_processing",
                                                                          scope: .level(.commune), year: 2025, threshold: 60)) }?
                .hasPrefix("unknown indicator 'workflow.online_processing'") == true)
            #expect(errorMessage { try store.targets.set(TargetDefinition(indicatorID: "ntm.criterion_8_4", scope: .level(.commune),
                                                                          year: 2025, threshold: 120)) }
                    == "ntm.criterion_8_4 is a percentage: the threshold must lie in 0–100, not 120")
            // Huyện Tân Yên existed until 2025-06-30: a 2025 target is possible, a 2026 one is not.
            try store.targets.set(TargetDefinition(indicatorID: "ntm.smart_communes", scope: .unit("216"), year: 2025, threshold: 3))
            #expect(errorMessage { try store.targets.set(TargetDefinition(indicatorID: "ntm.smart_communes", scope: .unit("216"),
                                                                          year: 2026, threshold: 3)) }
                    == "target scope: no unit 216 is valid in 2026")
            try store.targets.remove(indicator: "ntm.criterion_8_4", scope: .unit("216"), year: 2024)
            #expect(errorMessage { try store.targets.remove(indicator: "ntm.criterion_8_4", scope: .unit("216"), year: 2024) }
                    == "no target for ntm.criterion_8_4 at unit 216 in 2024")
        }
    }

    @Test("progress: current value, numerator and denominator, gap and status per target")
    func progress() throws {
        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            let communes = try store.units.list(level: .commune, kind: .commune, asOf: .endOfYear(2024))
            let criterion = try CriteriaCatalogue.parse("8.4")
            for (position, commune) in communes.enumerated() {
                try store.criteria.set(unit: commune, year: 2024, criterion: criterion, met: position < 170)
            }
            for commune in communes.prefix(16) {
                try store.recognition.set(unit: commune, year: 2024, title: .smart)
            }
            try store.targets.set(TargetDefinition(indicatorID: "ntm.criterion_8_4", scope: .level(.commune), year: 2024, threshold: 90))
            try store.targets.set(TargetDefinition(indicatorID: "ntm.smart_communes", scope: .level(.commune), year: 2024, threshold: 20))
            try store.targets.set(TargetDefinition(indicatorID: "ntm.smart_communes", scope: .unit("216"), year: 2024, threshold: 0,
                                                   direction: .atMost))
            try store.targets.set(TargetDefinition(indicatorID: "ntm.smart_communes", scope: .unit("219"), year: 2024, threshold: 0,
                                                   direction: .atMost))
            try store.recognition.set(unit: try store.units.resolve("07561"), year: 2021, title: .standard)
        }
        try workspace.read { store in
            let rows = try store.progress(year: 2024)
            #expect(rows.count == 4)
            let it = rows.first { $0.indicator.id == "ntm.criterion_8_4" }!
            #expect(it.value == IndicatorValue(numerator: 170, denominator: 182))
            #expect(it.status == .met && it.gap == 0)
            #expect(it.scopeText == "commune level in Tỉnh Bắc Giang")
            let smart = rows.first { $0.indicator.id == "ntm.smart_communes" && $0.target.scope == .level(.commune) }!
            #expect(smart.current == 16 && smart.status == .behind && smart.gap == 4)
            let tanYen = rows.first { $0.target.scope == .unit("216") }!
            #expect(tanYen.scopeText == "Huyện Tân Yên (216)")
            // None of Tân Yên's communes has any recognition recorded: no data, not zero.
            #expect(tanYen.status == .noData && tanYen.current == nil)
            // Lục Ngạn has a recognised commune and no smart one: zero, which meets "at most 0".
            let lucNgan = rows.first { $0.target.scope == .unit("219") }!
            #expect(lucNgan.current == 0 && lucNgan.status == .met)

            // 2025: the plan's targets; nothing recorded for the post-merger communes yet.
            let plan = try store.progress(year: 2025)
            #expect(plan.count == 2)
            #expect(plan.allSatisfy { $0.status == .noData && $0.gap == nil })
            // Bắc Giang's plan keeps Bắc Giang's name, though code 24 names Tỉnh Bắc Ninh from 2025-07-01.
            #expect(plan.first?.scopeText == "commune level in Tỉnh Bắc Giang")
            #expect(plan.first?.mergerNote == "Tỉnh Bắc Giang (24) became part of Tỉnh Bắc Ninh (24) on 2025-07-01: the 2025 "
                    + "figures are summed over the units valid on 2025-12-31 within it and, before 2025-07-01, the units they "
                    + "were formed from")

            // Inside a district, level targets count that district's communes.
            let district = try store.units.resolve("Tân Yên", asOf: .endOfYear(2024), level: .district)
            let local = try store.progress(year: 2024, in: district)
            let localIT = local.first { $0.indicator.id == "ntm.criterion_8_4" }!
            #expect(localIT.value?.denominator == Double(try store.units.list(level: .commune, in: district, kind: .commune).count))
        }
    }

    @Test("indicator readings roll up: a district's share is its communes' sum over their sum")
    func readings() throws {
        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            let criterion = try CriteriaCatalogue.parse("8.4")
            try store.criteria.set(unit: try store.units.resolve("07324"), year: 2023, criterion: criterion, met: true)
            try store.criteria.set(unit: try store.units.resolve("07561"), year: 2023, criterion: criterion, met: true)
        }
        try workspace.read { store in
            let province = try store.units.resolve("24")
            let reading = try store.indicators.reading("ntm.criterion_8_4", for: province, period: .year(2023))
            #expect(reading.value == IndicatorValue(numerator: 2, denominator: 182))
            #expect(try store.indicators.reading("ntm.criterion_8_4", for: province, period: .year(2022)).value == nil)
            let districts = try store.indicators.breakdown("ntm.criterion_8_4", in: province, period: .year(2023))
            #expect(districts.count == 10)
            let numerators = districts.compactMap(\.value).map(\.numerator).reduce(0, +)
            let denominators = districts.compactMap(\.value).compactMap(\.denominator).reduce(0, +)
            // Only the two districts with an assessment report a value; each over its own rural communes.
            #expect(numerators == 2)
            #expect(districts.filter { $0.value != nil }.map(\.unit.code) == ["216", "219"])
            let ruralInBoth = try ["216", "219"].map { try store.units.list(level: .commune, in: try store.units.resolve($0), kind: .commune).count }
            #expect(denominators == Double(ruralInBoth.reduce(0, +)))
            #expect(errorMessage { _ = try store.indicators.reading("nope", for: province, period: .year(2023)) }?
                .hasPrefix("unknown indicator 'nope': known are ntm.smart_communes, ntm.criterion_8_4") == true)
        }
    }
}
