import NTMCore

/// The module's indicators, as `progress` and `target` see them. Each sums a numerator and a
/// denominator over the units asked about — never an average of percentages.
enum WorkflowIndicators {
    static var all: [Indicator] { [onlineProcessing, onTime, onlineDossiers, fullProcessOnline] }

    /// `workflow.online_processing`: work files processed fully online over work files (classified
    /// ones left out). A level's share sums the files of every office of that level.
    static let onlineProcessing = Indicator(
        id: "workflow.online_processing", name: "Work files processed online", unit: .percent, aggregation: .flow,
        definition: "Work files (hồ sơ công việc) created, handled and closed on the document-management system with "
            + "digital signatures, over all work files except classified ones, summed over the offices counted (for a "
            + "level target: every office of that level). Public-service dossiers are not work files.",
        compute: { query in
            // Every office of the batch summed in one read; each reading adds up its own sources.
            let all = try query.shared("workflow.documents/\(query.period)") { batch in
                try query.store.documents.sums(within: query.period, unitIDs: batch.unitIDs)
            }
            let sums = query.sources.ids.compactMap { all[$0] }
            guard !sums.isEmpty else { return nil }
            let online = sums.reduce(0) { $0 + $1.online }
            let countable = sums.reduce(0) { $0 + $1.countable }
            return IndicatorValue(numerator: Double(online), denominator: Double(countable))
        })

    /// `workflow.on_time`: dossiers finished early or on time over dossiers finished in the period.
    static let onTime = Indicator(
        id: "workflow.on_time", name: "Dossiers finished on time", unit: .percent, aggregation: .flow,
        definition: "Public-service dossiers whose end (finished, returned or stopped) falls in the period and that "
            + "were handled early or on time by the rule of Decision 766/QĐ-TTg (working days, the citizen's "
            + "supplement time excluded, more than one supplement request overdue), over all such dossiers.",
        compute: { query in
            let tally = try DossierTally.compute(query)
            guard tally.ended > 0 else { return nil }
            return IndicatorValue(numerator: Double(tally.endedInTime), denominator: Double(tally.ended))
        })

    /// `workflow.online_dossiers`: dossiers received online over dossiers received in the period.
    static let onlineDossiers = Indicator(
        id: "workflow.online_dossiers", name: "Dossiers received online", unit: .percent, aggregation: .flow,
        definition: "Public-service dossiers received through the online portal in the period, over all dossiers "
            + "received in the period (in person, online or by public postal service).",
        compute: { query in
            let tally = try DossierTally.compute(query)
            guard tally.received > 0 else { return nil }
            return IndicatorValue(numerator: Double(tally.receivedOnline), denominator: Double(tally.received))
        })

    /// `workflow.full_process_online`: procedures offered full-process online over the procedures
    /// with dossiers received in the period.
    static let fullProcessOnline = Indicator(
        id: "workflow.full_process_online", name: "Procedures offered full-process online", unit: .percent,
        aggregation: .flow,
        definition: "Administrative procedures offered as full-process online public services, over all procedures "
            + "with at least one dossier received in the period by the units counted.",
        compute: { query in
            let tally = try DossierTally.compute(query)
            guard !tally.procedures.isEmpty else { return nil }
            let levels = try query.store.dossiers.procedures()
            let full = tally.procedures.filter { levels[$0]?.serviceLevel == .fullProcessOnline }.count
            return IndicatorValue(numerator: Double(full), denominator: Double(tally.procedures.count))
        })
}

/// What the dossier indicators count over a query's units and period.
struct DossierTally {
    var received = 0
    var receivedOnline = 0
    var ended = 0
    var endedInTime = 0
    var procedures = Set<Int64>()

    /// The tally over the query's sources. The three dossier indicators, and every reading of a batch, share
    /// one pass over the period's dossiers, tallied per unit; a reading adds up its sources' tallies.
    static func compute(_ query: IndicatorQuery) throws -> DossierTally {
        let perUnit = try query.shared("workflow.dossiers/\(query.period)") { batch in
            try tallies(query.store, period: query.period, unitIDs: Array(batch.unitIDs).sorted())
        }
        var tally = DossierTally()
        for id in query.sources.ids {
            guard let unit = perUnit[id] else { continue }
            tally.received += unit.received
            tally.receivedOnline += unit.receivedOnline
            tally.ended += unit.ended
            tally.endedInTime += unit.endedInTime
            tally.procedures.formUnion(unit.procedures)
        }
        return tally
    }

    /// Per unit, the tally of its dossiers over the period.
    static func tallies(_ store: DomainStore, period: Period, unitIDs: [Int64]) throws -> [Int64: DossierTally] {
        let calendar = try store.holidays.calendar()
        let from = DayNumber.of(period.start), to = DayNumber.of(period.end)
        var tallies: [Int64: DossierTally] = [:]
        try store.dossiers.forEach(from: from, to: to, unitIDs: unitIDs) { row in
            tallies[row.unitID, default: DossierTally()].count(row, from: from, to: to, calendar)
        }
        return tallies
    }

    /// Counts one dossier of the period `from...to` (in place: the tally stays in its dictionary).
    mutating func count(_ row: DossierBook.Row, from: Int32, to: Int32, _ calendar: WorkingCalendar) {
        if row.clock.received >= from {
            received += 1
            if row.channel == .online { receivedOnline += 1 }
            procedures.insert(row.procedureID)
        }
        if let end = row.clock.end, end >= from, end <= to {
            ended += 1
            let judgement = row.clock.judge(on: to, calendar)
            if judgement.outcome == .early || judgement.outcome == .onTime { endedInTime += 1 }
        }
    }
}
