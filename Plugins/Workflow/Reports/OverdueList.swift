import GRDB
import NTMCore
import ShellKit

/// `workflow overdue`: the dossiers over their time, worst first.
enum OverdueList {
    static func build(_ store: DomainStore, index: UnitIndex, area: Unit, period: Period, open: Bool?, limit: Int,
                      periodChosen: Bool) throws -> ResultTable {
        let calendar = try store.holidays.calendar()
        let from = DayNumber.of(period.start), to = DayNumber.of(period.end)
        let units = index.sources(for: area, during: period).ids
        struct Entry { var id: Int64; var row: DossierBook.Row; var judgement: DossierClock.Judgement }
        var entries: [Entry] = []
        var openCount = 0, endedCount = 0
        try store.dossiers.forEach(from: from, to: to, unitIDs: units) { row in
            let id = row.id
            let judgement = row.clock.judge(on: to, calendar)
            guard judgement.isOverdue else { return }
            if judgement.isClosed {
                guard let end = row.clock.end, end >= from else { return }
                if open == true { return }
                endedCount += 1
            } else {
                if open == false { return }
                openCount += 1
            }
            entries.append(Entry(id: id, row: row, judgement: judgement))
            if entries.count > limit * 4 + 1000 {
                entries.sort { ($0.judgement.daysOver, -$0.id) > ($1.judgement.daysOver, -$1.id) }
                entries.removeLast(entries.count - limit)
            }
        }
        entries.sort { ($0.judgement.daysOver, -$0.id) > ($1.judgement.daysOver, -$1.id) }
        if entries.count > limit { entries.removeLast(entries.count - limit) }
        let procedures = try store.dossiers.procedures()
        let codes = try store.dossiers.codes(ids: entries.map(\.id))
        let rows: [[Cell]] = entries.map { entry in
            let clock = entry.row.clock
            let j = entry.judgement
            let unit = index.unit(id: entry.row.unitID)
            let procedure = procedures[entry.row.procedureID]
            let state = j.isClosed ? (clock.endKind ?? "ended") + " " + DayNumber.day(j.stop).description
                : (j.awaitingSupplement ? "awaiting supplement" : "open")
            return [.text(codes[entry.id] ?? "?"), .text(unit.map { "\($0.name) (\($0.code))" }), .text(procedure?.code),
                    .text(procedure?.name), .text(DayNumber.day(clock.received).description), .integer(Int(j.allowed)),
                    .integer(Int(j.used)), .integer(Int(j.daysOver)), .text(state),
                    .text(j.repeatedSupplement ? "more than one supplement request" : "")]
        }
        var notes = ["\(period)\(periodChosen ? " (the latest year with dossiers; --period to choose)" : ""), \(area.name): "
            + "\(Format.count(openCount)) open and overdue at \(period.end), \(Format.count(endedCount)) ended overdue in the period; "
            + "days are working days"]
        if openCount + endedCount > entries.count { notes.append("the \(entries.count) most overdue shown (--limit)") }
        return ResultTable(
            columns: [Column("dossier"), Column("unit"), Column("procedure"), Column("procedure_name", heading: "name"),
                      Column("received"), Column("allowed", .integer), Column("used", .integer),
                      Column("days_over", .integer, heading: "over"), Column("state"), Column("reason")],
            rows: rows, notes: notes)
    }
}

extension DossierBook {
    /// The codes of dossiers by id.
    func codes(ids: [Int64]) throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        var codes: [Int64: String] = [:]
        for row in try GRDB.Row.fetchAll(store.db, sql: "SELECT id, code FROM workflow_dossier WHERE id IN (SELECT value FROM json_each(?))",
                                         arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"]) {
            codes[row["id"]] = row["code"]
        }
        return codes
    }
}
