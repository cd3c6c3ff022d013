import Foundation
import Testing
@testable import NTMCore

@Suite("The embedded registry matches Data/")
struct BundledRegistryTests {
    @Test("each embedded text equals its file byte for byte (run scripts/embed-data after changing Data/)",
          arguments: BundledRegistry.files.map(\.name))
    func matchesData(name: String) throws {
        let text = try #require(BundledRegistry.files.first { $0.name == name }?.text)
        let file = try Data(contentsOf: URL(fileURLWithPath: (dataFolder as NSString).appendingPathComponent(name)))
        #expect(Data(text.utf8) == file)
    }

    @Test("the registry plan: every new unit has predecessors, every link joins consecutive days")
    func plan() throws {
        let plan = try RegistryLoader.makePlan(units2023: BundledRegistry.units2023CSV, mapping2025: BundledRegistry.mapping2025CSV)
        let byKey = Dictionary(uniqueKeysWithValues: plan.units.map { ($0.key, $0) })
        for link in plan.links {
            let before = try #require(byKey[link.predecessor])
            let after = try #require(byKey[link.successor])
            #expect(before.validTo?.next == after.validFrom)
            #expect(link.effective == after.validFrom)
        }
        let newUnits = plan.units.filter { $0.validFrom == Day(2025, 7, 1) && $0.kind != .province }
        #expect(newUnits.count == 58)
        #expect(newUnits.allSatisfy { unit in plan.links.contains { $0.successor == unit.key } })
        // 17 commune-level units of 2023 have no recorded successor (the uncovered 1 January 2025 mergers).
        let ended = plan.units.filter { $0.validTo == Day(2024, 12, 31) && $0.kind.level == .commune }
        let orphans = ended.filter { unit in !plan.links.contains { $0.predecessor == unit.key } }
        #expect(orphans.count == 17)
        #expect(orphans.contains { $0.code == "07204" && $0.name == "Phường Trần Nguyên Hãn" })
    }
}
