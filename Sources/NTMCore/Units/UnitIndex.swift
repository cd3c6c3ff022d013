import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Every unit version and succession link, in memory, with the lookups the domain needs.
///
/// The workspace keeps one index per session (see ``UnitRegistry/index()``): it is read from the
/// database once, then the session's own writes are added to it in place, and it is reloaded only
/// when another process has changed the database or a rollback undid changes it holds. Lookups by
/// id, code, parent, succession link and folded name are hash lookups; search keys (folded names)
/// come from the `folded_name` column, written with the unit, so loading folds nothing.
///
/// An index shares its contents with the workspace's: it sees units the session adds later.
public struct UnitIndex: @unchecked Sendable {
    let storage: Storage

    init(storage: Storage) { self.storage = storage }

    /// All unit versions, ordered by code then first valid day.
    public var units: [Unit] { storage.sortedUnits }

    /// Loads the index from the database: one pass over each table, columns read by position.
    public static func load(_ db: Database) throws -> UnitIndex {
        let storage = Storage()
        let unitRows = try db.cachedStatement(sql: """
            SELECT id, code, name, level, kind, parent_code, valid_from, valid_to, folded_name FROM unit ORDER BY code, valid_from
            """)
        try RawRows.each(unitRows) { row in
            let code = row.text(1)
            let name = row.text(2)
            let kind = UnitKind(rawValue: row.text(4)) ?? .village
            let unit = Unit(id: row.int64(0), code: code, name: name, level: UnitLevel(rawValue: row.text(3)) ?? .village,
                            kind: kind, parentCode: row.optionalText(5),
                            validFrom: try row.day(6), validTo: try row.optionalDay(7))
            storage.append(unit, folded: row.text(8))
        }
        try loadLinks(db, into: storage)
        return UnitIndex(storage: storage)
    }

    /// Reads the succession links whose both ends `storage` holds.
    static func loadLinks(_ db: Database, into storage: Storage) throws {
        let linkRows = try db.cachedStatement(sql: """
            SELECT predecessor_id, successor_id, effective, basis FROM unit_succession ORDER BY predecessor_id, successor_id
            """)
        try RawRows.each(linkRows) { row in
            guard let predecessor = storage.byID[row.int64(0)], let successor = storage.byID[row.int64(1)] else { return }
            storage.appendLink(Succession(predecessor: predecessor, successor: successor, effective: try row.day(2),
                                          basis: Succession.Basis(rawValue: row.text(3)) ?? .manual))
        }
    }

    /// An index of the given units and links (folding the names here).
    init(units: [Unit], links: [Succession]) {
        let storage = Storage()
        for unit in units.sorted(by: { $0.key < $1.key }) { storage.append(unit, folded: NameFolding.fold(unit.name)) }
        for link in links.sorted(by: { ($0.predecessor.id, $0.successor.id) < ($1.predecessor.id, $1.successor.id) }) {
            storage.appendLink(link)
        }
        self.init(storage: storage)
    }

    // MARK: - Lookups

    /// The version with this row id.
    public func unit(id: Int64) -> Unit? { storage.byID[id] }

    /// Every version that carried the code, oldest first.
    public func versions(of code: String) -> [Unit] { storage.byCode[code] ?? [] }

    /// The version of `code` valid on `day`.
    public func unit(code: String, on day: Day) -> Unit? {
        versions(of: code).last { $0.isValid(on: day) }
    }

    /// The version identified by a key.
    public func unit(key: UnitKey) -> Unit? {
        versions(of: key.code).first { $0.validFrom == key.validFrom }
    }

    /// Units valid on `day`, optionally of one level.
    public func units(on day: Day, level: UnitLevel? = nil) -> [Unit] {
        units.filter { $0.isValid(on: day) && (level == nil || $0.level == level) }
    }

    /// The parent version of `unit` on `day` (clamped to the unit's validity); when none is valid
    /// that day, the latest parent version that overlaps the unit.
    public func parent(of unit: Unit, on day: Day? = nil) -> Unit? {
        guard let parentCode = unit.parentCode else { return nil }
        let day = clamp(day ?? unit.validFrom, to: unit)
        if let parent = self.unit(code: parentCode, on: day) { return parent }
        return versions(of: parentCode).last { $0.overlaps(unit) }
    }

    /// The ancestors of `unit` on `day`, nearest first (commune → district → province).
    public func ancestors(of unit: Unit, on day: Day? = nil) -> [Unit] {
        var chain: [Unit] = []
        var current = unit
        let day = clamp(day ?? unit.validFrom, to: unit)
        while let parent = parent(of: current, on: day), chain.count < 8 {
            chain.append(parent)
            current = parent
        }
        return chain
    }

    /// The district-level ancestor on `day`, if the unit has one.
    public func district(of unit: Unit, on day: Day? = nil) -> Unit? {
        // The ancestors walked without collecting them: completion asks this for 60 units a Tab.
        var current = unit, steps = 0
        let day = clamp(day ?? unit.validFrom, to: unit)
        while let parent = parent(of: current, on: day), steps < 8 {
            if parent.level == .district { return parent }
            current = parent
            steps += 1
        }
        return nil
    }

