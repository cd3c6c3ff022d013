import GRDB

/// A measure declared by a module, computed on read as a numerator over a denominator.
///
/// An indicator is asked for a unit and a period; the workspace works out the source units
/// (``UnitSources``: the unit, everything below it, and across a merger its predecessors) and the
/// indicator sums its numerator and denominator over them — so a district's coverage is the sum
/// of its communes' numerators over the sum of their denominators, never an average of percentages.
public struct Indicator: Sendable {
    /// Namespaced id: `ehr.coverage`, `ntm.smart_communes`.
    public let id: String
    /// A short English name for tables.
    public let name: String
    public let unit: IndicatorUnit
    /// How values over time combine (flow, stock) or `status` for yearly standings.
    public let aggregation: IndicatorAggregation
    /// One or two sentences: what is counted above and below the line, and where the data comes from.
    public let definition: String
    /// The one level the module records this indicator's data at (e-health figures: communes), if
    /// there is one: a reading's sources are then the units of that level only, so a province's
    /// reading does not list its thousands of villages only for the indicator to skip them.
    public let recordedAt: UnitLevel?
    /// Computes the value over the query's sources; nil means no data. It runs inside a read
    /// access (SQLite `query_only`): it may not write, not even temporary tables — pass id sets
    /// with ``UnitSources/idsJSON`` and `json_each` instead.
    public let compute: @Sendable (IndicatorQuery) throws -> IndicatorValue?

    public init(id: String, name: String, unit: IndicatorUnit, aggregation: IndicatorAggregation, definition: String,
                recordedAt: UnitLevel? = nil, compute: @escaping @Sendable (IndicatorQuery) throws -> IndicatorValue?) {
        self.id = id
        self.name = name
        self.unit = unit
        self.aggregation = aggregation
        self.definition = definition
        self.recordedAt = recordedAt
        self.compute = compute
    }
}

/// What an indicator's value is.
public enum IndicatorUnit: String, Sendable, Codable {
    /// 100 × numerator ÷ denominator; targets are percentages (97 means 97%).
    case percent
    /// The numerator itself; there is no denominator.
    case count
}

/// How an indicator reads data over a period.
///
/// Which indicators use which: the core's `ntm.smart_communes` and `ntm.criterion_8_4` are
/// `status`; e-health coverage (residents with a record over residents) is a `stock`; documents
/// processed online and managers trained in a period are `flow`s. Modules say so when they declare.
public enum IndicatorAggregation: String, Sendable, Codable {
    /// Events: the values of every stored period within the asked one are summed.
    case flow
    /// A level observed at a moment: per unit, the latest stored period within the asked one
    /// (``LatestPerKey``, ``UnitSources/sumStock(_:)``); never a sum over months.
    case stock
    /// A yearly standing (assessment, recognition) of the units valid on the period's last day.
    case status
}

/// A numerator and, for percentages, a denominator.
public struct IndicatorValue: Sendable, Equatable {
    public var numerator: Double
    /// Nil for counts.
    public var denominator: Double?

    public init(numerator: Double, denominator: Double? = nil) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The value in the indicator's unit: a percentage (nil when the denominator is 0) or the count.
    public func value(in unit: IndicatorUnit) -> Double? {
        switch unit {
        case .count: return numerator
        case .percent:
            guard let denominator, denominator > 0 else { return nil }
            return 100 * numerator / denominator
        }
    }

    /// Element-wise sum: how values of several units roll up.
    public static func + (lhs: IndicatorValue, rhs: IndicatorValue) -> IndicatorValue {
        let denominator: Double?
        switch (lhs.denominator, rhs.denominator) {
        case (nil, nil): denominator = nil
        default: denominator = (lhs.denominator ?? 0) + (rhs.denominator ?? 0)
        }
        return IndicatorValue(numerator: lhs.numerator + rhs.numerator, denominator: denominator)
    }
}

/// What an indicator's compute function receives.
public struct IndicatorQuery {
    /// The store, for reading the module's tables.
    public let store: DomainStore
    /// The source units to sum over (already expanded below the unit and across mergers; only those
    /// of the reading's level, or of ``Indicator/recordedAt``, when either is set).
    public let sources: UnitSources
    /// The readings asked for together with this one (a breakdown's rows, a progress table).
    public let batch: IndicatorBatch
    /// The period asked about.
    public var period: Period { sources.period }
    /// The unit asked about.
    public var unit: Unit { sources.root }
    /// The GRDB connection.
    public var db: GRDB.Database { store.db }

    init(store: DomainStore, sources: UnitSources, batch: IndicatorBatch? = nil) {
        self.store = store
        self.sources = sources
        self.batch = batch ?? IndicatorBatch(sources: [sources])
    }

    /// What `make` returns, computed once for the whole batch and shared by its readings.
    ///
    /// How an indicator reads its data for every unit of a breakdown in one grouped query, and
    /// how indicators that count the same rows (the training census, a dossier tally) count them
    /// once: `make` reads for ``IndicatorBatch/unitIDs`` (every reading's sources), and each
    /// reading then sums its own sources from the shared result. The key names the data and
    /// whatever else it depends on besides the batch (the period, a day).
    public func shared<T>(_ key: String, _ make: (IndicatorBatch) throws -> T) throws -> T {
        try batch.shared(key, make)
    }
}

/// The readings computed together: their sources, and the data their indicators share.
///
/// A breakdown (`indicator show ID --by commune`) or `progress` makes one batch, so a module reads
/// its rows once for all the units asked about instead of once per unit; a lone reading is a batch
/// of one. It lives for one request, inside one read: shared data never outlives what it read.
public final class IndicatorBatch {
    /// The sources of every reading of the batch.
    public let sources: [UnitSources]
    private var memo: [String: Any] = [:]
    private var unitIDSet: Set<Int64>?

    init(sources: [UnitSources]) {
        self.sources = sources
    }

    /// The row ids of every source of every reading: what a shared read covers.
    public var unitIDs: Set<Int64> {
        if let unitIDSet { return unitIDSet }
        var ids = Set<Int64>()
        for group in sources { for unit in group.units { ids.insert(unit.id) } }
        unitIDSet = ids
        return ids
    }

    /// The row ids of the sources of every reading that satisfy `isIncluded` (communes, villages).
    public func unitIDs(where isIncluded: (Unit) -> Bool) -> Set<Int64> {
        var ids = Set<Int64>()
        for group in sources { for unit in group.units where isIncluded(unit) { ids.insert(unit.id) } }
        return ids
    }

    func shared<T>(_ key: String, _ make: (IndicatorBatch) throws -> T) throws -> T {
        if let value = memo[key] as? T { return value }
        let value = try make(self)
        memo[key] = value
        return value
    }
}

