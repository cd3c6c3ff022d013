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
    /// `commune level in Tỉnh Bắc Giang`, `Tỉnh Bắc Giang (24)`: the name the unit had in the
    /// target's year (see ``UnitIndex/periodVersion(of:during:)``).
    public let scopeText: String
    public let value: IndicatorValue?
    /// The current value in the indicator's unit, nil when no data.
    public let current: Double?
    /// How far the value is from the threshold in the target's direction; 0 when met, nil when no data.
    public let gap: Double?
    public let status: ProgressStatus
    /// Why there is no value, when there is none and a reason is known.
    public let note: String?
    /// What a merger during the year changes about what the row covers; print it under the table.
    public var mergerNote: String? = nil
}

extension UnitIndex {
    /// The versions of `code` valid on some day of `period`, oldest first.
    public func versions(of code: String, during period: Period) -> [Unit] {
        versions(of: code).filter { $0.overlaps(period) }.sorted { $0.validFrom < $1.validFrom }
    }

    /// The version whose name figures for `period` go under: going back from `unit` while it
    /// continues, under the same code, a single predecessor valid in the period. A plan made for
    /// Tỉnh Bắc Giang stays Bắc Giang's for 2025, although code 24 names Tỉnh Bắc Ninh from
    /// 2025-07-01; a commune formed by merging several keeps its own name.
    public func periodVersion(of unit: Unit, during period: Period) -> Unit {
        var current = unit
        while current.validFrom > period.start {
            let links = predecessors(of: current)
            guard links.count == 1, let previous = links.first?.predecessor, previous.code == current.code,
                  previous.overlaps(period) else { break }
            current = previous
        }
        return current
    }

    /// The version of `code` a target of `year` is computed for: the one valid at the end of the
    /// year, else the last one valid in it (a district abolished on 2025-07-01).
    public func targetVersion(of code: String, year: Int) -> Unit? {
        unit(code: code, on: .endOfYear(year)) ?? versions(of: code, during: .year(year)).last
    }

    /// What a change of the code's version during `period` means for figures computed for
    /// `figures` (the version valid at the period's end, or the last one in it); nil when none.
    public func mergerNote(for figures: Unit, named label: Unit, during period: Period) -> String? {
        if label.id != figures.id {
            let link = predecessors(of: figures).first { $0.predecessor.id == label.id }
            let how = link.map { predecessors(of: $0.successor).count > 1 || $0.basis == .provinceMerger ? "became part of" : "became" }
                ?? "was followed by"
            return "\(label.name) (\(label.code)) \(how) \(figures.name) (\(figures.code)) on \(figures.validFrom): "
                + "the \(period) figures are summed over the units valid on \(period.end) within it and, before "
                + "\(figures.validFrom), the units they were formed from"
        }
        if let validTo = figures.validTo, validTo < period.end {
            return "\(figures.name) (\(figures.code)) ended on \(validTo): the \(period) figures cover its units until then"
        }
        return nil
    }
}

extension DomainStore {
    /// One row per target of `year`: its indicator's current value over the year, the gap and the status.
    ///
    /// - Level-scoped targets are evaluated within `area` (default: the province valid at the end
    ///   of the year); a level above the area's own is skipped (no province-level figure inside a district).
    /// - Unit-scoped targets are evaluated for their unit (the version valid at the end of the
    ///   year, else the last one in the year), and listed only when it lies within `area`.
    /// - Rows are named after the version valid first in the year (Tỉnh Bắc Giang for 2025, not
    ///   Tỉnh Bắc Ninh, which code 24 names from 2025-07-01), with ``ProgressRow/mergerNote`` saying
    ///   what a merger during the year changes.
    public func progress(year: Int, in area: Unit? = nil) throws -> [ProgressRow] {
        let index = try units.index()
        let period = Period.year(year)
        let yearEnd = Day.endOfYear(year)
        let provinces = index.units(on: yearEnd, level: .province)
        let areaUnit = area ?? provinces.first
        // First what each target reads, then every reading in one batch: indicators that count the
        // same rows (the training census, say) count them once for the whole table.
        var planned: [(target: Target, indicator: Indicator, unit: Unit?, scopeText: String, note: String?,
                       mergerNote: String?, request: Int?)] = []
        var requests: [IndicatorBoard.Request] = []
        for target in try targets.list(year: year) {
            guard let indicator = workspace.indicators[target.indicatorID] else { continue }
            switch target.scope {
            case .level(let level):
                guard let areaUnit else { continue }
                if level < areaUnit.level { continue }
                let label = index.periodVersion(of: areaUnit, during: period)
                requests.append(IndicatorBoard.Request(indicator.id, for: areaUnit, period: period, level: level))
                planned.append((target, indicator, areaUnit, "\(level.rawValue) level in \(label.name)", nil,
                                index.mergerNote(for: areaUnit, named: label, during: period), requests.count - 1))
            case .unit(let code):
                guard let unit = index.targetVersion(of: code, year: year) else {
                    planned.append((target, indicator, nil, "unit \(code)", "no unit \(code) is valid in \(year)", nil, nil))
                    continue
                }
                let day = unit.isValid(on: yearEnd) ? yearEnd : unit.validTo ?? yearEnd
                if let area, !index.isWithin(unit, area, on: day) { continue }
                let label = index.periodVersion(of: unit, during: period)
                requests.append(IndicatorBoard.Request(indicator.id, for: unit, period: period))
                planned.append((target, indicator, unit, "\(label.name) (\(label.code))", nil,
                                index.mergerNote(for: unit, named: label, during: period), requests.count - 1))
            }
        }
        let readings = try indicators.readings(requests, index: index)
        return planned.map { plan in
            var entry = row(plan.target, plan.indicator, unit: plan.unit, scopeText: plan.scopeText,
                            value: plan.request.flatMap { readings[$0].value }, note: plan.note)
            entry.mergerNote = plan.mergerNote
            return entry
        }
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
