import Foundation
import Testing
@testable import NTMCore

/// Completion in a large province: thousands of villages share the first words of their names
/// (`Thôn Số 1` … `Thôn Số 55` in every rural commune). Tab offers the best few, in the order a
/// scan of every name gives, and says how many more matched.
@Suite("Unit completion lists")
struct UnitCompletionListTests {
    /// A workspace with 55 villages `Thôn Số N` in each of the first `communes` rural communes, and
    /// the codes of the rural communes.
    func largeProvince(communes: Int) throws -> (workspace: Workspace, communes: [String], folder: TemporaryFolder) {
        let workspace = try memoryWorkspace()
        let codes = try workspace.read { try $0.units.list(level: .commune, kind: .commune) }.map(\.code)
        var csv = "code,name,kind,parent_code\n"
        for commune in codes.prefix(communes) {
            for number in 1...55 { csv += "\(commune)\(number < 10 ? "0" : "")\(number),Thôn Số \(number),village,\(commune)\n" }
        }
        let folder = try TemporaryFolder()
        let file = try folder.write("villages.csv", csv)
        _ = try workspace.performMutation(context("unit import")) { try $0.units.importFile(file) }
        return (workspace, codes, folder)
    }

    /// How many units valid on the reference day have a name, base name or code that starts with
    /// what was typed, or (one word typed) a word of the base name that does.
    static func startingCount(_ all: [NTMCore.Unit], typed: String) -> Int {
        let query = NameFolding.fold(typed)
        let isCode = !query.isEmpty && query.allSatisfy(\.isNumber)
        return all.filter { unit in
            guard unit.isValid(on: .programmeReference) else { return false }
            let name = NameFolding.fold(unit.name), base = NameFolding.foldedBase(name, kind: unit.kind)
            if query.isEmpty { return true }
            if isCode { return unit.code.hasPrefix(query) }
            return name.hasPrefix(query) || base.hasPrefix(query) || base.split(separator: " ").contains { $0.hasPrefix(query) }
        }.count
    }

    @Test("thousands of matches: the best 60 in the scan's order, and how many matched in all", arguments: [
        "thon so 1", "so 4", "thon", "so", "", "t", "0732", "so 55", "thon so 5", "hop",
    ])
    func boundedAndOrdered(typed: String) throws {
        let (workspace, _, _) = try largeProvince(communes: 40)
        let (list, expected, everyMatch, starting) = try workspace.read { store in
            let all = try store.units.index().units
            return (try store.units.completionList(for: typed, limit: 60),
                    KeptUnitIndexTests.scan(all, typed: typed, asOf: .programmeReference, level: nil, limit: 60),
                    KeptUnitIndexTests.scan(all, typed: typed, asOf: .programmeReference, level: nil, limit: .max),
                    Self.startingCount(all, typed: typed))
        }
        #expect(list.matches.map(\.code) == expected.map(\.code), "\(typed)")
        #expect(list.matches.map(\.baseName) == expected.map(\.baseName), "\(typed)")
        #expect(list.matches.map(\.nameIsUnique) == expected.map(\.nameIsUnique), "\(typed)")
        #expect(list.matches.count == min(60, everyMatch.count), "\(typed)")
        // Names containing the text inside are looked for only when fewer than 60 start with it.
        #expect(list.total == (starting >= 60 ? starting : everyMatch.count), "\(typed)")
        #expect(list.more == list.total - list.matches.count)
    }

    @Test("`thon so 1` in 40 communes: 440 villages matched, the 60 shown are Số 1 of the first 60 communes' order")
    func thonSo1() throws {
        let (workspace, _, _) = try largeProvince(communes: 40)
        let list = try workspace.read { try $0.units.completionList(for: "thon so 1", limit: 60) }
        #expect(list.total == 40 * 11)
        #expect(list.more == 40 * 11 - 60)
        // Số 1 of all 40 communes first (by code), then Số 10 of the first 20.
        #expect(list.matches.prefix(40).allSatisfy { $0.name == "Thôn Số 1" })
        #expect(list.matches.dropFirst(40).allSatisfy { $0.name == "Thôn Số 10" })
        let codes = list.matches.map(\.code)
        let first = codes.prefix(40), then = codes.dropFirst(40)
        #expect(Array(first) == first.sorted() && Array(then) == then.sorted())
        // Forty villages share each name: Tab inserts codes.
        #expect(list.matches.allSatisfy { !$0.nameIsUnique })
    }

    @Test("a village the session adds takes its place in a list already worked out")
    func addedInPlace() throws {
        let (workspace, communes, _) = try largeProvince(communes: 10)
        let before = try workspace.read { try $0.units.completionList(for: "thon so 1", limit: 12) }
        #expect(before.matches.prefix(10).allSatisfy { $0.name == "Thôn Số 1" })
        // `Thôn Số 1` of the eleventh commune comes after the ten others, before every `Số 10`.
        let commune = communes[10]
        _ = try workspace.performMutation(context("unit add")) { store in
            try store.units.add(code: commune + "01", name: "Thôn Số 1", parent: try store.units.resolve(commune))
        }
        let after = try workspace.read { try $0.units.completionList(for: "thon so 1", limit: 12) }
        #expect(after.total == before.total + 1)
        #expect(after.matches.map(\.code) == before.matches.prefix(10).map(\.code) + [commune + "01", before.matches[10].code])
    }

