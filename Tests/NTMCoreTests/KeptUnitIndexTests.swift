import Foundation
import GRDB
import Testing
@testable import NTMCore

/// The unit index a workspace keeps for its session: it answers like the database, whatever
/// happened since it was read — another connection's commits, the session's own writes, rollbacks.
@Suite("Kept unit index")
struct KeptUnitIndexTests {
    func addVillage(_ workspace: Workspace, _ code: String, _ name: String, parent: String = "07324") throws {
        _ = try workspace.performMutation(context("unit add \(code)")) { store in
            try store.units.add(code: code, name: name, parent: try store.units.resolve(parent))
        }
    }

    /// Whether the workspace resolves the reference, and the codes Tab offers for `typed`.
    func seen(_ workspace: Workspace, _ reference: String, typed: String) throws -> (resolves: Bool, completions: [String]) {
        try workspace.read { store in
            let resolves = (try? store.units.resolve(reference)) != nil
            return (resolves, try store.units.completions(for: typed).map(\.code))
        }
    }

    @Test("a unit added through one connection is resolved and completed by the other's next read")
    func otherConnection() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        let first = try Workspace.open(.file(path), actor: "tester")
        let second = try Workspace.open(.file(path), actor: "tester")
        // Both have read the whole registry before the change.
        #expect(try seen(first, "thon dong vang", typed: "dong va") == (false, []))
        #expect(try seen(second, "thon dong vang", typed: "dong va") == (false, []))

        try addVillage(first, "0732401", "Thôn Đông Vàng")
        #expect(try seen(second, "thon dong vang", typed: "dong va") == (true, ["0732401"]))
        #expect(try second.read { try $0.units.resolve("0732401").name } == "Thôn Đông Vàng")

