import GRDB
import NTMCore
import ShellKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// `workflow import`: a portal export of public-service dossiers, one row per dossier, streamed
/// into the database inside one atomic, audited mutation — all rows or none.
///
/// Built for a million rows within sqlite3's own `.import` time: the file is read in large chunks
/// by the core's `CSVReader` (fields are bytes, numbers and dates are parsed from bytes), one
/// prepared upsert is bound through SQLite's C interface and reused for every row, and dates are
/// stored as day numbers; the working-day rule is applied when reading, from the holiday table.
///
/// Re-importing the same export changes nothing: the upsert only writes a row whose values
/// differ; SQLite's change count and last row id tell an added row from an updated one, and a
/// code repeated within the file is refused by a NOT NULL constraint the upsert provokes. Columns that identify an applicant are never read.
struct DossierImport {
    /// The columns of the export (a row's fields are found by array index, see `Positions`).
    enum Column: Int, CaseIterable {
        case dossierCode
        case procedureCode
        case procedureName
        case field
        case unitCode
        case channel
        case serviceLevel
        case receivedAt
        case dueAt
        case statutoryDays
        case finishedAt
        case returnedAt
        case stoppedAt
        case status
        case supplementRequestedAt
        case supplementRepliedAt
        case supplementRequests
        case resultElectronic
        case digitised
        case feePaidOnline
        case unitName

        static let names = [
            "dossier_code", "procedure_code", "procedure_name", "field", "unit_code", "channel", "service_level", "received_at", "due_at", "statutory_days", "finished_at", "returned_at", "stopped_at", "status", "supplement_requested_at", "supplement_replied_at", "supplement_requests", "result_electronic", "digitised", "fee_paid_online", "unit_name",
        ]
        var name: String { Self.names[rawValue] }
        init?(name: String) {
            guard let position = Self.names.firstIndex(of: name) else { return nil }
            self.init(rawValue: position)
        }

        static let required: [Column] = [
            .dossierCode, .procedureCode, .procedureName, .unitCode, .channel, .serviceLevel, .receivedAt, .status,
        ]
    }

    /// Columns about the applicant: recognised so they can be skipped, never read.
    static func isApplicantColumn(_ name: String) -> Bool {
        name.hasPrefix("applicant") || ["citizen_id", "id_number", "full_name", "address", "phone", "email",
                                         "ho_ten", "dia_chi", "so_cccd", "cccd", "so_dien_thoai"].contains(name)
    }

    static let header = "dossier_code,procedure_code,procedure_name,field,unit_code,channel,service_level,received_at,"
        + "due_at,statutory_days,finished_at,returned_at,stopped_at,status,supplement_requested_at,supplement_replied_at,"
        + "supplement_requests,result_electronic,digitised,fee_paid_online"

    struct Outcome: Equatable {
        var rowsRead = 0
        var added = 0
        var updated = 0
        var unchanged = 0
        var proceduresAdded = 0
        var proceduresUpdated = 0
        /// Applicant columns present in the file and not read.
        var droppedColumns: [String] = []
    }

    struct Progress {
        var start: (_ totalLines: Int?) -> Void = { _ in }
        var update: (Int) throws -> Void = { _ in }
        var finish: () -> Void = {}
    }

    let path: String
    let displayName: String

    /// Runs the import through one mutation of `access`.
    func run(_ access: some DomainAccess, countLines: Bool, progress: Progress = Progress()) throws -> Outcome {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, name: displayName)
        } catch let error as ImportError {
            throw UnreadableFile("cannot read '\(displayName)': " + error.reason.replacing("cannot open: ", with: ""))
        }
        let lines = countLines ? Self.lineCount(path) : nil
        let index = try access.read { try $0.units.index() }
        progress.start(lines)
        defer { progress.finish() }
        return try access.mutate { store in
            try Writer(reader: reader, index: index, store: store, file: displayName).run(progress: progress.update)
        }
    }

    /// The lines of a file (a quick `memchr` pass), for the progress bar; nil when unreadable.
    static func lineCount(_ path: String) -> Int? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        let size = 1 << 18
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { buffer.deallocate() }
        var lines = 0
        while true {
            let n = fread(buffer, 1, size, file)
            if n <= 0 { break }
            var p = UnsafeRawPointer(buffer)
            let end = p + n
            while p < end, let found = memchr(p, 10, p.distance(to: end)) {
                lines += 1
                p = UnsafeRawPointer(found) + 1
            }
        }
        return lines
    }
}

