import GRDB
import NTMCore
import ShellKit

/// The second shape of `workflow import`: dated status events of dossiers already imported
/// (`dossier_code,event,at`), as the portal synchronises them. Each new event is stored for the
/// dossier's timeline and moves its dates and status on; an event already stored changes nothing,
/// so the same events file imported twice changes nothing. All rows or none.
struct EventImport {
    /// The events understood, with the status each leaves the dossier in.
    enum Event: String, CaseIterable {
        case received
        case notReceived = "not_received"
        case inProcess = "in_process"
        case supplementRequested = "supplement_requested"
        case supplementReplied = "supplement_replied"
        case paymentRequested = "payment_requested"
        case withdrawalRequested = "withdrawal_requested"
        case stopped
        case finished
        case returned

        var words: String {
            switch self {
            case .supplementReplied: return "the citizen's supplement received"
            case .received: return "received"
            default: return DossierStatus.parse(rawValue)!.words
            }
        }

        static var keys: String { allCases.map(\.rawValue).joined(separator: ", ") }
    }

    static let header = "dossier_code,event,at"

    /// Whether the file's header has an `event` column (else it is a dossier export).
    static func isEventsFile(_ path: String, displayName: String) throws -> Bool {
        let reader: CSVReader
        do { reader = try CSVReader(path: path, name: displayName) } catch let error as ImportError {
            throw UnreadableFile("cannot read '\(displayName)': " + error.reason.replacing("cannot open: ", with: ""))
        }
        guard try reader.next() else { return false }
        return try reader.fields().contains { CSVHeader.normalise($0) == "event" }
    }

    struct Outcome: Equatable {
        var rowsRead = 0
        var added = 0
        var unchanged = 0
        var dossiers = Set<String>()
    }

    let path: String
    let displayName: String

    func run(_ access: some DomainAccess) throws -> Outcome {
        let records = try RecordFile.read(path: path, format: .csv, name: displayName,
                                          required: ["dossier_code", "event", "at"], optional: [])
        return try access.mutate { store in
            var outcome = Outcome(rowsRead: records.count)
            for record in records {
                let code = try record.require("dossier_code")
                let event = try record.parseRequired("event") { text -> Event in
                    guard let event = Event(rawValue: text.lowercased()) else {
                        throw DomainError.invalid("expected one of \(Event.keys) (got '\(text)')")
                    }
                    return event
                }
                let day = try record.parseRequired("at") { text -> Int32 in
                    guard let day = DayNumber.parse(text) else {
                        throw DomainError.invalid("expected a date YYYY-MM-DD (or DD/MM/YYYY), with an optional time (got '\(text)')")
                    }
                    return day
                }
                guard let row = try GRDB.Row.fetchOne(store.db, sql: "SELECT * FROM workflow_dossier WHERE code_key = ? AND code = ?",
                                         arguments: [DossierKey.of(code), code]) else {
                    throw record.error("dossier_code", "no dossier '\(code)': import the dossiers before their events")
                }
                let id: Int64 = row["id"]
                let received: Int64 = row["received"]
                if Int64(day) < received {
                    throw record.error("at", "\(DayNumber.day(day)) is before the day the dossier was received (\(DayNumber.day(Int32(received))))")
                }
                try store.db.execute(sql: "INSERT OR IGNORE INTO workflow_event (dossier_id, day, kind) VALUES (?, ?, ?)",
                                     arguments: [id, day, event.words])
                guard store.db.changesCount == 1 else {
                    outcome.unchanged += 1
                    continue
                }
                outcome.added += 1
                outcome.dossiers.insert(code)
                try apply(event, day: Int64(day), to: row, store: store, record: record)
            }
            if outcome.added > 0 {
                try store.audit.record(module: WorkflowPlugin.moduleName, entity: "dossier event", key: "import \(displayName)",
                                       before: nil, after: .object(["events": .number(outcome.added)]), rows: outcome.added)
            }
            return outcome
        }
    }

    /// Moves the dossier's dates and status on for a new event.
    func apply(_ event: Event, day: Int64, to row: GRDB.Row, store: DomainStore, record: ImportRecord) throws {
        let id: Int64 = row["id"]
        let ended = (row["finished"] as Int64?) != nil || (row["returned"] as Int64?) != nil || (row["stopped"] as Int64?) != nil
        func set(_ sql: String, _ arguments: StatementArguments) throws {
            try store.db.execute(sql: "UPDATE workflow_dossier SET \(sql) WHERE id = ?", arguments: arguments + [id])
        }
        switch event {
        case .supplementRequested:
            try set("supplement_requests = supplement_requests + 1, supplement_requested = coalesce(supplement_requested, ?)"
                    + (ended ? "" : ", status = 5"), [day])
        case .supplementReplied:
            guard let requested = row["supplement_requested"] as Int64? else {
                throw record.error("event", "a reply needs the supplement request it answers: no request is recorded")
            }
            if day < requested { throw record.error("at", "the reply is before the request (\(DayNumber.day(Int32(requested))))") }
            try set("supplement_replied = coalesce(supplement_replied, ?)" + (ended ? "" : ", status = 4"), [day])
        case .finished:
            try set("finished = min(coalesce(finished, ?1), ?1), status = CASE WHEN status = 10 THEN 10 ELSE 9 END", [day])
        case .returned:
            try set("returned = min(coalesce(returned, ?1), ?1), status = 10", [day])
        case .stopped:
            try set("stopped = min(coalesce(stopped, ?1), ?1), status = CASE WHEN status IN (9, 10) THEN status ELSE 8 END", [day])
        case .received, .notReceived, .inProcess, .paymentRequested, .withdrawalRequested:
            if !ended { try set("status = ?", [DossierStatus.parse(event.rawValue)!.rawValue]) }
        }
    }
}
