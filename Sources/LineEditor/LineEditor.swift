#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibEdit

/// What one call to `LineEditor.read(prompt:)` produced.
public enum ReadResult: Equatable {
    /// A line the user accepted with Enter, without its trailing newline.
    case line(String)
    /// The user pressed Ctrl-C: the line was discarded and a newline printed.
    case interrupted
    /// The user pressed Ctrl-D on an empty line (or the terminal went away); a newline was printed.
    case endOfFile
}

/// An interactive line editor over libedit: emacs key bindings, history, Tab completion, Ctrl-R search.
///
/// The editor owns libedit's `EditLine` and `HistoryW`. The shell decides what goes into history
/// (`addHistory(_:)`) and what completes (`completer`). Ctrl-C returns `.interrupted` instead of killing the
/// process; resizing the window is handled by libedit (`EL_SIGNAL`).
public final class LineEditor {
    let editLine: OpaquePointer
    let history: OpaquePointer

    /// Called on Tab with the text before the cursor; its reply says what to replace and with what.
    public var completer: ((_ textBeforeCursor: String) -> CompletionReply)?

    /// The wide prompt libedit's prompt callback returns; replaced on each `read(prompt:)`.
    private var promptBuffer: UnsafeMutablePointer<wchar_t>
    /// Names and help texts handed to EL_ADDFN: libedit keeps the pointers, so they live as long as we do.
    private var retainedWideStrings: [UnsafeMutablePointer<wchar_t>] = []

    /// History entries, oldest first; the single source of truth copied into libedit's `HistoryW`.
    var entries: [String] = []
    var historyCapacity = 1000
    var historyFile: HistoryFile?
    var reportedHistoryFailure = false
    let programName: String

    /// Marks the start and end of a prompt stretch that takes no columns (colour escapes).
    static let promptIgnoreMarker: wchar_t = 1