/// The 64-bit key a dossier code is found by (FNV-1a over its bytes), so the index that finds a
/// dossier holds integers, not text.
enum DossierKey {
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    static func of(_ code: String) -> Int64 {
        var copy = code
        return copy.withUTF8 { of($0) }
    }
}

/// Where each known column is in the file: an array read per field, not a dictionary.
private struct Positions {
    private var positions = [Int](repeating: -1, count: DossierImport.Column.allCases.count)
    subscript(column: DossierImport.Column) -> Int? {
        get { positions[column.rawValue] < 0 ? nil : positions[column.rawValue] }
        set { positions[column.rawValue] = newValue ?? -1 }
    }
}

/// The import's one pass: header, then each row parsed, checked and written.
private final class Writer {
    let reader: CSVReader
    let index: UnitIndex
    let store: DomainStore
    let file: String
    /// Found once, from the header; a `let`, so reading it per field costs no exclusivity check.
    let columns: Positions
    var outcome = DossierImport.Outcome()
    /// Unit versions by code, as day-number ranges.
    var unitsByCode: [String: [(id: Int64, from: Int32, to: Int32)]] = [:]
    /// Procedures already stored, by code.
    var procedures: [String: Int64] = [:]
    /// Procedures whose first row in this file has been written.
    var proceduresInFile: [String: Int64] = [:]

    init(reader: CSVReader, index: UnitIndex, store: DomainStore, file: String) throws {
        self.reader = reader
        self.index = index
        self.store = store
        self.file = file
        let (columns, dropped) = try Self.readHeader(reader, file: file)
        self.columns = columns
        outcome.droppedColumns = dropped
    }

