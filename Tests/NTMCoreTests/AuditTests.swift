import GRDB
import Testing
@testable import NTMCore

@Suite("Audit: a row for every mutation, append-only, queryable")
struct AuditTests {
    @Test("every mutation appends rows with time, actor, command line, module, entity, key, before and after")
    func everyMutation() throws {
        let workspace = try memoryWorkspace()
        let start = try workspace.read { try $0.audit.count() }
        let ctx = MutationContext(actor: "lan", commandLine: "unit add 0732401 \"Thôn Đông\" --in 07324", operation: "unit add")
        let village = try workspace.performMutation(ctx) { store in
            try store.units.add(code: "0732401", name: "Thôn Đông", parent: try store.units.resolve("07324"))
        }
        try workspace.performMutation(context("recognition set")) { store in
            try store.recognition.set(unit: village, year: 2023, title: .smart)
            try store.criteria.set(unit: try store.units.resolve("07324"), year: 2023,
                                   criterion: try CriteriaCatalogue.parse("8.4"), met: true, note: "portal live")
            try store.criteria.set(unit: try store.units.resolve("07324"), year: 2023,
                                   criterion: try CriteriaCatalogue.parse("8.4"), met: false)
            try store.targets.set(TargetDefinition(indicatorID: "ntm.smart_communes", scope: .unit("216"), year: 2024, threshold: 3))
            try store.targets.remove(indicator: "ntm.smart_communes", scope: .unit("216"), year: 2024)
            try store.recognition.remove(unit: village, title: .smart)
        }
        let entries = try workspace.read { try $0.audit.list(AuditQuery()) }.dropFirst(start)
        #expect(entries.map { "\($0.entity) \($0.change)" } == [
            "unit added", "recognition added", "assessment added", "assessment changed", "target added", "target removed",
            "recognition removed",
        ])
        let first = entries.first!
        #expect(first.actor == "lan")
        #expect(first.commandLine == "unit add 0732401 \"Thôn Đông\" --in 07324")
        #expect(first.module == "core")
        #expect(first.key == "0732401@2020-01-01")
        #expect(first.unit == "0732401")
        #expect(first.before == nil)
        #expect(first.after?.contains("\"name\":\"Thôn Đông\"") == true)
        #expect(first.time.count == 20 && first.time.hasSuffix("Z") && first.time.contains("T"))
        let changed = entries.first { $0.change == "changed" }!
        #expect(changed.key == "07324/2023/8.4")
        #expect(changed.before == #"{"met":true,"note":"portal live"}"#)
        #expect(changed.after == #"{"met":false,"note":null}"#)
    }

    @Test("installing a module is one audit entry with what it wrote, labelled with the module, not ~600 rows")
    func installationIsOneEntry() throws {
        let workspace = try memoryWorkspace(modules: [DemoModule()])
        let entries = try workspace.read { try $0.audit.list(AuditQuery()) }
        #expect(entries.map { "\($0.module) \($0.entity) \($0.key)" } == ["core module core", "demo module demo"])
        let core = entries[0]
        #expect(core.commandLine == "(install module core)" && core.before == nil)
        // 220 units of 2023, 54 versions of 1 January 2025, the new province and its 58 communes and wards;
        // links: 192 mapped, 53 same-code, 1 province merger; 23 criteria; the plan's targets for the core's indicators.
        #expect(core.after == #"{"migrations":["core.v1","core.v2","core.v3"],"seeded":{"unit":333,"succession":246,"criterion":23,"target":2}}"#)
        #expect(entries[1].after?.hasPrefix(#"{"migrations":["demo.v1"],"seeded":{"target":"#) == true)
    }

    @Test("audit times are UTC ISO 8601 with seconds", arguments: [
        (0.0, "1970-01-01T00:00:00Z"), (1_751_358_600.9, "2025-07-01T08:30:00Z"), (951_868_799, "2000-02-29T23:59:59Z"),
    ])
    func auditTime(seconds: Double, text: String) throws {
        #expect(UTCClock.iso8601(seconds) == text)
        let workspace = try memoryWorkspace()
        try workspace.performMutation(MutationContext(actor: "lan", commandLine: "unit add", time: seconds)) { store in
            _ = try store.units.add(code: "0732401", name: "Thôn Đông", parent: try store.units.resolve("07324"))
        }
        #expect(try workspace.read { try $0.audit.list(AuditQuery(limit: 1)).map(\.time) } == [text])
    }

    @Test("a change that changes nothing writes no row")
    func noOpNoRow() throws {
        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            let commune = try store.units.resolve("07324")
            #expect(try store.criteria.set(unit: commune, year: 2023, criterion: try CriteriaCatalogue.parse("5"), met: true))
            #expect(try !store.criteria.set(unit: commune, year: 2023, criterion: try CriteriaCatalogue.parse("5"), met: true))
        }
        #expect(try workspace.read { try $0.audit.list(AuditQuery(module: "core")).filter { $0.entity == "assessment" }.count } == 1)
    }

    @Test("audit rows cannot be updated or deleted, even with raw SQL")
    func appendOnly() throws {
        let workspace = try memoryWorkspace()
        let update = errorMessage { try workspace.withDatabase { try $0.execute(sql: "UPDATE audit SET actor = 'mallory'") } }
        #expect(update?.contains("audit rows are append-only: they cannot be changed") == true)
        let delete = errorMessage { try workspace.withDatabase { try $0.execute(sql: "DELETE FROM audit WHERE id = 1") } }
        #expect(delete?.contains("audit rows are append-only: they cannot be deleted") == true)
        #expect(try workspace.read { try $0.audit.list(AuditQuery(limit: 1)).first?.actor } == "tester")
    }

    @Test("list filters: since, module, unit (with everything below it), limit, newest first")
    func filters() throws {
        let workspace = try memoryWorkspace(modules: [DemoModule()])
        try workspace.performMutation(MutationContext(actor: "a", commandLine: "x", time: 1_700_000_000)) { store in   // 2023-11-14
            try DemoModule.record(store, unit: try store.units.resolve("07324"), period: "2023-05", numerator: 1, denominator: 2)
        }
        try workspace.performMutation(MutationContext(actor: "b", commandLine: "y", time: 1_750_000_000)) { store in   // 2025-06-15T15:06:40Z
            try DemoModule.record(store, unit: try store.units.resolve("07561"), period: "2023-05", numerator: 1, denominator: 2)
            _ = try store.units.add(code: "0732401", name: "Thôn Đông", parent: try store.units.resolve("07324"))
        }
        try workspace.read { store in
            // The first demo entry is its installation, dated now: the filters are checked on the figures.
            let figures = { (query: AuditQuery) in try store.audit.list(query).filter { $0.entity == "figure" } }
            #expect(try figures(AuditQuery(module: "demo")).map(\.actor) == ["a", "b"])
            #expect(try figures(AuditQuery(since: "2025-01-01", module: "demo")).map(\.actor) == ["b"])
            #expect(try figures(AuditQuery(since: "2025-06-15T16:00:00Z", module: "demo")).isEmpty)
            let tanYen = try store.units.resolve("Tân Yên", level: .district)
            let codes = try store.units.auditCodes(for: tanYen)
            #expect(codes.contains("07324") && codes.contains("0732401") && !codes.contains("07561"))
            #expect(try store.audit.list(AuditQuery(unitCodes: codes)).filter { $0.actor != "tester" }.map(\.key)
                    == ["07324/2023-05", "0732401@2020-01-01"])
            #expect(try store.audit.list(AuditQuery(limit: 2)).map(\.actor) == ["b", "b"])
            #expect(try figures(AuditQuery(module: "demo", newestFirst: true)).map(\.actor) == ["b", "a"])
            #expect(errorMessage { _ = try store.audit.list(AuditQuery(since: "last week")) }
                    == "malformed date 'last week': expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)")
        }
    }

    @Test("first-run seeding is audited as the installation, by the opening actor")
    func installationAudited() throws {
        let workspace = try Workspace.open(.memory, actor: "installer")
        let rows = try workspace.read { try $0.audit.list(AuditQuery()) }
        #expect(rows.count == 1)
        #expect(rows.first?.actor == "installer" && rows.first?.commandLine == "(install module core)")
        #expect(try workspace.read { try $0.audit.list(AuditQuery(unitCodes: ["07324"])) }.isEmpty)
    }
}
