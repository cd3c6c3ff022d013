import NTMCore

/// Who was serving where on a day, and what they were trained in by then: what coverage, gaps and the
/// indicators count.
///
/// An official counts in the unit they served on the day (a move counts in the new unit from the
/// move's date). An assignment to a unit that has since been merged away counts in what the unit became
/// (followed through the registry's succession links), so officials registered before the 2025
/// reorganisation are not lost after it.
struct TrainingCensus {
    /// Which officials are counted, what "trained" means for them, and which headcount is theirs.
    enum Measure: String, CaseIterable {
        /// NTM management officials at every level, trained in digital transformation (`training.managers_trained`).
        case managers
        /// Officials serving communes and their villages, trained in digital skills and information
        /// security (`training.commune_officials_digital`).
        case communeOfficials = "commune-officials"

        var words: String {
            switch self {
            case .managers: return "NTM management officials trained in digital transformation"
            case .communeOfficials: return "commune officials trained in digital skills and information security"
            }
        }
    }

    struct Entry {
        var official: Official
        /// The unit counted: the one served on the day, or what it became.
        var unit: Unit
        var topics: Set<String>
        /// The unit of the assignment (the same as `unit` unless it has since changed), its level and name.
        var assigned: Int64
        var assignedLevel: UnitLevel
        var assignedName: String
    }

    let day: Day
    let year: Int
    let entries: [Entry]
    let headcounts: [Int64: Headcount]
    let ethnicMountain: EthnicMountainFlags
    let index: UnitIndex
    /// Entries by the unit counted, and village entries by their commune: a row sums its sources' lists
    /// instead of scanning every official again.
    let byUnit: [Int64: [Entry]]
    let villageEntriesByCommune: [Int64: [Entry]]
    /// Per unit counted, whether its commune is flagged as ethnic-minority or mountain: worked out once per
    /// unit, not once per official.
    let flaggedByUnit: [Int64: Bool]

    init(day: Day, year: Int, entries: [Entry], headcounts: [Int64: Headcount], ethnicMountain: EthnicMountainFlags, index: UnitIndex) {
        self.day = day
        self.year = year
        self.entries = entries
        self.headcounts = headcounts
        self.ethnicMountain = ethnicMountain
        self.index = index
        byUnit = Dictionary(grouping: entries, by: \.unit.id)
        var byCommune: [Int64: [Entry]] = [:]
        for entry in entries where entry.unit.level == .village {
            if let commune = index.parent(of: entry.unit, on: day) { byCommune[commune.id, default: []].append(entry) }
        }
        villageEntriesByCommune = byCommune
        var flagged: [Int64: Bool] = [:]
        for id in byUnit.keys {
            guard let unit = index.unit(id: id) else { continue }
            let commune: Unit? = unit.level == .commune ? unit : unit.level == .village ? index.parent(of: unit, on: day) : nil
            flagged[id] = commune.map { ethnicMountain.isFlagged($0, index: index) } ?? false
        }
        flaggedByUnit = flagged
    }

    /// Takes the census at the end of `year` (or on `day`, when given, within that year).
    static func take(_ store: DomainStore, index: UnitIndex, year: Int, day: Day? = nil) throws -> TrainingCensus {
        let day = day ?? Day.endOfYear(year)
        let topics = try store.enrolments.completedTopics(onOrBefore: day)
        // Officials share a few hundred units: each unit's current version is worked out once.
        var currentUnits: [Int64: Unit] = [:]
        var assignedUnits: [Int64: Unit] = [:]
        let entries: [Entry] = try store.officials.serving(on: day).compactMap { pair in
            let unitID = pair.assignment.unitID
            guard let assigned = assignedUnits[unitID] ?? index.unit(id: unitID) else { return nil }
            let unit: Unit
            if let known = currentUnits[unitID] {
                unit = known
            } else {
                unit = Self.current(assigned, on: day, index: index)
                currentUnits[unitID] = unit
                assignedUnits[unitID] = assigned
            }
            return Entry(official: pair.official, unit: unit, topics: topics[pair.official.id] ?? [],
                         assigned: assigned.id, assignedLevel: assigned.level, assignedName: assigned.name)
        }
        return TrainingCensus(day: day, year: year, entries: entries, headcounts: try store.enrolments.headcounts(year: year),
                              ethnicMountain: try store.officials.ethnicMountainFlags(), index: index)
    }

    /// The unit itself when valid on the day, else what it became (the successor valid on the day).
    ///
    /// A unit dissolved without a successor (the districts, abolished on 2025-07-01) hands its officials to
    /// the unit above it as that unit is on the day: they are still the province's officials until someone
    /// moves them, and dropping them would shrink every total above the commune. Coverage says how many
    /// were counted this way (``carriedUp``).
    static func current(_ unit: Unit, on day: Day, index: UnitIndex) -> Unit {
        if unit.isValid(on: day) { return unit }
        var current = unit
        var seen = Set<Int64>()
        while !current.isValid(on: day), current.validTo.map({ $0 < day }) ?? false, seen.insert(current.id).inserted {
            let next = index.successors(of: current).map(\.successor)
            if let chosen = next.first(where: { $0.isValid(on: day) }) ?? next.first {
                current = chosen
            } else if let parent = index.parent(of: current, on: current.validTo) {
                current = parent
            } else {
                break
            }
        }
        return current
    }

    /// Officials counted in the unit above the one they are assigned to, because that one was dissolved
    /// before the day without a successor; and the name of one such unit, for the note that says so.
    var carriedUp: (count: Int, example: String?) {
        var count = 0
        var example: String?
        for entry in entries where entry.assigned != entry.unit.id && entry.unit.level < entry.assignedLevel {
            count += 1
            if example == nil { example = entry.assignedName }
        }
        return (count, example)
    }