    static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    func run(progress: (Int) throws -> Void) throws -> DossierImport.Outcome {
        _ = try store.requireMutation("workflow import")
        for row in try GRDB.Row.fetchAll(store.db, sql: "SELECT id, code FROM workflow_procedure") {
            procedures[row["code"]] = row["id"]
        }
        let before = try Int64.fetchOne(store.db, sql: "SELECT coalesce(max(id), 0) FROM workflow_dossier") ?? 0
        // Conflicts are found on `code_key`, a 64-bit hash of the code: an integer index of a million
        // dossiers fits the page cache where an index of their codes would not. A row is rewritten only
        // when a value differs; a code met twice in this file (its row id is one this import added) or a
        // different code with the same key sets `code` to NULL, which the NOT NULL constraint refuses.
        // Into an empty table, rows are appended with a plain INSERT and the key index is built once at
        // the end (a sort, instead of a million random index inserts); a repeated code then fails the
        // index's creation and is found by a GROUP BY. The savepoint restores the index on any failure.
        let bulk = try before == 0 && (Int.fetchOne(store.db, sql: "SELECT count(*) FROM workflow_dossier") ?? 0) == 0
        if bulk { try store.db.execute(sql: "DROP INDEX workflow_dossier_by_key") }
        // Row by row, the key index of a million dossiers (about 20 MB) is written in no particular
        // order: a page cache that holds it keeps the import from rereading pages. In bulk the table
        // is only appended to, and the index's sort gets the memory instead (within the 64 MB budget).
        let cacheSize = try Int.fetchOne(store.db, sql: "PRAGMA cache_size") ?? -2000
        try store.db.execute(sql: "PRAGMA cache_size = \(bulk ? -8000 : -24000)")
        defer { try? store.db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        let statement = try store.db.makeStatement(sql: bulk ? """
            INSERT INTO workflow_dossier (code, procedure_id, unit_id, channel, service_level, status, received, due,
                statutory_days, finished, returned, stopped, supplement_requests, supplement_requested, supplement_replied,
                result_electronic, digitised, fee_online, code_key)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
            """ : """
            INSERT INTO workflow_dossier (code, procedure_id, unit_id, channel, service_level, status, received, due,
                statutory_days, finished, returned, stopped, supplement_requests, supplement_requested, supplement_replied,
                result_electronic, digitised, fee_online, code_key)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
            ON CONFLICT (code_key) DO UPDATE SET
                procedure_id = excluded.procedure_id, unit_id = excluded.unit_id, channel = excluded.channel,
                service_level = excluded.service_level, status = excluded.status, received = excluded.received,
                due = excluded.due, statutory_days = excluded.statutory_days, finished = excluded.finished,
                returned = excluded.returned, stopped = excluded.stopped,
                supplement_requests = excluded.supplement_requests, supplement_requested = excluded.supplement_requested,
                supplement_replied = excluded.supplement_replied, result_electronic = excluded.result_electronic,
                digitised = excluded.digitised, fee_online = excluded.fee_online,
                code = CASE WHEN workflow_dossier.id > ?20 OR workflow_dossier.code IS NOT excluded.code THEN NULL
                            ELSE excluded.code END
            WHERE workflow_dossier.id > ?20 OR workflow_dossier.code IS NOT excluded.code
                OR (procedure_id, unit_id, channel, service_level, status, received)
                    IS NOT (excluded.procedure_id, excluded.unit_id, excluded.channel, excluded.service_level,
                            excluded.status, excluded.received)
                OR due IS NOT excluded.due OR statutory_days IS NOT excluded.statutory_days
                OR finished IS NOT excluded.finished OR returned IS NOT excluded.returned
                OR stopped IS NOT excluded.stopped OR supplement_requests IS NOT excluded.supplement_requests
                OR supplement_requested IS NOT excluded.supplement_requested
                OR supplement_replied IS NOT excluded.supplement_replied
                OR result_electronic IS NOT excluded.result_electronic OR digitised IS NOT excluded.digitised
                OR fee_online IS NOT excluded.fee_online
            """)
        let handle = statement.sqliteStatement
        let connection = sqlite3_db_handle(handle)
        if !bulk { sqlite3_bind_int64(handle, 20, before) }
        var nextNewID = before + 1
        /// The line of each dossier added by this import, by id − `before` − 1: how a code repeated
        /// within the file is told from one stored earlier, and its first line named.
        var addedLines: [Int32] = []
        var rows = 0
        while try reader.next() {
            rows += 1
            if rows & 0x3FFF == 0 { try progress(reader.line) }
            try bind(handle)
            // Cleared so that only this row's insert can set it (a new procedure's insert sets it too).
            sqlite3_set_last_insert_rowid(connection, 0)
            let code = sqlite3_step(handle)
            sqlite3_reset(handle)
            if code == SQLITE_DONE {
                if sqlite3_changes(connection) == 0 {
                    outcome.unchanged += 1
                } else if sqlite3_last_insert_rowid(connection) == nextNewID {
                    nextNewID += 1
                    outcome.added += 1
                    addedLines.append(Int32(truncatingIfNeeded: reader.line))
                } else {
                    outcome.updated += 1
                }
                continue
            }
            let message = String(cString: sqlite3_errmsg(connection))
            let codePosition = columns[.dossierCode]!
            let text = try reader.string(at: codePosition)
            if code & 0xFF == SQLITE_CONSTRAINT, let holder = try GRDB.Row.fetchOne(store.db, sql: """
                SELECT id, code FROM workflow_dossier WHERE code_key = ?
                """, arguments: [DossierKey.of(text)]) {
                let id: Int64 = holder["id"]
                let stored: String? = holder["code"]
                if stored == text, id > before {
                    throw reader.error(at: codePosition, "dossier '\(text)' already appears on line "
                        + "\(addedLines[Int(id - before - 1)]): each dossier must appear once")
                }
                if let stored, stored != text {
                    throw reader.error(at: codePosition, "dossier '\(text)' shares its storage key with dossier "
                        + "'\(stored)': rename one of them")
                }
            }
            throw reader.error(at: nil, "cannot store the row: \(message)")
        }
        if bulk {
            do {
                try store.db.execute(sql: WorkflowSchema.keyIndex)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw try repeatedCode(addedLines: addedLines)
            }
        }
        if rows == 0 && reader.header == nil {
            throw ImportError(file: file, line: 1, reason: "the file is empty: expected a header row")
        }
        outcome.rowsRead = rows
        if outcome.added + outcome.updated > 0 {
            try store.audit.record(module: WorkflowPlugin.moduleName, entity: "dossier", key: "import \(file)",
                                   before: nil, after: .object(["added": .number(outcome.added), "updated": .number(outcome.updated)]),
                                   rows: outcome.added + outcome.updated)
        }
        return outcome
    }

    /// The error for a code that appears twice in a file imported in bulk: the later line, naming
    /// the earlier (or, for two codes with the same key, the other code).
    func repeatedCode(addedLines: [Int32]) throws -> ImportError {
        let pair = try GRDB.Row.fetchOne(store.db, sql: """
            SELECT a.id AS first, a.code AS first_code, b.id AS second, b.code AS second_code
            FROM workflow_dossier a JOIN workflow_dossier b ON b.code_key = a.code_key AND b.id > a.id
            ORDER BY b.id LIMIT 1
            """)
        guard let pair else { return ImportError(file: file, line: 1, reason: "two dossiers share a code") }
        let first: Int64 = pair["first"], second: Int64 = pair["second"]
        let firstCode: String = pair["first_code"], secondCode: String = pair["second_code"]
        let column = DossierImport.Column.dossierCode.name
        let line = Int(addedLines[Int(second - 1)])
        if firstCode == secondCode {
            return ImportError(file: file, line: line, column: column, reason: "dossier '\(secondCode)' already appears on "
                + "line \(addedLines[Int(first - 1)]): each dossier must appear once")
        }
        return ImportError(file: file, line: line, column: column, reason: "dossier '\(secondCode)' shares its storage key "
            + "with dossier '\(firstCode)': rename one of them")
    }

    static func readHeader(_ reader: CSVReader, file: String) throws -> (Positions, dropped: [String]) {
        let names = try reader.readHeader().map { CSVHeader.normalise($0) }
        var columns = Positions()
        var dropped: [String] = []
        var unknown: [String] = []
        for (position, name) in names.enumerated() {
            if let column = DossierImport.Column(name: name) {
                if columns[column] != nil {
                    throw ImportError(file: file, line: 1, column: name, reason: "the column appears twice")
                }
                columns[column] = position
            } else if DossierImport.isApplicantColumn(name) {
                dropped.append(name)
            } else {
                unknown.append(name)
            }
        }
        if let name = unknown.first {
            throw ImportError(file: file, line: 1, column: name, reason: "unknown column: a dossier export has "
                + "\(DossierImport.header)")
        }
        let missing = DossierImport.Column.required.filter { columns[$0] == nil }
        if !missing.isEmpty {
            throw ImportError(file: file, line: 1, reason: "missing column\(missing.count == 1 ? "" : "s") "
                + missing.map { "'\($0.name)'" }.joined(separator: ", ") + ": a dossier export has \(DossierImport.header)")
        }
        if columns[.dueAt] == nil && columns[.statutoryDays] == nil {
            throw ImportError(file: file, line: 1, reason: "needs a 'due_at' or a 'statutory_days' column: the time "
                + "allowed is what a dossier is judged against")
        }
        return (columns, dropped)
    }

    // MARK: One row

    /// The field without surrounding blanks, nil when empty. Trimmed as bytes before a `String` is
    /// made: five fields of a million rows should not each walk grapheme clusters.
    func text(_ column: DossierImport.Column) throws -> String? {
        guard let position = columns[column], !reader.isEmpty(at: position) else { return nil }
        let value = reader.withBytes(at: position) { bytes -> String? in
            var low = 0, high = bytes.count
            @inline(__always) func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 || byte == 10 }
            while low < high, isBlank(bytes[low]) { low += 1 }
            while high > low, isBlank(bytes[high - 1]) { high -= 1 }
            let trimmed = UnsafeBufferPointer(rebasing: bytes[low..<high])
            for byte in trimmed where byte >= 0x80 { return String(validating: trimmed, as: UTF8.self) }
            return String(decoding: trimmed, as: UTF8.self)
        }
        guard let value else { throw reader.error(at: position, "not valid UTF-8") }
        return value.isEmpty ? nil : value
    }

