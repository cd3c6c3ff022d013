/// An error the engine reports: what went wrong, which word caused it, and what exit status it means.
public struct ShellError: Error, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// Bad command line: unknown command or option, missing or malformed argument (exit 2).
        case usage
        /// The command ran and failed (exit 1).
        case failed
        /// A file could not be read (exit 3).
        case unreadableFile
        /// Already printed where it happened (a nested `source`); carries the exit status to pass on.
        case alreadyReported(Int32)
    }

    public var kind: Kind
    public var message: String
    /// The word to point at, when one is to blame.
    public var word: Word?

    public init(_ kind: Kind, _ message: String, at word: Word? = nil) {
        self.kind = kind
        self.message = message
        self.word = word
    }

    public static func usage(_ message: String, at word: Word? = nil) -> ShellError { ShellError(.usage, message, at: word) }
    public static func failed(_ message: String, at word: Word? = nil) -> ShellError { ShellError(.failed, message, at: word) }
    /// Ctrl-C stopped the command; what it was changing is rolled back.
    public static var interrupted: ShellError { ShellError(.failed, "interrupted: the command stopped and changed nothing") }

    public var description: String { message }

    /// The process exit status this error stands for.
    public var exitStatus: Int32 {
        switch kind {
        case .usage: return ExitStatus.usage
        case .failed: return ExitStatus.failure
        case .unreadableFile: return ExitStatus.unreadableFile
        case .alreadyReported(let status): return status
        }
    }
}

/// Exit statuses, documented in the README and `ntm --help`; each means one thing so cron jobs can trust them.
public enum ExitStatus {
    public static let success: Int32 = 0
    /// A command failed (bad data, refused change, ...).
    public static let failure: Int32 = 1
    /// Usage: bad flags, unknown command or option, syntax error.
    public static let usage: Int32 = 2
    /// A command file or input file could not be read.
    public static let unreadableFile: Int32 = 3
    /// The database could not be opened or is of a newer version.
    public static let database: Int32 = 4
}
