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

    /// The value of an indicator for a unit over a period, rolled up over the unit's sources.
    ///
    /// With `level`, only data recorded at units of that level counts (how level-scoped targets
    /// read, e.g. documents processed online at commune level).
    public func reading(_ id: String, for unit: Unit, period: Period, level: UnitLevel? = nil,
                        index: UnitIndex? = nil) throws -> IndicatorReading {
        let indicator = try catalog.indicator(id)
        let index = try index ?? store.units.index()
        let sources = index.sources(for: unit, during: period, level: level)
        let value = sources.units.isEmpty ? nil : try indicator.compute(IndicatorQuery(store: store, sources: sources))
        return IndicatorReading(indicator: indicator, unit: unit, period: period, level: level, value: value,
                                sourceCount: sources.units.count)
    }

    /// Every registered indicator for a unit and period.
    public func readings(for unit: Unit, period: Period) throws -> [IndicatorReading] {
        let index = try store.units.index()
        return try catalog.all.map { try reading($0.id, for: unit, period: period, index: index) }
    }

    /// An indicator for each unit of `level` within `unit` valid on the period's last day (or the
    /// children of `unit` when `level` is nil): the breakdown behind a rolled-up value.
    public func breakdown(_ id: String, in unit: Unit, period: Period, level: UnitLevel? = nil) throws -> [IndicatorReading] {
        let index = try store.units.index()
        let day = unit.isValid(on: period.end) ? period.end : (unit.validTo ?? period.end)
        let members: [Unit]
        if let level {
            members = index.units(on: day, level: level).filter { index.isWithin($0, unit, on: day) && $0.id != unit.id }
        } else {
            members = index.children(of: unit, on: day)
        }
        return try members.sorted { $0.code < $1.code }.map { try reading(id, for: $0, period: period, index: index) }
    }
}

extension DomainStore {
    /// Computing indicators.
    public var indicators: IndicatorBoard { IndicatorBoard(store: self) }
}