    func required(_ column: DossierImport.Column) throws -> String {
        guard let value = try text(column), !value.isEmpty else {
            throw reader.error(at: columns[column], "a value is required")
        }
        return value
    }

    func date(_ column: DossierImport.Column) throws -> Int32? {
        guard let position = columns[column], !reader.isEmpty(at: position) else { return nil }
        let parsed = reader.withBytes(at: position) { DayNumber.parse($0) }
        guard let parsed else {
            throw reader.error(at: position, "expected a date YYYY-MM-DD (or DD/MM/YYYY), with an optional time, in "
                + "\(DayNumber.years.lowerBound)–\(DayNumber.years.upperBound) (got '\(try reader.string(at: position))')")
        }
        return parsed
    }

    func count(_ column: DossierImport.Column) throws -> Int32? {
        guard let position = columns[column], !reader.isEmpty(at: position) else { return nil }
        guard let value = reader.int(at: position), value >= 0, value < 10_000 else {
            throw reader.error(at: position, "expected a whole number of days or times, 0 or more (got '\(try reader.string(at: position))')")
        }
        return Int32(value)
    }

    func flag(_ column: DossierImport.Column) throws -> Int64 {
        guard let position = columns[column], !reader.isEmpty(at: position) else { return 0 }
        let digit = reader.withBytes(at: position) { $0.count == 1 && ($0[0] == 48 || $0[0] == 49) ? Int64($0[0] - 48) : nil }
        if let digit { return digit }
        switch try reader.string(at: position).lowercased() {
        case "1", "yes", "true", "y": return 1
        case "0", "no", "false", "n": return 0
        case let other: throw reader.error(at: position, "expected 1 or 0 (got '\(other)')")
        }
    }

