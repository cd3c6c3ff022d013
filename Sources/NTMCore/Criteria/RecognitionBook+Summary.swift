import GRDB

/// One line of `recognition summary`: how many units of a level hold a title, out of how many.
public struct RecognitionSummaryRow: Sendable, Equatable {
    public let level: UnitLevel
    public let title: RecognitionTitle
    /// Which units of the level the row counts: `huyện`, `cities and towns`, `xã`, `villages`, or
    /// `all` for the district-level line as the province reports it.
    public var units: String = ""
    /// The recognition as printed: the title, or `standard or completed` on the `all` line.
    public var recognition: String = ""
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

    /// The row for a level and title (not the `all` line).
    public func row(_ level: UnitLevel, _ title: RecognitionTitle) -> RecognitionSummaryRow? {
        rows.first { $0.level == level && $0.title == title && $0.units != "all" }
    }

    /// District-level units recognised at all, as the province reports them: districts meeting
    /// the standard and cities and towns that have completed the task, over all district-level units.
    public var districtLevelLine: RecognitionSummaryRow? {
        rows.first { $0.level == .district && $0.units == "all" }
    }
}

extension RecognitionBook {
    /// Counts and shares of recognised units in `area` (default: the province) in `year`.
    ///
    /// Denominators — units valid on 31 December of the year within the area:
    /// - communes: rural communes (kind `commune`, xã) only — never wards or townships (182 in 2023);
    /// - villages: villages of rural communes;
    /// - districts: rural districts (huyện) for the district grades; cities and towns for
    ///   `completed`; and all district-level units for the line the province reports (6 of 10 in
    ///   May 2023: five districts and the city of Bắc Giang).
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
        let towns = members.filter { $0.kind == .city || $0.kind == .town }
        let all = communes + villages + districts + towns
        let rows = try Row.fetchAll(store.db, sql: """
            SELECT unit_id, title FROM recognition WHERE \(Self.inForceAtYearEnd) AND unit_id IN (SELECT value FROM json_each(?))
            """, arguments: [year, yearEnd.description, "[" + all.map { String($0.id) }.joined(separator: ",") + "]"])
        var granted: [Int64: Set<RecognitionTitle>] = [:]
        for row in rows {
            if let title = RecognitionTitle(rawValue: row["title"]) { granted[row["unit_id"], default: []].insert(title) }
        }
        func count(_ units: [Unit], _ title: RecognitionTitle) -> Int {
            units.filter { unit in title.impliedBy.contains { granted[unit.id]?.contains($0) ?? false } }.count
        }
        var result: [RecognitionSummaryRow] = []
        func add(_ level: UnitLevel, _ units: String, _ members: [Unit], _ title: RecognitionTitle) {
            result.append(RecognitionSummaryRow(level: level, title: title, units: units, recognition: title.rawValue,
                                                count: count(members, title), denominator: members.count))
        }
        let districtLevel = districts + towns
        if !districtLevel.isEmpty {
            for title in RecognitionTitle.allowed(for: .district) { add(.district, "huyện", districts, title) }
            add(.district, "cities and towns", towns, .completed)
            let recognised = districts.filter { unit in RecognitionTitle.standard.impliedBy.contains { granted[unit.id]?.contains($0) ?? false } }
                .count + count(towns, .completed)
            result.append(RecognitionSummaryRow(level: .district, title: .standard, units: "all", recognition: "standard or completed",
                                                count: recognised, denominator: districtLevel.count))
        }
        for title in RecognitionTitle.allowed(for: .commune) { add(.commune, "xã", communes, title) }
        for title in RecognitionTitle.allowed(for: .village) { add(.village, "villages", villages, title) }
        let place = area.name
        func plural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        return RecognitionSummary(year: year, area: area, rows: result, denominatorDefinitions: [
            .district: "district-level units valid on \(yearEnd) in \(place): \(districtLevel.count) — "
                + "\(plural(districts.count, "rural district (huyện)", "rural districts (huyện)")) for the district grades, "
                + "\(plural(towns.count, "city or town", "cities and towns")) for completed (hoàn thành nhiệm vụ xây dựng NTM); "
                + "the 'all' line counts both, as the province reports it",
            .commune: "rural communes (xã) valid on \(yearEnd) in \(place): \(communes.count); wards and townships are not NTM communes",
            .village: "villages of rural communes valid on \(yearEnd) in \(place): \(villages.count)",
        ])
    }
}
