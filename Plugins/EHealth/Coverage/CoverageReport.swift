import NTMCore
import ShellKit
import DomainShell

/// EHR coverage for the units of one level within an area, over a period: what `ehr coverage`
/// and `ehr gaps` print.
///
/// Each row sums the residents and the residents with a record over the row's communes, wards and
/// townships (all of them: the health record is for everyone, not only for rural communes), taking
/// per unit the latest figures within the period. Across the 2025 mergers a unit counts its
/// predecessors' figures (see `UnitIndex.sources(for:during:level:)`).
struct CoverageReport {
    /// One unit's sums.
    struct Row {
        var unit: Unit
        /// The district (or parent) that places a commune, for commune rows.
        var place: String?
        /// Commune-level units within the row's unit on the report's day.
        var communes: Int
        /// Of ``communes``, those with figures of their own or of the units they were formed from:
        /// counted on the report's day, like ``communes``, never old units against new ones.
        var reporting: Int
        /// Nil when no unit has figures.
        var residents: Int?
        var withRecord: Int?

        /// Percent of residents with a record; nil without figures.
        var coverage: Double? {
            guard let residents, let withRecord else { return nil }
            return Ratio.percent(withRecord, of: residents)
        }
    }

    let period: Period
    /// The day whose units are listed: the period's last day (or the area's last day, if earlier).
    let day: Day
    let area: Unit
    let level: UnitLevel
    let rows: [Row]
    /// The whole area.
    let total: Row
    /// What a merger during the period changes about what the area covers (see
    /// `UnitIndex.mergerNote(for:named:during:)`); nil when nothing changed.
    var mergerNote: String? = nil

    /// Computes the report.
    ///
    /// - Throws: `DomainError.invalid` when `level` is above the area's, or no unit of that level
    ///   exists within the area on the report's day (districts after 1 July 2025).
    static func build(_ store: DomainStore, index: UnitIndex, area: Unit, level: UnitLevel,
                      period: Period) throws -> CoverageReport {
        guard level <= .commune else {
            throw DomainError.invalid("figures are recorded per commune, ward or township: --by village is not possible")
        }
        let day = area.isValid(on: period.end) ? period.end : (area.validTo ?? period.end)
        let communesOnDay = index.units(on: day, level: .commune)
        let members = try ReportRows.units(of: level, within: area, on: day, index: index, earlier: "period")
        let latest = try store.healthRecords.latestPerUnit(within: period)

        // Commune-level units of the day with figures, directly or through their predecessors.
        let reportingIDs = Set(communesOnDay.filter { commune in
            index.sources(for: commune, during: period, level: .commune).units.contains { latest[$0.id] != nil }
        }.map(\.id))

        func row(for unit: Unit) -> Row {
            let sources = index.sources(for: unit, during: period, level: .commune)
            let sums = StockRollUp.sum(latest, over: sources) { [Double($0.residents), Double($0.withRecord)] }
            let communes = unit.level == .commune ? [unit] : communesOnDay.filter { index.isWithin($0, unit, on: day) }
            return Row(unit: unit, place: unit.level == .commune ? index.placeName(of: unit, on: day) : nil,
                       communes: communes.count, reporting: communes.filter { reportingIDs.contains($0.id) }.count,
                       residents: sums.map { NumberText.whole($0[0]) }, withRecord: sums.map { NumberText.whole($0[1]) })
        }
        let rows = members.map(row(for:))
        return CoverageReport(period: period, day: day, area: area, level: level, rows: rows,
                              total: level == area.level ? rows[0] : row(for: area),
                              mergerNote: index.mergerNote(for: area, named: index.periodVersion(of: area, during: period),
                                                           during: period))
    }
}
