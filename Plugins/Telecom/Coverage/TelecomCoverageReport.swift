import DomainShell
import NTMCore
import ShellKit

/// Villages and households covered, for the units of one level within an area, as of a day: what
/// `telecom coverage` prints.
///
/// Every row sums villages and households over its villages' latest surveys on or before the day
/// and divides once — never an average of percentages. A row's villages are those under it during
/// the day's year (the core's `UnitIndex.sources(for:during:level:)`), so across the 2025 mergers a
/// new commune counts the villages of the communes it was formed from.
struct TelecomCoverageReport {
    /// Sums over a set of villages.
    struct Figures: Equatable {
        /// Distinct village codes under the unit on or before the day.
        var villages = 0
        /// Villages with a survey on or before the day.
        var surveyed = 0
        /// Surveyed villages with service of the technology asked (or a later generation).
        var covered = 0
        /// Households over surveyed villages that report them.
        var households = 0
        /// Households in covered villages.
        var householdsCovered = 0
        /// Households with fixed broadband, and the households of the villages that report both.
        var broadband = 0
        var broadbandBase = 0
        /// Villages flagged without signal.
        var noSignal = 0

        var coverage: Double? { NumberText.share(covered, of: surveyed) }
        var householdCoverage: Double? { NumberText.share(householdsCovered, of: households) }
        var broadbandShare: Double? { NumberText.share(broadband, of: broadbandBase) }

        /// Adds every figure of `other` (sums of villages and households, never of shares).
        static func += (figures: inout Figures, other: Figures) {
            figures.villages += other.villages
            figures.surveyed += other.surveyed
            figures.covered += other.covered
            figures.households += other.households
            figures.householdsCovered += other.householdsCovered
            figures.broadband += other.broadband
            figures.broadbandBase += other.broadbandBase
            figures.noSignal += other.noSignal
        }
    }

    /// One unit's sums.
    struct Row {
        var unit: Unit
        /// The commune (for villages) or district that places the unit.
        var place: String?
        var figures: Figures
    }

    /// The technology asked about: a mobile generation (at least), or fibre.
    enum Technology: Equatable {
        case mobile(Generation)
        case fibre

        static let choices = ["2G", "3G", "4G", "5G", "fibre"]

        init?(parsing text: String) {
            if text.lowercased() == "fibre" || text.lowercased() == "fiber" { self = .fibre; return }
            guard let generation = Generation(parsing: text) else { return nil }
            self = .mobile(generation)
        }

        var name: String {
            switch self {
            case .mobile(let generation): return generation.rawValue
            case .fibre: return "fibre"
            }
        }

        /// Whether a village's evidence shows it; nil when unknown.
        func isCovered(_ evidence: VillageEvidence) -> Bool? {
            switch self {
            case .mobile(let generation): return evidence.hasService(atLeast: generation)
            case .fibre: return evidence.fibre
            }
        }
    }

    let day: Day
    let area: Unit
    let level: UnitLevel
    let technology: Technology
    let rows: [Row]
    let total: Row

    /// Computes the report.
    ///
    /// - Throws: `DomainError.invalid` when `level` is above the area's, or no unit of that level lies
    ///   within the area on the day (districts after 1 July 2025).
    static func build(_ store: DomainStore, index: UnitIndex, area: Unit, level: UnitLevel, day: Day,
                      technology: Technology) throws -> TelecomCoverageReport {
        let members = try rowUnits(index: index, area: area, level: level, day: day)
        let latest = try store.villageSurveys.latestPerVillage(onOrBefore: day)
        let period = Period.year(day.year)

        func row(for unit: Unit) -> Row {
            let sources = index.sources(for: unit, during: period, level: .village)
            let villages = sources.units.filter { $0.validFrom <= day }
            var entries: [Int64: (period: Period, values: [Double])] = [:]
            for village in villages {
                guard let survey = latest[village.id] else { continue }
                entries[village.id] = (period, values(survey.evidence, technology))
            }
            let sums = sources.sumStock(entries) ?? Array(repeating: 0, count: 7)
            var figures = Figures()
            figures.villages = Set(villages.map(\.code)).count
            figures.surveyed = Int(sums[0])
            figures.covered = Int(sums[1])
            figures.households = Int(sums[2])
            figures.householdsCovered = Int(sums[3])
            figures.broadband = Int(sums[4])
            figures.broadbandBase = Int(sums[5])
            figures.noSignal = Int(sums[6])
            let place = unit.level == .village ? index.parent(of: unit, on: day)?.name : index.placeName(of: unit, on: day)
            return Row(unit: unit, place: place, figures: figures)
        }
        let rows = members.map(row(for:))
        return TelecomCoverageReport(day: day, area: area, level: level, technology: technology, rows: rows,
                                     total: level == area.level ? rows[0] : row(for: area))
    }

    /// The units of the rows: those of `level` within the area on the day, by code (the area itself at its own level).
    static func rowUnits(index: UnitIndex, area: Unit, level: UnitLevel, day: Day) throws -> [Unit] {
        try ReportRows.units(of: level, within: area, on: day, index: index, earlier: "--as-of")
    }

    /// One village's contribution: surveyed, covered, households, households covered, broadband,
    /// broadband base, no signal.
    static func values(_ evidence: VillageEvidence, _ technology: Technology) -> [Double] {
        let covered = technology.isCovered(evidence) == true
        let households = Double(evidence.households ?? 0)
        var broadband = 0.0, base = 0.0
        if let b = evidence.broadband, let h = evidence.households {
            broadband = Double(b)
            base = Double(h)
        }
        return [1, covered ? 1 : 0, households, covered ? households : 0, broadband, base, evidence.noSignal == nil ? 0 : 1]
    }
}