    // MARK: Who counts

    /// Whether the entry is in the measure's population.
    func isCounted(_ entry: Entry, _ measure: Measure, role: String? = nil, ethnicMountainOnly: Bool = false) -> Bool {
        if let role, entry.official.role != role { return false }
        switch measure {
        case .managers:
            guard entry.official.isManager else { return false }
        case .communeOfficials:
            guard entry.unit.level >= .commune else { return false }
        }
        if ethnicMountainOnly {
            guard flaggedByUnit[entry.unit.id] ?? false else { return false }
        }
        return true
    }

    func isTrained(_ entry: Entry, _ measure: Measure) -> Bool {
        switch measure {
        case .managers: return entry.topics.contains(Topic.digitalTransformation)
        case .communeOfficials: return entry.topics.contains(Topic.digitalSkills) && entry.topics.contains(Topic.informationSecurity)
        }
    }

    /// The commune-level unit of a commune or village.
    func commune(of unit: Unit) -> Unit? {
        if unit.level == .commune { return unit }
        if unit.level == .village { return index.parent(of: unit, on: day) }
        return nil
    }

    /// The unit an entry counts for among sources of `level`: itself, or its ancestor of that level.
    func countingUnit(_ entry: Entry, level: UnitLevel?) -> Unit? {
        guard let level, entry.unit.level > level else { return entry.unit }
        return index.ancestors(of: entry.unit, on: day).first { $0.level == level }
    }

    // MARK: Sums

    /// The sums over a set of source units.
    struct Sums {
        /// Officials of the population in the registry.
        var registered = 0
        var trained = 0
        /// The headcounts recorded for the year, summed over the units that have one; nil when none has.
        var headcount: Int?
        /// Trained officials of the units that have a headcount.
        var trainedInHeadcounted = 0
        /// Registered officials of the units that have a headcount.
        var registeredInHeadcounted = 0
        /// Units that have a headcount.
        var headcountedUnits = 0
        /// Units with more officials registered than their headcount (the headcount is out of date).
        var headcountsBelowRegistry = 0
        var untrained: [Entry] = []

        /// Trained over registered officials.
        var shareOfRegistered: Double? { Figures.percent(trained, of: registered) }
        /// Trained officials of the units with a headcount over the headcount.
        var shareOfHeadcount: Double? { headcount.flatMap { Figures.percent(trainedInHeadcounted, of: $0) } }
        /// The indicator's denominator: per unit the headcount (or the registry, when it holds more), else
        /// the registry; summed.
        var denominator: Int { registered - registeredInHeadcounted + (headcount ?? 0) + headcountExcess }
        var headcountExcess = 0
    }

    /// Sums the measure over `sources` (already expanded below the unit and across mergers).
    ///
    /// - Parameter listUntrained: whether ``Sums/untrained`` lists the officials not trained (`training gaps
    ///   --names`); the indicators only count them.
    func sums(_ measure: Measure, over sources: UnitSources, role: String? = nil, ethnicMountainOnly: Bool = false,
              listUntrained: Bool = true) -> Sums {
        let ids = Set(sources.ids)
        var registeredPerUnit: [Int64: Int] = [:]
        var trainedPerUnit: [Int64: Int] = [:]
        var sums = Sums()
        func count(_ entry: Entry) {
            guard isCounted(entry, measure, role: role, ethnicMountainOnly: ethnicMountainOnly),
                  let unit = countingUnit(entry, level: sources.level), ids.contains(unit.id) else { return }
            registeredPerUnit[unit.id, default: 0] += 1
            sums.registered += 1
            if isTrained(entry, measure) {
                trainedPerUnit[unit.id, default: 0] += 1
                sums.trained += 1
            } else if listUntrained {
                sums.untrained.append(entry)
            }
        }
        // The entries of the sources: their own, and for sources of one level the entries below them (visited in
        // place: a province's sources hold every official).
        switch sources.level {
        case nil:
            for source in sources.units { byUnit[source.id]?.forEach(count) }
        case .commune?:
            for source in sources.units {
                byUnit[source.id]?.forEach(count)
                villageEntriesByCommune[source.id]?.forEach(count)
            }
        default:
            entries.forEach(count)
        }
        // A headcount is of the officials at the unit itself; across a merger, a unit's headcount stands
        // for its predecessors' when it has one of its own for the year (as UnitSources.sumStock does).
        guard role == nil else { return sums }
        for unit in sources.units {
            guard let headcount = headcounts[unit.id], let value = measure == .managers ? Optional(headcount.managers) : headcount.officials else { continue }
            if ethnicMountainOnly, !(commune(of: unit).map { ethnicMountain.isFlagged($0, index: index) } ?? false) { continue }
            if hasLaterHeadcount(unit.id, sources, measure) { continue }
            let registered = registeredPerUnit[unit.id] ?? 0
            sums.headcount = (sums.headcount ?? 0) + value
            sums.headcountedUnits += 1
            sums.trainedInHeadcounted += trainedPerUnit[unit.id] ?? 0
            sums.registeredInHeadcounted += registered
            if registered > value {
                sums.headcountsBelowRegistry += 1
                sums.headcountExcess += registered - value
            }
        }
        return sums
    }

    private func hasLaterHeadcount(_ id: Int64, _ sources: UnitSources, _ measure: Measure) -> Bool {
        var pending = sources.successorIDs[id] ?? []
        var seen = Set<Int64>()
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            if let h = headcounts[next], measure == .managers || h.officials != nil { return true }
            pending.append(contentsOf: sources.successorIDs[next] ?? [])
        }
        return false
    }
}