        // And the other way round, while the first keeps its index.
        try addVillage(second, "0732402", "Thôn Tây Vàng")
        #expect(try seen(first, "tay vang", typed: "tay va") == (true, ["0732402"]))
        #expect(try first.read { try $0.units.list(level: .village).map(\.code) } == ["0732401", "0732402"])
        try first.close()
        try second.close()
    }

    @Test("begin … rollback leaves the index as the database is")
    func sessionRollback() throws {
        let workspace = try memoryWorkspace()
        #expect(try seen(workspace, "thon dong", typed: "thon dong") == (false, []))
        try workspace.begin()
        try addVillage(workspace, "0732401", "Thôn Đông")
        #expect(try seen(workspace, "thon dong", typed: "thon dong") == (true, ["0732401"]))
        try workspace.rollback()
        #expect(try seen(workspace, "thon dong", typed: "thon dong") == (false, []))
        #expect(try workspace.read { try $0.units.find("thon dong") }.isEmpty)
        // The code is free again.
        try addVillage(workspace, "0732401", "Thôn Bắc")
        #expect(try workspace.read { try $0.units.resolve("0732401").name } == "Thôn Bắc")
    }

    @Test("a failing command leaves the index without the units it wrote before failing")
    func failedMutation() throws {
        let workspace = try memoryWorkspace()
        _ = try seen(workspace, "07324", typed: "thon")
        try workspace.begin()
        try addVillage(workspace, "0732401", "Thôn Đông")
        let folder = try TemporaryFolder()
        let file = try folder.write("villages.csv", """
            code,name,kind,parent_code
            0732402,Thôn Tây,village,07324
            0732403,Thôn Nam,village,07324
            0732404,Thôn Tây,village,07324
            """)
        #expect(errorMessage {
            _ = try workspace.performMutation(context("unit import")) { try $0.units.importFile(file) }
        }?.contains("villages.csv:4:") == true)
        // The import's first two rows are gone with it; the session's earlier village stays.
        #expect(try seen(workspace, "thon tay", typed: "thon") == (false, ["0732401"]))
        #expect(try seen(workspace, "0732403", typed: "0732403") == (false, []))
        try workspace.commit()
        #expect(try workspace.read { try $0.units.list(level: .village).map(\.code) } == ["0732401"])
    }

    @Test("a failed --single-transaction run and a dry run leave the index as the database is", arguments: [
        Workspace.RunMode.singleTransaction, .dryRun,
    ])
    func runRollback(mode: Workspace.RunMode) throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        try Workspace.open(.file(path), actor: "tester").close()
        let workspace = try Workspace.open(.file(path), runMode: mode, actor: "tester")
        try addVillage(workspace, "0732401", "Thôn Đông")
        #expect(try seen(workspace, "thon dong", typed: "thon dong") == (true, ["0732401"]))
        let outcome = try workspace.finishRun(succeeded: false)
        #expect(!outcome.committed)
        #expect(try seen(workspace, "thon dong", typed: "thon dong") == (false, []))
        #expect(try workspace.read { try $0.units.list(level: .village) }.isEmpty)
        try workspace.close()
    }

    @Test("renames and the 2025 succession links resolve through the kept index, with the session's own units")
    func successions() throws {
        let workspace = try memoryWorkspace()
        try addVillage(workspace, "0732401", "Thôn Đông")
        try workspace.read { store in
            let old = try store.units.resolve("07324")
            let details = try store.units.show(old)
            #expect(details.successionText == ["since 2025-07-01 part of Xã Phúc Hòa (07330)"])
            #expect(details.childCounts.map { "\($0.kind.rawValue) \($0.count)" } == ["village 1"])
            let merged = try store.units.resolve("07330@2025-07-01")
            #expect(merged.name == "Xã Phúc Hòa")
            #expect(try store.units.resolve("phuc hoa", asOf: Day(2025, 12, 31)).id == merged.id)
            let sources = try store.units.sources(for: merged, during: .year(2023))
            #expect(Set(sources.units.map(\.code)).isSuperset(of: ["07324", "0732401", "07330", "07357"]))
        }
    }

    @Test("a code's neighbourhood answers resolve and show exactly as the whole index does, for every code")
    func neighbourhoodMatchesWholeIndex() throws {
        let workspace = try memoryWorkspace()
        try addVillage(workspace, "0732401", "Thôn Đông")
        try workspace.withDatabase { db in
            let whole = try UnitIndex.load(db)
            for code in Set(whole.units.map(\.code)).sorted() {
                let near = try UnitIndex.loadNeighbourhood(db, code: code)
                for day in [Day.programmeReference, Day(2025, 3, 1), Day(2025, 12, 31)] {
                    let expected = try? whole.resolve(code, asOf: day)
                    #expect((try? near.resolve(code, asOf: day)) == expected, "\(code) on \(day)")
                }
                for unit in whole.versions(of: code) {
                    #expect(near.ancestors(of: unit) == whole.ancestors(of: unit), "\(code)")
                    #expect(near.children(of: unit) == whole.children(of: unit), "\(code)")
                    #expect(near.versions(of: code) == whole.versions(of: code), "\(code)")
                    #expect(near.predecessors(of: unit) == whole.predecessors(of: unit), "\(code)")
                    #expect(near.successors(of: unit) == whole.successors(of: unit), "\(code)")
                    #expect(near.successors(of: unit).map { near.describeSuccession($0) }
                            == whole.successors(of: unit).map { whole.describeSuccession($0) }, "\(code)")
                }
            }
        }
    }

    @Test("completion offers what a scan of every folded name offers, in the same order", arguments: [
        "", "hoa", "phuc", "phuc hoa", "thon", "thon dong", "dong", "tan yen", "xa ", "son", "0732", "07", "z", "Đông",
    ])
    func completionMatchesScan(typed: String) throws {
        let workspace = try memoryWorkspace()
        try addVillage(workspace, "0732401", "Thôn Đông")
        try addVillage(workspace, "0732402", "Thôn Hòa Bình")
        for day in [Day.programmeReference, Day(2025, 12, 31)] {
            for level in [nil, UnitLevel.commune] {
                let (found, expected) = try workspace.read { store in
                    (try store.units.completions(for: typed, asOf: day, level: level, limit: 60),
                     Self.scan(try store.units.index().units, typed: typed, asOf: day, level: level, limit: 60))
                }
                #expect(found.map(\.code) == expected.map(\.code), "\(typed) on \(day)")
                #expect(found.map(\.nameIsUnique) == expected.map(\.nameIsUnique), "\(typed) on \(day)")
                #expect(found.map(\.baseName) == expected.map(\.baseName), "\(typed) on \(day)")
            }
        }
    }

    /// Completion the way it was first written: fold every name, scan them all.
    static func scan(_ all: [NTMCore.Unit], typed: String, asOf: Day, level: UnitLevel?, limit: Int) -> [(code: String, baseName: String, nameIsUnique: Bool)] {
        let query = NameFolding.fold(typed)
        let candidates = all.filter { $0.isValid(on: asOf) && (level == nil || $0.level == level) }
        let isCode = !query.isEmpty && query.allSatisfy(\.isNumber)
        var ranked: [(Int, NTMCore.Unit)] = []
        for unit in candidates {
            let name = NameFolding.fold(unit.name), base = NameFolding.foldedBase(name, kind: unit.kind)
            if isCode {
                if unit.code.hasPrefix(query) { ranked.append((0, unit)) }
            } else if query.isEmpty || base.hasPrefix(query) || name.hasPrefix(query) {
                ranked.append((0, unit))
            } else if base.split(separator: " ").contains(where: { $0.hasPrefix(query) }) {
                ranked.append((1, unit))
            } else if base.contains(query) {
                ranked.append((2, unit))
            }
        }
        ranked.sort { ($0.0, $0.1.level, $0.1.baseName, $0.1.code) < ($1.0, $1.1.level, $1.1.baseName, $1.1.code) }
        var counts: [String: Int] = [:]
        for unit in candidates { counts[NameFolding.foldedBase(NameFolding.fold(unit.name), kind: unit.kind), default: 0] += 1 }
        return ranked.prefix(limit).map { _, unit in
            (unit.code, unit.baseName, counts[NameFolding.foldedBase(NameFolding.fold(unit.name), kind: unit.kind)] == 1)
        }
    }
}
