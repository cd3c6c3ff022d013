/// What the executable supplies around the engine: transactions, atomicity, error wording.
///
/// The engine knows no domain; the host is where "a mutating command is atomic and audited"
/// and "the prompt shows an open transaction" are wired to the storage.
public protocol ShellHost: AnyObject {
    /// Added to the prompt (`ntm*>` while a transaction is open).
    var promptMarker: String { get }
    /// Runs one command's body; the host wraps mutating commands (read-only refusal, atomicity, audit).
    func perform(_ context: CommandContext, _ body: () throws -> CommandResult) throws -> CommandResult
    /// Called on `quit`, `exit` or end of input; returns false to stay in the session.
    func shouldQuit(_ shell: Shell) -> Bool
    /// Words and exit status for an error a command threw, or nil to let the engine describe it.
    func describe(_ error: Error) -> (message: String, status: Int32)?
    /// Files the session depends on (the database and its `-wal`, `-shm` and journal files): `--output`
    /// refuses to write any of them.
    var protectedPaths: [String] { get }
}

extension ShellHost {
    public var promptMarker: String { "" }
    public func perform(_ context: CommandContext, _ body: () throws -> CommandResult) throws -> CommandResult { try body() }
    public func shouldQuit(_ shell: Shell) -> Bool { true }
    public func describe(_ error: Error) -> (message: String, status: Int32)? { nil }
    public var protectedPaths: [String] { [] }
}

/// A host with no storage: every command simply runs.
public final class PlainHost: ShellHost {
    public init() {}
}

/// Interactive line input (the executable adapts libedit to this).
public protocol LineInput: AnyObject {
    func read(prompt: String) -> LineRead
    func addHistory(_ line: String)
    var historyEntries: [String] { get }
    func setHistorySize(_ size: Int)
}

/// The outcome of reading one interactive line.
public enum LineRead: Equatable {
    case line(String)
    /// Ctrl-C: the line was discarded.
    case interrupted
    /// Ctrl-D on an empty line, or end of input.
    case endOfFile
}
