import NTMCore

/// The module's indicators, as `progress` and `target` see them, and the targets it brings.
///
/// Every indicator sums numerators and denominators over the units asked about (a district is the
/// sum of its communes; across the 2025 mergers a new commune is the sum of its predecessors), so
/// a roll-up is never an average of percentages.
enum EHealthIndicators {
    static var all: [Indicator] { [coverage, insurance, facilitiesConnected, stunting] }

    /// `ehr.coverage`: residents with an electronic health record over residents.
    static let coverage = Indicator(
        id: "ehr.coverage", name: "Residents with an electronic health record", unit: .percent, aggregation: .stock,
        definition: "Residents with an electronic health record (hồ sơ sức khỏe điện tử) over resident population, "
            + "summed over communes, wards and townships; the latest figures within the period per unit. "
            + "Hospital electronic medical records (EMR) are not counted.",
        recordedAt: .commune,
        compute: { query in
            try StockRollUp.value(query) { [Double($0.withRecord), Double($0.residents)] }
        })

    /// `ehr.insurance`: insured residents over residents, where insurance was reported.
    static let insurance = Indicator(
        id: "ehr.insurance", name: "Residents with health insurance", unit: .percent, aggregation: .stock,
        definition: "Residents with health insurance over resident population (criterion 15), summed over the "
            + "communes, wards and townships that reported insurance; the latest figures within the period per unit.",
        recordedAt: .commune,
        compute: { query in
            try StockRollUp.value(query) { figures in
                figures.insured.map { [Double($0), Double(figures.residents)] }
            }
        })

    /// `ehr.facilities_connected`: provincial and district facilities connected online to the
    /// central hospitals on the period's last day, over all of them.
    static let facilitiesConnected = Indicator(
        id: "ehr.facilities_connected", name: "Provincial and district health facilities connected online",
        unit: .percent, aggregation: .status,
        definition: "Provincial hospitals and district health centres connected online to the central hospitals "
            + "on the period's last day, over all provincial and district facilities recorded. Commune health "
            + "stations are not counted.",
        compute: { query in
            // The facilities of every unit of the batch, read once; each reading counts its sources'.
            let byUnit = try query.shared("ehr.facilities") { batch in
                Dictionary(grouping: try query.store.healthFacilities.serving(unitIDs: batch.unitIDs), by: \.unitID)
            }
            var connected = 0, total = 0
            for id in Set(query.sources.ids) {
                for facility in byUnit[id] ?? [] where facility.level.countsForConnection {
                    total += 1
                    if facility.isConnected(on: query.period.end) { connected += 1 }
                }
            }
            guard total > 0 else { return nil }
            return IndicatorValue(numerator: Double(connected), denominator: Double(total))
        })

    /// `ehr.stunting`: stunted children under 5 over children under 5 (criterion 15; lower is better).
    static let stunting = Indicator(
        id: "ehr.stunting", name: "Stunted children under 5", unit: .percent, aggregation: .stock,
        definition: "Stunted children under 5 (height for age) over children under 5 (criterion 15), summed over "
            + "the units that reported both; the latest figures within the period per unit. Lower is better.",
        recordedAt: .commune,
        compute: { query in
            try StockRollUp.value(query) { figures in
                guard let stunted = figures.stuntedUnderFive, let underFive = figures.underFive else { return nil }
                return [Double(stunted), Double(underFive)]
            }
        })

    /// Targets stored when the module is first installed: the province's 2025 plan. Bắc Giang's own
    /// health plan aims higher for coverage; `target set ehr.coverage ...` records that.
    static var defaultTargets: [TargetDefinition] {
        [
            TargetDefinition(indicatorID: "ehr.coverage", scope: .unit(provinceCode), year: 2025, threshold: 95,
                             note: "residents with an electronic health record"),
            TargetDefinition(indicatorID: "ehr.facilities_connected", scope: .unit(provinceCode), year: 2025, threshold: 100,
                             note: "provincial and district health facilities connected online to central hospitals"),
        ]
    }

    /// Bắc Giang's GSO code (reused by the merged Bắc Ninh from 2025-07-01).
    static let provinceCode = "24"
}

/// How a stock figure rolls up: per source unit the latest record within the period, summed,
/// leaving out a unit whose successor has figures of its own (see `UnitSources.sumStock`).
enum StockRollUp {
    /// The numerator and denominator over the query's sources; nil when no source has figures.
    ///
    /// - Parameter values: `[numerator, denominator]` of one record, or nil when the record does
    ///   not report what the indicator needs.
    static func value(_ query: IndicatorQuery,
                      _ values: (HealthRecordFigures) -> [Double]?) throws -> IndicatorValue? {
        // Figures are stored for commune-level units only: a commune's villages need no look-up. One
        // read serves every reading of the batch (a breakdown's communes, the indicators of `progress`).
        let latest = try query.shared("ehr.latest/\(query.period)") { batch in
            try query.store.healthRecords.latestPerUnit(within: query.period,
                                                        unitIDs: batch.unitIDs(where: { $0.level == .commune }))
        }
        guard let sums = sum(latest, over: query.sources, values) else { return nil }
        return IndicatorValue(numerator: sums[0], denominator: sums[1])
    }

    /// Element-wise sums of `values` over the sources' latest records, or nil when none counts.
    static func sum(_ latest: [Int64: HealthRecordBook.Record], over sources: UnitSources,
                    _ values: (HealthRecordFigures) -> [Double]?) -> [Double]? {
        var entries: [Int64: (period: Period, values: [Double])] = [:]
        for source in sources.units {
            guard let record = latest[source.id], let numbers = values(record.figures) else { continue }
            entries[source.id] = (record.period, numbers)
        }
        return sources.sumStock(entries)
    }
}
