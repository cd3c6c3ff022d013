import GRDB

/// A small index of what one code's lookups touch, read with a few indexed queries.
///
/// A one-shot `ntm -c 'unit show 07324'` must not read a registry of ten thousand villages to
/// show one commune: until the session has read the whole index, a code is resolved and shown
/// from its neighbourhood — every version of the code, of its parents up to the province, its
/// children, and the succession links around it with the units at their other end. The same
/// ``UnitIndex`` code then answers, so the results are those of the whole index.
extension UnitIndex {
    static let columns = "id, code, name, level, kind, parent_code, valid_from, valid_to, folded_name"

    /// The neighbourhood of `code`; empty when no unit has the code.
    ///
    /// Two statements do all the reading: one for units (by code, by parent code or by id) and one for
    /// links (by predecessor or by successor), each an OR of indexed terms with the unwanted terms bound
    /// to NULL, which matches nothing. Compiling a statement costs more than the few rows each lookup
    /// reads, and a one-shot command compiles every statement it runs.
    static func loadNeighbourhood(_ db: Database, code: String) throws -> UnitIndex {
        let storage = Storage()
        var parentCodes: [String] = []
        let unitRows = try db.cachedStatement(sql: "SELECT \(columns) FROM unit WHERE code = ? OR parent_code = ? OR id = ?")
        func read(code: String? = nil, parent: String? = nil, id: Int64? = nil) throws {
            try unitRows.setArguments([code, parent, id])
            try RawRows.each(unitRows) { row in
                let id = row.int64(0)
                guard storage.byID[id] == nil else { return }
                let unit = Unit(id: id, code: row.text(1), name: row.text(2),
                                level: UnitLevel(rawValue: row.text(3)) ?? .village,
                                kind: UnitKind(rawValue: row.text(4)) ?? .village, parentCode: row.optionalText(5),
                                validFrom: try row.day(6), validTo: try row.optionalDay(7))
                storage.append(unit, folded: row.text(8))
                if let parent = unit.parentCode, storage.byCode[parent] == nil, !parentCodes.contains(parent) {
                    parentCodes.append(parent)
                }
            }
        }
        try read(code: code)
        let versions = storage.byCode[code] ?? []
        guard !versions.isEmpty else { return UnitIndex(storage: storage) }
        try read(parent: code)
        // Links touching the code's versions, then every link into their successors
        // (`describeSuccession` counts a successor's predecessors).
        // A handful of links: a linear search finds those read twice (a set of pairs would cost
        // a start-up its hashing's run-time type checks).
        var links: [(predecessor: Int64, successor: Int64, effective: Day, basis: Succession.Basis)] = []
        let linkRows = try db.cachedStatement(sql: """
            SELECT predecessor_id, successor_id, effective, basis FROM unit_succession WHERE predecessor_id = ? OR successor_id = ?
            """)
        func readLinks(predecessor: Int64? = nil, successor: Int64? = nil) throws {
            try linkRows.setArguments([predecessor, successor])
            try RawRows.each(linkRows) { row in
                let predecessor = row.int64(0), successor = row.int64(1)
                guard !links.contains(where: { $0.predecessor == predecessor && $0.successor == successor }) else { return }
                links.append((predecessor, successor, try row.day(2), Succession.Basis(rawValue: row.text(3)) ?? .manual))
            }
        }
        for version in versions {
            try readLinks(predecessor: version.id)
            try readLinks(successor: version.id)
        }
        for successor in Set(links.map(\.successor)) {
            try readLinks(successor: successor)
        }
        for id in Set(links.flatMap { [$0.predecessor, $0.successor] }) where storage.byID[id] == nil {
            try read(id: id)
        }
        // Parents up to the province, every version of each (a parent is looked up by code and day).
        while let parent = parentCodes.popLast() {
            if storage.byCode[parent] == nil { try read(code: parent) }
        }
        for link in links.sorted(by: { ($0.predecessor, $0.successor) < ($1.predecessor, $1.successor) }) {
            guard let predecessor = storage.byID[link.predecessor], let successor = storage.byID[link.successor] else { continue }
            storage.appendLink(Succession(predecessor: predecessor, successor: successor, effective: link.effective,
                                          basis: link.basis))
        }
        return UnitIndex(storage: storage)
    }
}
