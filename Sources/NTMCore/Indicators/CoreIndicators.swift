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
        definition: "Rural communes (xã) recognised as smart communes in the year or before (and not revoked by its end), among those valid at "
            + "the end of the period. No data when none of them has any recognition recorded.") { query in
        let communes = query.sources.valid(on: query.period.end).filter(\.isRuralCommune)
        guard !communes.isEmpty else { return nil }
        let ids = "[" + communes.map { String($0.id) }.joined(separator: ",") + "]"
        let row = try Row.fetchOne(query.db, sql: """
            SELECT COUNT(DISTINCT unit_id) AS recognised,
                   COUNT(DISTINCT CASE WHEN title = 'smart' THEN unit_id END) AS smart
            FROM recognition WHERE \(RecognitionBook.inForceAtYearEnd) AND unit_id IN (SELECT value FROM json_each(?))
            """, arguments: [query.period.year, Day.endOfYear(query.period.year).description, ids])!
        guard (row["recognised"] as Int) > 0 else { return nil }
        return IndicatorValue(numerator: Double(row["smart"] as Int))
    }

    /// `ntm.criterion_8_4`: share of rural communes meeting sub-indicator 8.4.
    static let criterion84 = Indicator(
        id: "ntm.criterion_8_4", name: "Communes applying IT in administration (criterion 8.4)", unit: .percent,
        aggregation: .status,
        definition: "Rural communes (xã) assessed as meeting sub-indicator 8.4 for the year, over all rural communes "
            + "valid at the end of the period (unassessed communes count as not meeting it). A commune with a direct "
            + "result for criterion 8 and no sub-indicator assessed counts by that result, since criterion 8 is met "
            + "only with all its sub-indicators. No data when none is assessed.") { query in
        let communes = query.sources.valid(on: query.period.end).filter(\.isRuralCommune)
        guard !communes.isEmpty else { return nil }
        let ids = "[" + communes.map { String($0.id) }.joined(separator: ",") + "]"
        // 8.4 where assessed; else a direct result for 8 when no sub-indicator is assessed.
        let row = try Row.fetchOne(query.db, sql: """
            SELECT COUNT(*) AS assessed, COALESCE(SUM(met), 0) AS met FROM assessment AS a
            WHERE a.year = ? AND a.unit_id IN (SELECT value FROM json_each(?))
              AND (a.criterion_id = '8.4'
                   OR (a.criterion_id = '8' AND NOT EXISTS (
                       SELECT 1 FROM assessment AS s WHERE s.unit_id = a.unit_id AND s.year = a.year
                         AND s.criterion_id IN ('8.1', '8.2', '8.3', '8.4'))))
            """, arguments: [query.period.year, ids])!
        guard (row["assessed"] as Int) > 0 else { return nil }
        return IndicatorValue(numerator: Double(row["met"] as Int), denominator: Double(communes.count))
    }
}
