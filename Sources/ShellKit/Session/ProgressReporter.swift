/// A one-line progress bar on a terminal's standard error, redrawn at most once per percent.
public final class ProgressReporter {
    let label: String
    let total: Int?
    let console: Console
    let enabled: Bool
    let interrupted: () -> Bool
    private var lastDrawn = -1

    init(label: String, total: Int?, console: Console, enabled: Bool, interrupted: @escaping () -> Bool = { false }) {
        // One line that never wraps, with room left for the `^C` the terminal echoes: a wrapped bar
        // cannot be redrawn in place, and the echo would spill onto the next line.
        let columns = console.terminalSize?.columns ?? 80
        let room = columns - (total == nil ? 14 : 27) - 3
        self.label = TextWidth.of(label) > room ? TextWidth.truncate(label, to: max(room, 10)) : label
        self.total = total
        self.console = console
        self.enabled = enabled
        self.interrupted = interrupted
    }

    /// Reports `done` units of work (bytes, rows, ...); throws ``ShellError/interrupted`` after Ctrl-C.
    public func update(_ done: Int) throws {
        if interrupted() {
            finish()
            throw ShellError.interrupted
        }
        guard enabled else { return }
        if let total, total > 0 {
            let percent = min(100, done * 100 / total)
            guard percent != lastDrawn else { return }
            lastDrawn = percent
            let filled = percent / 5
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: 20 - filled)
            console.writeError("\r\(label) \(bar) \(percent)%")
        } else {
            let step = done / 100_000
            guard step != lastDrawn else { return }
            lastDrawn = step
            // Nothing counted yet: the label alone says what is going on (a phase with no count of its own).
            console.writeError(done == 0 ? "\r\(label)…" : "\r\(label) \(Renderer.groupThousands(String(done)))")
        }
    }

    /// Clears the bar.
    public func finish() {
        guard enabled, lastDrawn >= 0 else { return }
        console.writeError("\r\u{1B}[K")
    }
}
