/// The units whose data count for a unit over a period: itself, the units below it, and — across
/// a merger — the units it was formed from.
///
/// Indicators sum numerators and denominators over these sources; they never average
/// percentages and never let one unit's value replace another's ("last value wins"). A module
/// records each figure at one level only (communes, say): were a district to carry its own total
/// as well, the district's sum would count it twice.
public struct UnitSources: Sendable {
    /// The unit asked about.
    public let root: Unit
    public let period: Period
    /// When set, only units of this level are sources (a level-scoped target counts what is
    /// recorded at that level).
    public let level: UnitLevel?
    /// The source unit versions, ordered by code then first valid day.
    public let units: [Unit]
    /// For each source, the sources it became (direct successors within the set).
    public let successorIDs: [Int64: [Int64]]

    /// Row ids of the sources.
    public var ids: [Int64] { units.map(\.id) }

    /// The ids as a JSON array, for SQL: `unit_id IN (SELECT value FROM json_each(?))`.
    public var idsJSON: String { "[" + units.map { String($0.id) }.joined(separator: ",") + "]" }

    /// The sources valid on a day (status measures read the units valid on the period's last day).
    public func valid(on day: Day) -> [Unit] { units.filter { $0.isValid(on: day) } }

    /// Sums a stock measure: per source the value of its latest period within ``period`` (see
    /// ``LatestPerKey``), except that a source is left out when a unit it became — directly or
    /// through later links — has a value of its own, since that later figure covers its territory.
    ///
    /// - Parameter latest: per source id, its latest period and values (numerator, denominator, ...).
    /// - Returns: the element-wise sums, or nil when no source has a value.
    public func sumStock(_ latest: [Int64: (period: Period, values: [Double])]) -> [Double]? {
        var sums: [Double]?
        for (id, entry) in latest where !hasLaterValue(id, latest) {
            if sums == nil { sums = Array(repeating: 0, count: entry.values.count) }
            for index in entry.values.indices where index < sums!.count { sums![index] += entry.values[index] }
        }
        return sums
    }

    private func hasLaterValue(_ id: Int64, _ latest: [Int64: (period: Period, values: [Double])]) -> Bool {
        var pending = successorIDs[id] ?? []
        var seen = Set<Int64>()
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            if latest[next] != nil { return true }
            pending.append(contentsOf: successorIDs[next] ?? [])
        }
        return false
    }
}

extension UnitIndex {
    /// The sources whose data count for `unit` over `period`.
    ///
    /// - A unit valid during the period counts itself, its children valid during the period (while
    ///   it is their parent) and, recursively, theirs; and the units merged into it during the period.
    /// - A unit formed after the period began counts its predecessors instead (the same territory
    ///   before the merger): new Xã Phúc Hòa (07330, from 2025-07-01) asked about 2023 is the sum of
    ///   Phúc Hòa (07324), Hợp Đức (07330) and Lam Cốt (07357).
    /// - A unit that ended before the period counts nothing.
    ///
    /// With `level`, the walk is the same but only units of that level are returned.
    public func sources(for unit: Unit, during period: Period, level: UnitLevel? = nil) -> UnitSources {
        var included: [Int64: Unit] = [:]
        var visited = Set<Int64>()
        var pending = [unit]
        while let current = pending.popLast() {
            guard visited.insert(current.id).inserted else { continue }
            if current.overlaps(period) {
                if level == nil || current.level == level { included[current.id] = current }
                // Children that are leaves formed from nothing add a source only by being of the level:
                // a commune-level walk of a province passes its thousands of villages by, unvisited.
                let leavesOnly = level != nil && !storage.parentsOfNonLeaves.contains(current.code)
                for child in storage.byParentCode[current.code] ?? [] where child.overlaps(current) {
                    if leavesOnly && child.level != level { continue }
                    if overlapDuring(child, current, period) { pending.append(child) }
                }
                for link in predecessors(of: current) where link.predecessor.overlaps(period) {
                    pending.append(link.predecessor)
                }
            } else if current.validFrom > period.end {
                for link in predecessors(of: current) { pending.append(link.predecessor) }
            }
        }
        let units = included.values.sorted { $0.key < $1.key }
        var successorIDs: [Int64: [Int64]] = [:]
        for source in units {
            let next = successors(of: source).map(\.successor.id).filter { included[$0] != nil }
            if !next.isEmpty { successorIDs[source.id] = next }
        }
        return UnitSources(root: unit, period: period, level: level, units: units, successorIDs: successorIDs)
    }

    /// Whether child and parent coexist on some day of the period.
    private func overlapDuring(_ child: Unit, _ parent: Unit, _ period: Period) -> Bool {
        let from = max(child.validFrom, parent.validFrom, period.start)
        var to = period.end
        if let end = child.validTo, end < to { to = end }
        if let end = parent.validTo, end < to { to = end }
        return from <= to
    }

    /// The codes of `unit` and of every unit ever below it: what `audit list --unit` matches.
    public func auditCodes(for unit: Unit) -> [String] {
        var codes = Set<String>()
        var pending = [unit]
        var visited = Set<Int64>()
        while let current = pending.popLast() {
            guard visited.insert(current.id).inserted else { continue }
            codes.insert(current.code)
            pending.append(contentsOf: childrenOverTime(of: current))
        }
        return codes.sorted()
    }
}