    func fail(_ column: DossierImport.Column?, _ reason: String) -> ImportError {
        reader.error(at: column.flatMap { columns[$0] }, reason)
    }

    /// Parses and checks the current row, and binds it to the upsert.
    func bind(_ handle: OpaquePointer) throws {
        guard reader.count == (reader.header?.count ?? reader.count) else {
            throw reader.error(at: nil, "expected \(reader.header!.count) fields, found \(reader.count)")
        }
        let codePosition = columns[.dossierCode]!
        guard !reader.isEmpty(at: codePosition) else { throw reader.error(at: codePosition, "a value is required") }

        let channelText = try required(.channel)
        guard let channel = Channel.parse(channelText) else {
            throw fail(.channel, "expected in_person, online or postal (got '\(channelText)')")
        }
        let levelText = try required(.serviceLevel)
        guard let level = ServiceLevel.parse(levelText) else {
            throw fail(.serviceLevel, "expected full_online, partly_online or not_online (got '\(levelText)')")
        }
        let statusText = try required(.status)
        guard let status = DossierStatus.parse(statusText) else {
            throw fail(.status, "expected one of the portal's statuses, 1–10 or \(DossierStatus.keys) (got '\(statusText)')")
        }
        guard let received = try date(.receivedAt) else { throw fail(.receivedAt, "a value is required") }
        let due = try date(.dueAt)
        let statutory = try count(.statutoryDays)
        let finished = try date(.finishedAt), returned = try date(.returnedAt), stopped = try date(.stoppedAt)
        let requested = try date(.supplementRequestedAt), replied = try date(.supplementRepliedAt)
        var requests = try count(.supplementRequests) ?? (requested == nil ? 0 : 1)
        if requested != nil && requests == 0 { requests = 1 }

        // Dates in order, and a status that agrees with them.
        func notBefore(_ value: Int32?, _ column: DossierImport.Column, _ other: Int32?, _ otherName: String) throws {
            if let value, let other, value < other {
                throw fail(column, "\(DayNumber.day(value)) is before the \(otherName) (\(DayNumber.day(other)))")
            }
        }
        try notBefore(due, .dueAt, received, "day received")
        try notBefore(finished, .finishedAt, received, "day received")
        try notBefore(returned, .returnedAt, received, "day received")
        try notBefore(returned, .returnedAt, finished, "day processing finished")
        try notBefore(stopped, .stoppedAt, received, "day received")
        try notBefore(requested, .supplementRequestedAt, received, "day received")
        try notBefore(replied, .supplementRepliedAt, requested, "supplement request")
        if replied != nil && requested == nil {
            throw fail(.supplementRepliedAt, "a reply needs the supplement request it answers (supplement_requested_at)")
        }
        if requests > 0 && requested == nil {
            throw fail(.supplementRequests, "\(requests) supplement request\(requests == 1 ? "" : "s") without the date of "
                + "the first (supplement_requested_at)")
        }
        // A missing date is blamed on its column when the file has one, else on the status.
        func failDate(_ column: DossierImport.Column, orStatus reason: String) -> ImportError {
            fail(columns[column] != nil ? column : .status, reason)
        }
        switch status {
        case .finished where finished == nil: throw failDate(.finishedAt, orStatus: "status 'finished' needs the day processing finished")
        case .returned where returned == nil: throw failDate(.returnedAt, orStatus: "status 'returned' needs the day the result was returned")
        case .stopped where stopped == nil: throw failDate(.stoppedAt, orStatus: "status 'stopped' needs the day processing stopped")
        case .supplementRequested where requested == nil:
            throw failDate(.supplementRequestedAt, orStatus: "status 'supplement_requested' needs the day of the request")
        case .newlyRegistered, .received, .inProcess, .supplementRequested, .paymentRequested, .withdrawalRequested:
            if finished != nil || returned != nil || stopped != nil {
                let column: DossierImport.Column = finished != nil ? .finishedAt : (returned != nil ? .returnedAt : .stoppedAt)
                throw fail(column, "the dossier has ended on this day, but its status '\(status.key)' says it is still open")
            }
        default: break
        }
        if due == nil && statutory == nil {
            throw fail(columns[.dueAt] != nil ? .dueAt : .statutoryDays,
                       "a due date or the procedure's statutory time is required: it is what the dossier is judged against")
        }

        let unitID = try unit(received: received)
        let procedureID = try procedure(level: level, statutory: statutory)

        reader.withBytes(at: codePosition) { bytes in
            _ = sqlite3_bind_text(handle, 1, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                                  Int32(bytes.count), Writer.transient)
            sqlite3_bind_int64(handle, 19, DossierKey.of(bytes))
        }
        sqlite3_bind_int64(handle, 2, procedureID)
        sqlite3_bind_int64(handle, 3, unitID)
        sqlite3_bind_int64(handle, 4, Int64(channel.rawValue))
        sqlite3_bind_int64(handle, 5, Int64(level.rawValue))
        sqlite3_bind_int64(handle, 6, Int64(status.rawValue))
        sqlite3_bind_int64(handle, 7, Int64(received))
        func bindOptional(_ position: Int32, _ value: Int32?) {
            if let value { sqlite3_bind_int64(handle, position, Int64(value)) } else { sqlite3_bind_null(handle, position) }
        }
        bindOptional(8, due)
        bindOptional(9, statutory)
        bindOptional(10, finished)
        bindOptional(11, returned)
        bindOptional(12, stopped)
        sqlite3_bind_int64(handle, 13, Int64(requests))
        bindOptional(14, requested)
        bindOptional(15, replied)
        sqlite3_bind_int64(handle, 16, try flag(.resultElectronic))
        sqlite3_bind_int64(handle, 17, try flag(.digitised))
        sqlite3_bind_int64(handle, 18, try flag(.feePaidOnline))
    }

