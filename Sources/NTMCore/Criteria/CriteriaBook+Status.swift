import GRDB

/// How one commune stands against the 19 criteria in a year.
public struct CommuneCriteriaStatus: Sendable {
    public let unit: Unit
    /// District (or parent) name.
    public let placeName: String?
    /// Criteria (of 19) with an assessment, criterion 8 counted once.
    public let assessed: Int
    /// Criteria (of 19) met.
    public let met: Int
    /// Numbers of the assessed criteria not met.
    public let unmet: [Int]
    /// Whether all 19 are assessed and met.
    public var meetsAll: Bool { met == CriteriaCatalogue.criteria.count }
}

/// `criteria status`: every rural commune of an area and year, and the average.
public struct CriteriaStatus: Sendable {
    public let year: Int
    public let area: Unit
    /// Rural communes valid on 31 December of the year within the area, with their standing;
    /// communes with no assessment have `assessed == 0`.
    public let communes: [CommuneCriteriaStatus]
    /// The denominator of the average: rural communes with at least one assessment.
    public var assessedCommunes: Int { communes.filter { $0.assessed > 0 }.count }
    /// Rural communes in the area (assessed or not).
    public var ruralCommunes: Int { communes.count }
    /// Criteria met per assessed commune, on average; nil when none is assessed.
    public var averageMet: Double? {
        let assessed = communes.filter { $0.assessed > 0 }
        guard !assessed.isEmpty else { return nil }
        return Double(assessed.reduce(0) { $0 + $1.met }) / Double(assessed.count)
    }
    /// Communes meeting all 19.
    public var meetingAll: Int { communes.filter(\.meetsAll).count }
    /// What the figures count, for the shell to print under the table.
    public var definition: String {
        "rural communes (xã) valid on \(Day.endOfYear(year)) in \(area.name); wards and townships are not assessed; "
            + "the average is over the \(assessedCommunes) communes with assessments for \(year)"
    }
}

extension CriteriaBook {
    /// The criteria standing of every rural commune in `area` (default: the province) for `year`.
    public func status(in area: Unit? = nil, year: Int) throws -> CriteriaStatus {
        let index = try store.units.index()
        let yearEnd = Day.endOfYear(year)
        guard let area = area ?? index.units(on: yearEnd, level: .province).first else {
            throw DomainError.invalid("no province is valid on \(yearEnd)")
        }
        let communes = index.units(on: yearEnd, level: .commune)
            .filter { $0.isRuralCommune && index.isWithin($0, area, on: yearEnd) }
        let rows = try Row.fetchAll(store.db, sql: """
            SELECT unit_id, criterion_id, met FROM assessment
            WHERE year = ? AND unit_id IN (SELECT value FROM json_each(?))
            """, arguments: [year, "[" + communes.map { String($0.id) }.joined(separator: ",") + "]"])
        var stored: [Int64: [String: Bool]] = [:]
        for row in rows { stored[row["unit_id"], default: [:]][row["criterion_id"]] = (row["met"] as Int) == 1 }
        let statuses = communes.sorted { $0.code < $1.code }.map { commune -> CommuneCriteriaStatus in
            let effective = Self.effective(stored[commune.id] ?? [:])
            return CommuneCriteriaStatus(unit: commune, placeName: index.placeName(of: commune, on: yearEnd),
                                         assessed: effective.count, met: effective.values.filter { $0 }.count,
                                         unmet: effective.filter { !$0.value }.keys.sorted())
        }
        return CriteriaStatus(year: year, area: area, communes: statuses)
    }
}
