import Testing
@testable import NTMCore

@Suite("Adding units")
struct UnitEditingTests {
    @Test("a village under a rural commune: code, parent, validity from the parent, listed, shown, in the tree")
    func addVillage() throws {
        let workspace = try memoryWorkspace()
        let village = try workspace.performMutation(context()) { store in
            try store.units.add(code: "0732401", name: "Thôn Đông", parent: try store.units.resolve("phuc hoa"))
        }
        #expect(village.level == .village && village.kind == .village && village.parentCode == "07324")
        #expect(village.validFrom == Day(2020, 1, 1) && village.validTo == Day(2025, 6, 30))
        try workspace.read { store in
            #expect(try store.units.resolve("thon dong").code == "0732401")
            #expect(try store.units.resolve("Đông").code == "0732401")
            let details = try store.units.show(try store.units.resolve("07324"))
            #expect(details.parentChain.map(\.code) == ["216", "24"])
            #expect(details.childCounts.map { "\($0.kind.rawValue) \($0.count)" } == ["village 1"])
            #expect(details.successionText == ["since 2025-07-01 part of Xã Phúc Hòa (07330)"])
            let tree = try store.units.tree(root: try store.units.resolve("Tân Yên", level: .district), depth: 2)
            #expect(tree.first?.depth == 0)
            #expect(tree.contains { $0.unit.code == "0732401" && $0.depth == 2 })
            #expect(try store.units.tree(depth: 1).count == 1 + 10)
        }
    }

    @Test("refusals say why", arguments: [
        ("07324", "07999", UnitKind.village, "malformed village code '07999': expected the commune's code 07324 followed by 2–3 digits (e.g. 0732401)"),
        ("07324", "0732401", UnitKind.ward, "a ward cannot be placed under Xã Phúc Hòa (07324), a commune: it belongs under a district or province"),
        ("216", "0732401", UnitKind.village, "a village cannot be placed under Huyện Tân Yên (216), a district: it belongs under a commune"),
        ("216", "0732", UnitKind.commune, "malformed commune code '0732': expected 5 digits"),
        ("216", "07330", UnitKind.commune, "code 07330 is already used by Xã Hợp Đức, valid 2020-01-01–2025-06-30"),
    ])
    func refusals(parent: String, code: String, kind: UnitKind, message: String) throws {
        let workspace = try memoryWorkspace()
        #expect(errorMessage {
            _ = try workspace.performMutation(context()) { store in
                try store.units.add(code: code, name: "Tên", parent: try store.units.resolve(parent), kind: kind)
            }
        } == message)
    }

    @Test("a second village with the same name in the commune is refused")
    func duplicateName() throws {
        let workspace = try memoryWorkspace()
        try workspace.performMutation(context()) { store in
            let commune = try store.units.resolve("07324")
            try store.units.add(code: "0732401", name: "Thôn Đông", parent: commune)
            #expect(errorMessage { try store.units.add(code: "0732402", name: "thôn đông", parent: commune) }
                    == "Xã Phúc Hòa already has a unit named Thôn Đông (0732401)")
        }
    }
}
