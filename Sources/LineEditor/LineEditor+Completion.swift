#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibEdit

/// One way to complete the word before the cursor.
public struct CompletionCandidate: Sendable, Equatable {
    /// Text that replaces the word being completed, already quoted if it needs quoting.
    public var replacement: String
    /// What a list of candidates shows.
    public var display: String
    /// An optional one-line description shown after `display` in a list.
    public var summary: String?

    public init(replacement: String, display: String? = nil, summary: String? = nil) {
        self.replacement = replacement
        self.display = display ?? replacement
        self.summary = summary
    }
}

/// The shell's answer to a Tab press.
public struct CompletionReply: Sendable {
    /// How many Unicode scalars before the cursor form the word being replaced.
    public var wordLength: Int
    /// The possible completions.
    public var candidates: [CompletionCandidate]
    /// With several candidates: a longer text to put in place of the word (their common prefix), if any.
    public var commonReplacement: String?
    /// How many more matched than ``candidates`` holds (the completer offers only the best): the
    /// list ends by saying so.
    public var more: Int

    public init(wordLength: Int, candidates: [CompletionCandidate], commonReplacement: String? = nil, more: Int = 0) {
        self.wordLength = wordLength
        self.candidates = candidates
        self.commonReplacement = commonReplacement
        self.more = max(0, more)
    }
}

extension LineEditor {
    /// Above this many candidates the user is asked before the list is printed, as bash does.
    static let candidateCountNeedingConfirmation = 100

    /// The Tab handler: asks `completer`, then completes, extends, or lists. Returns a libedit CC_* code.
    func completeWordBeforeCursor() -> UInt8 {
        guard let completer, let lineInfo = el_wline(editLine) else { return UInt8(CC_ERROR) }
        let buffer = lineInfo.pointee.buffer!
        let scalarsBeforeCursor = lineInfo.pointee.cursor - buffer
        let textBeforeCursor = WideText.string(buffer, count: scalarsBeforeCursor)

        let reply = completer(textBeforeCursor)
        let wordLength = min(max(0, reply.wordLength), scalarsBeforeCursor)
        let currentWord = String(String.UnicodeScalarView(textBeforeCursor.unicodeScalars.suffix(wordLength)))

        switch reply.candidates.count {
        case 0:
            return UInt8(CC_REFRESH_BEEP)
        case 1 where reply.more == 0:
            let replacement = reply.candidates[0].replacement
            let ending = replacement.hasSuffix("/") || replacement.hasSuffix("=") ? "" : " "
            replaceWordBeforeCursor(length: wordLength, with: replacement + ending)
            return UInt8(CC_REFRESH)
        default:
            if let common = reply.commonReplacement, !common.isEmpty, common != currentWord {
                replaceWordBeforeCursor(length: wordLength, with: common)
                return UInt8(CC_REFRESH)
            }
            return listCandidates(reply.candidates, more: reply.more)
        }
    }

    private func replaceWordBeforeCursor(length: Int, with text: String) {
        if length > 0 { ntm_el_wdeletestr(editLine, Int32(length)) }
        let wide = WideText.terminated(text)
        wide.withUnsafeBufferPointer { _ = el_winsertstr(editLine, $0.baseAddress) }
    }

    /// Prints the candidates below the line, then has libedit redraw the prompt and line.
    private func listCandidates(_ candidates: [CompletionCandidate], more: Int) -> UInt8 {
        writeToTerminal("\n")
        if candidates.count > Self.candidateCountNeedingConfirmation {
            writeToTerminal("Display all \(candidates.count) possibilities? (y or n) ")
            var answer: wchar_t = 0
            let answered = el_wgetc(editLine, &answer) == 1
            writeToTerminal("\n")
            let yes = answered && (answer == wchar_t(UInt8(ascii: "y")) || answer == wchar_t(UInt8(ascii: "Y"))
                || answer == wchar_t(UInt8(ascii: " ")))
            if !yes { return UInt8(CC_REDISPLAY) }
        }
        let width = ntm_terminal_columns(STDOUT_FILENO)
        var lines = Self.layoutCandidates(candidates, terminalWidth: width > 0 ? Int(width) : 80)
        if let note = Self.moreNote(more) { lines.append(note) }
        writeToTerminal(lines.map { $0 + "\n" }.joined())
        return UInt8(CC_REDISPLAY)
    }

    /// The line that ends a list the completer cut short: `… and 1,942 more: type more letters`.
    static func moreNote(_ more: Int) -> String? {
        guard more > 0 else { return nil }
        var digits = String(more)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return "… and \(digits + grouped) more: type more letters to narrow the list"
    }

    /// The lines that list `candidates`: `display  summary` one per line when any has a summary, otherwise
    /// the display texts in columns, filled top to bottom like `ls`.
    static func layoutCandidates(_ candidates: [CompletionCandidate], terminalWidth: Int) -> [String] {
        let gap = 2
        let displayWidths = candidates.map { WideText.displayWidth($0.display) }
        let widest = displayWidths.max() ?? 0

        if candidates.contains(where: { $0.summary?.isEmpty == false }) {
            // Keep summaries aligned, but do not let one very long name push every summary off the screen.
            let column = min(widest, max(12, terminalWidth / 2))
            return zip(candidates, displayWidths).map { candidate, displayWidth in
                guard let summary = candidate.summary, !summary.isEmpty else { return candidate.display }
                let padding = String(repeating: " ", count: max(0, column - displayWidth) + gap)
                let room = terminalWidth - max(column, displayWidth) - gap
                let shownSummary = room >= 10 ? WideText.truncated(summary, toColumns: room) : summary
                return candidate.display + padding + shownSummary
            }
        }

        let columnWidth = widest + gap
        let columns = max(1, (terminalWidth + gap) / max(1, columnWidth))
        let rows = (candidates.count + columns - 1) / columns
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < candidates.count else { break }
                let isLastInRow = (column + 1) * rows + row >= candidates.count
                line += candidates[index].display
                if !isLastInRow {
                    line += String(repeating: " ", count: columnWidth - displayWidths[index])
                }
            }
            lines.append(line)
        }
        return lines
    }
}
