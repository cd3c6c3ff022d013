import NTMCore

/// The standard period report of one-stop shops, per unit: what came in, what went out and how
/// fast, and what is still open — every figure a count of dossiers, every rate a ratio of counts.
struct DossierReport {
    /// The counts of one unit (or the total).
    struct Counts {
        var carriedOver = 0
        var received = 0
        var receivedOnline = 0
        var receivedInPerson = 0
        var receivedPostal = 0
        var finished = 0
        var early = 0
        var onTime = 0
        var overdue = 0
        var stopped = 0
        var openWithinTime = 0
        var openOverdue = 0
        var awaitingSupplement = 0
        var returned = 0

        var open: Int { openWithinTime + openOverdue }
        var onlineRate: Double? { received > 0 ? 100 * Double(receivedOnline) / Double(received) : nil }
        var onTimeRate: Double? { finished > 0 ? 100 * Double(early + onTime) / Double(finished) : nil }

        mutating func add(_ other: Counts) {
            carriedOver += other.carriedOver; received += other.received; receivedOnline += other.receivedOnline
            receivedInPerson += other.receivedInPerson; receivedPostal += other.receivedPostal
            finished += other.finished; early += other.early; onTime += other.onTime; overdue += other.overdue
            stopped += other.stopped; openWithinTime += other.openWithinTime; openOverdue += other.openOverdue
            awaitingSupplement += other.awaitingSupplement; returned += other.returned
        }

        /// Counts one dossier for a period from `from` to `to` (day numbers).
        mutating func count(_ row: DossierBook.Row, from: Int32, to: Int32, calendar: WorkingCalendar) {
            let clock = row.clock
            if clock.received < from { carriedOver += 1 } else {
                received += 1
                switch row.channel {
                case .online: receivedOnline += 1
                case .inPerson: receivedInPerson += 1
                case .postal: receivedPostal += 1
                }
            }
            if let returnedDay = clock.returned, returnedDay >= from, returnedDay <= to { returned += 1 }
            let judgement = clock.judge(on: to, calendar)
            if let end = clock.end, end <= to {
                guard end >= from else { return }
                if clock.stopped == end && clock.finished != end && clock.returned != end {
                    stopped += 1
                    return
                }
                finished += 1
                switch judgement.outcome {
                case .early: early += 1
                case .onTime: onTime += 1
                default: overdue += 1
                }
            } else {
                if judgement.awaitingSupplement { awaitingSupplement += 1 }
                if judgement.outcome == .openOverdue { openOverdue += 1 } else { openWithinTime += 1 }
            }
        }
    }

    var area: Unit
    var level: UnitLevel
    var period: Period
    var rows: [(unit: Unit, counts: Counts)]
    var total: Counts

    /// Builds the report: one row per unit of `level` within `area` valid during the period, each
    /// counting the dossiers of the units below it (and across a merger, its predecessors).
    static func build(_ store: DomainStore, index: UnitIndex, area: Unit, level: UnitLevel, period: Period) throws -> DossierReport {
        let calendar = try store.holidays.calendar()
        let from = DayNumber.of(period.start), to = DayNumber.of(period.end)
        let members = Self.members(index: index, area: area, level: level, period: period)
        // Unit row ids are small: an array from id to report row is one read per dossier.
        var rowOfUnit: [Int] = []
        for (position, unit) in members.enumerated() {
            for source in index.sources(for: unit, during: period).units {
                let id = Int(source.id)
                if id >= rowOfUnit.count { rowOfUnit += [Int](repeating: -1, count: id + 1 - rowOfUnit.count) }
                if rowOfUnit[id] < 0 { rowOfUnit[id] = position }
            }
        }
        var counts = [Counts](repeating: Counts(), count: members.count)
        try store.dossiers.forEach(from: from, to: to) { row in
            let id = Int(row.unitID)
            guard id >= 0, id < rowOfUnit.count, rowOfUnit[id] >= 0 else { return }
            counts[rowOfUnit[id]].count(row, from: from, to: to, calendar: calendar)
        }
        var total = Counts()
        for row in counts { total.add(row) }
        return DossierReport(area: area, level: level, period: period,
                             rows: members.indices.map { (members[$0], counts[$0]) }, total: total)
    }

    /// The units of `level` within `area` during the period (the area itself when it is of that level).
    static func members(index: UnitIndex, area: Unit, level: UnitLevel, period: Period) -> [Unit] {
        if area.level == level { return [area] }
        let day = area.isValid(on: period.end) ? period.end : (area.validTo ?? period.end)
        var units = index.units(on: day, level: level).filter { index.isWithin($0, area, on: day) }
        if units.isEmpty {
            // The area was reorganised during the period: the units of that level that made it up.
            units = index.sources(for: area, during: period, level: level).units
        }
        return units.sorted { $0.code < $1.code }
    }
}
