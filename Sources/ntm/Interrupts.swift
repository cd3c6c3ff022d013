#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C while a command runs in an interactive session: remembered, never fatal.
///
/// The line editor installs its own handler while it reads a line and puts this one back after,
/// so a press at the prompt clears the line and a press during a command stops the command
/// (at its next progress update or check) without ending the session or its transaction.
enum Interrupts {
    nonisolated(unsafe) static var pressed: sig_atomic_t = 0

    /// Installs the handler: no SA_RESTART, so blocking reads return and notice it.
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interrupts.pressed = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }
}
