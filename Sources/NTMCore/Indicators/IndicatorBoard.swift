/// One computed indicator value, with what it was computed over.
public struct IndicatorReading: Sendable {
    public let indicator: Indicator
    public let unit: Unit
    public let period: Period
    /// Set when only units of one level were counted (level-scoped targets).
    public let level: UnitLevel?
    /// Nil when there is no data.
    public let value: IndicatorValue?
    /// How many source units were summed over.
    public let sourceCount: Int

    /// The value in the indicator's unit (a percentage or a count), nil when no data.
    public var number: Double? { value?.value(in: indicator.unit) }
}

/// Computing indicators (`store.indicators`).
public struct IndicatorBoard {
    let store: DomainStore

    /// The registered indicators.
    public var catalog: IndicatorCatalog { store.workspace.indicators }

    /// One reading to compute: an indicator for a unit over a period (with `level`, only data
    /// recorded at units of that level counts).
    public struct Request {
        public var indicatorID: String
        public var unit: Unit
        public var period: Period
        public var level: UnitLevel?

        public init(_ indicatorID: String, for unit: Unit, period: Period, level: UnitLevel? = nil) {
            self.indicatorID = indicatorID
            self.unit = unit
            self.period = period
            self.level = level
        }
    }

    /// The value of an indicator for a unit over a period, rolled up over the unit's sources.
    ///
    /// With `level`, only data recorded at units of that level counts (how level-scoped targets
    /// read, e.g. documents processed online at commune level).
    public func reading(_ id: String, for unit: Unit, period: Period, level: UnitLevel? = nil,
                        index: UnitIndex? = nil) throws -> IndicatorReading {
        try readings([Request(id, for: unit, period: period, level: level)], index: index)[0]
    }

    /// Several readings computed together, in the order asked: their indicators read their data
    /// once for all of them (see ``IndicatorQuery/shared(_:_:)``), so a breakdown of a hundred units
    /// costs about what one report over them costs.
    public func readings(_ requests: [Request], index: UnitIndex? = nil) throws -> [IndicatorReading] {
        let index = try index ?? store.units.index()
        let indicators = try requests.map { try catalog.indicator($0.indicatorID) }
        let sources = requests.indices.map { i in
            index.sources(for: requests[i].unit, during: requests[i].period, level: requests[i].level ?? indicators[i].recordedAt)
        }
        let batch = IndicatorBatch(sources: sources)
        return try requests.indices.map { i in
            let request = requests[i]
            let value = sources[i].units.isEmpty
                ? nil : try indicators[i].compute(IndicatorQuery(store: store, sources: sources[i], batch: batch))
            return IndicatorReading(indicator: indicators[i], unit: request.unit, period: request.period, level: request.level,
                                    value: value, sourceCount: sources[i].units.count)
        }
    }

    /// The unit index readings of `indicators` for `unit`, broken down by `level`, need.
    ///
    /// When each indicator's data are recorded at one level above villages (e-health figures: per
    /// commune), neither the unit nor the breakdown is a village, and no succession link joins a
    /// village to a unit above (see ``UnitRegistry/villagesLinkedAbove()``), no reading's sources
    /// can include or pass through a village: the units above villages — a few hundred, where the
    /// whole index holds every village — answer the same. Otherwise, the whole index.
    public func index(for indicators: [Indicator], unit: Unit, breakdown level: UnitLevel?) throws -> UnitIndex {
        let recordedAbove = indicators.allSatisfy { $0.recordedAt.map { $0 < .village } ?? false }
        guard recordedAbove, unit.level < .village, level.map({ $0 < .village }) ?? true,
              try !store.units.villagesLinkedAbove() else {
            return try store.units.index()
        }
        return try store.units.indexAboveVillages()
    }

    /// Every registered indicator for a unit and period.
    public func readings(for unit: Unit, period: Period) throws -> [IndicatorReading] {
        try readings(catalog.all.map { Request($0.id, for: unit, period: period) })
    }

    /// The units a breakdown lists: those of `level` within `unit` valid on the period's last day
    /// (or the unit's last day, if earlier), or the children of `unit` when `level` is nil; by code.
    public func members(of unit: Unit, period: Period, level: UnitLevel? = nil, index: UnitIndex? = nil) throws -> [Unit] {
        let index = try index ?? store.units.index()
        let day = unit.isValid(on: period.end) ? period.end : (unit.validTo ?? period.end)
        let members: [Unit]
        if let level {
            members = index.units(on: day, level: level).filter { index.isWithin($0, unit, on: day) && $0.id != unit.id }
        } else {
            members = index.children(of: unit, on: day)
        }
        return members.sorted { $0.code < $1.code }
    }

    /// An indicator for each unit of `level` within `unit` valid on the period's last day (or the
    /// children of `unit` when `level` is nil): the breakdown behind a rolled-up value.
    public func breakdown(_ id: String, in unit: Unit, period: Period, level: UnitLevel? = nil) throws -> [IndicatorReading] {
        let index = try store.units.index()
        let members = try members(of: unit, period: period, level: level, index: index)
        return try readings(members.map { Request(id, for: $0, period: period) }, index: index)
    }
}

extension DomainStore {
    /// Computing indicators.
    public var indicators: IndicatorBoard { IndicatorBoard(store: self) }
}
