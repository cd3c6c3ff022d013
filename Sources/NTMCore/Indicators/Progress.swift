/// Where a target stands.
public enum ProgressStatus: String, Sendable, Codable {
    case met
    case behind
    /// No data for the indicator in that scope and year.
    case noData = "no data"
}

/// One row of `progress`: a target and the current value of its indicator.
public struct ProgressRow: Sendable {
    public let target: Target
    public let indicator: Indicator
    /// The unit the value was computed for (the area asked about, or the target's unit).
    public let unit: Unit?
    /// `commune level in Tỉnh Bắc Giang`, `Tỉnh Bắc Ninh (24)`.
    public let scopeText: String
    public let value: IndicatorValue?
    /// The current value in the indicator's unit, nil when no data.
    public let current: Double?
    /// How far the value is from the threshold in the target's direction; 0 when met, nil when no data.
    public let gap: Double?
    public let status: ProgressStatus
    /// Why there is no value, when there is none and a reason is known.
    public let note: String?
}

extension DomainStore {
    /// One row per target of `year`: its indicator's current value over the year, the gap and the status.
    ///
    /// - Level-scoped targets are evaluated within `area` (default: the province valid at the end
    ///   of the year); a level above the area's own is skipped (no province-level figure inside a district).
    /// - Unit-scoped targets are evaluated for their unit (the version valid at the end of the
    ///   year), and listed only when it lies within `area`.
    public func progress(year: Int, in area: Unit? = nil) throws -> [ProgressRow] {
        let index = try units.index()
        let period = Period.year(year)
        let yearEnd = Day.endOfYear(year)
        let provinces = index.units(on: yearEnd, level: .province)
        let areaUnit = area ?? provinces.first
        var rows: [ProgressRow] = []
        for target in try targets.list(year: year) {
            guard let indicator = workspace.indicators[target.indicatorID] else { continue }
            switch target.scope {
            case .level(let level):
                guard let areaUnit else { continue }
                if level < areaUnit.level { continue }
                let reading = try indicators.reading(indicator.id, for: areaUnit, period: period, level: level, index: index)
                rows.append(row(target, indicator, unit: areaUnit, scopeText: "\(level.rawValue) level in \(areaUnit.name)",
                                value: reading.value, note: nil))
            case .unit(let code):
                guard let unit = index.unit(code: code, on: yearEnd) else {
                    rows.append(row(target, indicator, unit: nil, scopeText: "unit \(code)", value: nil,
                                    note: "no unit \(code) is valid on \(yearEnd)"))
                    continue
                }
                if let area, !index.isWithin(unit, area, on: yearEnd) { continue }
                let reading = try indicators.reading(indicator.id, for: unit, period: period, index: index)
                rows.append(row(target, indicator, unit: unit, scopeText: "\(unit.name) (\(unit.code))",
                                value: reading.value, note: nil))
            }
        }
        return rows
    }

    private func row(_ target: Target, _ indicator: Indicator, unit: Unit?, scopeText: String,
                     value: IndicatorValue?, note: String?) -> ProgressRow {
        let current = value?.value(in: indicator.unit)
        var gap: Double?
        var status = ProgressStatus.noData
        if let current {
            let met = target.direction.isMet(current, threshold: target.threshold)
            status = met ? .met : .behind
            gap = met ? 0 : abs(target.threshold - current)
        }
        return ProgressRow(target: target, indicator: indicator, unit: unit, scopeText: scopeText, value: value,
                           current: current, gap: gap, status: status, note: note)
    }
}
