import GRDB
import NTMCore
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Public-service dossiers and their procedures (`store.dossiers`): reading, for the report, the
/// indicators and `dossier show`. Writing is the import's (see `Import/DossierImport.swift`).
struct DossierBook {
    let store: DomainStore

    /// One dossier as a report reads it: integers only, straight from SQLite's columns.
    struct Row {
        var id: Int64
        var unitID: Int64
        var procedureID: Int64
        var channel: Channel
        var status: DossierStatus
        var clock: DossierClock
    }

    /// Calls `body` for every dossier that was in the office at some time from `from` to `to` (day
    /// numbers): received by `to`, and not ended before `from`; only those of `unitIDs` when given.
    ///
    /// Reads columns as integers through SQLite's C interface: a million rows cost a fraction of a
    /// second, with nothing allocated per row.
    func forEach(from: Int32, to: Int32, unitIDs: [Int64]? = nil, _ body: (Row) throws -> Void) throws {
        var sql = """
            SELECT id, unit_id, procedure_id, channel, status, received, due, statutory_days, finished, returned, stopped,
                   supplement_requests, supplement_requested, supplement_replied
            FROM workflow_dossier
            WHERE received <= ?1 AND min(coalesce(finished, ?3), coalesce(returned, ?3), coalesce(stopped, ?3)) >= ?2
            """
        var arguments: StatementArguments = [Int64(to), Int64(from), Int64(Int32.max)]
        if let unitIDs {
            sql += " AND unit_id IN (SELECT value FROM json_each(?4))"
            arguments += ["[" + unitIDs.map(String.init).joined(separator: ",") + "]"]
        }
        let statement = try store.db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        func optional(_ column: Int32) -> Int32? {
            sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : Int32(truncatingIfNeeded: sqlite3_column_int64(handle, column))
        }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
            }
            let clock = DossierClock(
                received: Int32(truncatingIfNeeded: sqlite3_column_int64(handle, 5)), due: optional(6), statutoryDays: optional(7),
                finished: optional(8), returned: optional(9), stopped: optional(10),
                supplementRequests: Int32(truncatingIfNeeded: sqlite3_column_int64(handle, 11)),
                supplementRequested: optional(12), supplementReplied: optional(13))
            try body(Row(id: sqlite3_column_int64(handle, 0), unitID: sqlite3_column_int64(handle, 1), procedureID: sqlite3_column_int64(handle, 2),
                         channel: Channel(rawValue: Int(sqlite3_column_int64(handle, 3))) ?? .inPerson,
                         status: DossierStatus(rawValue: Int(sqlite3_column_int64(handle, 4))) ?? .received,
                         clock: clock))
        }
    }

    /// The dossier with this code, and its procedure.
    func dossier(code: String) throws -> (dossier: Dossier, procedure: Procedure)? {
        guard let row = try GRDB.Row.fetchOne(store.db, sql: "SELECT * FROM workflow_dossier WHERE code_key = ? AND code = ?",
                                         arguments: [DossierKey.of(code), code]) else {
            return nil
        }
        let clock = DossierClock(received: Int32(row["received"] as Int64), due: (row["due"] as Int64?).map(Int32.init),
                                 statutoryDays: (row["statutory_days"] as Int64?).map(Int32.init),
                                 finished: (row["finished"] as Int64?).map(Int32.init), returned: (row["returned"] as Int64?).map(Int32.init),
                                 stopped: (row["stopped"] as Int64?).map(Int32.init),
                                 supplementRequests: Int32(row["supplement_requests"] as Int64),
                                 supplementRequested: (row["supplement_requested"] as Int64?).map(Int32.init),
                                 supplementReplied: (row["supplement_replied"] as Int64?).map(Int32.init))
        let dossier = Dossier(code: row["code"], procedureID: row["procedure_id"], unitID: row["unit_id"],
                              channel: Channel(rawValue: row["channel"]) ?? .inPerson,
                              serviceLevel: ServiceLevel(rawValue: row["service_level"]) ?? .notOnline,
                              status: DossierStatus(rawValue: row["status"]) ?? .received, clock: clock,
                              resultElectronic: row["result_electronic"], digitised: row["digitised"], feePaidOnline: row["fee_online"])
        let procedures = try self.procedures()
        guard let procedure = procedures[dossier.procedureID] else { return nil }
        return (dossier, procedure)
    }

    /// Dossier codes starting with `prefix`, for completion.
    func codes(startingWith prefix: String, limit: Int) throws -> [String] {
        try String.fetchAll(store.db, sql: "SELECT code FROM workflow_dossier WHERE code >= ? AND code < ? ORDER BY code LIMIT ?",
                            arguments: [prefix, prefix + "\u{10FFFF}", limit])
    }

    /// Dated events of a dossier (from an events export), oldest first.
    func events(code: String) throws -> [(day: Int32, kind: String)] {
        try GRDB.Row.fetchAll(store.db, sql: """
            SELECT e.day, e.kind FROM workflow_event e JOIN workflow_dossier d ON d.id = e.dossier_id
            WHERE d.code_key = ? AND d.code = ? ORDER BY e.day, e.kind
            """, arguments: [DossierKey.of(code), code]).map { (Int32($0["day"] as Int64), $0["kind"]) }
    }

    /// Every procedure by id.
    func procedures() throws -> [Int64: Procedure] {
        var all: [Int64: Procedure] = [:]
        for row in try GRDB.Row.fetchAll(store.db, sql: "SELECT * FROM workflow_procedure") {
            let procedure = Procedure(id: row["id"], code: row["code"], name: row["name"], field: row["field"],
                                      serviceLevel: ServiceLevel(rawValue: row["service_level"]) ?? .notOnline,
                                      statutoryDays: row["statutory_days"])
            all[procedure.id] = procedure
        }
        return all
    }

    /// The latest day any dossier was received, for the default period.
    func latestReceived() throws -> Day? {
        try Int64.fetchOne(store.db, sql: "SELECT max(received) FROM workflow_dossier").map { DayNumber.day(Int32($0)) }
    }
}

/// An administrative procedure (thủ tục hành chính) as the portal lists it.
struct Procedure: Equatable, Sendable {
    var id: Int64
    var code: String
    var name: String
    var field: String
    var serviceLevel: ServiceLevel
    var statutoryDays: Int?
}

extension DomainStore {
    /// Public-service dossiers and procedures.
    var dossiers: DossierBook { DossierBook(store: self) }
}