    /// The unit with the row's code valid on the day the dossier was received.
    func unit(received: Int32) throws -> Int64 {
        let code = try required(.unitCode)
        let versions: [(id: Int64, from: Int32, to: Int32)]
        if let known = unitsByCode[code] { versions = known } else {
            versions = index.versions(of: code).map { unit in
                (unit.id, DayNumber.of(unit.validFrom), unit.validTo.map(DayNumber.of) ?? Int32.max)
            }
            unitsByCode[code] = versions
        }
        if let match = versions.first(where: { $0.from <= received && received <= $0.to }) { return match.id }
        if versions.isEmpty {
            throw fail(.unitCode, "no unit has code '\(code)' (see 'unit find')")
        }
        throw fail(.unitCode, "unit '\(code)' was not valid on \(DayNumber.day(received)), the day the dossier was received")
    }

    /// The procedure's id; the first row of a procedure in the file records its name, field,
    /// service level and statutory time.
    func procedure(level: ServiceLevel, statutory: Int32?) throws -> Int64 {
        let code = try required(.procedureCode)
        if let id = proceduresInFile[code] { return id }
        let name = try required(.procedureName)
        let field = try text(.field) ?? ""
        let existing = try GRDB.Row.fetchOne(store.db, sql: "SELECT * FROM workflow_procedure WHERE code = ?", arguments: [code])
        let id: Int64
        if let existing {
            id = existing["id"]
            let changed = (existing["name"] as String) != name || (existing["field"] as String) != field
                || (existing["service_level"] as Int) != level.rawValue
                || (existing["statutory_days"] as Int?) != statutory.map { Int($0) }
            if changed {
                try store.db.execute(sql: "UPDATE workflow_procedure SET name = ?, field = ?, service_level = ?, statutory_days = ? WHERE id = ?",
                                     arguments: [name, field, level.rawValue, statutory, id])
                outcome.proceduresUpdated += 1
            }
        } else {
            try store.db.execute(sql: "INSERT INTO workflow_procedure (code, name, field, service_level, statutory_days) VALUES (?, ?, ?, ?, ?)",
                                 arguments: [code, name, field, level.rawValue, statutory])
            id = store.db.lastInsertedRowID
            outcome.proceduresAdded += 1
        }
        procedures[code] = id
        proceduresInFile[code] = id
        return id
    }
}