    /// Compares a completion list with the reference scan: the same units, in the same order, the
    /// same insertions, and how many matched.
    static func expectScanned(_ list: UnitCompletionList, _ all: [NTMCore.Unit], typed: String, asOf: Day,
                              level: UnitLevel?, limit: Int, _ comment: String) {
        let expected = KeptUnitIndexTests.scan(all, typed: typed, asOf: asOf, level: level, limit: limit)
        let everyMatch = KeptUnitIndexTests.scan(all, typed: typed, asOf: asOf, level: level, limit: .max)
        #expect(list.matches.map(\.code) == expected.map(\.code), "\(comment)")
        #expect(list.matches.map(\.baseName) == expected.map(\.baseName), "\(comment)")
        #expect(list.matches.map(\.nameIsUnique) == expected.map(\.nameIsUnique), "\(comment)")
        #expect(list.matches.count == min(limit, everyMatch.count), "\(comment)")
        #expect(list.total >= list.matches.count && list.total <= everyMatch.count, "\(comment)")
    }

    @Test("the bench's province (55 villages in every rural commune): each prefix the bench times offers the scan's best 60")
    func wholeProvince() throws {
        let (workspace, communes, _) = try largeProvince(communes: .max)
        #expect(communes.count > 150)
        try workspace.read { store in
            let all = try store.units.index().units
            for typed in ["thon so 1", "thon so 2", "so 4", "phuc", "tan", "thon so 55", "xa hop", "hoa", "0732", "ngoc"] {
                let list = try store.units.completionList(for: typed, limit: 60)
                Self.expectScanned(list, all, typed: typed, asOf: .programmeReference, level: nil, limit: 60, typed)
                // Names containing the text inside are looked for only when fewer than 60 start with it.
                let starting = Self.startingCount(all, typed: typed)
                let everyMatch = KeptUnitIndexTests.scan(all, typed: typed, asOf: .programmeReference, level: nil, limit: .max)
                #expect(list.total == (starting >= 60 ? starting : everyMatch.count), "\(typed)")
            }
            // Thôn Số 1 and 10–19 of every rural commune: 11 each, 60 shown, the rest counted.
            let thonSo1 = try store.units.completionList(for: "thon so 1", limit: 60)
            #expect(thonSo1.total == communes.count * 11 && thonSo1.more == communes.count * 11 - 60)
            // Diacritics and case ignored, inside names too: `phuc` finds Phúc Hòa, Phúc Sơn, ...
            let phuc = try store.units.completionList(for: "PHUC", limit: 60)
            #expect(phuc.matches.contains { $0.name == "Xã Phúc Hòa" })
            #expect(phuc.matches.allSatisfy { NameFolding.fold($0.name).contains("phuc") })
        }
    }

    @Test("one level, another day: only units of that level valid that day are offered and counted", arguments: [
        "thon so 1", "phuc", "hoa", "t", "0732", "", "so",
    ])
    func levelAndDay(typed: String) throws {
        let (workspace, _, _) = try largeProvince(communes: 30)
        try workspace.read { store in
            let all = try store.units.index().units
            for (level, day) in [(UnitLevel.village, Day.programmeReference), (.commune, Day(2025, 12, 31)),
                                 (nil, Day(2025, 12, 31)), (.district, Day(2021, 1, 1))] {
                let list = try store.units.completionList(for: typed, asOf: day, level: level, limit: 60)
                Self.expectScanned(list, all, typed: typed, asOf: day, level: level, limit: 60,
                                   "\(typed) \(level?.rawValue ?? "any") \(day)")
                // Every match counted is of the level and valid that day.
                let everyMatch = KeptUnitIndexTests.scan(all, typed: typed, asOf: day, level: level, limit: .max)
                #expect(list.total <= everyMatch.count)
            }
        }
    }

    @Test("villages the session adds after the list was worked out take their places: one at a time and hundreds at once")
    func addedInOrder() throws {
        let (workspace, communes, _) = try largeProvince(communes: 20)
        func expectScanned(_ comment: String) throws {
            try workspace.read { store in
                let all = try store.units.index().units
                for typed in ["thon so 1", "thon", "xom", "moi", "so"] {
                    Self.expectScanned(try store.units.completionList(for: typed, limit: 60), all, typed: typed,
                                       asOf: .programmeReference, level: nil, limit: 60, "\(comment): \(typed)")
                }
            }
        }
        try expectScanned("before")
        // A few at a time: each goes to its place in the order worked out before.
        for (offset, commune) in communes.dropFirst(20).prefix(3).enumerated() {
            _ = try workspace.performMutation(context("unit add")) { store in
                try store.units.add(code: commune + "01", name: "Thôn Số 1", parent: try store.units.resolve(commune))
                try store.units.add(code: commune + "02", name: "Xóm Mới \(offset)", parent: try store.units.resolve(commune))
            }
            try expectScanned("after adding to \(commune)")
        }
        // Hundreds at once: the order is worked out again.
        _ = try workspace.performMutation(context("unit add")) { store in
            for commune in communes.dropFirst(23).prefix(10) {
                let parent = try store.units.resolve(commune)
                for number in 1...30 {
                    try store.units.add(code: commune + (number < 10 ? "0" : "") + "\(number)", name: "Xóm \(number)", parent: parent)
                }
            }
        }
        try expectScanned("after 300 more")
    }

    @Test("an unknown prefix offers nothing and counts nothing")
    func nothing() throws {
        let (workspace, _, _) = try largeProvince(communes: 3)
        let list = try workspace.read { try $0.units.completionList(for: "zzz", limit: 60) }
        #expect(list.matches.isEmpty && list.total == 0 && list.more == 0)
    }

    @Test("the kind words are written out folded: each is the fold of the kind's Vietnamese word")
    func kindWordsFolded() {
        for kind in UnitKind.allCases {
            #expect(NameFolding.foldedKindWords(of: kind).contains(NameFolding.fold(kind.vietnamesePrefix)), "\(kind)")
            for word in NameFolding.foldedKindWords(of: kind) { #expect(NameFolding.fold(word) == word) }
        }
    }
}
