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
        let communes = ruralCommunes(query)
        guard !communes.isEmpty else { return nil }
        // Per rural commune of the batch with a recognition in force: whether one is `smart` (one query for all).
        let year = query.period.year
        let smart = try query.shared("ntm.smart_communes/\(year)/\(query.period.end)") { batch -> [Int64: Bool] in
            var smart: [Int64: Bool] = [:]
            for row in try Row.fetchAll(query.db, sql: """
                SELECT unit_id, MAX(title = 'smart') AS smart FROM recognition
                WHERE \(RecognitionBook.inForceAtYearEnd) AND unit_id IN (SELECT value FROM json_each(?))
                GROUP BY unit_id
                """, arguments: [year, Day.endOfYear(year).description, idsJSON(ruralCommuneIDs(batch, on: query.period.end))]) {
                smart[row["unit_id"]] = (row["smart"] as Int) == 1
            }
            return smart
        }
        let recognised = communes.compactMap { smart[$0.id] }
        guard !recognised.isEmpty else { return nil }
        return IndicatorValue(numerator: Double(recognised.filter { $0 }.count))
    }

    /// `ntm.criterion_8_4`: share of rural communes meeting sub-indicator 8.4.
    static let criterion84 = Indicator(
        id: "ntm.criterion_8_4", name: "Communes applying IT in administration (criterion 8.4)", unit: .percent,
        aggregation: .status,
        definition: "Rural communes (xã) assessed as meeting sub-indicator 8.4 for the year, over all rural communes "
            + "valid at the end of the period (unassessed communes count as not meeting it). A commune with a direct "
            + "result for criterion 8 and no sub-indicator assessed counts by that result, since criterion 8 is met "
            + "only with all its sub-indicators. No data when none is assessed.") { query in
        let communes = ruralCommunes(query)
        guard !communes.isEmpty else { return nil }
        // Per rural commune of the batch: its rows counted (8.4 where assessed; else a direct result for 8
        // when no sub-indicator is assessed) and how many are met, in one query for all.
        let year = query.period.year
        let assessed = try query.shared("ntm.criterion_8_4/\(year)/\(query.period.end)") { batch -> [Int64: (rows: Int, met: Int)] in
            var assessed: [Int64: (rows: Int, met: Int)] = [:]
            for row in try Row.fetchAll(query.db, sql: """
                SELECT a.unit_id, COUNT(*) AS assessed, COALESCE(SUM(met), 0) AS met FROM assessment AS a
                WHERE a.year = ? AND a.unit_id IN (SELECT value FROM json_each(?))
                  AND (a.criterion_id = '8.4'
                       OR (a.criterion_id = '8' AND NOT EXISTS (
                           SELECT 1 FROM assessment AS s WHERE s.unit_id = a.unit_id AND s.year = a.year
                             AND s.criterion_id IN ('8.1', '8.2', '8.3', '8.4'))))
                GROUP BY a.unit_id
                """, arguments: [year, idsJSON(ruralCommuneIDs(batch, on: query.period.end))]) {
                assessed[row["unit_id"]] = (row["assessed"], row["met"])
            }
            return assessed
        }
        let rows = communes.compactMap { assessed[$0.id] }
        guard rows.reduce(0, { $0 + $1.rows }) > 0 else { return nil }
        return IndicatorValue(numerator: Double(rows.reduce(0) { $0 + $1.met }), denominator: Double(communes.count))
    }

    /// The rural communes among the query's sources valid on the period's last day: what both count.
    static func ruralCommunes(_ query: IndicatorQuery) -> [Unit] {
        query.sources.valid(on: query.period.end).filter(\.isRuralCommune)
    }

    /// The same over every reading of the batch.
    static func ruralCommuneIDs(_ batch: IndicatorBatch, on day: Day) -> Set<Int64> {
        batch.unitIDs(where: { $0.isRuralCommune && $0.isValid(on: day) })
    }

    static func idsJSON(_ ids: Set<Int64>) -> String {
        "[" + ids.sorted().map(String.init).joined(separator: ",") + "]"
    }
}
