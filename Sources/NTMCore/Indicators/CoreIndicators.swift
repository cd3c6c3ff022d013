import GRDB

/// The indicators the core computes from recognition and assessments.
///
/// Both are yearly standings (``IndicatorAggregation/status``): they count the rural communes among
/// the sources that are valid on the period's last day, using the year of the period.
enum CoreIndicators {
    static let all: [Indicator] = [smartCommunes, criterion84]

    /// `ntm.smart_communes`: rural communes holding the `smart` title in the year.
    static let smartCommunes = Indicator(
        id: "ntm.smart_communes", name: "Smart communes", unit: .count, aggregation: .status,
        definition: "Rural communes (xã) recognised as smart communes in the year or before, among those valid at "
            + "the end of the period. No data when none of them has any recognition recorded.") { query in
        let communes = query.sources.valid(on: query.period.end).filter(\.isRuralCommune)
        guard !communes.isEmpty else { return nil }
        let ids = "[" + communes.map { String($0.id) }.joined(separator: ",") + "]"
        let row = try Row.fetchOne(query.db, sql: """
            SELECT COUNT(DISTINCT unit_id) AS recognised,
                   COUNT(DISTINCT CASE WHEN title = 'smart' THEN unit_id END) AS smart
            FROM recognition WHERE year <= ? AND unit_id IN (SELECT value FROM json_each(?))
            """, arguments: [query.period.year, ids])!
        guard (row["recognised"] as Int) > 0 else { return nil }
        return IndicatorValue(numerator: Double(row["smart"] as Int))
    }

    /// `ntm.criterion_8_4`: share of rural communes meeting sub-indicator 8.4.
    static let criterion84 = Indicator(
        id: "ntm.criterion_8_4", name: "Communes applying IT in administration (criterion 8.4)", unit: .percent,
        aggregation: .status,
        definition: "Rural communes (xã) assessed as meeting sub-indicator 8.4 for the year, over all rural communes "
            + "valid at the end of the period (unassessed communes count as not meeting it). "
            + "No data when none is assessed on 8.4.") { query in
        let communes = query.sources.valid(on: query.period.end).filter(\.isRuralCommune)
        guard !communes.isEmpty else { return nil }
        let ids = "[" + communes.map { String($0.id) }.joined(separator: ",") + "]"
        let row = try Row.fetchOne(query.db, sql: """
            SELECT COUNT(*) AS assessed, COALESCE(SUM(met), 0) AS met FROM assessment
            WHERE year = ? AND criterion_id = '8.4' AND unit_id IN (SELECT value FROM json_each(?))
            """, arguments: [query.period.year, ids])!
        guard (row["assessed"] as Int) > 0 else { return nil }
        return IndicatorValue(numerator: Double(row["met"] as Int), denominator: Double(communes.count))
    }
}
