import Foundation

/// An error the domain core reports to a person: every case reads as a sentence naming the input.
///
/// The shell prints `localizedDescription` (or `message`) as is; import errors carry their own
/// `FILE:LINE:` prefix (see ``ImportError``).
public enum DomainError: Error, LocalizedError, Equatable, Sendable {
    /// A mutating command was attempted on a workspace opened read-only.
    case readOnly(operation: String)
    /// A mutation was attempted through a store obtained from `read`, not `performMutation`.
    case notInMutation(operation: String)
    /// The database was written by a newer ntm: it has applied migrations this build does not know.
    case newerDatabase(path: String, unknownMigrations: [String])
    /// The database needs migrating but was opened read-only.
    case needsMigration(path: String, pendingMigrations: [String])
    /// A read-only open of a file that does not exist.
    case noDatabase(path: String)
    /// The file exists but is not an ntm database (or not a database at all).
    case notAnNTMDatabase(path: String, reason: String)
    /// SQLite could not open the file (missing folder, no permission).
    case cannotOpen(path: String, reason: String)
    /// Another process held the write lock longer than the busy timeout; `holder` names it when known.
    case busy(path: String, seconds: Double, holder: String?)
    /// `begin` while a session transaction is open.
    case transactionAlreadyOpen
    /// `commit` or `rollback` with no session transaction open.
    case noTransaction(operation: String)
    /// SQLite abandoned the session transaction (for example on a disk-full error).
    case transactionAborted(reason: String)
    /// A unit reference matched nothing.
    case unknownUnit(input: String, asOf: Day, suggestions: [String], note: String?)
    /// A unit reference matched several units.
    case ambiguousUnit(input: String, asOf: Day, candidates: [String])
    /// A period could not be parsed.
    case malformedPeriod(input: String, reason: String)
    /// A date could not be parsed.
    case malformedDate(input: String, reason: String)
    /// Input that is well formed but not acceptable; the message says why.
    case invalid(String)
    /// Something does not exist (an indicator id, a target); the message names it.
    case notFound(String)

    public var message: String {
        switch self {
        case .readOnly(let operation):
            return "database is open read-only: '\(operation)' changes data"
        case .notInMutation(let operation):
            return "'\(operation)' changes data and must run inside performMutation"
        case .newerDatabase(let path, let unknown):
            return "database '\(path)' was written by a newer ntm: it has migrations this build does not know "
                + "(\(unknown.joined(separator: ", "))); refusing to open it — upgrade ntm"
        case .needsMigration(let path, let pending):
            return "database '\(path)' needs migrating (\(pending.joined(separator: ", "))) "
                + "but is open read-only; open it once read-write"
        case .noDatabase(let path):
            return "no database at '\(path)'"
        case .notAnNTMDatabase(let path, let reason):
            return "'\(path)' is not an ntm database: \(reason)"
        case .cannotOpen(let path, let reason):
            return "cannot open database '\(path)': \(reason)"
        case .busy(let path, let seconds, let holder):
            let wait = seconds == seconds.rounded() && seconds < 1e9 ? "\(Int(seconds))" : "\(seconds)"
            return "database '\(path)' is busy: \(holder ?? "another process") has been writing to it for more than "
                + "\(wait) second\(seconds == 1 ? "" : "s"); try again, or wait longer with 'set busytimeout SECONDS'"
        case .transactionAlreadyOpen:
            return "a transaction is already open: commit or rollback first"
        case .noTransaction(let operation):
            return "\(operation): no transaction is open"
        case .transactionAborted(let reason):
            return "the transaction was aborted by SQLite and rolled back: \(reason)"
        case .unknownUnit(let input, let asOf, let suggestions, let note):
            var text = "unknown unit '\(input)' on \(asOf)"
            if let note { text += "; \(note)" }
            if !suggestions.isEmpty { text += "; did you mean: \(suggestions.joined(separator: ", "))?" }
            return text
        case .ambiguousUnit(let input, let asOf, let candidates):
            // A short word can match dozens of names: the first few, and how many there are.
            if candidates.count > 8 {
                return "ambiguous unit '\(input)' on \(asOf): \(candidates.count) units match, among them "
                    + "\(candidates.prefix(6).joined(separator: "; ")) — give more of the name, or the code"
            }
            return "ambiguous unit '\(input)' on \(asOf): \(candidates.joined(separator: "; ")) — give the code"
        case .malformedPeriod(let input, let reason):
            return "malformed period '\(input)': \(reason)"
        case .malformedDate(let input, let reason):
            return "malformed date '\(input)': \(reason)"
        case .invalid(let text), .notFound(let text):
            return text
        }
    }

    public var errorDescription: String? { message }
}

/// An error in one record of an imported file: renders as `FILE:LINE: column 'x': reason`.
///
/// Imports are all-or-nothing, so the first such error aborts the whole import.
public struct ImportError: Error, LocalizedError, Equatable, Sendable {
    public var file: String
    public var line: Int
    public var column: String?
    public var reason: String
    /// True when the file itself could not be opened or read (not a bad row): callers may report it differently.
    public var isUnreadableFile: Bool

    public init(file: String, line: Int, column: String? = nil, reason: String, isUnreadableFile: Bool = false) {
        self.file = file
        self.line = line
        // A column name or reason may quote a cell of the file: never repeat a huge one in full.
        self.column = column.map { $0.count > 80 ? String($0.prefix(77)) + "…" : $0 }
        self.reason = reason.count > 500 ? String(reason.prefix(497)) + "…" : reason
        self.isUnreadableFile = isUnreadableFile
    }

    /// `FILE:LINE: column 'x': reason`; without a line (0) for errors about the whole file.
    public var message: String {
        let place = line > 0 ? "\(file):\(line):" : "\(file):"
        if let column { return "\(place) column '\(column)': \(reason)" }
        return "\(place) \(reason)"
    }

    public var errorDescription: String? { message }
}

extension Error {
    /// The text to show a person: the domain message when there is one.
    public var domainMessage: String {
        if let error = self as? DomainError { return error.message }
        if let error = self as? ImportError { return error.message }
        if let error = self as? LocalizedError, let text = error.errorDescription { return text }
        return String(describing: self)
    }
}
