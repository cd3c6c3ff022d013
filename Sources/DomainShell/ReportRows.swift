import NTMCore

/// The units a breakdown's rows stand for (`--by LEVEL` within `--in AREA`): one rule for every
/// module's coverage report, with the same refusals.
public enum ReportRows {
    /// The units of `level` within `area` on `day`, by code; the area itself when `level` is its own.
    ///
    /// Refuses a level above the area's, and an empty breakdown; for districts (abolished on
    /// 2025-07-01) the refusal says to ask by commune or for an `earlier` day ("period", "year",
    /// "--as-of": the report's own word for it).
    public static func units(of level: UnitLevel, within area: Unit, on day: Day, index: UnitIndex,
                             earlier: String) throws -> [Unit] {
        guard level >= area.level else {
            throw DomainError.invalid("\(area.name) is a \(area.level.rawValue): it has no \(level.rawValue) rows (--by \(level.rawValue))")
        }
        let members: [Unit] = level == area.level
            ? [area]
            : index.units(on: day, level: level).filter { index.isWithin($0, area, on: day) }.sorted { $0.code < $1.code }
        guard !members.isEmpty else {
            throw DomainError.invalid("no \(level.rawValue)-level units within \(area.name) on \(day)"
                + (level == .district ? " (districts were abolished on 2025-07-01): use --by commune or an earlier \(earlier)" : ""))
        }
        return members
    }
}
