import DomainShell
import NTMCore

/// Training coverage for the units of one level within an area at the end of a year: what
/// `training coverage` and `training gaps` print.
///
/// Each row sums the officials counted in the row's unit and everything below it (and, across the 2025
/// mergers, its predecessors: `UnitIndex.sources(for:during:)`), so a district's share is its officials'
/// trained over its officials, never an average of its communes' percentages.
struct CoverageReport {
    struct Row {
        var unit: Unit
        /// The district that places a commune, for commune rows.
        var place: String?
        var sums: TrainingCensus.Sums
    }

    let census: TrainingCensus
    let measure: TrainingCensus.Measure
    let role: Role?
    let area: Unit
    let level: UnitLevel
    let rows: [Row]
    let total: Row

    static func build(_ census: TrainingCensus, area: Unit, level: UnitLevel, measure: TrainingCensus.Measure, role: Role?) throws -> CoverageReport {
        let index = census.index, day = census.day
        let members = try ReportRows.units(of: level, within: area, on: day, index: index, earlier: "year")
        let period = Period.year(census.year)
        func row(_ unit: Unit) -> Row {
            let sources = index.sources(for: unit, during: period)
            return Row(unit: unit, place: unit.level == .commune ? index.placeName(of: unit, on: day) : nil,
                       sums: census.sums(measure, over: sources, role: role?.code))
        }
        let rows = members.map(row)
        return CoverageReport(census: census, measure: measure, role: role, area: area, level: level, rows: rows,
                              total: level == area.level ? rows[0] : row(area))
    }
}
