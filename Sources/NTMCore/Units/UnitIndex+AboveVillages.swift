import GRDB

/// An index of the units above villages — provinces, district-level and commune-level units — and
/// the succession links between them, for reports whose rows are communes or above.
///
/// A registry of ten thousand villages holds a few hundred such units: a report that sums its
/// villages in SQL (`telecom coverage --by commune`) needs the hierarchy and mergers above them,
/// not every village in memory. When the session has read the whole index already, that is
/// returned instead (it answers the same questions about these units).
extension UnitRegistry {
    /// The session's whole index when it has been read; else the units above villages, read now.
    public func indexAboveVillages() throws -> UnitIndex {
        if let cached = store.memo.unitIndex { return cached }
        if let kept = try store.workspace.unitCache.keptIndex(store.db) {
            store.memo.unitIndex = kept
            return kept
        }
        return try UnitIndex.loadAboveVillages(store.db)
    }

    /// Whether a succession link joins a village and a unit above villages (a commune turned
    /// village, or the reverse): then a walk between units above villages may pass through a
    /// village, and the index above villages, which leaves such links out, cannot answer it.
    public func villagesLinkedAbove() throws -> Bool {
        try Bool.fetchOne(store.db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM unit_succession s
                           JOIN unit a ON a.id = s.predecessor_id JOIN unit b ON b.id = s.successor_id
                           WHERE (a.level = 'village') <> (b.level = 'village'))
            """)) ?? true
    }
}

extension UnitIndex {
    /// How many succession links the index holds whose both ends are above villages. Equal to the number of
    /// rows of `unit_succession`, it says that no link has a village at either end.
    public var linksAboveVillages: Int {
        var count = 0
        for (id, links) in storage.successorLinks where storage.byID[id]?.level != .village {
            for link in links where link.successor.level != .village { count += 1 }
        }
        return count
    }

    /// Loads the non-village units and the links whose both ends are among them.
    static func loadAboveVillages(_ db: Database) throws -> UnitIndex {
        let storage = Storage()
        // The partial index `unit_above_villages` (migration core.v3) holds only these rows, so no village's row is
        // read; sorted here: ordering by code in SQL would walk the code index and fetch every village's row.
        let unitRows = try db.cachedStatement(sql: """
            SELECT id, code, name, level, kind, parent_code, valid_from, valid_to, folded_name FROM unit WHERE level <> 'village'
            """)
        var units: [(unit: Unit, folded: String)] = []
        try RawRows.each(unitRows) { row in
            let unit = Unit(id: row.int64(0), code: row.text(1), name: row.text(2),
                            level: UnitLevel(rawValue: row.text(3)) ?? .village, kind: UnitKind(rawValue: row.text(4)) ?? .village,
                            parentCode: row.optionalText(5), validFrom: try row.day(6), validTo: try row.optionalDay(7))
            units.append((unit, row.text(8)))
        }
        for entry in units.sorted(by: { $0.unit.key < $1.unit.key }) { storage.append(entry.unit, folded: entry.folded) }
        try loadLinks(db, into: storage)
        return UnitIndex(storage: storage)
    }
}
