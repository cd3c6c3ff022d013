import GRDB

/// One line of `recognition summary`: how many units of a level hold a title, out of how many.
public struct RecognitionSummaryRow: Sendable, Equatable {
    public let level: UnitLevel
    public let title: RecognitionTitle
    /// Units holding the title in the year (grades implied by higher ones).
    public let count: Int
    /// The units it is a share of (see ``RecognitionSummary/denominatorDefinitions``).
    public let denominator: Int
    /// 100 × count ÷ denominator; nil when the denominator is 0.
    public var share: Double? { denominator > 0 ? 100 * Double(count) / Double(denominator) : nil }
}

/// `recognition summary`: counts and shares per level for a year and area.
public struct RecognitionSummary: Sendable {
    public let year: Int
    public let area: Unit
    public let rows: [RecognitionSummaryRow]
    /// Per level, what its denominator counts — print it under the table.
    public let denominatorDefinitions: [UnitLevel: String]

    /// The row for a level and title.
    public func row(_ level: UnitLevel, _ title: RecognitionTitle) -> RecognitionSummaryRow? {
        rows.first { $0.level == level && $0.title == title }
    }
}

extension RecognitionBook {
    /// Counts and shares of recognised units in `area` (default: the province) in `year`.
    ///
    /// Denominators — units valid on 31 December of the year within the area:
    /// - communes: rural communes (kind `commune`, xã) only — never wards or townships (182 in 2023);
    /// - villages: villages of rural communes;
    /// - districts: rural districts (huyện) — not the city or towns.
    public func summary(year: Int, in area: Unit? = nil) throws -> RecognitionSummary {
        let index = try store.units.index()
        let yearEnd = Day.endOfYear(year)
        guard let area = area ?? index.units(on: yearEnd, level: .province).first else {
            throw DomainError.invalid("no province is valid on \(yearEnd)")
        }
        let members = index.units(on: yearEnd).filter { $0.id != area.id && index.isWithin($0, area, on: yearEnd) }
            + (area.isValid(on: yearEnd) ? [area] : [])
        let communes = members.filter(\.isRuralCommune)
        let villages = members.filter { unit in
            unit.kind == .village && index.parent(of: unit, on: yearEnd)?.kind == .commune
        }
        let districts = members.filter { $0.kind == .district }
        let all = communes + villages + districts
        let rows = try Row.fetchAll(store.db, sql: """
            SELECT unit_id, title FROM recognition WHERE year <= ? AND unit_id IN (SELECT value FROM json_each(?))
            """, arguments: [year, "[" + all.map { String($0.id) }.joined(separator: ",") + "]"])
        var granted: [Int64: Set<RecognitionTitle>] = [:]
        for row in rows {
            if let title = RecognitionTitle(rawValue: row["title"]) { granted[row["unit_id"], default: []].insert(title) }
        }
        func count(_ units: [Unit], _ title: RecognitionTitle) -> Int {
            units.filter { unit in title.impliedBy.contains { granted[unit.id]?.contains($0) ?? false } }.count
        }
        var result: [RecognitionSummaryRow] = []
        for title in RecognitionTitle.allowed(for: .district) {
            result.append(RecognitionSummaryRow(level: .district, title: title, count: count(districts, title), denominator: districts.count))
        }
        for title in RecognitionTitle.allowed(for: .commune) {
            result.append(RecognitionSummaryRow(level: .commune, title: title, count: count(communes, title), denominator: communes.count))
        }
        for title in RecognitionTitle.allowed(for: .village) {
            result.append(RecognitionSummaryRow(level: .village, title: title, count: count(villages, title), denominator: villages.count))
        }
        let place = area.name
        return RecognitionSummary(year: year, area: area, rows: result, denominatorDefinitions: [
            .district: "rural districts (huyện) valid on \(yearEnd) in \(place): \(districts.count); the city and towns are not counted",
            .commune: "rural communes (xã) valid on \(yearEnd) in \(place): \(communes.count); wards and townships are not NTM communes",
            .village: "villages of rural communes valid on \(yearEnd) in \(place): \(villages.count)",
        ])
    }
}
