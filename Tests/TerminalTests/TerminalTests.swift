import Testing

/// End-to-end checks of the interactive shell through a real pseudo-terminal, one nested suite per feature.
///
/// Serialized: each test drives a whole `ntm` process, and the machine has two cores shared with the
/// rest of the test run.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct TerminalTests {}
