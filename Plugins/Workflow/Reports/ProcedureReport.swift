import NTMCore
import ShellKit

/// `workflow procedures`: how each procedure fares over a period.
enum ProcedureReport {
    struct Counts {
        var received = 0
        var receivedOnline = 0
        var finished = 0
        var inTime = 0
        var workingDays = 0
    }

    static func build(_ store: DomainStore, index: UnitIndex, area: Unit, period: Period) throws -> ResultTable {
        let calendar = try store.holidays.calendar()
        let from = DayNumber.of(period.start), to = DayNumber.of(period.end)
        var counts: [Int64: Counts] = [:]
        try store.dossiers.forEach(from: from, to: to, unitIDs: index.sources(for: area, during: period).ids) { row in
            var c = counts[row.procedureID] ?? Counts()
            if row.clock.received >= from {
                c.received += 1
                if row.channel == .online { c.receivedOnline += 1 }
            }
            if let end = row.clock.end, end >= from, end <= to {
                let j = row.clock.judge(on: to, calendar)
                c.finished += 1
                c.workingDays += Int(j.used)
                if j.outcome == .early || j.outcome == .onTime { c.inTime += 1 }
            }
            counts[row.procedureID] = c
        }
        let procedures = try store.dossiers.procedures()
        let listed = counts.keys.compactMap { procedures[$0] }.sorted { $0.code < $1.code }
        func rate(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? 100 * Double(part) / Double(whole) : nil }
        let full = listed.filter { $0.serviceLevel == .fullProcessOnline }.count
        return ResultTable(
            title: "Procedures with dossiers in \(period), \(area.name)",
            columns: [Column("procedure"), Column("name"), Column("field"), Column("service_level", heading: "service level"),
                      Column("received", .integer), Column("finished", .integer),
                      Column("average_days", .decimal(places: 1), heading: "avg days"),
                      Column("on_time_rate", .percent(places: 1), heading: "on time %"),
                      Column("online_share", .percent(places: 1), heading: "online %")],
            rows: listed.map { p in
                let c = counts[p.id]!
                return [.text(p.code), .text(p.name), .text(p.field), .text(p.serviceLevel.words), .integer(c.received),
                        .integer(c.finished), .number(c.finished > 0 ? Double(c.workingDays) / Double(c.finished) : nil),
                        .number(rate(c.inTime, c.finished)), .number(rate(c.receivedOnline, c.received))]
            },
            notes: ["\(full) of \(Format.plural(listed.count, "procedure")) offered full-process online "
                    + "(\(Format.percent(rate(full, listed.count)))); average days are working days from receipt to the end, "
                    + "the citizen's supplement time excluded"])
    }
}
