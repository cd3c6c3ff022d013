import NTMCore
import ShellKit

/// The shell's words and exit status for the domain's errors: the one mapping the executable's host
/// and every test shell over a workspace use, so a plugin's commands just throw what the core throws.
///
/// ShellKit knows no domain and NTMCore no shell; this target depends on both, and nothing else.
public enum DomainErrors {
    /// The message to print for `error` and the exit status it stands for: a file that cannot be
    /// opened or read exits 3; bad rows, refused changes and every other error fail with 1.
    public static func describe(_ error: Error) -> (message: String, status: Int32) {
        if let error = error as? ImportError, error.isUnreadableFile {
            return (error.message, ExitStatus.unreadableFile)
        }
        if let error = error as? UnreadableFile {
            return (error.description, ExitStatus.unreadableFile)
        }
        return (error.domainMessage, ExitStatus.failure)
    }
}

/// A host that only describes the domain's errors: for a shell over a workspace without the executable
/// (the plugins' tests), so their commands fail with the same words and statuses as in `ntm`.
public final class DomainHost: ShellHost {
    public init() {}

    public func describe(_ error: Error) -> (message: String, status: Int32)? {
        DomainErrors.describe(error)
    }
}