    /// The name that places a unit for a person: its district, else its parent (post-2025
    /// communes sit directly under the province). Nil for a province.
    public func placeName(of unit: Unit, on day: Day? = nil) -> String? {
        if unit.level == .province { return nil }
        if unit.level == .district { return parent(of: unit, on: day)?.name }
        return (district(of: unit, on: day) ?? parent(of: unit, on: day))?.name
    }

    /// The children of `unit` valid on `day` (clamped to the unit's validity), ordered by code.
    public func children(of unit: Unit, on day: Day? = nil) -> [Unit] {
        let day = clamp(day ?? unit.validFrom, to: unit)
        return (storage.byParentCode[unit.code] ?? []).filter { $0.isValid(on: day) }
    }

    /// Every version ever placed under `unit` while it existed (any day of its validity).
    public func childrenOverTime(of unit: Unit) -> [Unit] {
        (storage.byParentCode[unit.code] ?? []).filter { $0.overlaps(unit) }
    }

    /// Whether `unit` lies under `ancestor` (or is it) on `day`.
    public func isWithin(_ unit: Unit, _ ancestor: Unit, on day: Day) -> Bool {
        unit.id == ancestor.id || ancestors(of: unit, on: day).contains { $0.id == ancestor.id }
    }

    /// Links from `unit` to what it became.
    public func successors(of unit: Unit) -> [Succession] { storage.successorLinks[unit.id] ?? [] }

    /// Links from what became `unit`.
    public func predecessors(of unit: Unit) -> [Succession] {
        (storage.predecessorLinks[unit.id] ?? []).sorted { $0.predecessor.key < $1.predecessor.key }
    }

    private func clamp(_ day: Day, to unit: Unit) -> Day {
        if day < unit.validFrom { return unit.validFrom }
        if let validTo = unit.validTo, day > validTo { return validTo }
        return day
    }

    /// The folded forms of a unit's name, if the unit is in the index.
    func names(of id: Int64) -> FoldedNames? { storage.folded[id] }
}

/// A unit's search keys: its folded name and the folded name without the kind word.
struct FoldedNames: Sendable {
    /// `xa phuc hoa`.
    let name: String
    /// `phuc hoa`.
    let base: String
    /// How many words of the name are its kind word (`Thị trấn` is 2), 0 when it has none.
    let kindWords: Int

    init(folded: String, kind: UnitKind) {
        name = folded
        for word in NameFolding.foldedKindWords(of: kind) {
            let count = word.utf8.count
            if folded.utf8.count > count + 1, folded.utf8.starts(with: word.utf8),
               folded.utf8[folded.utf8.index(folded.utf8.startIndex, offsetBy: count)] == 32 {
                base = String(folded.utf8.dropFirst(count + 1))!
                kindWords = word.utf8.reduce(1) { $1 == 32 ? $0 + 1 : $0 }
                return
            }
        }
        base = folded
        kindWords = 0
    }

    /// The name without its kind word, spelled as stored (`Xã Phúc Hòa` → `Phúc Hòa`): what
    /// ``Unit/baseName`` computes, without folding the name again.
    func baseName(of unit: Unit) -> String {
        guard kindWords > 0 else { return unit.name }
        // Stored names have single spaces and no blank ends: the base is what follows the
        // kind word's last space.
        let bytes = unit.name.utf8
        if bytes.first != 32, bytes.last != 32, !zip(bytes, bytes.dropFirst()).contains(where: { $0 == 32 && $1 == 32 }) {
            var spaces = 0
            for index in bytes.indices where bytes[index] == 32 {
                spaces += 1
                if spaces == kindWords { return String(unit.name[bytes.index(after: index)...]) }
            }
            return unit.name
        }
        let words = unit.name.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count > kindWords else { return unit.name }
        return words.dropFirst(kindWords).joined(separator: " ")
    }
}

extension UnitIndex {
    /// What an index holds; shared by every copy of the index, changed in place by the session's writes.
    final class Storage {
        var byID: [Int64: Unit] = [:]
        /// Versions of a code, oldest first.
        var byCode: [String: [Unit]] = [:]
        /// Units by parent code, ordered by code then first valid day.
        var byParentCode: [String: [Unit]] = [:]
        var successorLinks: [Int64: [Succession]] = [:]
        var predecessorLinks: [Int64: [Succession]] = [:]
        var folded: [Int64: FoldedNames] = [:]
        /// Unit ids by folded name and by folded base name: how names resolve. Built on first
        /// use (a session that names units by code never needs them), then kept up to date.
        private var nameLists: (byName: [String: [Int64]], byBase: [String: [Int64]])?

        var byFoldedName: [String: [Int64]] { namesByFolding().byName }
        var byFoldedBase: [String: [Int64]] { namesByFolding().byBase }