    /// Creates an editor on the process's standard input and output; nil when either is not a terminal.
    public init?(programName: String) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return nil }
        LocaleSetup.ensureUTF8()
        guard let editLine = el_init(programName, ntm_stdin(), ntm_stdout(), ntm_stderr()) else { return nil }
        guard let history = history_winit() else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.programName = programName
        self.promptBuffer = WideText.allocate("")

        _ = ntm_history_set_size(history, Int32(historyCapacity))
        _ = ntm_history_set_unique(history, 1)

        _ = ntm_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        WideText.terminated("emacs").withUnsafeBufferPointer { _ = ntm_el_set_editor(editLine, $0.baseAddress) }
        _ = ntm_el_set_signal(editLine, 1)
        _ = ntm_el_use_interruptible_reader(editLine)
        _ = ntm_el_set_history(editLine, history)
        _ = ntm_el_set_prompt(editLine, { editLine in
            guard let editLine, let data = ntm_el_get_clientdata(editLine) else { return nil }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().promptBuffer
        }, LineEditor.promptIgnoreMarker)

        addEditorFunctions()
        installKeyBindings()
        // The user's ~/.editrc (or $EDITRC) comes last so its bindings win; a missing file is not an error.
        _ = el_source(editLine, nil)
    }

    deinit {
        el_end(editLine)
        history_wend(history)
        promptBuffer.deallocate()
        for buffer in retainedWideStrings { buffer.deallocate() }
    }

    /// Reads one line, showing `prompt` (which may contain colour escape sequences).
    ///
    /// Continuation prompts are simply another call with another prompt.
    public func read(prompt: String) -> ReadResult {
        setPrompt(prompt)

        var savedInterruptAction = ntm_saved_sigaction()
        _ = ntm_sigint_install(&savedInterruptAction)
        defer { ntm_sigint_restore(&savedInterruptAction) }

        // libedit prints the prompt while the terminal is still in cooked mode and switches to raw mode only
        // when it reads the first key, so keys typed right after the prompt appeared would be echoed and
        // interpreted by the terminal driver (^R reprint, ^D end of file). Switch before the prompt instead.
        _ = ntm_el_prepare_terminal(editLine, 1)

        var count: Int32 = 0
        ntm_set_errno(0)
        guard let buffer = el_wgets(editLine, &count) else {
            let error = ntm_errno()
            if count < 0, error == EINTR {
                writeToTerminal("\n")
                el_reset(editLine)
                return .interrupted
            }
            // Ctrl-D on an empty line (count 0), or the terminal is gone: libedit leaves the cursor on the
            // prompt line, so finish it ourselves.
            writeToTerminal("\n")
            return .endOfFile
        }
        var line = WideText.string(buffer, count: Int(count))
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Writes `text` to the terminal through the same stream libedit uses, and flushes it.
    func writeToTerminal(_ text: String) {
        fputs(text, ntm_stdout())
        fflush(ntm_stdout())
    }

    private func setPrompt(_ prompt: String) {
        let replacement = WideText.allocate(Self.markingInvisibleSequences(in: prompt))
        promptBuffer.deallocate()
        promptBuffer = replacement
    }

    /// Wraps each ANSI escape sequence of `prompt` in libedit's ignore markers so it takes no columns.
    static func markingInvisibleSequences(in prompt: String) -> String {
        let marker = Unicode.Scalar(UInt8(promptIgnoreMarker))
        var result = String.UnicodeScalarView()
        var scalars = Array(prompt.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == marker { continue }
            guard scalar == "\u{1B}" else {
                result.append(scalar)
                continue
            }
            var sequence = String.UnicodeScalarView([scalar])
            if let introducer = scalars.popFirst() {
                sequence.append(introducer)
                if introducer == "[" {
                    // CSI: parameters and intermediates up to a final byte in @...~.
                    while let next = scalars.popFirst() {
                        sequence.append(next)
                        if (0x40...0x7E).contains(next.value) { break }
                    }
                } else if introducer == "]" {
                    // OSC (e.g. a window title): up to BEL or ESC \.
                    while let next = scalars.popFirst() {
                        sequence.append(next)
                        if next == "\u{07}" { break }
                        if next == "\u{1B}", scalars.first == "\\" {
                            sequence.append(scalars.removeFirst())
                            break
                        }
                    }
                }
            }
            result.append(marker)
            result.append(contentsOf: sequence)
            result.append(marker)
        }
        return String(result)
    }

    private func addEditorFunctions() {
        let name = retainedWideString("ntm-complete")
        let help = retainedWideString("Complete the word before the cursor")
        _ = ntm_el_add_fn(editLine, name, help, { editLine, _ in
            guard let editLine, let data = ntm_el_get_clientdata(editLine) else { return UInt8(CC_ERROR) }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().completeWordBeforeCursor()
        })
    }

    /// Binds our keys.
    ///
    /// The first time libedit switches the terminal to editing mode it rebinds the terminal's special
    /// characters (^R becomes "redisplay" for VREPRINT, ^W and ^U follow VWERASE and VKILL), which would undo
    /// bindings made before. So we switch to editing mode and back once first, then bind.
    private func installKeyBindings() {
        _ = ntm_el_prepare_terminal(editLine, 1)
        _ = ntm_el_prepare_terminal(editLine, 0)
        bind("^I", to: "ntm-complete")
        // Incremental search backwards through history, as in bash and zsh.
        bind("^R", to: "em-inc-search-prev")
        // Arrow keys in both the normal (CSI) and application-cursor (SS3) forms.
        bind("\\e[A", to: "ed-prev-history")
        bind("\\e[B", to: "ed-next-history")
        bind("\\eOA", to: "ed-prev-history")
        bind("\\eOB", to: "ed-next-history")
        bind("\\e[C", to: "ed-next-char")
        bind("\\e[D", to: "ed-prev-char")
        bind("\\eOC", to: "ed-next-char")
        bind("\\eOD", to: "ed-prev-char")
        bind("\\e[H", to: "ed-move-to-beg")
        bind("\\e[F", to: "ed-move-to-end")
        bind("\\e[1~", to: "ed-move-to-beg")
        bind("\\e[4~", to: "ed-move-to-end")
        bind("\\e[3~", to: "ed-delete-next-char")
        // Ctrl-Left / Ctrl-Right move by words.
        bind("\\e[1;5D", to: "ed-prev-word")
        bind("\\e[1;5C", to: "em-next-word")
    }

    private func bind(_ key: String, to command: String) {
        let wideKey = WideText.terminated(key)
        let wideCommand = WideText.terminated(command)
        wideKey.withUnsafeBufferPointer { keyPointer in
            wideCommand.withUnsafeBufferPointer { commandPointer in
                _ = ntm_el_bind(editLine, keyPointer.baseAddress, commandPointer.baseAddress)
            }
        }
    }

    private func retainedWideString(_ text: String) -> UnsafeMutablePointer<wchar_t> {
        let buffer = WideText.allocate(text)
        retainedWideStrings.append(buffer)
        return buffer
    }
}
