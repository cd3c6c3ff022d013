import GRDB

/// Every unit version and succession link, in memory, with the lookups the domain needs.
///
/// Loading it is one query per table (a few hundred rows for the province, a few thousand with
/// villages): load it once per command — or once per bulk import — and resolve many references
/// against it. It is a snapshot: it does not see changes made after it was loaded.
public struct UnitIndex: Sendable {
    /// All unit versions, ordered by code then first valid day.
    public let units: [Unit]
    private let byID: [Int64: Unit]
    private let byCode: [String: [Unit]]
    private let byParentCode: [String: [Unit]]
    private let successorLinks: [Int64: [Succession]]
    private let predecessorLinks: [Int64: [Succession]]
    /// Folded names and bases, by unit id, for matching.
    let folded: [Int64: (name: String, base: String)]

    /// Loads the index from the database.
    public static func load(_ db: Database) throws -> UnitIndex {
        let units = try Row.fetchAll(db, sql: """
            SELECT id, code, name, level, kind, parent_code, valid_from, valid_to FROM unit ORDER BY code, valid_from
            """).map(unit(from:))
        let byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0) })
        let links = try Row.fetchAll(db, sql: "SELECT predecessor_id, successor_id, effective, basis FROM unit_succession")
            .compactMap { row -> Succession? in
                guard let predecessor = byID[row["predecessor_id"]], let successor = byID[row["successor_id"]] else { return nil }
                return Succession(predecessor: predecessor, successor: successor,
                                  effective: try Day(parsing: row["effective"]),
                                  basis: Succession.Basis(rawValue: row["basis"]) ?? .manual)
            }
        return UnitIndex(units: units, links: links)
    }

    init(units: [Unit], links: [Succession]) {
        self.units = units
        byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0) })
        byCode = Dictionary(grouping: units, by: \.code)
        byParentCode = Dictionary(grouping: units.filter { $0.parentCode != nil }, by: { $0.parentCode! })
        successorLinks = Dictionary(grouping: links, by: { $0.predecessor.id })
        predecessorLinks = Dictionary(grouping: links, by: { $0.successor.id })
        folded = Dictionary(uniqueKeysWithValues: units.map { unit in
            let name = NameFolding.fold(unit.name)
            return (unit.id, (name, NameFolding.foldedBase(name, kind: unit.kind)))
        })
    }

    static func unit(from row: Row) throws -> Unit {
        let validTo: String? = row["valid_to"]
        return Unit(id: row["id"], code: row["code"], name: row["name"],
                    level: UnitLevel(rawValue: row["level"]) ?? .village,
                    kind: UnitKind(rawValue: row["kind"]) ?? .village,
                    parentCode: row["parent_code"],
                    validFrom: try Day(parsing: row["valid_from"]),
                    validTo: try validTo.map { try Day(parsing: $0) })
    }

    // MARK: - Lookups

    /// The version with this row id.
    public func unit(id: Int64) -> Unit? { byID[id] }

    /// Every version that carried the code, oldest first.
    public func versions(of code: String) -> [Unit] { byCode[code] ?? [] }

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
        ancestors(of: unit, on: day).first { $0.level == .district }
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
        return (byParentCode[unit.code] ?? []).filter { $0.isValid(on: day) }
    }

    /// Every version ever placed under `unit` while it existed (any day of its validity).
    public func childrenOverTime(of unit: Unit) -> [Unit] {
        (byParentCode[unit.code] ?? []).filter { $0.overlaps(unit) }
    }

    /// Whether `unit` lies under `ancestor` (or is it) on `day`.
    public func isWithin(_ unit: Unit, _ ancestor: Unit, on day: Day) -> Bool {
        unit.id == ancestor.id || ancestors(of: unit, on: day).contains { $0.id == ancestor.id }
    }

    /// Links from `unit` to what it became.
    public func successors(of unit: Unit) -> [Succession] { successorLinks[unit.id] ?? [] }

    /// Links from what became `unit`.
    public func predecessors(of unit: Unit) -> [Succession] {
        (predecessorLinks[unit.id] ?? []).sorted { $0.predecessor.key < $1.predecessor.key }
    }

    private func clamp(_ day: Day, to unit: Unit) -> Day {
        if day < unit.validFrom { return unit.validFrom }
        if let validTo = unit.validTo, day > validTo { return validTo }
        return day
    }
}
