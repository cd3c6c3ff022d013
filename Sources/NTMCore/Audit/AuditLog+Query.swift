import GRDB

/// What `audit list` asks for; every filter is optional.
public struct AuditQuery: Sendable, Equatable {
    /// Rows at or after this instant: a day (`2025-07-01`, UTC midnight) or a full timestamp.
    public var since: String?
    public var module: String?
    /// Unit codes: rows about any of them (the caller resolves a unit to itself and its descendants,
    /// see ``UnitRegistry/auditCodes(for:)``).
    public var unitCodes: [String]?
    /// At most this many rows: the newest ones.
    public var limit: Int?
    /// List newest first (`audit list`); oldest first otherwise.
    public var newestFirst: Bool

    public init(since: String? = nil, module: String? = nil, unitCodes: [String]? = nil, limit: Int? = nil,
                newestFirst: Bool = false) {
        self.since = since
        self.module = module
        self.unitCodes = unitCodes
        self.limit = limit
        self.newestFirst = newestFirst
    }
}

extension AuditLog {
    /// Audit rows matching the query, oldest first (newest first when asked); with a limit, the newest ones.
    ///
    /// `since` accepts `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`; anything else is an error quoting it.
    public func list(_ query: AuditQuery = AuditQuery()) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: [DatabaseValueConvertible?] = []
        if let since = query.since {
            conditions.append("time >= ?")
            arguments.append(try Self.normalizedInstant(since))
        }
        if let module = query.module {
            conditions.append("module = ?")
            arguments.append(module)
        }
        if let codes = query.unitCodes {
            conditions.append("unit IN (SELECT value FROM json_each(?))")
            arguments.append(JSONValue.array(codes.map { .string($0) }).jsonText)
        }
        if let limit = query.limit, limit < 0 {
            throw DomainError.invalid("limit must be 0 or more, not \(limit)")
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let limitClause = query.limit.map { "LIMIT \($0)" } ?? ""
        let sql = """
            SELECT * FROM (SELECT * FROM audit \(filter) ORDER BY id DESC \(limitClause)) ORDER BY id \(query.newestFirst ? "DESC" : "")
            """
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
            AuditEntry(id: row["id"], time: row["time"], actor: row["actor"], commandLine: row["command"],
                       module: row["module"], entity: row["entity"], key: row["key"], unit: row["unit"],
                       before: row["before"], after: row["after"], rows: row["rows"])
        }
    }

    /// The number of audit rows.
    public func count() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit") ?? 0
    }

    /// `YYYY-MM-DD` → `YYYY-MM-DDT00:00:00Z`; a full UTC timestamp is kept; else an error.
    static func normalizedInstant(_ text: String) throws -> String {
        if let day = try? Day(parsing: text) { return "\(day)T00:00:00Z" }
        let bytes = Array(text.utf8)
        if bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[19] == UInt8(ascii: "Z"),
           (try? Day(parsing: String(decoding: bytes[0..<10], as: UTF8.self))) != nil {
            return text
        }
        throw DomainError.malformedDate(input: text, reason: "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)")
    }
}
