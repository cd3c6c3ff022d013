import Foundation

/// Who changes data, and with which command: stamped on every audit row a mutation writes.
public struct MutationContext: Sendable, Equatable {
    /// The person responsible: `--as NAME`, else the OS user (``defaultActor``).
    public var actor: String
    /// The command line as run (or the script line), variables expanded.
    public var commandLine: String
    /// The command's name (`unit add`), used in messages such as the read-only refusal;
    /// defaults to the command line.
    public var operation: String
    /// The instant of the mutation, seconds since 1970 UTC; one timestamp for all rows of a command.
    public var time: Double

    public init(actor: String = MutationContext.defaultActor, commandLine: String, operation: String? = nil,
                time: Double = UTCClock.now()) {
        self.actor = actor
        self.commandLine = commandLine
        self.operation = operation ?? commandLine
        self.time = time
    }

    /// The OS user name: `$USER`, else the password database entry, else `uid N`.
    public static var defaultActor: String {
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }

    /// The context of changes made by ntm itself when a module is installed (migrations, seeding).
    static func installation(module: String, actor: String) -> MutationContext {
        MutationContext(actor: actor, commandLine: "(install module \(module))", operation: "install \(module)")
    }
}