        private func namesByFolding() -> (byName: [String: [Int64]], byBase: [String: [Int64]]) {
            if let nameLists { return nameLists }
            var byName: [String: [Int64]] = [:], byBase: [String: [Int64]] = [:]
            byName.reserveCapacity(folded.count)
            byBase.reserveCapacity(folded.count)
            for unit in sortedUnits {
                guard let names = folded[unit.id] else { continue }
                byName[names.name, default: []].append(unit.id)
                byBase[names.base, default: []].append(unit.id)
            }
            nameLists = (byName, byBase)
            return (byName, byBase)
        }
        /// Codes of the units with a child that has children of its own or was formed from other
        /// units: under any other unit every child is a leaf formed from nothing, which a roll-up
        /// to a level need not visit (see ``UnitIndex/sources(for:during:level:)``). Worked out on
        /// first use after a change, from the parent codes and links (not a pass over every unit).
        var parentsOfNonLeaves: Set<String> {
            if let nonLeafParents { return nonLeafParents }
            var codes = Set<String>()
            for code in byParentCode.keys {
                for unit in byCode[code] ?? [] { if let parentCode = unit.parentCode { codes.insert(parentCode) } }
            }
            for id in predecessorLinks.keys {
                if let parentCode = byID[id]?.parentCode { codes.insert(parentCode) }
            }
            nonLeafParents = codes
            return codes
        }
        private var nonLeafParents: Set<String>?
        /// Built on first use after a change (sorting is the cost; appends keep it cheap to skip).
        private var sorted: [Unit]?
        private var completion: CompletionTable?
        /// Units appended in key order so far (loading), so the sorted list needs no sort.
        private var appendOrder: [Unit] = []
        private var appendedInOrder = true

        var sortedUnits: [Unit] {
            if let sorted { return sorted }
            let result = appendedInOrder ? appendOrder : byID.values.sorted { $0.key < $1.key }
            sorted = result
            return result
        }

        /// Adds a unit read from the database (in key order) or just written by the session.
        func append(_ unit: Unit, folded foldedName: String) {
            if appendedInOrder {
                if let last = appendOrder.last, !(last.key < unit.key) {
                    appendedInOrder = false
                    appendOrder = []
                } else {
                    appendOrder.append(unit)
                }
            }
            sorted = nil
            nonLeafParents = nil
            byID[unit.id] = unit
            insertSorted(unit, into: &byCode[unit.code, default: []]) { $0.validFrom < $1.validFrom }
            if let parentCode = unit.parentCode {
                insertSorted(unit, into: &byParentCode[parentCode, default: []]) { $0.key < $1.key }
            }
            let names = FoldedNames(folded: foldedName, kind: unit.kind)
            let isNew = folded.updateValue(names, forKey: unit.id) == nil
            // A unit taken in again (not done today) would leave its old keys behind: build anew.
            if completion != nil { if isNew { completion!.add(unit, names) } else { completion = nil } }
            if nameLists != nil {
                nameLists!.byName[names.name, default: []].append(unit.id)
                nameLists!.byBase[names.base, default: []].append(unit.id)
            }
        }

        /// Adds a succession link between units of the index.
        func appendLink(_ link: Succession) {
            nonLeafParents = nil
            insertSorted(link, into: &successorLinks[link.predecessor.id, default: []]) { $0.successor.id < $1.successor.id }
            insertSorted(link, into: &predecessorLinks[link.successor.id, default: []]) { $0.predecessor.id < $1.predecessor.id }
        }

        /// Keeps `list` ordered: appends when `element` goes last (the usual case), inserts otherwise.
        private func insertSorted<T>(_ element: T, into list: inout [T], by less: (T, T) -> Bool) {
            if let last = list.last, less(element, last) {
                let position = list.firstIndex { less(element, $0) } ?? list.endIndex
                list.insert(element, at: position)
            } else {
                list.append(element)
            }
        }

        /// What completion looks up (see ``CompletionTable``), with the completion order worked
        /// out. Built on the first completion (or by ``UnitIndex/prepareCompletion()``), then kept up
        /// to date by ``append(_:folded:)``: no scan of the registry, and units the session adds take
        /// their place in the order without sorting it again.
        var completionTable: CompletionTable {
            if completion == nil {
                var table = CompletionTable()
                table.reserveCapacity(folded.count)
                // In key order (code, first day), so a rebuilt table is the table loading built.
                for unit in sortedUnits {
                    guard let names = folded[unit.id] else { continue }
                    table.add(unit, names)
                }
                completion = table
            }
            completion!.updateOrder()
            return completion!
        }
    }
}

/// Reading rows straight from SQLite, by column position (``RawStatement``): what makes loading the index cheap.
enum RawRows {
    /// Steps through every row of a prepared statement without arguments.
    static func each(_ statement: Statement, _ body: (RawStatement) throws -> Void) throws {
        let rows = RawStatement(statement)
        sqlite3_reset(rows.raw)
        defer { sqlite3_reset(rows.raw) }
        while try rows.step() { try body(rows) }
    }
}
