import LineEditor
import ShellKit

/// Adapts libedit's `LineEditor` to the shell's `LineInput`, and the shell's completion to libedit's.
final class LineEditorInput: LineInput {
    let editor: LineEditor

    init(editor: LineEditor, shell: Shell) {
        self.editor = editor
        editor.completer = { [unowned shell] text in
            let completion = shell.complete(text)
            return CompletionReply(
                wordLength: completion.wordLength,
                candidates: completion.items.map {
                    CompletionCandidate(replacement: $0.replacement, display: $0.display, summary: $0.summary)
                },
                commonReplacement: completion.common,
                more: completion.more
            )
        }
    }

    func read(prompt: String) -> LineRead {
        switch editor.read(prompt: prompt) {
        case .line(let text): return .line(text)
        case .interrupted: return .interrupted
        case .endOfFile: return .endOfFile
        }
    }

    func addHistory(_ line: String) { editor.addHistory(line) }
    var historyEntries: [String] { editor.historyEntries }
    func setHistorySize(_ size: Int) { editor.setHistorySize(size) }
}
